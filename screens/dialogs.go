package screens

import (
	"unicode"
	"unicode/utf8"

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
//
// Every dialog of the window is one: a question, a form, or a message with one button (tell).
// So every dialog draws the focus ring and closes by keyboard the same way; Fyne's own
// information and error dialogs did neither.
type askDialog struct {
	Dialog  *dialog.CustomDialog
	Confirm *dialogButton
	Cancel  *dialogButton // nil in a message, which has one button
	Fields  []*field      // wired to Enter and Escape, the first one focused on opening
	win     *Window
	ring    *focusRing // the focus ring inside the dialog, which the window's cannot draw over
	// onConfirm does the dialog's work; it returns false to stay open (it then says why inside).
	onConfirm func() bool
	onCancel  func()
	prevKey   func(*fyne.KeyEvent)
	prev      *askDialog // the dialog under this one, which has the keys again when this one closes
	// opener had the keyboard when the dialog opened (the button that opened it, often): it
	// has it again when the dialog closes, so a keyboard user goes on from where they were.
	opener fyne.Focusable
	// control is the first control other than a field (a choice, a list), focused on opening
	// when there is no field: the ring then shows where the keyboard is.
	control fyne.Focusable
	open    bool
	// enterSaysNo: Enter with nothing focused answers no (confirmRisky).
	enterSaysNo bool
}

// newAskDialog makes a dialog with a Cancel and a Confirm button, or only Confirm when cancel
// is empty.
func newAskDialog(w *Window, title, confirm, cancel string, content fyne.CanvasObject, onConfirm func() bool) *askDialog {
	a := &askDialog{win: w, onConfirm: onConfirm, ring: newFocusRing(w.Win), opener: w.focusedOrLast()}
	a.ring.inDialog = true
	a.Dialog = dialog.NewCustomWithoutButtons(title, withFocusRing(a.ring, content), w.Win)
	a.Confirm = newDialogButton(confirm, a.confirm, a.cancel)
	a.Confirm.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{a.Confirm}
	if cancel != "" {
		a.Cancel = newDialogButton(cancel, a.cancel, a.cancel)
		buttons = []fyne.CanvasObject{a.Cancel, a.Confirm}
	}
	a.Dialog.SetButtons(buttons)
	return a
}

// show opens the dialog with fields wired to Enter and Escape, the first one focused; without
// fields its first control (keys) is focused, and a message focuses its one button. Focus moves after the event that opened the dialog has been
// delivered, so that the key which pressed the button (Space) is not typed into the field.
func (a *askDialog) show(fields ...*field) {
	a.takeKeys()
	a.Fields = fields
	for _, f := range fields {
		f.onEscape = a.cancel
		if f.OnSubmitted == nil {
			f.OnSubmitted = func(string) { a.confirm() }
		}
	}
	a.Dialog.Show()
	var first fyne.Focusable
	switch {
	case len(fields) > 0:
		first = fields[0]
	case a.control != nil:
		first = a.control
	case a.Cancel == nil:
		first = a.Confirm
	default:
		return
	}
	c := a.win.Win.Canvas()
	a.win.afterEvent(func() {
		if a.open {
			c.Focus(first)
		}
	})
}

// takeKeys makes this the dialog on top: Enter and Escape with nothing focused come to it.
func (a *askDialog) takeKeys() {
	c := a.win.Win.Canvas()
	a.prevKey = c.OnTypedKey()
	c.SetOnTypedKey(a.typedKey)
	a.open = true
	a.prev = a.win.Dialog
	a.win.Dialog = a
}

// keys wires controls other than text fields (a choice, a list) to Enter and Escape.
func (a *askDialog) keys(controls ...dialogKeys) {
	for _, c := range controls {
		c.setDialogKeys(a.confirm, a.cancel)
		if f, ok := c.(fyne.Focusable); ok && a.control == nil {
			a.control = f
		}
	}
}

func (a *askDialog) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if a.enterSaysNo {
			a.cancel()
			return
		}
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
		a.giveBack()
		return
	}
	a.reopen(focused)
}

// reopen shows the dialog again, as it was, after its work refused what was typed, with the
// keyboard back in the field that had it, or in the first field: a click on the button takes
// focus away, and the person then typed into nothing.
func (a *askDialog) reopen(focused fyne.Focusable) {
	a.takeKeys()
	a.Dialog.Show()
	if !a.isField(focused) && len(a.Fields) > 0 {
		focused = a.Fields[0]
	}
	if c := a.win.Win.Canvas(); focused != nil {
		c.Focus(focused)
	}
}

