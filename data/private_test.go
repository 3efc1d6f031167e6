//go:build unix

package data_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"kintsugi/data"
)

// Every open makes the database, its WAL and its SHM readable by the owner only, whatever mode
// they had (a copy, a umask, an older version).
func TestEveryOpenMakesTheFilesPrivate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	first, err := data.Open(ctx, path)
	must(t, err)
	defer first.Close()
	newCase(t, first) // the WAL now holds a write, and stays while first is open
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s: %v", filepath.Base(p), err)
		}
		must(t, os.Chmod(p, 0o644))
	}
	second, err := data.Open(ctx, path)
	must(t, err)
	defer second.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		info, err := os.Stat(p)
		must(t, err)
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v after open", filepath.Base(p), info.Mode().Perm())
		}
	}
}
