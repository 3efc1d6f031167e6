package workbook_test

import (
	"slices"
	"strings"
	"testing"

	"kintsugi/workbook"
)

// TestBracketsPrintAsAPair: brackets around words in the other direction print as a pair, an
// opening one and a closing one, whichever way the paragraph runs; they used to print as two
// closing brackets (golang/go#72089 in the bidi package the workbook lays lines out with).
func TestBracketsPrintAsAPair(t *testing.T) {
	paras := []string{
		"We met at שלום (עולם) today.", // Hebrew in brackets in a Latin paragraph
		"שלום (עולם) today.",           // ... in a Hebrew one ending in Latin
		"שלום (hello) world, עולם.",    // Latin in brackets in a Hebrew paragraph
		"Sam said مرحبا (أهلا) twice.", // Arabic in brackets in a Latin paragraph
	}
	d := sample(t)
	d.Letter.Text = strings.Join(paras, "\n\n")
	if missing := workbook.Unprintable(d); slices.Contains(missing, 'ש') || slices.Contains(missing, 'م') {
		t.Skip("no font on this machine draws Hebrew and Arabic: they are named before printing instead")
	}
	text := pdfText(t, write(t, d, workbook.Options{Sections: []string{workbook.SecLetter}}))
	found := 0
	for _, l := range strings.Split(text, "\n") {
		if !strings.ContainsAny(l, "()") {
			continue
		}
		found++
		if strings.Count(l, "(") != 1 || strings.Count(l, ")") != 1 {
			t.Errorf("a line does not print its brackets as one pair: %+q", l)
		}
	}
	if found != len(paras) {
		t.Errorf("%d lines with brackets printed, want %d:\n%s", found, len(paras), text)
	}
}
