package workbook

import (
	"fmt"
	"math"
	"strings"

	"kintsugi/couple"
	"kintsugi/data"
)

// blankRows is how many empty commitment rows a blank tracking sheet offers: as many as the
// blank agreement has lines.
const blankRows = agreementRows

// trackRow is one line of a tracking sheet: a commitment, or an empty row to write one in.
type trackRow struct {
	id          int64
	code, label string
	own         bool // the label is the couple's own words, a commitment they wrote
	track       couple.TrackKind
	param       int // for a count: the agreed number
}

func (b *book) trackRows() []trackRow {
	if b.d == nil || len(b.d.Agreed()) == 0 {
		return make([]trackRow, blankRows)
	}
	var rows []trackRow
	codes := b.c.CommitmentCodes(b.d.Agreed())
	for _, cm := range b.d.Agreed() {
		row := trackRow{id: cm.ID, code: codes[cm.ID], label: cm.CustomText, own: true}
		if e := b.c.Entry(cm.CatalogID); e != nil {
			row.label, row.own, row.track, row.param = b.render(e.Title), false, e.Track, cm.Param
		}
		rows = append(rows, row)
	}
	return rows
}

func (b *book) tracking() {
	b.chapter(SecTracking, b.c.T("wb.tracking.intro"))
	b.flow(stBody, b.margin, b.bodyW, b.c.T("wb.week.legend"))
	b.gap(2)
	b.legend(b.margin, b.y())
	b.gap(10)
	b.flow(stBody, b.margin, b.bodyW, b.render(b.c.T("wb.tracking.trust")))
	b.reading("READ-TIME")
	rows := b.trackRows()
	for w := 1; w <= b.weeks; w++ {
		b.newPage()
		b.week(w, rows)
	}
}

// legend shows the three marks as they are drawn in the grid, with their meaning.
func (b *book) legend(x, y float64) {
	marks := []struct {
		m   data.Mark
		key string
	}{{data.MarkKept, "wb.mark.kept"}, {data.MarkMissed, "wb.mark.missed"}, {data.MarkNA, "wb.mark.na"}}
	for _, m := range marks {
		b.draw(line)
		b.pdf.Rect(x, y+0.4, 5, 5, "D")
		b.mark(m.m, x+2.5, y+2.9)
		label := b.fit(stLabel, b.c.T(m.key), 45)
		b.use(stLabel)
		b.pdf.SetXY(x+7, y+0.8)
		lw := b.textW(label)
		b.put(lw, stLabel.lead, label, "L")
		x += 7 + lw + 9
	}
}

// week is one tracking sheet: the grid of commitments by day, the trust scale, three notes.
func (b *book) week(w int, rows []trackRow) {
	pdf := b.pdf
	title := b.c.Tf("wb.week", w)
	pdf.Bookmark(b.clean(title), 1, -1)
	// What spills onto the next page (a long grid, a shared note) is marked with its week.
	b.cont = b.c.Tf("wb.week.continued", w)
	defer func() { b.cont = "" }()
	y := b.y()
	st := style{fontSans, "B", 15, 8, ink}
	b.oneLine(st, b.margin, y, 60, title, "L")
	if b.d != nil {
		start := b.d.Case.WeekStart(w)
		dates := b.c.Tf("wb.week.dates", b.date(start), b.date(start.AddDays(6)))
		b.oneLine(style{fontSerif, "", 10, 8, soft}, b.margin+60, y+0.6, b.bodyW-60, dates, "R")
	} else {
		b.field(b.margin+b.bodyW-104, y+1.5, 56, b.c.T("wb.week.from"), "")
		b.field(b.margin+b.bodyW-44, y+1.5, 44, b.c.T("wb.week.to"), "")
	}
	b.setY(y + 12)
	b.grid(w, rows)
	b.ensure(9)
	b.legend(b.margin, b.y()+1.5)
	b.gap(9)
	b.trustScale(w)
	b.weekNotes(w)
}

const rowH, dayW = 8.4, 12.6

