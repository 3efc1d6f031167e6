package screens

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
//
// A numeric date that reads as two different days (3/4/2026 in English: 3 April or 4 March) is
// never guessed: Date refuses it, and Ask, shown under the field where the screen places it,
// names both days in words as buttons to choose from (or the month can be written in words).
type DateEntry struct {
	widget.Entry
	// OnChanged is called after every change of the text, as widget.Entry's; it hides the
	// entry's own (Entry.OnChanged), which first brings Ask up to date, so Ask is right by the
	// time OnChanged reads Date.
	OnChanged func(string)
	Pick      *widget.Button // opens the calendar

	Ask      *fyne.Container   // the question, hidden unless what is typed reads as two days
	Question *widget.Label     // in Ask: the text typed and what to do
	Readings [2]*widget.Button // in Ask: each day it can be, in words

	content  *data.Content
	readings [2]data.Date
	popUp    *widget.PopUp
}

// NewDateEntry returns an empty DateEntry for the language of content.
func NewDateEntry(content *data.Content) *DateEntry {
	e := &DateEntry{content: content}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(content.T("ui.date.placeholder"))
	e.Pick = widget.NewButtonWithIcon("", theme.Icon(theme.IconNameCalendar), e.openCalendar)
	e.Pick.Importance = widget.LowImportance
	e.ActionItem = e.Pick
	e.Question = widget.NewLabel("")
	e.Question.Wrapping = fyne.TextWrapWord
	for i := range e.Readings {
		e.Readings[i] = widget.NewButton("", func() { e.choose(i) })
	}
	e.Ask = container.NewVBox(e.Question, container.NewHBox(e.Readings[0], e.Readings[1]))
	e.Ask.Hide()
	e.Entry.OnChanged = e.changed
	return e
}

// changed asks which day is meant while the text reads as two, then tells OnChanged.
func (e *DateEntry) changed(text string) {
	_, err := e.content.ParseDate(text)
	var two *data.AmbiguousDateError
	if errors.As(err, &two) {
		e.readings = two.Readings
		e.Question.SetText(e.content.Tf("ui.date.which", two.Text))
		for i, d := range two.Readings {
			e.Readings[i].SetText(e.content.Date(d.Time()))
		}
		e.Ask.Show()
	} else {
		e.Ask.Hide()
	}
	if e.OnChanged != nil {
		e.OnChanged(text)
	}
}

// choose writes reading i in words, which reads as that day alone.
func (e *DateEntry) choose(i int) { e.picked(e.readings[i]) }

// picked shows d, chosen outside the text (a day of the question, of the calendar), and gives
// the keyboard back to the field with the cursor after the day: the button that had the
// keyboard goes away, and the cursor left where it was in the text typed before sat mid-word.
func (e *DateEntry) picked(d data.Date) {
	e.SetDate(d)
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
}

// Asking reports whether the field is asking which of two days is meant: nothing else needs
// saying about the text then.
func (e *DateEntry) Asking() bool { return e.Ask.Visible() }

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

// Date is the day typed, the zero Date when empty, or an error saying it cannot be read (a
// *data.AmbiguousDateError while Ask is asking which of two days is meant).
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
		if e.popUp != nil {
			e.popUp.Hide()
		}
		e.picked(d)
	})
	if w := windowOf(c); w != nil {
		cal.withRing(w)
	}
	e.popUp = widget.NewPopUp(cal, c)
	cal.onEscape = func() {
		e.popUp.Hide()
		c.Focus(e)
	}
	size := fyne.NewSize(max(e.Size().Width, cal.MinSize().Width), cal.MinSize().Height)
	e.popUp.ShowAtPosition(calendarPos(fyne.CurrentApp().Driver().AbsolutePositionForObject(e), e.Size(), size, c.Size()))
	e.popUp.Resize(size)
	// The keyboard goes into the month, on its day: it stayed outside, and only a tap reached it.
	c.Focus(cal.focusDay())
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

// windowOf is the window whose canvas c is, nil when none is.
func windowOf(c fyne.Canvas) fyne.Window {
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if w.Canvas() == c {
			return w
		}
	}
	return nil
}
