package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kintsugi/data"
)

// Once a couple is locked (or a partner sets a PIN), no backup made before shows what is now
// protected: each is re-sealed in place and still restores, or replaced by a fresh one.
func TestLockAndPINSealEarlierBackups(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "kintsugi.db")
	st, err := data.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.CreateCase(ctx, data.Case{NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderA})
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "SECRET-letter"}))
	must(st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerB, QuestionID: "REFL-H-01", Text: "SECRET-private"}))
	old, err := BackupNow(ctx, st, time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	must(err)
	// A before-restore copy holds the plain couple too.
	before := filepath.Join(BackupDir(db), "kintsugi-20261102-090000-before-restore.db")
	raw, err := os.ReadFile(old)
	must(err)
	must(os.WriteFile(before, raw, 0o600))

	report, err := Lock(ctx, st, c.ID, "a long and kind passphrase")
	must(err)
	if report.Resealed != 2 || report.Replaced != 0 {
		t.Errorf("lock: %+v, want both backups re-sealed", report)
	}
	report, err = SetPIN(ctx, st, c.ID, data.PartnerB, "4711")
	must(err)
	if report.Resealed != 2 {
		t.Errorf("PIN: %+v, want both backups re-sealed", report)
	}
	for _, p := range []string{old, before} {
		b, err := os.ReadFile(p)
		must(err)
		for _, s := range []string{"SECRET-letter", "SECRET-private"} {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s still shows %s", filepath.Base(p), s)
			}
		}
		if err := data.CheckFile(ctx, p); err != nil {
			t.Errorf("re-sealed backup: %v", err)
		}
	}
	// The re-sealed backup restores and opens with the passphrase and PIN.
	restored := filepath.Join(t.TempDir(), "restored.db")
	must(data.Restore(ctx, old, restored, filepath.Join(t.TempDir(), "b")))
	rs, err := data.Open(ctx, restored)
	must(err)
	defer rs.Close()
	must(rs.Unlock(ctx, c.ID, "a long and kind passphrase"))
	must(rs.EnterPIN(ctx, c.ID, data.PartnerB, "4711"))
	d, err := rs.Dossier(ctx, c.ID)
	must(err)
	if d.Letter.Text != "SECRET-letter" || len(d.Answers) != 1 || d.Answers[0].Text != "SECRET-private" {
		t.Errorf("restored couple: letter %q, answers %+v", d.Letter.Text, d.Answers)
	}
}

// A backup the keys in memory cannot re-seal (the lock was set by a process that was killed
// before it reached the backups) is replaced at the next start.
func TestStartReplacesBackupsThatShowALockedCouple(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "kintsugi.db")
	st, err := data.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.CreateCase(ctx, data.Case{NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderA})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "SECRET-letter"}); err != nil {
		t.Fatal(err)
	}
	old, err := BackupNow(ctx, st, time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Lock(ctx, c.ID, "a long and kind passphrase"); err != nil { // not app.Lock: as if killed
		t.Fatal(err)
	}
	st.ForgetAll()
	n, err := ProtectBackups(ctx, st)
	if err != nil || n != 1 {
		t.Fatalf("replaced %d, %v; want 1", n, err)
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("the backup showing the locked couple is still there")
	}
	list, _ := data.Backups(BackupDir(db))
	if len(list) != 1 {
		t.Fatalf("want one fresh backup, have %d", len(list))
	}
	b, _ := os.ReadFile(list[0].Path)
	if bytes.Contains(b, []byte("SECRET-letter")) {
		t.Error("the fresh backup shows the letter")
	}
	if n, err := ProtectBackups(ctx, st); err != nil || n != 0 {
		t.Errorf("a second start replaced %d, %v", n, err)
	}
}

// A workbook or export of a couple with a damaged value is refused, naming the part, rather
// than written without it.
func TestDamagedPartsAreNamedNotLeftOut(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := data.Open(ctx, filepath.Join(dir, "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.CreateCase(ctx, data.Case{NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderA})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "Dear Alex"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Lock(ctx, c.ID, "a long and kind passphrase"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec("UPDATE letters SET body = substr(body, 1, 30) || CASE substr(body, 31, 1) WHEN X'00' THEN X'01' ELSE X'00' END || substr(body, 32)"); err != nil {
		t.Fatal(err)
	}
	err = ExportCouple(ctx, st, c.ID, filepath.Join(dir, "out.kintsugi"), "a long and kind passphrase")
	if err == nil || !strings.Contains(err.Error(), "the letter") {
		t.Errorf("export of a damaged couple: %v", err)
	}
	if _, serr := os.Stat(filepath.Join(dir, "out.kintsugi")); serr == nil {
		t.Error("an export without the letter was written")
	}
}