func (b *book) grid(w int, rows []trackRow) {
	pdf := b.pdf
	labelW := b.bodyW - 7*dayW
	header := func() {
		y := b.y()
		b.oneLine(stLabelB, b.margin+1.5, y+1.8, 11, b.c.T("wb.agreement.code"), "L")
		b.oneLine(stLabelB, b.margin+13, y+1.8, labelW-15, b.c.T("wb.week.commitment"), "L")
		for day := range 7 {
			label := b.c.T(fmt.Sprintf("date.weekday.%d", day))
			if b.d != nil {
				label = b.c.Tf("wb.day.date", label, b.d.Case.WeekStart(w).AddDays(day).Time().Day())
			}
			b.oneLine(stLabelB, b.margin+labelW+float64(day)*dayW, y+1.8, dayW, label, "C")
		}
		b.draw(line)
		pdf.Line(b.margin, y+8, b.margin+b.bodyW, y+8)
		b.setY(y + 8)
	}
	header()
	for i, r := range rows {
		if b.room() < rowH {
			b.newPage()
			header()
		}
		y := b.y()
		if i%2 == 0 {
			b.fill(paper)
			pdf.Rect(b.margin, y, b.bodyW, rowH, "F")
		}
		if r.code != "" {
			b.oneLine(style{fontSans, "B", 9, rowH, gold}, b.margin+1.5, y, 11, r.code, "L")
		} else if r.id == 0 { // on paper: a place for the code, then the commitment
			b.draw(line)
			pdf.Line(b.margin+1.5, y+rowH-1.8, b.margin+11, y+rowH-1.8)
			pdf.Line(b.margin+13, y+rowH-1.8, b.margin+labelW-3, y+rowH-1.8)
		}
		align := "L"
		if r.own {
			align = alignStart
		}
		b.oneLine(style{fontSerif, "", 9.5, rowH, ink}, b.margin+13, y, labelW-15, r.label, align)
		switch r.track {
		case couple.TrackWeekly:
			b.countCell(w, r, b.margin+labelW, y, 7*dayW)
		case couple.TrackOnce:
			b.doneCell(w, r, b.margin+labelW, y, 7*dayW)
		default:
			for day := range 7 {
				cx := b.margin + labelW + (float64(day)+0.5)*dayW
				cy := y + rowH/2
				b.draw(line)
				pdf.Rect(cx-2.6, cy-2.6, 5.2, 5.2, "D")
				if b.d != nil && r.id != 0 {
					b.mark(b.d.Mark(r.id, b.d.Case.WeekStart(w).AddDays(day)), cx, cy)
				}
			}
		}
		b.setY(y + rowH)
	}
}

// countCell is a commitment kept a number of times a week (dinner at home five days a week):
// one count for the week, not a tick per day. Filled, it is the count recorded for that week
// (blank when none was).
func (b *book) countCell(w int, r trackRow, x, y, width float64) {
	value := ""
	if b.d != nil {
		if n, ok := b.d.WeekCount(r.id, w); ok {
			value = fmt.Sprint(n)
			if r.param > 0 {
				value = b.c.Tf("wb.week.tally.of", n, r.param)
			}
		}
	}
	b.field(x+2, y+1, width-4, b.c.T("wb.week.tally"), value)
}

// doneCell is a commitment done once (the letter, a trip): the date it was done, carried on
// every later week once it is.
func (b *book) doneCell(w int, r trackRow, x, y, width float64) {
	var done data.Date
	if b.d != nil {
		end := b.d.Case.WeekStart(w).AddDays(6)
		for _, m := range b.d.Marks {
			if m.CommitmentID == r.id && m.Mark == data.MarkKept && !end.Before(m.Day) && (done.IsZero() || m.Day.Before(done)) {
				done = m.Day
			}
		}
	}
	value := b.date(done)
	b.field(x+2, y+1, width-4, b.c.T("wb.week.done"), value)
}

