package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

func TestHappenedStoresCausesWordsAndDate(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepHappened)
	s := c.Current.(*happenedScreen)
	test.Tap(s.Causes["CAUSE-07"])
	test.Tap(s.Causes["CAUSE-04"])
	test.Tap(s.Causes["CAUSE-02"])
	test.Tap(s.Causes["CAUSE-02"]) // and untick
	text := "Lied about evenings — 三月 🌧\nfor months."
	s.Description.SetText(text)
	test.Type(s.Date, "2026-02-3")
	if s.DateMsg.Text == "" {
		t.Error("an unreadable date gives no message")
	}
	test.Type(s.Date, "0")
	d := r.dossier()
	if got := strings.Join(d.Incident.Causes, ","); got != "CAUSE-04,CAUSE-07" {
		t.Errorf("causes = %s", got)
	}
	if d.Incident.Description != text {
		t.Errorf("description = %q", d.Incident.Description)
	}
	if s.Date.Text != "2026-02-30" || s.DateMsg.Text == "" || !d.Incident.Date.IsZero() {
		t.Errorf("30 February: entry %q, message %q, stored %s", s.Date.Text, s.DateMsg.Text, d.Incident.Date)
	}
	s.Date.SetText("2026-02-03")
	if d := r.dossier(); d.Incident.Date != data.NewDate(2026, 2, 3) || s.DateMsg.Text != "" {
		t.Errorf("date = %s, message %q", d.Incident.Date, s.DateMsg.Text)
	}
}

// texts collects every string shown under o: labels, entries, checks, buttons, rich text.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *canvas.Text:
			out = append(out, v.Text)
		case *widget.Entry:
			out = append(out, v.Text)
		case *widget.Check:
			out = append(out, v.Text)
		case *widget.RichText:
			out = append(out, v.String())
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func shows(o fyne.CanvasObject, s string) bool {
	for _, t := range texts(o) {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

func TestReflectionAnswersArePrivateUntilShared(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepReflection)
	if s := c.Current.(*reflectionScreen); len(s.Answers) != 0 || s.Choose[data.PartnerA] == nil {
		t.Fatal("with both at the keyboard the screen must ask who is writing, not show answers")
	}
	test.Tap(c.Current.(*reflectionScreen).Choose[data.PartnerA])
	s := c.Current.(*reflectionScreen)
	if _, ok := s.Answers["REFL-R-01"]; !ok {
		t.Fatal("Sam, rebuilding trust, has no reflection questions")
	}
	if _, ok := s.Answers["REFL-H-01"]; ok {
		t.Fatal("Sam sees the hurt partner's questions")
	}
	secret := "Only mine: 秘密 🤫"
	test.Type(s.Answers["CLAR-01"], secret)
	s.Answers["CLAR-02"].SetText("This one I share.")
	test.Tap(s.Share["CLAR-02"])
	d := r.dossier()
	if a := d.Answer(data.PartnerA, "CLAR-01"); a == nil || a.Text != secret || a.Shared {
		t.Fatalf("private answer stored as %+v", a)
	}
	if a := d.Answer(data.PartnerA, "CLAR-02"); a == nil || !a.Shared {
		t.Fatalf("shared answer stored as %+v", a)
	}
	c.SetKeyboard(app.KeyboardB)
	view := c.body
	if shows(view, secret) || shows(view, "This one I share.") {
		t.Error("Sam's answers are on Alex's reflection screen")
	}
	if _, ok := c.Current.(*reflectionScreen).Answers["REFL-H-01"]; !ok {
		t.Error("Alex, the hurt partner, has no reflection questions")
	}
	c.Show(app.StepTalk)
	if shows(c.body, secret) {
		t.Error("a private answer is on the talk screen")
	}
	if !shows(c.body, "This one I share.") {
		t.Error("a shared answer is missing from the talk screen")
	}
}

func TestTalkDecisions(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepTalk)
	s := c.Current.(*talkScreen)
	s.Decision[data.PartnerA].SetSelected(r.state.Content().T("ui.talk.yes"))
	s.Decision[data.PartnerB].SetSelected(r.state.Content().T("ui.talk.no"))
	d := r.dossier()
	if d.Decision(data.DecisionContinue, data.PartnerA) != data.DecisionYes || d.Decision(data.DecisionContinue, data.PartnerB) != data.DecisionNo {
		t.Fatalf("decisions: %+v", d.Decisions)
	}
	if len(s.Stop.Objects) == 0 {
		t.Error("a 'no' shows no word that stopping is a choice too")
	}
	c.SetKeyboard(app.KeyboardA)
	s = c.Current.(*talkScreen)
	if !s.Decision[data.PartnerB].Disabled() || s.Decision[data.PartnerA].Disabled() {
		t.Error("Sam can decide for Alex")
	}
}
