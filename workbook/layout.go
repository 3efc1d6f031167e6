package workbook

import (
	"fmt"
	"math"

	"kintsugi/data"
)

// Palette: calm dark ink rather than black, a warm gold accent used sparingly, soft lines.
var (
	ink   = [3]int{46, 52, 64}
	soft  = [3]int{108, 112, 120}
	gold  = [3]int{176, 141, 52}
	pale  = [3]int{234, 223, 194} // gold, faded: bars of the chart
	line  = [3]int{200, 194, 182}
	paper = [3]int{250, 247, 240}
	white = [3]int{255, 255, 255}
	pen   = [3]int{28, 58, 112} // the couple's own words, like ink from a pen, apart from the prompts
)

// style is a face, its size, the height of its lines and its colour.
type style struct {
	family, face string
	size         float64 // points
	lead         float64 // line height, mm
	color        [3]int
}

var (
	stBody    = style{fontSerif, "", 10.5, 5.6, ink}
	stPrompt  = style{fontSerif, "", 10, 5.2, soft}  // the text of a question, rule or step
	stAnswer  = style{fontSerif, "", 10.5, 5.6, pen} // what the couple wrote
	stNote    = style{fontSerif, "I", 9.5, 4.9, soft}
	stCaution = style{fontSerif, "I", 9.5, 4.9, ink} // a caution reads as firmly as the text it guards
	stEntry   = style{fontSans, "B", 10, 5.3, ink}   // the title of an entry
	stCode    = style{fontSans, "B", 10, 5.3, gold}
	stSub     = style{fontSans, "B", 12.5, 6.4, ink}
	stHeading = style{fontSans, "B", 20, 9.4, ink}
	stNumber  = style{fontSans, "B", 10, 5, gold}
	stKicker  = style{fontSans, "B", 9, 4.6, gold}
	stLabel   = style{fontSans, "", 9, 4.6, soft}
	stLabelB  = style{fontSans, "B", 9, 4.6, soft}
	stFooter  = style{fontSans, "", 9, 4.2, soft}
	stLetter  = style{fontSerif, "", 11, 6.3, ink}
	stFill    = style{fontSerif, "", 10, 5, ink} // a value written on a fill-in line
	stToc     = style{fontSerif, "", 11.5, 9, ink}
)

// gutter is the column on the left of an entry that holds its code.
const gutter = 12.0

// pitch is the distance between ruled lines to write on by hand.
const pitch = 8.5

// fontKey is a face at a size.
type fontKey struct {
	family, face string
	size         float64
}

// use sets a style's font and colour. fpdf writes a font change into the page every time it is
// asked, so the book remembers the current font and asks only for changes.
func (b *book) use(st style) {
	if k := (fontKey{st.family, st.face, st.size}); k != b.font {
		b.pdf.SetFont(st.family, st.face, st.size)
		b.font = k
	}
	b.pdf.SetTextColor(st.color[0], st.color[1], st.color[2])
}

func (b *book) draw(c [3]int) { b.pdf.SetDrawColor(c[0], c[1], c[2]) }

func (b *book) fill(c [3]int) { b.pdf.SetFillColor(c[0], c[1], c[2]) }

func (b *book) y() float64 { return b.pdf.GetY() }

func (b *book) setY(y float64) { b.pdf.SetY(y) }

func (b *book) gap(mm float64) { b.pdf.SetY(b.pdf.GetY() + mm) }

// room is the space left on the page above the bottom margin.
func (b *book) room() float64 { return b.bottom - b.pdf.GetY() }

// bodyH is the height of a page's body.
func (b *book) bodyH() float64 { return b.bottom - b.top }

// contH is the room the line naming a carried-on sheet ("Week 13, continued") takes.
const contH = 7.0

// pageRoom is the room a new page gives: its body, less the line naming the sheet it carries on.
func (b *book) pageRoom() float64 {
	if b.cont != "" {
		return b.bodyH() - contH
	}
	return b.bodyH()
}

func (b *book) newPage() {
	b.pdf.AddPage()
	b.pdf.SetXY(b.margin, b.top)
	b.bodyTop = b.top
	if b.cont != "" { // a sheet carried on to this page says whose it is
		b.oneLine(stLabelB, b.margin, b.top, b.bodyW, b.cont, "L")
		b.bodyTop = b.top + contH
		b.setY(b.bodyTop)
	}
}

