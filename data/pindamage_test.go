package data_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"kintsugi/couple"
	"kintsugi/data"
)

// One damaged byte in a partner's sealed PIN (its secret, or its check value) of a locked couple
// is damage like any other: named, the rest of the couple opens after the passphrase, and that
// partner's private texts stay closed: never shown, never taken for "no PIN".
func TestADamagedPINLeavesTheCoupleOpenAndItsTextsClosed(t *testing.T) {
	for _, col := range []string{"secret", "check_value"} {
		t.Run(col, func(t *testing.T) {
			st, _ := openTemp(t)
			ctx := context.Background()
			c := lockedCouple(t, st)
			must(t, st.Lock(ctx, c.ID, "correct horse battery"))
			must(t, st.SetPIN(ctx, c.ID, data.PartnerA, "2468"))
			must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerB, QuestionID: "CLAR-02", Text: "ALEX-PRIVATE"}))
			damagePIN(t, st, c.ID, data.PartnerA, col)
			st.ForgetAll()
			must(t, st.Unlock(ctx, c.ID, "correct horse battery"))
			d, err := st.Dossier(ctx, c.ID)
			if err != nil {
				t.Fatalf("a damaged PIN closed the whole couple: %v", err)
			}
			got := st.Damaged(ctx, c.ID)
			if want := (data.DamagedPart{Kind: data.DamagePIN, Partner: data.PartnerA}); len(got) != 1 || got[0] != want {
				t.Errorf("damaged: %+v", got)
			}
			if d.Incident.Description != "SECRET-incident" || d.Letter.Text != "SECRET-letter" {
				t.Errorf("the rest did not open: %q %q", d.Incident.Description, d.Letter.Text)
			}
			if a := d.Answer(data.PartnerB, "CLAR-02"); a == nil || a.Text != "ALEX-PRIVATE" {
				t.Errorf("the other partner's private answer: %+v", a)
			}
			a := d.Answer(data.PartnerA, "CLAR-01")
			if a == nil || !a.Protected || a.Text != "" {
				t.Errorf("partner A's private answer with a damaged PIN: %+v", a)
			}
			if open, err := st.PINOpen(ctx, c.ID, data.PartnerA); err != nil || open {
				t.Errorf("partner A's private texts read as open: %v %v", open, err)
			}
			answers, err := st.Answers(ctx, c.ID)
			must(t, err)
			for _, a := range answers {
				if a.Partner == data.PartnerA && a.QuestionID == "CLAR-01" && (!a.Protected || a.Text != "") {
					t.Errorf("Answers shows partner A's private answer: %+v", a)
				}
			}
			// The right PIN cannot open what is damaged, and says so rather than "wrong PIN".
			if err := st.EnterPIN(ctx, c.ID, data.PartnerA, "2468"); !errors.Is(err, data.ErrDamagedValue) {
				t.Errorf("entering the PIN over a damaged one: %v", err)
			}
			if err := st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-03", Text: "x"}); !errors.Is(err, data.ErrPINNeeded) {
				t.Errorf("a private answer written without the PIN: %v", err)
			}
		})
	}
}

// damagePIN changes one byte of column col (secret or check_value) of partner p's PIN row.
func damagePIN(t *testing.T, st *data.Store, caseID int64, p data.Partner, col string) {
	t.Helper()
	res, err := st.DB().Exec("UPDATE pins SET "+col+" = substr("+col+", 1, 30) || CASE substr("+col+", 31, 1) WHEN X'00' THEN X'01' ELSE X'00' END || substr("+col+", 32) WHERE case_id = ? AND partner = ?", caseID, string(p))
	must(t, err)
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("corrupted %d PIN rows", n)
	}
}

