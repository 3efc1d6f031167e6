package screens

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/data"
)

// TrendChart draws, week by week, the hurt partner's trust rating (a theme.Color(theme.ColorNamePrimary) line, 0-10) over the
// share of commitments kept (soft bars, 0-100%).
type TrendChart struct {
	widget.BaseWidget
	Weeks []data.WeekStats
}

// NewTrendChart makes a chart of weeks.
func NewTrendChart(weeks []data.WeekStats) *TrendChart {
	c := &TrendChart{Weeks: weeks}
	c.ExtendBaseWidget(c)
	return c
}

func (c *TrendChart) CreateRenderer() fyne.WidgetRenderer {
	return &chartRenderer{chart: c}
}

type chartRenderer struct {
	chart   *TrendChart
	objects []fyne.CanvasObject
}

func (r *chartRenderer) MinSize() fyne.Size { return fyne.NewSize(320, 160) }

func (r *chartRenderer) Layout(size fyne.Size) { r.build(size) }

func (r *chartRenderer) Refresh() {
	r.build(r.chart.Size())
	canvas.Refresh(r.chart)
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *chartRenderer) Destroy() {}

// build lays the chart out anew: it is small, and rebuilding keeps the code simple.
func (r *chartRenderer) build(size fyne.Size) {
	r.objects = r.objects[:0]
	weeks := r.chart.Weeks
	if size.Width <= 0 || size.Height <= 0 {
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	faint := theme.Color(theme.ColorNameSeparator)
	const left, bottom, top = 28, 20, 6
	plotW, plotH := size.Width-left-6, size.Height-bottom-top
	if plotW <= 0 || plotH <= 0 {
		return
	}
	for _, v := range []int{0, 5, 10} { // trust gridlines
		y := top + plotH*(1-float32(v)/10)
		line := canvas.NewLine(faint)
		line.Position1, line.Position2 = fyne.NewPos(left, y), fyne.NewPos(left+plotW, y)
		label := canvas.NewText(strconv.Itoa(v), fg)
		label.TextSize = theme.CaptionTextSize()
		label.Move(fyne.NewPos(4, y-label.MinSize().Height/2))
		r.objects = append(r.objects, line, label)
	}
	if len(weeks) == 0 {
		return
	}
	slot := plotW / float32(len(weeks))
	bar := color.NRGBA{R: 0xB0, G: 0x8D, B: 0x34, A: 0x38}
	var prev *fyne.Position
	for i, w := range weeks {
		x := left + slot*float32(i)
		if share, ok := w.KeptShare(); ok {
			h := plotH * float32(share)
			rect := canvas.NewRectangle(bar)
			rect.Move(fyne.NewPos(x+slot*0.18, top+plotH-h))
			rect.Resize(fyne.NewSize(slot*0.64, h))
			r.objects = append(r.objects, rect)
		}
		if len(weeks) <= 26 || (i+1)%4 == 0 {
			label := canvas.NewText(strconv.Itoa(w.Week), fg)
			label.TextSize = theme.CaptionTextSize()
			label.Move(fyne.NewPos(x+slot/2-label.MinSize().Width/2, top+plotH+3))
			r.objects = append(r.objects, label)
		}
		if w.Trust < 0 {
			prev = nil
			continue
		}
		p := fyne.NewPos(x+slot/2, top+plotH*(1-float32(w.Trust)/10))
		if prev != nil {
			line := canvas.NewLine(theme.Color(theme.ColorNamePrimary))
			line.StrokeWidth = 2.5
			line.Position1, line.Position2 = *prev, p
			r.objects = append(r.objects, line)
		}
		dot := canvas.NewCircle(theme.Color(theme.ColorNamePrimary))
		dot.Move(p.Subtract(fyne.NewPos(4, 4)))
		dot.Resize(fyne.NewSize(8, 8))
		r.objects = append(r.objects, dot)
		prev = &p
	}
}
