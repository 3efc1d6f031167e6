package data_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kintsugi/data"
)

// damagedLeafDB is a Kintsugi database with one answer page near its end garbled: damage the
// fast check at open does not reach, as a failing disk leaves it in a big file.
func damagedLeafDB(t *testing.T) (path string, caseID int64) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "k.db")
	st, err := data.Open(context.Background(), path)
	must(t, err)
	c := newCase(t, st)
	for i := range 200 {
		must(t, saveNumbered(context.Background(), st, c.ID, "D", i))
	}
	must(t, st.Close())
	checkpointed(t, path)
	b, err := os.ReadFile(path)
	must(t, err)
	const page = 4096
	pg := len(b)/page - 2
	for i := pg * page; i < (pg+1)*page; i++ {
		b[i] = byte(i*7 + 13)
	}
	must(t, os.WriteFile(path, b, 0o600))
	return path, c.ID
}

// TestDamageMissedAtOpenStopsTheFirstWrite: the open is fast and reads may go on, but the full
// check stands before the first write, and a damaged file is never written to.
func TestDamageMissedAtOpenStopsTheFirstWrite(t *testing.T) {
	ctx := context.Background()
	path, id := damagedLeafDB(t)
	before := fileBytes(t, path)
	if err := data.QuickCheckFile(ctx, path); err != nil {
		t.Fatalf("the fast check found this damage (%v); the test needs damage it misses", err)
	}
	st, err := data.Open(ctx, path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if _, err := st.Cases(ctx); err != nil {
		t.Errorf("listing the couples: %v", err)
	}
	err = st.SaveAnswer(ctx, data.Answer{CaseID: id, Partner: data.PartnerB, QuestionID: "CLAR-01", Text: "new"})
	if !errors.Is(err, data.ErrDamaged) {
		t.Fatalf("saving into a damaged file: err = %v, want ErrDamaged", err)
	}
	if !errors.Is(st.Damage(), data.ErrDamaged) {
		t.Errorf("Damage() = %v", st.Damage())
	}
	if _, err := st.CreateCase(ctx, data.Case{NameA: "A", NameB: "B", Rebuilding: data.RebuilderA}); !errors.Is(err, data.ErrDamaged) {
		t.Errorf("a second write: err = %v, want ErrDamaged", err)
	}
	must(t, st.Close())
	if !bytes.Equal(before, fileBytes(t, path)) {
		t.Error("the damaged database was written to")
	}
}

func TestVerifyPassesAGoodFileOnce(t *testing.T) {
	ctx := context.Background()
	st, path := openTemp(t)
	c := newCase(t, st)
	if err := st.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	// Once passed, the check is not run again for this store: damage made afterwards by
	// something else is the backup's to find.
	must(t, saveNumbered(ctx, st, c.ID, "X", 1))
	if st.Damage() != nil {
		t.Errorf("Damage() = %v on a good file", st.Damage())
	}
	if err := data.QuickCheckFile(ctx, path); err != nil {
		t.Errorf("fast check of a good file: %v", err)
	}
}

// TestBackupThatFindsDamageStopsWrites: the daily backup's full check of its copy protects the
// open database too.
func TestBackupThatFindsDamageStopsWrites(t *testing.T) {
	ctx := context.Background()
	path, id := damagedLeafDB(t)
	st, err := data.Open(ctx, path)
	must(t, err)
	defer st.Close()
	dest := filepath.Join(t.TempDir(), "backups", data.BackupFileName(time.Now()))
	if err := st.Backup(ctx, dest); !errors.Is(err, data.ErrDamaged) {
		t.Fatalf("backup of a damaged file: err = %v, want ErrDamaged", err)
	}
	if !errors.Is(st.Damage(), data.ErrDamaged) {
		t.Errorf("after the backup, Damage() = %v", st.Damage())
	}
	err = st.SaveAnswer(ctx, data.Answer{CaseID: id, Partner: data.PartnerB, QuestionID: "CLAR-01", Text: "new"})
	if !errors.Is(err, data.ErrDamaged) {
		t.Errorf("save after the backup found damage: %v", err)
	}
}
