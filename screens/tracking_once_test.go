package screens

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

// TestTrackingOnceIsADate: the letter, done once, is tracked by the date it was done rather
// than ticked day by day; moving the date moves the record.
func TestTrackingOnceIsADate(t *testing.T) {
	pinNow(t, time.Date(2026, 11, 29, 12, 0, 0, 0, time.Local))
	r := newRig(t)
	c := r.couple(app.StepTracking)
	ctx := r.state.Context()
	letter, err := r.st.SaveCommitment(ctx, data.Commitment{CaseID: r.state.CaseID(), CatalogID: "RIT-01", Cost: data.CostModerate, AgreedA: true, AgreedB: true})
	if err != nil {
		t.Fatal(err)
	}
	c.Show(app.StepTracking)
	s := c.Current.(*trackingScreen)
	if _, daily := s.Cells[letter.ID]; daily || s.Done[letter.ID] == nil {
		t.Fatal("the letter is ticked day by day instead of dated")
	}
	test.Type(s.Done[letter.ID], "2026-03-10")
	if got := doneDate(r.dossier(), letter.ID); got != data.NewDate(2026, 3, 10) {
		t.Fatalf("done on %s, want 2026-03-10", got)
	}
	s.Done[letter.ID].SetText("2026-03-12")
	d := r.dossier()
	if got := doneDate(d, letter.ID); got != data.NewDate(2026, 3, 12) || d.Mark(letter.ID, data.NewDate(2026, 3, 10)) != data.MarkNone {
		t.Errorf("after moving the date: done on %s, old day %q", got, d.Mark(letter.ID, data.NewDate(2026, 3, 10)))
	}
	s.Done[letter.ID].SetText("")
	if got := doneDate(r.dossier(), letter.ID); !got.IsZero() {
		t.Errorf("a cleared date still records %s", got)
	}
	// A day to come, or before the couple's start (4 March), is refused here with the reason,
	// as a tap on such a day is, and nothing is recorded.
	for _, typed := range []string{"30 November 2026", "3 March 2026"} {
		s.Done[letter.ID].SetText(typed)
		if !s.doneMsg[letter.ID].Visible() || s.doneMsg[letter.ID].Text == "" {
			t.Errorf("%s: no reason given", typed)
		}
		if got := doneDate(r.dossier(), letter.ID); !got.IsZero() {
			t.Errorf("%s: recorded %s", typed, got)
		}
	}
}
