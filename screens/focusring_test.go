package screens

import (
	"image"
	"image/png"
	"math"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ringRig is a window with a gold button, a check and a plain button under a focus ring.
type ringRig struct {
	win   fyne.Window
	ring  *focusRing
	gold  *widget.Button
	check *widget.Check
	plain *widget.Button
	taps  int
}

func newRingRig(t *testing.T, v fyne.ThemeVariant) *ringRig {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(fixedVariant{newCalmTheme(), v})
	r := &ringRig{check: widget.NewCheck("Agreed", nil), plain: widget.NewButton("Later", nil)}
	r.gold = widget.NewButton("Sign", func() { r.taps++ })
	r.gold.Importance = widget.HighImportance
	r.win = test.NewWindow(nil)
	r.ring = newFocusRing(r.win)
	r.win.SetContent(withFocusRing(r.ring, container.NewPadded(container.NewVBox(r.gold, r.check, r.plain))))
	r.win.Resize(fyne.NewSize(300, 200))
	t.Cleanup(r.win.Close)
	return r
}

// surrounds checks that the ring lies just outside obj's bounds on every side.
func (r *ringRig) surrounds(t *testing.T, what string, obj fyne.CanvasObject) {
	t.Helper()
	if !r.ring.Rect.Visible() {
		t.Fatalf("%s focused: no ring", what)
	}
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(obj)
	ringAt, ringSize := d.AbsolutePositionForObject(r.ring.Rect), r.ring.Rect.Size()
	gaps := []float32{
		at.X - ringAt.X, at.Y - ringAt.Y,
		ringAt.X + ringSize.Width - (at.X + obj.Size().Width), ringAt.Y + ringSize.Height - (at.Y + obj.Size().Height),
	}
	for _, g := range gaps {
		// the stroke plus the gap between it and the control, never touching the control
		if g < ringStroke+ringGap-0.5 || g > ringStroke+ringGap+0.5 {
			t.Fatalf("%s focused: ring at %v %v, control at %v %v: gaps %v", what, ringAt, ringSize, at, obj.Size(), gaps)
		}
	}
}

// TestFocusRingFollowsFocus: the ring surrounds the focused gold button, then the check it moves
// to, and is gone when nothing has focus; it is drawn in pixels, above the controls, and its
// colour stands 3:1 from the page in both variants.
func TestFocusRingFollowsFocus(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		r := newRingRig(t, v)
		r.ring.Update()
		if r.ring.Rect.Visible() {
			t.Errorf("%s: a ring with nothing focused", variantName(v))
		}
		r.win.Canvas().Focus(r.gold)
		r.ring.Update()
		r.surrounds(t, variantName(v)+" gold button", r.gold)
		bg := theme.Color(theme.ColorNameBackground)
		if got := contrast(r.ring.colour, bg); got < 3 {
			t.Errorf("%s: ring against the page %.2f:1", variantName(v), got)
		}
		// Between the ring's top and the button's, midway across, some pixel is the ring's.
		d := fyne.CurrentApp().Driver()
		ringAt, at := d.AbsolutePositionForObject(r.ring.Rect), d.AbsolutePositionForObject(r.gold)
		img, x, drawn := r.win.Canvas().Capture(), int(at.X+r.gold.Size().Width/2), false
		for y := int(ringAt.Y); y < int(at.Y); y++ {
			drawn = drawn || contrast(img.At(x, y), bg) >= 3
		}
		if !drawn {
			t.Errorf("%s: no pixel of the ring above the button", variantName(v))
		}

		test.FocusNext(r.win.Canvas())
		if r.win.Canvas().Focused() != r.check {
			t.Fatalf("Tab went to %T", r.win.Canvas().Focused())
		}
		r.ring.Update()
		r.surrounds(t, variantName(v)+" check", r.check)

		r.win.Canvas().Unfocus()
		r.ring.Update()
		if r.ring.Rect.Visible() {
			t.Errorf("%s: the ring stayed after focus left", variantName(v))
		}
	}
}

