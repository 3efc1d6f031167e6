package workbook_test

import (
	"fmt"
	"strings"
	"testing"

	"kintsugi/workbook"
)

// TestNoParagraphLeavesOneLineAlone: where a paragraph runs over a page break, at least two of
// its lines stay on each side: never its first line alone at the foot of a page, nor its last
// alone at the head of the next. A long week's note, its paragraphs three and four lines long,
// is printed with 0 to 5 short paragraphs before it, so that the page breaks fall at every line.
func TestNoParagraphLeavesOneLineAlone(t *testing.T) {
	for lead := 0; lead <= 5; lead++ {
		t.Run(fmt.Sprint(lead, " short paragraphs first"), func(t *testing.T) {
			var text strings.Builder
			for i := 0; i < lead; i++ {
				fmt.Fprintf(&text, "Short %d.\n\n", i)
			}
			for p := 10; p < 40; p++ {
				words := 24 + 8*(p%2) // about three lines, or four
				for w := 0; w < words; w++ {
					fmt.Fprintf(&text, "P%dw%02d ", p, w)
				}
				text.WriteString("\n\n") // a blank line ends a paragraph
			}
			d := tracked(1)
			d.CheckIns[0].WentWell = text.String()
			path := write(t, d, workbook.Options{Weeks: 1, Sections: []string{workbook.SecTracking}})
			pages := strings.Split(pdfText(t, path), "\f")
			for p := 10; p < 40; p++ {
				tag := fmt.Sprintf("P%dw", p)
				var on []int // lines of the paragraph on each page it prints on
				for _, page := range pages {
					if n := linesWith(page, tag); n > 0 {
						on = append(on, n)
					}
				}
				if len(on) > 1 && (on[0] < 2 || on[len(on)-1] < 2) {
					t.Errorf("paragraph %d splits over pages as %v lines: one line is left alone", p, on)
				}
			}
		})
	}
}

func linesWith(page, tag string) int {
	n := 0
	for _, l := range strings.Split(page, "\n") {
		if strings.Contains(l, tag) {
			n++
		}
	}
	return n
}