// A partner whose PIN record is damaged starts a new PIN: alone at the keyboard, never the other
// partner for them, and over a locked couple only once it is unlocked. The new PIN seals and
// opens what they write next; what the damaged one sealed stays in the file, sealed, and reads as
// lost for everyone (never as an empty text, never opened), until its author writes over it.
func TestADamagedPINIsStartedAnewByItsPartnerAlone(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := lockedCouple(t, st) // partner A's answer CLAR-01 and own note on week 1 are private
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	must(t, st.SetPIN(ctx, c.ID, data.PartnerA, "2468"))
	damagePIN(t, st, c.ID, data.PartnerA, "secret")
	st.ForgetAll()

	if err := st.ReplaceDamagedPIN(ctx, data.KeyboardOf(data.PartnerA), c.ID, data.PartnerA, "1357"); !errors.Is(err, data.ErrLocked) {
		t.Errorf("a new PIN over a couple still locked: %v", err)
	}
	must(t, st.Unlock(ctx, c.ID, "correct horse battery"))
	for _, k := range []data.Keyboard{data.KeyboardOf(data.PartnerB), couple.KeyboardBoth} {
		if err := st.ReplaceDamagedPIN(ctx, k, c.ID, data.PartnerA, "1357"); !errors.Is(err, couple.ErrPINNotYours) {
			t.Errorf("keyboard %q replaced partner A's PIN: %v", k, err)
		}
	}
	if err := st.ReplaceDamagedPIN(ctx, data.KeyboardOf(data.PartnerB), c.ID, data.PartnerB, "1357"); !errors.Is(err, couple.ErrPINNotDamaged) {
		t.Errorf("a new PIN where there is no damaged one: %v", err)
	}
	if err := st.ReplaceDamagedPIN(ctx, data.KeyboardOf(data.PartnerA), c.ID, data.PartnerA, "13"); !errors.As(err, new(*data.InputError)) {
		t.Errorf("a PIN too short: %v", err)
	}
	if damaged, err := st.PINDamaged(ctx, c.ID, data.PartnerA); err != nil || !damaged {
		t.Fatalf("refusals changed the damaged PIN: %v %v", damaged, err)
	}

	must(t, st.ReplaceDamagedPIN(ctx, data.KeyboardOf(data.PartnerA), c.ID, data.PartnerA, "1357"))
	if err := st.ReplaceDamagedPIN(ctx, data.KeyboardOf(data.PartnerA), c.ID, data.PartnerA, "9999"); !errors.Is(err, couple.ErrPINNotDamaged) {
		t.Errorf("a PIN replaced again without it, once it opens: %v", err)
	}
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-03", Text: "NEW-private"}))
	if _, err := st.Dossier(ctx, c.ID); err != nil {
		t.Fatalf("the couple after a new PIN: %v", err)
	}
	if got := st.Damaged(ctx, c.ID); len(got) != 0 {
		t.Errorf("still reported damaged: %+v", got)
	}

	// Another process: the new PIN opens the new answer, the damaged one's texts stay lost.
	st.Close()
	st2, err := data.Open(ctx, path)
	must(t, err)
	defer st2.Close()
	must(t, st2.Unlock(ctx, c.ID, "correct horse battery"))
	lost := func(who string, d *data.Dossier) {
		t.Helper()
		if a := d.Answer(data.PartnerA, "CLAR-01"); a == nil || !a.Lost || a.Text != "" || a.Protected || a.PINSealed != nil {
			t.Errorf("%s: the answer sealed under the damaged PIN: %+v", who, a)
		}
		if n := d.WeekNote(1, data.PartnerA); !n.Lost || n.Text != "" || n.Protected {
			t.Errorf("%s: the note sealed under the damaged PIN: %+v", who, n)
		}
	}
	d, err := st2.Dossier(ctx, c.ID)
	must(t, err)
	lost("before the PIN", d)
	if a := d.Answer(data.PartnerA, "CLAR-03"); a == nil || !a.Protected || a.Text != "" {
		t.Errorf("the new answer before the new PIN: %+v", a)
	}
	if err := st2.EnterPIN(ctx, c.ID, data.PartnerA, "2468"); !errors.Is(err, data.ErrWrongPassphrase) {
		t.Errorf("the damaged PIN's old PIN: %v", err)
	}
	must(t, st2.EnterPIN(ctx, c.ID, data.PartnerA, "1357"))
	d, err = st2.Dossier(ctx, c.ID)
	must(t, err)
	lost("with the new PIN", d)
	if a := d.Answer(data.PartnerA, "CLAR-03"); a == nil || a.Text != "NEW-private" {
		t.Errorf("the new answer with the new PIN: %+v", a)
	}
	var body []byte
	must(t, st2.DB().QueryRow("SELECT body FROM answers WHERE case_id = ? AND partner = 'A' AND question_id = 'CLAR-01'", c.ID).Scan(&body))
	if len(body) < len("SECRET-answer") || strings.Contains(string(body), "SECRET") {
		t.Errorf("the lost answer is not kept sealed in the file: %q", body)
	}

	// Changing the new PIN keeps lost texts lost (never re-sealed as empty); an export leaves
	// them out; writing over one replaces it.
	must(t, st2.SetPIN(ctx, c.ID, data.PartnerA, "8642"))
	d, err = st2.Dossier(ctx, c.ID)
	must(t, err)
	lost("after a change of PIN", d)
	doc, err := data.EncodeDossier(d, "")
	must(t, err)
	back, err := data.DecodeDossier(doc, noPassphrase(t))
	must(t, err)
	if back.Answer(data.PartnerA, "CLAR-01") != nil || back.WeekNote(1, data.PartnerA).PINSealed != nil {
		t.Errorf("an export carries the lost texts: %+v", back.Answer(data.PartnerA, "CLAR-01"))
	}
	must(t, st2.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: "written again"}))
	must(t, st2.SaveWeekNote(ctx, data.KeyboardOf(data.PartnerA), data.WeekNote{CaseID: c.ID, Week: 1, Partner: data.PartnerA, Text: "week again"}))
	d, err = st2.Dossier(ctx, c.ID)
	must(t, err)
	if a := d.Answer(data.PartnerA, "CLAR-01"); a == nil || a.Lost || a.Text != "written again" {
		t.Errorf("an answer written over a lost one: %+v", a)
	}
	if n := d.WeekNote(1, data.PartnerA); n.Lost || n.Text != "week again" {
		t.Errorf("a note written over a lost one: %+v", n)
	}
}

