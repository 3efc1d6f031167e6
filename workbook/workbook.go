// Package workbook prints the Kintsugi workbook as a PDF: blank, for couples who work on paper,
// or filled with one couple's work. Every word it prints comes from the content file.
package workbook

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"kintsugi/couple"
	"kintsugi/data"
)

// Section IDs, in print order.
const (
	SecCover        = "cover"
	SecHowTo        = "howto"
	SecWhatHappened = "what-happened"
	SecClarifying   = "clarifying"
	SecReflection   = "reflection"
	SecRules        = "rules"
	SecSteps        = "steps"
	SecCatalog      = "catalog"
	SecAgreement    = "agreement"
	SecLetter       = "letter"
	SecRitual       = "ritual"
	SecTracking     = "tracking"
	SecProgress     = "progress"
	SecReview       = "review"
	SecSessions     = "sessions"
	SecHelp         = "help"
)

// AllSections lists every section in print order.
func AllSections() []string {
	return []string{SecCover, SecHowTo, SecWhatHappened, SecClarifying, SecReflection, SecRules, SecSteps,
		SecCatalog, SecAgreement, SecLetter, SecRitual, SecTracking, SecProgress, SecReview, SecSessions, SecHelp}
}

// DefaultWeeks and MaxWeeks bound the weekly tracking sheets: twelve by default, two years at most.
const (
	DefaultWeeks = 12
	MaxWeeks     = 104
)

// Options shape a workbook.
type Options struct {
	Paper string // data.PaperA4 ("a4") or data.PaperLetter ("letter"); "" is A4
	// Weeks is how many weekly tracking sheets to print, 1-104; 0 is 12. A couple's workbook
	// always holds every week they recorded something in, even beyond Weeks.
	Weeks    int
	Sections []string // which sections to print (the Sec* IDs); nil is all
	// Language is the content's language code. The caller loads that content and passes it
	// to Write ("" is the couple's language); Write itself prints whatever content it is given.
	Language string
	Now      time.Time // the print date and the PDF's dates; zero is time.Now(). Fixed, output repeats byte for byte
	// Warn, when set, is told before printing which characters of the couple's words no font on
	// this machine can draw (they print as a replacement mark), so the person can be told.
	Warn func(unprintable []rune)
	// Rebuilding, for a blank workbook, is who is rebuilding trust when it is already known (A,
	// B or both): the cover ticks it, and each partner gets their own questions under their
	// label, both sets each when both rebuild. "" leaves it to the couple to tick on the cover.
	// A couple's workbook follows the couple.
	Rebuilding data.Rebuilder
}

