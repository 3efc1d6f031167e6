package workbook_test

import (
	"html"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	domain "kintsugi/couple"
	"kintsugi/data"
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

// A Latin, an Arabic and a Hebrew paragraph, as one answer: each of the last two wraps onto a
// second, shorter line.
const (
	latinPara  = "We walked by the river and talked for an hour."
	arabicPara = "مشينا معا على ضفة النهر وتحدثنا عن كل ما حدث بيننا في الأسابيع الماضية، وشعرت أخيرا أنك تسمعني حقا دون أن تدافع عن نفسك."
	hebrewPara = "שלום, הלכנו יחד לאורך הנהר ודיברנו על הכול בכנות, ובפעם הראשונה מזה זמן רב הרגשתי שאתה באמת מקשיב לי בלי להתגונן ובלי למהר."
	mixedText  = latinPara + "\n\n" + arabicPara + "\n\n" + hebrewPara
)

// TestRightToLeftParagraphsAlignRight: wherever a couple's words print (a week's note box, the
// letter, an answer), an Arabic or Hebrew paragraph is aligned to the right edge of its box,
// every line of it, its first words on its top line at the right, while a Latin paragraph in
// the same box still starts at the left edge.
func TestRightToLeftParagraphsAlignRight(t *testing.T) {
	cases := []struct {
		name        string
		section     string
		set         func(d *data.Dossier)
		left, right float64 // the text's edges, mm from the page's left
	}{
		// The body runs from 20 mm to 190 mm of an A4 page: a note box holds its text 4 mm in
		// from each side; an answer starts after the code's gutter (12 mm) and its rule (4 mm).
		{"week's note box", workbook.SecTracking, func(d *data.Dossier) { d.CheckIns[0].WentWell = mixedText }, 24, 186},
		{"letter", workbook.SecLetter, func(d *data.Dossier) { d.Letter.Text = mixedText }, 20, 190},
		{"answer", workbook.SecClarifying, func(d *data.Dossier) {
			d.Answers = []data.Answer{{Partner: data.PartnerA, QuestionID: "CLAR-01", Text: mixedText, Shared: true}}
		}, 36, 190},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := tracked(1)
			c.set(d)
			if missing := workbook.Unprintable(d); slices.Contains(missing, 'م') || slices.Contains(missing, 'ש') {
				t.Skip("no font on this machine draws Arabic and Hebrew: they are named before printing instead")
			}
			path := write(t, d, workbook.Options{Weeks: 1, Sections: []string{c.section}})
			lines := textLines(t, path)
			const pt = 72 / 25.4
			left, right := c.left*pt, c.right*pt
			var latin, arabic, hebrew []textLine
			for _, l := range lines {
				switch {
				case strings.Contains(l.text, "walked by the river"):
					latin = append(latin, l)
				case strings.ContainsFunc(l.text, isArabic):
					arabic = append(arabic, l)
				case strings.ContainsFunc(l.text, isHebrew):
					hebrew = append(hebrew, l)
				}
			}
			if len(latin) != 1 || len(arabic) < 2 || len(hebrew) < 2 {
				t.Fatalf("want the Latin paragraph on a line and the others on two or more: %d, %d, %d lines", len(latin), len(arabic), len(hebrew))
			}
			if math.Abs(latin[0].xMin-left) > 1 {
				t.Errorf("the Latin paragraph starts at %.1f pt, not at the box's left edge %.1f pt", latin[0].xMin, left)
			}
			for _, l := range append(arabic, hebrew...) {
				if math.Abs(l.xMax-right) > 1.5 {
					t.Errorf("a right-to-left line ends at %.1f pt, not at the box's right edge %.1f pt: %q", l.xMax, right, l.text)
				}
				if l.xMin < left-1 {
					t.Errorf("a right-to-left line starts at %.1f pt, left of the box's edge %.1f pt: %q", l.xMin, left, l.text)
				}
			}
			// Read from the right: the first word is the top line's rightmost, the last word the
			// bottom line's leftmost.
			top, bottom := hebrew[0].words, hebrew[len(hebrew)-1].words
			if first := top[len(top)-1]; !sameWord(first, "שלום,") {
				t.Errorf("the Hebrew paragraph's top line does not end, at the right, with its first word: %q", hebrew[0].text)
			}
			if last := bottom[0]; !sameWord(last, "למהר.") {
				t.Errorf("the Hebrew paragraph's bottom line does not start, at the left, with its last word: %q", hebrew[len(hebrew)-1].text)
			}
		})
	}
}

