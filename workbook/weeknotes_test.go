package workbook_test

import (
	"fmt"
	"strings"
	"testing"

	"kintsugi/data"
	"kintsugi/workbook"
)

// TestBlankWeekKeepsPartnersNotes: on A4 and on US Letter, every blank week's sheet has its
// lines for each partner's own notes on the week, on the sheet's page: Letter's shorter page
// once dropped them, with room left empty under the three boxes.
func TestBlankWeekKeepsPartnersNotes(t *testing.T) {
	for _, paper := range []string{data.PaperA4, data.PaperLetter} {
		t.Run(paper, func(t *testing.T) {
			path := write(t, nil, workbook.Options{Weeks: 3, Paper: paper, Sections: []string{workbook.SecTracking}})
			for w := 1; w <= 3; w++ {
				var sheet string
				for _, page := range strings.Split(pdfText(t, path), "\f") {
					if strings.Contains(page, fmt.Sprintf("Week %d ", w)) || strings.Contains(page, fmt.Sprintf("Week %d\n", w)) {
						sheet = page
					}
				}
				if sheet == "" {
					t.Fatalf("no sheet for week %d", w)
				}
				for _, p := range []string{"Partner A", "Partner B"} {
					if !strings.Contains(sheet, "Notes: "+p) {
						t.Errorf("week %d's sheet has no lines for %s's notes", w, p)
					}
				}
			}
		})
	}
}
