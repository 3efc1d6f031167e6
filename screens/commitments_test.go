package screens

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

func commitmentsByCatalog(d *data.Dossier) map[string]data.Commitment {
	out := map[string]data.Commitment{}
	for _, cm := range d.Commitments {
		out[cm.CatalogID] = cm
	}
	return out
}

func TestCommitmentsBadParameterKeepsTheLastGoodOne(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepCommitments)
	s := c.Current.(*commitmentsScreen)
	test.Tap(s.Agree["PRED-14"][data.PartnerA])
	test.Tap(s.Agree["PRED-14"][data.PartnerB])
	if cm := commitmentsByCatalog(r.dossier())["PRED-14"]; cm.Param != 5 || !cm.Agreed() {
		t.Fatalf("agreed with the default amount: %+v", cm)
	}
	s.Param["PRED-14"].SetText("8")
	for _, bad := range []string{"lots", "99", "0", "-3", "2.5"} {
		s.Param["PRED-14"].SetText(bad)
		if s.Message["PRED-14"].Hidden || s.Param["PRED-14"].Text != bad {
			t.Errorf("%q: message %q, entry %q", bad, s.Message["PRED-14"].Text, s.Param["PRED-14"].Text)
		}
	}
	// 8 is new terms: nobody has agreed to them yet.
	if cm := commitmentsByCatalog(r.dossier())["PRED-14"]; cm.Param != 8 || cm.AgreedA || cm.AgreedB {
		t.Errorf("after bad amounts the store holds %+v, want 8 hours, agreed by nobody yet", cm)
	}
	s.Param["PRED-14"].SetText(" 12 ")
	if !s.Message["PRED-14"].Hidden {
		t.Errorf("a good amount still shows %q", s.Message["PRED-14"].Text)
	}
	if cm := commitmentsByCatalog(r.dossier())["PRED-14"]; cm.Param != 12 {
		t.Errorf("param = %d, want 12", cm.Param)
	}
}

func TestCommitmentsMonitoringNeedsAReviewDate(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepCommitments)
	s := c.Current.(*commitmentsScreen)
	view := c.body.Objects[0]
	caution := r.state.Content().Render(r.state.Content().Entry("PRED-17").Caution, r.dossier().Case.Names())
	if !shows(view, caution) || !shows(view, r.state.Content().T("ui.commitments.review.why")) {
		t.Error("the caution, or why agreeing is disabled, is not shown")
	}
	for _, id := range []string{"PRED-17", "AMEND-01", "AMEND-10"} {
		if !s.Agree[id][data.PartnerA].Disabled() || !s.Agree[id][data.PartnerB].Disabled() {
			t.Errorf("%s can be agreed without a review date", id)
		}
	}
	test.Tap(s.Agree["PRED-17"][data.PartnerA])
	s.Review["PRED-17"].SetText(data.DateOf(app.Now()).AddDays(-1).String())
	if s.Message["PRED-17"].Hidden || !s.Agree["PRED-17"][data.PartnerA].Disabled() {
		t.Error("a review date in the past was accepted")
	}
	review := data.DateOf(app.Now()).AddDays(90)
	s.Review["PRED-17"].SetText(review.String())
	test.Tap(s.Agree["PRED-17"][data.PartnerA])
	test.Tap(s.Agree["PRED-17"][data.PartnerB])
	if cm := commitmentsByCatalog(r.dossier())["PRED-17"]; !cm.Agreed() || cm.ReviewDate != review {
		t.Fatalf("PRED-17 with a review date: %+v", cm)
	}
	// Reopened with Alex alone at the keyboard: Alex's own check only.
	c.SetKeyboard(app.KeyboardB)
	s = c.Current.(*commitmentsScreen)
	if !s.Agree["PRED-17"][data.PartnerA].Disabled() || s.Agree["PRED-17"][data.PartnerB].Disabled() {
		t.Error("with Alex at the keyboard only Alex's agreement may change")
	}
	s.Review["PRED-17"].SetText("") // no end date: nobody stays agreed to being checked on
	if cm := commitmentsByCatalog(r.dossier())["PRED-17"]; cm.AgreedA || cm.AgreedB || !cm.ReviewDate.IsZero() {
		t.Errorf("without a review date: %+v", cm)
	}
}

func TestCommitmentsNobodyAgreesForTheOther(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepCommitments)
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*commitmentsScreen)
	for id, checks := range s.Agree {
		if !checks[data.PartnerB].Disabled() {
			t.Errorf("%s: Sam can agree for Alex", id)
		}
	}
	test.Tap(s.Agree["PRED-04"][data.PartnerB])
	test.Tap(s.Agree["PRED-04"][data.PartnerA])
	if cm := commitmentsByCatalog(r.dossier())["PRED-04"]; cm.AgreedB || !cm.AgreedA {
		t.Errorf("PRED-04: %+v", cm)
	}
}

