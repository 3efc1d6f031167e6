// Package workbook prints the Kintsugi workbook as a PDF: blank, for couples who work on paper,
// or filled with one couple's work. It knows nothing of the window.
package workbook

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

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
	SecHelp         = "help"
)

// AllSections lists every section in print order.
func AllSections() []string {
	return []string{SecCover, SecHowTo, SecWhatHappened, SecClarifying, SecReflection, SecRules, SecSteps,
		SecCatalog, SecAgreement, SecLetter, SecRitual, SecTracking, SecProgress, SecHelp}
}

// MaxWeeks is the most weekly sheets a workbook holds: two years.
const MaxWeeks = 104

// Options shape a workbook.
type Options struct {
	Paper    string    // data.PaperA4 or data.PaperLetter; "" is A4
	Weeks    int       // weekly tracking sheets, 1-104; 0 is 12
	Sections []string  // which sections to print; nil is all
	Language string    // the content's language code; the caller loads that content ("" is the couple's, or en)
	Now      time.Time // the print date and the PDF's dates; fixed, it makes output repeatable
}

func (o *Options) normalise() error {
	if o.Paper == "" {
		o.Paper = data.PaperA4
	}
	if !data.ValidPaper(o.Paper) {
		return fmt.Errorf("workbook: paper must be a4 or letter, not %q", o.Paper)
	}
	if o.Weeks == 0 {
		o.Weeks = 12
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

// book is one workbook being printed.
type book struct {
	pdf    *fpdf.Fpdf
	c      *data.Content
	d      *data.Dossier // nil for a blank workbook
	opt    Options
	names  data.Names
	fonts  *fontSet
	images int // signatures registered so far, so each gets a unique width (see widenBy)
	// page geometry in mm
	pageW, pageH, margin, bodyW float64
}

// Palette: calm ink, a warm gold accent used sparingly, soft lines.
var (
	ink   = [3]int{46, 52, 64}
	soft  = [3]int{110, 114, 122}
	gold  = [3]int{176, 141, 52}
	line  = [3]int{196, 190, 178}
	paper = [3]int{250, 247, 241}
)

const (
	fontSerif = "serif"
	fontSans  = "sans"
	bodySize  = 10.5
	bodyLine  = 5.4
)

// Write prints the workbook to w. d == nil prints a blank workbook for couples on paper.
func Write(w io.Writer, c *data.Content, d *data.Dossier, opt Options) (err error) {
	if err := opt.normalise(); err != nil {
		return err
	}
	defer func() { // fpdf reports some failures by panicking; a person never sees one
		if r := recover(); r != nil {
			err = fmt.Errorf("workbook: %v", r)
		}
	}()
	b, err := newBook(c, d, opt)
	if err != nil {
		return err
	}
	for _, sec := range opt.Sections {
		if sec == SecProgress && d == nil {
			continue // there is nothing to chart on paper yet
		}
		sections[sec](b)
		if err := b.pdf.Error(); err != nil {
			return fmt.Errorf("workbook: %s: %w", sec, err)
		}
	}
	if err := b.pdf.Output(w); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	return nil
}

var sections = map[string]func(*book){
	SecCover: (*book).cover, SecHowTo: (*book).howTo, SecWhatHappened: (*book).whatHappened,
	SecClarifying: (*book).clarifying, SecReflection: (*book).reflection, SecRules: (*book).rules,
	SecSteps: (*book).steps, SecCatalog: (*book).catalog, SecAgreement: (*book).agreement,
	SecLetter: (*book).letter, SecRitual: (*book).ritual, SecTracking: (*book).tracking,
	SecProgress: (*book).progress, SecHelp: (*book).help,
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
	b := &book{pdf: pdf, c: c, d: d, opt: opt, fonts: fonts, margin: 20}
	if d != nil {
		b.names = d.Case.Names()
	}
	b.pageW, b.pageH = pdf.GetPageSize()
	b.bodyW = b.pageW - 2*b.margin
	pdf.SetMargins(b.margin, b.margin, b.margin)
	pdf.SetAutoPageBreak(true, b.margin+4)
	pdf.SetCreationDate(opt.Now)
	pdf.SetModificationDate(opt.Now)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.SetTitle(c.T("wb.title"), true)
	pdf.SetLang(c.Language) // screen readers and search pick the right language
	pdf.SetCreator("Kintsugi", true)
	for _, f := range fonts.faces {
		pdf.AddUTF8FontFromBytes(f.family, f.style, f.ttf)
	}
	pdf.SetFooterFunc(b.footer)
	pdf.SetTextColor(ink[0], ink[1], ink[2])
	return b, pdf.Error()
}

func (b *book) footer() {
	if b.pdf.PageNo() == 1 && slices.Contains(b.opt.Sections, SecCover) {
		return
	}
	b.pdf.SetY(-b.margin + 4)
	b.font(fontSans, "", 8)
	b.color(soft)
	b.pdf.CellFormat(b.bodyW/2, 5, b.clean(b.c.T("wb.title")), "", 0, "L", false, 0, "")
	b.pdf.CellFormat(b.bodyW/2, 5, fmt.Sprint(b.pdf.PageNo()), "", 0, "R", false, 0, "")
	b.color(ink)
}

// font sets a face; serif for reading, sans for headings and labels.
func (b *book) font(family, style string, size float64) { b.pdf.SetFont(family, style, size) }

func (b *book) color(c [3]int) { b.pdf.SetTextColor(c[0], c[1], c[2]) }

func (b *book) draw(c [3]int) { b.pdf.SetDrawColor(c[0], c[1], c[2]) }

func (b *book) fill(c [3]int) { b.pdf.SetFillColor(c[0], c[1], c[2]) }

// render fills role placeholders with the couple's names (neutral words when blank).
func (b *book) render(text string) string { return b.c.Render(text, b.names) }

// name is partner p's name, or "Partner A" in a blank workbook.
func (b *book) name(p data.Partner) string {
	return b.c.Render("{"+string(p)+"}", b.names)
}

// space left on the page before the bottom margin.
func (b *book) room() float64 { return b.pageH - b.margin - 4 - b.pdf.GetY() }

// ensure starts a new page unless h mm fit on this one: headings never sit alone at the bottom.
func (b *book) ensure(h float64) {
	if b.room() < h {
		b.pdf.AddPage()
	}
}

// pageAlias stands in the contents for the page a section starts on; fpdf puts the number in
// when the document is written, so the contents need only one pass.
func pageAlias(sec string) string { return "{pg:" + sec + "}" }

// chapter starts a section on a new page with its heading, a bookmark and its page number.
func (b *book) chapter(sec, intro string) {
	title := b.title(sec)
	b.pdf.AddPage()
	b.pdf.RegisterAlias(pageAlias(sec), fmt.Sprint(b.pdf.PageNo()))
	b.pdf.Bookmark(b.clean(title), 0, -1)
	b.headingText(title)
	if intro != "" {
		b.para(b.render(intro))
		b.gap(2)
	}
}

func (b *book) headingText(title string) {
	b.font(fontSans, "B", 19)
	b.color(ink)
	b.pdf.MultiCell(b.bodyW, 9, b.clean(title), "", "L", false)
	y := b.pdf.GetY() + 1.5
	b.draw(gold)
	b.pdf.SetLineWidth(0.7)
	b.pdf.Line(b.margin, y, b.margin+22, y)
	b.pdf.SetLineWidth(0.2)
	b.pdf.SetY(y + 5)
}

// sub is a titled part of a section, kept together with at least need mm of what follows.
func (b *book) sub(title string, need float64) {
	b.ensure(12 + need)
	b.gap(2)
	b.font(fontSans, "B", 12.5)
	b.color(ink)
	b.pdf.MultiCell(b.bodyW, 6.2, b.clean(title), "", "L", false)
	b.gap(1)
}

// item is a coded entry's title line: a gold code and a bold title.
func (b *book) item(code, title string, need float64) {
	b.ensure(8 + need)
	b.gap(1.5)
	x := b.pdf.GetX()
	b.font(fontSans, "B", 10)
	b.color(gold)
	b.pdf.CellFormat(13, 5.6, b.clean(code), "", 0, "L", false, 0, "")
	b.color(ink)
	b.pdf.SetX(x + 13)
	b.pdf.MultiCell(b.bodyW-13, 5.6, b.clean(title), "", "L", false)
}

// para is body text; blank lines in text separate paragraphs, all of which print.
func (b *book) para(text string) { b.paraAt(b.margin, b.bodyW, text, "") }

func (b *book) paraAt(x, w float64, text, style string) {
	b.font(fontSerif, style, bodySize)
	b.color(ink)
	for i, p := range strings.Split(b.clean(text), "\n\n") {
		if i > 0 {
			b.gap(2)
		}
		b.pdf.SetX(x)
		b.pdf.MultiCell(w, bodyLine, p, "", "L", false)
	}
}

// indented is an entry's text, under its title.
func (b *book) indented(text string) {
	if strings.TrimSpace(text) != "" {
		b.paraAt(b.margin+13, b.bodyW-13, b.render(text), "")
	}
}

// note is quieter text: cautions, hints, help.
func (b *book) note(x, w float64, text string) {
	b.font(fontSerif, "I", 9.5)
	b.color(soft)
	b.pdf.SetX(x)
	b.pdf.MultiCell(w, 4.8, b.clean(text), "", "L", false)
	b.color(ink)
}

func (b *book) gap(mm float64) { b.pdf.SetY(b.pdf.GetY() + mm) }

// writingLines draws n ruled lines to write on by hand, breaking across pages as needed.
func (b *book) writingLines(x, w float64, n int) {
	const pitch = 8.5
	b.draw(line)
	b.pdf.SetLineWidth(0.2)
	for range n {
		b.ensure(pitch)
		y := b.pdf.GetY() + pitch
		b.pdf.Line(x, y, x+w, y)
		b.pdf.SetY(y)
	}
	b.gap(2)
}

// answer prints what was written, or lines to write on when nothing was.
func (b *book) answer(text string, blankLines int) {
	x, w := b.margin+13, b.bodyW-13
	if strings.TrimSpace(text) == "" {
		b.writingLines(x, w, blankLines)
		return
	}
	b.gap(1)
	b.paraAt(x, w, text, "")
	b.gap(2)
}

// labelled prints "Label: ______" as a fill-in line, with value written on it when known.
func (b *book) labelled(x, y, w float64, label, value string) {
	b.font(fontSans, "", 9)
	b.color(soft)
	b.pdf.SetXY(x, y)
	lw := b.pdf.GetStringWidth(b.clean(label)) + 2
	b.pdf.CellFormat(lw, 6, b.clean(label), "", 0, "L", false, 0, "")
	b.draw(line)
	b.pdf.Line(x+lw, y+5.5, x+w, y+5.5)
	if value != "" {
		b.font(fontSerif, "", 10)
		b.color(ink)
		b.pdf.SetXY(x+lw+1, y)
		b.pdf.CellFormat(w-lw-1, 5.5, b.fit(value, w-lw-2), "", 0, "L", false, 0, "")
	}
	b.color(ink)
}

// fit shortens text with an ellipsis so one line never overflows its width. It measures a
// bounded prefix by halving, so even a pasted novel costs a few dozen measurements.
func (b *book) fit(text string, w float64) string {
	s := b.clean(strings.Join(strings.Fields(text), " "))
	if b.pdf.GetStringWidth(s) <= w {
		return s
	}
	const longestLine = 1000 // far more characters than any line of the page can hold
	r := []rune(s)
	r = r[:min(len(r), longestLine)]
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if b.pdf.GetStringWidth(string(r[:mid])+"…") <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(r[:lo]) + "…"
}

// box draws a tick box, ticked or not.
func (b *book) box(x, y, size float64, ticked bool) {
	b.draw(soft)
	b.pdf.SetLineWidth(0.25)
	b.pdf.Rect(x, y, size, size, "D")
	if ticked {
		b.tick(x+size/2, y+size/2, size*0.8)
	}
	b.pdf.SetLineWidth(0.2)
}

// tick draws a check mark centred on (x, y): drawn, so no font needs the glyph.
func (b *book) tick(x, y, size float64) {
	b.draw(gold)
	b.pdf.SetLineWidth(size * 0.14)
	b.pdf.SetLineCapStyle("round")
	b.pdf.Line(x-size*0.35, y, x-size*0.1, y+size*0.3)
	b.pdf.Line(x-size*0.1, y+size*0.3, x+size*0.4, y-size*0.35)
	b.pdf.SetLineCapStyle("butt")
	b.pdf.SetLineWidth(0.2)
}

// cross draws a missed mark.
func (b *book) cross(x, y, size float64) {
	b.draw(soft)
	b.pdf.SetLineWidth(size * 0.11)
	b.pdf.SetLineCapStyle("round")
	b.pdf.Line(x-size*0.3, y-size*0.3, x+size*0.3, y+size*0.3)
	b.pdf.Line(x-size*0.3, y+size*0.3, x+size*0.3, y-size*0.3)
	b.pdf.SetLineCapStyle("butt")
	b.pdf.SetLineWidth(0.2)
}

// dash draws a "did not apply" mark.
func (b *book) dash(x, y, size float64) {
	b.draw(line)
	b.pdf.SetLineWidth(size * 0.11)
	b.pdf.Line(x-size*0.25, y, x+size*0.25, y)
	b.pdf.SetLineWidth(0.2)
}

// date formats a day for print, or "" when unset.
func (b *book) date(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(b.c.T("wb.dateformat"))
}
