package screens

import (
	"testing"

	"fyne.io/fyne/v2"

	"kintsugi/app"
)

func absY(o fyne.CanvasObject) float32 {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Y
}

// TestFocusScrollsIntoView: a control focused (as by Tab) below the visible part of the page is
// scrolled into view, and the page goes back up when focus returns to the top.
func TestFocusScrollsIntoView(t *testing.T) {
	r := newRig(t)
	c := r.sample(app.StepTracking)
	s := c.Current.(*trackingScreen)
	scroll := pageScroll(c.body)
	// The week's notes sit under the grid of twelve commitments.
	note := s.Notes[2]
	if absY(note)-absY(scroll) < scroll.Size().Height {
		t.Fatal("the notes are in view already: nothing to test")
	}
	r.win.Win.Canvas().Focus(note)
	r.win.revealFocused()
	top := absY(note) - absY(scroll)
	if scroll.Offset.Y == 0 || top < 0 || top+note.Size().Height > scroll.Size().Height {
		t.Fatalf("the focused notes are at %v in a viewport of %v (offset %v)", top, scroll.Size().Height, scroll.Offset)
	}
	r.win.Win.Canvas().Focus(c.Keyboard) // the header: the page stays
	r.win.revealFocused()
	if scroll.Offset.Y == 0 {
		t.Error("focusing the header scrolled the page")
	}
}
