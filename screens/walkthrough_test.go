package screens

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
	"kintsugi/workbook"
)

// TestWholeJourney walks a new couple through every step, as they would, and exports their
// workbook; what they typed must be in it.
func TestWholeJourney(t *testing.T) {
	needPoppler(t)
	r := newRig(t)
	content := r.state.Content()
	form := newCoupleForm(content)
	test.Type(form.NameA, "Robin")
	test.Type(form.NameB, "Kai")
	r.win.Start.CreateCouple(form.value())
	c := r.win.Couple
	if c == nil || c.Step != app.StepWelcome {
		t.Fatal("the new couple did not open at the welcome")
	}

	w := c.Current.(*welcomeScreen)
	test.Tap(w.Confirm[data.PartnerA])
	test.Tap(w.Confirm[data.PartnerB])
	test.Tap(c.Next)

	h := c.Current.(*happenedScreen)
	test.Tap(h.Causes["CAUSE-05"])
	test.Type(h.Description, "Robin promised to stop gambling and kept going in secret.")
	test.Tap(c.Next)

	test.Tap(c.Current.(*reflectionScreen).Choose[data.PartnerA])
	ref := c.Current.(*reflectionScreen)
	test.Type(ref.Answers["REFL-R-05"], "Being home when I say I will be.")
	test.Tap(ref.Share["REFL-R-05"])
	c.SetKeyboard(app.KeyboardB)
	test.Type(c.Current.(*reflectionScreen).Answers["REFL-H-01"], "The lying hurt more than the money.")
	c.SetKeyboard(app.KeyboardBoth)
	test.Tap(c.Next)

	talk := c.Current.(*talkScreen)
	talk.Decision[data.PartnerA].SetSelected(content.T("ui.talk.yes"))
	talk.Decision[data.PartnerB].SetSelected(content.T("ui.talk.yes"))
	test.Tap(c.Next)

	rules := c.Current.(*rulesScreen)
	for _, rule := range content.Section(data.SectionRules).Entries {
		test.Tap(rules.Agree[rule.ID][data.PartnerA])
		test.Tap(rules.Agree[rule.ID][data.PartnerB])
	}
	test.Tap(c.Next)

	c.SetKeyboard(app.KeyboardA) // Robin's steps
	steps := c.Current.(*stepsScreen)
	test.Tap(steps.Done["STEP-01"])
	test.Type(steps.Note["STEP-01"], "Told Kai about the second account.")
	test.Tap(steps.ShareNote["STEP-01"])
	test.Type(steps.Note["STEP-02"], "Robin's own, never printed.")
	c.SetKeyboard(app.KeyboardBoth)
	test.Tap(c.Next)

	cm := c.Current.(*commitmentsScreen)
	for _, id := range []string{"PRED-05", "AMEND-02"} {
		test.Tap(cm.Agree[id][data.PartnerA])
		test.Tap(cm.Agree[id][data.PartnerB])
	}
	test.Tap(c.Next)

	letter := c.Current.(*letterScreen)
	test.Type(letter.Editor, "Dear Kai, I lied to you about money for a year.")
	test.Tap(c.Next)

	ritual := c.Current.(*ritualScreen)
	test.Type(ritual.Plan["RITUAL-03"], "On the first warm Sunday, in the garden.")
	test.Tap(c.Next)

	ag := c.Current.(*agreementScreen)
	for _, p := range data.Partners {
		test.Type(ag.Names[p], r.state.Content().Render("{"+string(p)+"}", r.dossier().Case.Names()))
		drawOn(ag.Pads[p])
		test.Tap(ag.Sign[p])
		ag = c.Current.(*agreementScreen)
	}
	test.Tap(c.Next)

	tr := c.Current.(*trackingScreen)
	for _, cells := range tr.Cells {
		test.Tap(cells[0]) // Monday kept
	}
	test.Tap(tr.Trust[4])
	test.Type(tr.Notes[0], "We cooked together twice.")
	test.Tap(c.Next)

	d := r.dossier()
	for _, step := range app.Journey[:len(app.Journey)-2] {
		if p := app.Progress(content, d, step); p == 0 {
			t.Errorf("step %s shows no progress after the walk", step)
		}
	}
	if a := d.LatestAgreement(); a == nil || !a.Frozen() || len(a.Items) != 2 {
		t.Fatalf("agreement after signing: %+v", a)
	}

	ex := c.Current.(*exportScreen)
	opt, err := ex.Options()
	if err != nil {
		t.Fatal(err)
	}
	opt.Sections = workbook.AllSections()
	path := filepath.Join(t.TempDir(), "robin-kai.pdf")
	if err := ex.Export(path, r.state.CaseID(), opt); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, path)
	for _, want := range []string{"Robin & Kai", "Robin promised to stop gambling and kept going in secret.",
		"Being home when I say I will be.", "Told Kai about the second account.",
		"Dear Kai, I lied to you about money for a year.", "We cooked together twice.", "signed by both"} {
		if !strings.Contains(text, want) {
			t.Errorf("the workbook lacks %q", want)
		}
	}
	if strings.Contains(text, "The lying hurt more than the money.") {
		t.Error("Kai's private answer was printed")
	}
	if strings.Contains(text, "never printed") {
		t.Error("Robin's private note on a step was printed")
	}
}
