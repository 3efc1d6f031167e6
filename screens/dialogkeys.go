package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne gives a key only to the focused widget, and its Select and radio items ignore Enter and
// Escape: with one of them focused, a dialog could be neither confirmed nor cancelled from the
// keyboard. These two hand both keys to their dialog (askDialog wires them) and keep every other
// key to themselves.

// dialogKeys is a control that hands Enter and Escape to its dialog.
type dialogKeys interface{ setDialogKeys(confirm, cancel func()) }

// dialogKey runs confirm or cancel for Enter or Escape and reports whether it did.
func dialogKey(ev *fyne.KeyEvent, confirm, cancel func()) bool {
	switch {
	case ev.Name == fyne.KeyEscape && cancel != nil:
		cancel()
	case (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && confirm != nil:
		confirm()
	default:
		return false
	}
	return true
}

// keySelect is a Select for a dialog.
type keySelect struct {
	widget.Select
	confirm, cancel func()
}

func newKeySelect(options []string) *keySelect {
	s := &keySelect{}
	s.Options = options
	s.ExtendBaseWidget(s)
	return s
}

func (s *keySelect) setDialogKeys(confirm, cancel func()) { s.confirm, s.cancel = confirm, cancel }

func (s *keySelect) TypedKey(ev *fyne.KeyEvent) {
	if !dialogKey(ev, s.confirm, s.cancel) {
		s.Select.TypedKey(ev)
	}
}

// keyCheck is a Check for a dialog.
type keyCheck struct {
	widget.Check
	confirm, cancel func()
}

func newKeyCheck(label string) *keyCheck {
	c := &keyCheck{}
	c.Text = label
	c.ExtendBaseWidget(c)
	return c
}

func (c *keyCheck) setDialogKeys(confirm, cancel func()) { c.confirm, c.cancel = confirm, cancel }

func (c *keyCheck) TypedKey(ev *fyne.KeyEvent) {
	if !dialogKey(ev, c.confirm, c.cancel) {
		c.Check.TypedKey(ev)
	}
}

// keyRadio is a radio group for a dialog: one focusable option per choice, arrows move the
// choice, Space chooses, Enter and Escape go to the dialog.
type keyRadio struct {
	widget.BaseWidget
	box      *fyne.Container
	Options  []string
	Selected string
	Items    []*radioOption
	confirm  func()
	cancel   func()
}

func newKeyRadio(options []string, horizontal bool) *keyRadio {
	r := &keyRadio{Options: options}
	var objs []fyne.CanvasObject
	for i, o := range options {
		item := &radioOption{group: r, index: i, Label: o}
		item.ExtendBaseWidget(item)
		r.Items = append(r.Items, item)
		objs = append(objs, item)
	}
	if horizontal {
		r.box = container.NewHBox(objs...)
	} else {
		r.box = container.NewVBox(objs...)
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *keyRadio) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *keyRadio) setDialogKeys(confirm, cancel func()) { r.confirm, r.cancel = confirm, cancel }

// SetSelected chooses an option by its text.
func (r *keyRadio) SetSelected(option string) {
	r.Selected = option
	for _, it := range r.Items {
		it.Refresh()
	}
}

// radioOption is one choice of a keyRadio.
type radioOption struct {
	widget.BaseWidget
	group   *keyRadio
	index   int
	Label   string
	focused bool
}

func (o *radioOption) selected() bool { return o.group.Selected == o.Label }

func (o *radioOption) Tapped(*fyne.PointEvent) {
	o.group.SetSelected(o.Label)
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil {
		c.Focus(o)
	}
}

func (o *radioOption) FocusGained() { o.focused = true; o.Refresh() }
func (o *radioOption) FocusLost()   { o.focused = false; o.Refresh() }

func (o *radioOption) TypedRune(r rune) {
	if r == ' ' {
		o.group.SetSelected(o.Label)
	}
}

func (o *radioOption) TypedKey(ev *fyne.KeyEvent) {
	if dialogKey(ev, o.group.confirm, o.group.cancel) {
		return
	}
	step := 0
	switch ev.Name {
	case fyne.KeyDown, fyne.KeyRight:
		step = 1
	case fyne.KeyUp, fyne.KeyLeft:
		step = -1
	default:
		return
	}
	items := o.group.Items
	next := items[(o.index+step+len(items))%len(items)]
	o.group.SetSelected(next.Label)
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil {
		c.Focus(next)
	}
}

func (o *radioOption) CreateRenderer() fyne.WidgetRenderer {
	r := &radioOptionRenderer{o: o, label: canvas.NewText("", color.Black)}
	r.focus.FillColor = color.Transparent
	r.update()
	return r
}

type radioOptionRenderer struct {
	o         *radioOption
	focus     canvas.Circle
	icon, out canvas.Image
	label     *canvas.Text
}

func (r *radioOptionRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{&r.focus, &r.icon, &r.out, r.label}
}

func (r *radioOptionRenderer) Destroy() {}

func (r *radioOptionRenderer) MinSize() fyne.Size {
	th := r.o.Theme()
	pad := th.Size(theme.SizeNameInnerPadding) * 2
	return r.label.MinSize().AddWidthHeight(pad+th.Size(theme.SizeNameInlineIcon)+th.Size(theme.SizeNamePadding), pad)
}

func (r *radioOptionRenderer) Layout(size fyne.Size) {
	th := r.o.Theme()
	inner, border, icon := th.Size(theme.SizeNameInnerPadding), th.Size(theme.SizeNameInputBorder), th.Size(theme.SizeNameInlineIcon)
	focus := fyne.NewSquareSize(icon + inner)
	r.focus.Resize(focus)
	r.focus.Move(fyne.NewPos(border, (size.Height-focus.Height)/2))
	r.label.Resize(size)
	r.label.Move(fyne.NewPos(focus.Width+th.Size(theme.SizeNamePadding), 0))
	at := fyne.NewPos(inner/2+border, (size.Height-icon)/2)
	for _, img := range []*canvas.Image{&r.icon, &r.out} {
		img.Resize(fyne.NewSquareSize(icon))
		img.Move(at)
	}
}

func (r *radioOptionRenderer) Refresh() {
	r.update()
	canvas.Refresh(r.o)
}

// update draws the option as Fyne draws a radio item, so dialogs look as they did.
func (r *radioOptionRenderer) update() {
	th := r.o.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.label.Text = r.o.Label
	r.label.TextSize = th.Size(theme.SizeNameText)
	r.label.Color = th.Color(theme.ColorNameForeground, v)
	out := theme.NewThemedResource(th.Icon(theme.IconNameRadioButton))
	out.ColorName = theme.ColorNameInputBorder
	in := theme.NewThemedResource(th.Icon(theme.IconNameRadioButtonFill))
	in.ColorName = theme.ColorNameInputBackground
	if r.o.selected() {
		in.ColorName, out.ColorName = theme.ColorNamePrimary, theme.ColorNameForeground
	}
	r.icon.Resource, r.out.Resource = in, out
	r.icon.Refresh()
	r.out.Refresh()
	r.focus.FillColor = color.Transparent
	if r.o.focused {
		r.focus.FillColor = th.Color(theme.ColorNameFocus, v)
	}
	r.focus.Refresh()
}

// dialogButton is a button in a dialog: Enter presses it, as Space does, and Escape cancels the
// dialog. Fyne's Button takes only Space, so with a dialog's button focused neither key did
// anything. A button in a dialog's content gets its dialog's Escape from askDialog.keys.
type dialogButton struct {
	widget.Button
	cancel  func()
	onFocus func() // places the ring around it, which no window's ring draws (in a pop-up)
}

func (b *dialogButton) FocusGained() {
	b.Button.FocusGained()
	if b.onFocus != nil {
		b.onFocus()
	}
}

func newDialogButton(label string, tapped, cancel func()) *dialogButton {
	b := &dialogButton{cancel: cancel}
	b.Text, b.OnTapped = label, tapped
	b.ExtendBaseWidget(b)
	return b
}

// setDialogKeys takes only the dialog's cancel: Enter presses the button itself.
func (b *dialogButton) setDialogKeys(_, cancel func()) { b.cancel = cancel }

func (b *dialogButton) TypedKey(ev *fyne.KeyEvent) {
	if !dialogKey(ev, func() { b.Tapped(nil) }, b.cancel) {
		b.Button.TypedKey(ev)
	}
}
