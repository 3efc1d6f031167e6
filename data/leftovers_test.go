//go:build unix

package data

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A temporary copy another process is still building (it holds the advisory lock) is left
// alone; one nobody holds is removed.
func TestRemoveLeftoversSparesACopyBeingBuilt(t *testing.T) {
	dir := t.TempDir()
	busy := filepath.Join(dir, ".kintsugi-busy.tmp")
	stale := filepath.Join(dir, ".kintsugi-stale.tmp")
	for _, p := range []string{busy, stale} {
		if err := os.WriteFile(p, []byte("copy"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(busy) // as another process would hold it
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	n, err := RemoveLeftovers(dir)
	if err != nil || n != 1 {
		t.Fatalf("removed %d, %v; want 1", n, err)
	}
	if _, err := os.Stat(busy); err != nil {
		t.Error("a copy being built was removed")
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a stale copy was kept")
	}
	// This process's own temporary files are never its leftovers.
	own, err := createTemp(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer removeWithSideFiles(own)
	f.Close()
	if n, _ := RemoveLeftovers(dir); n != 1 {
		t.Errorf("removed %d, want only the released one", n)
	}
	if _, err := os.Stat(own); err != nil {
		t.Error("removed a temporary file this process is building")
	}
}
