package screens

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

func press(c fyne.Canvas, key fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: key}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

func typeInto(c fyne.Canvas, s string) {
	for _, r := range s {
		c.Focused().TypedRune(r)
	}
}

// TestNewCoupleDialogByKeyboard: the dialog opens with the first name focused, Enter with a name
// missing keeps it open with what was typed and says why inside, Enter then creates the couple.
func TestNewCoupleDialogByKeyboard(t *testing.T) {
	r := newRig(t)
	c := r.win.Win.Canvas()
	test.Tap(r.win.Start.NewCouple)
	d := r.win.Dialog
	if d == nil || c.Focused() != d.Fields[0] {
		t.Fatalf("the new couple dialog does not focus its first name (focused %T)", c.Focused())
	}
	typeInto(c, "Sam")
	press(c, fyne.KeyReturn)
	if r.win.Dialog != d || d.Fields[0].Text != "Sam" {
		t.Fatalf("an empty second name closed the dialog or lost the first (%q)", d.Fields[0].Text)
	}
	if !strings.Contains(strings.Join(texts(c.Overlays().Top()), " "), "Both partners need a name") {
		t.Error("the dialog does not say why it refused")
	}
	if cases, _ := r.st.Cases(r.state.Context()); len(cases) != 0 {
		t.Fatalf("a couple was created without a second name: %+v", cases)
	}
	c.FocusNext()
	typeInto(c, "Alex")
	press(c, fyne.KeyReturn)
	if r.win.Dialog != nil || r.win.Couple == nil || r.win.Couple.d.Case.NameB != "Alex" {
		t.Fatalf("Enter did not create and open the couple (dialog %v)", r.win.Dialog)
	}
}

// TestEscapeCancelsDialogs from a field and with nothing focused; Enter confirms a question.
func TestEscapeCancelsDialogs(t *testing.T) {
	r := newRig(t)
	c := r.win.Win.Canvas()
	test.Tap(r.win.Start.NewCouple)
	typeInto(c, "Sam")
	press(c, fyne.KeyEscape)
	if r.win.Dialog != nil {
		t.Fatal("Escape in a field did not cancel the new couple dialog")
	}
	if cases, _ := r.st.Cases(r.state.Context()); len(cases) != 0 {
		t.Fatal("Escape created a couple")
	}

	r.couple(app.StepWelcome)
	answered := ""
	r.win.confirmDialog("A question?", "Yes or no.", "Yes", "No", func(ok bool) { answered = strconv.FormatBool(ok) })
	if c.Focused() != nil {
		t.Fatalf("a question focuses %T", c.Focused())
	}
	press(c, fyne.KeyEscape)
	if answered != "false" || r.win.Dialog != nil {
		t.Fatalf("Escape on a question answered %q or left the dialog", answered)
	}
	r.win.confirmDialog("A question?", "Yes or no.", "Yes", "No", func(ok bool) { answered = strconv.FormatBool(ok) })
	press(c, fyne.KeyReturn)
	if answered != "true" {
		t.Fatalf("Enter on a question answered %q", answered)
	}

	// Deleting a couple: Escape cancels; Enter deletes only once both names are typed.
	r.win.askDelete()
	press(c, fyne.KeyEscape)
	if cases, _ := r.st.Cases(r.state.Context()); len(cases) != 1 || r.win.Dialog != nil {
		t.Fatalf("Escape on 'delete this couple?' deleted it or left the dialog (%d couples)", len(cases))
	}
	r.win.askDelete()
	press(c, fyne.KeyReturn)
	if cases, _ := r.st.Cases(r.state.Context()); len(cases) != 1 {
		t.Fatal("Enter alone deleted the couple")
	}
	typeInto(c, "Sam & Alex")
	press(c, fyne.KeyReturn)
	if cases, _ := r.st.Cases(r.state.Context()); len(cases) != 0 {
		t.Fatal("Enter with both names typed did not delete the couple")
	}
	if c.OnTypedKey() != nil {
		t.Error("the window kept a closed dialog's keys")
	}
}