// Over a couple that is not locked, the PIN's check value is stored bare: one damaged byte in it
// once read as a wrong PIN for ever, so its partner was told "wrong PIN" and had no way to start
// a new one. It is damage like any other: named, and started anew by its partner alone.
func TestADamagedPINOfAnUnlockedCoupleIsDamageNotAWrongPIN(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := lockedCouple(t, st) // never locked here: only its texts are used
	must(t, st.SetPIN(ctx, c.ID, data.PartnerA, "2468"))
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: "ALEX-SEALED"}))
	damagePIN(t, st, c.ID, data.PartnerA, "check_value")
	st.Close()
	st, err := data.Open(ctx, path)
	must(t, err)
	defer st.Close()

	if damaged, err := st.PINDamaged(ctx, c.ID, data.PartnerA); err != nil || !damaged {
		t.Fatalf("a damaged PIN check value reads as intact: %v %v", damaged, err)
	}
	if err := st.EnterPIN(ctx, c.ID, data.PartnerA, "2468"); !errors.Is(err, data.ErrDamagedValue) {
		t.Errorf("the right PIN over a damaged record: %v, want damage named, not a wrong PIN", err)
	}
	if got := st.Damaged(ctx, c.ID); len(got) != 1 || got[0] != (data.DamagedPart{Kind: data.DamagePIN, Partner: data.PartnerA}) {
		t.Errorf("damaged: %+v", got)
	}
	if err := st.ReplaceDamagedPIN(ctx, data.KeyboardOf(data.PartnerB), c.ID, data.PartnerA, "1357"); !errors.Is(err, couple.ErrPINNotYours) {
		t.Errorf("partner B replaced partner A's PIN: %v", err)
	}
	must(t, st.ReplaceDamagedPIN(ctx, data.KeyboardOf(data.PartnerA), c.ID, data.PartnerA, "1357"))
	if damaged, err := st.PINDamaged(ctx, c.ID, data.PartnerA); err != nil || damaged {
		t.Errorf("the new PIN reads as damaged: %v %v", damaged, err)
	}
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	if a := d.Answer(data.PartnerA, "CLAR-01"); a == nil || !a.Lost || a.Text != "" {
		t.Errorf("the answer sealed under the damaged PIN: %+v", a)
	}
}

// An intact PIN of an unlocked couple still opens with its PIN, and a wrong PIN is still wrong.
func TestAnIntactPINOfAnUnlockedCoupleIsNotDamaged(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := lockedCouple(t, st)
	must(t, st.SetPIN(ctx, c.ID, data.PartnerA, "2468"))
	st.ForgetAll()
	if damaged, err := st.PINDamaged(ctx, c.ID, data.PartnerA); err != nil || damaged {
		t.Fatalf("an intact PIN reads as damaged: %v %v", damaged, err)
	}
	if err := st.EnterPIN(ctx, c.ID, data.PartnerA, "1111"); errors.Is(err, data.ErrDamagedValue) || err == nil {
		t.Errorf("a wrong PIN: %v", err)
	}
}
