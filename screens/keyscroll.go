package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyScroll is a scrolling text a keyboard can read: Fyne's scroll container takes no focus and
// no keys, so a long text in a dialog (the help) could be scrolled only with a mouse. This one
// takes focus (the ring shows it), scrolls with the arrows, Page Up/Down, Home and End, and hands
// Enter and Escape to its dialog.
type keyScroll struct {
	widget.BaseWidget
	Scroll          *container.Scroll
	confirm, cancel func()
}

func newKeyScroll(content fyne.CanvasObject) *keyScroll {
	k := &keyScroll{Scroll: container.NewVScroll(content)}
	k.ExtendBaseWidget(k)
	return k
}

func (k *keyScroll) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(k.Scroll) }

func (k *keyScroll) MinSize() fyne.Size { return k.Scroll.MinSize() }

func (k *keyScroll) setDialogKeys(confirm, cancel func()) { k.confirm, k.cancel = confirm, cancel }

func (k *keyScroll) FocusGained()     {}
func (k *keyScroll) FocusLost()       {}
func (k *keyScroll) TypedRune(r rune) {}

// TypedKey scrolls by a line, a page, or to either end.
func (k *keyScroll) TypedKey(ev *fyne.KeyEvent) {
	if dialogKey(ev, k.confirm, k.cancel) {
		return
	}
	line := 2 * k.Theme().Size(theme.SizeNameText)
	page := max(k.Scroll.Size().Height-line, line)
	end := max(k.Scroll.Content.MinSize().Height-k.Scroll.Size().Height, 0)
	y := k.Scroll.Offset.Y
	switch ev.Name {
	case fyne.KeyDown:
		y += line
	case fyne.KeyUp:
		y -= line
	case fyne.KeyPageDown, fyne.KeySpace:
		y += page
	case fyne.KeyPageUp:
		y -= page
	case fyne.KeyHome:
		y = 0
	case fyne.KeyEnd:
		y = end
	default:
		return
	}
	k.Scroll.ScrollToOffset(fyne.NewPos(0, min(max(y, 0), end)))
}
