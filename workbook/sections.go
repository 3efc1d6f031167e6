package workbook

import (
	"strings"

	"fmt"
	"slices"

	"kintsugi/couple"
	"kintsugi/data"
)

// title is what a section is called in its heading and in the contents.
func (b *book) title(sec string) string {
	switch sec {
	case SecWhatHappened:
		return b.c.Section(data.SectionCauses).Title
	case SecClarifying:
		return b.c.Section(data.SectionClarifying).Title
	case SecRules:
		return b.c.Section(data.SectionRules).Title
	case SecSteps:
		return b.c.Section(data.SectionSteps).Title
	case SecHelp:
		return b.c.Section(data.SectionHelp).Title
	}
	return b.c.T("wb." + sec + ".title")
}

var (
	stCoverTitle = style{fontSans, "B", 40, 16, ink}
	stCoverSub   = style{fontSerif, "I", 15, 7.4, soft}
	stCoverNames = style{fontSans, "B", 18, 8.6, ink}
	stCoverSince = style{fontSerif, "", 11, 6, soft}
)

// cover is the first page: title, subtitle, the couple's names (or lines to write them on) and
// the print date. The contents follow on the second page.
func (b *book) cover() {
	pdf := b.pdf
	b.newPage()
	b.fill(paper)
	pdf.Rect(0, 0, b.pageW, b.pageH, "F")
	b.seam()
	b.setY(b.pageH * 0.36)
	b.flow(stCoverTitle, b.margin, b.bodyW, b.c.T("wb.title.short"))
	b.gap(1)
	b.flow(stCoverSub, b.margin, b.bodyW*0.72, b.c.T("wb.subtitle"))
	b.gap(16)
	if b.d == nil {
		w := b.bodyW * 0.62
		for _, label := range []string{b.c.Roles.PartnerA, b.c.Roles.PartnerB} {
			b.field(b.margin, b.y(), w, label, "")
			b.gap(12)
		}
		b.whoRebuilds()
		b.field(b.margin, b.y(), w, b.c.T("wb.cover.started"), "")
		b.gap(12)
	} else {
		b.flow(stCoverNames, b.margin, b.bodyW, b.d.Case.Title())
		b.gap(1)
		start := b.d.Case.StartDate
		if start.IsZero() {
			start = data.DateOf(b.d.Case.CreatedAt)
		}
		if !start.IsZero() {
			b.flow(stCoverSince, b.margin, b.bodyW, b.c.Tf("wb.cover.since", b.date(start)))
		}
	}
	note := b.wrap(stNote, b.c.Tf("wb.cover.printed", b.date(data.DateOf(b.opt.Now))), b.bodyW*0.8)
	b.setY(b.bottom - linesH(stNote, note))
	b.printLines(stNote, b.margin, b.bodyW*0.8, note, -1)
	b.contents()
}

// whoRebuilds asks on the blank cover who is rebuilding trust, Partner A, B or both, and says
// what follows from it for the questions each answers.
func (b *book) whoRebuilds() {
	y := b.y()
	label := b.c.T("wb.cover.rebuilding")
	b.oneLine(stLabel, b.margin, y+1, 60, label, "L")
	b.use(stLabel)
	x := b.margin + b.textW(b.fit(stLabel, label, 60)) + 4
	choices := []data.Rebuilder{data.RebuilderA, data.RebuilderB, data.RebuilderBoth}
	for i, choice := range []string{b.c.Roles.PartnerA, b.c.Roles.PartnerB, b.c.T("wb.cover.rebuilding.both")} {
		b.box(x, y+1.3, 4, b.opt.Rebuilding == choices[i])
		choice = b.fit(stLabel, choice, 34)
		b.oneLine(stLabel, x+6, y+1, 34, choice, "L")
		x += 6 + b.textW(choice) + 7
	}
	b.setY(y + 7)
	if b.opt.Rebuilding == "" { // known, each partner's questions are printed for them
		b.flow(stNote, b.margin, b.bodyW*0.72, b.c.T("wb.cover.rebuilding.note"))
	}
	b.gap(6)
}