// trustScale is 0-10 to circle; a recorded rating is filled in gold.
func (b *book) trustScale(w int) {
	pdf := b.pdf
	question := b.c.Tf("wb.week.trust", b.render("{hurt}"))
	b.sub(question, 16)
	rating := -1
	if b.d != nil {
		rating = b.d.CheckIn(w).Trust
	}
	y := b.y() + 4.5
	step := b.bodyW / 11
	for v := 0; v <= 10; v++ {
		cx := b.margin + step*(float64(v)+0.5)
		num := style{fontSans, "B", 10, 6, ink}
		b.draw(soft)
		pdf.SetLineWidth(0.3)
		if v == rating {
			b.fill(gold)
			b.draw(gold)
			pdf.Circle(cx, y, 4.3, "FD")
			num.color = white
		} else {
			pdf.Circle(cx, y, 4.3, "D")
		}
		pdf.SetLineWidth(0.2)
		b.oneLine(num, cx-4, y-3, 8, fmt.Sprint(v), "C")
	}
	b.oneLine(stLabel, b.margin, y+5.5, b.bodyW/2, b.c.T("wb.week.trust.low"), "L")
	b.oneLine(stLabel, b.margin+b.bodyW/2, y+5.5, b.bodyW/2, b.c.T("wb.week.trust.high"), "R")
	b.setY(y + 13)
}

// weekNotes are the three boxes. Empty, they share the rest of the page, ruled to write on;
// a box grows with what was written in it, and a very long note flows on across pages.
func (b *book) weekNotes(w int) {
	var ci data.CheckIn
	if b.d != nil {
		ci = b.d.CheckIn(w)
	}
	notes := []struct{ key, text string }{
		{"wb.week.went_well", ci.WentWell}, {"wb.week.was_hard", ci.WasHard}, {"wb.week.appreciated", ci.Appreciated},
	}
	minBox, boxGap := b.emptyBoxes()
	for _, n := range notes {
		b.noteBox(b.c.T(n.key), n.text, minBox)
		b.gap(boxGap)
	}
	b.partnerNotes(w)
}

// partnerNotesH is the least room the partners' own notes take on a week's sheet: their label
// and two ruled lines.
const partnerNotesH = 7 + 2*pitch

// emptyBoxes are the height of a week's empty note box and the gap under each box: 24 and 3 mm,
// closer and lower on a short page (US Letter) so that the partners' own notes still fit under
// the three boxes, down to a box that keeps one line to write on.
func (b *book) emptyBoxes() (h, gap float64) {
	const full, least = 24.0, 20.0
	if b.room()-3*(full+3) >= partnerNotesH {
		return full, 3
	}
	gap = 2
	return max(least, min(full, (b.room()-3*gap-partnerNotesH)/3)), gap
}

// partnerNotes are each partner's own notes on the week: one its author shared prints as
// written, marked with their name; a private one never prints (couple.InPrint), and the rest of
// the page is ruled for it instead, a column for each partner still to write on paper.
func (b *book) partnerNotes(w int) {
	var blank []data.Partner
	for _, p := range data.Partners {
		if b.d != nil {
			if n := b.d.WeekNote(w, p); couple.InPrint(n.Shared) && strings.TrimSpace(n.Text) != "" {
				b.noteBox(b.c.Tf("wb.week.notes", b.name(p)), n.Text, 0)
				b.gap(3)
				continue
			}
		}
		blank = append(blank, p)
	}
	n := int((b.room() - 7 + 1e-6) / pitch)
	if n < 2 || len(blank) == 0 {
		return
	}
	y := b.y()
	colW := (b.bodyW - 8*float64(len(blank)-1)) / float64(len(blank))
	for i, p := range blank {
		x := b.margin + float64(i)*(colW+8)
		b.oneLine(stLabelB, x, y, colW, b.c.Tf("wb.week.notes", b.name(p)), "L")
		b.setY(y + 4)
		b.ruled(x, colW, n)
	}
}

