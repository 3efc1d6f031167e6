package screens

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

// buttons are the buttons under o.
func buttons(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			out = append(out, v)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func TestTalkDecisionsAreStoredAndNoIsRespected(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepTalk)
	T := r.state.Content().T
	s := c.Current.(*talkScreen)
	if !shows(c.body, r.state.Content().Entry("READ-CONVO").Title) || !shows(c.body, r.state.Content().Entry("READ-DECIDE").Title) {
		t.Error("the readings on talking and deciding are missing")
	}
	s.Decision[data.PartnerA].SetSelected(T("ui.talk.unsure"))
	s.Decision[data.PartnerB].SetSelected(T("ui.talk.yes"))
	if len(s.Stop.Objects) != 0 {
		t.Error("the card about stopping shows without a 'no'")
	}
	d := r.dossier()
	if d.Decision(data.DecisionContinue, data.PartnerA) != data.DecisionUnsure || d.Decision(data.DecisionContinue, data.PartnerB) != data.DecisionYes {
		t.Fatalf("decisions: %+v", d.Decisions)
	}
	if got := app.Progress(r.state.Content(), d, app.StepTalk); got != 1 {
		t.Errorf("progress = %v, want 1", got)
	}

	c.SetKeyboard(app.KeyboardB)
	s = c.Current.(*talkScreen)
	if !s.Decision[data.PartnerA].Disabled() || s.Decision[data.PartnerB].Disabled() {
		t.Fatal("with Alex alone at the keyboard only Alex's choice may be open")
	}
	if s.Decision[data.PartnerA].Selected != T("ui.talk.unsure") {
		t.Errorf("Sam's choice shows as %q", s.Decision[data.PartnerA].Selected)
	}
	s.Decision[data.PartnerB].SetSelected(T("ui.talk.no"))
	if !shows(s.Stop, T("ui.talk.stop")) {
		t.Fatal("a 'no' shows no word that stopping is a legitimate choice")
	}
	help := buttons(s.Stop)
	if len(help) != 1 {
		t.Fatalf("the stop card has %d buttons, want the help", len(help))
	}
	test.Tap(help[0])
	if r.win.Win.Canvas().Overlays().Top() == nil {
		t.Error("the help button opens nothing")
	}
	if d := r.dossier(); d.Decision(data.DecisionContinue, data.PartnerB) != data.DecisionNo || d.Decision(data.DecisionContinue, data.PartnerA) != data.DecisionUnsure {
		t.Errorf("decisions: %+v", d.Decisions)
	}
	c.Show(app.StepTalk)
	if len(c.Current.(*talkScreen).Stop.Objects) == 0 {
		t.Error("the card about stopping is gone when the screen is built again")
	}
}

// The talk screen shows shared answers only, whoever is at the keyboard.
func TestTalkShowsOnlySharedAnswers(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepTalk)
	id := r.state.CaseID()
	ctx := r.state.Context()
	privateA := "Private to Sam: 秘密 🤫"
	privateB := "Private to Alex: ひみつ 🙊"
	sharedA := "Shared by Sam: 我们一起 💬"
	sharedB := "Shared by Alex: 一緒に 🌿"
	for _, a := range []data.Answer{
		{CaseID: id, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: privateA},
		{CaseID: id, Partner: data.PartnerB, QuestionID: "CLAR-01", Text: sharedB, Shared: true},
		{CaseID: id, Partner: data.PartnerA, QuestionID: "REFL-R-01", Text: sharedA, Shared: true},
		{CaseID: id, Partner: data.PartnerB, QuestionID: "REFL-H-02", Text: privateB},
	} {
		if err := r.st.SaveAnswer(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []app.Keyboard{app.KeyboardBoth, app.KeyboardA, app.KeyboardB} {
		c.SetKeyboard(k)
		c.Show(app.StepTalk)
		for _, text := range []string{privateA, privateB} {
			if shows(c.body, text) {
				t.Errorf("keyboard %s: private answer %q is on the talk screen", k, text)
			}
		}
		for _, text := range []string{sharedA, sharedB} {
			if !shows(c.body, text) {
				t.Errorf("keyboard %s: shared answer %q is missing", k, text)
			}
		}
		if !shows(c.body, r.state.Content().T("ui.talk.not_shared")) {
			t.Errorf("keyboard %s: Sam's unshared CLAR-01 has no placeholder", k)
		}
	}
	// An answer shared and then taken back leaves the talk screen.
	if err := r.st.SaveAnswer(ctx, data.Answer{CaseID: id, Partner: data.PartnerA, QuestionID: "REFL-R-01", Text: sharedA}); err != nil {
		t.Fatal(err)
	}
	c.Show(app.StepTalk)
	if shows(c.body, sharedA) {
		t.Error("an answer no longer shared is still on the talk screen")
	}
}

func TestTalkWithNothingShared(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepTalk)
	if !shows(c.body, r.state.Content().T("ui.talk.none")) {
		t.Error("with nothing shared the screen does not say so")
	}
}
