package workbook_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"kintsugi/data"
	"kintsugi/workbook"
)

// TestProgressTableLeavesNoRowAlone: where the week-by-week table runs over a page, the new page
// carries at least two weeks under its repeated heading, never one row alone on a page (as the
// example couple's twelfth week once did on US Letter). The numbers of weeks are those whose
// table, on one paper or the other, once left its last row alone.
func TestProgressTableLeavesNoRowAlone(t *testing.T) {
	row := regexp.MustCompile(`(?m)^\s*\d+\s+\d+ \w+ \d{4} to .*%`)
	for _, paper := range []string{data.PaperA4, data.PaperLetter} {
		for _, weeks := range []int{8, 11, 12, 13, 14, 15, 16, 45, 46, 47, 48, 52, 53, 54} {
			t.Run(fmt.Sprint(paper, " ", weeks), func(t *testing.T) {
				path := write(t, tracked(weeks), workbook.Options{Weeks: 1, Paper: paper, Sections: []string{workbook.SecProgress}})
				total := 0
				for i, page := range strings.Split(pdfText(t, path), "\f") {
					n := len(row.FindAllString(page, -1))
					total += n
					if n == 1 {
						t.Errorf("page %d holds a single row of the table", i+1)
					}
				}
				if total != weeks {
					t.Errorf("the table has %d rows, want %d", total, weeks)
				}
			})
		}
	}
}
