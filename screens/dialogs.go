package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// field is an Entry that hands Escape to its dialog: an Entry ignores Escape, and Fyne gives keys
// only to the focused widget, so without this Escape did nothing while typing in a dialog.
type field struct {
	widget.Entry
	onEscape func()
}

func newField() *field {
	f := &field{}
	f.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	f.ExtendBaseWidget(f)
	return f
}

// newPasswordField hides what is typed; the Entry adds its own button to reveal it.
func newPasswordField() *field {
	f := newField()
	f.Password = true
	return f
}

// TypedKey gives Escape to the dialog and everything else to the Entry.
func (f *field) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && f.onEscape != nil {
		f.onEscape()
		return
	}
	f.Entry.TypedKey(ev)
}

// askDialog is a dialog made for the keyboard: Enter confirms and Escape cancels, from any of its
// fields or when nothing has focus, and its first field has focus when it opens.
type askDialog struct {
	Dialog  *dialog.CustomDialog
	Confirm *widget.Button
	Cancel  *widget.Button
	Fields  []*field // wired to Enter and Escape, the first one focused on opening
	win     *Window
	ring    *focusRing // the focus ring inside the dialog, which the window's cannot draw over
	// onConfirm does the dialog's work; it returns false to stay open (it then says why inside).
	onConfirm func() bool
	onCancel  func()
	prevKey   func(*fyne.KeyEvent)
	open      bool
}

func newAskDialog(w *Window, title, confirm, cancel string, content fyne.CanvasObject, onConfirm func() bool) *askDialog {
	a := &askDialog{win: w, onConfirm: onConfirm, ring: newFocusRing(w.Win)}
	a.ring.inDialog = true
	a.Dialog = dialog.NewCustomWithoutButtons(title, withFocusRing(a.ring, content), w.Win)
	a.Confirm = widget.NewButton(confirm, a.confirm)
	a.Confirm.Importance = widget.HighImportance
	a.Cancel = widget.NewButton(cancel, a.cancel)
	a.Dialog.SetButtons([]fyne.CanvasObject{a.Cancel, a.Confirm})
	return a
}

// show opens the dialog with fields wired to Enter and Escape, the first one focused. Focus moves
// after the event that opened the dialog has been delivered, so that the key which pressed the
// button (Space) is not typed into the field.
func (a *askDialog) show(fields ...*field) {
	c := a.win.Win.Canvas()
	a.prevKey = c.OnTypedKey()
	c.SetOnTypedKey(a.typedKey)
	a.open = true
	a.Fields = fields
	a.win.Dialog = a
	for _, f := range fields {
		f.onEscape = a.cancel
		if f.OnSubmitted == nil {
			f.OnSubmitted = func(string) { a.confirm() }
		}
	}
	a.Dialog.Show()
	if len(fields) > 0 {
		first := fields[0]
		a.win.afterEvent(func() {
			if a.open {
				c.Focus(first)
			}
		})
	}
}

// keys wires controls other than text fields (a choice, a list) to Enter and Escape.
func (a *askDialog) keys(controls ...dialogKeys) {
	for _, c := range controls {
		c.setDialogKeys(a.confirm, a.cancel)
	}
}

func (a *askDialog) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		a.confirm()
	case fyne.KeyEscape:
		a.cancel()
	}
}

func (a *askDialog) confirm() {
	if !a.open {
		return
	}
	// The dialog closes before its work runs: a dialog that work opens (an error, a report) sits
	// above this one, and closing this one afterwards would take it away too.
	c := a.win.Win.Canvas()
	focused := c.Focused()
	a.close()
	if a.onConfirm == nil || a.onConfirm() {
		return
	}
	a.reopen(focused)
}

// reopen shows the dialog again, as it was, after its work refused what was typed.
func (a *askDialog) reopen(focused fyne.Focusable) {
	c := a.win.Win.Canvas()
	a.prevKey = c.OnTypedKey()
	c.SetOnTypedKey(a.typedKey)
	a.open = true
	a.win.Dialog = a
	a.Dialog.Show()
	if focused != nil {
		c.Focus(focused)
	}
}

func (a *askDialog) cancel() {
	if !a.open {
		return
	}
	a.close()
	if a.onCancel != nil {
		a.onCancel()
	}
}

func (a *askDialog) close() {
	a.open = false
	if a.win.Dialog == a {
		a.win.Dialog = nil
	}
	a.win.Win.Canvas().SetOnTypedKey(a.prevKey)
	a.Dialog.Hide()
}

// confirmDialog asks a yes-or-no question; Enter answers yes and Escape no.
func (w *Window) confirmDialog(title, message, yes, no string, then func(ok bool)) *askDialog {
	a := newAskDialog(w, title, yes, no, wrapped(message), func() bool { then(true); return true })
	a.onCancel = func() { then(false) }
	a.Dialog.Resize(fyne.NewSize(460, 0))
	a.show()
	return a
}
