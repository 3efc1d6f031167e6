package screens

import (
	"bytes"
	"context"
	"image/png"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

// agreeCommitments stores commitments both partners agreed to, and one only Alex agreed to.
func agreeCommitments(r *rig) []data.Commitment {
	r.t.Helper()
	ctx, id := context.Background(), r.state.CaseID()
	var out []data.Commitment
	for _, cm := range []data.Commitment{
		{CaseID: id, CatalogID: "PRED-04", Param: 3, Cost: data.CostModerate, AgreedA: true, AgreedB: true},
		{CaseID: id, CustomText: "Sam and Alex walk together on Sundays.", Cost: data.CostLow, AgreedA: true, AgreedB: true},
		{CaseID: id, CatalogID: "AMEND-03", Cost: data.CostVeryHigh, AgreedB: true},
	} {
		saved, err := r.st.SaveCommitment(ctx, cm)
		if err != nil {
			r.t.Fatal(err)
		}
		out = append(out, saved)
	}
	return out
}

func agreementOpen(r *rig) (*Couple, *agreementScreen) {
	r.t.Helper()
	c := r.couple(app.StepWelcome)
	agreeCommitments(r)
	c.Show(app.StepAgreement)
	return c, c.Current.(*agreementScreen)
}

func signAs(c *Couple, p data.Partner, name string) *agreementScreen {
	s := c.Current.(*agreementScreen)
	drawOn(s.Pads[p])
	test.Type(s.Names[p], name)
	test.Tap(s.Sign[p])
	return c.Current.(*agreementScreen)
}

func TestAgreementBothSignFreezesVersion(t *testing.T) {
	r := newRig(t)
	c, s := agreementOpen(r)
	d := r.dossier()
	if len(d.Agreements) != 1 || len(d.Agreements[0].Items) != 2 {
		t.Fatalf("draft on opening: %+v", d.Agreements)
	}
	a := d.Agreements[0]
	if a.StartDate != data.NewDate(2026, 3, 4) || a.ReviewDate != data.NewDate(2026, 5, 27) {
		t.Errorf("default dates %s – %s, want the case start and 12 weeks later", a.StartDate, a.ReviewDate)
	}
	if it := a.Items[0]; it.Code != "I.4" || it.Param != 3 || it.Unit == "" || !strings.Contains(it.Text, "Sam") {
		t.Errorf("first item: %+v", it)
	}
	if !s.Editable || s.Shown.Version != 1 {
		t.Fatalf("draft not editable: %+v", s.Shown)
	}

	// Alex draws first; Sam signs; Alex's drawing and name survive the rebuild.
	drawOn(s.Pads[data.PartnerB])
	test.Type(s.Names[data.PartnerB], "Alex Doe")
	s = signAs(c, data.PartnerA, "Sam Roe")
	if sig := r.dossier().Agreements[0].SignatureOf(data.PartnerA); sig == nil || sig.TypedName != "Sam Roe" {
		t.Fatalf("Sam's signature not stored: %+v", r.dossier().Agreements[0].Signatures)
	}
	if s.Pads[data.PartnerB].Empty() || s.Names[data.PartnerB].Text != "Alex Doe" {
		t.Fatal("Alex's unsigned drawing or name was lost when Sam signed")
	}
	test.Tap(s.Sign[data.PartnerB])
	s = c.Current.(*agreementScreen)

	d = r.dossier()
	if len(d.Agreements) != 1 || !d.Agreements[0].Frozen() {
		t.Fatalf("after both signed: %+v", d.Agreements)
	}
	for _, p := range data.Partners {
		sig := d.Agreements[0].SignatureOf(p)
		img, err := png.Decode(bytes.NewReader(sig.PNG))
		if err != nil || img.Bounds().Dx() == 0 {
			t.Fatalf("%s's signature is not a PNG: %v", p, err)
		}
	}
	if s.Editable || !s.Pads[data.PartnerA].Disabled() || !s.Start.Disabled() {
		t.Error("a frozen version can still be edited on screen")
	}
}

func TestAgreementNewVersionKeepsSignedOne(t *testing.T) {
	r := newRig(t)
	c, _ := agreementOpen(r)
	signAs(c, data.PartnerA, "Sam")
	signAs(c, data.PartnerB, "Alex")
	v1 := r.dossier().Agreements[0]

	// Sam and Alex change a commitment: Sam will call four times a day.
	cms := r.dossier().Commitments
	cm := cms[0]
	cm.Param = 4
	if _, err := r.st.SaveCommitment(context.Background(), cm); err != nil {
		t.Fatal(err)
	}
	agreeBoth(t, r, cm) // new terms: each agrees again
	c.Show(app.StepAgreement)
	s := c.Current.(*agreementScreen)
	if s.Editable || len(r.dossier().Agreements) != 1 {
		t.Fatal("opening the screen changed a signed version or made a new one unasked")
	}
	test.Tap(s.NewVersion)
	d := r.dossier()
	if len(d.Agreements) != 2 || d.Agreements[1].Version != 2 || d.Agreements[1].Items[0].Param != 4 {
		t.Fatalf("new version: %+v", d.Agreements)
	}
	if !reflect.DeepEqual(d.Agreements[0], v1) {
		t.Errorf("version 1 changed:\n%+v\nwas\n%+v", d.Agreements[0], v1)
	}
	s = c.Current.(*agreementScreen)
	if !s.Editable || s.Shown.Version != 2 || s.VersionPick == nil {
		t.Fatalf("screen after starting version 2: editable=%v version=%d", s.Editable, s.Shown.Version)
	}
	// The earlier version can be viewed, read-only.
	s.VersionPick.SetSelected(s.VersionPick.Options[1])
	s = c.Current.(*agreementScreen)
	if s.Shown.Version != 1 || s.Latest || s.Editable || !s.Shown.Frozen() {
		t.Fatalf("viewing version 1: %+v latest=%v", s.Shown, s.Latest)
	}
	if !strings.HasPrefix(s.VersionPick.Selected, "Version 1 (signed ") {
		t.Errorf("picker shows %q", s.VersionPick.Selected)
	}
}

func TestAgreementNeedsNameAndDrawing(t *testing.T) {
	r := newRig(t)
	c, s := agreementOpen(r)
	test.Type(s.Names[data.PartnerA], "Sam")
	test.Tap(s.Sign[data.PartnerA])
	// The reason shows beside the button pressed, not at the top of a page scrolled away.
	why := s.Why[data.PartnerA]
	if !why.Visible() || !strings.Contains(why.Text, "draw your signature") || !strings.Contains(why.Text, "typed name") {
		t.Errorf("message for an empty pad: %q (visible %v)", why.Text, why.Visible())
	}
	d := fyne.CurrentApp().Driver()
	if gap := d.AbsolutePositionForObject(why).Y - d.AbsolutePositionForObject(s.Sign[data.PartnerA]).Y; gap <= 0 || gap > 80 {
		t.Errorf("the reason is %v below the Sign button", gap)
	}
	s.Names[data.PartnerA].SetText("")
	drawOn(s.Pads[data.PartnerA])
	if why.Visible() {
		t.Error("the reason stayed after drawing")
	}
	test.Tap(s.Sign[data.PartnerA])
	if !strings.Contains(why.Text, "type your name") {
		t.Errorf("message for a missing name: %q", why.Text)
	}
	if c.Current != stepScreen(s) {
		t.Error("the screen was rebuilt after a refused signature")
	}
	if sigs := r.dossier().Agreements[0].Signatures; len(sigs) != 0 {
		t.Fatalf("stored signatures %+v", sigs)
	}
}

// TestAgreementTypedSignature: a partner who cannot use a pointer signs by keyboard alone; the
// signature is recorded as typed (no drawing) and shown as such.
func TestAgreementTypedSignature(t *testing.T) {
	r := newRig(t)
	c, s := agreementOpen(r)
	r.win.Win.Canvas().Focus(s.Names[data.PartnerA])
	for _, ch := range "Sam Roe" {
		r.win.Win.Canvas().Focused().TypedRune(ch)
	}
	r.win.Win.Canvas().FocusNext()
	if r.win.Win.Canvas().Focused() != s.Typed[data.PartnerA] {
		t.Fatalf("Tab from the name goes to %T, not the typed-signature box", r.win.Win.Canvas().Focused())
	}
	r.win.Win.Canvas().Focused().(fyne.Focusable).TypedRune(' ')
	r.win.Win.Canvas().FocusNext()
	if r.win.Win.Canvas().Focused() != s.Clear[data.PartnerA] {
		t.Fatalf("focus after the box: %T", r.win.Win.Canvas().Focused())
	}
	r.win.Win.Canvas().FocusNext()
	r.win.Win.Canvas().Focused().(fyne.Focusable).TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	sig := r.dossier().Agreements[0].SignatureOf(data.PartnerA)
	if sig == nil || sig.TypedName != "Sam Roe" || len(sig.PNG) != 0 {
		t.Fatalf("typed signature stored as %+v", sig)
	}
	s = c.Current.(*agreementScreen)
	if !strings.Contains(strings.Join(texts(r.win.Win.Content()), "\n"), "Signed by typing their name") {
		t.Error("the typed signature is not shown as typed")
	}
}

func TestAgreementNobodySignsForTheOther(t *testing.T) {
	r := newRig(t)
	c, _ := agreementOpen(r)
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*agreementScreen)
	if !s.Pads[data.PartnerB].Disabled() || !s.Names[data.PartnerB].Disabled() || !s.Sign[data.PartnerB].Disabled() {
		t.Fatal("Alex's signing controls are enabled while Sam alone is at the keyboard")
	}
	if s.Pads[data.PartnerA].Disabled() || s.Sign[data.PartnerA].Disabled() {
		t.Fatal("Sam cannot sign while at the keyboard")
	}
	drawOn(s.Pads[data.PartnerB])
	s.Names[data.PartnerB].SetText("Alex")
	test.Tap(s.Sign[data.PartnerB])
	s.sign(data.PartnerB)
	if sigs := r.dossier().Agreements[0].Signatures; len(sigs) != 0 {
		t.Fatalf("signed for the other partner: %+v", sigs)
	}
}

