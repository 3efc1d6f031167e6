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
	month   time.Time // noon on the first day of the month shown

	Title      *widget.Label
	Prev, Next *widget.Button
	Days       []*widget.Button // the days of the month shown, the 1st first
	grid       *fyne.Container
	box        *fyne.Container
}

func newMonthPicker(content *data.Content, at time.Time, chosen data.Date, onPick func(data.Date)) *monthPicker {
	p := &monthPicker{content: content, chosen: chosen, onPick: onPick}
	p.Title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	p.Prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.show(p.month.AddDate(0, -1, 0)) })
	p.Next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.show(p.month.AddDate(0, 1, 0)) })
	p.grid = container.NewGridWithColumns(7)
	p.box = container.NewVBox(container.NewBorder(nil, nil, p.Prev, p.Next, p.Title), p.grid)
	p.ExtendBaseWidget(p)
	p.show(time.Date(at.Year(), at.Month(), 1, 12, 0, 0, 0, time.Local))
	return p
}

func (p *monthPicker) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.box) }

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
		b := widget.NewButton(strconv.Itoa(d.Day()), func() { p.onPick(day) })
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
