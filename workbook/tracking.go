package workbook

import (
	"fmt"

	"kintsugi/data"
)

// blankRows is how many empty commitment rows a blank tracking sheet offers.
const blankRows = 8

// trackRow is one line of a tracking sheet: a commitment, or an empty row to write one in.
type trackRow struct {
	id    int64
	label string
}

func (b *book) trackRows() []trackRow {
	if b.d == nil || len(b.d.Agreed()) == 0 {
		return make([]trackRow, blankRows)
	}
	var rows []trackRow
	custom := 0
	for _, cm := range b.d.Agreed() {
		label := cm.CustomText
		if e := b.c.Entry(cm.CatalogID); e != nil {
			label = e.Code + "  " + b.render(e.Title)
		} else {
			custom++
			label = fmt.Sprintf("C.%d  %s", custom, label)
		}
		rows = append(rows, trackRow{id: cm.ID, label: label})
	}
	return rows
}

func (b *book) tracking() {
	rows := b.trackRows()
	// The chapter opens on a page of its own, so that every week is one sheet to itself.
	b.chapter(SecTracking, b.c.T("wb.tracking.intro"))
	b.para(b.c.T("wb.week.legend"))
	b.gap(2)
	b.para(b.c.T("wb.tracking.trust"))
	for w := 1; w <= b.opt.Weeks; w++ {
		b.pdf.AddPage()
		b.week(w, rows)
	}
}

// week is one tracking sheet: the grid of commitments by day, the trust scale, three notes.
func (b *book) week(w int, rows []trackRow) {
	pdf := b.pdf
	title := b.c.Tf("wb.week", w)
	pdf.Bookmark(b.clean(title), 1, -1)
	b.ensure(30)
	b.font(fontSans, "B", 15)
	b.color(ink)
	y := pdf.GetY()
	pdf.CellFormat(40, 8, b.clean(title), "", 0, "L", false, 0, "")
	b.font(fontSerif, "", 10)
	b.color(soft)
	if b.d != nil {
		start := b.d.Case.WeekStart(w)
		pdf.CellFormat(b.bodyW-40, 8, b.clean(b.c.Tf("wb.week.dates", b.date(start), b.date(start.AddDays(6)))), "", 1, "R", false, 0, "")
	} else {
		b.labelled(b.margin+b.bodyW-90, y+1, 90, b.c.T("wb.week.from"), "")
		pdf.SetY(y + 8)
	}
	b.gap(3)
	b.grid(w, rows)
	b.trustScale(w)
	b.weekNotes(w)
}

func (b *book) grid(w int, rows []trackRow) {
	pdf := b.pdf
	const rowH, headH = 8.5, 9
	labelW := b.bodyW - 7*13
	dayW := (b.bodyW - labelW) / 7
	header := func() {
		y := pdf.GetY()
		b.font(fontSans, "B", 8.5)
		b.color(soft)
		pdf.SetXY(b.margin, y)
		pdf.CellFormat(labelW, headH, b.clean(b.c.T("wb.week.commitment")), "", 0, "L", false, 0, "")
		for day := range 7 {
			label := b.c.T(fmt.Sprintf("wb.day.%d", day))
			if b.d != nil {
				label += " " + b.d.Case.WeekStart(w).AddDays(day).Time().Format("2")
			}
			pdf.CellFormat(dayW, headH, b.clean(label), "", 0, "C", false, 0, "")
		}
		pdf.SetY(y + headH)
		b.color(ink)
	}
	header()
	for i, r := range rows {
		if b.room() < rowH {
			pdf.AddPage()
			header()
		}
		y := pdf.GetY()
		if i%2 == 0 {
			b.fill(paper)
			pdf.Rect(b.margin, y, b.bodyW, rowH, "F")
		}
		b.font(fontSerif, "", 9.5)
		pdf.SetXY(b.margin+1.5, y)
		pdf.CellFormat(labelW-3, rowH, b.fit(r.label, labelW-4), "", 0, "L", false, 0, "")
		b.draw(line)
		for day := range 7 {
			x := b.margin + labelW + float64(day)*dayW
			cx, cy := x+dayW/2, y+rowH/2
			pdf.Rect(cx-2.6, cy-2.6, 5.2, 5.2, "D")
			if b.d == nil || r.id == 0 {
				continue
			}
			switch b.d.Mark(r.id, b.d.Case.WeekStart(w).AddDays(day)) {
			case data.MarkKept:
				b.tick(cx, cy, 4.6)
			case data.MarkMissed:
				b.cross(cx, cy, 4.2)
			case data.MarkNA:
				b.dash(cx, cy, 4.2)
			}
			b.draw(line)
		}
		pdf.SetY(y + rowH)
	}
	b.gap(1.5)
	b.note(b.margin, b.bodyW, b.c.T("wb.week.legend"))
}

// trustScale is 0-10 to circle; a recorded rating is filled in gold.
func (b *book) trustScale(w int) {
	pdf := b.pdf
	b.sub(b.c.Tf("wb.week.trust", b.render("{hurt}")), 16)
	rating := -1
	if b.d != nil {
		rating = b.d.CheckIn(w).Trust
	}
	y := pdf.GetY() + 5
	step := b.bodyW / 11
	for v := 0; v <= 10; v++ {
		cx := b.margin + step*(float64(v)+0.5)
		b.draw(soft)
		style := "D"
		if v == rating {
			b.fill(gold)
			b.draw(gold)
			style = "FD"
		}
		pdf.Circle(cx, y, 4.2, style)
		b.font(fontSans, "B", 10)
		b.color(ink)
		if v == rating {
			b.color([3]int{255, 255, 255})
		}
		pdf.SetXY(cx-4, y-3)
		pdf.CellFormat(8, 6, fmt.Sprint(v), "", 0, "C", false, 0, "")
	}
	b.color(soft)
	b.font(fontSans, "", 8)
	pdf.SetXY(b.margin, y+5)
	pdf.CellFormat(b.bodyW/2, 5, b.clean(b.c.T("wb.week.trust.low")), "", 0, "L", false, 0, "")
	pdf.CellFormat(b.bodyW/2, 5, b.clean(b.c.T("wb.week.trust.high")), "", 0, "R", false, 0, "")
	b.color(ink)
	pdf.SetY(y + 12)
}