func TestAgreementChangesWithdrawSingleSignature(t *testing.T) {
	r := newRig(t)
	c, _ := agreementOpen(r)
	s := signAs(c, data.PartnerA, "Sam")

	// New dates: the review date follows the start; Sam's signature is withdrawn.
	s.Start.SetText("2026-04-01")
	if s.Review.Text != "24 June 2026" {
		t.Errorf("review date = %q, want 12 weeks after the new start", s.Review.Text)
	}
	if !strings.Contains(s.Message.Text, "withdrawn") {
		t.Errorf("no word about the withdrawn signature: %q", s.Message.Text)
	}
	a := r.dossier().Agreements[0]
	if a.StartDate != data.NewDate(2026, 4, 1) || a.ReviewDate != data.NewDate(2026, 6, 24) || len(a.Signatures) != 0 {
		t.Fatalf("after new dates: %s %s %+v", a.StartDate, a.ReviewDate, a.Signatures)
	}
	s.Review.SetText("2026-13-01")
	s.Review.SetText("2026-03-01")
	if !strings.Contains(s.Message.Text, "after the start") {
		t.Errorf("message for a review before the start: %q", s.Message.Text)
	}
	if a := r.dossier().Agreements[0]; a.ReviewDate != data.NewDate(2026, 6, 24) {
		t.Errorf("a bad review date was stored: %s", a.ReviewDate)
	}

	// Sam signs again, then a commitment changes: opening the screen brings the draft up to date.
	signAs(c, data.PartnerA, "Sam")
	cm := r.dossier().Commitments[1]
	cm.CustomText = "Sam and Alex walk together on Saturdays."
	if _, err := r.st.SaveCommitment(context.Background(), cm); err != nil {
		t.Fatal(err)
	}
	agreeBoth(t, r, cm)
	c.Show(app.StepAgreement)
	s = c.Current.(*agreementScreen)
	a = r.dossier().Agreements[0]
	if len(r.dossier().Agreements) != 1 || len(a.Signatures) != 0 || a.Items[1].Text != cm.CustomText {
		t.Fatalf("draft after a commitment changed: %+v", a)
	}
	// Sam's signature went the moment the walk moved to Saturdays (the store withdraws it with
	// the change), before anyone opened this screen again.
	if a.StartDate != data.NewDate(2026, 4, 1) {
		t.Errorf("refreshing the draft lost the chosen start date: %s", a.StartDate)
	}
}

