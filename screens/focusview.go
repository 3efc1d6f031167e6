package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Fyne moves focus with Tab but does not scroll to it: a control focused below the fold stayed
// out of sight. Fyne has no focus-change event either, so the window looks a few times a second
// (focusring.go's watch; cheap: nothing happens until the focus moves).

// revealFocused scrolls the step's page so that the focused control is in view, when it has
// moved since the last look.
func (w *Window) revealFocused() {
	f := w.Win.Canvas().Focused()
	if f == w.lastFocused {
		return
	}
	w.lastFocused = f
	obj, ok := f.(fyne.CanvasObject)
	if !ok || w.Couple == nil {
		return
	}
	scroll := pageScroll(w.Couple.body)
	if scroll == nil || !w.onPage(obj) {
		return
	}
	revealIn(scroll, obj)
}

// revealIn scrolls s the least that shows obj whole, with a little room around it.
func revealIn(s *container.Scroll, obj fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(obj).Y - d.AbsolutePositionForObject(s).Y
	const room = 12
	switch bottom := top + obj.Size().Height; {
	case top < 0:
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, max(s.Offset.Y+top-room, 0)))
	case bottom > s.Size().Height:
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, s.Offset.Y+bottom-s.Size().Height+room))
	}
}

// onPage reports whether a focused object is on the step's page: anything but a dialog, the
// notes page and the window's frame around the page (header, sidebar, footer).
func (w *Window) onPage(obj fyne.CanvasObject) bool {
	if w.Win.Canvas().Overlays().Top() != nil || w.Notes != nil {
		return false // a dialog, or the therapist's notes shown in place of the steps
	}
	c := w.Couple
	for _, frame := range []fyne.CanvasObject{c.Back, c.Keyboard, c.HideNow, c.Help, c.Sidebar, c.Prev, c.Next} {
		if obj == frame {
			return false
		}
	}
	return true
}

// ringClip is the area a focused object is seen through: the step's scrolled page for what is on
// it, else the whole window.
func (w *Window) ringClip(obj fyne.CanvasObject) fyne.CanvasObject {
	if w.Couple == nil || !w.onPage(obj) {
		return nil
	}
	if s := pageScroll(w.Couple.body); s != nil {
		return s
	}
	return nil
}

// show makes content the window's, under the focus ring.
func (w *Window) show(content fyne.CanvasObject) {
	w.Win.SetContent(withFocusRing(w.ring, content))
}
