package screens

import (
	"testing"

	"fyne.io/fyne/v2"

	"kintsugi/app"
)

// TestScrollKeptWhenTheStepRebuilds: switching who is at the keyboard rebuilds the step; the page
// stays where it was read. Going to another step starts at its top.
func TestScrollKeptWhenTheStepRebuilds(t *testing.T) {
	r := newRig(t)
	c := r.sample(app.StepCommitments)
	s := pageScroll(c.body)
	if s == nil {
		t.Fatal("no scrolling page")
	}
	s.ScrollToOffset(fyne.NewPos(0, 900))
	if s.Offset.Y != 900 {
		t.Fatalf("could not scroll: %v", s.Offset)
	}
	c.SetKeyboard(app.KeyboardA)
	if got := pageScroll(c.body); got == s || got.Offset.Y != 900 {
		t.Errorf("after switching partner the page is at %v", got.Offset)
	}
	c.Show(app.StepAgreement)
	if got := pageScroll(c.body); got.Offset.Y != 0 {
		t.Errorf("another step opens at %v", got.Offset)
	}
}
