package screens

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"kintsugi/app"
)

// menuAction finds the main-menu item with shortcut s.
func menuAction(w *Window, s fyne.Shortcut) func() {
	for _, m := range w.Win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == s.ShortcutName() {
				return it.Action
			}
		}
	}
	return nil
}

// TestStepsMoveWithoutPageKeys: the menu moves between steps with keys every keyboard has.
func TestStepsMoveWithoutPageKeys(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepHappened)
	for _, s := range []*desktop.CustomShortcut{NextStepShortcut, PrevStepShortcut} {
		if s.KeyName == fyne.KeyPageDown || s.KeyName == fyne.KeyPageUp {
			t.Errorf("%s needs a PageUp or PageDown key", s.ShortcutName())
		}
	}
	next, prev := menuAction(r.win, NextStepShortcut), menuAction(r.win, PrevStepShortcut)
	if next == nil || prev == nil {
		t.Fatal("the Steps menu lacks its shortcuts")
	}
	next()
	if c.Step != app.Journey[2] {
		t.Errorf("after next: %s", c.Step)
	}
	prev()
	prev()
	if c.Step != app.Journey[0] {
		t.Errorf("after prev twice: %s", c.Step)
	}
}

// TestHideShortcutLeavesMacOSHideAlone: on macOS Cmd+H is the system's Hide, which would leave
// the couple open behind a hidden window.
func TestHideShortcutLeavesMacOSHideAlone(t *testing.T) {
	mac := hideShortcut("darwin")
	if mac.KeyName == fyne.KeyH && mac.Modifier == fyne.KeyModifierSuper {
		t.Error("on macOS Hide now is Cmd+H, the system's Hide")
	}
	if linux := hideShortcut("linux"); linux.Modifier != fyne.KeyModifierControl || linux.KeyName != fyne.KeyH {
		t.Errorf("elsewhere Hide now is %s", linux.ShortcutName())
	}
	r := newRig(t)
	r.couple(app.StepHappened)
	hide := menuAction(r.win, HideShortcut)
	if hide == nil {
		t.Fatal("no menu item for Hide now")
	}
	hide()
	if r.win.Couple != nil || r.win.Start == nil {
		t.Error("Hide now did not return to the start screen")
	}
}

// TestWindowFitsAtAnyScale: at scale 1.5 the window opens within 1400x1000 pixels, at scale 1 at
// its designed size, and never smaller than every step's content.
func TestWindowFitsAtAnyScale(t *testing.T) {
	if got := initialSize(1); got != designedSize {
		t.Errorf("scale 1: %v", got)
	}
	for _, scale := range []float32{1.25, 1.5} {
		s := initialSize(scale)
		if w, h := s.Width*scale, s.Height*scale; w > 1400 || h > 1000 {
			t.Errorf("scale %v: %vx%v pixels", scale, w, h)
		}
	}
	r := newRig(t)
	c := r.sample(app.StepWelcome)
	for _, step := range app.Journey {
		c.Show(step)
		if m := r.win.Win.Content().MinSize(); m.Width > smallestStart.Width || m.Height > smallestStart.Height {
			t.Errorf("%s needs %v, more than the smallest window %v", step, m, smallestStart)
		}
	}
}
