package screens

import (
	"context"

	"fyne.io/fyne/v2"

	"kintsugi/app"
	"kintsugi/data"
)

func init() { stepScreens[app.StepRitual] = newRitual }

// ritualScreen is where the couple plans the ritual of a new beginning together, answering the
// same prompts the workbook prints. The plan is one text per prompt that both see: it is kept
// as a shared answer, so it is never sealed to one partner's PIN.
type ritualScreen struct {
	e    *env
	Plan map[string]*TextArea
}

func newRitual(e *env) stepScreen {
	s := &ritualScreen{e: e, Plan: map[string]*TextArea{}}
	for _, p := range e.content.Section(data.SectionRitualPrompts).Entries {
		id := p.ID
		s.Plan[id] = multiLine(app.RitualPlan(e.d, id), 3, func(text string) { s.save(id, text) })
	}
	return s
}

func (s *ritualScreen) save(id, text string) {
	a := data.Answer{CaseID: s.e.caseID(), Partner: app.RitualPartner, QuestionID: id, Text: text, Shared: true}
	s.e.save("ritual."+id, func(ctx context.Context, st *data.Store) error { return st.SaveAnswer(ctx, a) })
}

func (s *ritualScreen) View() fyne.CanvasObject {
	e := s.e
	sec := e.content.Section(data.SectionRitualPrompts)
	body := []fyne.CanvasObject{note(e.t("ui.ritual.together"))}
	if r := e.content.Entry("RIT-02"); r != nil {
		body = append(body, wrapped(e.render(r.Text)))
	}
	for _, p := range sec.Entries {
		body = append(body, card(subheading(p.Code+".  "+e.render(p.Title)), wrapped(e.render(p.Text)), s.Plan[p.ID]))
	}
	return page(e.render(sec.Title), e.render(sec.Intro), body...)
}