// atTop reports whether nothing has been printed on this page yet (but the line saying which
// sheet it carries on).
func (b *book) atTop() bool { return b.pdf.GetY() <= max(b.top, b.bodyTop)+0.5 }

// ensure starts a new page unless h mm fit on this one: a block is never split, a heading never
// sits alone at the bottom. A block taller than a page starts on a fresh page and flows on.
func (b *book) ensure(h float64) {
	if b.pdf.GetY()+h > b.bottom && !b.atTop() {
		b.newPage()
	}
}

// render fills role placeholders with the couple's names (neutral words when blank).
func (b *book) render(text string) string { return b.c.Render(text, b.names) }

// name is partner p's name, or "Partner A" in a blank workbook.
func (b *book) name(p data.Partner) string { return b.c.Render("{"+string(p)+"}", b.names) }

// date formats a day for print from the content's words, or "" when unset.
func (b *book) date(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return b.c.Date(d.Time())
}

// linesH is the height of wrapped lines in a style.
func linesH(st style, lines []string) float64 {
	h := 0.0
	for _, l := range lines {
		if l == paraBreak {
			h += st.lead * 0.6
		} else {
			h += st.lead
		}
	}
	return h
}

// textH is the height text takes at width w.
func (b *book) textH(st style, text string, w float64) float64 {
	return linesH(st, b.wrap(st, text, w))
}

// flow prints text at x, width w, from the current line down, across pages as needed.
func (b *book) flow(st style, x, w float64, text string) {
	b.printLines(st, x, w, b.wrap(st, text, w), -1)
}

// printLines prints wrapped lines, each aligned at the start of its paragraph's direction; when
// barX >= 0, a gold rule at barX marks them as the couple's own words.
func (b *book) printLines(st style, x, w float64, lines []string, barX float64) {
	for i, l := range lines {
		h := st.lead
		if l == paraBreak {
			h = st.lead * 0.6
			if b.atTop() {
				continue
			}
		}
		if b.y()+h > b.bottom || (l != paraBreak && b.strands(lines, i, h)) {
			b.newPage()
		}
		y := b.y()
		if barX >= 0 {
			b.draw(gold)
			b.pdf.SetLineWidth(0.6)
			b.pdf.Line(barX, y, barX, y+h)
			b.pdf.SetLineWidth(0.2)
		}
		if l != paraBreak {
			b.use(st)
			b.pdf.SetXY(x, y)
			b.put(w, h, l, alignStart)
		}
		b.setY(y + h)
	}
}

// strands reports whether line i must start the next page so that no line of its paragraph is
// left alone: its first line at the foot of a page (an orphan), or its last line at the head of
// the next (a widow). A widow is mended by taking one more line over, unless that would leave
// an orphan behind: then the whole paragraph goes over.
func (b *book) strands(lines []string, i int, lead float64) bool {
	if b.atTop() {
		return false // a fresh page is all there is
	}
	fit := 0 // lines that fit here from i on, summed as printLines sums them
	for y := b.y(); y+lead <= b.bottom; y += lead {
		fit++
	}
	rest := 0 // lines of the paragraph from i on
	for _, l := range lines[i:] {
		if l == paraBreak {
			break
		}
		rest++
	}
	if rest <= fit {
		return false // the paragraph ends on this page
	}
	if first := i == 0 || lines[i-1] == paraBreak; first {
		return fit < 2 || (rest-fit == 1 && fit < 3)
	}
	return rest == 2 && fit == 1
}

// oneLine prints text cut to one line at (x, y).
func (b *book) oneLine(st style, x, y, w float64, text, align string) {
	s := b.fit(st, text, w)
	b.use(st)
	b.pdf.SetXY(x, y)
	b.put(w, st.lead, s, align)
}

// chapter starts a section on a new page: its number, heading, a bookmark, and its introduction.
func (b *book) chapter(sec, intro string) {
	title := b.title(sec)
	b.newPage()
	n := len(b.chapters) + 1
	b.chapters = append(b.chapters, chapterStart{sec: sec, title: title, number: n, page: b.pdf.PageNo()})
	b.pdf.Bookmark(b.clean(title), 0, -1)
	b.oneLine(stNumber, b.margin, b.y(), 20, fmt.Sprint(n), "L")
	b.gap(stNumber.lead + 1)
	b.heading(title)
	if intro != "" {
		b.flow(stBody, b.margin, b.bodyW, b.render(intro))
		b.gap(3)
	}
}

