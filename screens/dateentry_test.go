package screens

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

// TestDatesShowAndReadInTheWindowsLanguage: every date field shows its day as the window's
// language writes it, reads what a person types in that language, and picks from a calendar.
func TestDatesShowAndReadInTheWindowsLanguage(t *testing.T) {
	r := newRig(t)
	r.win.SetLanguage("ru")
	c := r.couple(app.StepHappened)
	s := c.Current.(*happenedScreen)
	test.Type(s.Date, "14.03.2026")
	if s.DateMsg.Visible() {
		t.Errorf("14.03.2026 refused: %q", s.DateMsg.Text)
	}
	if d := r.dossier(); d.Incident.Date != data.NewDate(2026, 3, 14) {
		t.Errorf("stored %s", d.Incident.Date)
	}
	s.Date.SetText("")
	test.Type(s.Date, "2 апр 2026")
	if d := r.dossier(); d.Incident.Date != data.NewDate(2026, 4, 2) {
		t.Errorf("2 апр 2026 stored as %s", d.Incident.Date)
	}
	c.Show(app.StepHappened)
	if got := c.Current.(*happenedScreen).Date.Text; got != "2 апреля 2026" {
		t.Errorf("the date reopens as %q, want 2 апреля 2026", got)
	}

	c.Show(app.StepSteps)
	st := c.Current.(*stepsScreen)
	st.Date["STEP-04"].SetText("30 апреля 2026")
	if got := r.dossier().Step("STEP-04").DoneOn; got != data.NewDate(2026, 4, 30) {
		t.Errorf("step date stored as %s", got)
	}

	// The calendar button opens a month; tapping a day fills the field in the language.
	entry := st.Date["STEP-04"]
	test.Tap(entry.Pick)
	if entry.popUp == nil || !entry.popUp.Visible() {
		t.Fatal("the calendar did not open")
	}
	var day *widget.Button
	findButton(entry.popUp.Content, "12", &day)
	if day == nil {
		t.Fatal("no day 12 in the calendar")
	}
	test.Tap(day)
	if entry.Text != "12 апреля 2026" || entry.popUp.Visible() {
		t.Errorf("after picking the 12th: %q, calendar open %v", entry.Text, entry.popUp.Visible())
	}
	if got := r.dossier().Step("STEP-04").DoneOn; got != data.NewDate(2026, 4, 12) {
		t.Errorf("picked date stored as %s", got)
	}

	// The agreement's dates, in the example couple.
	r.win.ShowStart()
	ex := r.sample(app.StepAgreement)
	ag := ex.d.Agreements[0]
	a := ex.Current.(*agreementScreen)
	ru := r.state.Content()
	if a.Start.Text != ru.Date(ag.StartDate.Time()) || a.Review.Text != ru.Date(ag.ReviewDate.Time()) || ru.Language != "ru" {
		t.Errorf("agreement dates %q – %q, want %q – %q", a.Start.Text, a.Review.Text, ru.Date(ag.StartDate.Time()), ru.Date(ag.ReviewDate.Time()))
	}
}

// findButton finds the button labelled text inside o.
func findButton(o fyne.CanvasObject, text string, out **widget.Button) {
	switch w := o.(type) {
	case *widget.Button:
		if w.Text == text && *out == nil {
			*out = w
		}
	case *dialogButton: // a day of the calendar
		if w.Text == text && *out == nil {
			*out = &w.Button
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			findButton(c, text, out)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			findButton(c, text, out)
		}
	}
}

