package workbook

import (
	"strings"

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
		return
	}
	b.gap(2)
	b.printLines(stLetter, b.margin, b.bodyW, b.wrap(stLetter, text, b.bodyW), -1)
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