// seam is the cover's one ornament: a gold line, like the mended crack of a kintsugi bowl.
func (b *book) seam() {
	b.draw(gold)
	b.pdf.SetLineWidth(0.9)
	b.pdf.SetLineCapStyle("round")
	b.pdf.SetLineJoinStyle("round")
	x0, y0 := b.pageW*0.64, 0.0
	pts := [][2]float64{{0, 0}, {-4, 14}, {5, 29}, {-3, 44}, {6, 58}, {1, 71}, {12, 86}}
	b.pdf.MoveTo(x0+pts[0][0], y0+pts[0][1])
	for _, p := range pts[1:] {
		b.pdf.LineTo(x0+p[0], y0+p[1])
	}
	b.pdf.DrawPath("D")
	b.pdf.MoveTo(x0+5, y0+29)
	b.pdf.LineTo(x0+19, y0+35)
	b.pdf.LineTo(x0+27, y0+33)
	b.pdf.DrawPath("D")
	b.pdf.SetLineCapStyle("butt")
	b.pdf.SetLineJoinStyle("miter")
	b.pdf.SetLineWidth(0.2)
}

// contents opens the page of contents; finish fills it in once every chapter's page is known.
func (b *book) contents() {
	b.newPage()
	b.tocPage = b.pdf.PageNo()
	title := b.c.T("wb.contents")
	b.pdf.Bookmark(b.clean(title), 0, -1)
	b.gap(stNumber.lead + 1)
	b.heading(title)
	b.tocY = b.y()
}

// contentsList lists every chapter with the page it starts on.
func (b *book) contentsList() {
	pdf := b.pdf
	const numW, pageW = 10.0, 12.0
	for _, ch := range b.chapters {
		y := b.y()
		b.oneLine(stNumber, b.margin, y+2, numW, fmt.Sprint(ch.number), "L")
		title := b.fit(stToc, ch.title, b.bodyW-numW-pageW-8)
		b.use(stToc)
		pdf.SetXY(b.margin+numW, y)
		b.put(b.textW(title), stToc.lead, title, "L")
		x := b.margin + numW + b.textW(title) + 2
		b.draw(line)
		pdf.SetDashPattern([]float64{0.3, 1.5}, 0)
		pdf.Line(x, y+6.2, b.margin+b.bodyW-pageW, y+6.2)
		pdf.SetDashPattern(nil, 0)
		b.oneLine(style{fontSans, "", 10.5, stToc.lead, ink}, b.margin+b.bodyW-pageW, y, pageW, fmt.Sprint(ch.page), "R")
		b.setY(y + stToc.lead)
	}
}

func (b *book) howTo() {
	b.chapter(SecHowTo, b.c.T("wb.howto.intro"))
	for _, key := range []string{"wb.howto.paper", "wb.howto.private", "wb.howto.time"} {
		b.flow(stBody, b.margin, b.bodyW, b.c.T(key))
		b.gap(2.5)
	}
	b.reading("READ-TRUST")
	if e := b.c.Entry("SAFETY"); e != nil {
		b.gap(3)
		b.callout(b.render(e.Title), b.render(e.Text)+"\n\n"+b.c.T("wb.howto.safety.help"))
	}
}

func (b *book) whatHappened() {
	sec := b.c.Section(data.SectionCauses)
	b.chapter(SecWhatHappened, sec.Intro)
	var in data.Incident
	if b.d != nil {
		in = b.d.Incident
	}
	const boxW = 8.0
	for _, e := range sec.Entries {
		title := b.wrap(stEntry, b.render(e.Title), b.bodyW-boxW)
		text := b.wrap(stPrompt, b.render(e.Text), b.bodyW-boxW)
		b.ensure(2.5 + linesH(stEntry, title) + linesH(stPrompt, text))
		b.gap(2.5)
		b.box(b.margin, b.y()+0.7, 4, slices.Contains(in.Causes, e.ID))
		b.printLines(stEntry, b.margin+boxW, b.bodyW-boxW, title, -1)
		b.printLines(stPrompt, b.margin+boxW, b.bodyW-boxW, text, -1)
	}
	b.gap(4)
	desc := b.written(in.Description, false)
	need := desc.minH(6)
	b.ensure(10 + b.subH(b.c.T("wb.happened.description")) + need)
	b.field(b.margin, b.y(), 95, b.c.T("wb.happened.date"), b.date(in.Date))
	b.gap(10)
	b.sub(b.c.T("wb.happened.description"), need)
	if desc.lines == nil {
		b.ruled(b.margin, b.bodyW, max(6, b.linesToBottom()))
		return
	}
	// In the width it was wrapped to, so a right-to-left paragraph ends where the others may.
	b.printLines(stAnswer, b.margin+4, desc.w, desc.lines, b.margin+0.6)
}

