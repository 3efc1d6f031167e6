package workbook

import (
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kintsugi/assets"
)

func TestArabicLettersJoin(t *testing.T) {
	all := func(rune) bool { return true }
	for _, c := range []struct{ in, want string }{
		{"مرحبا", "\uFEE3\uFEAE\uFEA3\uFE92\uFE8E"}, // initial, final; initial, medial, final
		{"لا", "\uFEFB"},              // lam-alef, one ligature
		{"سلا", "\uFEB3\uFEFC"},       // lam-alef joined to the letter before it
		{"ء ب", "\uFE80 \uFE8F"},      // alone, each is isolated
		{"بَب", "\uFE91\u064E\uFE90"}, // a vowel mark does not break the join
		{"hello", "hello"},
	} {
		if got := shapeArabic(c.in, all); got != c.want {
			t.Errorf("shape %q = %+q, want %+q", c.in, got, c.want)
		}
	}
	if got := shapeArabic("مرحبا", func(r rune) bool { return r < 0xFB00 }); got != "مرحبا" {
		t.Errorf("forms no font draws were used: %+q", got)
	}
}

func TestRightToLeftLinesInVisualOrder(t *testing.T) {
	for _, c := range []struct {
		in   string
		rtl  bool // the line's paragraph is right to left
		want string
	}{
		{"abc אבג def", false, "abc גבא def"}, // a right-to-left run inside a left-to-right line
		{"אבג abc", true, "abc גבא"},          // a right-to-left line: the runs turn too
		{"אבג abc", false, "גבא abc"},         // the book's line opening on a Hebrew name
		{"abc אבג", true, "גבא abc"},          // a right-to-left paragraph's line opening on a Latin word
		{"(אב)", true, "(בא)"},                // brackets face the right way
		{"\u05D1\u05B7\u05BC\u05D9\u05B4\u05EA", true, "\u05EA\u05D9\u05B4\u05D1\u05B7\u05BC"}, // a letter keeps its marks after it
		{"abc אבג 123. def", false, "abc 123 גבא. def"},                                        // a number after right-to-left text belongs to it
		{"We met at תל אביב 2 times", false, "We met at 2 ביבא לת times"},                      // ... also when a Latin word follows
		{"abc אבג 12 34 def", false, "abc 34 12 גבא def"},                                      // numbers in a row turn as a group, each whole
		{"abc אבג 12.5% def", false, "abc 12.5% גבא def"},                                      // a number keeps its signs
		{"123 אבג", false, "123 גבא"},                                                          // a number before it does not
		{"אבג abc 12 דהו", true, "והד abc 12 גבא"},                                             // Latin and numbers whole inside right-to-left text
		{"plain text", false, "plain text"},
		// Paired brackets stay a pair, facing in and at the ends of what they hold (rule N0).
		{"abc אבג (דהו) def", false, "abc (והד) גבא def"},  // Hebrew in brackets, in a Latin line
		{"אבג (דהו) def", false, "(והד) גבא def"},          // ... on a line opening in Hebrew
		{"אבג (abc) דהו", true, "והד (abc) גבא"},           // Latin in brackets in a Hebrew line
		{"אבג (x) end", true, "end (x) גבא"},               // ... with Latin after the pair
		{"abc אבג 12 (x) def", true, "def (x) 12 גבא abc"}, // a number before the pair counts as Hebrew
		{"abc (אבג) def", false, "abc (גבא) def"},
	} {
		if got := visual(c.in, c.rtl); got != c.want {
			t.Errorf("visual(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestVisualKeepsEveryCharacter: laying a line out moves characters, never loses or adds one
// (brackets may face the other way), whatever mix of scripts, numbers and signs it holds.
func TestVisualKeepsEveryCharacter(t *testing.T) {
	pieces := []string{"א", "ב", "ש", "a", "b", "1", "2", "١", " ", ".", ",", "%", "$", "(", ")", "\u05B7", "-"}
	rng := rand.New(rand.NewPCG(1, 2))
	sorted := func(s string) string {
		rs := []rune(strings.NewReplacer(")", "(", "]", "[").Replace(s))
		slices.Sort(rs)
		return string(rs)
	}
	for range 5000 {
		var sb strings.Builder
		for range 1 + rng.IntN(12) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		in := sb.String()
		for _, rtl := range []bool{false, true} {
			if got := visual(in, rtl); sorted(got) != sorted(in) {
				t.Fatalf("visual(%q, %v) = %q: characters lost or added", in, rtl, got)
			}
		}
	}
}

// TestFontCollectionsServeAsFallbacks: a font collection (.ttc, as Windows and macOS ship
// their Chinese and Japanese fonts) gives its TrueType font, which fpdf embeds.
func TestFontCollectionsServeAsFallbacks(t *testing.T) {
	ttf, err := assets.File(assets.SansRegular)
	if err != nil {
		t.Fatal(err)
	}
	// A collection of one font: its header, then the font with each table's offset moved by it.
	const head = 16
	ttc := append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"), ttf...)
	n := int(ttf[4])<<8 | int(ttf[5])
	for i := range n {
		at := head + 12 + 16*i + 8
		off := binary.BigEndian.Uint32(ttc[at:])
		binary.BigEndian.PutUint32(ttc[at:], off+head)
	}
	path := filepath.Join(t.TempDir(), "collection.ttc")
	if err := os.WriteFile(path, ttc, 0o600); err != nil {
		t.Fatal(err)
	}
	if !fontFile(path) || !fontFile("x.OTF") || fontFile("x.pfb") {
		t.Error("font files are not told by their names")
	}
	f := &fallbacks{byRune: map[rune]int{}}
	fb := f.read(path)
	if fb == nil {
		t.Fatal("the collection's font was not read")
	}
	if !f.covers(fb, 'Ж') || !fb.embeddable() {
		t.Error("the font taken from the collection does not draw Ж, or fpdf cannot embed it")
	}
	if fromCollection(ttc[:40]) != nil {
		t.Error("a cut collection gave a font")
	}
}
