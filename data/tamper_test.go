package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
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
	if !errors.Is(err, data.ErrSealedWithoutLock) {
		t.Errorf("letter of a couple whose lock was deleted: %q, %v", l.Text, err)
	}
	if strings.Contains(l.Text, "KSG1") {
		t.Errorf("the sealed bytes were shown as text: %q", l.Text)
	}
	if _, err := st.Dossier(ctx, c.ID); !errors.Is(err, data.ErrSealedWithoutLock) {
		t.Errorf("dossier: %v", err)
	}
	if err := st.Lock(ctx, c.ID, "another passphrase"); !errors.Is(err, data.ErrSealedWithoutLock) {
		t.Errorf("a lock over sealed values took them for text: %v", err)
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
