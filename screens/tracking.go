package screens

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/couple"
	"kintsugi/data"
)

func init() { stepScreens[app.StepTracking] = newTracking }

// MaxWeeks is how far tracking goes: two years.
const MaxWeeks = 104

// trackingScreen is one week: the grid of agreed commitments by day, the trust rating, the
// three notes, and the trend over all weeks.
type trackingScreen struct {
	e         *env
	Week      int
	WeekPick  *widget.Select
	PrevWeek  *widget.Button
	NextWeek  *widget.Button
	Cells     map[int64][7]*widget.Button
	Done      map[int64]*DateEntry    // the date of a commitment done once (tracking_once.go)
	Counts    map[int64]*CountStepper // a commitment kept as a count (tracking_count.go)
	doneOn    map[int64]data.Date
	doneMsg   map[int64]*widget.Label
	Trust     []*widget.Button
	NoRating  *widget.Button
	Notes     [3]*TextArea // written together, with both at the keyboard
	Own       *weekNotes   // each partner's own (tracking_notes.go)
	Chart     *TrendChart
	Message   *widget.Label
	checkIn   data.CheckIn
	marks     map[int64][7]data.Mark
	weekNames []string
	from      data.Date // the first day that can be marked
}

func newTracking(e *env) stepScreen {
	week := max(e.d.Case.WeekOf(data.DateOf(app.Now())), e.d.LastTrackedWeek(), 1)
	return newTrackingAt(e, min(week, MaxWeeks))
}

// newTrackingAt builds the tracking screen at week; the list reaches one week past the
// current or last tracked one.
func newTrackingAt(e *env, week int) *trackingScreen {
	last := max(e.d.LastTrackedWeek(), e.d.Case.WeekOf(data.DateOf(app.Now())), week, 1)
	s := &trackingScreen{e: e, Week: week, Message: widget.NewLabel("")}
	for w := 1; w <= min(last+1, MaxWeeks); w++ {
		s.weekNames = append(s.weekNames, s.weekName(w))
	}
	s.WeekPick = widget.NewSelect(s.weekNames, func(name string) {
		for i, n := range s.weekNames {
			if n == name && i+1 != s.Week {
				s.ShowWeek(i + 1)
			}
		}
	})
	s.PrevWeek = widget.NewButton("‹", func() { s.ShowWeek(s.Week - 1) })
	s.NextWeek = widget.NewButton("›", func() { s.ShowWeek(s.Week + 1) })
	s.from = couple.TrackingFrom(e.d.Case.StartDate, e.d.Agreements)
	s.load()
	s.Chart = NewTrendChart(s.weeks(last))
	return s
}

// weeks sums up weeks 1 to n with this week as it is on screen, so that the chart follows
// each mark and rating as it is made (the saved dossier catches up later).
func (s *trackingScreen) weeks(n int) []data.WeekStats {
	out := s.e.d.Weeks(n)
	if s.Week < 1 || s.Week > n {
		return out
	}
	w := data.WeekStats{Week: s.Week, Trust: s.checkIn.Trust}
	for _, row := range s.marks {
		for _, m := range row {
			switch m {
			case data.MarkKept:
				w.Kept++
			case data.MarkMissed:
				w.Missed++
			case data.MarkNA:
				w.NA++
			}
		}
	}
	for _, c := range s.Counts {
		if c.count >= 0 {
			kept, missed := couple.CountKept(c.count, c.agreed)
			w.Kept, w.Missed = w.Kept+kept, w.Missed+missed
		}
	}
	out[s.Week-1] = w
	return out
}

// chartChanged redraws the trend after a mark or a rating.
func (s *trackingScreen) chartChanged() {
	if s.Chart != nil {
		s.Chart.Weeks = s.weeks(len(s.Chart.Weeks))
		s.Chart.Refresh()
	}
}

// dayAllowed is the couple's rule for marking a day of this week (couple.MarkDayAllowed).
func (s *trackingScreen) dayAllowed(day int) error {
	return couple.MarkDayAllowed(s.e.d.Case.WeekStart(s.Week).AddDays(day), s.from, data.DateOf(app.Now()))
}

func (s *trackingScreen) weekName(w int) string {
	start := s.e.d.Case.WeekStart(w)
	return s.e.tf("ui.tracking.week", w, s.e.content.DayMonth(start.Time()), s.e.content.Date(start.AddDays(6).Time()))
}

// ShowWeek switches to week w, after saving what is pending.
func (s *trackingScreen) ShowWeek(w int) {
	if w < 1 || w > len(s.weekNames) {
		return
	}
	s.e.couple.rebuild(func(e *env) stepScreen { return newTrackingAt(e, w) })
}

