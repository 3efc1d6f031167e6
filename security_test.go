package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kintsugi/data"
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

// A flag mistake is one line on stderr, nothing on stdout, exit 2; the usage comes only with
// --help (exit 0).
func TestFlagMistakesAreOneLine(t *testing.T) {
	for _, args := range [][]string{
		{"import", "--bogus"}, {"workbook", "-o"}, {"lock", "--case", "abc"}, {"backup", "--list=maybe"},
		{"cases", "--db"}, {"--bogus"}, {"help", "--bogus"}, {"help", "nothing"}, {"screenshots", "--width", "x"},
	} {
		code, stdout, stderr := runCLI(t, args...)
		if stdout != "" {
			t.Errorf("%v printed on stdout: %q", args, stdout)
		}
		oneClearLine(t, code, stderr, "kintsugi: ")
	}
	for _, args := range [][]string{{"import", "--help"}, {"help", "import"}, {"workbook", "-h"}} {
		code, stdout, stderr := runCLI(t, args...)
		if code != 0 || !strings.HasPrefix(stdout, "usage: kintsugi ") || stderr != "" {
			t.Errorf("%v: %d %q %q", args, code, stdout, stderr)
		}
	}
}

// Names print with control characters escaped: one couple, one line, nothing that moves the
// terminal's cursor or turns text around.
func TestCasesPrintsOneLinePerCouple(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	if code, _, stderr := runCLI(t, "sample", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	// A name written by an older Kintsugi, or by hand, before names were held to one line.
	st, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec("UPDATE cases SET name_a = ?", "Sam\n2\tEve\x1b[2J\u202eevil\u2028x"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, stderr := runCLI(t, "cases", "--db", db)
	if code != 0 {
		t.Fatal(stderr)
	}
	if strings.Count(out, "\n") != 1 {
		t.Fatalf("one couple printed as %d lines: %q", strings.Count(out, "\n"), out)
	}
	for _, bad := range []string{"\x1b", "\u202e", "\u2028"} {
		if strings.Contains(out, bad) {
			t.Errorf("printed %q as it is", bad)
		}
	}
	if !strings.Contains(out, `Sam\n2\tEve\u{1b}[2J\u{202e}evil\u{2028}x`) {
		t.Errorf("names are not shown escaped: %q", out)
	}
}
