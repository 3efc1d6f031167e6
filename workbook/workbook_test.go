package workbook_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"kintsugi/app"
	"kintsugi/assets"
	"kintsugi/data"
	"kintsugi/workbook"
)

var fixedNow = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

func content(t testing.TB) *data.Content {
	t.Helper()
	c, err := data.LoadContent(assets.FS, "en")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// write prints a workbook to a temp file and returns its path.
func write(t testing.TB, d *data.Dossier, opt workbook.Options) string {
	t.Helper()
	var buf bytes.Buffer
	if opt.Now.IsZero() {
		opt.Now = fixedNow
	}
	if err := workbook.Write(&buf, content(t), d, opt); err != nil {
		t.Fatalf("Write: %v", err)
	}
	path := filepath.Join(t.TempDir(), "wb.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s is not installed (make deps installs poppler-utils)", tool)
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
	return string(out)
}

func pdfText(t *testing.T, path string) string { return poppler(t, "pdftotext", "-layout", path, "-") }

// flat joins the text so that words broken across lines by layout still match.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestBlankWorkbookHasEverything(t *testing.T) {
	c := content(t)
	path := write(t, nil, workbook.Options{})
	text := pdfText(t, path)
	for _, sec := range c.Catalog() {
		for _, e := range sec.Entries {
			if !regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(e.Code) + `\s`).MatchString(text) {
				t.Errorf("catalog code %s is missing", e.Code)
			}
		}
	}
	for w := 1; w <= 12; w++ {
		if !strings.Contains(text, fmt.Sprintf("Week %d\n", w)) && !strings.Contains(text, fmt.Sprintf("Week %d ", w)) {
			t.Errorf("Week %d is missing", w)
		}
	}
	for _, want := range []string{c.T("wb.contents"), c.T("wb.agreement.title"), c.T("wb.letter.title"),
		c.Section(data.SectionHelp).Title, c.Entry("SAFETY").Title, c.T("wb.cover.names")} {
		if !strings.Contains(flat(text), flat(want)) {
			t.Errorf("%q is missing", want)
		}
	}
	if strings.Contains(text, "⟦") {
		t.Errorf("a label is missing from the content file: %s", regexp.MustCompile(`⟦[^⟧]*⟧`).FindString(text))
	}
	if strings.Contains(text, "{pg:") || strings.Contains(text, "{rebuilding}") || strings.Contains(text, "{hurt}") {
		t.Error("a placeholder was printed as it is")
	}
	// The contents give each section's page: "Our agreement ..... 23" and page 23 starts it.
	m := regexp.MustCompile(regexp.QuoteMeta(c.T("wb.agreement.title")) + `[ .]*(\d+)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatal("the contents have no page number for the agreement")
	}
	page := poppler(t, "pdftotext", "-f", m[1], "-l", m[1], path, "-")
	if !strings.HasPrefix(strings.TrimSpace(page), c.T("wb.agreement.title")) {
		t.Errorf("contents say the agreement is on page %s, which starts %q", m[1], firstLine(page))
	}
	if info := poppler(t, "pdfinfo", path); !strings.Contains(info, "595.28 x 841.89 pts (A4)") || !strings.Contains(info, "Kintsugi") {
		t.Errorf("not A4:\n%s", info)
	}
	fonts := poppler(t, "pdffonts", path)
	rows := strings.Split(strings.TrimSpace(fonts), "\n")[2:]
	embedded := regexp.MustCompile(`Identity-H\s+yes`)
	for _, row := range rows {
		if !embedded.MatchString(row) {
			t.Errorf("font not embedded: %s", row)
		}
	}
	if len(rows) < 4 {
		t.Errorf("expected the serif and sans faces, got:\n%s", fonts)
	}
}

func firstLine(s string) string { return strings.SplitN(strings.TrimSpace(s), "\n", 2)[0] }

func TestWeeksAndPaper(t *testing.T) {
	path := write(t, nil, workbook.Options{Weeks: 3, Paper: data.PaperLetter})
	text := pdfText(t, path)
	if !strings.Contains(text, "Week 3") || strings.Contains(text, "Week 4") {
		t.Error("three weekly sheets were asked for")
	}
	if info := poppler(t, "pdfinfo", path); !strings.Contains(info, "612 x 792 pts (letter)") {
		t.Errorf("not US Letter:\n%s", info)
	}
	for _, weeks := range []int{-1, 105} {
		if err := workbook.Write(&bytes.Buffer{}, content(t), nil, workbook.Options{Weeks: weeks}); err == nil {
			t.Errorf("weeks %d was accepted", weeks)
		}
	}
	if err := workbook.Write(&bytes.Buffer{}, content(t), nil, workbook.Options{Paper: "a5"}); err == nil {
		t.Error("paper a5 was accepted")
	}
}

func TestSectionsCanBeChosen(t *testing.T) {
	path := write(t, nil, workbook.Options{Sections: []string{workbook.SecAgreement, workbook.SecHelp}, Weeks: 2})
	text := pdfText(t, path)
	if strings.Contains(text, "Week 1") || strings.Contains(text, "I.17") || !strings.Contains(text, "Our agreement") {
		t.Error("only the agreement and help were asked for")
	}
}

// sample builds the example couple in a real store and reads it back.
func sample(t testing.TB) *data.Dossier {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c, err := app.CreateSample(ctx, st, content(t), fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.Dossier(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCaseWorkbookShowsTheirWork(t *testing.T) {
	d := sample(t)
	path := write(t, d, workbook.Options{Weeks: 12})
	text := pdfText(t, path)
	f := flat(text)
	wants := []string{"Sam & Alex", "Sam calls Alex during the day", "For most of last year I lied to you",
		"Version 1", "signed by both", "Sam told me about the message straight away", "Progress",
		"Kept private by its author", "Sam and Alex walk together on Sunday mornings"}
	for _, want := range wants {
		if !strings.Contains(f, want) {
			t.Errorf("the couple's workbook lacks %q", want)
		}
	}
	// Private answers are never printed: find one and make sure its text is absent.
	for _, a := range d.Answers {
		if !a.Shared && strings.Contains(f, flat(a.Text)) && !sharedElsewhere(d, a.Text) {
			t.Errorf("private answer %s/%s was printed", a.Partner, a.QuestionID)
		}
	}
	if strings.Contains(text, "⟦") {
		t.Error("a label is missing from the content file")
	}
	// Tracked marks appear as drawn ticks: the week pages exist with their dates.
	if !strings.Contains(f, d.Case.WeekStart(12).Time().Format("2 January 2006")) {
		t.Error("week 12 does not show its dates")
	}
	if imgs := poppler(t, "pdfimages", "-list", path); strings.Count(imgs, "image") < 2 {
		t.Errorf("the two drawn signatures are not in the PDF:\n%s", imgs)
	}
}

func sharedElsewhere(d *data.Dossier, text string) bool {
	for _, a := range d.Answers {
		if a.Shared && a.Text == text {
			return true
		}
	}
	return false
}

func TestAnyTextPrintsWithoutLosingAParagraph(t *testing.T) {
	d := sample(t)
	long := strings.Repeat("Zoë's café — “quoted” 👩‍❤️‍👨 日本語 مرحبا \x00\x07 \u202e reversed \u200b. ", 700)
	word := strings.Repeat("unbroken", 700)
	d.Letter.Text = long + "\n\n" + word + "\n\nThe last paragraph is still here, every word of it."
	d.CheckIns = append(d.CheckIns[:0:0], d.CheckIns...)
	d.CheckIns[0].WentWell = strings.Repeat("A very long note about the week. ", 400)

	path := write(t, d, workbook.Options{Weeks: 2})
	f := flat(pdfText(t, path))
	for _, want := range []string{"The last paragraph is still here, every word of it.", "Zoë's café", "unbrokenunbroken", "A very long note about the week."} {
		if !strings.Contains(f, want) {
			t.Errorf("%q was lost", want)
		}
	}
}

// TestHugeLinesPrint: lines that must be shortened to fit (names, a commitment in the tracking
// grid) once took time proportional to the square of their length.
func TestHugeLinesPrint(t *testing.T) {
	d := sample(t)
	d.Case.NameB = strings.Repeat("Ω", 100000)
	for i := range d.Commitments {
		if d.Commitments[i].CatalogID == "" {
			d.Commitments[i].CustomText = strings.Repeat("x", 100000)
		}
	}
	if err := workbook.Write(&bytes.Buffer{}, content(t), d, workbook.Options{Weeks: 2, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
}

func TestOutputIsRepeatable(t *testing.T) {
	d := sample(t)
	var a, b bytes.Buffer
	for _, buf := range []*bytes.Buffer{&a, &b} {
		if err := workbook.Write(buf, content(t), d, workbook.Options{Weeks: 4, Now: fixedNow}); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two runs with the same date gave different bytes")
	}
}

func FuzzWriteText(f *testing.F) {
	for _, s := range []string{"", "plain", "日本語", "\x00\xff\xfe", "👩‍❤️‍👨", strings.Repeat("w", 3000), "a\r\nb\rc\td\u2028e"} {
		f.Add(s)
	}
	c := content(f)
	base := &data.Dossier{Case: data.Case{ID: 1, NameA: "A", NameB: "B", Rebuilding: data.RebuilderA, StartDate: data.NewDate(2026, 1, 5)}}
	f.Fuzz(func(t *testing.T, s string) {
		d := *base
		d.Case.NameA = s
		d.Letter = data.Letter{Text: s, Status: data.LetterReady}
		d.Incident = data.Incident{Description: s}
		d.Answers = []data.Answer{{Partner: data.PartnerA, QuestionID: "CLAR-01", Text: s, Shared: true}}
		d.Commitments = []data.Commitment{{ID: 1, CustomText: s, Cost: data.CostLow, AgreedA: true, AgreedB: true}}
		d.CheckIns = []data.CheckIn{{Week: 1, Trust: 5, WentWell: s, WasHard: s, Appreciated: s}}
		opt := workbook.Options{Weeks: 1, Now: fixedNow, Sections: []string{workbook.SecCover, workbook.SecWhatHappened,
			workbook.SecClarifying, workbook.SecCatalog, workbook.SecLetter, workbook.SecTracking}}
		if err := workbook.Write(&bytes.Buffer{}, c, &d, opt); err != nil {
			t.Fatalf("Write(%q): %v", s, err)
		}
	})
}

func BenchmarkBlank12Weeks(b *testing.B) {
	c := content(b)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := workbook.Write(&buf, c, nil, workbook.Options{Weeks: 12, Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

// year is a case with ten agreed commitments, every day of 52 weeks marked, and 52 check-ins.
func year() *data.Dossier {
	d := &data.Dossier{Case: data.Case{ID: 1, NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderA, StartDate: data.NewDate(2026, 1, 5)}}
	ids := []string{"PRED-04", "PRED-05", "PRED-06", "PRED-08", "PRED-10", "PRED-13", "PRED-14", "PRED-17", "RIT-01", "AMEND-11"}
	for i, id := range ids {
		d.Commitments = append(d.Commitments, data.Commitment{ID: int64(i + 1), CatalogID: id, Cost: data.CostModerate, Param: 2, AgreedA: true, AgreedB: true})
	}
	for day := 0; day < 52*7; day++ {
		for i := range ids {
			m := data.MarkKept
			if (day+i)%9 == 0 {
				m = data.MarkMissed
			}
			d.Marks = append(d.Marks, data.TrackEntry{CommitmentID: int64(i + 1), Day: d.Case.StartDate.AddDays(day), Mark: m})
		}
	}
	for w := 1; w <= 52; w++ {
		d.CheckIns = append(d.CheckIns, data.CheckIn{Week: w, Trust: min(w/5, 10), WentWell: "A calm week.", WasHard: "Old habits.", Appreciated: "Dinner together."})
	}
	d.Letter = data.Letter{Text: strings.Repeat("I am sorry for what I did, and I will keep my word. ", 60), Status: data.LetterGiven}
	return d
}

func BenchmarkCase52Weeks(b *testing.B) {
	c := content(b)
	d := year()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := workbook.Write(&buf, c, d, workbook.Options{Weeks: 52, Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}
