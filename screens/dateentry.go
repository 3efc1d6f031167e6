package screens

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

// DateEntry is a day typed or chosen from a calendar, shown the way the couple's language writes
// it ("14 March 2026", "14 марта 2026") and read back in that language's ways (Content.ParseDate).
// Fyne's own widget.DateEntry follows the computer's locale, not the couple's language, and
// reads only that locale's numeric form: a Russian couple on an English computer would see and
// have to type 03/14/2026.
type DateEntry struct {
	widget.Entry
	content *data.Content
	Pick    *widget.Button // opens the calendar
	popUp   *widget.PopUp
}

// NewDateEntry returns an empty DateEntry for the language of content.
func NewDateEntry(content *data.Content) *DateEntry {
	e := &DateEntry{content: content}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(content.T("ui.date.placeholder"))
	e.Pick = widget.NewButtonWithIcon("", theme.Icon(theme.IconNameCalendar), e.openCalendar)
	e.Pick.Importance = widget.LowImportance
	e.ActionItem = e.Pick
	return e
}

// MinSize is wide enough for the longest date of the language, so none is cut where the
// entry sits in a row at its smallest (an empty entry is otherwise as wide as a few letters).
func (e *DateEntry) MinSize() fyne.Size {
	e.ExtendBaseWidget(e)
	min := e.Entry.MinSize()
	th := e.Theme()
	longest := float32(0)
	for m := time.January; m <= time.December; m++ {
		text := e.content.Date(time.Date(2026, m, 28, 0, 0, 0, 0, time.UTC))
		longest = max(longest, fyne.MeasureText(text, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width)
	}
	pad := th.Size(theme.SizeNameInnerPadding) + th.Size(theme.SizeNameInputBorder)
	icon := th.Size(theme.SizeNameInlineIcon) + 2*th.Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(max(min.Width, longest+2*pad+icon+th.Size(theme.SizeNamePadding)), min.Height)
}

// SetDate shows d in the language's words; the zero Date empties the entry.
func (e *DateEntry) SetDate(d data.Date) {
	if d.IsZero() {
		e.SetText("")
		return
	}
	e.SetText(e.content.Date(d.Time()))
}

// Date is the day typed, the zero Date when empty, or an error saying it cannot be read.
func (e *DateEntry) Date() (data.Date, error) { return e.content.ParseDate(e.Text) }

// openCalendar shows a month to pick the day from, at the day typed or today by the clock
// the rest of the app reads (app.Now), so the month matches what the app calls today.
func (e *DateEntry) openCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	at := app.Now()
	chosen, err := e.Date()
	if err == nil && !chosen.IsZero() {
		at = chosen.Time()
	}
	cal := newMonthPicker(e.content, at, chosen, func(d data.Date) {
		e.SetDate(d)
		if e.popUp != nil {
			e.popUp.Hide()
		}
		c.Focus(e)
	})
	e.popUp = widget.NewPopUp(cal, c)
	size := fyne.NewSize(max(e.Size().Width, cal.MinSize().Width), cal.MinSize().Height)
	e.popUp.ShowAtPosition(calendarPos(fyne.CurrentApp().Driver().AbsolutePositionForObject(e), e.Size(), size, c.Size()))
	e.popUp.Resize(size)
}

// calendarPos puts a month of size below the entry at pos, or above it when the window has no
// room below (a date near the bottom of the window), kept inside the window either way: a month
// cut by the window's edge cannot be picked from.
func calendarPos(pos fyne.Position, entry, size, window fyne.Size) fyne.Position {
	y := pos.Y + entry.Height
	if y+size.Height > window.Height {
		y = max(0, min(pos.Y-size.Height, window.Height-size.Height))
	}
	x := max(0, min(pos.X, window.Width-size.Width))
	return fyne.NewPos(x, y)
}
