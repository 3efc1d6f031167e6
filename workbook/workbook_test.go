package workbook_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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

// render prints a workbook and checks the file's cross-reference table.
func render(t testing.TB, d *data.Dossier, opt workbook.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if opt.Now.IsZero() {
		opt.Now = fixedNow
	}
	if err := workbook.Write(&buf, content(t), d, opt); err != nil {
		t.Fatalf("Write: %v", err)
	}
	checkXref(t, buf.Bytes())
	return buf.Bytes()
}

// write prints a workbook to a temporary file and returns its path.
func write(t testing.TB, d *data.Dossier, opt workbook.Options) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "workbook.pdf")
	if err := os.WriteFile(path, render(t, d, opt), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkXref makes sure every object the table lists starts where the table says.
func checkXref(t testing.TB, raw []byte) {
	t.Helper()
	i := bytes.LastIndex(raw, []byte("startxref\n"))
	if i < 0 {
		t.Fatal("no startxref")
	}
	off, err := strconv.Atoi(strings.Fields(string(raw[i+len("startxref\n"):]))[0])
	if err != nil || !bytes.HasPrefix(raw[off:], []byte("xref\n0 ")) {
		t.Fatalf("startxref does not point at the table: %v", err)
	}
	lines := strings.Split(string(raw[off:]), "\n")
	n, _ := strconv.Atoi(strings.Fields(lines[1])[1])
	for obj := 1; obj < n; obj++ {
		at, _ := strconv.Atoi(lines[2+obj][:10])
		if !bytes.HasPrefix(raw[at:], fmt.Appendf(nil, "%d 0 obj", obj)) {
			t.Fatalf("object %d is not at offset %d", obj, at)
		}
	}
}

func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s is not installed (poppler-utils)", tool)
	}
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	return string(out)
}

func pdfText(t *testing.T, path string) string { return poppler(t, "pdftotext", "-layout", path, "-") }

// flat joins the text so that words broken across lines by the layout still match.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func noMissingLabels(t *testing.T, text string) {
	t.Helper()
	if m := regexp.MustCompile(`⟦[^⟧]*⟧`).FindString(text); m != "" {
		t.Errorf("a label is missing from the content file: %s", m)
	}
	for _, p := range []string{"{rebuilding}", "{hurt}", "{Rebuilding}", "{Hurt}", "{A}", "{B}", "%!"} {
		if strings.Contains(text, p) {
			t.Errorf("%q was printed as it is", p)
		}
	}
}

func TestBlankWorkbookHasEverything(t *testing.T) {
	c := content(t)
	path := write(t, nil, workbook.Options{})
	text := pdfText(t, path)
	f := flat(text)
	for _, sec := range c.Catalog() {
		for _, e := range sec.Entries {
			if !regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(e.Code) + `\s`).MatchString(text) {
				t.Errorf("catalog code %s is missing", e.Code)
			}
		}
	}
	for w := 1; w <= 12; w++ {
		if !regexp.MustCompile(fmt.Sprintf(`(?m)^\s*Week %d\s`, w)).MatchString(text) {
			t.Errorf("Week %d is missing", w)
		}
	}
	if strings.Contains(text, "Week 13") {
		t.Error("there are more than the default 12 weekly sheets")
	}
	for _, want := range []string{c.T("wb.contents"), c.T("wb.agreement.title"), c.T("wb.letter.title"),
		c.T("wb.agreement.signatures"), c.Section(data.SectionHelp).Title, c.Entry("SAFETY").Title,
		c.Roles.PartnerA, c.Roles.PartnerB, c.T("wb.cover.started")} {
		if !strings.Contains(f, flat(want)) {
			t.Errorf("%q is missing", want)
		}
	}
	// Every part of the journey is on paper: the readings, both sets of questions with their
	// introductions, the decision to go on, the cost legend, and the notes of steps and rituals.
	var whole []string
	for _, id := range []string{"READ-TRUST", "READ-ERIKSON", "READ-CONVO", "READ-DECIDE"} {
		whole = append(whole, c.Entry(id).Title, c.Entry(id).Text)
	}
	for _, id := range []string{data.SectionReflectRebuild, data.SectionReflectHurt} {
		whole = append(whole, c.Section(id).Intro)
	}
	for _, l := range c.CostLevels {
		whole = append(whole, l.Description)
	}
	for _, sec := range append([]*data.Section{c.Section(data.SectionSteps)}, c.Catalog()...) {
		for _, e := range sec.Entries {
			if e.Note != "" {
				whole = append(whole, e.Note)
			}
		}
	}
	whole = append(whole, c.T("wb.decide.title"), c.T("wb.decide.unsure"), c.T("wb.cost.legend"),
		// the cover asks who is rebuilding; the pages a therapist expects
		c.T("wb.cover.rebuilding"), c.T("wb.cover.rebuilding.both"), c.T("wb.review.title"), c.T("wb.review.next"),
		c.T("wb.review.initials"), c.T("wb.sessions.title"), c.T("wb.sessions.next"), c.T("wb.progress.blank"),
		c.Tf("wb.week.notes", c.Roles.PartnerA), c.Tf("wb.week.notes", c.Roles.PartnerB))
	// Several blank agreements, each with its version and a review date on every line.
	for v := 1; v <= 3; v++ {
		whole = append(whole, c.Tf("wb.agreement.version", v))
	}
	if n := strings.Count(text, c.T("wb.review.by")); n < 30 {
		t.Errorf("the blank agreements have %d review dates, want one per line", n)
	}
	// Each weekly sheet has a code column and as many rows as a blank agreement.
	if !regexp.MustCompile(`(?m)^\s*` + c.T("wb.agreement.code") + `\s+` + c.T("wb.week.commitment")).MatchString(text) {
		t.Error("the weekly sheet has no code column")
	}
	for _, want := range whole {
		if want := flat(c.Render(want, data.Names{})); !strings.Contains(f, want) {
			t.Errorf("the blank workbook lacks %.60q", want)
		}
	}
	noMissingLabels(t, text)
	checkContents(t, path, text, []string{c.T("wb.howto.title"), c.Section(data.SectionCauses).Title,
		c.T("wb.catalog.title"), c.T("wb.agreement.title"), c.T("wb.letter.title"), c.T("wb.tracking.title"),
		c.Section(data.SectionHelp).Title})
	if info := poppler(t, "pdfinfo", path); !strings.Contains(info, "595.28 x 841.89 pts (A4)") || !strings.Contains(info, "Kintsugi") {
		t.Errorf("not an A4 Kintsugi workbook:\n%s", info)
	}
	fonts := poppler(t, "pdffonts", path)
	rows := strings.Split(strings.TrimSpace(fonts), "\n")[2:]
	for _, row := range rows {
		if !regexp.MustCompile(`Identity-H\s+yes`).MatchString(row) {
			t.Errorf("font not embedded: %s", row)
		}
	}
	if len(rows) != 4 {
		t.Errorf("expected the four faces, got:\n%s", fonts)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Bookmarks: the contents, 12 chapters and 12 weeks.
	if n := bytes.Count(raw, []byte("/Title ")); !bytes.Contains(raw, []byte("/Type /Outlines")) || n < 1+12+12 {
		t.Errorf("the outline has %d entries", n)
	}
}

