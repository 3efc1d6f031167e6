package screens

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/couple"
	"kintsugi/data"
)

func init() { stepScreens[app.StepSteps] = newSteps }

// stepsScreen is the checklist for the partner rebuilding trust: each step, when it was done,
// and a note.
type stepsScreen struct {
	e       *env
	Done    map[string]*widget.Check
	Date    map[string]*DateEntry
	DateMsg map[string]*widget.Label
	Note    map[string]*TextArea
	// ShareNote lets the note's author share it; Private stands where a note not shared with
	// whoever is at the keyboard would be.
	ShareNote map[string]*widget.Check
	Private   map[string]*widget.Label
	progress  map[string]data.StepProgress
}

func newSteps(e *env) stepScreen {
	s := &stepsScreen{e: e, Done: map[string]*widget.Check{}, Date: map[string]*DateEntry{},
		DateMsg: map[string]*widget.Label{}, Note: map[string]*TextArea{}, ShareNote: map[string]*widget.Check{},
		Private: map[string]*widget.Label{}, progress: map[string]data.StepProgress{}}
	k, r := e.keyboard(), e.d.Case.Rebuilding
	author, oneAuthor := couple.StepNoteAuthor(r)
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
		// The steps are the rebuilding partner's to tick, alone or with the other beside them.
		if !couple.MayTickStep(k, r) {
			s.Done[id].Disable()
			s.Date[id].Disable()
		}
		s.addNote(id, p, k, r, author, oneAuthor)
	}
	return s
}

// addNote shows the note only to whom it is open: its author, or both once it is shared.
func (s *stepsScreen) addNote(id string, p data.StepProgress, k app.Keyboard, r data.Rebuilder, author data.Partner, oneAuthor bool) {
	e := s.e
	if !couple.CanSeeStepNote(k, r, p.NoteShared) {
		if p.Note != "" {
			s.Private[id] = note(e.tf("ui.steps.note.private", e.name(author)))
		}
		return
	}
	s.Note[id] = multiLine(p.Note, 2, func(text string) { s.update(id, func(p *data.StepProgress) { p.Note = text }) })
	s.Note[id].SetPlaceHolder(e.t("ui.steps.note"))
	if kp, alone := k.Partner(); oneAuthor && alone && kp == author {
		s.ShareNote[id] = widget.NewCheck(e.t("ui.steps.note.share"), func(on bool) {
			s.update(id, func(p *data.StepProgress) { p.NoteShared = on })
		})
		s.ShareNote[id].Checked = p.NoteShared
	} else if oneAuthor {
		s.Note[id].Disable() // shared with the other, still written only by its author
	}
}

// tick marks a step done today, or not done; a date typed by hand is kept if it is there.
func (s *stepsScreen) tick(id string, on bool) {
	p := s.progress[id]
	switch {
	case on && p.DoneOn.IsZero():
		today := data.DateOf(app.Now())
		s.update(id, func(p *data.StepProgress) { p.DoneOn = today })
		s.Date[id].SetDate(today)
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
		date := container.NewBorder(nil, nil, s.Done[id], nil, container.NewGridWrap(s.Date[id].MinSize(), s.Date[id]))
		parts := []fyne.CanvasObject{subheading(st.Code + ".  " + e.render(st.Title)), wrapped(e.render(st.Text))}
		if st.Note != "" { // the step's note, as the workbook prints it under the step
			parts = append(parts, note(e.render(st.Note)))
		}
		parts = append(parts, container.NewHBox(date), s.Date[id].Ask, s.DateMsg[id])
		for _, o := range []fyne.CanvasObject{s.Note[id], s.ShareNote[id], s.Private[id]} {
			if !isNil(o) {
				parts = append(parts, o)
			}
		}
		body = append(body, card(parts...))
	}
	return page(sec.Title, sec.Intro, body...)
}

// isNil reports whether o holds no widget (a typed nil from a map miss counts).
func isNil(o fyne.CanvasObject) bool {
	switch w := o.(type) {
	case nil:
		return true
	case *TextArea:
		return w == nil
	case *widget.Check:
		return w == nil
	case *widget.Label:
		return w == nil
	}
	return false
}
