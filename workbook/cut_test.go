package workbook_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kintsugi/assets"
	"kintsugi/data"
	"kintsugi/workbook"
)

// TestNoPrintedLabelIsCut prints the blank and the example couple's workbook in every language,
// on A4 and Letter, and fails on any line pdftotext reads back with a cut ("…"), except a weekly
// row for the couple's own commitment, whose full words stand in the agreement. A label is as
// long as its language makes it ("Цена в свободе: Умеренная" was cut to "Умерен…", "Следующий
// пересмотр" to "Следующ…"): the layout makes room, or wraps.
func TestNoPrintedLabelIsCut(t *testing.T) {
	for _, lang := range []string{"en", "ru"} {
		c, err := data.LoadContent(assets.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		own := c.Tf("wb.custom.code", 1) + " "
		for _, filled := range []bool{false, true} {
			var d *data.Dossier
			if filled && lang == "ru" {
				d = russianSample(t)
			} else if filled {
				d = sample(t)
			}
			for _, paper := range []string{"a4", "letter"} {
				var buf bytes.Buffer
				opt := workbook.Options{Weeks: 2, Now: fixedNow, Language: lang, Paper: paper}
				if err := workbook.Write(&buf, c, d, opt); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(t.TempDir(), "w.pdf")
				if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
					t.Fatal(err)
				}
				text := pdfText(t, path)
				// Headings in narrow columns wrap between words, never inside one ("Следующи/й").
				for _, key := range []string{"wb.review.next", "wb.review.initials", "wb.review.version", "wb.progress.missed"} {
					for _, word := range strings.Fields(c.T(key)) {
						if filled || key != "wb.progress.missed" {
							if !strings.Contains(text, word) {
								t.Errorf("%s, %s, filled %v: the heading word %q is broken or missing", lang, paper, filled, word)
							}
						}
					}
				}
				for _, line := range strings.Split(text, "\n") {
					if strings.Contains(line, "…") && !strings.HasPrefix(strings.TrimSpace(line), own) {
						t.Errorf("%s, %s, filled %v: cut: %q", lang, paper, filled, strings.TrimSpace(line))
					}
				}
			}
		}
	}
}