// TestFocusRingLetsTapsThrough: the ring's layer lies over the whole content, yet a tap at a
// button's place still reaches the button.
func TestFocusRingLetsTapsThrough(t *testing.T) {
	r := newRingRig(t, theme.VariantLight)
	r.win.Canvas().Focus(r.gold)
	r.ring.Update()
	d := fyne.CurrentApp().Driver()
	centre := d.AbsolutePositionForObject(r.gold).Add(fyne.NewPos(r.gold.Size().Width/2, r.gold.Size().Height/2))
	test.TapCanvas(r.win.Canvas(), centre)
	if r.taps != 1 {
		t.Fatalf("a tap at the focused button reached it %d times", r.taps)
	}
	checkAt := d.AbsolutePositionForObject(r.check).Add(fyne.NewPos(10, r.check.Size().Height/2))
	test.TapCanvas(r.win.Canvas(), checkAt)
	if !r.check.Checked {
		t.Fatal("a tap at the check under the ring did not check it")
	}
}

// TestEveryScreenHasTheFocusRing: the start list, a couple's step and the safety page all show
// the ring around what has focus; a dialog, which marks its own focus, hides it.
func TestEveryScreenHasTheFocusRing(t *testing.T) {
	r := newRig(t)
	w := r.win
	shows := func(where string, obj fyne.Focusable) {
		t.Helper()
		w.Win.Canvas().Focus(obj)
		w.ring.Update()
		if !w.ring.Rect.Visible() {
			t.Fatalf("%s: no ring around the focused control", where)
		}
		o := obj.(fyne.CanvasObject)
		d := fyne.CurrentApp().Driver()
		at, ringAt := d.AbsolutePositionForObject(o), d.AbsolutePositionForObject(w.ring.Rect)
		if ringAt.X > at.X || ringAt.Y > at.Y {
			t.Fatalf("%s: ring at %v does not surround the control at %v", where, ringAt, at)
		}
	}
	shows("start", w.Start.Sample)
	c := r.sample("letter")
	shows("a step", c.Next)
	w.Win.Canvas().Overlays().Add(widget.NewModalPopUp(widget.NewLabel("a dialog"), w.Win.Canvas()))
	w.ring.Update()
	if w.ring.Rect.Visible() {
		t.Error("the ring shows over a dialog")
	}
	w.Win.Canvas().Overlays().Top().Hide()
	w.Win.Canvas().Overlays().Remove(w.Win.Canvas().Overlays().Top())
	w.ShowSafety()
	w.ring.Update()
	if w.ring.Rect.Visible() {
		t.Error("the ring stayed around a control of the screen left behind")
	}
}

// TestDialogsHaveTheFocusRing: inside one of our dialogs, where the window's ring cannot draw
// (the dialog lies above it), the dialog's own ring surrounds the focused field and the
// dialog's buttons, and the window's ring stays hidden.
func TestDialogsHaveTheFocusRing(t *testing.T) {
	r := newRig(t)
	w := r.win
	test.Tap(w.Start.NewCouple)
	if w.Dialog == nil {
		t.Fatal("the new couple dialog did not open")
	}
	d := fyne.CurrentApp().Driver()
	for _, obj := range []fyne.Focusable{w.Start.NewForm.NameA, w.Dialog.Confirm, w.Dialog.Cancel} {
		w.Win.Canvas().Focus(obj)
		w.ring.Update()
		w.Dialog.ring.Update()
		if w.ring.Rect.Visible() {
			t.Error("the window's ring shows under the dialog")
		}
		ring := w.Dialog.ring.Rect
		if !ring.Visible() {
			t.Fatalf("no ring around the dialog's %T", obj)
		}
		o := obj.(fyne.CanvasObject)
		at, ringAt := d.AbsolutePositionForObject(o), d.AbsolutePositionForObject(ring)
		if ringAt.X >= at.X || ringAt.Y >= at.Y ||
			ringAt.X+ring.Size().Width <= at.X+o.Size().Width || ringAt.Y+ring.Size().Height <= at.Y+o.Size().Height {
			t.Errorf("the ring at %v %v does not surround the %T at %v %v", ringAt, ring.Size(), obj, at, o.Size())
		}
	}
	if os.Getenv("KINTSUGI_SHOT") != "" {
		f, _ := os.Create(os.Getenv("KINTSUGI_SHOT"))
		png.Encode(f, w.Win.Canvas().Capture())
		f.Close()
	}
}