// checkContents finds each title in the contents with its page number and checks that the page
// starts with that chapter.
func checkContents(t *testing.T, path, text string, titles []string) {
	t.Helper()
	for _, title := range titles {
		m := regexp.MustCompile(`(?m)^\s*\d+\s+` + regexp.QuoteMeta(title) + `[ .]*(\d+)\s*$`).FindStringSubmatch(text)
		if m == nil {
			t.Errorf("the contents have no page number for %q", title)
			continue
		}
		page := poppler(t, "pdftotext", "-layout", "-f", m[1], "-l", m[1], path, "-")
		if lines := strings.Fields(page); !strings.Contains(flat(strings.Join(lines[:min(len(lines), 12)], " ")), flat(title)) {
			t.Errorf("the contents say %q is on page %s, which starts %q", title, m[1], flat(page)[:min(60, len(flat(page)))])
		}
	}
}

func TestWeeksAndPaper(t *testing.T) {
	path := write(t, nil, workbook.Options{Weeks: 3, Paper: data.PaperLetter})
	text := pdfText(t, path)
	if !strings.Contains(text, "Week 3") || strings.Contains(text, "Week 4") {
		t.Error("three weekly sheets were asked for")
	}
	noMissingLabels(t, text)
	if info := poppler(t, "pdfinfo", path); !strings.Contains(info, "612 x 792 pts (letter)") {
		t.Errorf("not US Letter:\n%s", info)
	}
}

func TestOptionsAreChecked(t *testing.T) {
	c := content(t)
	bad := map[string]workbook.Options{
		"weeks -1":        {Weeks: -1},
		"weeks 105":       {Weeks: 105},
		"paper a5":        {Paper: "a5"},
		"unknown section": {Sections: []string{"appendix"}},
		"no section":      {Sections: []string{}},
	}
	for name, opt := range bad {
		if err := workbook.Write(&bytes.Buffer{}, c, nil, opt); err == nil {
			t.Errorf("%s was accepted", name)
		}
	}
	for _, weeks := range []int{0, 1, 104} {
		if err := workbook.Write(&bytes.Buffer{}, c, nil, workbook.Options{Weeks: weeks, Sections: []string{workbook.SecTracking}}); err != nil {
			t.Errorf("weeks %d: %v", weeks, err)
		}
	}
	if err := workbook.Write(&bytes.Buffer{}, c, nil, workbook.Options{Paper: " Letter", Sections: []string{workbook.SecHelp}}); err != nil {
		t.Errorf("paper Letter: %v", err)
	}
	if err := workbook.Write(&bytes.Buffer{}, nil, nil, workbook.Options{}); err == nil {
		t.Error("no content was accepted")
	}
}

