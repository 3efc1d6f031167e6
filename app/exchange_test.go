package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kintsugi/data"
)

func init() { data.DefaultKDFCost = data.KDF{Time: 1, MemoryKiB: 64, Threads: 1} }

func TestExportAndImportACouple(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src, err := data.Open(ctx, filepath.Join(dir, "office.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	content, err := LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	c, err := CreateSample(ctx, src, content, time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := src.Lock(ctx, c.ID, "our long passphrase"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "sam-alex.kintsugi")
	if err := ExportCouple(ctx, src, c.ID, file, "our long passphrase"); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// Phrases with spaces: a four-letter word alone turns up in base64 ciphertext by chance
	// (about one run in fifty for a file this size), a space never does.
	for _, words := range []string{"I lied to you", `"Alex"`, "Dear Alex"} {
		if strings.Contains(string(raw), words) {
			t.Errorf("the encrypted export shows the couple's words %q", words)
		}
	}
	if info, _ := os.Stat(file); info.Mode().Perm() != 0o600 {
		t.Errorf("export mode %v", info.Mode())
	}
	dst, err := data.Open(ctx, filepath.Join(dir, "home.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	wrong := func() (string, error) { return "not our passphrase", nil }
	if _, err := ImportCouple(ctx, dst, file, wrong); !errors.Is(err, data.ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if cs, _ := dst.Cases(ctx); len(cs) != 0 {
		t.Fatal("a refused import stored something")
	}
	got, err := ImportCouple(ctx, dst, file, func() (string, error) { return "our long passphrase", nil })
	if err != nil {
		t.Fatal(err)
	}
	if locked, _ := dst.IsLocked(ctx, got.ID); !locked {
		t.Error("a couple that arrived encrypted was left unlocked")
	}
	dst.ForgetAll()
	if err := dst.Unlock(ctx, got.ID, "our long passphrase"); err != nil {
		t.Fatal(err)
	}
	d, err := dst.Dossier(ctx, got.ID)
	if err != nil || !strings.HasPrefix(d.Letter.Text, "Dear Alex") || !d.LatestAgreement().Frozen() {
		t.Fatalf("imported couple: %v", err)
	}
	broken := filepath.Join(dir, "broken.kintsugi")
	if err := os.WriteFile(broken, raw[:len(raw)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ImportCouple(ctx, dst, broken, wrong); err == nil {
		t.Error("half a file was imported")
	}
}

// An encrypted file is imported locked in the one transaction that stores it: even a file
// whose passphrase is shorter than a new lock would accept arrives locked, never open.
func TestEncryptedImportIsLockedInTheSameTransaction(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src, err := data.Open(ctx, filepath.Join(dir, "office.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	c, err := src.CreateCase(ctx, data.Case{NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderA})
	if err != nil {
		t.Fatal(err)
	}
	if err := src.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "SECRET-letter-words"}); err != nil {
		t.Fatal(err)
	}
	d, err := src.Dossier(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := data.EncodeDossier(d, "short") // made by hand or an older build
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "couple.kintsugi")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "home.db")
	dst, err := data.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	got, err := ImportCouple(ctx, dst, file, func() (string, error) { return "short", nil })
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if locked, _ := dst.IsLocked(ctx, got.ID); !locked {
		t.Fatal("a couple that arrived encrypted is stored unlocked")
	}
	for _, p := range []string{dbPath, dbPath + "-wal"} {
		b, _ := os.ReadFile(p)
		if strings.Contains(string(b), "SECRET-letter-words") {
			t.Errorf("%s holds the letter in plain text", filepath.Base(p))
		}
	}
	dst.ForgetAll()
	if err := dst.Unlock(ctx, got.ID, "short"); err != nil {
		t.Fatal(err)
	}
	l, err := dst.Letter(ctx, got.ID)
	if err != nil || l.Text != "SECRET-letter-words" {
		t.Fatalf("letter after unlock: %q, %v", l.Text, err)
	}
}