func (s *trackingScreen) load() {
	e := s.e
	s.checkIn = e.d.CheckIn(s.Week)
	s.marks = map[int64][7]data.Mark{}
	s.Cells = map[int64][7]*widget.Button{}
	for _, cm := range e.d.Agreed() {
		switch e.content.Tracking(cm) {
		case couple.TrackOnce:
			s.loadDone(cm)
			continue
		case couple.TrackWeekly:
			s.loadCount(cm)
			continue
		}
		var row [7]data.Mark
		var cells [7]*widget.Button
		for day := range 7 {
			row[day] = e.d.Mark(cm.ID, e.d.Case.WeekStart(s.Week).AddDays(day))
			id, d := cm.ID, day
			cells[day] = widget.NewButton("", func() { s.cycle(id, d) })
			if row[day] == data.MarkNone && s.dayAllowed(day) != nil {
				cells[day].Disable() // a day to come, or before the agreement: nothing to record
			}
		}
		s.marks[cm.ID], s.Cells[cm.ID] = row, cells
		s.paintRow(cm.ID)
	}
	s.Trust = make([]*widget.Button, 11)
	for v := range 11 {
		s.Trust[v] = widget.NewButton(strconv.Itoa(v), func() { s.rate(v) })
	}
	s.NoRating = widget.NewButton(e.t("ui.tracking.trust.none"), func() { s.rate(-1) })
	s.paintTrust()
	s.loadNotes()
	texts := [3]*string{&s.checkIn.WentWell, &s.checkIn.WasHard, &s.checkIn.Appreciated}
	for i := range s.Notes {
		if !couple.MayWriteTogether(e.keyboard()) {
			break // read as text by a partner alone (togetherRead)
		}
		n := NewTextArea()
		n.SetMinRowsVisible(3)
		n.SetText(*texts[i])
		n.OnChanged = func(text string) {
			*texts[i] = text
			s.saveCheckIn()
		}
		s.Notes[i] = n
	}
	if !s.canRate() {
		for _, b := range append(s.Trust, s.NoRating) {
			b.Disable()
		}
	}
}

// canRate: the trust rating is the hurt partner's to give.
func (s *trackingScreen) canRate() bool {
	p, one := s.e.keyboard().Partner()
	return !one || s.e.d.Case.Rebuilding.IsHurt(p)
}

var markCycle = map[data.Mark]data.Mark{data.MarkNone: data.MarkKept, data.MarkKept: data.MarkMissed, data.MarkMissed: data.MarkNA, data.MarkNA: data.MarkNone}

// cycle steps a cell through kept, missed, not applicable and empty.
func (s *trackingScreen) cycle(id int64, day int) {
	row := s.marks[id]
	switch err := s.dayAllowed(day); {
	case err != nil && row[day] == data.MarkNone:
		s.Message.SetText(plainReason(err))
		return
	case err != nil: // a mark from before the rule: it can only be cleared
		row[day] = data.MarkNone
	default:
		row[day] = markCycle[row[day]]
	}
	s.marks[id] = row
	s.paintRow(id)
	s.chartChanged()
	entry := data.TrackEntry{CommitmentID: id, Day: s.e.d.Case.WeekStart(s.Week).AddDays(day), Mark: row[day]}
	caseID := s.e.caseID()
	s.e.save(fmt.Sprintf("mark.%d.%s", id, entry.Day), func(ctx context.Context, st *data.Store) error {
		return st.SetMark(ctx, caseID, entry)
	})
}

func (s *trackingScreen) paintRow(id int64) {
	for day, b := range s.Cells[id] {
		m := s.marks[id][day]
		b.SetText(s.e.t("ui.tracking.mark." + markKey(m)))
		b.Importance = map[data.Mark]widget.Importance{data.MarkKept: widget.SuccessImportance,
			data.MarkMissed: widget.WarningImportance, data.MarkNA: widget.LowImportance}[m]
		b.Refresh()
	}
}

func markKey(m data.Mark) string {
	if m == data.MarkNone {
		return "none"
	}
	return string(m)
}

func (s *trackingScreen) rate(v int) {
	s.checkIn.Trust = v
	s.paintTrust()
	s.chartChanged()
	s.saveCheckIn()
}

