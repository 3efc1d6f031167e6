//go:build (linux || freebsd || openbsd || netbsd) && !android

package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNoDisplaySaysSo: started where no window can open (a server, ssh), Kintsugi says so in
// one line and names the commands, instead of a graphics library's internal error, and creates
// no database on the way.
func TestNoDisplaySaysSo(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	db := filepath.Join(t.TempDir(), "k.db")
	code, _, stderr := runCLI(t, "--db", db)
	oneClearLine(t, code, stderr, "no display")
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a database was made for a window that could not open: %v", err)
	}
}
