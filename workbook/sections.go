package workbook

import (
	"fmt"
	"slices"
	"strings"

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

func (b *book) cover() {
	pdf := b.pdf
	pdf.AddPage()
	b.fill(paper)
	pdf.Rect(0, 0, b.pageW, b.pageH, "F")
	b.seam()
	pdf.SetY(b.pageH * 0.34)
	b.font(fontSans, "B", 38)
	b.color(ink)
	pdf.CellFormat(b.bodyW, 16, b.clean(b.c.T("wb.title.short")), "", 1, "L", false, 0, "")
	b.font(fontSerif, "I", 15)
	b.color(soft)
	pdf.MultiCell(b.bodyW*0.8, 7.5, b.clean(b.c.T("wb.subtitle")), "", "L", false)
	b.gap(18)
	y := pdf.GetY()
	if b.d == nil {
		b.labelled(b.margin, y, b.bodyW*0.7, b.c.T("wb.cover.names"), "")
		b.labelled(b.margin, y+12, b.bodyW*0.7, b.c.T("wb.cover.started"), "")
	} else {
		b.font(fontSans, "B", 18)
		b.color(ink)
		pdf.MultiCell(b.bodyW, 9, b.clean(b.d.Case.Title()), "", "L", false)
		b.font(fontSerif, "", 11)
		b.color(soft)
		pdf.MultiCell(b.bodyW, 6, b.clean(b.c.Tf("wb.cover.since", b.date(b.d.Case.StartDate))), "", "L", false)
	}
	pdf.SetY(b.pageH - b.margin - 16)
	b.font(fontSerif, "I", 9)
	b.color(soft)
	pdf.MultiCell(b.bodyW, 4.6, b.clean(b.c.Tf("wb.cover.printed", b.opt.Now.Format(b.c.T("wb.dateformat")))), "", "L", false)
	b.color(ink)
	b.contents()
}

// seam is the cover's one ornament: a gold line, like the mended crack of a kintsugi bowl.
func (b *book) seam() {
	b.draw(gold)
	b.pdf.SetLineWidth(0.9)
	b.pdf.SetLineCapStyle("round")
	x0, y0 := b.pageW*0.62, b.pageH*0.08
	pts := [][2]float64{{0, 0}, {6, 18}, {-3, 31}, {9, 47}, {4, 60}, {15, 78}}
	for i := 1; i < len(pts); i++ {
		b.pdf.Line(x0+pts[i-1][0], y0+pts[i-1][1], x0+pts[i][0], y0+pts[i][1])
	}
	b.pdf.Line(x0+9, y0+47, x0+27, y0+52)
	b.pdf.SetLineCapStyle("butt")
	b.pdf.SetLineWidth(0.2)
}

// contents lists every section with the page it starts on.
func (b *book) contents() {
	pdf := b.pdf
	pdf.AddPage()
	b.headingText(b.c.T("wb.contents"))
	for _, sec := range b.opt.Sections {
		if sec == SecCover || (sec == SecProgress && b.d == nil) {
			continue
		}
		y := pdf.GetY()
		b.font(fontSerif, "", 11.5)
		b.color(ink)
		pdf.SetX(b.margin)
		title := b.fit(b.title(sec), b.bodyW-24)
		pdf.CellFormat(b.pdf.GetStringWidth(title)+2, 9, title, "", 0, "L", false, 0, "")
		x := pdf.GetX()
		b.draw(line)
		pdf.SetDashPattern([]float64{0.4, 1.4}, 0)
		pdf.Line(x+1, y+6.5, b.margin+b.bodyW-14, y+6.5)
		pdf.SetDashPattern(nil, 0)
		b.font(fontSans, "", 10.5)
		pdf.SetXY(b.margin+b.bodyW-12, y)
		pdf.CellFormat(12, 9, pageAlias(sec), "", 1, "L", false, 0, "")
	}
}

func (b *book) howTo() {
	b.chapter(SecHowTo, b.c.T("wb.howto.intro"))
	for _, key := range []string{"wb.howto.paper", "wb.howto.private", "wb.howto.time"} {
		b.para(b.c.T(key))
		b.gap(2)
	}
	if e := b.c.Entry("READ-TIME"); e != nil {
		b.sub(e.Title, 20)
		b.para(b.render(e.Text))
	}
	if e := b.c.Entry("SAFETY"); e != nil {
		b.gap(4)
		b.callout(e.Title, b.render(e.Text)+"\n\n"+b.c.T("wb.howto.safety.help"))
	}
}

// callout is a quiet framed note for what must not be missed, such as the safety note.
func (b *book) callout(title, text string) {
	pdf := b.pdf
	b.font(fontSerif, "", bodySize)
	lines := 0
	for _, p := range strings.Split(b.clean(text), "\n\n") {
		lines += len(pdf.SplitText(p, b.bodyW-12)) + 1
	}
	h := 14 + float64(lines)*bodyLine
	b.ensure(h)
	y := pdf.GetY()
	b.fill(paper)
	b.draw(gold)
	pdf.SetLineWidth(0.4)
	pdf.Rect(b.margin, y, b.bodyW, h, "FD")
	pdf.SetLineWidth(0.2)
	pdf.SetXY(b.margin+6, y+5)
	b.font(fontSans, "B", 11.5)
	pdf.MultiCell(b.bodyW-12, 6, b.clean(title), "", "L", false)
	pdf.SetY(pdf.GetY() + 1)
	b.paraAt(b.margin+6, b.bodyW-12, text, "")
	pdf.SetY(y + h + 4)
}

func (b *book) whatHappened() {
	sec := b.c.Section(data.SectionCauses)
	b.chapter(SecWhatHappened, sec.Intro)
	var in data.Incident
	if b.d != nil {
		in = b.d.Incident
	}
	for _, e := range sec.Entries {
		b.ensure(14)
		y := b.pdf.GetY() + 1
		b.box(b.margin, y+0.6, 4, slices.Contains(in.Causes, e.ID))
		b.font(fontSans, "B", 10)
		b.pdf.SetXY(b.margin+8, y)
		b.pdf.MultiCell(b.bodyW-8, 5.4, b.clean(b.render(e.Title)), "", "L", false)
		b.paraAt(b.margin+8, b.bodyW-8, b.render(e.Text), "")
		b.gap(1.5)
	}
	b.sub(b.c.T("wb.happened.description"), 30)
	b.answerFull(in.Description, 10)
	b.ensure(10)
	b.labelled(b.margin, b.pdf.GetY()+2, 90, b.c.T("wb.happened.date"), b.date(in.Date))
	b.gap(10)
}

// answerFull is an answer across the whole body width.
func (b *book) answerFull(text string, blankLines int) {
	if strings.TrimSpace(text) == "" {
		b.writingLines(b.margin, b.bodyW, blankLines)
		return
	}
	b.para(text)
	b.gap(3)
}

func (b *book) clarifying() {
	sec := b.c.Section(data.SectionClarifying)
	b.chapter(SecClarifying, sec.Intro)
	for i, p := range data.Partners {
		if i > 0 {
			b.pdf.AddPage()
		}
		b.questions(p, sec, b.c.Tf("wb.answers.of", b.name(p)))
	}
}

// questions prints one partner's answers to a section's questions, or room to write them.
func (b *book) questions(p data.Partner, sec *data.Section, heading string) {
	b.sub(heading, 20)
	for _, q := range sec.Entries {
		b.item(q.Code, b.render(q.Title), 14)
		b.indented(q.Text)
		text := ""
		if b.d != nil {
			if a := b.d.Answer(p, q.ID); a != nil {
				text = a.Text
				if !a.Shared && (a.Protected || strings.TrimSpace(text) != "") {
					b.note(b.margin+13, b.bodyW-13, b.c.T("wb.answer.private"))
					b.gap(2)
					continue
				}
			}
		}
		b.answer(text, 5)
	}
}

func (b *book) reflection() {
	b.chapter(SecReflection, b.c.T("wb.reflection.intro"))
	first := true
	for _, p := range data.Partners {
		for _, id := range b.reflectionSections(p) {
			if !first {
				b.pdf.AddPage()
			}
			first = false
			sec := b.c.Section(id)
			b.questions(p, sec, sec.Title+" · "+b.name(p))
		}
	}
}

// reflectionSections are the reflection questions partner p answers; in a blank workbook the
// roles are not known, so each set is printed once, for whoever it concerns.
func (b *book) reflectionSections(p data.Partner) []string {
	if b.d == nil {
		if p == data.PartnerA {
			return []string{data.SectionReflectRebuild}
		}
		return []string{data.SectionReflectHurt}
	}
	var out []string
	for _, sec := range couple.QuestionSections(b.d.Case.Rebuilding, p) {
		if sec != couple.SectionClarifying {
			out = append(out, sec)
		}
	}
	return out
}

func (b *book) rules() {
	b.listSection(SecRules, data.SectionRules, 16, func(e data.Entry) {
		if e.Note != "" {
			b.note(b.margin+13, b.bodyW-13, b.render(e.Note))
		}
		b.initials(e.ID)
		b.gap(2)
	})
}

// listSection opens a chapter with a content section's introduction and prints each entry's
// code, title and text, then more(entry) when more is given.
func (b *book) listSection(sec, contentID string, need float64, more func(data.Entry)) {
	s := b.c.Section(contentID)
	b.chapter(sec, s.Intro)
	for _, e := range s.Entries {
		b.item(e.Code, b.render(e.Title), need)
		b.indented(e.Text)
		if more != nil {
			more(e)
		}
	}
}

// initials are a box per partner to initial a rule; filled in when they acknowledged it.
func (b *book) initials(ruleID string) {
	b.ensure(10)
	y := b.pdf.GetY() + 1.5
	x := b.margin + 13
	for _, p := range data.Partners {
		label := b.c.Tf("wb.rules.initials", b.name(p))
		b.font(fontSans, "", 8.5)
		b.color(soft)
		b.pdf.SetXY(x, y)
		w := b.pdf.GetStringWidth(b.clean(label)) + 2
		b.pdf.CellFormat(w, 7, b.clean(label), "", 0, "L", false, 0, "")
		b.draw(line)
		b.pdf.Rect(x+w, y, 14, 7, "D")
		if b.d != nil && b.d.Acked(p, ruleID) {
			b.font(fontSans, "B", 10)
			b.color(gold)
			b.pdf.SetXY(x+w, y)
			b.pdf.CellFormat(14, 7, b.clean(initialsOf(b.name(p))), "", 0, "C", false, 0, "")
		}
		x += w + 24
	}
	b.color(ink)
	b.pdf.SetY(y + 8)
}

func initialsOf(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		out = append(out, []rune(w)[0])
		if len(out) == 3 {
			break
		}
	}
	return strings.ToUpper(string(out))
}

