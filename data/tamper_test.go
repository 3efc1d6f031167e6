package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"kintsugi/data"
)

// Sealed values found without their couple's lock (the lock row deleted) are damage: never
// shown as text, never taken for plain text by a later lock.
func TestSealedValuesWithoutTheirLockAreRefused(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := lockedCouple(t, st)
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	st.ForgetAll()
	if _, err := st.DB().Exec("DELETE FROM locks WHERE case_id = ?", c.ID); err != nil {
		t.Fatal(err)
	}
	l, err := st.Letter(ctx, c.ID)
	must(t, err)
	if l.Text != "" {
		t.Errorf("the sealed bytes were shown as text: %q", l.Text)
	}
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	if got := st.Damaged(ctx, c.ID); len(got) < 5 || !slices.Contains(got, data.DamagedPart{Kind: data.DamageLetter}) {
		t.Errorf("damaged: %+v", got)
	}
	if d.Letter.Text != "" {
		t.Errorf("dossier shows %q", d.Letter.Text)
	}
	if err := st.Lock(ctx, c.ID, "another passphrase"); !errors.Is(err, data.ErrSealedWithoutLock) {
		t.Errorf("a lock over sealed values took them for text: %v", err)
	}
}

// A sealed value is bound to its row: moved to another week, or a private answer put in place
// of a shared one, it no longer opens, and is reported as damaged by name.
func TestSealedValuesMovedToAnotherRowDoNotOpen(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := newCase(t, st)
	must(t, st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: 1, Trust: 3, WentWell: "week one went well"}))
	must(t, st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: 2, Trust: 5, WentWell: "week two went well"}))
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: "private words"}))
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerB, QuestionID: "CLAR-02", Text: "shared words", Shared: true}))
	must(t, st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "the letter stays"}))
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	db := st.DB()
	swap := func(table, col, where1, where2 string) {
		t.Helper()
		var a, b []byte
		must(t, db.QueryRow("SELECT "+col+" FROM "+table+" WHERE "+where1).Scan(&a))
		must(t, db.QueryRow("SELECT "+col+" FROM "+table+" WHERE "+where2).Scan(&b))
		if _, err := db.Exec("UPDATE "+table+" SET "+col+" = ? WHERE "+where1, b); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("UPDATE "+table+" SET "+col+" = ? WHERE "+where2, a); err != nil {
			t.Fatal(err)
		}
	}
	swap("checkins", "went_well", "week = 1", "week = 2")
	swap("answers", "body", "question_id = 'CLAR-01'", "question_id = 'CLAR-02'")
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	for _, ci := range d.CheckIns {
		if ci.WentWell != "" {
			t.Errorf("week %d shows %q, moved from another week", ci.Week, ci.WentWell)
		}
	}
	for _, a := range d.Answers {
		if a.Text != "" {
			t.Errorf("answer %s shows %q, moved from another answer", a.QuestionID, a.Text)
		}
	}
	if d.Letter.Text != "the letter stays" {
		t.Errorf("the rest of the couple did not open: letter %q", d.Letter.Text)
	}
	want := []data.DamagedPart{{Kind: data.DamageAnswer, Partner: data.PartnerA, Question: "CLAR-01"},
		{Kind: data.DamageAnswer, Partner: data.PartnerB, Question: "CLAR-02"},
		{Kind: data.DamageWentWell, Week: 1}, {Kind: data.DamageWentWell, Week: 2}}
	if got := st.Damaged(ctx, c.ID); !slices.Equal(got, want) {
		t.Errorf("damaged:\n got %+v\nwant %+v", got, want)
	}
}