// TestCalendarOpensInsideTheWindow: a date near the bottom of the window (a one-off
// commitment's date at the foot of the tracking grid) opens its month above the field, whole,
// not below it where the window's edge cut off every day.
func TestCalendarOpensInsideTheWindow(t *testing.T) {
	test.NewTempApp(t)
	content, err := app.LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []string{"top", "bottom"} {
		e := NewDateEntry(content)
		e.SetDate(data.NewDate(2026, 9, 12))
		field := container.NewHBox(e)
		var body fyne.CanvasObject = container.NewBorder(field, nil, nil, nil)
		if at == "bottom" {
			body = container.NewBorder(nil, field, nil, nil)
		}
		w := test.NewTempWindow(t, body)
		w.Resize(fyne.NewSize(500, 500))
		test.Tap(e.Pick)
		if e.popUp == nil || !e.popUp.Visible() {
			t.Fatalf("%s: no calendar", at)
		}
		pos, size := e.popUp.Position(), e.popUp.Size()
		if win := w.Canvas().Size(); pos.Y < 0 || pos.Y+size.Height > win.Height+0.5 || pos.X+size.Width > win.Width+0.5 {
			t.Errorf("%s: the month at %v, %v leaves the window %v", at, pos, size, win)
		}
	}
}

// TestCalendarOpensAtTheAppsToday: an empty date opens the month of the app's today (app.Now),
// not the machine's.
func TestCalendarOpensAtTheAppsToday(t *testing.T) {
	pinNow(t, time.Date(2031, 3, 15, 12, 0, 0, 0, time.Local))
	test.NewTempApp(t)
	content, err := app.LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	e := NewDateEntry(content)
	w := test.NewTempWindow(t, container.NewBorder(container.NewHBox(e), nil, nil, nil))
	w.Resize(fyne.NewSize(500, 500))
	test.Tap(e.Pick)
	if e.popUp == nil {
		t.Fatal("no calendar")
	}
	var month []string
	walk(t, e.popUp.Content, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "20") {
			month = append(month, l.Text)
		}
	})
	if len(month) == 0 || month[0] != "March 2031" {
		t.Errorf("the calendar opens at %q, want March 2031", month)
	}
}

// TestCalendarSpeaksTheCouplesLanguage: the month picked from is named in the couple's
// language, whatever the computer's, its weeks start on Monday, the chosen day is marked, and
// the arrows move a month at a time.
func TestCalendarSpeaksTheCouplesLanguage(t *testing.T) {
	test.NewTempApp(t)
	content, err := app.LoadContent("ru")
	if err != nil {
		t.Fatal(err)
	}
	e := NewDateEntry(content)
	w := test.NewTempWindow(t, container.NewBorder(container.NewHBox(e), nil, nil, nil))
	w.Resize(fyne.NewSize(500, 500))
	e.SetDate(data.NewDate(2026, 4, 12))
	test.Tap(e.Pick)
	p, ok := e.popUp.Content.(*monthPicker)
	if !ok {
		t.Fatalf("the calendar is a %T", e.popUp.Content)
	}
	if p.Title.Text != "Апрель 2026" {
		t.Errorf("the month is named %q, want Апрель 2026", p.Title.Text)
	}
	if first := p.grid.Objects[0].(*widget.Label).Text; first != "Пн" {
		t.Errorf("the week starts with %q, want Пн", first)
	}
	// 1 April 2026 is a Wednesday: two empty cells after the seven day names.
	if got := p.grid.Objects[7+2]; got != p.Days[0] {
		t.Errorf("the 1st is not under Wednesday")
	}
	for i, b := range p.Days {
		if marked := b.Importance == widget.HighImportance; marked != (i == 11) {
			t.Errorf("day %s marked %v", b.Text, marked)
		}
	}
	test.Tap(p.Next)
	if p.Title.Text != "Май 2026" || len(p.Days) != 31 {
		t.Errorf("after the next arrow: %q with %d days", p.Title.Text, len(p.Days))
	}
	test.Tap(p.Days[4])
	if e.Text != "5 мая 2026" {
		t.Errorf("picking the 5th of May gives %q", e.Text)
	}
}