func (b *book) steps() {
	sec := b.c.Section(data.SectionSteps)
	b.chapter(SecSteps, sec.Intro)
	for _, e := range sec.Entries {
		var sp data.StepProgress
		if b.d != nil {
			sp = b.d.Step(e.ID)
		}
		b.item(e.Code, b.render(e.Title), 24)
		b.indented(e.Text)
		b.ensure(10)
		b.labelled(b.margin+13, b.pdf.GetY()+1.5, 60, b.c.T("wb.steps.done"), b.date(sp.DoneOn))
		b.gap(9)
		b.answer(sp.Note, 2)
	}
}

func (b *book) catalog() {
	b.chapter(SecCatalog, b.c.T("wb.catalog.intro"))
	for _, sec := range b.c.Catalog() {
		entries := sec.Entries
		if b.d != nil {
			entries = b.agreedIn(sec)
			if len(entries) == 0 {
				continue
			}
		}
		b.sub(sec.Code+"  "+sec.Title, 24)
		if b.d == nil {
			b.para(sec.Intro)
		}
		for _, e := range entries {
			b.commitment(e)
		}
	}
	if b.d != nil {
		b.customCommitments()
	}
}

func (b *book) agreedIn(sec *data.Section) []data.Entry {
	var out []data.Entry
	for _, e := range sec.Entries {
		for _, cm := range b.d.Agreed() {
			if cm.CatalogID == e.ID {
				out = append(out, e)
			}
		}
	}
	return out
}