// One damaged sealed value is reported by name, and the rest of the couple opens; it is not
// taken for a wrong passphrase.
func TestOneDamagedValueLeavesTheRestOpen(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := lockedCouple(t, st)
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	if _, err := st.DB().Exec("UPDATE letters SET body = substr(body, 1, 30) || CASE substr(body, 31, 1) WHEN X'00' THEN X'01' ELSE X'00' END || substr(body, 32) WHERE case_id = ?", c.ID); err != nil {
		t.Fatal(err)
	}
	st.ForgetAll()
	must(t, st.Unlock(ctx, c.ID, "correct horse battery"))
	d, err := st.Dossier(ctx, c.ID)
	if err != nil {
		t.Fatalf("one damaged value closed the couple: %v", err)
	}
	if got := st.Damaged(ctx, c.ID); len(got) != 1 || got[0] != (data.DamagedPart{Kind: data.DamageLetter}) {
		t.Errorf("damaged: %+v", got)
	}
	if d.Incident.Description != "SECRET-incident" || len(d.Answers) != 1 || d.Answers[0].Text != "SECRET-answer 秘密" {
		t.Errorf("the rest did not open: %+v", d.Incident)
	}
	// Writing the letter again replaces the damaged value.
	must(t, st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "written again"}))
	if l, err := st.Letter(ctx, c.ID); err != nil || l.Text != "written again" || len(st.Damaged(ctx, c.ID)) != 0 {
		t.Errorf("after writing again: %q %v %+v", l.Text, err, st.Damaged(ctx, c.ID))
	}
}

// Values sealed before row binding still open, and are bound to their rows at the next unlock.
func TestValuesSealedBeforeRowBindingOpenAndAreReboundAtUnlock(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := lockedCouple(t, st)
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	want, err := st.Dossier(ctx, c.ID)
	must(t, err)
	must(t, data.SealLikeBefore(st, c.ID))
	old := func() int {
		var n int
		must(t, st.DB().QueryRow("SELECT count(*) FROM letters WHERE substr(body, 1, 4) = CAST('KSG1' AS BLOB)").Scan(&n))
		return n
	}
	if old() != 1 {
		t.Fatal("the letter was not sealed the old way")
	}
	st.ForgetAll()
	must(t, st.Unlock(ctx, c.ID, "correct horse battery"))
	if old() != 0 {
		t.Error("the unlock did not bind the old values to their rows")
	}
	got, err := st.Dossier(ctx, c.ID)
	must(t, err)
	if got.Letter.Text != want.Letter.Text || got.Incident.Description != want.Incident.Description || len(st.Damaged(ctx, c.ID)) != 0 {
		t.Errorf("after rebinding: letter %q, damaged %+v", got.Letter.Text, st.Damaged(ctx, c.ID))
	}
}

// Text that happens to look like a sealed value is still text.
func TestTextThatLooksSealedStaysText(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := newCase(t, st)
	for _, text := range []string{"KSG1 is how it starts", "KSP1KSG1", "KSP1", "KSG"} {
		must(t, st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: text}))
		l, err := st.Letter(ctx, c.ID)
		if err != nil || l.Text != text {
			t.Errorf("unlocked: %q came back as %q, %v", text, l.Text, err)
		}
	}
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	if l, err := st.Letter(ctx, c.ID); err != nil || l.Text != "KSG" {
		t.Errorf("after lock: %q, %v", l.Text, err)
	}
	must(t, st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "KSG1 locked"}))
	if l, err := st.Letter(ctx, c.ID); err != nil || l.Text != "KSG1 locked" {
		t.Errorf("locked: %q, %v", l.Text, err)
	}
}

