package workbook

import (
	"strings"

	"kintsugi/couple"
	"kintsugi/data"
)

func (b *book) letter() {
	sec := b.c.Section(data.SectionLetterPrompts)
	b.chapter(SecLetter, sec.Intro)
	for _, e := range sec.Entries {
		head := b.measureEntry(e.Code, b.render(e.Title), b.render(e.Text), b.margin, b.bodyW)
		b.ensure(head.height)
		head.print(b)
	}
	b.newPage()
	b.sub(b.c.T("wb.letter.yours"), 4*pitch)
	text := ""
	if b.d != nil {
		text = b.d.Letter.Text
	}
	if strings.TrimSpace(text) == "" {
		// Two pages to write on: enough for a letter that says what it must, without filler.
		b.ruled(b.margin, b.bodyW, b.linesToBottom())
		b.newPage()
		b.ruled(b.margin, b.bodyW, b.linesToBottom())
	} else {
		b.gap(2)
		b.printLines(stLetter, b.margin, b.bodyW, b.wrapOwn(stLetter, text, b.bodyW), -1)
	}
	b.reply()
}

// reply is the written answer to the letter, marked with who wrote it: printed only once its
// author shared it (or when it is the couple's together), as the workbook is for both to read.
func (b *book) reply() {
	if b.d == nil {
		return
	}
	l := b.d.Letter
	if l.ReplyProtected || strings.TrimSpace(l.Reply) == "" || (l.ReplyBy != "" && !couple.InPrint(l.ReplyShared)) {
		return
	}
	label := b.c.T("wb.letter.reply.together")
	if l.ReplyBy != "" {
		label = b.c.Tf("wb.letter.reply", b.name(l.ReplyBy))
	}
	lines := b.wrapOwn(stLetter, l.Reply, b.bodyW)
	b.gap(8)
	b.sub(label, min(linesH(stLetter, lines), 4*stLetter.lead))
	b.gap(2)
	b.printLines(stLetter, b.margin, b.bodyW, lines, -1)
}

func (b *book) ritual() {
	sec := b.c.Section(data.SectionRitualPrompts)
	b.chapter(SecRitual, sec.Intro)
	if e := b.c.Entry("RIT-02"); e != nil {
		b.flow(stNote, b.margin, b.bodyW, b.render(e.Text))
		b.gap(1)
	}
	var ps []prompt
	for _, e := range sec.Entries {
		ps = append(ps, prompt{
			head:   b.measureEntry(e.Code, b.render(e.Title), b.render(e.Text), b.margin, b.bodyW),
			answer: b.ritualAnswer(e.ID),
			lines:  3,
		})
	}
	b.prompts(ps, endOfPage)
}

// ritualAnswer is what the couple planned for a ritual prompt, written by either of them.
func (b *book) ritualAnswer(id string) written {
	for _, p := range data.Partners {
		if w := b.answerOf(p, id); w.lines != nil || w.private {
			return w
		}
	}
	return written{}
}

// reviewRecord is the table a couple, or their counsellor, fills in at each review of the
// agreement: when, which version, what was kept, what to change, the next review, initials.
func (b *book) reviewRecord() {
	b.chapter(SecReview, b.c.T("wb.review.intro"))
	cols := []struct {
		key string
		w   float64
	}{{"wb.review.date", 0.14}, {"wb.review.version", 0.09}, {"wb.review.kept", 0.27}, {"wb.review.change", 0.27},
		{"wb.review.next", 0.13}, {"wb.review.initials", 0.10}}
	const rowH = 17.0
	// A heading wraps within its column rather than being cut ("Следующий пересмотр"), and a
	// column is at least as wide as its heading's longest word; the two wide columns give way.
	b.use(stLabelB)
	for i := range cols {
		longest := 0.0
		for _, word := range strings.Fields(b.c.T(cols[i].key)) {
			longest = max(longest, b.textW(word))
		}
		if need := (longest + 3) / b.bodyW; need > cols[i].w {
			cols[2].w -= (need - cols[i].w) / 2
			cols[3].w -= (need - cols[i].w) / 2
			cols[i].w = need
		}
	}
	y, x, h := b.y(), b.margin, 0.0
	for _, c := range cols {
		lines := b.wrap(stLabelB, b.c.T(c.key), b.bodyW*c.w-2)
		b.setY(y)
		b.printLines(stLabelB, x+1, b.bodyW*c.w-2, lines, -1)
		h = max(h, linesH(stLabelB, lines))
		x += b.bodyW * c.w
	}
	b.setY(y + max(6, h+1.5))
	for b.room() >= rowH {
		y := b.y()
		b.draw(line)
		b.pdf.Line(b.margin, y, b.margin+b.bodyW, y)
		x := b.margin
		for _, c := range cols[:len(cols)-1] {
			x += b.bodyW * c.w
			b.pdf.Line(x, y, x, y+rowH)
		}
		b.setY(y + rowH)
	}
	b.pdf.Line(b.margin, b.y(), b.margin+b.bodyW, b.y())
}

// sessionsPerPage and sessionPages shape the pages for notes from sessions with a counsellor.
const sessionsPerPage, sessionPages = 2, 3

// sessions are pages a counsellor expects: for each session its date, who was there, what was
// talked about and what the couple agreed to try before the next one.
func (b *book) sessions() {
	b.chapter(SecSessions, b.c.T("wb.sessions.intro"))
	for page := range sessionPages {
		if page > 0 {
			b.newPage()
		}
		per := (b.room() - 4) / sessionsPerPage
		for range sessionsPerPage {
			b.session(per)
		}
	}
}

func (b *book) session(h float64) {
	y0 := b.y()
	y := y0 + 2
	half := b.bodyW/2 - 6
	b.field(b.margin, y, half, b.c.T("wb.sessions.date"), "")
	b.field(b.margin+b.bodyW/2+6, y, half, b.c.T("wb.sessions.with"), "")
	b.setY(y + 10)
	lines := int((h - 10 - 2*stLabelB.lead - 8) / pitch)
	talked := max(2, lines*3/5)
	for _, part := range []struct {
		key string
		n   int
	}{{"wb.sessions.talked", talked}, {"wb.sessions.next", max(2, lines-talked)}} {
		b.oneLine(stLabelB, b.margin, b.y()+1, b.bodyW, b.c.T(part.key), "L")
		b.gap(stLabelB.lead - 2)
		b.ruled(b.margin, b.bodyW, part.n)
		b.gap(2)
	}
	b.setY(max(b.y(), y0+h))
}

func (b *book) help() {
	sec := b.c.Section(data.SectionHelp)
	b.chapter(SecHelp, sec.Intro)
	for _, e := range sec.Entries {
		head := b.measureEntry(e.Code, b.render(e.Title), b.render(e.Text), b.margin, b.bodyW)
		b.ensure(head.height)
		head.print(b)
	}
	labels := []string{"wb.help.emergency", "wb.help.abuse", "wb.help.counsellor", "wb.help.crisis"}
	b.gap(3)
	b.sub(b.c.T("wb.help.numbers"), float64(len(labels))*11)
	for _, key := range labels {
		b.ensure(11)
		b.field(b.margin, b.y()+2, b.bodyW, b.c.T(key), "")
		b.gap(11)
	}
}