func TestAgreementNothingToSign(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepAgreement)
	s := c.Current.(*agreementScreen)
	if s.Shown != nil || len(r.dossier().Agreements) != 0 {
		t.Fatal("an agreement was made with no agreed commitments")
	}
	test.Tap(s.GoCommitments)
	if c.Step != app.StepCommitments {
		t.Errorf("step after Go to Commitments = %s", c.Step)
	}
}

func TestAgreementSampleShowsSignedVersion(t *testing.T) {
	r := newRig(t)
	c := r.sample(app.StepAgreement)
	s := c.Current.(*agreementScreen)
	if s.Shown == nil || !s.Shown.Frozen() || s.Editable || len(s.Shown.Items) == 0 {
		t.Fatalf("sample agreement: %+v", s.Shown)
	}
	if len(r.dossier().Agreements) != 1 {
		t.Error("opening the sample made a new version")
	}
	if s.Pads[data.PartnerA].Disabled() == false {
		t.Error("the signed sample can be signed again")
	}
}

func TestAgreementDatesKeepTheOthersSignature(t *testing.T) {
	r := newRig(t)
	c, _ := agreementOpen(r)
	signAs(c, data.PartnerB, "Alex")
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*agreementScreen)
	if !s.Start.Disabled() || !s.Review.Disabled() {
		t.Fatal("Sam alone can move the dates and so withdraw Alex's signature")
	}
	s.Start.SetText("2026-04-01")
	if a := r.dossier().Agreements[0]; a.SignatureOf(data.PartnerB) == nil || a.StartDate != data.NewDate(2026, 3, 4) {
		t.Errorf("Alex's signed version changed: %+v", a)
	}
}