func (b *book) commitmentOf(id string) *data.Commitment {
	if b.d == nil {
		return nil
	}
	for i, cm := range b.d.Commitments {
		if cm.CatalogID == id {
			return &b.d.Commitments[i]
		}
	}
	return nil
}

// commitment prints one catalog item: code, text, cost, its amount, caution and each partner's tick.
func (b *book) commitment(e data.Entry) {
	cm := b.commitmentOf(e.ID)
	b.item(e.Code, b.render(e.Title), 22)
	b.indented(e.Text)
	x := b.margin + 13
	b.ensure(9)
	y := b.pdf.GetY() + 1
	b.font(fontSans, "", 8.5)
	b.color(soft)
	b.pdf.SetXY(x, y)
	cost := b.c.Tf("wb.cost", b.c.CostLevel(e.Cost).Label)
	b.pdf.CellFormat(48, 6, b.clean(cost), "", 0, "L", false, 0, "")
	if p := e.Parameter; p != nil {
		value := ""
		if cm != nil && cm.Param > 0 {
			value = fmt.Sprint(cm.Param)
		}
		b.labelled(x+50, y, 52, p.Unit+":", value)
	}
	bx := b.margin + b.bodyW - 38
	for i, p := range data.Partners {
		agreed := cm != nil && cm.AgreedBy(p)
		b.font(fontSans, "", 8.5)
		b.color(soft)
		b.pdf.SetXY(bx+float64(i)*19, y)
		b.pdf.CellFormat(9, 6, b.clean(initialsOf(b.name(p))), "", 0, "R", false, 0, "")
		b.box(bx+float64(i)*19+10, y+1, 4, agreed)
	}
	b.color(ink)
	b.pdf.SetY(y + 7)
	if e.Caution != "" {
		b.note(x, b.bodyW-13, b.c.T("wb.caution")+" "+b.render(e.Caution))
	}
	if e.Monitoring {
		review := ""
		if cm != nil {
			review = b.date(cm.ReviewDate)
		}
		b.ensure(8)
		b.labelled(x, b.pdf.GetY()+1, 70, b.c.T("wb.review.by"), review)
		b.gap(8)
	}
	b.gap(1)
}

func (b *book) customCommitments() {
	var own []data.Commitment
	for _, cm := range b.d.Agreed() {
		if cm.CatalogID == "" {
			own = append(own, cm)
		}
	}
	if len(own) == 0 {
		return
	}
	b.sub(b.c.T("wb.catalog.own"), 16)
	for i, cm := range own {
		b.item(fmt.Sprintf("C.%d", i+1), cm.CustomText, 8)
		b.font(fontSans, "", 8.5)
		b.color(soft)
		b.pdf.SetX(b.margin + 13)
		b.pdf.CellFormat(60, 6, b.clean(b.c.Tf("wb.cost", b.c.CostLevel(cm.Cost).Label)), "", 1, "L", false, 0, "")
		b.color(ink)
	}
}
