package workbook

import (
	"strings"
	"testing"
	"unicode"

	"kintsugi/assets"
	"kintsugi/data"
)

func testBook(t testing.TB) *book {
	t.Helper()
	c, err := data.LoadContent(assets.FS, "en")
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{}
	if err := opt.normalise(); err != nil {
		t.Fatal(err)
	}
	b, err := newBook(c, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	b.newPage()
	return b
}

func TestCleanKeepsTextAndDropsWhatCannotPrint(t *testing.T) {
	b := testBook(t)
	tests := map[string]string{
		"plain text":               "plain text",
		"a\r\nb\rc":                "a\nb\nc",
		"tab\there":                "tab  here",
		"nul\x00bell\x07esc\x1b":   "nulbellesc",
		"zero\u200bwidth\u202eltr": "zerowidthltr",
		"emoji 👩👨 here":            "emoji \uFFFD here", // beyond the Basic Multilingual Plane: no font can
		"\U0001F339\U0001F339":     "\uFFFD",
		"bad \xff\xfe bytes":       "bad \uFFFD bytes",
		"Zoë — “café” Ωmega Жук":   "Zoë — “café” Ωmega Жук",
		"line\u2028sep":            "line\nsep",
	}
	// Chinese prints when the machine has a font for it (as Fyne's text does), else substitutes.
	if machineFonts.forRune('日') != nil {
		tests["日本語"] = "日本語"
	} else {
		tests["日本語"] = "\uFFFD"
	}
	for in, want := range tests {
		if got := b.clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWrapLosesNothingAndFits: every visible character comes out, in order, on lines no
// wider than asked.
func TestWrapLosesNothingAndFits(t *testing.T) {
	b := testBook(t)
	inputs := []string{
		"", "one", strings.Repeat("word ", 500),
		strings.Repeat("x", 5000),
		"https://example.org/" + strings.Repeat("path/", 100) + " tail",
		"para one\n\n\n\npara two\nline three",
		"  leading and   inner   spaces  ",
		strings.Repeat("Ω", 300) + " " + strings.Repeat("ж", 300),
	}
	for _, st := range []style{stBody, stHeading, stLabel} {
		for _, w := range []float64{3, 40, 170} {
			for _, in := range inputs {
				lines := b.wrap(st, in, w)
				var got strings.Builder
				for _, l := range lines {
					if l == paraBreak {
						continue
					}
					if lw := b.pdf.GetStringWidth(l); lw > w+0.01 && len([]rune(l)) > 1 {
						t.Fatalf("a line of %.1f mm in %.0f mm: %q", lw, w, l)
					}
					got.WriteString(l)
				}
				if strip(got.String()) != strip(b.clean(in)) {
					t.Fatalf("wrap(%.30q, %.0f) lost text", in, w)
				}
			}
		}
	}
	if got := b.wrap(stBody, "a\n\n\n\nb", 100); len(got) != 3 || got[1] != paraBreak {
		t.Errorf("blank lines between paragraphs: %q", got)
	}
}

func strip(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestFitCutsWithAnEllipsis(t *testing.T) {
	b := testBook(t)
	long := strings.Repeat("commitment ", 200)
	got := b.fit(stBody, long, 50)
	if !strings.HasSuffix(got, "…") || b.pdf.GetStringWidth(got) > 50 {
		t.Errorf("fit gave %q", got)
	}
	if got := b.fit(stBody, "short", 50); got != "short" {
		t.Errorf("fit cut a short text: %q", got)
	}
}

func TestBalancedPages(t *testing.T) {
	// Seven blocks of 60 mm from a fresh page of 250 mm: greedily 4 + 3; balanced stays so.
	// Five blocks of 60 mm after 200 mm of a page are used: 50 mm left, so the first page
	// stays empty and the rest splits 4 + 1 greedily, 3 + 2 balanced.
	heights := []float64{60, 60, 60, 60, 60}
	if got := paginate(heights, 50, 250, 250); len(got) != 3 || len(got[0]) != 0 || len(got[1]) != 4 {
		t.Errorf("greedy: %v", got)
	}
	if got := paginate(heights, 50, 250, 180); len(got) != 3 || len(got[1]) != 3 || len(got[2]) != 2 {
		t.Errorf("limited: %v", got)
	}
}
