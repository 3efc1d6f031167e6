package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

func TestWelcomeBothPartnersConfirm(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepWelcome)
	s := c.Current.(*welcomeScreen)
	test.Tap(s.Confirm[data.PartnerA])
	test.Tap(s.Confirm[data.PartnerB])
	d := r.dossier()
	if d.Decision(data.DecisionWelcome, data.PartnerA) != data.DecisionYes || d.Decision(data.DecisionWelcome, data.PartnerB) != data.DecisionYes {
		t.Fatalf("decisions after both confirmed: %+v", d.Decisions)
	}
	if got := app.Progress(r.state.Content(), d, app.StepWelcome); got != 1 {
		t.Errorf("welcome progress = %v, want 1", got)
	}
	test.Tap(s.Confirm[data.PartnerB]) // Alex takes it back
	if d := r.dossier(); d.Decision(data.DecisionWelcome, data.PartnerB) != "" {
		t.Errorf("withdrawn confirmation still stored: %+v", d.Decisions)
	}
}

func TestWelcomeNobodyConfirmsForTheOther(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepWelcome)
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*welcomeScreen)
	if !s.Confirm[data.PartnerB].Disabled() || s.Confirm[data.PartnerA].Disabled() {
		t.Fatal("with Sam at the keyboard only Sam's confirmation may be ticked")
	}
	test.Tap(s.Confirm[data.PartnerB])
	if d := r.dossier(); d.Decision(data.DecisionWelcome, data.PartnerB) != "" {
		t.Error("a disabled confirmation was stored")
	}
}

// TestWelcomeTellsWhereTrustBegins: the background on basic trust (Erikson) has a place in the
// window, not only on paper.
func TestWelcomeTellsWhereTrustBegins(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepWelcome)
	shown := strings.Join(texts(c.Current.View()), "\n")
	e := r.state.Content().Entry("READ-ERIKSON")
	first := strings.SplitN(e.Text, "\n\n", 2)[0]
	if !strings.Contains(shown, e.Title) || !strings.Contains(shown, first) {
		t.Errorf("Welcome does not show %q", e.Title)
	}
}
