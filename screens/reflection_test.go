package screens

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

// With both at the keyboard the screen shows nobody's answers and asks who is writing.
func TestReflectionAsksWhoIsWriting(t *testing.T) {
	r := newRig(t)
	c := r.sample(app.StepReflection)
	d := r.dossier()
	var private []string
	for _, a := range d.Answers {
		if !a.Shared && a.Text != "" {
			private = append(private, a.Text)
		}
	}
	if len(private) == 0 {
		t.Fatal("the example couple has no private answers to hide")
	}
	s := c.Current.(*reflectionScreen)
	if len(s.Answers) != 0 || len(s.Share) != 0 {
		t.Fatal("answer fields are on screen with both at the keyboard")
	}
	for _, a := range d.Answers {
		if a.Text != "" && shows(c.body, a.Text) {
			t.Errorf("answer %s/%s is on screen with both at the keyboard", a.Partner, a.QuestionID)
		}
	}
	if s.Choose[data.PartnerA].Text == s.Choose[data.PartnerB].Text {
		t.Error("the two buttons say the same")
	}
	test.Tap(s.Choose[data.PartnerB])
	if r.state.Keyboard() != app.KeyboardB {
		t.Fatalf("keyboard = %s after choosing Alex", r.state.Keyboard())
	}
	s = c.Current.(*reflectionScreen)
	if s.partner != data.PartnerB || s.Answers["REFL-H-01"] == nil || s.Answers["REFL-R-01"] != nil {
		t.Fatal("choosing Alex does not show Alex's questions")
	}
	c.SetKeyboard(app.KeyboardBoth)
	if s := c.Current.(*reflectionScreen); len(s.Answers) != 0 {
		t.Error("answers stay on screen when both come back to the keyboard")
	}
}

// What a partner types is stored exactly, private unless shared, and never on the other's screen.
func TestReflectionStoresAndHidesAnswers(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepReflection)
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*reflectionScreen)
	content := r.state.Content()
	for _, sec := range []string{data.SectionClarifying, data.SectionReflectRebuild} {
		if !shows(c.body, content.Section(sec).Intro) {
			t.Errorf("the intro of %s is missing", sec)
		}
	}
	if shows(c.body, content.Section(data.SectionReflectHurt).Intro) {
		t.Error("Sam, rebuilding trust, is shown the hurt partner's questions")
	}
	if !shows(c.body, "Share this answer with Alex") {
		t.Error("the share check does not name Alex")
	}
	secret := "I was afraid of losing you — 怕失去你 😔\nand I hid it."
	shared := "Ready to work on it, step by step 🌱 一步一步."
	test.Type(s.Answers["CLAR-01"], secret)
	test.Type(s.Answers["REFL-R-02"], shared)
	test.Tap(s.Share["REFL-R-02"])
	s.Answers["CLAR-03"].SetText("Shared, then taken back.")
	test.Tap(s.Share["CLAR-03"])
	test.Tap(s.Share["CLAR-03"])

	d := r.dossier()
	for _, want := range []data.Answer{
		{Partner: data.PartnerA, QuestionID: "CLAR-01", Text: secret},
		{Partner: data.PartnerA, QuestionID: "REFL-R-02", Text: shared, Shared: true},
		{Partner: data.PartnerA, QuestionID: "CLAR-03", Text: "Shared, then taken back."},
	} {
		a := d.Answer(want.Partner, want.QuestionID)
		if a == nil || a.Text != want.Text || a.Shared != want.Shared {
			t.Errorf("%s: stored %+v, want text %q shared %v", want.QuestionID, a, want.Text, want.Shared)
		}
	}
	if d.Answer(data.PartnerB, "CLAR-01") != nil {
		t.Error("Sam's answer was stored as Alex's")
	}

	c.SetKeyboard(app.KeyboardB)
	for _, text := range []string{secret, shared, "Shared, then taken back."} {
		if shows(c.body, text) {
			t.Errorf("Sam's answer %q is on Alex's reflection screen", text)
		}
	}
	if s := c.Current.(*reflectionScreen); s.Answers["CLAR-01"].Text != "" {
		t.Errorf("Alex's CLAR-01 holds %q", s.Answers["CLAR-01"].Text)
	}

	// Back to Sam: the answers are there to go on with.
	c.SetKeyboard(app.KeyboardA)
	s = c.Current.(*reflectionScreen)
	if s.Answers["CLAR-01"].Text != secret || s.Share["CLAR-01"].Checked || !s.Share["REFL-R-02"].Checked {
		t.Errorf("Sam's answers came back as %q shared %v/%v", s.Answers["CLAR-01"].Text,
			s.Share["CLAR-01"].Checked, s.Share["REFL-R-02"].Checked)
	}
}

// When both partners are rebuilding trust, each answers both sets of reflection questions.
func TestReflectionBothRebuilding(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepReflection)
	d := r.dossier()
	d.Case.Rebuilding = data.RebuilderBoth
	if err := r.st.UpdateCase(r.state.Context(), d.Case); err != nil {
		t.Skipf("cannot change who is rebuilding here: %v", err)
	}
	c.SetKeyboard(app.KeyboardB)
	s := c.Current.(*reflectionScreen)
	if s.Answers["REFL-R-01"] == nil || s.Answers["REFL-H-01"] == nil || s.Answers["CLAR-01"] == nil {
		t.Error("with both rebuilding, Alex does not get all the questions")
	}
}

// TestThePINButtonSaysChangeOnceAPINIsSet: once a partner has a PIN, the button offers to
// change it; it went on offering to protect the answers with a PIN, as if there were none.
func TestThePINButtonSaysChangeOnceAPINIsSet(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepReflection)
	c.SetKeyboard(app.KeyboardA)
	content := r.state.Content()
	if s := c.Current.(*reflectionScreen); s.SetPIN == nil || s.SetPIN.Text != content.T("ui.pin.set") {
		t.Fatalf("without a PIN the button says %q", s.SetPIN.Text)
	}
	if _, err := app.SetPIN(context.Background(), r.st, r.state.CaseID(), data.PartnerA, "2468"); err != nil {
		t.Fatal(err)
	}
	c.Show(app.StepReflection)
	s := c.Current.(*reflectionScreen)
	if s.SetPIN == nil || s.SetPIN.Text != content.T("ui.pin.change") {
		t.Errorf("with a PIN set (and open) the button is %+v", s.SetPIN)
	}
}
