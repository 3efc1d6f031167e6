package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

// holds reports whether o shows widget w anywhere under it.
func holds(o fyne.CanvasObject, w fyne.CanvasObject) bool {
	if o == w {
		return true
	}
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			if holds(c, w) {
				return true
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			if holds(c, w) {
				return true
			}
		}
	}
	return false
}

// TestOtherPartnersChoicesReadAsText: with one partner at the keyboard, the other's decision to
// go on and the hurt partner's trust rating are words to read, not greyed-out controls.
func TestOtherPartnersChoicesReadAsText(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepTalk)
	s := c.Current.(*talkScreen)
	s.Decision[data.PartnerB].SetSelected(r.state.Content().T("ui.talk.yes")) // both at the keyboard: Alex chooses
	r.state.Flush()
	c.SetKeyboard(app.KeyboardA)
	s = c.Current.(*talkScreen)
	view := r.win.Win.Content()
	if holds(view, s.Decision[data.PartnerB]) {
		t.Error("Alex's decision is a greyed-out control for Sam")
	}
	if !strings.Contains(strings.Join(texts(view), "\n"), r.state.Content().T("ui.talk.yes")) {
		t.Error("Alex's decision is not shown as text")
	}

	c.SetKeyboard(app.KeyboardBoth)
	c.Show(app.StepTracking)
	tr := c.Current.(*trackingScreen)
	tr.rate(7)
	r.state.Flush()
	c.SetKeyboard(app.KeyboardA) // Sam is rebuilding trust: Alex gives the rating
	c.Show(app.StepTracking)
	tr = c.Current.(*trackingScreen)
	if holds(r.win.Win.Content(), tr.Trust[7]) {
		t.Error("the rating is a row of greyed-out buttons for Sam")
	}
	if !strings.Contains(strings.Join(texts(r.win.Win.Content()), "\n"), "7 out of 10") {
		t.Error("the rating is not shown as text")
	}
}
