package workbook_test

import (
	"slices"
	"strings"
	"testing"

	"kintsugi/workbook"
)

// TestArabicPrintsJoined: Arabic a partner types prints with its letters joined (presentation
// forms, which pdftotext reads back), where a font on the machine carries them.
func TestArabicPrintsJoined(t *testing.T) {
	d := sample(t)
	d.Letter.Text = "مرحبا، أنا آسف."
	if slices.Contains(workbook.Unprintable(d), 'م') {
		t.Skip("no font on this machine draws Arabic: it is named before printing instead")
	}
	text := pdfText(t, write(t, d, workbook.Options{Sections: []string{workbook.SecLetter}}))
	if joined := "\uFEE3\uFEAE\uFEA3\uFE92\uFE8E"; !strings.Contains(text, joined) {
		t.Errorf("مرحبا did not print joined as %+q:\n%+q", joined, text)
	}
}
