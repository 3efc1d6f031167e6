package screens

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

func init() { data.DefaultKDFCost = data.KDF{Time: 1, MemoryKiB: 64, Threads: 1} }

func TestLockUnlockAndHide(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepLetter)
	id := r.state.CaseID()
	c.Current.(*letterScreen).Editor.SetText("Dear Alex, this stays between us.")
	if err := r.win.SetPassphrase("kind words", "kind wordz", 10); err == nil {
		t.Fatal("two different passphrases were accepted")
	}
	if err := r.win.SetPassphrase("short", "short", 10); err == nil {
		t.Fatal("a five-letter passphrase was accepted")
	}
	if err := r.win.SetPassphrase("a kind long phrase", "a kind long phrase", 5); err != nil {
		t.Fatal(err)
	}
	if !c.Lock.Visible() {
		t.Error("the header does not say the couple is locked")
	}
	if got := r.win.idleMinutes(); got != 5 {
		t.Errorf("idle minutes = %d", got)
	}
	r.win.Hide()
	if r.win.Couple != nil || r.win.Start == nil {
		t.Fatal("hiding did not return to the start screen")
	}
	if open, _ := r.st.IsOpen(context.Background(), id); open {
		t.Fatal("hiding left the couple open")
	}
	r.win.OpenCouple(id) // asks for the passphrase instead of opening
	if r.win.Couple != nil {
		t.Fatal("a locked couple opened without its passphrase")
	}
	if err := r.win.Unlock(id, "the wrong phrase"); err == nil || err.Error() != r.state.Content().T("ui.unlock.wrong") {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if err := r.win.Unlock(id, "a kind long phrase"); err != nil {
		t.Fatal(err)
	}
	r.win.OpenCouple(id)
	r.win.Couple.Show(app.StepLetter)
	if got := r.win.Couple.Current.(*letterScreen).Editor.Text; got != "Dear Alex, this stays between us." {
		t.Errorf("after unlocking the letter reads %q", got)
	}
}

func TestIdleLockClosesOnlyLockedCouples(t *testing.T) {
	r := newRig(t)
	r.couple(app.StepWelcome)
	r.win.activity.last.Store(0) // untouched for ages
	r.win.lockIfIdle()
	if r.win.Couple == nil {
		t.Fatal("an unlocked couple was closed for being idle")
	}
	if err := r.win.SetPassphrase("a kind long phrase", "a kind long phrase", 5); err != nil {
		t.Fatal(err)
	}
	r.win.lockIfIdle() // just used: stays
	if r.win.Couple == nil {
		t.Fatal("a couple in use was closed")
	}
	r.win.activity.last.Store(0)
	r.win.lockIfIdle()
	if r.win.Couple != nil {
		t.Fatal("an idle locked couple stayed open")
	}
}

func TestNotFeelingSafeLeavesNoTrace(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepWelcome)
	before := r.dossier()
	test.Tap(c.Current.(*welcomeScreen).Unsafe)
	if r.win.Couple != nil {
		t.Fatal("the couple is still on screen")
	}
	if !shows(r.win.Win.Content(), r.state.Content().Section(data.SectionHelp).Title) {
		t.Error("the safety page does not show where to get help")
	}
	d, err := r.st.Dossier(context.Background(), before.Case.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Decisions) != len(before.Decisions) || !d.Case.UpdatedAt.Equal(before.Case.UpdatedAt) {
		t.Error("the choice left a trace in the store")
	}
}

func TestDeleteCouple(t *testing.T) {
	r := newRig(t)
	r.couple(app.StepWelcome)
	id := r.state.CaseID()
	stored := func() bool {
		_, err := r.st.Case(context.Background(), id)
		return err == nil
	}
	// The menu's dialog: the safe choice is the default, and Enter alone deletes nothing.
	r.win.askDelete()
	d := r.win.Dialog
	if d == nil || d.Cancel.Importance != widget.HighImportance || d.Confirm.Importance == widget.HighImportance {
		t.Fatal("the delete dialog does not make Cancel the default")
	}
	d.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !stored() {
		t.Fatal("Enter deleted the couple without the names typed")
	}
	test.Tap(d.Confirm)
	if !stored() {
		t.Fatal("Delete deleted the couple without the names typed")
	}
	test.Type(d.Fields[0], "sam and ALEX")
	test.Tap(d.Confirm)
	if stored() {
		t.Fatal("the couple is still stored after its names were typed")
	}
	if r.win.Start == nil || len(shown(t, r.win.Start)) != 0 {
		t.Error("the start screen still lists the couple")
	}
}