func (b *book) clarifying() {
	sec := b.c.Section(data.SectionClarifying)
	b.chapter(SecClarifying, sec.Intro)
	for i, p := range data.Partners {
		if i > 0 {
			b.newPage()
		}
		ps := b.questionPrompts(sec, p, 5)
		heading := b.c.Tf("wb.answers.of", b.name(p))
		b.sub(heading, ps[0].minH())
		b.prompts(ps, endOfPage)
	}
}

func (b *book) reflection() {
	b.chapter(SecReflection, b.c.T("wb.reflection.intro"))
	b.reading("READ-ERIKSON")
	type set struct {
		sec     string
		partner data.Partner
	}
	var sets []set
	if b.rebuilder() == "" {
		// Who is rebuilding trust is not known on paper: each set is printed once, with a line
		// for the name of whoever answers it.
		sets = []set{{data.SectionReflectRebuild, ""}, {data.SectionReflectHurt, ""}}
	} else {
		for _, p := range data.Partners {
			for _, id := range b.reflectionSections(p) {
				sets = append(sets, set{id, p})
			}
		}
	}
	for i, s := range sets {
		if i > 0 {
			b.newPage()
		}
		sec := b.c.Section(s.sec)
		ps := b.questionPrompts(sec, s.partner, 5)
		var intro []string
		if sec.Intro != "" {
			intro = b.wrap(stBody, b.render(sec.Intro), b.bodyW)
		}
		b.sub(b.render(sec.Title), 12+linesH(stBody, intro)+ps[0].minH())
		b.printLines(stBody, b.margin, b.bodyW, intro, -1)
		b.gap(1.5)
		if s.partner == "" {
			b.field(b.margin, b.y(), 95, b.c.T("wb.answered.by"), "")
			b.gap(9)
		} else {
			b.flow(stLabelB, b.margin, b.bodyW, b.c.Tf("wb.answers.of", b.name(s.partner)))
			b.gap(1)
		}
		after := endOfPage
		if i == len(sets)-1 {
			after = b.readingH("READ-CONVO")
		}
		b.prompts(ps, after)
	}
	b.reading("READ-CONVO")
	b.reading("READ-DECIDE")
	b.decision()
}

// decision is where each partner marks whether they want to go on after talking it through:
// yes, not sure yet, or no, ticked for them when they chose in the window.
func (b *book) decision() {
	title := b.c.T("wb.decide.title")
	b.sub(title, 2*9+2)
	choices := []struct{ value, key string }{{data.DecisionYes, "wb.decide.yes"}, {data.DecisionUnsure, "wb.decide.unsure"}, {data.DecisionNo, "wb.decide.no"}}
	for _, p := range data.Partners {
		chosen := ""
		if b.d != nil {
			chosen = b.d.Decision(data.DecisionContinue, p)
		}
		y := b.y() + 1.5
		b.oneLine(stLabelB, b.margin, y+0.2, 50, b.name(p), "L")
		x := b.margin + 52
		for _, ch := range choices {
			b.box(x, y+0.6, 4, chosen == ch.value)
			label := b.fit(stLabel, b.c.T(ch.key), 36)
			b.oneLine(stLabel, x+6, y, 36, label, "L")
			x += 40
		}
		b.setY(y + 8)
	}
	if b.d == nil && b.linesToBottom() >= 3 {
		// On paper the conversation itself leaves no trace otherwise: room to note what was said.
		b.sub(b.c.T("wb.talk.notes"), 3*pitch)
		b.ruled(b.margin, b.bodyW, b.linesToBottom())
	}
}