// TestPDFOpenFailureSaysWhere: when the system cannot open the saved PDF, the window says so and
// where the file is.
func TestPDFOpenFailureSaysWhere(t *testing.T) {
	r := newRig(t)
	old := openURL
	openURL = func(*url.URL) error { return errors.New("no PDF viewer") }
	t.Cleanup(func() { openURL = old })
	path := "/home/sam/Documents/kintsugi-workbook.pdf"
	afterExport(r.win, path, nil)
	press(r.win.Win.Canvas(), fyne.KeyReturn) // yes, open it
	top := r.win.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("nothing said after the PDF could not be opened")
	}
	said := strings.Join(texts(top), " ")
	if !strings.Contains(said, path) || !strings.Contains(said, "no PDF viewer") {
		t.Errorf("the failure does not say where the file is: %q", said)
	}
}

// TestDialogKeysFromAChoiceOrAList: with a radio option or the language list focused, Escape
// cancels the new couple dialog and Enter creates the couple; arrows move the choice. Fyne's
// own radio items and Select kept both keys to themselves.
func TestDialogKeysFromAChoiceOrAList(t *testing.T) {
	r := newRig(t)
	c := r.win.Win.Canvas()
	ru := r.state.Content()
	form := func() *coupleForm {
		t.Helper()
		test.Tap(r.win.Start.NewCouple)
		if r.win.Dialog == nil {
			t.Fatal("the new couple dialog did not open")
		}
		return r.win.Start.NewForm
	}
	f := form()
	c.Focus(f.Rebuilding.Items[0])
	press(c, fyne.KeyDown)
	if f.Rebuilding.Selected != ru.T("ui.new.rebuilding.b") || c.Focused() != f.Rebuilding.Items[1] {
		t.Errorf("Down chose %q, focus on %T", f.Rebuilding.Selected, c.Focused())
	}
	press(c, fyne.KeyEscape)
	if r.win.Dialog != nil {
		t.Fatal("Escape on a radio option did not cancel the dialog")
	}

	f = form()
	c.Focus(f.Language)
	press(c, fyne.KeyEscape)
	if r.win.Dialog != nil {
		t.Fatal("Escape on the language list did not cancel the dialog")
	}

	f = form()
	typeInto(c, "Sam")
	c.FocusNext()
	typeInto(c, "Alex")
	c.Focus(f.Paper.Items[1])
	press(c, fyne.KeyReturn)
	if r.win.Dialog != nil || r.win.Couple == nil || r.win.Couple.d.Case.NameB != "Alex" {
		t.Fatalf("Enter on a radio option did not create the couple (dialog %v)", r.win.Dialog)
	}
}

// TestEscapeFromTheLockDialogsList: the passphrase dialog's list of minutes, focused, hands
// Escape to the dialog.
func TestEscapeFromTheLockDialogsList(t *testing.T) {
	r := newRig(t)
	r.couple(app.StepWelcome)
	c := r.win.Win.Canvas()
	r.win.askPassphrase()
	if r.win.Dialog == nil {
		t.Fatal("the passphrase dialog did not open")
	}
	var list *keySelect
	findKeySelect(c.Overlays().Top(), &list)
	if list == nil {
		t.Fatal("no list of minutes in the dialog")
	}
	c.Focus(list)
	press(c, fyne.KeyEscape)
	if r.win.Dialog != nil {
		t.Error("Escape on the list of minutes did not cancel the dialog")
	}
}

func findKeySelect(o fyne.CanvasObject, out **keySelect) {
	switch w := o.(type) {
	case *keySelect:
		*out = w
	case *fyne.Container:
		for _, c := range w.Objects {
			findKeySelect(c, out)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			findKeySelect(c, out)
		}
	}
}

