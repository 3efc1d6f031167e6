package screens

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

// The account of what happened is shared: each partner alone may add to it, and every save
// keeps what the other wrote.
func TestHappenedIsSharedAndKeepsTheWholeAccount(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepHappened)
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*happenedScreen)
	if !shows(c.body, r.state.Content().T("ui.happened.shared")) {
		t.Error("the screen does not say the account is shared")
	}
	words := "Sam lied about the evenings — 三月の夜 🌧.\nAlex found out in March."
	test.Type(s.Description, words)
	test.Tap(s.Causes["CAUSE-04"])

	c.SetKeyboard(app.KeyboardB)
	s = c.Current.(*happenedScreen)
	if s.Description.Disabled() || s.Causes["CAUSE-07"].Disabled() || s.Date.Disabled() {
		t.Fatal("Alex may not edit the shared account")
	}
	if s.Description.Text != words || !s.Causes["CAUSE-04"].Checked {
		t.Fatalf("Alex does not see what Sam wrote: %q, CAUSE-04 %v", s.Description.Text, s.Causes["CAUSE-04"].Checked)
	}
	test.Tap(s.Causes["CAUSE-07"])
	s.Date.SetText("2026-03-14")

	d := r.dossier()
	if d.Incident.Description != words {
		t.Errorf("description = %q, want %q", d.Incident.Description, words)
	}
	if !slices.Equal(d.Incident.Causes, []string{"CAUSE-04", "CAUSE-07"}) {
		t.Errorf("causes = %v", d.Incident.Causes)
	}
	if d.Incident.Date != data.NewDate(2026, 3, 14) {
		t.Errorf("date = %s", d.Incident.Date)
	}

	// Built again from the store, the screen shows it all.
	c.Show(app.StepHappened)
	s = c.Current.(*happenedScreen)
	if s.Description.Text != words || !s.Causes["CAUSE-04"].Checked || !s.Causes["CAUSE-07"].Checked ||
		s.Causes["CAUSE-01"].Checked || s.Date.Text != "14 March 2026" {
		t.Errorf("reopened: %q %v %v %v %q", s.Description.Text, s.Causes["CAUSE-04"].Checked,
			s.Causes["CAUSE-07"].Checked, s.Causes["CAUSE-01"].Checked, s.Date.Text)
	}
	if got := app.Progress(r.state.Content(), d, app.StepHappened); got != 1 {
		t.Errorf("progress = %v, want 1", got)
	}
}

// A date it cannot read keeps what was typed, says why, and does not wipe the stored date.
func TestHappenedUnreadableDate(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepHappened)
	s := c.Current.(*happenedScreen)
	s.Date.SetText("2026-01-20")
	s.Date.SetText("")
	test.Type(s.Date, "14 Smarch 2026")
	if s.Date.Text != "14 Smarch 2026" {
		t.Errorf("typed text changed to %q", s.Date.Text)
	}
	if !s.DateMsg.Visible() || s.DateMsg.Text == "" {
		t.Error("no message for an unreadable date")
	}
	s.Description.SetText("Still here.")
	d := r.dossier()
	if !d.Incident.Date.IsZero() || d.Incident.Description != "Still here." {
		t.Errorf("stored %s / %q", d.Incident.Date, d.Incident.Description)
	}
	s.Date.SetText("2026-01-20")
	s.Date.SetText("2026-02-30") // no such day: the last good date stays stored
	if d := r.dossier(); d.Incident.Date != data.NewDate(2026, 1, 20) || s.Date.Text != "2026-02-30" {
		t.Errorf("after 30 February: stored %s, entry %q", d.Incident.Date, s.Date.Text)
	}
	s.Date.SetText("2026-03-14")
	if s.DateMsg.Visible() {
		t.Error("the message stays after a good date")
	}
	if d := r.dossier(); d.Incident.Date != data.NewDate(2026, 3, 14) {
		t.Errorf("date = %s", d.Incident.Date)
	}
}
