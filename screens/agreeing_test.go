package screens

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

func TestRulesEachPartnerAgreesForThemselves(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepRules)
	s := c.Current.(*rulesScreen)
	test.Tap(s.Agree["RULE-01"][data.PartnerA])
	test.Tap(s.Agree["RULE-01"][data.PartnerB])
	test.Tap(s.Agree["RULE-07"][data.PartnerB])
	d := r.dossier()
	if !d.Acked(data.PartnerA, "RULE-01") || !d.Acked(data.PartnerB, "RULE-01") || !d.Acked(data.PartnerB, "RULE-07") || d.Acked(data.PartnerA, "RULE-07") {
		t.Fatalf("acknowledgements: %+v", d.RuleAcks)
	}
	c.SetKeyboard(app.KeyboardB)
	s = c.Current.(*rulesScreen)
	if !s.Agree["RULE-02"][data.PartnerA].Disabled() {
		t.Fatal("Alex can agree for Sam")
	}
	test.Tap(s.Agree["RULE-07"][data.PartnerB]) // Alex withdraws
	if d := r.dossier(); d.Acked(data.PartnerB, "RULE-07") {
		t.Error("a withdrawn acknowledgement is still stored")
	}
}

func TestStepsDoneDateAndNote(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepSteps)
	c.SetKeyboard(app.KeyboardA) // Sam's steps, and Sam's notes
	s := c.Current.(*stepsScreen)
	test.Tap(s.Done["STEP-01"])
	test.Type(s.Note["STEP-01"], "Said it plainly.")
	s.Date["STEP-02"].SetText("2026-03-09")
	s.Note["STEP-02"].SetText("Told the whole truth")
	s.Date["STEP-03"].SetText("yesterday")
	d := r.dossier()
	if got := d.Step("STEP-01"); got.DoneOn != data.DateOf(app.Now()) || got.Note != "Said it plainly." {
		t.Errorf("step 1: %+v", got)
	}
	if got := d.Step("STEP-02"); got.DoneOn != data.NewDate(2026, 3, 9) || got.Note != "Told the whole truth" || !s.Done["STEP-02"].Checked {
		t.Errorf("step 2: %+v, ticked %v", got, s.Done["STEP-02"].Checked)
	}
	if got := d.Step("STEP-03"); !got.DoneOn.IsZero() || s.DateMsg["STEP-03"].Text == "" || s.Date["STEP-03"].Text != "yesterday" {
		t.Errorf("an unreadable date: stored %s, message %q, entry %q", got.DoneOn, s.DateMsg["STEP-03"].Text, s.Date["STEP-03"].Text)
	}
	test.Tap(s.Done["STEP-01"]) // not done after all
	if got := r.dossier().Step("STEP-01"); !got.DoneOn.IsZero() || got.Note != "Said it plainly." {
		t.Errorf("unticked step 1: %+v", got)
	}
}

func TestCommitmentsAgreeParametersAndMonitoring(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepCommitments)
	s := c.Current.(*commitmentsScreen)
	s.Param["PRED-04"].SetText("5")
	test.Tap(s.Agree["PRED-04"][data.PartnerA])
	test.Tap(s.Agree["PRED-04"][data.PartnerB])
	s.Param["PRED-13"].SetText("lots")
	if s.Message["PRED-13"].Text == "" {
		t.Error("a parameter that is not a number gives no message")
	}
	s.Param["PRED-13"].SetText("99")
	if s.Message["PRED-13"].Text == "" {
		t.Error("a parameter over its maximum gives no message")
	}
	// A monitoring commitment cannot be agreed without a review date, and can with one.
	if !s.Agree["AMEND-01"][data.PartnerA].Disabled() {
		t.Fatal("open access can be agreed without a review date")
	}
	review := data.DateOf(app.Now()).AddDays(60)
	s.Review["AMEND-01"].SetText(review.String())
	if s.Agree["AMEND-01"][data.PartnerA].Disabled() {
		t.Fatal("a review date did not allow agreement")
	}
	test.Tap(s.Agree["AMEND-01"][data.PartnerA])
	test.Tap(s.Agree["AMEND-01"][data.PartnerB])
	s.Review["AMEND-10"].SetText(data.DateOf(app.Now()).AddDays(800).String())
	if s.Message["AMEND-10"].Text == "" || !s.Agree["AMEND-10"][data.PartnerA].Disabled() {
		t.Error("a review two years ahead was accepted")
	}

	d := r.dossier()
	byID := map[string]data.Commitment{}
	for _, cm := range d.Commitments {
		byID[cm.CatalogID] = cm
	}
	if cm := byID["PRED-04"]; cm.Param != 5 || !cm.Agreed() {
		t.Errorf("PRED-04: %+v", cm)
	}
	if cm, ok := byID["PRED-13"]; ok && cm.Param > 7 {
		t.Errorf("PRED-13 stored an impossible amount: %+v", cm)
	}
	if cm := byID["AMEND-01"]; !cm.Agreed() || cm.ReviewDate != review {
		t.Errorf("AMEND-01: %+v", cm)
	}
	if s.Summary.Text == r.state.Content().T("ui.commitments.summary.none") {
		t.Error("the summary does not count what was agreed")
	}
}