func TestCustomCommitmentNeedsTextAndIsDeletedAfterConfirming(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepCommitments)
	s := c.Current.(*commitmentsScreen)
	test.Tap(s.AddCustom)
	if s.CustomMsg.Hidden || len(r.dossier().Commitments) != 0 {
		t.Fatal("an empty commitment was added, or nothing said why not")
	}
	test.Type(s.CustomText, "We cook together on Fridays")
	s.CustomCost.SetSelected(r.state.Content().CostLevel(data.CostHigh).Label)
	test.Tap(s.AddCustom)
	d := r.dossier()
	if len(d.Commitments) != 1 || d.Commitments[0].Cost != data.CostHigh {
		t.Fatalf("commitments: %+v", d.Commitments)
	}
	id := d.Commitments[0].ID
	s = c.Current.(*commitmentsScreen)
	test.Tap(s.Agree["custom."+strconv.FormatInt(id, 10)][data.PartnerB])
	test.Tap(s.Delete[id])
	if len(r.dossier().Commitments) != 1 {
		t.Fatal("deleted before confirming")
	}
	if !r.dossier().Commitments[0].AgreedB {
		t.Error("agreement to a custom commitment not stored")
	}
	tapButton(t, r.win.Win.Canvas(), "Delete")
	if d := r.dossier(); len(d.Commitments) != 0 {
		t.Errorf("after confirming the delete: %+v", d.Commitments)
	}
}

// tapButton taps the button labelled text in the window's top overlay (a dialog).
func tapButton(t *testing.T, cv fyne.Canvas, text string) {
	t.Helper()
	top := cv.Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	var found fyne.Tappable
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
			return
		}
		if b, ok := o.(*dialogButton); ok && b.Text == text {
			found = b
			return
		}
		if ct, ok := o.(*fyne.Container); ok {
			for _, c := range ct.Objects {
				walk(c)
			}
		} else if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	if found == nil {
		t.Fatalf("no %q button in the dialog", text)
	}
	test.Tap(found)
}

// Sam changes "2 calls a day" to 6 after both agreed: neither tick survives, in the store or on
// screen, and Alex, taking the keyboard afterwards, is shown what changed.
func TestEditedAgreedItemIsAgreedByNobody(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepCommitments)
	c.SetKeyboard(app.KeyboardB)
	s := c.Current.(*commitmentsScreen)
	s.Param["PRED-04"].SetText("2")
	test.Tap(s.Agree["PRED-04"][data.PartnerB])
	c.SetKeyboard(app.KeyboardA)
	s = c.Current.(*commitmentsScreen)
	test.Tap(s.Agree["PRED-04"][data.PartnerA])
	if cm := commitmentsByCatalog(r.dossier())["PRED-04"]; !cm.Agreed() || cm.Param != 2 {
		t.Fatalf("both agreed to 2: %+v", cm)
	}

	s.Param["PRED-04"].SetText("6")
	if s.Agree["PRED-04"][data.PartnerA].Checked || s.Agree["PRED-04"][data.PartnerB].Checked {
		t.Error("the screen still shows a tick for terms nobody agreed to")
	}
	if cm := commitmentsByCatalog(r.dossier())["PRED-04"]; cm.Param != 6 || cm.AgreedA || cm.AgreedB {
		t.Fatalf("after Sam changed 2 to 6 the store holds %+v", cm)
	}

	c.SetKeyboard(app.KeyboardB)
	s = c.Current.(*commitmentsScreen)
	if msg := s.Message["PRED-04"]; msg.Hidden || !strings.Contains(msg.Text, "amount") {
		t.Errorf("Alex is not told what changed: %q (hidden %v)", msg.Text, msg.Hidden)
	}
	if s.Agree["PRED-04"][data.PartnerB].Checked {
		t.Error("Alex's old tick shows on the new terms")
	}
	// Once both agree to 6, the notice goes.
	test.Tap(s.Agree["PRED-04"][data.PartnerB])
	c.SetKeyboard(app.KeyboardA)
	s = c.Current.(*commitmentsScreen)
	test.Tap(s.Agree["PRED-04"][data.PartnerA])
	if cm := commitmentsByCatalog(r.dossier())["PRED-04"]; !cm.Agreed() || cm.Param != 6 || len(cm.Changed) != 0 {
		t.Errorf("after both agreed to 6: %+v", cm)
	}
	if !s.Message["PRED-04"].Hidden {
		t.Errorf("the notice stays after both agreed: %q", s.Message["PRED-04"].Text)
	}
}

// TestCommitmentsReviewOutOfRangeKeepsTheStoredDate: a review date typed out of range is said,
// and the date stored before stays (it was cleared, so a slip of the keyboard erased the agreed
// end of a monitoring commitment); nobody can agree while the field shows the bad date.
func TestCommitmentsReviewOutOfRangeKeepsTheStoredDate(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepCommitments)
	s := c.Current.(*commitmentsScreen)
	review := data.DateOf(app.Now()).AddDays(60)
	s.Review["PRED-17"].SetText(review.String())
	test.Tap(s.Agree["PRED-17"][data.PartnerA])
	test.Tap(s.Agree["PRED-17"][data.PartnerB])
	for _, bad := range []data.Date{data.DateOf(app.Now()).AddDays(-3), data.DateOf(app.Now()).AddDays(2000)} {
		s.Review["PRED-17"].SetText(bad.String())
		if s.Message["PRED-17"].Hidden || !s.Agree["PRED-17"][data.PartnerA].Disabled() {
			t.Errorf("%s: no message, or agreeing still open", bad)
		}
		if cm := commitmentsByCatalog(r.dossier())["PRED-17"]; cm.ReviewDate != review || !cm.Agreed() {
			t.Errorf("after typing %s the store holds %+v, want the agreed review date %s kept", bad, cm, review)
		}
	}
	s.Review["PRED-17"].SetText(review.String())
	if !s.Message["PRED-17"].Hidden || s.Agree["PRED-17"][data.PartnerA].Disabled() {
		t.Error("the good date again: the message stays, or agreeing is still closed")
	}
}
