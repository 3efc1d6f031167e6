package workbook

import (
	"testing"
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
	for _, c := range []struct{ in, want string }{
		{"abc אבג def", "abc גבא def"}, // a right-to-left run inside a left-to-right line
		{"אבג abc", "abc גבא"},         // a line that starts right to left: the runs turn too
		{"(אב)", "(בא)"},               // brackets face the right way
		{"\u05D1\u05B7\u05BC\u05D9\u05B4\u05EA", "\u05EA\u05D9\u05B4\u05D1\u05B7\u05BC"}, // a letter keeps its marks after it
		{"plain text", "plain text"},
	} {
		if got := visual(c.in); got != c.want {
			t.Errorf("visual(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