func (s *trackingScreen) paintTrust() {
	for v, b := range s.Trust {
		b.Importance = widget.MediumImportance
		if v == s.checkIn.Trust {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
}

func (s *trackingScreen) saveCheckIn() {
	ci := s.checkIn
	ci.CaseID, ci.Week = s.e.caseID(), s.Week
	s.e.save(fmt.Sprintf("checkin.%d", s.Week), func(ctx context.Context, st *data.Store) error {
		return st.SaveCheckIn(ctx, ci)
	})
}

func (s *trackingScreen) View() fyne.CanvasObject {
	e := s.e
	s.WeekPick.SetSelected(s.weekNames[s.Week-1])
	if s.Week <= 1 {
		s.PrevWeek.Disable()
	}
	if s.Week >= len(s.weekNames) {
		s.NextWeek.Disable()
	}
	picker := container.NewHBox(container.NewGridWrap(fyne.NewSize(s.pickerWidth(), s.WeekPick.MinSize().Height),
		container.NewBorder(nil, nil, s.PrevWeek, s.NextWeek, s.WeekPick)))
	hurt := e.content.Render("{hurt}", e.d.Case.Names())
	var trust fyne.CanvasObject
	if s.canRate() {
		row := container.NewHBox()
		for _, b := range s.Trust {
			row.Add(b)
		}
		row.Add(s.NoRating)
		trust = row
	} else if s.checkIn.Trust >= 0 { // the hurt partner's rating, to read
		trust = wrapped(e.tf("ui.tracking.trust.given", hurt, s.checkIn.Trust))
	} else {
		trust = wrapped(e.tf("ui.tracking.trust.notyet", hurt))
	}
	chart := card(subheading(e.t("ui.tracking.chart")), note(e.t("ui.tracking.chart.legend")), s.Chart)
	body := []fyne.CanvasObject{picker, s.grid(),
		card(subheading(e.tf("ui.tracking.trust", hurt)), trust, note(e.t("ui.tracking.trust.scale")))}
	body = append(body, s.notesView()...)
	return page(e.t("ui.step.tracking"), e.t("ui.tracking.intro"), append(body, s.Message, chart)...)
}

// pickerWidth fits the longest week's name whole beside the two arrows: a week across two long
// months ("16 November – 22 November 2026") is wider than most, and a Select cuts what it lacks.
func (s *trackingScreen) pickerWidth() float32 {
	th := s.WeekPick.Theme()
	pad, inner := th.Size(theme.SizeNamePadding), th.Size(theme.SizeNameInnerPadding)
	var text float32
	for _, n := range s.weekNames {
		text = max(text, fyne.MeasureText(n, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width)
	}
	// The Select's own chrome: inner padding around the text and its drop-down icon.
	sel := text + 4*inner + th.Size(theme.SizeNameInlineIcon)
	return max(380, float32(math.Ceil(float64(sel+s.PrevWeek.MinSize().Width+s.NextWeek.MinSize().Width+2*pad))))
}

// grid lays the agreed commitments out by day, Monday to Sunday.
func (s *trackingScreen) grid() fyne.CanvasObject {
	e := s.e
	agreed := e.d.Agreed()
	if len(agreed) == 0 {
		return card(wrapped(e.t("ui.tracking.none")))
	}
	const cellW = 44
	head := container.NewHBox()
	for day := range 7 {
		date := e.d.Case.WeekStart(s.Week).AddDays(day).Time()
		l := widget.NewLabelWithStyle(e.content.Weekday(date)+"\n"+strconv.Itoa(date.Day()), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		head.Add(container.NewGridWrap(fyne.NewSize(cellW, l.MinSize().Height), l))
	}
	rows := container.NewVBox(container.NewBorder(nil, nil, nil, head))
	codes := e.content.CommitmentCodes(agreed)
	for _, cm := range agreed {
		var instead fyne.CanvasObject // a date or a count in place of the seven days
		switch e.content.Tracking(cm) {
		case couple.TrackOnce:
			instead = s.doneRow(cm.ID, 7*cellW+6*theme.Padding())
		case couple.TrackWeekly:
			instead = s.countRow(cm.ID, 7*cellW+6*theme.Padding(), cellW)
		}
		if instead != nil {
			label := widget.NewLabel(commitmentLabel(e, cm, codes[cm.ID]))
			label.Truncation = fyne.TextTruncateEllipsis
			rows.Add(container.NewBorder(nil, nil, nil, instead, label))
			continue
		}
		cells := container.NewHBox()
		for _, b := range s.Cells[cm.ID] {
			cells.Add(container.NewGridWrap(fyne.NewSize(cellW, b.MinSize().Height), b))
		}
		label := widget.NewLabel(commitmentLabel(e, cm, codes[cm.ID]))
		label.Truncation = fyne.TextTruncateEllipsis
		rows.Add(container.NewBorder(nil, nil, nil, cells, label))
	}
	legend := []fyne.CanvasObject{rows, note(e.t("ui.tracking.legend"))}
	if len(s.Counts) > 0 {
		legend = append(legend, note(e.t("ui.tracking.count.legend")))
	}
	return card(legend...)
}

// commitmentLabel is a commitment's code (data.Content.CommitmentCodes) and short title, for
// lists and grids.
func commitmentLabel(e *env, cm data.Commitment, code string) string {
	if entry := e.content.Entry(cm.CatalogID); entry != nil {
		return code + "  " + e.render(entry.Title)
	}
	return code + "  " + cm.CustomText
}
