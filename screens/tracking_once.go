package screens

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/couple"
	"kintsugi/data"
)

// A commitment done once (the letter, a trip together) is tracked by the date it was done, not
// ticked day by day. The date is kept as a "kept" mark on that day, so the chart, the summary
// and the workbook read it like any other mark.

// doneDate is the first day a commitment was marked kept, or the zero date.
func doneDate(d *data.Dossier, id int64) data.Date {
	var done data.Date
	for _, m := range d.Marks {
		if m.CommitmentID == id && m.Mark == data.MarkKept && (done.IsZero() || m.Day.Before(done)) {
			done = m.Day
		}
	}
	return done
}

// loadDone makes the date field of a commitment done once.
func (s *trackingScreen) loadDone(cm data.Commitment) {
	if s.Done == nil {
		s.Done, s.doneOn, s.doneMsg = map[int64]*DateEntry{}, map[int64]data.Date{}, map[int64]*widget.Label{}
	}
	id := cm.ID
	s.doneOn[id] = doneDate(s.e.d, id)
	entry := NewDateEntry(s.e.content)
	entry.SetDate(s.doneOn[id])
	msg := newMessage()
	entry.OnChanged = func(text string) { s.setDone(id, entry, msg) }
	s.Done[id], s.doneMsg[id] = entry, msg
}

// setDone moves the commitment's done date: the old day's mark goes, the new day's is kept. A
// day the couple's rule does not let them mark (to come, or before the agreement) is refused
// here with the reason, as a tap on such a day is.
func (s *trackingScreen) setDone(id int64, entry *DateEntry, msg *widget.Label) {
	day, err := entry.Date()
	if entry.Asking() {
		say(msg, "")
		return
	}
	if err != nil {
		say(msg, s.e.tf("ui.date.bad", entry.Text))
		return
	}
	if !day.IsZero() {
		if err := couple.MarkDayAllowed(day, s.from, data.DateOf(app.Now())); err != nil {
			say(msg, plainReason(err))
			return
		}
	}
	say(msg, "")
	old := s.doneOn[id]
	if old == day {
		return
	}
	s.doneOn[id] = day
	caseID := s.e.caseID()
	s.e.save(fmt.Sprintf("done.%d", id), func(ctx context.Context, st *data.Store) error {
		if !old.IsZero() {
			if err := st.SetMark(ctx, caseID, data.TrackEntry{CommitmentID: id, Day: old, Mark: data.MarkNone}); err != nil {
				return err
			}
		}
		if day.IsZero() {
			return nil
		}
		return st.SetMark(ctx, caseID, data.TrackEntry{CommitmentID: id, Day: day, Mark: data.MarkKept})
	})
}

// doneRow is the date field standing in for the seven day cells, with its label.
func (s *trackingScreen) doneRow(id int64, width float32) fyne.CanvasObject {
	entry := s.Done[id]
	field := container.NewBorder(nil, nil, widget.NewLabel(s.e.t("ui.tracking.done")), nil, entry)
	return container.NewVBox(container.NewGridWrap(fyne.NewSize(width, entry.MinSize().Height), field), entry.Ask, s.doneMsg[id])
}
