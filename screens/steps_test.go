package screens

import (
	"context"
	"testing"

	"kintsugi/app"
	"kintsugi/data"
)

func TestStepsSayWhoseStepsTheyAre(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepSteps)
	if !shows(c.body.Objects[0], r.state.Content().Tf("ui.steps.for", "Sam")) {
		t.Error("the intro does not name Sam as the partner rebuilding trust")
	}
	both, err := r.st.CreateCase(context.Background(), data.Case{NameA: "Kim", NameB: "Jo", Rebuilding: data.RebuilderBoth,
		StartDate: data.NewDate(2026, 3, 4)})
	if err != nil {
		t.Fatal(err)
	}
	r.win.OpenCouple(both.ID)
	r.win.Couple.Show(app.StepSteps)
	if !shows(r.win.Couple.body.Objects[0], r.state.Content().T("ui.steps.for.both")) {
		t.Error("with both rebuilding the screen does not say so")
	}
}

func TestStepsDateAndNoteKeepEachOther(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepSteps)
	c.SetKeyboard(app.KeyboardA) // Sam writes Sam's own notes
	s := c.Current.(*stepsScreen)
	s.Note["STEP-04"].SetText("Wrote it down first.")
	s.Date["STEP-04"].SetText("2026-04-3") // half typed
	if s.DateMsg["STEP-04"].Hidden || s.Date["STEP-04"].Text != "2026-04-3" {
		t.Errorf("half a date: message %q, entry %q", s.DateMsg["STEP-04"].Text, s.Date["STEP-04"].Text)
	}
	s.Date["STEP-04"].SetText("2026-04-30")
	if !s.DateMsg["STEP-04"].Hidden || !s.Done["STEP-04"].Checked {
		t.Errorf("a whole date: message %q, ticked %v", s.DateMsg["STEP-04"].Text, s.Done["STEP-04"].Checked)
	}
	got := r.dossier().Step("STEP-04")
	if got.DoneOn != data.NewDate(2026, 4, 30) || got.Note != "Wrote it down first." {
		t.Errorf("stored %+v", got)
	}
	s.Date["STEP-04"].SetText("")
	if got := r.dossier().Step("STEP-04"); !got.DoneOn.IsZero() || got.Note != "Wrote it down first." || s.Done["STEP-04"].Checked {
		t.Errorf("a cleared date: stored %+v, ticked %v", got, s.Done["STEP-04"].Checked)
	}
}

// TestStepsShowTheirNotes: a step's note (STEP-06's warning against resentment) is on screen,
// as it is on paper, from the one copy in the content.
func TestStepsShowTheirNotes(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepSteps)
	content := r.state.Content()
	notes := 0
	for _, st := range content.Section(data.SectionSteps).Entries {
		if st.Note == "" {
			continue
		}
		notes++
		if want := content.Render(st.Note, r.dossier().Case.Names()); !shows(c.body, want) {
			t.Errorf("%s's note is not on the steps screen: %q", st.ID, want)
		}
	}
	if notes == 0 {
		t.Fatal("no step has a note: the test would prove nothing")
	}
}