// A locked couple is deleted only with its names and its passphrase.
func TestDeleteLockedCoupleNeedsItsPassphrase(t *testing.T) {
	r := newRig(t)
	r.couple(app.StepWelcome)
	id := r.state.CaseID()
	if err := r.win.SetPassphrase("a kind long phrase", "a kind long phrase", 10); err != nil {
		t.Fatal(err)
	}
	for _, try := range [][2]string{{"Sam", "a kind long phrase"}, {"Alex & Sam", ""}, {"Alex & Sam", "a wrong phrase"}} {
		if err := r.win.DeleteCouple(try[0], try[1]); err == nil {
			t.Fatalf("deleted with %q and %q", try[0], try[1])
		}
		if _, err := r.st.Case(context.Background(), id); err != nil {
			t.Fatalf("the couple went with %q and %q", try[0], try[1])
		}
	}
	if err := r.win.DeleteCouple("Alex & Sam", "a kind long phrase"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.st.Case(context.Background(), id); err == nil {
		t.Fatal("the locked couple is still stored")
	}
}

func TestReflectionBehindAPIN(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepReflection)
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*reflectionScreen)
	s.Answers["CLAR-01"].SetText("Only Sam may read this.")
	if err := s.NewPIN("2468", "2469"); err == nil {
		t.Fatal("two different PINs were accepted")
	}
	if err := s.NewPIN("2468", "2468"); err != nil {
		t.Fatal(err)
	}
	id := r.state.CaseID()
	c.SetKeyboard(app.KeyboardB)
	r.win.Hide() // the next person at the keyboard starts from the start screen
	r.win.OpenCouple(id)
	c = r.win.Couple
	c.Show(app.StepReflection)
	c.SetKeyboard(app.KeyboardA) // Alex picks Sam's name
	s = c.Current.(*reflectionScreen)
	if !s.closed || len(s.Answers) != 0 || shows(c.body, "Only Sam may read this.") {
		t.Fatal("Sam's private answers opened without the PIN")
	}
	s.Enter("1111")
	if s.PINMsg.Text == "" || !c.Current.(*reflectionScreen).closed {
		t.Fatal("a wrong PIN opened the answers or said nothing")
	}
	s.Enter("2468")
	s = c.Current.(*reflectionScreen)
	if s.closed || s.Answers["CLAR-01"].Text != "Only Sam may read this." {
		t.Fatal("the right PIN did not open Sam's answers")
	}
}

func TestExportAndImportThroughTheWindow(t *testing.T) {
	r := newRig(t)
	r.sample(app.StepWelcome)
	id := r.state.CaseID()
	if err := r.win.SetPassphrase("a kind long phrase", "a kind long phrase", 10); err != nil {
		t.Fatal(err)
	}
	file := t.TempDir() + "/couple.kintsugi"
	if err := r.win.ExportCouple(id, file, "not the phrase"); err == nil {
		t.Fatal("exported with a wrong passphrase")
	}
	if err := r.win.ExportCouple(id, file, "a kind long phrase"); err != nil {
		t.Fatal(err)
	}
	if err := r.win.DeleteCouple("Sam & Alex", "a kind long phrase"); err != nil {
		t.Fatal(err)
	}
	r.win.ImportCouple(file, "a kind long phrase")
	if r.win.Start == nil || len(shown(t, r.win.Start)) != 1 || shown(t, r.win.Start)[0].Title != "Sam & Alex" {
		t.Fatalf("after import the list shows %+v", shown(t, r.win.Start))
	}
	newID := shown(t, r.win.Start)[0].Case.ID
	if locked, _ := r.st.IsLocked(context.Background(), newID); !locked {
		t.Error("the imported couple is not locked")
	}
}

