package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An interrupted backup or restore leaves whole copies of the database behind; the next start
// removes them, beside the database and in the backup folder.
func TestStartRemovesLeftoverCopies(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kintsugi.db")
	if code, _, stderr := runCLI(t, "sample", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	backups := filepath.Join(dir, "backups")
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	planted := []string{
		filepath.Join(dir, ".kintsugi-123.tmp"),
		filepath.Join(backups, ".kintsugi-456.tmp"),
		filepath.Join(backups, ".kintsugi-456.tmp-journal"),
		filepath.Join(backups, "kintsugi-20260101-000000-before-restore.db-wal"),
	}
	for _, p := range planted {
		if err := os.WriteFile(p, []byte("SECRET plain copy"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	keep := filepath.Join(backups, "notes.txt") // not ours: never touched
	if err := os.WriteFile(keep, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "cases", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	for _, p := range planted {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s is still there after a start", strings.TrimPrefix(p, dir))
		}
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("a file that is not Kintsugi's was removed: %v", err)
	}
}

// checksumOf is the checksum a plain export carries for couple (docs/export-format.md), for
// tests that edit a file on purpose.
func checksumOf(t *testing.T, couple any) string {
	t.Helper()
	b, err := json.Marshal(couple)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}
