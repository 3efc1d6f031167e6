package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"kintsugi/data"
)

// Restoring while the saver and the backup timer run: nothing runs on a closed store (go test
// -race finds the old data race), and saves queued meanwhile land in the restored database.
func TestRestoreWhileSavingAndBackingUp(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	path := filepath.Join(t.TempDir(), "k.db")
	st, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	content, err := LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	s := NewState(ctx, st, content)
	s.SetSaveDelay(time.Millisecond)
	c, err := s.CreateCase(data.Case{NameA: "Ana", NameB: "Bo", Rebuilding: data.RebuilderA})
	if err != nil {
		t.Fatal(err)
	}
	backup, err := BackupNow(ctx, s.Store, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	s.StartBackups(nil)
	done := make(chan struct{})
	go func() { // typing, all the while
		defer close(done)
		for i := range 200 {
			s.Save("letter", func(ctx context.Context, st *data.Store) error {
				return st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "draft " + string(rune('a'+i%26))})
			})
			time.Sleep(200 * time.Microsecond)
		}
	}()
	for range 3 {
		if err := s.Restore(backup); err != nil {
			t.Fatalf("restore: %v", err)
		}
	}
	<-done
	s.Save("letter", func(ctx context.Context, st *data.Store) error {
		return st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "the last words"})
	})
	if err := s.Close(); err != nil {
		t.Fatalf("a save failed: %v", err)
	}
	defer s.Store.Close()
	if l, err := s.Store.Letter(ctx, c.ID); err != nil || l.Text != "the last words" {
		t.Errorf("the last save did not land in the restored store: %q %v", l.Text, err)
	}
}
