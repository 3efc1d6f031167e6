package screens

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"

	"kintsugi/data"
)

// TestTheRingGoesAroundTheKeyboardsLine: in the list of couples the focus ring goes around the
// line the keyboard is on, and follows it, not around the whole list (the line itself was
// marked only by Fyne's faint hover colour).
func TestTheRingGoesAroundTheKeyboardsLine(t *testing.T) {
	r := newRig(t)
	for i := range 30 {
		if _, err := r.st.CreateCase(context.Background(), data.Case{NameA: fmt.Sprintf("Ana %02d", i), NameB: "Bo", Rebuilding: data.RebuilderA}); err != nil {
			t.Fatal(err)
		}
	}
	r.win.ShowStart()
	c := r.win.Win.Canvas()
	list := r.win.Start.List
	c.Focus(list)
	for _, at := range []int{0, 3, 20, 16, 29, 25} { // down, and back up as the arrows go
		list.MoveTo(at)
		c.Capture()
		line := list.focusTarget()
		if line == nil {
			t.Fatalf("line %d: no line widget shows it", at)
		}
		if got := list.showing[line]; got != at {
			t.Fatalf("the ring's line shows %d, the keyboard is on %d", got, at)
		}
		r.win.ring.Update()
		ringDrawn(t, c.Capture(), r.win.ring, line.(fyne.CanvasObject))
		if r.win.ring.Rect.Size().Height >= list.Size().Height/2 {
			t.Errorf("line %d: the ring is %.0f high, around the list rather than a line", at, r.win.ring.Rect.Size().Height)
		}
	}
}