// TestAnAmbiguousDateIsAskedNotGuessed: in English, 3/4/2026 is 3 April to some readers and
// 4 March to others. Typed into any date field of the window, it is kept as typed and nothing is
// saved; the field asks, under it, which of the two days in words is meant, and the day chosen,
// by mouse or by keyboard, is the one stored.
func TestAnAmbiguousDateIsAskedNotGuessed(t *testing.T) {
	pinNow(t, time.Date(2026, 11, 29, 12, 0, 0, 0, time.Local))
	r := newRig(t)
	c := r.couple(app.StepHappened)
	ctx := r.state.Context()
	letter, err := r.st.SaveCommitment(ctx, data.Commitment{CaseID: r.state.CaseID(), CatalogID: "RIT-01", Cost: data.CostModerate, AgreedA: true, AgreedB: true})
	if err != nil {
		t.Fatal(err)
	}
	mar4, apr3 := data.NewDate(2026, 3, 4), data.NewDate(2026, 4, 3)
	for _, f := range []struct {
		step   string
		typed  string
		field  func() (*DateEntry, *widget.Label)
		stored func(*data.Dossier) data.Date
		pick   int
		want   data.Date
	}{
		{app.StepHappened, "3/4/2026",
			func() (*DateEntry, *widget.Label) { s := c.Current.(*happenedScreen); return s.Date, s.DateMsg },
			func(d *data.Dossier) data.Date { return d.Incident.Date }, 1, mar4},
		{app.StepSteps, "03.04.2026",
			func() (*DateEntry, *widget.Label) {
				s := c.Current.(*stepsScreen)
				test.Tap(s.Done["STEP-04"]) // done today, then the day it was really done is typed
				return s.Date["STEP-04"], s.DateMsg["STEP-04"]
			},
			func(d *data.Dossier) data.Date { return d.Step("STEP-04").DoneOn }, 0, apr3},
		{app.StepCommitments, "1/12/2026",
			func() (*DateEntry, *widget.Label) {
				s := c.Current.(*commitmentsScreen)
				return s.Review["PRED-17"], s.Message["PRED-17"]
			},
			func(d *data.Dossier) data.Date { return commitmentsByCatalog(d)["PRED-17"].ReviewDate }, 0, data.NewDate(2026, 12, 1)},
		{app.StepTracking, "5/3/2026",
			func() (*DateEntry, *widget.Label) {
				s := c.Current.(*trackingScreen)
				return s.Done[letter.ID], s.doneMsg[letter.ID]
			},
			func(d *data.Dossier) data.Date { return doneDate(d, letter.ID) }, 1, data.NewDate(2026, 5, 3)},
		{app.StepAgreement, "2/3/2026",
			func() (*DateEntry, *widget.Label) { s := c.Current.(*agreementScreen); return s.Start, s.Message },
			func(d *data.Dossier) data.Date { return d.Agreements[len(d.Agreements)-1].StartDate }, 0, data.NewDate(2026, 3, 2)},
	} {
		c.Show(f.step)
		entry, msg := f.field()
		before := f.stored(r.dossier())
		if entry.Text == "" {
			test.Type(entry, f.typed)
		} else {
			entry.SetText(f.typed)
		}
		if got := f.stored(r.dossier()); got != before {
			t.Errorf("%s: %q was saved as %s before anyone said which day", f.step, f.typed, got)
		}
		if entry.Text != f.typed || !entry.Asking() || msg.Visible() || !strings.Contains(entry.Question.Text, f.typed) {
			t.Errorf("%s: field %q, asking %v, message %q shown %v", f.step, entry.Text, entry.Asking(), msg.Text, msg.Visible())
		}
		if _, err := entry.Date(); err == nil {
			t.Errorf("%s: %q reads as one day", f.step, f.typed)
		}
		test.Tap(entry.Readings[f.pick])
		words := r.state.Content().Date(f.want.Time())
		if got := f.stored(r.dossier()); got != f.want || entry.Text != words || entry.Asking() || msg.Visible() && msg.Text != "" {
			t.Errorf("%s: chose %s: stored %s, field %q, asking %v, message %q", f.step, words, got, entry.Text, entry.Asking(), msg.Text)
		}
		if entry.CursorColumn != len([]rune(words)) {
			t.Errorf("%s: after choosing, the cursor sits at %d in %q, not after the day", f.step, entry.CursorColumn, words)
		}
	}

	// By keyboard alone: Tab reaches both days from the field, Space chooses, and the
	// keyboard is back in the field.
	c.Show(app.StepHappened)
	s := c.Current.(*happenedScreen)
	s.Date.SetText("")
	cv := r.win.Win.Canvas()
	cv.Focus(s.Date)
	test.Type(s.Date, "4/3/2026")
	if !s.Date.Asking() || s.Date.Readings[0].Text != "4 March 2026" || s.Date.Readings[1].Text != "3 April 2026" {
		t.Fatalf("4/3/2026 asks %v between %q and %q", s.Date.Asking(), s.Date.Readings[0].Text, s.Date.Readings[1].Text)
	}
	for i := 0; i < 4 && cv.Focused() != fyne.Focusable(s.Date.Readings[1]); i++ {
		cv.FocusNext()
	}
	if cv.Focused() != fyne.Focusable(s.Date.Readings[1]) {
		t.Fatalf("Tab from the field does not reach the second day; focus on %T", cv.Focused())
	}
	cv.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if got := r.dossier().Incident.Date; got != apr3 || cv.Focused() != fyne.Focusable(s.Date) {
		t.Errorf("Space on 3 April stored %s, focus on %T", got, cv.Focused())
	}

	// In Russian a numeric date is written day first only: 4.3.2026 is 4 March, asked of no one.
	r.win.SetLanguage("ru")
	c.Show(app.StepHappened)
	s = c.Current.(*happenedScreen)
	s.Date.SetText("")
	test.Type(s.Date, "4.3.2026")
	if got := r.dossier().Incident.Date; got != mar4 || s.Date.Asking() || s.DateMsg.Visible() {
		t.Errorf("ru: 4.3.2026 stored %s, asking %v, message %q", got, s.Date.Asking(), s.DateMsg.Text)
	}
}

