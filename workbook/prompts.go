package workbook

import (
	"math"
	"strings"

	"kintsugi/data"
)

// written is what someone wrote in answer to a prompt, measured for print.
type written struct {
	lines   []string // wrapped text, nil when nothing was written
	w       float64  // the width lines were wrapped to, and print in
	private bool     // written but kept private by its author: only a note prints
}

// answerW is the width of an answer: the body less the code's gutter and the rule beside it.
func (b *book) answerW() float64 { return b.bodyW - gutter - 4 }

func (b *book) written(text string, private bool) written {
	if private {
		return written{private: true}
	}
	if strings.TrimSpace(text) == "" {
		return written{}
	}
	return written{lines: b.wrapOwn(stAnswer, text, b.answerW()), w: b.answerW()}
}

// answerOf is partner p's answer to question q as the workbook may print it: answers kept
// private print as a note that they exist, never their text.
func (b *book) answerOf(p data.Partner, q string) written {
	if b.d == nil {
		return written{}
	}
	a := b.d.Answer(p, q)
	if a == nil {
		return written{}
	}
	if !a.Shared && (a.Protected || a.Lost || strings.TrimSpace(a.Text) != "") {
		return written{private: true}
	}
	return b.written(a.Text, false)
}

// blank reports whether nothing was written, so there are lines to write on instead.
func (w written) blank() bool { return !w.private && w.lines == nil }

// height is the room the answer takes, or n ruled lines when there is none.
func (w written) height(n int) float64 {
	switch {
	case w.private:
		return 1.5 + stNote.lead
	case w.lines != nil:
		return 3 + linesH(stAnswer, w.lines)
	}
	return float64(n)*pitch + 1
}

// minH is the least room the answer needs on the page where its prompt is.
func (w written) minH(n int) float64 {
	if w.lines != nil {
		return 2 + linesH(stAnswer, w.lines[:min(len(w.lines), 3)])
	}
	return w.height(n)
}

// print prints the answer under its prompt, or n ruled lines to write on.
func (w written) print(b *book, n int) {
	x := b.margin + gutter
	switch {
	case w.private:
		b.gap(1.5)
		b.flow(stNote, x, b.bodyW-gutter, b.c.T("wb.answer.private"))
	case w.lines != nil:
		b.gap(2)
		b.printLines(stAnswer, x+4, w.w, w.lines, x+0.6)
		b.gap(1)
	default:
		b.ruled(x, b.bodyW-gutter, n)
	}
}

// prompt is one question, step or plan: its head, an optional date field, what was written,
// and how many lines to leave when nothing was.
type prompt struct {
	head         entryHead
	field, value string // a date field under the head, e.g. "Done on"; "" for none
	answer       written
	lines        int
	extra        int // lines added to fill the page
}

const fieldH = 9.0

func (p prompt) fieldH() float64 {
	if p.field == "" {
		return 0
	}
	return fieldH
}

func (p prompt) height() float64 { return p.head.height + p.fieldH() + p.answer.height(p.lines) }

func (p prompt) minH() float64 { return p.head.height + p.fieldH() + p.answer.minH(p.lines) }

func (p prompt) print(b *book) {
	p.head.print(b)
	if p.field != "" {
		b.field(b.margin+gutter, b.y()+1.5, 70, p.field, p.value)
		b.gap(fieldH)
	}
	p.answer.print(b, p.lines+p.extra)
}

var endOfPage = math.Inf(1)

// prompts prints questions with their answers, never splitting one from its lines. The pages
// are balanced: prompts spread evenly over the pages they need, and the room left on each page
// goes to more lines to write on, so a blank workbook has no stray half-empty pages. after is
// the height of what follows on the same page, or endOfPage when a new page follows.
func (b *book) prompts(ps []prompt, after float64) {
	heights := make([]float64, len(ps))
	for i, p := range ps {
		heights[i] = p.height()
	}
	pages := b.balance(heights)
	if pages == nil { // a long answer: print in order, flowing across pages
		for _, p := range ps {
			b.ensure(p.minH())
			p.print(b)
		}
		return
	}
	cap0, capN := b.room(), b.bodyH()
	for j, page := range pages {
		if j > 0 {
			b.newPage()
		}
		room := capN
		if j == 0 {
			room = cap0
		}
		var blanks []int
		for _, i := range page {
			room -= heights[i]
			if ps[i].answer.blank() {
				blanks = append(blanks, i)
			}
		}
		if j == len(pages)-1 && room >= after {
			room = 0 // what follows fits under the last prompt: leave it the room
		}
		if extra := int(math.Floor((room - 1) / pitch)); extra > 0 && len(blanks) > 0 {
			for n, i := range blanks {
				ps[i].extra = extra / len(blanks)
				if n < extra%len(blanks) {
					ps[i].extra++
				}
			}
		}
		for _, i := range page {
			ps[i].print(b)
		}
	}
}

// block is something printed whole, never split across pages.
type block struct {
	height float64
	print  func()
}

// blocks prints blocks in order, spread evenly over the pages they need.
func (b *book) blocks(bs []block) {
	heights := make([]float64, len(bs))
	for i, bl := range bs {
		heights[i] = bl.height
	}
	pages := b.balance(heights)
	if pages == nil {
		for _, bl := range bs {
			b.ensure(bl.height)
			bl.print()
		}
		return
	}
	for j, page := range pages {
		if j > 0 {
			b.newPage()
		}
		for _, i := range page {
			bs[i].print()
		}
	}
}

// balance puts blocks of the given heights on pages, from the current line on, so that they
// take no more pages than they must and fill those pages evenly. It returns nil when a block
// is taller than a page.
func (b *book) balance(heights []float64) [][]int {
	if len(heights) == 0 || slicesMax(heights) > b.bodyH() {
		return nil
	}
	cap0, capN := b.room(), b.bodyH()
	k := len(paginate(heights, cap0, capN, capN))
	lo, hi := slicesMax(heights), capN
	for hi-lo > 0.5 { // the lowest page height that still needs no more pages
		mid := (lo + hi) / 2
		if len(paginate(heights, cap0, capN, mid)) == k {
			hi = mid
		} else {
			lo = mid
		}
	}
	return paginate(heights, cap0, capN, hi)
}

// paginate puts blocks of the given heights on pages in order: cap0 mm are left on the first
// page, capN on every other, and no page is filled beyond limit. The first page may stay empty.
func paginate(heights []float64, cap0, capN, limit float64) [][]int {
	var pages [][]int
	var cur []int
	used, room := 0.0, cap0
	for i, h := range heights {
		if used+h > min(room, limit) && (len(cur) > 0 || len(pages) == 0) {
			pages = append(pages, cur)
			cur, used, room = nil, 0, capN
		}
		cur = append(cur, i)
		used += h
	}
	return append(pages, cur)
}

func slicesMax(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// questionPrompts are a content section's questions with partner p's answers.
func (b *book) questionPrompts(sec *data.Section, p data.Partner, lines int) []prompt {
	var ps []prompt
	for _, q := range sec.Entries {
		ps = append(ps, prompt{
			head:   b.measureEntry(q.Code, b.render(q.Title), b.render(q.Text), b.margin, b.bodyW),
			answer: b.answerOf(p, q.ID),
			lines:  lines,
		})
	}
	return ps
}
