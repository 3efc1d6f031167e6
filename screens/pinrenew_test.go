package screens

import (
	"context"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

// A partner whose PIN record is damaged is told so plainly, and offered a backup or a new PIN.
// After a clear confirmation the new PIN is theirs: the next answer is sealed with it and opens
// with it, and what the damaged PIN sealed shows as "could not be opened", never as an empty
// answer to type over, until they choose to delete it. The other partner is never offered it.
func TestADamagedPINIsStartedAnewFromTheWindow(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	c := r.couple(app.StepReflection)
	id := r.state.CaseID()
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*reflectionScreen)
	var ids []string
	for q := range s.Answers {
		ids = append(ids, q)
	}
	sort.Strings(ids)
	old, next := ids[0], ids[1]
	test.Type(s.Answers[old], "only Sam knows this")
	r.state.Flush()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := app.Lock(ctx, r.st, id, "correct horse battery")
	must(err)
	_, err = app.SetPIN(ctx, r.st, id, data.PartnerA, "2468")
	must(err)
	res, err := r.st.DB().Exec("UPDATE pins SET secret = substr(secret, 1, 30) || CASE substr(secret, 31, 1) WHEN X'00' THEN X'01' ELSE X'00' END || substr(secret, 32) WHERE case_id = ? AND partner = 'A'", id)
	must(err)
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("damaged %d PIN rows", n)
	}
	r.st.ForgetAll()
	must(r.st.Unlock(ctx, id, "correct horse battery"))
	r.win.OpenCouple(id)
	for o := r.win.Win.Canvas().Overlays(); o.Top() != nil; { // the report of what is damaged
		o.Remove(o.Top())
	}
	c = r.win.Couple
	c.Show(app.StepReflection)

	c.SetKeyboard(app.KeyboardB)
	if s := c.Current.(*reflectionScreen); s.Renewal != nil || shows(c.body, "PIN record is damaged") {
		t.Fatal("Alex was offered to start Sam's PIN anew")
	}
	c.SetKeyboard(app.KeyboardA)
	s = c.Current.(*reflectionScreen)
	if s.Renewal == nil || s.PIN != nil || !shows(c.body, "Sam's PIN record is damaged") || shows(c.body, "only Sam knows this") {
		t.Fatalf("Sam's damaged PIN: renewal %v, PIN entry %v, on screen %q", s.Renewal != nil, s.PIN != nil, texts(c.body))
	}
	test.Tap(s.Renewal.Restore)
	if top := r.win.Win.Canvas().Overlays().Top(); top == nil || !shows(top, "Restore from a backup") {
		t.Fatal("Restore a backup offers no backup")
	}
	r.win.Win.Canvas().Overlays().Remove(r.win.Win.Canvas().Overlays().Top())
	test.Tap(s.Renewal.Renew)
	d := s.Renewal.Dialog
	if d == nil || !shows(r.win.Win.Canvas().Overlays().Top(), "cannot be opened by anyone any more") {
		t.Fatal("no confirmation says what becomes of the texts")
	}
	test.Type(d.Fields[0], "1357")
	test.Type(d.Fields[1], "1375")
	test.Tap(d.Confirm)
	if damaged, _ := r.st.PINDamaged(ctx, id, data.PartnerA); !damaged || c.Current != s {
		t.Fatal("two different PINs replaced the damaged one")
	}
	d.Fields[1].SetText("1357")
	test.Tap(d.Confirm)

	s = c.Current.(*reflectionScreen)
	if s.closed || s.Lost[old] == nil || s.Answers[old] != nil || !shows(c.body, "could not be opened") || shows(c.body, "only Sam knows this") {
		t.Fatalf("after the new PIN: closed %v, lost %v, on screen %q", s.closed, s.Lost[old] != nil, texts(c.body))
	}
	test.Type(s.Answers[next], "sealed with the new PIN")
	r.state.Flush()

	// Back at the keyboard, the new PIN opens the new answer; the lost one stays lost.
	c.SetKeyboard(app.KeyboardB)
	c.SetKeyboard(app.KeyboardA)
	s = c.Current.(*reflectionScreen)
	if s.Renewal != nil || s.PIN == nil {
		t.Fatal("the new PIN is not asked for")
	}
	test.Type(s.PIN, "1357")
	test.Tap(s.EnterPIN)
	s = c.Current.(*reflectionScreen)
	if s.Answers[next] == nil || s.Answers[next].Text != "sealed with the new PIN" || s.Lost[old] == nil {
		t.Fatalf("the new PIN did not open the new answer, or the lost one changed: %q", texts(c.body))
	}
	test.Tap(s.Lost[old])
	s = c.Current.(*reflectionScreen)
	if s.Answers[old] == nil || s.Answers[old].Text != "" || s.Lost[old] != nil {
		t.Fatal("deleting the lost answer did not give an empty one to write")
	}
	if a := r.dossier().Answer(data.PartnerA, old); a == nil || a.Lost || a.Text != "" {
		t.Fatalf("the lost answer after deleting it: %+v", a)
	}
}