func (o *Options) normalise() error {
	o.Paper = strings.ToLower(strings.TrimSpace(o.Paper))
	if o.Paper == "" {
		o.Paper = data.PaperA4
	}
	if !data.ValidPaper(o.Paper) {
		return fmt.Errorf("workbook: paper must be a4 or letter, not %q", o.Paper)
	}
	if o.Rebuilding != "" && !o.Rebuilding.Valid() {
		return fmt.Errorf("workbook: who is rebuilding must be A, B or both, not %q", o.Rebuilding)
	}
	if o.Weeks == 0 {
		o.Weeks = DefaultWeeks
	}
	if o.Weeks < 1 || o.Weeks > MaxWeeks {
		return fmt.Errorf("workbook: weekly sheets must be from 1 to %d, not %d", MaxWeeks, o.Weeks)
	}
	if o.Sections == nil {
		o.Sections = AllSections()
	}
	for _, s := range o.Sections {
		if !slices.Contains(AllSections(), s) {
			return fmt.Errorf("workbook: unknown section %q", s)
		}
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	return nil
}

// Write prints the workbook to w. d == nil prints a blank workbook for couples on paper.
func Write(w io.Writer, c *data.Content, d *data.Dossier, opt Options) (err error) {
	if c == nil {
		return fmt.Errorf("workbook: no content to print")
	}
	if err := opt.normalise(); err != nil {
		return err
	}
	defer func() { // fpdf reports some failures by panicking; a person never sees one
		if r := recover(); r != nil {
			err = fmt.Errorf("workbook: %v", r)
		}
	}()
	if opt.Warn != nil {
		if missing := Unprintable(d); len(missing) > 0 {
			opt.Warn(missing)
		}
	}
	b, err := newBook(c, d, opt)
	if err != nil {
		return err
	}
	if len(b.sections) == 0 {
		return fmt.Errorf("workbook: no section to print")
	}
	for _, sec := range b.sections {
		printers[sec](b)
		if err := b.pdf.Error(); err != nil {
			return fmt.Errorf("workbook: %s: %w", sec, err)
		}
	}
	b.finish()
	var raw bytes.Buffer
	if err := b.pdf.Output(&raw); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	if _, err := w.Write(compressPages(raw.Bytes())); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	return nil
}

var printers = map[string]func(*book){
	SecCover: (*book).cover, SecHowTo: (*book).howTo, SecWhatHappened: (*book).whatHappened,
	SecClarifying: (*book).clarifying, SecReflection: (*book).reflection, SecRules: (*book).rules,
	SecSteps: (*book).steps, SecCatalog: (*book).catalog, SecAgreement: (*book).agreement,
	SecLetter: (*book).letter, SecRitual: (*book).ritual, SecTracking: (*book).tracking,
	SecProgress: (*book).progress, SecReview: (*book).reviewRecord, SecSessions: (*book).sessions, SecHelp: (*book).help,
}

// book is one workbook being printed.
type book struct {
	pdf      *fpdf.Fpdf
	c        *data.Content
	d        *data.Dossier // nil for a blank workbook
	opt      Options
	names    data.Names
	fonts    *fontSet
	sections []string // what is printed, in order

	// page geometry in mm
	pageW, pageH, margin, top, bottom, bodyW float64

	tocPage  int            // the page of the contents, 0 when there are none
	tocY     float64        // where the list of the contents starts on it
	chapters []chapterStart // each chapter's page, for the contents
	weeks    int            // weekly sheets to print
	font     fontKey        // the font in force
	cont     string         // the sheet a new page carries on ("Week 13, continued"), "" for none
	bodyTop  float64        // where a page's body starts, below that line when there is one

	imageWidths map[int]bool  // pixel widths of the images so far (see uniqueWidth)
	registered  []string      // machine fonts added to this document (see fallback.go)
	missing     map[rune]bool // characters no font can draw, printed as a substitute
}

type chapterStart struct {
	sec, title string
	number     int
	page       int
}

func newBook(c *data.Content, d *data.Dossier, opt Options) (*book, error) {
	size := "A4"
	if opt.Paper == data.PaperLetter {
		size = "Letter"
	}
	fonts, err := loadFonts()
	if err != nil {
		return nil, err
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", SizeStr: size})
	b := &book{pdf: pdf, c: c, d: d, opt: opt, fonts: fonts, margin: 20, top: 20, weeks: opt.Weeks}
	for _, sec := range opt.Sections {
		if !slices.Contains(b.sections, sec) {
			b.sections = append(b.sections, sec)
		}
	}
	slices.SortFunc(b.sections, func(x, y string) int {
		return slices.Index(AllSections(), x) - slices.Index(AllSections(), y)
	})
	if d != nil {
		b.names = d.Case.Names()
		b.weeks = min(max(b.weeks, d.LastTrackedWeek(), lastNoteInPrint(d)), MaxWeeks)
	}
	b.pageW, b.pageH = pdf.GetPageSize()
	b.bodyW = b.pageW - 2*b.margin
	b.bottom = b.pageH - 24
	pdf.SetMargins(b.margin, b.top, b.margin)
	pdf.SetCellMargin(0)           // text starts exactly where it is put, aligned with lines and boxes
	pdf.SetAutoPageBreak(false, 0) // the book breaks its own pages, so blocks stay whole
	pdf.SetCreationDate(opt.Now)
	pdf.SetModificationDate(opt.Now)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(false) // compressPages does it, faster
	pdf.SetTitle(b.clean(c.T("wb.title")), true)
	pdf.SetSubject(b.clean(c.T("wb.subtitle")), true)
	pdf.SetCreator(b.clean(c.T("wb.title.short")), true)
	pdf.SetLang(c.Language)
	pdf.SetDisplayMode("fullpage", "single")
	for _, f := range fonts.faces {
		pdf.AddUTF8FontFromBytes(f.family, f.style, f.ttf)
	}
	pdf.SetFooterFunc(b.footer)
	return b, pdf.Error()
}

// footer prints the page number, centred, with the workbook's short title; the cover has none.
func (b *book) footer() {
	if b.pdf.PageNo() == 1 && slices.Contains(b.sections, SecCover) {
		return
	}
	defer func(f fontKey) { b.font = f }(b.font) // fpdf restores the font on the next page
	b.use(stFooter)
	b.pdf.SetXY(b.margin, b.pageH-15)
	b.pdf.CellFormat(b.bodyW, 5, b.clean(b.c.Tf("wb.footer", b.pdf.PageNo())), "", 0, "C", false, 0, "")
	b.header()
}

// header runs along the top of every page but the cover. In a couple's workbook it names the
// couple, their case number and their agreement's version, so pages of two couples printed in
// one office cannot be mixed up; on paper it is a line for the names and one for the date, so
// every worksheet can be dated.
func (b *book) header() {
	const y = 9.0
	if b.d == nil {
		b.field(b.margin, y, b.bodyW*0.6, b.c.T("wb.header.names"), "")
		b.field(b.margin+b.bodyW*0.66, y, b.bodyW*0.34, b.c.T("wb.header.date"), "")
		return
	}
	right := b.c.Tf("wb.header.printed", b.date(data.DateOf(b.opt.Now)))
	if a := b.d.LatestAgreement(); a != nil {
		right = b.c.Tf("wb.header.version", a.Version) + "  ·  " + right
	}
	right = b.fit(stFooter, right, b.bodyW*0.5)
	b.use(stFooter)
	rw := b.textW(right)
	left := b.c.Tf("wb.header.case", b.d.Case.Title(), b.d.Case.ID)
	b.oneLine(stFooter, b.margin, y+1, b.bodyW-rw-6, left, "L")
	b.oneLine(stFooter, b.margin+b.bodyW-rw, y+1, rw, right, "R")
	b.draw(line)
	b.pdf.SetLineWidth(0.2)
	b.pdf.Line(b.margin, y+6, b.margin+b.bodyW, y+6)
}

// finish writes the contents now that every chapter's page is known, then returns to the end.
func (b *book) finish() {
	if b.tocPage == 0 {
		return
	}
	last := b.pdf.PageNo()
	b.pdf.SetPage(b.tocPage)
	b.resetState()
	b.pdf.SetY(b.tocY)
	b.contentsList()
	b.pdf.SetPage(last)
	b.resetState()
}

// resetState writes the drawing state into the current page afresh, after moving between pages:
// fpdf skips settings it believes are already in force, and on another page they may not be.
func (b *book) resetState() {
	b.pdf.SetFont(fontSerif, "I", 1)
	b.font = fontKey{fontSerif, "I", 1}
	b.draw(line)
	b.fill(white)
	b.pdf.SetLineWidth(0.2)
	b.pdf.SetDashPattern(nil, 0)
}

// lastNoteInPrint is the last week holding a partner's note that prints: a note shared on a
// week with nothing else recorded yet (this week, often) is part of the couple's record too. A
// private note adds no sheet, so paper does not tell that one is there.
func lastNoteInPrint(d *data.Dossier) int {
	last := 0
	for _, n := range d.WeekNotes {
		if couple.InPrint(n.Shared) && strings.TrimSpace(n.Text) != "" {
			last = max(last, n.Week)
		}
	}
	return last
}