func TestRecoveryWindowRestores(t *testing.T) {
	a := test.NewTempApp(t)
	content, err := app.LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	restored := false
	b := &data.BackupInfo{Path: "/backups/kintsugi-20261124-080000.db"}
	r := NewRecoveryWindow(a, content, data.ErrDamaged, b, func() error { restored = true; return nil })
	if r.Win.Canvas().Focused() != r.Restore { // Space restores, without a Tab first
		t.Errorf("the recovery window opens with %T focused, want its Restore button", r.Win.Canvas().Focused())
	}
	test.Tap(r.Restore)
	if !restored || !r.Restore.Disabled() || r.Message.Text != content.T("ui.restore.done") {
		t.Errorf("restore: called %v, message %q", restored, r.Message.Text)
	}
	none := NewRecoveryWindow(a, content, data.ErrDamaged, nil, nil)
	if none.Restore != nil || !shows(none.Win.Content(), content.T("ui.recovery.nobackup")) {
		t.Error("without a backup the window must say so and offer nothing")
	}
}

func TestStartListsALockedCoupleWithoutItsProgress(t *testing.T) {
	r := newRig(t)
	r.sample(app.StepWelcome)
	if err := r.win.SetPassphrase("a kind long phrase", "a kind long phrase", 10); err != nil {
		t.Fatal(err)
	}
	r.win.Hide()
	row := shown(t, r.win.Start)[0]
	if row.Title != "Sam & Alex" || row.Step != r.state.Content().T("ui.couple.locked") {
		t.Errorf("the locked couple's row: %+v", row)
	}
}

// Sam's PIN is asked again each time the keyboard comes back to Sam: after Alex took it, after
// the couple was closed and opened again, and after the window sat idle.
func TestPINIsAskedAgainAtEveryHandOver(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepReflection)
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*reflectionScreen)
	s.Answers["CLAR-01"].SetText("Only Sam may read this.")
	if err := s.NewPIN("2468", "2468"); err != nil {
		t.Fatal(err)
	}
	reopened := func(what string) {
		t.Helper()
		s := r.win.Couple.Current.(*reflectionScreen)
		if !s.closed || len(s.Answers) != 0 || shows(r.win.Couple.body, "Only Sam may read this.") {
			t.Fatalf("%s: Sam's private answers show without the PIN", what)
		}
		s.Enter("2468")
		if s := r.win.Couple.Current.(*reflectionScreen); s.closed || s.Answers["CLAR-01"].Text != "Only Sam may read this." {
			t.Fatalf("%s: the PIN did not open Sam's answers", what)
		}
	}
	// Right after setting it, Sam's answers are open; Alex takes the keyboard, then gives it back.
	if s := c.Current.(*reflectionScreen); s.closed {
		t.Fatal("setting a PIN closed Sam's own answers")
	}
	c.SetKeyboard(app.KeyboardB)
	c.SetKeyboard(app.KeyboardA)
	reopened("after Alex had the keyboard")

	// Both at the keyboard is someone else too.
	c.SetKeyboard(app.KeyboardBoth)
	c.SetKeyboard(app.KeyboardA)
	reopened("after both were at the keyboard")

	// Closing the couple and opening it again.
	id := r.state.CaseID()
	test.Tap(c.Back)
	r.win.OpenCouple(id)
	c = r.win.Couple
	c.Show(app.StepReflection)
	c.SetKeyboard(app.KeyboardA)
	reopened("after closing and opening the couple")

	// Untouched for the idle time, even in a couple without a passphrase.
	r.win.activity.last.Store(0)
	r.win.lockIfIdle()
	if r.win.Couple == nil {
		t.Fatal("an unlocked couple closed for being idle")
	}
	reopened("after the window sat idle")
}