// isField reports whether f is one of the dialog's text fields.
func (a *askDialog) isField(f fyne.Focusable) bool {
	for _, field := range a.Fields {
		if fyne.Focusable(field) == f {
			return true
		}
	}
	return false
}

func (a *askDialog) cancel() {
	if !a.open {
		return
	}
	a.close()
	if a.onCancel != nil {
		a.onCancel()
	}
	a.giveBack()
}

// close hides the dialog and gives the keys back to what had them before, the dialog under it
// if any. A dialog closed while another lies above it leaves that one the keys.
func (a *askDialog) close() {
	a.open = false
	if a.win.Dialog == a {
		a.win.Dialog = a.prev
		a.win.Win.Canvas().SetOnTypedKey(a.prevKey)
	} else {
		for d := a.win.Dialog; d != nil; d = d.prev {
			if d.prev == a {
				d.prev, d.prevKey = a.prev, a.prevKey
				break
			}
		}
	}
	a.prev = nil
	a.Dialog.Hide()
}

// focusedOrLast is what has the keyboard, or had it until a moment ago: a button pressed with
// Space gives up focus before it runs its action (Fyne's Button.Tapped), and the window's last
// look (revealFocused) still knows it.
func (w *Window) focusedOrLast() fyne.Focusable {
	if f := w.Win.Canvas().Focused(); f != nil {
		return f
	}
	return w.lastFocused
}

// giveBack gives the keyboard back to what had it when the dialog opened, once the dialog's
// work is done: the screen the work showed may have left the opener behind, and Fyne then
// refuses to focus it (nothing has focus, as before).
func (a *askDialog) giveBack() {
	if a.opener != nil && !a.open {
		a.win.Win.Canvas().Focus(a.opener)
	}
}

// confirmDialog asks a yes-or-no question; Enter answers yes and Escape no.
func (w *Window) confirmDialog(title, message, yes, no string, then func(ok bool)) *askDialog {
	a := newAskDialog(w, title, yes, no, wrapped(message), func() bool { then(true); return true })
	a.onCancel = func() { then(false) }
	a.show()
	a.fit(messageWidth)
	return a
}

// confirmRisky asks before something that cannot be taken back or that exposes the couple's
// words (deleting, exporting without protection): the keyboard starts on the "no" button, and
// Enter with nothing focused answers no, so a stray Enter never does it. Tab to the "yes"
// button and Enter or Space does it; Escape answers no.
func (w *Window) confirmRisky(title, message, yes, no string, then func(ok bool)) *askDialog {
	a := w.confirmDialog(title, message, yes, no, then)
	a.enterSaysNo = true // read when a key comes, so setting it once the dialog shows is in time
	w.afterEvent(func() {
		if a.open {
			w.Win.Canvas().Focus(a.Cancel)
		}
	})
	return a
}

// messageWidth is a message's and a question's width: a line of about 60 characters.
const messageWidth = 460

// fit gives the open dialog width and the height its content needs at that width. Wrapped text
// asks for the height of its lines at the width it last had (at first its narrowest, one word a
// line), so one resize lays it out at width and a second fits the height to it.
func (a *askDialog) fit(width float32) {
	a.Dialog.Resize(fyne.NewSize(width, 0))
	a.Dialog.Resize(fyne.NewSize(width, 0))
}

// tell shows a message with one button, Close, focused: Enter, Escape or a tap closes it. The
// message's width is fixed, so a long line (a file's path in an error) wraps instead of
// widening the dialog past the window.
func (w *Window) tell(title string, content fyne.CanvasObject) *askDialog {
	a := newAskDialog(w, title, w.state.Content().T("ui.close"), "", content, nil)
	a.show()
	a.fit(messageWidth)
	return a
}

// showInfo says something in a message.
func (w *Window) showInfo(title, text string) *askDialog { return w.tell(title, wrapped(text)) }

// showError says what went wrong in a message, its first letter a capital as in a sentence.
func (w *Window) showError(err error) *askDialog {
	text := w.damageText(err)
	if r, size := utf8.DecodeRuneInString(text); r != utf8.RuneError {
		text = string(unicode.ToUpper(r)) + text[size:]
	}
	return w.showInfo(w.state.Content().T("ui.error.title"), text)
}