func (b *book) noteBox(label, text string, minH float64) {
	pdf := b.pdf
	const pad = 4.0
	lines := b.written(text, false).lines
	textW := b.bodyW - 2*pad
	if lines != nil {
		lines = b.wrapOwn(stAnswer, text, textW)
	}
	h := max(minH, 9+linesH(stAnswer, lines)+pad)
	if lines != nil {
		// Written in, a box is as tall as its text: the room to write by hand is for an empty
		// box, and a week's three filled boxes then keep to its sheet on US Letter too.
		h = 9 + linesH(stAnswer, lines) + pad
	}
	// Longer than a new page holds (under the line naming the week it carries on): it flows
	// on instead of overflowing a box.
	if h > b.pageRoom() {
		b.sub(label, 3*stAnswer.lead)
		b.printLines(stAnswer, b.margin+pad, textW, lines, b.margin+0.6)
		return
	}
	b.ensure(h)
	if b.atTop() && lines == nil {
		h = max(minH, (b.bodyH()-6)/3)
	}
	y := b.y()
	b.draw(line)
	pdf.SetLineWidth(0.25)
	pdf.RoundedRect(b.margin, y, b.bodyW, h, 2, "1234", "D")
	pdf.SetLineWidth(0.2)
	b.oneLine(stLabelB, b.margin+pad, y+2.5, textW, label, "L")
	if lines != nil {
		b.setY(y + 9)
		b.printLines(stAnswer, b.margin+pad, textW, lines, -1)
	} else {
		b.draw(paperLine)
		for ly := y + 9 + pitch; ly < y+h-2; ly += pitch {
			pdf.Line(b.margin+pad, ly, b.margin+b.bodyW-pad, ly)
		}
	}
	b.setY(y + h)
}

// paperLine is the faint ruling inside the note boxes.
var paperLine = [3]int{226, 221, 210}

// progress charts, week by week, the trust rating and the share of commitments kept.
func (b *book) progress() {
	if b.d == nil {
		// On paper: an empty chart, ruled at every point of the scale, to plot week by week.
		b.chapter(SecProgress, b.c.T("wb.progress.blank"))
		weeks := make([]data.WeekStats, b.weeks)
		for i := range weeks {
			weeks[i] = data.WeekStats{Week: i + 1, Trust: -1}
		}
		b.chart(weeks)
		return
	}
	b.chapter(SecProgress, b.c.T("wb.progress.intro"))
	last := b.d.LastTrackedWeek()
	if last == 0 {
		b.flow(stNote, b.margin, b.bodyW, b.c.T("wb.progress.none"))
		return
	}
	weeks := b.d.Weeks(last)
	b.chart(weeks)
	b.progressTable(weeks)
}

func (b *book) chart(weeks []data.WeekStats) {
	pdf := b.pdf
	const h, axisW = 78.0, 11.0
	b.ensure(h + 24)
	x0, y0 := b.margin+axisW, b.y()+4
	w := b.bodyW - 2*axisW
	scale := []int{0, 5, 10}
	if b.d == nil {
		scale = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	}
	for _, v := range scale {
		y := y0 + h*(1-float64(v)/10)
		b.draw(line)
		if v == 0 {
			b.draw(soft)
		}
		pdf.Line(x0, y, x0+w, y)
		b.oneLine(stLabel, b.margin, y-2.3, axisW-2, fmt.Sprint(v), "R")
		b.oneLine(stLabel, x0+w+2, y-2.3, axisW-2, b.c.Tf("wb.progress.percent", v*10), "L")
	}
	slot := w / float64(len(weeks))
	every := labelEvery(len(weeks))
	var px, py float64
	have := false
	for i, wk := range weeks {
		x := x0 + slot*float64(i)
		if share, ok := wk.KeptShare(); ok {
			bh := h * share
			bw := min(slot*0.64, 9)
			b.fill(pale)
			pdf.Rect(x+(slot-bw)/2, y0+h-bh, bw, bh, "F")
		}
		if b.d == nil {
			b.draw(paperLine)
			pdf.Line(x+slot/2, y0, x+slot/2, y0+h)
		}
		if wk.Week == 1 || wk.Week%every == 0 {
			b.oneLine(stLabel, x-4, y0+h+1.5, slot+8, fmt.Sprint(wk.Week), "C")
		}
		if wk.Trust < 0 {
			have = false
			continue
		}
		cx, cy := x+slot/2, y0+h*(1-float64(wk.Trust)/10)
		b.draw(gold)
		if have {
			pdf.SetLineWidth(0.8)
			pdf.Line(px, py, cx, cy)
			pdf.SetLineWidth(0.2)
		}
		b.fill(gold)
		pdf.Circle(cx, cy, math.Min(1.2, slot*0.3), "F")
		px, py, have = cx, cy, true
	}
	b.oneLine(stLabel, x0, y0+h+6, w, b.c.T("wb.progress.week"), "C")
	// the key: a gold line with a dot for trust, a pale bar for commitments kept
	y := y0 + h + 14
	b.draw(gold)
	pdf.SetLineWidth(0.8)
	pdf.Line(x0, y+2.5, x0+8, y+2.5)
	pdf.SetLineWidth(0.2)
	b.fill(gold)
	pdf.Circle(x0+4, y+2.5, 1.1, "F")
	trust, kept := b.c.T("wb.progress.key.trust"), b.c.T("wb.progress.key.kept")
	b.oneLine(stLabel, x0+10, y, w-10, trust, "L")
	// The two keys share a line when both fit their half, and stand one under the other when
	// the language makes them longer, so neither is cut.
	kx := x0 + w/2
	b.use(stLabel)
	if b.textW(trust) > w/2-12 || b.textW(kept) > w/2-8 {
		kx, y = x0+2, y+6
	}
	b.fill(pale)
	pdf.Rect(kx, y+0.5, 6, 4, "F")
	b.oneLine(stLabel, kx+8, y, x0+w-kx-8, kept, "L")
	b.setY(y + 10)
}