// TestOfficeDialogsByKeyboard: the office setting and the couple's code take Enter and Escape
// from every control in them, the check and the list included (they were Fyne's own dialogs,
// where Escape on a focused check or list did nothing).
func TestOfficeDialogsByKeyboard(t *testing.T) {
	r := newRig(t)
	c := r.win.Win.Canvas()
	controls := func() (*keyCheck, *keySelect) {
		t.Helper()
		if r.win.Dialog == nil {
			t.Fatal("the office dialog did not open")
		}
		var check *keyCheck
		var list *keySelect
		walk(t, c.Overlays().Top(), func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *keyCheck:
				check = x
			case *keySelect:
				list = x
			}
		})
		if check == nil || list == nil {
			t.Fatalf("check %v, list %v", check, list)
		}
		return check, list
	}

	r.win.askOffice()
	check, _ := controls()
	c.Focus(check)
	press(c, fyne.KeyEscape)
	if r.win.Dialog != nil {
		t.Fatal("Escape on the office check did not cancel the dialog")
	}

	r.win.askOffice()
	_, list := controls()
	c.Focus(list)
	press(c, fyne.KeyEscape)
	if r.win.Dialog != nil || r.win.office() {
		t.Fatalf("Escape on the idle list: dialog %v, office %v", r.win.Dialog, r.win.office())
	}

	r.win.askOffice()
	check, _ = controls()
	c.Focus(check)
	check.TypedRune(' ')
	press(c, fyne.KeyReturn)
	if r.win.Dialog != nil || !r.win.office() {
		t.Fatalf("Space then Enter on the office check: dialog %v, office %v", r.win.Dialog, r.win.office())
	}

	r.couple(app.StepWelcome)
	r.win.askCode()
	if r.win.Dialog == nil || c.Focused() == nil {
		t.Fatal("the code dialog did not open with its field focused")
	}
	typeInto(c, "K-17")
	press(c, fyne.KeyEscape)
	if r.win.Dialog != nil || r.win.Couple.d.Case.Code != "" {
		t.Fatalf("Escape in the code field: dialog %v, code %q", r.win.Dialog, r.win.Couple.d.Case.Code)
	}
	r.win.askCode()
	typeInto(c, "K-17")
	press(c, fyne.KeyReturn)
	if r.win.Dialog != nil || r.win.Couple.d.Case.Code != "K-17" {
		t.Fatalf("Enter in the code field: dialog %v, code %q", r.win.Dialog, r.win.Couple.d.Case.Code)
	}
}

// TestARefusalGivesTheKeyboardBackToAField: a dialog that refuses what was typed after a click
// on its button (which takes focus away) reopens with its first field focused, so that what
// the person types next goes somewhere; after Enter in a field, that field keeps the keyboard.
func TestARefusalGivesTheKeyboardBackToAField(t *testing.T) {
	r := newRig(t)
	r.couple(app.StepReflection)
	c := r.win.Win.Canvas()
	r.win.askPassphrase()
	d := r.win.Dialog
	test.Type(d.Fields[0], "correct horse battery")
	test.Type(d.Fields[1], "correct horse")
	test.Tap(d.Confirm) // a click: the button does not keep focus
	if !d.open {
		t.Fatal("the dialog closed on two different passphrases")
	}
	if c.Focused() != d.Fields[0] {
		t.Errorf("after a refused click, %T has focus, want the first field", c.Focused())
	}
	c.Focus(d.Fields[1])
	d.Fields[1].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !d.open || c.Focused() != d.Fields[1] {
		t.Errorf("after a refused Enter in the second field, %T has focus", c.Focused())
	}
}