// heading is a chapter's title with a short gold rule under it.
func (b *book) heading(title string) {
	b.printLines(stHeading, b.margin, b.bodyW, b.wrap(stHeading, title, b.bodyW), -1)
	y := b.y() + 2
	b.draw(gold)
	b.pdf.SetLineWidth(0.7)
	b.pdf.Line(b.margin, y, b.margin+18, y)
	b.pdf.SetLineWidth(0.2)
	b.setY(y + 6)
}

// subH is the height of a sub-heading, with its space around.
func (b *book) subH(title string) float64 {
	return 3 + b.textH(stSub, title, b.bodyW) + 2
}

// sub is a titled part of a section, kept on one page with at least need mm of what follows.
func (b *book) sub(title string, need float64) {
	b.ensure(b.subH(title) + need)
	if !b.atTop() {
		b.gap(3)
	}
	b.flow(stSub, b.margin, b.bodyW, title)
	b.gap(2)
}

// entryHead measures and prints an entry's first lines: its code in the gutter, its title, and
// its text under the title.
type entryHead struct {
	code         string
	title, text  []string
	note         []string // the entry's note, in italics under its text
	titleSt      style
	x, w, height float64
}

func (b *book) measureEntry(code, title, text string, x, w float64) entryHead {
	return b.measureEntryIn(stEntry, code, title, text, x, w)
}

// measureEntryIn measures an entry whose title is set in st.
func (b *book) measureEntryIn(st style, code, title, text string, x, w float64) entryHead {
	return b.measureEntryWith(st, code, title, text, x, w, false)
}

// measureEntryWith measures an entry whose title, when own, is a couple's own words (a
// commitment they wrote), laid out in its own direction.
func (b *book) measureEntryWith(st style, code, title, text string, x, w float64, own bool) entryHead {
	e := entryHead{code: code, x: x, w: w, titleSt: st}
	e.title = b.wrapDir(st, title, w-gutter, own)
	if text != "" {
		e.text = b.wrap(stPrompt, text, w-gutter)
	}
	e.height = 2.5 + linesH(st, e.title) + linesH(stPrompt, e.text)
	return e
}

// withNote adds the entry's note (a step's or a ritual's advice) under its text.
func (e entryHead) withNote(b *book, note string) entryHead {
	if note == "" {
		return e
	}
	e.note = b.wrap(stNote, b.render(note), e.w-gutter)
	e.height += 1 + linesH(stNote, e.note)
	return e
}

func (e entryHead) print(b *book) {
	b.gap(2.5)
	if e.code != "" {
		code := stCode
		code.lead = e.titleSt.lead // on the title's first line
		b.oneLine(code, e.x, b.y(), gutter-1, e.code, "L")
	}
	b.printLines(e.titleSt, e.x+gutter, e.w-gutter, e.title, -1)
	b.printLines(stPrompt, e.x+gutter, e.w-gutter, e.text, -1)
	if e.note != nil {
		b.gap(1)
		b.printLines(stNote, e.x+gutter, e.w-gutter, e.note, -1)
	}
}

// ruled draws n lines to write on by hand under the current line, and moves below them.
func (b *book) ruled(x, w float64, n int) {
	b.draw(line)
	b.pdf.SetLineWidth(0.2)
	y := b.y()
	for range n {
		y += pitch
		b.pdf.Line(x, y, x+w, y)
	}
	b.setY(y + 1)
}

// linesToBottom is how many ruled lines fit between here and the bottom of the page.
func (b *book) linesToBottom() int { return int(math.Floor((b.room() - 1) / pitch)) }

// field prints "label ______" at (x, y), width w in all, with value written on the line when known.
func (b *book) field(x, y, w float64, label, value string) {
	lw := 0.0
	if label != "" {
		// The label takes 60% of the field, or more when the language needs it, leaving at
		// least 14 mm to write in.
		label = b.fit(stLabel, label, max(w*0.6, w-14))
		b.use(stLabel)
		lw = b.textW(label) + 2
		b.pdf.SetXY(x, y+1)
		b.put(lw, stLabel.lead, label, "L")
	}
	b.draw(line)
	b.pdf.SetLineWidth(0.2)
	b.pdf.Line(x+lw, y+5.6, x+w, y+5.6)
	if value != "" {
		b.oneLine(stFill, x+lw+1, y+0.4, w-lw-2, value, "L")
	}
}

