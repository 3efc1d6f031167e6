package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kintsugi/data"
)

// TestStartBackupsFindsDamageInTheBackground: the window opens at once on a big file; the full
// check that follows finds the damage the fast check at open could not, and says so once.
func TestStartBackupsFindsDamageInTheBackground(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	st, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.CreateCase(ctx, data.Case{NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderA})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		if err := st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: fmt.Sprintf("Q-%03d", i),
			Text: fmt.Sprintf("%0300d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pg := len(b)/4096 - 2
	for i := pg * 4096; i < (pg+1)*4096; i++ {
		b[i] = byte(i*7 + 13)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}

	st, err = data.Open(ctx, path)
	if err != nil {
		t.Fatalf("the fast check at open refused (%v); this test needs damage it misses", err)
	}
	defer st.Close()
	content, err := LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	state := NewState(ctx, st, content)
	defer state.Close()
	found := make(chan error, 2)
	state.StartBackups(func(err error) { found <- err })
	select {
	case err := <-found:
		if !errors.Is(err, data.ErrDamaged) {
			t.Errorf("reported %v, want ErrDamaged", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the background check reported nothing")
	}
	if backups, _ := data.Backups(BackupDir(path)); len(backups) != 0 {
		t.Errorf("a damaged database was backed up: %v", backups)
	}
	if err := st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerB, QuestionID: "Q-1", Text: "x"}); !errors.Is(err, data.ErrDamaged) {
		t.Errorf("a save after the damage was found: %v", err)
	}
}