// Alex's own weekly note and reply to the letter, sealed under a PIN whose record is damaged:
// the week offers Alex the way back instead of a PIN that cannot open, and once Alex starts a new
// PIN both texts show as "could not be opened", with no editor to type over them, until Alex
// deletes them.
func TestTextsOfADamagedPINAreNeverShownEmpty(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	c := r.couple(app.StepTracking)
	id := r.state.CaseID()
	week := c.Current.(*trackingScreen).Week
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(r.st.SaveLetter(ctx, data.Letter{CaseID: id, Text: "I am sorry.", Status: data.LetterGiven}))
	must(r.st.SaveLetterReply(ctx, data.KeyboardOf(data.PartnerB), id, "Alex's reply, not yet shared", false))
	must(r.st.SaveWeekNote(ctx, data.KeyboardOf(data.PartnerB), data.WeekNote{CaseID: id, Week: week, Partner: data.PartnerB, Text: "ALEX-WEEK-SECRET"}))
	_, err := app.Lock(ctx, r.st, id, "correct horse battery")
	must(err)
	_, err = app.SetPIN(ctx, r.st, id, data.PartnerB, "2468")
	must(err)
	_, err = r.st.DB().Exec("UPDATE pins SET check_value = substr(check_value, 1, 30) || CASE substr(check_value, 31, 1) WHEN X'00' THEN X'01' ELSE X'00' END || substr(check_value, 32) WHERE case_id = ? AND partner = 'B'", id)
	must(err)
	r.st.ForgetAll()
	must(r.st.Unlock(ctx, id, "correct horse battery"))
	r.win.OpenCouple(id)
	c = r.win.Couple
	c.Show(app.StepTracking)
	c.SetKeyboard(app.KeyboardB)

	s := c.Current.(*trackingScreen)
	s.ShowWeek(week)
	s = c.Current.(*trackingScreen)
	if s.Own.Renewal == nil || s.Own.PIN != nil || s.Own.Own != nil {
		t.Fatalf("Alex's week with a damaged PIN: %q", texts(c.body))
	}
	must(s.Own.Renewal.Start("1357", "1357"))
	s = c.Current.(*trackingScreen)
	if s.Own.Lost == nil || s.Own.Own != nil || s.Own.Share != nil || !shows(c.body, "could not be opened") || shows(c.body, "ALEX-WEEK-SECRET") {
		t.Fatalf("Alex's lost note: %q", texts(c.body))
	}
	c.Show(app.StepLetter)
	l := c.Current.(*letterScreen)
	if l.Reply == nil || l.Reply.Lost == nil || l.Reply.Editor != nil || l.Reply.Share != nil || !shows(c.body, "could not be opened") {
		t.Fatalf("Alex's lost reply: %q", texts(c.body))
	}
	c.SetKeyboard(app.KeyboardA) // Sam sees neither, nor that there is a reply
	if shows(c.body, "could not be opened") || shows(c.body, "Alex's reply") {
		t.Fatalf("Sam sees Alex's lost reply: %q", texts(c.body))
	}

	c.SetKeyboard(app.KeyboardB)
	l = c.Current.(*letterScreen)
	if l.Reply == nil || l.Reply.PIN == nil {
		t.Fatal("Alex's new PIN is not asked for at the letter")
	}
	test.Type(l.Reply.PIN, "1357")
	test.Tap(l.Reply.OpenPIN)
	l = c.Current.(*letterScreen)
	test.Tap(l.Reply.Lost)
	if l = c.Current.(*letterScreen); l.Reply == nil || l.Reply.Editor == nil || l.Reply.Editor.Text != "" {
		t.Fatal("deleting the lost reply did not give an empty one to write")
	}
	if d := r.dossier(); d.Letter.ReplyLost || d.Letter.Reply != "" || !d.WeekNote(week, data.PartnerB).Lost {
		t.Fatalf("after deleting the reply: reply lost %v %q, note lost %v", d.Letter.ReplyLost, d.Letter.Reply, d.WeekNote(week, data.PartnerB).Lost)
	}
}

// TestALockRefusedOverADamagedPINSaysSo: changing the passphrase while a PIN record is damaged
// is refused; the window says that nothing was locked and names the damaged value the way the
// damage report does, in the window's language (it showed the store's raw field and row).
func TestALockRefusedOverADamagedPINSaysSo(t *testing.T) {
	r := newRig(t)
	r.win.SetLanguage("ru")
	r.lockedWithADamagedPIN()
	err := r.win.SetPassphrase("another long kind phrase", "another long kind phrase", 5)
	if err == nil {
		t.Skip("the store now changes a passphrase over a damaged PIN")
	}
	prefix := strings.TrimSuffix(r.state.Content().T("ui.lock.failed"), "%s")
	if msg := err.Error(); !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, "Sam") || strings.Contains(msg, "pins") {
		t.Errorf("the refusal says %q", msg)
	}
}

// lockedWithADamagedPIN makes a couple locked with "correct horse battery" whose partner A's
// PIN record (2468) is damaged in the file, unlocks it and opens it past the damage report.
func (r *rig) lockedWithADamagedPIN() int64 {
	r.t.Helper()
	ctx := context.Background()
	r.couple(app.StepReflection)
	id := r.state.CaseID()
	if _, err := app.Lock(ctx, r.st, id, "correct horse battery"); err != nil {
		r.t.Fatal(err)
	}
	if _, err := app.SetPIN(ctx, r.st, id, data.PartnerA, "2468"); err != nil {
		r.t.Fatal(err)
	}
	if _, err := r.st.DB().Exec("UPDATE pins SET secret = substr(secret, 1, 30) || CASE substr(secret, 31, 1) WHEN X'00' THEN X'01' ELSE X'00' END || substr(secret, 32) WHERE case_id = ? AND partner = 'A'", id); err != nil {
		r.t.Fatal(err)
	}
	r.st.ForgetAll()
	if err := r.st.Unlock(ctx, id, "correct horse battery"); err != nil {
		r.t.Fatal(err)
	}
	r.win.OpenCouple(id)
	for o := r.win.Win.Canvas().Overlays(); o.Top() != nil; { // the report of what is damaged
		o.Remove(o.Top())
	}
	r.win.Dialog = nil
	return id
}