// TestOwnCommitmentAndTypedNameAlignRight: a commitment a couple wrote in Hebrew, in the
// catalog's own commitments and as an item of their agreement, ends at the right edge of the
// body, and a name typed in Hebrew as a signature at the right edge of its signature's column.
func TestOwnCommitmentAndTypedNameAlignRight(t *testing.T) {
	cp := storeCouple(t)
	d := cp.d
	const own, typed = "נבלה ערב אחד בשבוע יחד, בלי טלפונים.", "נור חדד"
	for i := range d.Commitments {
		if d.Commitments[i].CatalogID == "" {
			d.Commitments[i].CustomText = own
		}
	}
	a := &d.Agreements[0]
	for i := range a.Items {
		if a.Items[i].CatalogID == "" {
			a.Items[i].Text = own
		}
	}
	a.Signatures[0].TypedName, a.Signatures[0].PNG = typed, nil
	a.Digest = domain.AgreementDigest(*a) // as if signed so, not altered after signing
	if slices.Contains(workbook.Unprintable(d), 'ש') {
		t.Skip("no font on this machine draws Hebrew: it is named before printing instead")
	}
	path := write(t, d, workbook.Options{Weeks: 1, Sections: []string{workbook.SecCatalog, workbook.SecAgreement}})
	const pt = 72 / 25.4
	// The body ends 190 mm from the page's left; the first signature's column, 99 mm.
	bodyRight, columnRight := 190*pt, 99*pt
	commitments, names := 0, 0
	for _, l := range textLines(t, path) {
		switch {
		case sameWord(l.words[len(l.words)-1], "נבלה"):
			commitments++
			if math.Abs(l.xMax-bodyRight) > 1.5 {
				t.Errorf("the couple's own commitment ends at %.1f pt, not at the body's right edge %.1f pt", l.xMax, bodyRight)
			}
		case sameWord(l.text, typed): // on the signature line, without the field's label
			names++
			if math.Abs(l.xMax-columnRight) > 1.5 {
				t.Errorf("the typed signature ends at %.1f pt, not at its column's right edge %.1f pt", l.xMax, columnRight)
			}
		}
	}
	if commitments != 2 || names != 1 {
		t.Errorf("the own commitment printed %d times (want the catalog and the agreement), the typed signature %d times", commitments, names)
	}
}

// textLine is one line of text as pdftotext -bbox-layout reads it: its words left to right and
// its edges in points.
type textLine struct {
	text       string
	words      []string
	xMin, xMax float64
}

var (
	lineBox = regexp.MustCompile(`(?s)<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</line>`)
	wordBox = regexp.MustCompile(`<word xMin="([\d.]+)"[^>]*>([^<]*)</word>`)
)

func textLines(t *testing.T, path string) []textLine {
	var out []textLine
	for _, m := range lineBox.FindAllStringSubmatch(poppler(t, "pdftotext", "-bbox-layout", path, "-"), -1) {
		l := textLine{}
		l.xMin, _ = strconv.ParseFloat(m[1], 64)
		l.xMax, _ = strconv.ParseFloat(m[2], 64)
		type word struct {
			x    float64
			text string
		}
		var ws []word
		for _, w := range wordBox.FindAllStringSubmatch(m[3], -1) {
			x, _ := strconv.ParseFloat(w[1], 64)
			ws = append(ws, word{x, html.UnescapeString(w[2])})
		}
		slices.SortFunc(ws, func(a, b word) int { return int(math.Copysign(1, a.x-b.x)) })
		for _, w := range ws {
			l.words = append(l.words, w.text)
		}
		l.text = strings.Join(l.words, " ")
		out = append(out, l)
	}
	return out
}

// sameWord reports whether a word read back is want, in logical or in visual order (pdftotext
// may give either for right-to-left text).
func sameWord(got, want string) bool {
	rs := []rune(want)
	slices.Reverse(rs)
	return got == want || got == string(rs)
}

func isArabic(r rune) bool {
	return r >= 0x0600 && r <= 0x06FF || r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

func isHebrew(r rune) bool { return r >= 0x0590 && r <= 0x05FF || r >= 0xFB1D && r <= 0xFB4F }
