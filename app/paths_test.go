package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"kintsugi/data"
)

// homeIn points every system's notion of home and config folder at a temp dir.
func homeIn(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	return home
}

// legacyCouple writes a database with one couple where the builds before 0.1.0 kept it.
func legacyCouple(t *testing.T) (legacyDir string) {
	t.Helper()
	root, err := fyneConfigRoot()
	if err != nil {
		t.Fatal(err)
	}
	legacyDir = filepath.Join(root, legacyID)
	if err := os.MkdirAll(legacyDir, 0o700); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(legacyDir, DBFileName))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.CreateCase(ctx, data.Case{NameA: "Ana", NameB: "Bo", Rebuilding: data.RebuilderA}); err != nil {
		t.Fatal(err)
	}
	return legacyDir
}

func couplesAt(t *testing.T, path string) int {
	t.Helper()
	st, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs, err := st.Cases(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}

func TestNewIDTakesOverTheLegacyFolder(t *testing.T) {
	homeIn(t)
	legacy := legacyCouple(t)
	path, err := DefaultDBPath()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(filepath.Dir(path)) != ID {
		t.Fatalf("database at %s, want it in the %s folder", path, ID)
	}
	if n := couplesAt(t, path); n != 1 {
		t.Errorf("%d couples found after the move, want 1", n)
	}
	if _, err := os.Stat(legacy); !os.IsNotExist(err) {
		t.Errorf("the legacy folder is still there: %v", err)
	}
}

// A start with --db may have made the new folder (Fyne's preferences) before any start without
// it: the data then stays where it is, and is found there.
func TestLegacyFolderFoundWhenNewOneIsEmpty(t *testing.T) {
	homeIn(t)
	legacy := legacyCouple(t)
	root, _ := fyneConfigRoot()
	if err := os.MkdirAll(filepath.Join(root, ID), 0o700); err != nil {
		t.Fatal(err)
	}
	path, err := DefaultDBPath()
	if err != nil {
		t.Fatal(err)
	}
	if path != filepath.Join(legacy, DBFileName) {
		t.Fatalf("database at %s, want the legacy one", path)
	}
	if n := couplesAt(t, path); n != 1 {
		t.Errorf("%d couples, want 1", n)
	}
}

func TestFreshStartUsesTheNewFolder(t *testing.T) {
	homeIn(t)
	path, err := DefaultDBPath()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(filepath.Dir(path)) != ID {
		t.Errorf("database at %s, want it in the %s folder", path, ID)
	}
}
