package screens

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/couple"
	"kintsugi/data"
)

// A commitment kept a number of times a week (dinner at home five days a week) is counted for
// the whole week with a small stepper, not ticked day by day: "− 4 of 5 +". Both buttons take
// focus, so Tab and Space count as well as a pointer does.

// CountStepper is one commitment's count for the week on screen.
type CountStepper struct {
	Less, More *widget.Button
	Value      *widget.Label
	count      int // -1 while nothing is recorded for the week
	agreed     int // the agreed number, 0 when there is none
}

// loadCount makes the stepper of a commitment kept as a count.
func (s *trackingScreen) loadCount(cm data.Commitment) {
	if s.Counts == nil {
		s.Counts = map[int64]*CountStepper{}
	}
	n, ok := s.e.d.WeekCount(cm.ID, s.Week)
	if !ok {
		n = -1
	}
	c := &CountStepper{count: n, agreed: cm.Param, Value: widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})}
	id := cm.ID
	c.Less = widget.NewButton(s.e.t("ui.tracking.count.less"), func() { s.step(id, -1) })
	c.More = widget.NewButton(s.e.t("ui.tracking.count.more"), func() { s.step(id, +1) })
	s.Counts[id] = c
	s.paintCount(id)
}

// countAllowed is the couple's rule for counting this week (couple.CountWeekAllowed).
func (s *trackingScreen) countAllowed() error {
	return couple.CountWeekAllowed(s.e.d.Case.WeekStart(s.Week), s.from, data.DateOf(app.Now()))
}

// step counts one more or one less; one less than none clears the week's count.
func (s *trackingScreen) step(id int64, by int) {
	c := s.Counts[id]
	if err := s.countAllowed(); err != nil && !(by < 0 && c.count >= 0) {
		s.Message.SetText(plainReason(err))
		return
	}
	next := max(c.count+by, -1)
	if c.count < 0 && by > 0 {
		next = 1
	}
	if next > couple.MaxWeekCount {
		return
	}
	c.count = next
	s.paintCount(id)
	s.chartChanged()
	s.e.state.SaveWeekCount(s.e.caseID(), data.WeekCount{CommitmentID: id, Week: s.Week, Count: next})
}

func (s *trackingScreen) paintCount(id int64) {
	c := s.Counts[id]
	switch {
	case c.count < 0:
		c.Value.SetText(s.e.t("ui.tracking.count.none"))
	case c.agreed > 0:
		c.Value.SetText(s.e.tf("ui.tracking.count.of", c.count, c.agreed))
	default:
		c.Value.SetText(strconv.Itoa(c.count))
	}
	allowed := s.countAllowed() == nil
	enable(c.Less, c.count >= 0)
	enable(c.More, allowed && c.count < couple.MaxWeekCount)
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// countRow is the stepper standing in for the seven day cells, under the first three of them.
func (s *trackingScreen) countRow(id int64, width, cellW float32) fyne.CanvasObject {
	c := s.Counts[id]
	h := c.More.MinSize().Height
	value := container.NewGridWrap(fyne.NewSize(max(3*cellW, c.Value.MinSize().Width), h), c.Value)
	stepper := container.NewHBox(
		container.NewGridWrap(fyne.NewSize(cellW, h), c.Less), value, container.NewGridWrap(fyne.NewSize(cellW, h), c.More))
	return container.NewGridWrap(fyne.NewSize(width, h), container.NewHBox(stepper))
}
