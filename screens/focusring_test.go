package screens

import (
	"image/png"
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
		// the stroke (2) plus a gap of 2-3 between it and the control
		if g < ringStroke+2 || g > ringStroke+3 {
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
		if got := contrast(r.ring.Rect.StrokeColor, bg); got < 3 {
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