func TestCustomCommitmentAddAndDelete(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepCommitments)
	s := c.Current.(*commitmentsScreen)
	test.Type(s.CustomText, "Phones away at dinner 📵")
	test.Tap(s.AddCustom)
	s = c.Current.(*commitmentsScreen)
	d := r.dossier()
	if len(d.Commitments) != 1 || d.Commitments[0].CustomText != "Phones away at dinner 📵" {
		t.Fatalf("commitments: %+v", d.Commitments)
	}
	id := d.Commitments[0].ID
	key := "custom." + strconv.FormatInt(id, 10)
	test.Tap(s.Agree[key][data.PartnerA])
	test.Tap(s.Agree[key][data.PartnerB])
	if d := r.dossier(); !d.Commitments[0].Agreed() {
		t.Error("custom commitment not agreed")
	}
	s.DeleteCustom(id)
	if d := r.dossier(); len(d.Commitments) != 0 {
		t.Errorf("after delete: %+v", d.Commitments)
	}
}

func TestCommitmentsPrivacyOfAgreement(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepCommitments)
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*commitmentsScreen)
	if !s.Agree["PRED-05"][data.PartnerB].Disabled() || s.Agree["PRED-05"][data.PartnerA].Disabled() {
		t.Error("with Sam at the keyboard only Sam's agreement may change")
	}
}

// The steps are Sam's: Alex alone cannot tick them, and Sam's note for themselves stays Sam's
// until Sam shares it, on screen and in the workbook.
func TestStepsAreTheRebuildersAndTheirNotesPrivate(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepSteps)
	c.SetKeyboard(app.KeyboardB)
	s := c.Current.(*stepsScreen)
	if !s.Done["STEP-01"].Disabled() || !s.Date["STEP-01"].Disabled() {
		t.Fatal("Alex alone can tick Sam's step")
	}
	test.Tap(s.Done["STEP-01"])
	if got := r.dossier().Step("STEP-01"); !got.DoneOn.IsZero() {
		t.Fatalf("Alex's tap marked Sam's step done: %+v", got)
	}

	c.SetKeyboard(app.KeyboardA)
	s = c.Current.(*stepsScreen)
	test.Tap(s.Done["STEP-01"])
	test.Type(s.Note["STEP-01"], "Only for me: it was hard to say.")
	test.Type(s.Note["STEP-02"], "This one Alex may read.")
	test.Tap(s.ShareNote["STEP-02"])

	c.SetKeyboard(app.KeyboardB)
	s = c.Current.(*stepsScreen)
	if s.Note["STEP-01"] != nil || shows(c.body, "Only for me") {
		t.Error("Alex sees Sam's private note")
	}
	if s.Private["STEP-01"] == nil {
		t.Error("nothing says Sam keeps a note here")
	}
	if s.Note["STEP-02"] == nil || s.Note["STEP-02"].Text != "This one Alex may read." || !s.Note["STEP-02"].Disabled() {
		t.Error("the shared note is not there for Alex to read (and only to read)")
	}
	c.SetKeyboard(app.KeyboardBoth)
	if shows(c.body, "Only for me") {
		t.Error("Sam's private note shows with both at the keyboard")
	}
	if got := r.dossier().Step("STEP-01"); got.DoneOn.IsZero() || got.NoteShared {
		t.Errorf("Sam's step: %+v", got)
	}
}
