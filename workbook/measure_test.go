package workbook_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"kintsugi/data"
	"kintsugi/workbook"
)

// TestOwnWordsPrintInTheirMeasure: a couple's words print in the width they were wrapped to, so
// that a right-to-left paragraph ends where the left-to-right lines beside it may reach, not
// further. What happened in their own words is wrapped to the width of an answer (the body less
// the code's gutter and the rule: 24 to 178 mm); a week's note longer than a page flows in the
// width of its box's text (24 to 186 mm).
func TestOwnWordsPrintInTheirMeasure(t *testing.T) {
	latin := strings.Repeat("We walked by the river and talked for an hour, slowly. ", 4)
	text := latin + "\n\n" + hebrewPara
	cases := []struct {
		name        string
		section     string
		set         func(d *data.Dossier)
		left, right float64 // mm from the page's left
	}{
		{"what happened", workbook.SecWhatHappened, func(d *data.Dossier) { d.Incident.Description = text }, 24, 178},
		{"a week's note longer than a page", workbook.SecTracking, func(d *data.Dossier) {
			d.CheckIns[0].WentWell = strings.Repeat(text+"\n\n", 12)
		}, 24, 186},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := tracked(1)
			c.set(d)
			if slices.Contains(workbook.Unprintable(d), 'ש') {
				t.Skip("no font on this machine draws Hebrew: it is named before printing instead")
			}
			path := write(t, d, workbook.Options{Weeks: 1, Sections: []string{c.section}})
			const pt = 72 / 25.4
			left, right := c.left*pt, c.right*pt
			var widest float64
			hebrew := 0
			for _, l := range textLines(t, path) {
				switch {
				case strings.Contains(l.text, "walked by the river"):
					widest = max(widest, l.xMax)
					if l.xMin < left-1 || l.xMax > right+1 {
						t.Errorf("a Latin line runs from %.1f to %.1f pt, outside %.1f to %.1f pt: %q", l.xMin, l.xMax, left, right, l.text)
					}
				case strings.ContainsFunc(l.text, isHebrew):
					hebrew++
					if math.Abs(l.xMax-right) > 1.5 {
						t.Errorf("a Hebrew line ends at %.1f pt, not at the right edge of its measure %.1f pt: %q", l.xMax, right, l.text)
					}
				}
			}
			if hebrew == 0 || widest < right-25*pt {
				t.Fatalf("the text did not print as expected: %d Hebrew lines, Latin lines reach %.1f pt", hebrew, widest)
			}
		})
	}
}

// TestWeekNoteBoxHoldsItsText: a week's note short enough to print in a box has all of it in
// the box, on one page, even where the page carries the week's sheet on under a "continued"
// line; one longer than that page flows on, with its title over it, in no box. A box's title
// is 4 mm in from the body's left edge; a flowing note's title, at the edge.
func TestWeekNoteBoxHoldsItsText(t *testing.T) {
	// Lines, with a paragraph's break after some (0.6 of a line each), so that the box's
	// height steps through the last lines' worth of the page.
	for n := 36; n <= 44; n++ {
		for breaks := 0; breaks <= 2; breaks++ {
			t.Run(fmt.Sprint(n, " lines ", breaks, " breaks"), func(t *testing.T) {
				noteBoxTest(t, n, breaks)
			})
		}
	}
}

// noteBoxTest prints a week whose first note is n short lines, the first breaks of them
// followed by a paragraph's break.
func noteBoxTest(t *testing.T, n, breaks int) {
	d := tracked(1)
	var text strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&text, "Line %02d of what went well.\n", i)
		if i <= breaks {
			text.WriteString("\n")
		}
	}
	d.CheckIns[0].WentWell = text.String()
	path := write(t, d, workbook.Options{Weeks: 1, Sections: []string{workbook.SecTracking}})
	first, last := pageOf(t, path, "Line 01 of"), pageOf(t, path, fmt.Sprintf("Line %02d of", n))
	titleX := -1.0
	for _, l := range textLines(t, path) {
		if strings.HasPrefix(l.text, "What went well") {
			titleX = l.xMin / (72 / 25.4)
		}
	}
	if boxed := titleX > 22; boxed && first != last {
		t.Errorf("the note's box is on page %d, but its text runs on to page %d, out of the box", first, last)
	}
}

// pageOf is the page, from 1, on which text first prints.
func pageOf(t *testing.T, path, text string) int {
	t.Helper()
	pages := strings.Split(pdfText(t, path), "\f")
	for i, p := range pages {
		if strings.Contains(p, text) {
			return i + 1
		}
	}
	t.Fatalf("%q is not printed", text)
	return 0
}
