package screens

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

func init() { stepScreens[app.StepSteps] = newSteps }

// stepsScreen is the checklist for the partner rebuilding trust: each step, when it was done,
// and a note.
type stepsScreen struct {
	e        *env
	Done     map[string]*widget.Check
	Date     map[string]*widget.Entry
	DateMsg  map[string]*widget.Label
	Note     map[string]*widget.Entry
	progress map[string]data.StepProgress
}

func newSteps(e *env) stepScreen {
	s := &stepsScreen{e: e, Done: map[string]*widget.Check{}, Date: map[string]*widget.Entry{},
		DateMsg: map[string]*widget.Label{}, Note: map[string]*widget.Entry{}, progress: map[string]data.StepProgress{}}
	for _, st := range e.content.Section(data.SectionSteps).Entries {
		id := st.ID
		p := e.d.Step(id)
		p.CaseID = e.caseID()
		s.progress[id] = p
		s.Date[id], s.DateMsg[id] = dateField(e, p.DoneOn, func(d data.Date) {
			s.update(id, func(p *data.StepProgress) { p.DoneOn = d })
			s.Done[id].SetChecked(!d.IsZero())
		})
		s.Done[id] = widget.NewCheck(e.t("ui.steps.done"), func(on bool) { s.tick(id, on) })
		s.Done[id].Checked = !p.DoneOn.IsZero()
		s.Note[id] = multiLine(p.Note, 2, func(text string) { s.update(id, func(p *data.StepProgress) { p.Note = text }) })
		s.Note[id].SetPlaceHolder(e.t("ui.steps.note"))
	}
	return s
}

// tick marks a step done today, or not done; a date typed by hand is kept if it is there.
func (s *stepsScreen) tick(id string, on bool) {
	p := s.progress[id]
	switch {
	case on && p.DoneOn.IsZero():
		today := data.DateOf(app.Now())
		s.update(id, func(p *data.StepProgress) { p.DoneOn = today })
		s.Date[id].SetText(today.String())
	case !on && !p.DoneOn.IsZero():
		s.update(id, func(p *data.StepProgress) { p.DoneOn = data.Date{} })
		s.Date[id].SetText("")
	}
}

func (s *stepsScreen) update(id string, change func(*data.StepProgress)) {
	p := s.progress[id]
	change(&p)
	s.progress[id] = p
	s.e.save("step."+id, func(ctx context.Context, st *data.Store) error { return st.SaveStep(ctx, p) })
}

func (s *stepsScreen) View() fyne.CanvasObject {
	e := s.e
	sec := e.content.Section(data.SectionSteps)
	who := e.tf("ui.steps.for", e.render("{Rebuilding}"))
	if e.d.Case.Rebuilding == data.RebuilderBoth {
		who = e.t("ui.steps.for.both")
	}
	body := []fyne.CanvasObject{note(who)}
	for _, st := range sec.Entries {
		id := st.ID
		date := container.NewBorder(nil, nil, s.Done[id], nil, container.NewGridWrap(fyne.NewSize(150, s.Date[id].MinSize().Height), s.Date[id]))
		body = append(body, card(subheading(st.Code+".  "+e.render(st.Title)), wrapped(e.render(st.Text)),
			container.NewHBox(date), s.DateMsg[id], s.Note[id]))
	}
	return page(sec.Title, sec.Intro, body...)
}
