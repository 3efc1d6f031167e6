package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

func TestRulesShowNotesAndCountAcknowledgements(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepRules)
	s := c.Current.(*rulesScreen)
	rules := r.state.Content().Section(data.SectionRules).Entries
	view := c.body.Objects[0]
	for _, rule := range rules {
		if rule.Note != "" && !shows(view, r.state.Content().Render(rule.Note, r.dossier().Case.Names())) {
			t.Errorf("the note of %s is not shown", rule.ID)
		}
	}
	if shows(view, "{") {
		t.Error("a placeholder was left unrendered")
	}
	if !strings.Contains(s.Summary.Text, "Sam has agreed to 0 of") {
		t.Errorf("summary before any tick: %q", s.Summary.Text)
	}
	test.Tap(s.Agree[rules[0].ID][data.PartnerA])
	test.Tap(s.Agree[rules[1].ID][data.PartnerA])
	test.Tap(s.Agree[rules[1].ID][data.PartnerB])
	if !strings.Contains(s.Summary.Text, "Sam has agreed to 2 of") || !strings.Contains(s.Summary.Text, "Alex to 1 of") {
		t.Errorf("summary after three ticks: %q", s.Summary.Text)
	}
	c.Show(app.StepRules) // built again from the store
	if s := c.Current.(*rulesScreen); s.Summary.Text != c.Current.(*rulesScreen).Summary.Text || !s.Agree[rules[1].ID][data.PartnerB].Checked ||
		!strings.Contains(s.Summary.Text, "Sam has agreed to 2 of") {
		t.Errorf("after reopening: %q", s.Summary.Text)
	}
}

func TestRulesNobodyAcknowledgesForTheOther(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepRules)
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*rulesScreen)
	for id, checks := range s.Agree {
		if !checks[data.PartnerB].Disabled() || checks[data.PartnerA].Disabled() {
			t.Fatalf("%s: with Sam at the keyboard only Sam's check may change", id)
		}
	}
	test.Tap(s.Agree["RULE-01"][data.PartnerB])
	if d := r.dossier(); d.Acked(data.PartnerB, "RULE-01") {
		t.Error("a disabled check was stored")
	}
	c.SetKeyboard(app.KeyboardBoth)
	if s := c.Current.(*rulesScreen); s.Agree["RULE-01"][data.PartnerB].Disabled() {
		t.Error("with both at the keyboard both may acknowledge")
	}
}