func TestSectionsCanBeChosen(t *testing.T) {
	c := content(t)
	path := write(t, nil, workbook.Options{Sections: []string{workbook.SecHelp, workbook.SecAgreement}, Weeks: 2})
	text := pdfText(t, path)
	if strings.Contains(text, "Week 1") || strings.Contains(text, "I.17") || strings.Contains(text, c.T("wb.contents")) {
		t.Error("only the agreement and help were asked for")
	}
	f := flat(text)
	if i, j := strings.Index(f, c.T("wb.agreement.title")), strings.Index(f, c.Section(data.SectionHelp).Title); i < 0 || j < i {
		t.Error("the agreement and help are missing or out of order")
	}
}

// signature draws a wavy line into a transparent PNG, like the signature pad does.
func signature(t testing.TB, waves int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 300, 100))
	for x := 20; x < 280; x++ {
		y := 50 + int(30*sinApprox(float64(x*waves)/40))
		for dy := -1; dy <= 1; dy++ {
			img.Set(x, y+dy, color.NRGBA{31, 42, 68, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sinApprox is a triangle wave, enough for a scribble.
func sinApprox(x float64) float64 {
	x -= 4 * float64(int(x/4))
	if x < 2 {
		return x - 1
	}
	return 3 - x
}

// couple is a case built through the store, the way the app builds one.
type couple struct {
	d               *data.Dossier
	private, shared string
	// Each partner's own note on week 1: Noor shared hers, Jonas kept his.
	weekShared, weekPrivate string
	reply                   string // Noor's reply to the letter, shared
}

func storeCouple(t *testing.T) couple {
	t.Helper()
	ctx := context.Background()
	c := content(t)
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "kintsugi.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	start := data.NewDate(2026, 3, 4) // a Wednesday: week 1 runs Monday 2 to Sunday 8 March
	cs, err := st.CreateCase(ctx, data.Case{NameA: "Noor", NameB: "Jonas", Rebuilding: data.RebuilderB, StartDate: start, Paper: data.PaperA4, Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	id := cs.ID
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.SaveIncident(ctx, data.Incident{CaseID: id, Causes: []string{"CAUSE-05"}, Date: data.NewDate(2026, 2, 14),
		Description: "Jonas promised to stop gambling online and did not."}))
	cp := couple{shared: "I miss the evenings we used to spend cooking.", private: "A secret thought nobody else may read.",
		weekShared: "Noor's own week: the calls helped more than I expected.", weekPrivate: "Jonas's own week: I nearly opened the app again.",
		reply: "Jonas, I read your letter at the window.\n\nI believe you want this. I need time."}
	must(st.SaveAnswer(ctx, data.Answer{CaseID: id, Partner: data.PartnerA, QuestionID: "CLAR-02", Text: cp.shared, Shared: true}))
	must(st.SaveAnswer(ctx, data.Answer{CaseID: id, Partner: data.PartnerB, QuestionID: "REFL-R-01", Text: cp.private}))
	must(st.SetRuleAck(ctx, id, "RULE-01", data.PartnerA, true))
	must(st.SetRuleAck(ctx, id, "RULE-01", data.PartnerB, true))
	must(st.SaveStep(ctx, data.StepProgress{CaseID: id, StepID: "STEP-01", DoneOn: start, Note: "Said it out loud at the kitchen table.", NoteShared: true}))
	calls := c.Entry("PRED-04")
	cm1, err := st.SaveCommitment(ctx, data.Commitment{CaseID: id, CatalogID: "PRED-04", Param: 3, Cost: calls.Cost, AgreedA: true, AgreedB: true})
	must(err)
	cm2, err := st.SaveCommitment(ctx, data.Commitment{CaseID: id, CustomText: "Jonas hands over the card for the betting account.", Cost: data.CostHigh, AgreedA: true, AgreedB: true})
	must(err)
	_, err = st.SaveCommitment(ctx, data.Commitment{CaseID: id, CatalogID: "AMEND-04", Cost: data.CostVeryHigh, AgreedA: true})
	must(err)
	cms, err := st.Commitments(ctx, id)
	must(err)
	ag, err := st.SaveAgreement(ctx, data.Agreement{CaseID: id, StartDate: start, ReviewDate: start.AddDays(90), Items: data.AgreementItems(c, cs, cms)})
	must(err)
	for i, p := range data.Partners {
		must(st.Sign(ctx, data.KeyboardOf(p), id, ag.ID, data.Signature{Partner: p, TypedName: cs.NameOf(p), PNG: signature(t, i+2),
			SignedAt: start.Time().Add(time.Duration(10+i) * time.Hour)}))
	}
	must(st.SaveLetter(ctx, data.Letter{CaseID: id, Status: data.LetterGiven,
		Text: "Dear Noor,\n\nI broke my promise, more than once.\n\nI am sorry. I will keep the card away from me."}))
	// Week 1 runs from the Wednesday start (Monday and Tuesday come before the agreement and
	// cannot be marked): PRED-04 kept three days and missed two; the custom one kept three days,
	// not applicable on Saturday.
	for d := 2; d < 7; d++ {
		m := data.MarkKept
		if d == 3 || d == 5 {
			m = data.MarkMissed
		}
		must(st.SetMark(ctx, id, data.TrackEntry{CommitmentID: cm1.ID, Day: cs.WeekStart(1).AddDays(d), Mark: m}))
	}
	for d := 2; d < 5; d++ {
		must(st.SetMark(ctx, id, data.TrackEntry{CommitmentID: cm2.ID, Day: cs.WeekStart(1).AddDays(d), Mark: data.MarkKept}))
	}
	must(st.SetMark(ctx, id, data.TrackEntry{CommitmentID: cm2.ID, Day: cs.WeekStart(1).AddDays(5), Mark: data.MarkNA}))
	must(st.SaveCheckIn(ctx, data.CheckIn{CaseID: id, Week: 1, Trust: 3, WentWell: "We cooked together on Friday.",
		WasHard: "Sunday felt long.", Appreciated: "The calls came on time."}))
	must(st.SaveCheckIn(ctx, data.CheckIn{CaseID: id, Week: 2, Trust: 7}))
	must(st.SaveLetterReply(ctx, data.KeyboardOf(data.PartnerA), id, cp.reply, true)) // Noor answers, and shares it
	// Each partner's own note on week 1: Noor's shared, Jonas's kept for himself.
	must(st.SaveWeekNote(ctx, data.KeyboardOf(data.PartnerA), data.WeekNote{CaseID: id, Week: 1, Partner: data.PartnerA, Text: cp.weekShared, Shared: true}))
	must(st.SaveWeekNote(ctx, data.KeyboardOf(data.PartnerB), data.WeekNote{CaseID: id, Week: 1, Partner: data.PartnerB, Text: cp.weekPrivate}))
	d, err := st.Dossier(ctx, id)
	must(err)
	cp.d = d
	return cp
}

func TestCaseWorkbookShowsTheirWork(t *testing.T) {
	c := content(t)
	cp := storeCouple(t)
	path := write(t, cp.d, workbook.Options{Weeks: 4})
	text := pdfText(t, path)
	f := flat(text)
	wants := []string{
		"Noor & Jonas", "Jonas promised to stop gambling online", cp.shared, "Said it out loud at the kitchen table.",
		"Jonas calls Noor during the day.", "3 times a day", "C.1", "Jonas hands over the card for the betting account.",
		"Version 1", c.T("wb.agreement.frozen"), "Dear Noor,", "I broke my promise, more than once.",
		"I will keep the card away from me.", "We cooked together on Friday.", "Sunday felt long.", "The calls came on time.",
		c.Tf("wb.week.notes", "Noor"), cp.weekShared,
		c.T("wb.answer.private"), "Week 4", "2 March 2026 to 8 March 2026", "Mon 2", "Sun 8",
		"4 March 2026", "14 February 2026", // start and incident dates
		c.T("wb.progress.title"),
	}
	for _, want := range wants {
		if !strings.Contains(f, flat(want)) {
			t.Errorf("the couple's workbook lacks %q", want)
		}
	}
	if strings.Contains(f, cp.private) {
		t.Error("an answer kept private was printed")
	}
	if strings.Contains(f, flat(cp.weekPrivate)) {
		t.Error("a weekly note its author kept private was printed")
	}
	if strings.Contains(f, "Moves with the partner to another city") || strings.Contains(f, c.Entry("AMEND-04").Title) {
		t.Error("a commitment only one partner agreed to was printed as agreed")
	}
	// The progress table: week 1 has trust 3, 6 of 8 kept-or-missed marks kept (75%), 2 missed;
	// week 2 has trust 7 and no marks.
	if !regexp.MustCompile(`(?m)^\s*1\s+2 March 2026 to 8 March 2026\s+3\s+75%\s+2\s*$`).MatchString(text) {
		t.Errorf("the progress table does not show week 1 as recorded:\n%s", tableOf(text))
	}
	if !regexp.MustCompile(`(?m)^\s*2\s+9 March 2026 to 15 March 2026\s+7\s+–\s+0\s*$`).MatchString(text) {
		t.Errorf("the progress table does not show week 2 as recorded:\n%s", tableOf(text))
	}
	if imgs := poppler(t, "pdfimages", "-list", path); len(regexp.MustCompile(`(?m)^\s*\d+\s+\d+\s+image\s`).FindAllString(imgs, -1)) != 2 {
		t.Errorf("the two drawn signatures are not in the PDF:\n%s", imgs)
	}
	noMissingLabels(t, text)
}

// The reply to the letter prints after it, marked with who wrote it, once its author shared it;
// a reply kept private never prints.
func TestLetterReplyPrintsOnlyShared(t *testing.T) {
	c := content(t)
	cp := storeCouple(t)
	f := flat(pdfText(t, write(t, cp.d, workbook.Options{Sections: []string{workbook.SecLetter}})))
	for _, want := range []string{c.Tf("wb.letter.reply", "Noor"), "Jonas, I read your letter at the window.", "I believe you want this. I need time."} {
		if !strings.Contains(f, flat(want)) {
			t.Errorf("the shared reply is not printed: no %q", want)
		}
	}
	d := *cp.d
	d.Letter.ReplyShared = false
	f = flat(pdfText(t, write(t, &d, workbook.Options{Sections: []string{workbook.SecLetter}})))
	if strings.Contains(f, "I read your letter at the window") || strings.Contains(f, flat(c.Tf("wb.letter.reply", "Noor"))) {
		t.Error("a reply kept private was printed")
	}
	if !strings.Contains(f, "I broke my promise, more than once.") {
		t.Error("the letter itself is not printed")
	}
}

func tableOf(text string) string {
	i := strings.Index(text, "Week by week")
	if i < 0 {
		return text
	}
	return text[i:min(len(text), i+1200)]
}

// TestExampleCouple prints the app's example couple, which uses every part of the workbook.
func TestExampleCouple(t *testing.T) {
	d := sample(t)
	text := pdfText(t, write(t, d, workbook.Options{}))
	f := flat(text)
	for _, want := range []string{d.Case.Title(), d.Letter.Text[:40], "Version 1", "Sam & Alex", "Sam calls Alex during the day",
		"For most of last year I lied to you", "Sam told me about the message straight away",
		"Sam and Alex walk together on Sunday mornings", d.Case.WeekStart(12).Time().Format("2 January 2006")} {
		if !strings.Contains(f, flat(want)) {
			t.Errorf("the example couple's workbook lacks %q", want)
		}
	}
	// Private answers are never printed: find each one and make sure its text is absent.
	for _, a := range d.Answers {
		if !a.Shared && strings.Contains(f, flat(a.Text)) && !sharedElsewhere(d, a.Text) {
			t.Errorf("private answer %s/%s was printed", a.Partner, a.QuestionID)
		}
	}
	noMissingLabels(t, text)
}

func sharedElsewhere(d *data.Dossier, text string) bool {
	for _, a := range d.Answers {
		if a.Shared && a.Text == text {
			return true
		}
	}
	return false
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

// sample builds the app's example couple in a real store and reads it back.
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

// hostile is text a person could paste: emoji, scripts the fonts lack, controls, no spaces.
func hostile(n int) string {
	var sb strings.Builder
	unit := "Zoë's café — “quoted” 👩‍❤️‍👨 日本語のテキスト مرحبا بالعالم \x00\x07\x1b[31m \u202e reversed \u200b ok.\r\n"
	for sb.Len() < n {
		sb.WriteString(unit)
	}
	return sb.String()
}

const lastParagraph = "The last paragraph is still here, every word of it."

// longWord is 5,000 characters without a space.
var longWord = strings.Repeat("unbroken", 625)

// hostileCouple has pasted, typed and mistyped text everywhere a person can write.
func hostileCouple() *data.Dossier {
	d := year()
	url := "https://example.org/" + strings.Repeat("a/b?c=d&", 200)
	d.Letter.Text = hostile(60000) + "\n\n" + longWord + "\n\n" + url + "\n\n\n\n" + lastParagraph
	d.Case.NameA = strings.Repeat("Ω", 80)
	d.Case.NameB = "José 🌹 Ñúñez\x00"
	d.Incident.Description = hostile(3000)
	d.CheckIns[0].WentWell = strings.Repeat("A very long note about the week. ", 400)
	d.CheckIns[1].WasHard = longWord
	d.Answers = []data.Answer{{Partner: data.PartnerA, QuestionID: "CLAR-01", Text: hostile(20000) + "\n\nEnd of the answer.", Shared: true}}
	d.Commitments = append(d.Commitments, data.Commitment{ID: 99, CustomText: longWord, Cost: data.CostLow, AgreedA: true, AgreedB: true})
	return d
}

func TestAnyTextPrintsWithoutLosingAParagraph(t *testing.T) {
	d := hostileCouple()
	last := lastParagraph
	path := write(t, d, workbook.Options{Weeks: 3})
	text := pdfText(t, path)
	f := flat(text)
	for _, want := range []string{last, "Zoë's café — “quoted”", "unbrokenunbroken", "A very long note about the week.", "End of the answer.", "José", "example.org"} {
		if !strings.Contains(f, want) {
			t.Errorf("%q was lost", want)
		}
	}
	if strings.Count(strings.ReplaceAll(f, " ", ""), "unbroken") < 3*625 {
		t.Error("part of the long word was lost")
	}
	noMissingLabels(t, text)
	// Nothing runs off the page: every word's box lies within the margins.
	page := regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	word_ := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">`)
	bbox := poppler(t, "pdftotext", "-bbox", path, "-")
	pm := page.FindStringSubmatch(bbox)
	if pm == nil {
		t.Fatal("no page size in the bounding boxes")
	}
	w, _ := strconv.ParseFloat(pm[1], 64)
	h, _ := strconv.ParseFloat(pm[2], 64)
	const margin = 20 / 25.4 * 72 // 20 mm in points
	for _, m := range word_.FindAllStringSubmatch(bbox, -1) {
		x0, _ := strconv.ParseFloat(m[1], 64)
		x1, _ := strconv.ParseFloat(m[3], 64)
		y1, _ := strconv.ParseFloat(m[4], 64)
		if x0 < margin-1 || x1 > w-margin+1 || y1 > h-20 {
			t.Fatalf("a word runs off the page: %s", m[0])
		}
	}
}

func TestOutputIsRepeatable(t *testing.T) {
	cp := storeCouple(t)
	a := render(t, cp.d, workbook.Options{Weeks: 4, Now: fixedNow})
	b := render(t, cp.d, workbook.Options{Weeks: 4, Now: fixedNow})
	if !bytes.Equal(a, b) {
		t.Error("two runs with the same date gave different bytes")
	}
	// The example couple has two drawn signatures of the same size: fpdf once wrote them in
	// random order.
	ex := sample(t)
	for range 2 {
		if !bytes.Equal(render(t, ex, workbook.Options{Now: fixedNow}), render(t, ex, workbook.Options{Now: fixedNow})) {
			t.Fatal("the example couple's workbook gave different bytes on the same date")
		}
	}
	c := render(t, nil, workbook.Options{Now: fixedNow})
	d := render(t, nil, workbook.Options{Now: fixedNow})
	if !bytes.Equal(c, d) {
		t.Error("two blank workbooks with the same date differ")
	}
}

func FuzzWriteText(f *testing.F) {
	for _, s := range []string{"", "plain", "日本語", "\x00\xff\xfe", "👩‍❤️‍👨", strings.Repeat("w", 3000),
		"a\r\nb\rc\td\u2028e", "\n\n\n", "{rebuilding} %d %!s ⟦x⟧", "\u0301\u0301a\u200d"} {
		f.Add(s)
	}
	c := content(f)
	f.Fuzz(func(t *testing.T, s string) {
		d := &data.Dossier{Case: data.Case{ID: 1, NameA: s, NameB: "B", Rebuilding: data.RebuilderBoth, StartDate: data.NewDate(2026, 1, 5)}}
		d.Letter = data.Letter{Text: s, Status: data.LetterReady}
		d.Incident = data.Incident{Description: s}
		d.Answers = []data.Answer{{Partner: data.PartnerA, QuestionID: "CLAR-01", Text: s, Shared: true},
			{Partner: data.PartnerB, QuestionID: "REFL-H-01", Text: s, Shared: true}}
		d.Steps = []data.StepProgress{{StepID: "STEP-01", Note: s}}
		d.Commitments = []data.Commitment{{ID: 1, CustomText: s, Cost: data.CostLow, AgreedA: true, AgreedB: true}}
		d.Agreements = []data.Agreement{{Version: 1, Items: []data.AgreementItem{{CommitmentID: 1, Text: s, Unit: s, Param: 2, Cost: s}},
			Signatures: []data.Signature{{Partner: data.PartnerA, TypedName: s, PNG: []byte(s)}}}}
		d.Marks = []data.TrackEntry{{CommitmentID: 1, Day: data.NewDate(2026, 1, 6), Mark: data.MarkKept}}
		d.CheckIns = []data.CheckIn{{Week: 1, Trust: 5, WentWell: s, WasHard: s, Appreciated: s}}
		opt := workbook.Options{Weeks: 1, Now: fixedNow}
		if err := workbook.Write(&bytes.Buffer{}, c, d, opt); err != nil {
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
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

// year is a case with ten agreed commitments, every day of 52 weeks marked, and 52 check-ins.
func year() *data.Dossier { return tracked(52) }

// BenchmarkCase104Weeks is the heavy couple: two years of every day marked, a check-in with
// notes every week, the example couple's answers and signed agreement.
func BenchmarkCase104Weeks(b *testing.B) {
	c := content(b)
	d := tracked(104)
	ex := sample(b)
	d.Answers, d.Agreements, d.Steps, d.Incident = ex.Answers, ex.Agreements, ex.Steps, ex.Incident
	for i := range d.CheckIns {
		d.CheckIns[i].WentWell = strings.Repeat("We talked every evening and kept our word. ", 4)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := workbook.Write(&buf, c, d, workbook.Options{Weeks: 104, Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

// tracked is a case with ten agreed commitments, every day of the weeks marked, a check-in a week.
func tracked(weeks int) *data.Dossier {
	d := &data.Dossier{Case: data.Case{ID: 1, NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderA, StartDate: data.NewDate(2026, 1, 5)}}
	ids := []string{"PRED-04", "PRED-05", "PRED-06", "PRED-08", "PRED-10", "PRED-13", "PRED-14", "PRED-17", "RIT-01", "AMEND-11"}
	for i, id := range ids {
		d.Commitments = append(d.Commitments, data.Commitment{ID: int64(i + 1), CatalogID: id, Cost: data.CostModerate, Param: 2, AgreedA: true, AgreedB: true})
	}
	for day := range weeks * 7 {
		for i := range ids {
			m := data.MarkKept
			if (day+i)%9 == 0 {
				m = data.MarkMissed
			}
			d.Marks = append(d.Marks, data.TrackEntry{CommitmentID: int64(i + 1), Day: d.Case.StartDate.AddDays(day), Mark: m})
		}
	}
	for w := 1; w <= weeks; w++ {
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
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

// TestRunningHeader: every page but the cover names the couple, their case and their
// agreement's version, so pages of two couples cannot be mixed; on paper every page has a line
// for the names and the date.
func TestRunningHeader(t *testing.T) {
	c := content(t)
	d := sample(t)
	pages := strings.Split(pdfText(t, write(t, d, workbook.Options{Weeks: 2})), "\f")
	want := flat(c.Tf("wb.header.case", d.Case.Title(), d.Case.ID))
	version := flat(c.Tf("wb.header.version", d.LatestAgreement().Version))
	for i, p := range pages[1 : len(pages)-1] {
		if !strings.Contains(flat(p), want) || !strings.Contains(flat(p), version) {
			t.Errorf("page %d has no running header: %.80q", i+2, flat(p))
		}
	}
	pages = strings.Split(pdfText(t, write(t, nil, workbook.Options{Weeks: 2})), "\f")
	for i, p := range pages[1 : len(pages)-1] {
		if first := firstLine(p); !strings.Contains(first, c.T("wb.header.names")) || !strings.Contains(first, c.T("wb.header.date")) {
			t.Errorf("blank page %d has no line for names and date: %q", i+2, first)
		}
	}
}

func firstLine(s string) string { return strings.SplitN(strings.TrimSpace(s), "\n", 2)[0] }

// TestEveryTrackedWeekPrints: a couple's record is never cut at the number of sheets asked for;
// the weeks they tracked beyond it print too, as the progress table lists them.
func TestEveryTrackedWeekPrints(t *testing.T) {
	d := year()
	text := pdfText(t, write(t, d, workbook.Options{Weeks: 12, Sections: []string{workbook.SecTracking}}))
	for _, w := range []int{12, 13, 52} {
		if !regexp.MustCompile(fmt.Sprintf(`(?m)^\s*Week %d\s`, w)).MatchString(text) {
			t.Errorf("tracked week %d is not printed", w)
		}
	}
}

// TestEveryCharacterPrints: text in scripts the bundled fonts lack prints as typed, real text
// a reader can select and search, when the machine has a font for it; what no font can draw is
// named before printing, never dropped silently.
func TestEveryCharacterPrints(t *testing.T) {
	d := sample(t)
	d.Letter.Text = "我很抱歉。 Прости меня. Je suis désolé 🌹 — last line."
	var warned []rune
	path := write(t, d, workbook.Options{Weeks: 1, Sections: []string{workbook.SecLetter},
		Warn: func(m []rune) { warned = m }})
	f := flat(pdfText(t, path))
	for _, want := range []string{"Прости меня.", "Je suis désolé", "last line."} {
		if !strings.Contains(f, want) {
			t.Errorf("%q did not print", want)
		}
	}
	missing := workbook.Unprintable(d)
	if !slices.Contains(missing, '🌹') || !slices.Equal(warned, missing) {
		t.Errorf("the rose, beyond what fpdf can print, was not named: warned %q, unprintable %q", warned, missing)
	}
	if slices.Contains(missing, '我') {
		if strings.Contains(f, "我很抱歉") {
			t.Error("Chinese printed although it was said to be unprintable")
		}
		t.Log("no Chinese font on this machine: Chinese is named instead of printed")
	} else if !strings.Contains(f, "我很抱歉。") {
		t.Errorf("Chinese did not print although a font on this machine draws it: %.200q", f)
	}
	if slices.Contains(missing, 'П') || slices.Contains(missing, 'é') {
		t.Error("Cyrillic or Latin was called unprintable")
	}
}

// TestCountAndOnceCommitments: a commitment kept a number of times a week is tracked as a count
// for the week, and one done once (the letter) as the date it was done, carried on to later
// weeks; neither is ticked day by day.
func TestCountAndOnceCommitments(t *testing.T) {
	c := content(t)
	d := tracked(3) // PRED-13 (dinner at home, 2 days a week) and RIT-01 (the letter) among them
	// Week 2 has its count recorded, which stands in place of the days ticked there before.
	d.Counts = []data.WeekCount{{CommitmentID: 6, Week: 2, Count: 1}}
	text := pdfText(t, write(t, d, workbook.Options{Weeks: 3, Sections: []string{workbook.SecTracking}}))
	weeks := strings.Split(text, "\f")[1:]
	kept := 0
	for day := range 7 {
		if d.Mark(6, d.Case.WeekStart(1).AddDays(day)) == data.MarkKept {
			kept++
		}
	}
	count := flat(c.T("wb.week.tally") + " " + c.Tf("wb.week.tally.of", kept, 2))
	done := flat(c.T("wb.week.done") + " " + d.Case.StartDate.Time().Format("2 January 2006"))
	if !strings.Contains(flat(weeks[0]), count) {
		t.Errorf("week 1 does not count dinners at home as %q:\n%s", count, weeks[0])
	}
	if recorded := flat(c.T("wb.week.tally") + " " + c.Tf("wb.week.tally.of", 1, 2)); !strings.Contains(flat(weeks[1]), recorded) {
		t.Errorf("week 2 does not print its recorded count as %q:\n%s", recorded, weeks[1])
	}
	for i, w := range weeks[:3] {
		if !strings.Contains(flat(w), done) {
			t.Errorf("week %d does not give the letter's date as %q", i+1, done)
		}
	}
	if c.Entry("PRED-13").Track != "week" || c.Entry("RIT-01").Track != "once" {
		t.Error("the content does not say how these are tracked")
	}
}

// TestSharedNoteWeekPrints: a partner's note shared on a week with nothing else recorded (the
// week under way, often) prints on its own sheet beyond the sheets asked for; a private note on
// a later week adds no sheet, so paper does not tell that it is there.
func TestSharedNoteWeekPrints(t *testing.T) {
	d := tracked(3)
	d.WeekNotes = []data.WeekNote{
		{CaseID: d.Case.ID, Week: 5, Partner: data.PartnerA, Text: "Hard week, but I kept going.", Shared: true},
		{CaseID: d.Case.ID, Week: 6, Partner: data.PartnerB, Text: "Not ready to say this yet."},
	}
	text := pdfText(t, write(t, d, workbook.Options{Weeks: 3, Sections: []string{workbook.SecTracking}}))
	if !regexp.MustCompile(`(?m)^\s*Week 5\s`).MatchString(text) || !strings.Contains(flat(text), "Hard week, but I kept going.") {
		t.Error("the week with only a shared note did not print, or its note did not")
	}
	if regexp.MustCompile(`(?m)^\s*Week 6\s`).MatchString(text) || strings.Contains(flat(text), "Not ready") {
		t.Error("a private note printed, or added a sheet of its own")
	}
}

// TestFilledWeekKeepsToItsPage: on US Letter, a week the couple wrote a line in each box of
// prints whole on its own sheet, as on A4; its last box no longer spills onto a page without the
// week's heading, leaving most of a page blank.
func TestFilledWeekKeepsToItsPage(t *testing.T) {
	d := sample(t)
	for _, paper := range []string{data.PaperA4, data.PaperLetter} {
		text := pdfText(t, write(t, d, workbook.Options{Weeks: 3, Paper: paper, Sections: []string{workbook.SecTracking}}))
		for _, page := range strings.Split(text, "\f") {
			week := regexp.MustCompile(`(?m)^\s*Week (\d+)\s`).FindStringSubmatch(page)
			if week == nil {
				if strings.Contains(page, "One thing I appreciated") {
					t.Errorf("%s: a week's last box printed on a page without its week", paper)
				}
				continue
			}
			if ci := d.CheckIn(atoi(week[1])); ci.Appreciated != "" && !strings.Contains(flat(page), flat(ci.Appreciated)) {
				t.Errorf("%s: week %s's %q is not on its page", paper, week[1], ci.Appreciated)
			}
		}
	}
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(err)
	}
	return n
}

// TestWeekCarriedOnSaysItsWeek: a week whose notes do not all fit its sheet (here a shared note
// of some length) carries on onto a page that says which week it is, so no note is read as
// belonging to the week after.
func TestWeekCarriedOnSaysItsWeek(t *testing.T) {
	d := tracked(2)
	d.WeekNotes = []data.WeekNote{{CaseID: d.Case.ID, Week: 2, Partner: data.PartnerA, Shared: true,
		Text: strings.Repeat("A long week, and I wrote down all of it. ", 40)}}
	text := pdfText(t, write(t, d, workbook.Options{Weeks: 2, Paper: data.PaperLetter, Sections: []string{workbook.SecTracking}}))
	for _, page := range strings.Split(text, "\f") {
		if strings.Contains(page, "wrote down all of it") && !regexp.MustCompile(`(?m)^\s*Week 2\b`).MatchString(page) {
			t.Errorf("a page of week 2's note does not say it is week 2:\n%.300s", page)
		}
	}
}