// A PIN-sealed answer of a couple without a passphrase, stored before the marker existed,
// still opens after the migration that marks it.
func TestPINAnswersFromBeforeTheMarkerStillOpen(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := newCase(t, st)
	must(t, st.SetPIN(ctx, c.ID, data.PartnerA, "2468"))
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: "private words"}))
	// As an older Kintsugi stored it: no marker, and the schema before it.
	if _, err := st.DB().Exec("UPDATE answers SET body = substr(body, 5) WHERE substr(body, 1, 4) = CAST('KSP1' AS BLOB)"); err != nil {
		t.Fatal(err)
	}
	// Undo the migrations after 8 too, so that 8 onwards run again.
	for _, undo := range []string{"DROP INDEX cases_listed", "ALTER TABLE cases DROP COLUMN code", "ALTER TABLE cases DROP COLUMN finished",
		"DROP TABLE therapist_notes", "ALTER TABLE pins DROP COLUMN secret", "ALTER TABLE cases DROP COLUMN rebuilding_sealed",
		"ALTER TABLE checkins DROP COLUMN trust_sealed", "ALTER TABLE marks DROP COLUMN mark_sealed", "DROP TABLE week_counts",
		"DROP TABLE agreement_digests", "ALTER TABLE pins DROP COLUMN wrapped"} {
		if _, err := st.DB().Exec(undo); err != nil {
			t.Fatal(err)
		}
	}
	undoSummaries(t, st)
	if _, err := st.DB().Exec("PRAGMA user_version = 7"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	again, err := data.Open(ctx, path)
	must(t, err)
	defer again.Close()
	must(t, again.EnterPIN(ctx, c.ID, data.PartnerA, "2468"))
	as, err := again.Answers(ctx, c.ID)
	must(t, err)
	if len(as) != 1 || as[0].Text != "private words" {
		t.Errorf("answers after the migration: %+v", as)
	}
}

// lock fails, and says why, when it cannot wipe the earlier plain copies from the log because
// another connection is reading.
func TestLockSaysWhenItCannotWipeTheLog(t *testing.T) {
	defer data.SetScrubWait(data.SetScrubWait(200 * time.Millisecond))
	st, path := openTemp(t)
	ctx := context.Background()
	c := lockedCouple(t, st)
	reader, err := sql.Open("sqlite3", "file:"+path) // another program: a plain deferred BEGIN
	must(t, err)
	defer reader.Close()
	tx, err := reader.BeginTx(ctx, nil)
	must(t, err)
	var n int
	must(t, tx.QueryRow("SELECT count(*) FROM cases").Scan(&n)) // a read transaction on the log
	err = st.Lock(ctx, c.ID, "correct horse battery")
	if !errors.Is(err, data.ErrNotScrubbed) || !strings.Contains(err.Error(), "another program") {
		t.Errorf("lock with a reader holding the log: %v", err)
	}
	tx.Rollback()
	if locked, _ := st.IsLocked(ctx, c.ID); !locked {
		t.Error("the lock itself was not kept")
	}
	st.ForgetAll()
	must(t, st.Unlock(ctx, c.ID, "correct horse battery"))
	// Locking again with the reader gone wipes the log.
	must(t, st.Lock(ctx, c.ID, "correct horse battery 2"))
	if bytes.Contains(onDisk(t, path), []byte("SECRET-letter")) {
		t.Error("plain copies remain after a lock with no other reader")
	}
}

// Every sealed column's row key in Lock (sealedColumns) is the one its reads and writes use:
// a couple locked, read and locked again is whole, with nothing reported damaged.
func TestEveryColumnIsBoundToTheRowItIsReadFrom(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := shapedCouple(t, st)
	before, err := st.Dossier(ctx, c.ID)
	must(t, err)
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	must(t, st.Lock(ctx, c.ID, "correct horse battery, again"))
	after, err := st.Dossier(ctx, c.ID)
	must(t, err)
	if got := st.Damaged(ctx, c.ID); len(got) != 0 {
		t.Fatalf("damaged after locking: %+v", got)
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("locking changed the couple:\n%+v\n%+v", before, after)
	}
}

// undoSummaries takes the list's kept summaries (migration 11) out of a store again.
func undoSummaries(t *testing.T, st *data.Store) {
	t.Helper()
	rows, err := st.DB().Query("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%\\_summary\\_%' ESCAPE '\\'")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	rows.Close()
	if len(names) == 0 {
		t.Fatal("no summary triggers found")
	}
	for _, n := range names {
		if _, err := st.DB().Exec("DROP TRIGGER " + n); err != nil {
			t.Fatal(err)
		}
	}
	for _, table := range []string{"case_summaries", "summaries_stale"} {
		if _, err := st.DB().Exec("DROP TABLE " + table); err != nil {
			t.Fatal(err)
		}
	}
}