// TestFocusRingClearsTheNeighbour: where two buttons stand theme.Padding() (4) apart, on the
// start screen's row and in a dialog's row, the ring of the focused one keeps a pixel clear of
// its neighbour, in geometry and in what is drawn: the neighbour's pixels are the same with its
// neighbour focused as with nothing focused. At 3 out and 2 wide the ring lay over it.
func TestFocusRingClearsTheNeighbour(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		r := newRig(t)
		fyne.CurrentApp().Settings().SetTheme(fixedVariant{newCalmTheme(), v})
		w, c := r.win, r.win.Win.Canvas()
		clear := func(where string, ring *focusRing, focused fyne.Focusable, neighbour fyne.CanvasObject) {
			t.Helper()
			where = variantName(v) + " " + where
			d := fyne.CurrentApp().Driver()
			f := focused.(fyne.CanvasObject)
			fAt, nAt := d.AbsolutePositionForObject(f), d.AbsolutePositionForObject(neighbour)
			apart := max(nAt.X-(fAt.X+f.Size().Width), fAt.X-(nAt.X+neighbour.Size().Width))
			if apart > theme.Padding()+0.5 {
				t.Fatalf("%s: the buttons stand %v apart, not %v", where, apart, theme.Padding())
			}
			// The neighbour's pixels, as the window rounds its edges, and one more all round.
			px := func(v float32) int { return int(math.Round(float64(v))) }
			nx0, nx1 := px(nAt.X), px(nAt.X+neighbour.Size().Width)
			box := image.Rect(nx0-1, px(nAt.Y)-1, nx1+1, px(nAt.Y+neighbour.Size().Height)+1)
			c.Unfocus()
			ring.Update()
			before := c.Capture()
			c.Focus(focused)
			ring.Update()
			if !ring.Rect.Visible() {
				t.Fatalf("%s: no ring", where)
			}
			rAt, rSize := d.AbsolutePositionForObject(ring.Rect), ring.Rect.Size()
			// At least one whole pixel between the ring's outer edge and the neighbour's bounds.
			if px(rAt.X+rSize.Width) > nx0-1 && nx1 > px(rAt.X)-1 {
				t.Errorf("%s: ring on pixels %v to %v, neighbour on %d to %d", where,
					rAt.X, rAt.X+rSize.Width, nx0, nx1)
			}
			after := c.Capture()
			for y := box.Min.Y; y < box.Max.Y; y++ {
				for x := box.Min.X; x < box.Max.X; x++ {
					if before.At(x, y) != after.At(x, y) {
						t.Fatalf("%s: focusing its neighbour changed the pixel (%d,%d) at the neighbour's edge: %v, was %v",
							where, x, y, after.At(x, y), before.At(x, y))
					}
				}
			}
		}
		s := w.Start
		clear("start, new couple", w.ring, s.NewCouple, s.Sample)
		clear("start, example couple", w.ring, s.Sample, s.NewCouple)
		clear("start, import", w.ring, s.Import, s.PrintBlank)
		test.Tap(s.NewCouple)
		clear("dialog, cancel", w.Dialog.ring, w.Dialog.Cancel, w.Dialog.Confirm)
		clear("dialog, confirm", w.Dialog.ring, w.Dialog.Confirm, w.Dialog.Cancel)
	}
}