// weekNotes are the three boxes; a box grows with what was written in it.
func (b *book) weekNotes(w int) {
	var ci data.CheckIn
	if b.d != nil {
		ci = b.d.CheckIn(w)
	}
	notes := []struct{ key, text string }{
		{"wb.week.went_well", ci.WentWell}, {"wb.week.was_hard", ci.WasHard}, {"wb.week.appreciated", ci.Appreciated},
	}
	for _, n := range notes {
		b.noteBox(b.c.T(n.key), n.text)
	}
}

func (b *book) noteBox(label, text string) {
	pdf := b.pdf
	b.font(fontSerif, "", 10)
	text = b.clean(text)
	lines := 0
	if text != "" {
		lines = len(pdf.SplitText(text, b.bodyW-8))
	}
	h := max(22, 11+float64(lines)*5.2)
	if h > b.pageH-2*b.margin-20 { // a very long note flows on instead of overflowing its box
		b.sub(label, 10)
		b.para(text)
		return
	}
	b.ensure(h + 3)
	y := pdf.GetY() + 1
	b.draw(line)
	pdf.RoundedRect(b.margin, y, b.bodyW, h, 2, "1234", "D")
	b.font(fontSans, "B", 9)
	b.color(soft)
	pdf.SetXY(b.margin+4, y+2)
	pdf.CellFormat(b.bodyW-8, 5, b.clean(label), "", 0, "L", false, 0, "")
	if text != "" {
		b.font(fontSerif, "", 10)
		b.color(ink)
		pdf.SetXY(b.margin+4, y+8)
		pdf.MultiCell(b.bodyW-8, 5.2, text, "", "L", false)
	}
	b.color(ink)
	pdf.SetY(y + h + 2)
}

// progress charts, week by week, the trust rating and the share of commitments kept.
func (b *book) progress() {
	b.chapter(SecProgress, b.c.T("wb.progress.intro"))
	last := max(b.d.LastTrackedWeek(), 1)
	weeks := b.d.Weeks(last)
	b.chart(weeks)
	b.progressTable(weeks)
}

func (b *book) chart(weeks []data.WeekStats) {
	pdf := b.pdf
	const h = 80
	b.ensure(h + 20)
	x0, y0 := b.margin+10, pdf.GetY()+4
	w := b.bodyW - 10
	b.font(fontSans, "", 8)
	b.color(soft)
	for _, v := range []int{0, 5, 10} {
		y := y0 + h*(1-float64(v)/10)
		b.draw(line)
		pdf.Line(x0, y, x0+w, y)
		pdf.SetXY(b.margin, y-2.5)
		pdf.CellFormat(8, 5, fmt.Sprint(v), "", 0, "R", false, 0, "")
	}
	slot := w / float64(len(weeks))
	var px, py float64
	have := false
	for i, wk := range weeks {
		x := x0 + slot*float64(i)
		if share, ok := wk.KeptShare(); ok {
			bh := h * share
			pdf.SetFillColor(234, 223, 194)
			pdf.Rect(x+slot*0.2, y0+h-bh, slot*0.6, bh, "F")
		}
		if len(weeks) <= 26 || (i+1)%4 == 0 {
			b.color(soft)
			pdf.SetXY(x, y0+h+1)
			pdf.CellFormat(slot, 5, fmt.Sprint(wk.Week), "", 0, "C", false, 0, "")
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
		pdf.Circle(cx, cy, 1.1, "F")
		px, py, have = cx, cy, true
	}
	pdf.SetY(y0 + h + 8)
	b.note(b.margin, b.bodyW, b.c.T("wb.progress.legend"))
	b.color(ink)
}

func (b *book) progressTable(weeks []data.WeekStats) {
	pdf := b.pdf
	b.sub(b.c.T("wb.progress.table"), 20)
	cols := []string{b.c.T("wb.progress.week"), b.c.T("wb.progress.trust"), b.c.T("wb.progress.kept"), b.c.T("wb.progress.missed")}
	colW := b.bodyW / float64(len(cols))
	row := func(cells []string, bold bool) {
		b.ensure(7)
		y := pdf.GetY()
		style := ""
		if bold {
			style = "B"
		}
		b.font(fontSans, style, 9)
		for i, c := range cells {
			pdf.SetXY(b.margin+float64(i)*colW, y)
			pdf.CellFormat(colW, 6.5, b.clean(c), "B", 0, "L", false, 0, "")
		}
		pdf.SetY(y + 6.5)
	}
	b.draw(line)
	row(cols, true)
	for _, wk := range weeks {
		if !wk.Tracked() {
			continue
		}
		trust, kept := "–", "–"
		if wk.Trust >= 0 {
			trust = fmt.Sprint(wk.Trust)
		}
		if share, ok := wk.KeptShare(); ok {
			kept = fmt.Sprintf("%.0f%%", share*100)
		}
		row([]string{fmt.Sprint(wk.Week), trust, kept, fmt.Sprint(wk.Missed)}, false)
	}
}