// TestTheCalendarByKeyboard: the month opens with the keyboard on the chosen day (it stayed
// outside the month, which only a tap could reach), Escape closes it with the keyboard back in
// the field, and Enter on a day picks it.
func TestTheCalendarByKeyboard(t *testing.T) {
	r := newRig(t)
	r.couple(app.StepHappened)
	s := r.win.Couple.Current.(*happenedScreen)
	c := r.win.Win.Canvas()
	s.Date.SetText("14 March 2026")
	c.Focus(s.Date.Pick)
	press(c, fyne.KeySpace)
	if s.Date.popUp == nil || !s.Date.popUp.Visible() {
		t.Fatal("Space on the calendar button did not open the month")
	}
	day, ok := c.Focused().(*dialogButton)
	if !ok || day.Text != "14" {
		t.Fatalf("the month opened with %T focused, want its day 14", c.Focused())
	}
	// The ring shows it: the month lies above the window's ring, hidden under a pop-up.
	cal := s.Date.popUp.Content.(*monthPicker)
	if cal.ring == nil {
		t.Fatal("the month has no ring")
	}
	ringDrawn(t, c.Capture(), cal.ring, day)
	c.FocusNext()
	ringDrawn(t, c.Capture(), cal.ring, c.Focused().(fyne.CanvasObject))
	c.Focus(day)
	press(c, fyne.KeyEscape)
	if s.Date.popUp.Visible() || c.Focused() != s.Date {
		t.Errorf("after Escape: month shown %v, %T focused, want it closed and the field focused", s.Date.popUp.Visible(), c.Focused())
	}
	c.Focus(s.Date.Pick)
	press(c, fyne.KeySpace)
	c.FocusNext() // from the 14th to the 15th
	press(c, fyne.KeyReturn)
	if s.Date.Text != "15 March 2026" || s.Date.popUp.Visible() {
		t.Errorf("Enter on the 15th: the field says %q, the month shown %v", s.Date.Text, s.Date.popUp.Visible())
	}
}