// labelEvery picks how often the chart labels its weeks, so the numbers never crowd.
func labelEvery(n int) int {
	for _, e := range []int{1, 2, 4, 8, 13} {
		if n/e <= 26 {
			return e
		}
	}
	return 26
}

func (b *book) progressTable(weeks []data.WeekStats) {
	pdf := b.pdf
	cols := []string{b.c.T("wb.progress.week"), b.c.T("wb.progress.dates"), b.c.T("wb.progress.trust"),
		b.c.T("wb.progress.kept"), b.c.T("wb.progress.missed")}
	// The week and number columns are as wide as their headings need ("Пропущено дней"), and
	// at least a little room; the dates, the longest text in any language, take the rest.
	widths := []float64{0.10, 0, 0.12, 0.12, 0.12}
	b.use(stLabelB)
	rest := 1.0
	for i, c := range cols {
		if i != 1 {
			widths[i] = max(widths[i], (b.textW(c)+3)/b.bodyW)
			rest -= widths[i]
		}
	}
	widths[1] = rest
	const h = 6.4
	row := func(cells []string, st style) {
		y := b.y()
		x := b.margin
		for i, c := range cells {
			align := "L"
			if i >= 2 {
				align = "R"
			}
			cw := widths[i] * b.bodyW
			b.oneLine(style{st.family, st.face, st.size, h, st.color}, x, y, cw-2, c, align)
			x += cw
		}
		b.draw(line)
		pdf.Line(b.margin, y+h, b.margin+b.bodyW, y+h)
		b.setY(y + h)
	}
	header := func() { row(cols, stLabelB) }
	b.sub(b.c.T("wb.progress.table"), 3*h)
	header()
	var tracked []data.WeekStats
	for _, wk := range weeks {
		if wk.Tracked() {
			tracked = append(tracked, wk)
		}
	}
	for i, wk := range tracked {
		// The last week never goes over alone: the one before it goes with it.
		if b.room() < h || (len(tracked)-i == 2 && b.room() < 2*h) {
			b.newPage()
			header()
		}
		trust, kept := b.c.T("wb.progress.none.short"), b.c.T("wb.progress.none.short")
		if wk.Trust >= 0 {
			trust = fmt.Sprint(wk.Trust)
		}
		if share, ok := wk.KeptShare(); ok {
			kept = b.c.Tf("wb.progress.percent", int(math.Round(share*100)))
		}
		start := b.d.Case.WeekStart(wk.Week)
		dates := b.c.Tf("wb.week.dates", b.date(start), b.date(start.AddDays(6)))
		row([]string{fmt.Sprint(wk.Week), dates, trust, kept, fmt.Sprint(wk.Missed)}, style{fontSerif, "", 9.5, h, ink})
	}
}