// agreeBoth has both partners, together at the keyboard, agree to cm's terms as stored.
func agreeBoth(t *testing.T, r *rig, cm data.Commitment) {
	t.Helper()
	for _, p := range data.Partners {
		if _, err := r.st.SetAgreed(context.Background(), cm.CaseID, cm.ID, app.KeyboardBoth, p, true); err != nil {
			t.Fatal(err)
		}
	}
}

// A signed version changed in the database behind Kintsugi's back says so, and is not shown
// as signed, in the window and in the version picker.
func TestAgreementAlteredAfterSigningShowsAsAltered(t *testing.T) {
	r := newRig(t)
	c := r.sample(app.StepAgreement)
	for _, q := range []string{"DROP TRIGGER agreement_items_frozen_update",
		"UPDATE agreement_items SET param = param + 3 WHERE param > 0"} {
		if _, err := r.st.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	c.Show(app.StepWelcome)
	c.Show(app.StepAgreement)
	s := c.Current.(*agreementScreen)
	shown := strings.Join(texts(s.View()), "\n")
	if !strings.Contains(shown, "changed after you both signed it") || strings.Contains(shown, "Signed by both on") {
		t.Errorf("the altered version is shown as:\n%s", shown)
	}
	// The card offering a new version does not call the altered one signed.
	if signedWording := r.state.Content().T("ui.agreement.changed"); strings.Contains(shown, signedWording) {
		t.Errorf("the altered version is called a signed version: %q", signedWording)
	}
	if !strings.Contains(shown, r.state.Content().T("ui.agreement.changed.altered")) {
		t.Errorf("no offer of a new version under the altered one:\n%s", shown)
	}
	// It is a warning, not a quiet note, and the signatures are not shown under what they did
	// not sign: the place says who signed, and why their signatures are left out.
	content := r.state.Content()
	status, why := content.T("ui.agreement.status.altered"), content.T("ui.agreement.altered.signatures")
	warned := map[string]bool{}
	walk(t, s.View(), func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			if x.Importance == widget.WarningImportance {
				warned[x.Text] = true
			}
		case *canvas.Image: // as signatureView names a drawing
			if x.Resource != nil && strings.HasPrefix(x.Resource.Name(), "signature-") {
				t.Error("a drawn signature is shown under the changed version")
			}
		}
	})
	if !warned[status] {
		t.Errorf("the altered status is not a warning: %q", status)
	}
	found := false
	for text := range warned {
		if cs := r.dossier().Case; strings.Contains(text, why) && strings.Contains(text, cs.NameA) && strings.Contains(text, cs.NameB) {
			found = true
		}
	}
	if !found {
		t.Errorf("the signatures' place does not say who signed and why the signatures are left out: %v", warned)
	}
	if typed := content.T("ui.agreement.typed.note"); strings.Contains(strings.Join(texts(s.View()), "\n"), typed) {
		t.Errorf("%q is shown under the changed version", typed)
	}
}

// TestAgreementShowsTheCouplesOwnCode: the couple's own commitment has the code it has in the
// tracking grid and the workbook (C.1), not a word of its own.
func TestAgreementShowsTheCouplesOwnCode(t *testing.T) {
	r := newRig(t)
	c := r.sample(app.StepAgreement)
	want := r.state.Content().Tf("wb.custom.code", 1)
	found := false
	walk(t, c.Current.View(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.TextStyle.Bold && l.Text == want {
			found = true
		}
	})
	if !found {
		t.Errorf("no item coded %q in the agreement: %q", want, texts(c.Current.View()))
	}
}
