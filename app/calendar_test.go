package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCalendarICS exports the example couple's rhythm: a weekly check-in until the review, the
// review itself, and the end of each monitoring commitment; well-formed lines, no one named.
func TestCalendarICS(t *testing.T) {
	ctx := context.Background()
	st, content := openWithContent(t)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	c, err := CreateSample(ctx, st, content, now)
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.Dossier(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rhythm.ics")
	if err := ExportCalendar(d, content, path); err != nil {
		t.Fatal(err)
	}
	raw := string(mustRead(t, path))
	if !strings.HasPrefix(raw, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(raw, "END:VCALENDAR\r\n") {
		t.Fatalf("not a calendar:\n%s", raw)
	}
	for _, l := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
		if len(l) > 75 || strings.Contains(l, "\n") {
			t.Errorf("line over 75 octets or with a bare newline: %q", l)
		}
	}
	ag := d.Agreements[len(d.Agreements)-1]
	wants := []string{
		"SUMMARY:" + icsText(content.T("ics.checkin")),
		"RRULE:FREQ=WEEKLY;UNTIL=" + ag.ReviewDate.Time().Format("20060102"),
		"DTSTART;VALUE=DATE:" + ag.ReviewDate.Time().Format("20060102"),
		"SUMMARY:" + icsText(content.T("ics.review")),
	}
	for _, w := range wants {
		if !strings.Contains(raw, w) {
			t.Errorf("calendar lacks %q", w)
		}
	}
	if strings.Count(raw, "BEGIN:VEVENT") != strings.Count(raw, "END:VEVENT") || strings.Count(raw, "BEGIN:VEVENT") < 2 {
		t.Errorf("events unbalanced or missing:\n%s", raw)
	}
	for _, name := range []string{d.Case.NameA, d.Case.NameB} {
		if strings.Contains(raw, name) {
			t.Errorf("the calendar names %s", name)
		}
	}
}

func TestICSTextAndFold(t *testing.T) {
	if got := icsText(`a,b;c\d` + "\n"); got != `a\,b\;c\\d\n` {
		t.Errorf("escaped %q", got)
	}
	long := "SUMMARY:" + strings.Repeat("ё", 60)
	for _, l := range strings.Split(fold(long), "\r\n") {
		if len(l) > 75 {
			t.Errorf("folded line of %d octets", len(l))
		}
	}
	if strings.ReplaceAll(fold(long), "\r\n ", "") != long {
		t.Error("unfolding does not give the line back")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
