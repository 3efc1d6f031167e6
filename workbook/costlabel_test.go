package workbook_test

import (
	"regexp"
	"strings"
	"testing"

	"kintsugi/assets"
	"kintsugi/data"
	"kintsugi/workbook"
)

// TestCostNamesPrintWhole: a cost's name beside its dots is as long as the language makes it
// ("Цена в свободе: Умеренная" was cut to "Умерен…"); in every language, blank and for the
// example couple, every level's full name is on the page and none is cut short.
func TestCostNamesPrintWhole(t *testing.T) {
	for _, lang := range []string{"en", "ru"} {
		c, err := data.LoadContent(assets.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, filled := range []bool{false, true} {
			var text string
			if lang == "ru" {
				var d *data.Dossier
				if filled {
					d = russianSample(t)
				}
				text = russianWorkbook(t, d)
			} else {
				var d *data.Dossier
				if filled {
					d = sample(t)
				}
				text = pdfText(t, write(t, d, workbook.Options{Weeks: 2}))
			}
			text = flat(text)
			for _, l := range c.CostLevels {
				if whole := c.Tf("wb.cost", l.Label); !strings.Contains(text, whole) {
					t.Errorf("%s (filled %v): %q is not printed whole", lang, filled, whole)
				}
			}
			cut := regexp.MustCompile(regexp.QuoteMeta(strings.TrimSpace(c.Tf("wb.cost", ""))) + `\s*\S*…`)
			if m := cut.FindString(text); m != "" {
				t.Errorf("%s (filled %v): a cost's name is cut short: %q", lang, filled, m)
			}
		}
	}
}