// readingH is the least room a reading needs to start on a page.
func (b *book) readingH(id string) float64 {
	e := b.c.Entry(id)
	if e == nil {
		return 0
	}
	return 4 + stKicker.lead + b.textH(stSub, b.render(e.Title), b.bodyW) + 2 + 4*stBody.lead
}

// rebuilder is who is rebuilding trust: the couple's, or on paper the one the options name
// ("" when the couple ticks it on the cover).
func (b *book) rebuilder() data.Rebuilder {
	if b.d != nil {
		return b.d.Case.Rebuilding
	}
	return b.opt.Rebuilding
}

// reflectionSections are the reflection questions partner p of a couple answers: the partner
// rebuilding trust answers theirs, the hurt partner theirs, and when both rebuild, both answer both.
func (b *book) reflectionSections(p data.Partner) []string {
	var out []string
	for _, sec := range couple.QuestionSections(b.rebuilder(), p) {
		if sec != couple.SectionClarifying {
			out = append(out, sec)
		}
	}
	return out
}

func (b *book) rules() {
	sec := b.c.Section(data.SectionRules)
	b.chapter(SecRules, sec.Intro)
	for _, e := range sec.Entries {
		head := b.measureEntry(e.Code, b.render(e.Title), b.render(e.Text), b.margin, b.bodyW)
		var note []string
		if e.Note != "" {
			note = b.wrap(stNote, b.render(e.Note), b.bodyW-gutter)
		}
		b.ensure(head.height + 1 + linesH(stNote, note) + 11)
		head.print(b)
		if note != nil {
			b.gap(1)
			b.printLines(stNote, b.margin+gutter, b.bodyW-gutter, note, -1)
		}
		b.initials(e.ID)
	}
}

// initials are a box per partner to initial a rule; filled in when they acknowledged it.
func (b *book) initials(ruleID string) {
	y := b.y() + 2
	x := b.margin + gutter
	for _, p := range data.Partners {
		label := b.fit(stLabel, b.c.Tf("wb.rules.initials", b.name(p)), 50)
		b.use(stLabel)
		w := b.textW(label) + 2
		b.pdf.SetXY(x, y+1.5)
		b.put(w, stLabel.lead, label, "L")
		b.draw(line)
		b.pdf.Rect(x+w, y, 16, 7.5, "D")
		if b.d != nil && b.d.Acked(p, ruleID) {
			b.oneLine(style{fontSans, "B", 10, 7.5, gold}, x+w, y, 16, initialsOf(b.name(p)), "C")
		}
		x += w + 16 + 12
	}
	b.setY(y + 9)
}

func (b *book) steps() {
	sec := b.c.Section(data.SectionSteps)
	b.chapter(SecSteps, sec.Intro)
	var ps []prompt
	for _, e := range sec.Entries {
		var sp data.StepProgress
		if b.d != nil {
			sp = b.d.Step(e.ID)
		}
		ps = append(ps, prompt{
			head:   b.measureEntry(e.Code, b.render(e.Title), b.render(e.Text), b.margin, b.bodyW).withNote(b, e.Note),
			field:  b.c.T("wb.steps.done"),
			value:  b.date(sp.DoneOn),
			answer: b.written(sp.Note, b.privateNote(sp)),
			lines:  2,
		})
	}
	b.prompts(ps, endOfPage)
}

// privateNote reports whether a step's note is its author's alone: printed as a note that it
// exists, never its text, until they share it (the couple's rule, as for reflection answers).
func (b *book) privateNote(sp data.StepProgress) bool {
	if b.d == nil || strings.TrimSpace(sp.Note) == "" {
		return false
	}
	_, one := couple.StepNoteAuthor(b.d.Case.Rebuilding)
	return one && !sp.NoteShared
}