// With Sam's PIN closed (Alex at the keyboard), the couple exports all the same: Sam's private
// answer travels sealed with Sam's PIN, and on the other computer Sam's PIN is asked for it: a
// wrong one does not open it, the right one does.
func TestExportWithAClosedPINCarriesItSealed(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepReflection)
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*reflectionScreen)
	s.Answers["CLAR-01"].SetText("Only Sam may read this.")
	if err := s.NewPIN("2468", "2468"); err != nil {
		t.Fatal(err)
	}
	c.SetKeyboard(app.KeyboardB) // Sam's PIN closes
	r.win.askExport()
	if top := r.win.Win.Canvas().Overlays().Top(); top != nil && shows(top, "PIN") {
		t.Fatal("exporting with Sam's PIN closed still asks for it")
	}
	path := filepath.Join(t.TempDir(), "couple.kintsugi")
	if err := r.win.ExportCouple(r.state.CaseID(), path, ""); err != nil {
		t.Fatalf("export with Sam's PIN closed: %v", err)
	}
	if raw, err := os.ReadFile(path); err != nil || bytes.Contains(raw, []byte("Only Sam")) {
		t.Fatalf("the file holds Sam's private answer in plain text (%v)", err)
	}

	other := newRig(t)
	other.couple(app.StepWelcome) // the imported couple gets another case ID
	imported, err := app.ImportCouple(context.Background(), other.st, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	other.win.OpenCouple(imported.ID)
	oc := other.win.Couple
	oc.Show(app.StepReflection)
	oc.SetKeyboard(app.KeyboardA)
	rs := oc.Current.(*reflectionScreen)
	if !rs.closed {
		t.Fatal("on the other computer Sam's private answers open without the PIN")
	}
	rs.Enter("1357")
	if rs := oc.Current.(*reflectionScreen); !rs.closed {
		t.Fatal("a wrong PIN opened Sam's answers")
	}
	rs.Enter("2468")
	if rs := oc.Current.(*reflectionScreen); rs.closed || rs.Answers["CLAR-01"].Text != "Only Sam may read this." {
		t.Errorf("Sam's PIN did not open the answer on the other computer")
	}
}

// A damaged PIN in a locked couple: the couple opens after its passphrase, the window names
// the damage, and that partner's private answers stay closed, even to the right PIN.
func TestADamagedPINOpensTheCoupleWithItsAnswersClosed(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepReflection)
	id := r.state.CaseID()
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*reflectionScreen)
	s.Answers["CLAR-01"].SetText("Only Sam may read this.")
	if err := r.win.SetPassphrase("a kind long phrase", "a kind long phrase", 5); err != nil {
		t.Fatal(err)
	}
	if err := s.NewPIN("2468", "2468"); err != nil {
		t.Fatal(err)
	}
	r.win.Couple.Show(app.StepLetter)
	r.win.Couple.Current.(*letterScreen).Editor.SetText("Dear Alex, the letter still opens.")
	r.win.Hide()
	if _, err := r.st.DB().Exec("UPDATE pins SET secret = substr(secret, 1, 30) || CASE substr(secret, 31, 1) WHEN X'00' THEN X'01' ELSE X'00' END || substr(secret, 32) WHERE partner = 'A'"); err != nil {
		t.Fatal(err)
	}
	if err := r.win.Unlock(id, "a kind long phrase"); err != nil {
		t.Fatalf("a damaged PIN reads as a wrong passphrase: %v", err)
	}
	r.win.OpenCouple(id)
	c = r.win.Couple
	if c == nil {
		t.Fatal("a damaged PIN kept the couple closed")
	}
	if top := r.win.Win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(texts(top), " "), "Sam's PIN (their private texts stay closed") {
		t.Error("the window does not name the damaged PIN")
	}
	c.Show(app.StepLetter)
	if got := c.Current.(*letterScreen).Editor.Text; got != "Dear Alex, the letter still opens." {
		t.Errorf("the rest of the couple: letter %q", got)
	}
	c.Show(app.StepReflection)
	c.SetKeyboard(app.KeyboardA)
	s = c.Current.(*reflectionScreen)
	if !s.closed || shows(c.body, "Only Sam may read this.") {
		t.Fatal("Sam's private answers opened with their PIN damaged")
	}
	// No PIN can open it, so none is asked for: the screen says so and offers the ways back.
	if s.PIN != nil || s.Renewal == nil || !shows(c.body, "Sam's PIN record is damaged") {
		t.Errorf("Sam's screen with a damaged PIN: PIN entry %v, way back %v", s.PIN != nil, s.Renewal != nil)
	}
	if err := r.state.EnterPIN(id, data.PartnerA, "2468"); !errors.Is(err, data.ErrDamagedValue) || shows(c.body, "Only Sam may read this.") {
		t.Errorf("the right PIN over a damaged one: %v", err)
	}
}
