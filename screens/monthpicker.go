package screens

import (
	"fmt"
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/data"
)

// monthPicker is a month to pick a day from, named in the couple's language ("Март 2026", "Пн"),
// its weeks starting on Monday as the tracking grid's do, the chosen day marked. Fyne's own
// Calendar names months and days in the computer's language, which cannot be changed while
// the app runs: a Russian couple on an English computer got an English month.
type monthPicker struct {
	widget.BaseWidget
	content *data.Content
	chosen  data.Date
	onPick  func(data.Date)
	// onEscape closes the month without a day picked: Escape on any of its buttons.
	onEscape func()
	month    time.Time // noon on the first day of the month shown
	at       data.Date // the day the month opened at (the chosen one, or today)

	Title      *widget.Label
	Prev, Next *dialogButton
	Days       []*dialogButton // the days of the month shown, the 1st first
	grid       *fyne.Container
	box        *fyne.Container
	// ring is drawn around the focused day or arrow: the month lies above the window's ring, and
	// Fyne's own sign of focus, a grey fill, hardly shows on the dark page or the gold day.
	ring *focusRing
}

func newMonthPicker(content *data.Content, at time.Time, chosen data.Date, onPick func(data.Date)) *monthPicker {
	p := &monthPicker{content: content, chosen: chosen, onPick: onPick, at: data.DateOf(at)}
	p.Title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	p.Prev = newDialogButton("", func() { p.show(p.month.AddDate(0, -1, 0)) }, p.escape)
	p.Prev.Icon = theme.NavigateBackIcon()
	p.Prev.onFocus = p.placeRing
	p.Next = newDialogButton("", func() { p.show(p.month.AddDate(0, 1, 0)) }, p.escape)
	p.Next.Icon = theme.NavigateNextIcon()
	p.Next.onFocus = p.placeRing
	p.grid = container.NewGridWithColumns(7)
	p.box = container.NewVBox(container.NewBorder(nil, nil, p.Prev, p.Next, p.Title), p.grid)
	p.ExtendBaseWidget(p)
	p.show(time.Date(at.Year(), at.Month(), 1, 12, 0, 0, 0, time.Local))
	return p
}

func (p *monthPicker) CreateRenderer() fyne.WidgetRenderer {
	if p.ring != nil {
		return widget.NewSimpleRenderer(withFocusRing(p.ring, p.box))
	}
	return widget.NewSimpleRenderer(p.box)
}

// withRing draws the focus ring in the month, in the window w it is shown in.
func (p *monthPicker) withRing(w fyne.Window) {
	p.ring = newFocusRing(w)
	p.ring.inDialog = true // it lives in a layer above the window's content, as a dialog's does
}

// placePopUpRing places again the ring around the focused button of a pop-up that draws its
// own (the calendar's month): its day takes focus as the month opens, before the window has
// laid the month out, and the ring placed then found nothing to go around.
func placePopUpRing(c fyne.Canvas) {
	if b, ok := c.Focused().(*dialogButton); ok && b.onFocus != nil {
		b.onFocus()
	}
}

func (p *monthPicker) placeRing() {
	if p.ring != nil {
		p.ring.Update()
	}
}

// show lays out the month that starts on first.
func (p *monthPicker) show(first time.Time) {
	p.month = first
	c := p.content
	p.Title.SetText(c.Tf("date.calendar.title", c.T(fmt.Sprintf("date.calendar.%d", int(first.Month()))), first.Year()))
	cells := make([]fyne.CanvasObject, 0, 7+6+31)
	monday := first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7))
	for i := range 7 {
		cells = append(cells, widget.NewLabelWithStyle(c.Weekday(monday.AddDate(0, 0, i)), fyne.TextAlignCenter, fyne.TextStyle{}))
	}
	for d := monday; d.Before(first); d = d.AddDate(0, 0, 1) {
		cells = append(cells, canvas.NewRectangle(color.Transparent))
	}
	p.Days = p.Days[:0]
	for d := first; d.Month() == first.Month(); d = d.AddDate(0, 0, 1) {
		day := data.DateOf(d)
		b := newDialogButton(strconv.Itoa(d.Day()), func() { p.onPick(day) }, p.escape)
		b.onFocus = p.placeRing
		b.Importance = widget.LowImportance
		if day == p.chosen {
			b.Importance = widget.HighImportance
		}
		p.Days = append(p.Days, b)
		cells = append(cells, b)
	}
	p.grid.Objects = cells
	p.grid.Refresh()
}

func (p *monthPicker) escape() {
	if p.onEscape != nil {
		p.onEscape()
	}
}

// focusDay is the day the keyboard starts on: the chosen one, else the day it opened at (today),
// when the month shown has it, else the 1st.
func (p *monthPicker) focusDay() *dialogButton {
	for _, d := range []data.Date{p.chosen, p.at} {
		if !d.IsZero() && d.Time().Year() == p.month.Year() && d.Time().Month() == p.month.Month() {
			return p.Days[d.Time().Day()-1]
		}
	}
	return p.Days[0]
}