// TestClosingADialogGivesTheKeyboardBack: the control that opened a dialog has the keyboard
// again when the dialog closes (nothing had it, and Tab started over from the top), unless the
// dialog's work replaced the screen it was on: then nothing stale has it.
func TestClosingADialogGivesTheKeyboardBack(t *testing.T) {
	r := newRig(t)
	c := r.win.Win.Canvas()
	c.Focus(r.win.Start.NewCouple)
	r.win.revealFocused() // the window's look, a few times a second
	press(c, fyne.KeySpace)
	if r.win.Dialog == nil || c.Focused() != r.win.Dialog.Fields[0] {
		t.Fatalf("the new couple dialog did not open with its first field focused (%T)", c.Focused())
	}
	press(c, fyne.KeyEscape)
	if c.Focused() != r.win.Start.NewCouple {
		t.Errorf("after Escape, %T has the keyboard, want the button that opened the dialog", c.Focused())
	}

	cp := r.couple(app.StepReflection)
	cp.SetKeyboard(app.KeyboardA)
	s := cp.Current.(*reflectionScreen)
	c.Focus(s.SetPIN)
	r.win.revealFocused()
	press(c, fyne.KeySpace)
	typeInto(c, "2468")
	c.FocusNext()
	typeInto(c, "2468")
	press(c, fyne.KeyReturn)
	if r.win.Dialog != nil {
		t.Fatal("the PIN dialog stayed open")
	}
	if f := c.Focused(); f == s.SetPIN {
		t.Error("the button of the screen the PIN replaced still has the keyboard")
	}
}

// TestADialogWithoutFieldsFocusesItsFirstChoice: the office setting has no text field; it
// opened with nothing focused, so no ring said where the keyboard was. Its first choice has it.
func TestADialogWithoutFieldsFocusesItsFirstChoice(t *testing.T) {
	r := newRig(t)
	c := r.win.Win.Canvas()
	r.win.askOffice()
	d := r.win.Dialog
	if d == nil || d.control == nil {
		t.Fatal("no office dialog, or no choice in it")
	}
	if c.Focused() != d.control {
		t.Errorf("the office dialog opens with %T focused, want its first choice", c.Focused())
	}
	d.ring.Update()
	if !d.ring.Rect.Visible() {
		t.Error("no ring in the office dialog as it opens")
	}
	press(c, fyne.KeyEscape)
	if r.win.Dialog != nil {
		t.Error("Escape from the focused choice did not close the dialog")
	}
}

// TestARiskyQuestionNeverAnswersYesOnAStrayEnter: before deleting a commitment or exporting a
// couple without protection, the keyboard starts on "no", Enter there or with nothing focused
// answers no, and only Enter on the "yes" button does it (Enter answered yes: a stray Enter
// deleted the couple's own commitment).
func TestARiskyQuestionNeverAnswersYesOnAStrayEnter(t *testing.T) {
	r := newRig(t)
	c := r.win.Win.Canvas()
	r.couple(app.StepWelcome)
	answered := ""
	ask := func() *askDialog {
		return r.win.confirmRisky("Delete?", "It cannot be undone.", "Delete", "Cancel", func(ok bool) { answered = strconv.FormatBool(ok) })
	}
	d := ask()
	if c.Focused() != d.Cancel {
		t.Fatalf("a risky question opens with %T focused, not its Cancel", c.Focused())
	}
	press(c, fyne.KeyReturn)
	if answered != "false" || r.win.Dialog != nil {
		t.Fatalf("Enter on Cancel answered %q", answered)
	}
	d = ask()
	c.Unfocus()
	press(c, fyne.KeyReturn)
	if answered != "false" {
		t.Fatalf("Enter with nothing focused answered %q", answered)
	}
	d = ask()
	c.Focus(d.Confirm)
	press(c, fyne.KeyReturn)
	if answered != "true" {
		t.Fatalf("Enter on Delete answered %q", answered)
	}
	// The couple's own commitment: Enter as the question opens keeps it.
	cm, err := r.st.SaveCommitment(r.state.Context(), data.Commitment{CaseID: r.state.CaseID(), CustomText: "Walk on Sundays.", Cost: "low"})
	if err != nil {
		t.Fatal(err)
	}
	r.win.Couple.Show(app.StepCommitments)
	r.win.Couple.Current.(*commitmentsScreen).confirmDelete(cm.ID)
	press(c, fyne.KeyReturn)
	r.state.Flush()
	if d := r.dossier(); len(d.Commitments) != 1 {
		t.Errorf("Enter on the question deleted the couple's own commitment (%d left)", len(d.Commitments))
	}
}
