package screens

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"kintsugi/app"
	"kintsugi/couple"
	"kintsugi/data"
)

// whatIsDue says, in the couple's language, what their rhythm asks for today (couple.WhatIsDue).
func whatIsDue(c *data.Content, d *data.Dossier) []string {
	today := data.DateOf(app.Now())
	checkedIn := d.CheckIn(d.Case.WeekOf(today)).Written()
	var out []string
	for _, due := range couple.WhatIsDue(today, checkedIn, d.Agreements, d.Commitments, app.Monitoring(c)) {
		switch due.Kind {
		case couple.DueCheckIn:
			out = append(out, c.Tf("ui.due.checkin", c.T("ui.step.tracking"))) // named as the list of steps names it
		case couple.DueReview:
			out = append(out, c.Tf("ui.due.review", c.Date(due.Date.Time())))
		case couple.DueAltered:
			out = append(out, c.T("ui.due.altered"))
		case couple.DueMonitoring:
			label := ""
			if e := c.Entry(commitmentCatalogID(d, due.CommitmentID)); e != nil {
				label = e.Code
			}
			out = append(out, c.Tf("ui.due.monitoring", label, c.Date(due.Date.Time())))
		}
	}
	return out
}

func commitmentCatalogID(d *data.Dossier, id int64) string {
	for _, cm := range d.Commitments {
		if cm.ID == id {
			return cm.CatalogID
		}
	}
	return ""
}

// refreshDue shows in the couple's header what is due, or nothing.
func (c *Couple) refreshDue() {
	due := whatIsDue(c.win.state.Content(), c.d)
	if len(due) == 0 {
		c.Due.SetText("")
		c.Due.Hide()
		return
	}
	c.Due.SetText(strings.Join(due, "\n"))
	c.Due.Show()
}

// askCalendar saves the open couple's rhythm as a calendar file (.ics).
func (w *Window) askCalendar() {
	if w.Couple == nil {
		return
	}
	w.state.Flush()
	d, c := w.Couple.d, w.state.Content()
	save := dialog.NewFileSave(func(uc fyne.URIWriteCloser, err error) {
		if err != nil || uc == nil {
			return
		}
		path := uc.URI().Path()
		uc.Close()
		if err := app.ExportCalendar(d, c, path); err != nil {
			w.showError(err)
			return
		}
		w.showInfo(c.T("ui.calendar.title"), fmt.Sprintf(c.T("ui.calendar.done"), path))
	}, w.Win)
	save.SetFileName("kintsugi-calendar.ics")
	save.SetFilter(storage.NewExtensionFileFilter([]string{".ics"}))
	w.afterEvent(save.Show)
}