// box draws a tick box, ticked or not.
func (b *book) box(x, y, size float64, ticked bool) {
	b.draw(soft)
	b.pdf.SetLineWidth(0.25)
	b.pdf.Rect(x, y, size, size, "D")
	b.pdf.SetLineWidth(0.2)
	if ticked {
		b.tick(x+size/2, y+size/2, size*0.85)
	}
}

// tick draws a check mark centred on (x, y): drawn, so no font needs the glyph.
func (b *book) tick(x, y, size float64) {
	b.draw(gold)
	b.pdf.SetLineWidth(size * 0.14)
	b.pdf.SetLineCapStyle("round")
	b.pdf.SetLineJoinStyle("round")
	b.pdf.MoveTo(x-size*0.34, y+size*0.02)
	b.pdf.LineTo(x-size*0.1, y+size*0.3)
	b.pdf.LineTo(x+size*0.38, y-size*0.34)
	b.pdf.DrawPath("D")
	b.pdf.SetLineCapStyle("butt")
	b.pdf.SetLineJoinStyle("miter")
	b.pdf.SetLineWidth(0.2)
}

// cross draws a missed mark.
func (b *book) cross(x, y, size float64) {
	b.draw(soft)
	b.pdf.SetLineWidth(size * 0.11)
	b.pdf.SetLineCapStyle("round")
	b.pdf.Line(x-size*0.28, y-size*0.28, x+size*0.28, y+size*0.28)
	b.pdf.Line(x-size*0.28, y+size*0.28, x+size*0.28, y-size*0.28)
	b.pdf.SetLineCapStyle("butt")
	b.pdf.SetLineWidth(0.2)
}

// dash draws a "did not apply" mark.
func (b *book) dash(x, y, size float64) {
	b.draw(soft)
	b.pdf.SetLineWidth(size * 0.1)
	b.pdf.Line(x-size*0.25, y, x+size*0.25, y)
	b.pdf.SetLineWidth(0.2)
}

// mark draws a tracking mark in a day's box.
func (b *book) mark(m data.Mark, cx, cy float64) {
	switch m {
	case data.MarkKept:
		b.tick(cx, cy, 4.4)
	case data.MarkMissed:
		b.cross(cx, cy, 4.2)
	case data.MarkNA:
		b.dash(cx, cy, 4.2)
	}
}

// callout is a quiet framed note for what must not be missed, such as the safety note.
func (b *book) callout(title, text string) {
	const pad = 6
	w := b.bodyW - 2*pad
	tl := b.wrap(stSub, title, w)
	bl := b.wrap(stBody, text, w)
	h := pad + linesH(stSub, tl) + 2 + linesH(stBody, bl) + pad - 1.5
	b.ensure(h + 4)
	y := b.y()
	b.fill(paper)
	b.draw(gold)
	b.pdf.SetLineWidth(0.4)
	b.pdf.Rect(b.margin, y, b.bodyW, h, "FD")
	b.pdf.SetLineWidth(0.2)
	b.setY(y + pad)
	b.printLines(stSub, b.margin+pad, w, tl, -1)
	b.gap(2)
	b.printLines(stBody, b.margin+pad, w, bl, -1)
	b.setY(y + h + 5)
}

// reading prints a short background text from the content's readings.
func (b *book) reading(id string) {
	e := b.c.Entry(id)
	if e == nil {
		return
	}
	kicker := b.wrap(stKicker, b.c.Section(data.SectionReading).Title, b.bodyW)
	title := b.wrap(stSub, b.render(e.Title), b.bodyW)
	body := b.wrap(stBody, b.render(e.Text), b.bodyW)
	b.ensure(4 + linesH(stKicker, kicker) + linesH(stSub, title) + 2 + min(linesH(stBody, body), 4*stBody.lead))
	if !b.atTop() {
		b.gap(4)
	}
	b.printLines(stKicker, b.margin, b.bodyW, kicker, -1)
	b.printLines(stSub, b.margin, b.bodyW, title, -1)
	b.gap(1.5)
	b.printLines(stBody, b.margin, b.bodyW, body, -1)
	b.gap(2)
}
