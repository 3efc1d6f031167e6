package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kintsugi/app"
)

// TestWheelOverATextBoxScrollsThePage: the mouse wheel over a text box that shows all its text
// scrolls the page (the Entry's own scroll used to take it and do nothing); over a box with more
// text than it shows, it scrolls that text and leaves the page where it is.
func TestWheelOverATextBoxScrollsThePage(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepReflection)
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*reflectionScreen)
	page := pageScroll(c.body)
	if page == nil {
		t.Fatal("the step has no page scroll")
	}
	var box *TextArea
	for _, a := range s.Answers {
		if a.Visible() && fyne.CurrentApp().Driver().AbsolutePositionForObject(a).Y+a.Size().Height < r.win.Win.Canvas().Size().Height {
			box = a
			break
		}
	}
	if box == nil {
		t.Fatal("no text box in view")
	}
	over := fyne.CurrentApp().Driver().AbsolutePositionForObject(box).Add(fyne.NewPos(20, 20))
	test.Scroll(r.win.Win.Canvas(), over, 0, -60)
	if page.Offset.Y <= 0 {
		t.Fatalf("the wheel over an empty text box left the page at %.0f", page.Offset.Y)
	}

	at := page.Offset.Y
	box.SetText(strings.Repeat("A long answer that goes on and on, line after line.\n", 30))
	over = fyne.CurrentApp().Driver().AbsolutePositionForObject(box).Add(fyne.NewPos(20, 20))
	test.Scroll(r.win.Win.Canvas(), over, 0, -60)
	if page.Offset.Y != at {
		t.Errorf("the wheel over a box with more text moved the page from %.0f to %.0f", at, page.Offset.Y)
	}
}
