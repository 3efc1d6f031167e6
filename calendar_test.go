package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCalendarCommand writes the example couple's calendar from the command line, as the window
// does, and refuses a couple that does not exist.
func TestCalendarCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	code, out, stderr := runCLI(t, "sample", "--db", db)
	if code != 0 {
		t.Fatalf("sample: %d %s", code, stderr)
	}
	id := strings.TrimSpace(out)
	ics := filepath.Join(dir, "rhythm.ics")
	if code, _, stderr := runCLI(t, "calendar", "--case", id, "--db", db, "-o", ics); code != 0 {
		t.Fatalf("calendar: %d %s", code, stderr)
	}
	b, err := os.ReadFile(ics)
	if err != nil || !strings.HasPrefix(string(b), "BEGIN:VCALENDAR\r\n") || !strings.Contains(string(b), "RRULE:FREQ=WEEKLY") {
		t.Fatalf("calendar file: %v\n%s", err, b)
	}
	if code, _, stderr := runCLI(t, "calendar", "--case", "999", "--db", db, "-o", ics); code != 2 || !strings.Contains(stderr, "no case 999") {
		t.Errorf("unknown case: %d %s", code, stderr)
	}
}
