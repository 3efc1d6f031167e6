package screens

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

func init() { stepScreens[app.StepReflection] = newReflection }

// reflectionScreen is where the partner at the keyboard answers their questions, privately
// until they choose to share an answer. Nothing of the other partner's is on this screen.
type reflectionScreen struct {
	e       *env
	partner data.Partner
	alone   bool
	Answers map[string]*widget.Entry
	Share   map[string]*widget.Check
	Choose  map[data.Partner]*widget.Button
	answers map[string]data.Answer
}

func newReflection(e *env) stepScreen {
	s := &reflectionScreen{e: e, Answers: map[string]*widget.Entry{}, Share: map[string]*widget.Check{},
		Choose: map[data.Partner]*widget.Button{}, answers: map[string]data.Answer{}}
	s.partner, s.alone = e.keyboard().Partner()
	if !s.alone {
		for _, p := range data.Partners {
			k := app.KeyboardA
			if p == data.PartnerB {
				k = app.KeyboardB
			}
			s.Choose[p] = widget.NewButton(e.tf("ui.reflection.choose", e.name(p)), func() { e.couple.SetKeyboard(k) })
			s.Choose[p].Importance = widget.HighImportance
		}
		return s
	}
	for _, sec := range app.QuestionSections(e.d.Case, s.partner) {
		for _, q := range e.content.Section(sec).Entries {
			s.addQuestion(q)
		}
	}
	return s
}

func (s *reflectionScreen) addQuestion(q data.Entry) {
	a := data.Answer{CaseID: s.e.caseID(), Partner: s.partner, QuestionID: q.ID}
	if found := s.e.d.Answer(s.partner, q.ID); found != nil {
		a = *found
	}
	s.answers[q.ID] = a
	s.Answers[q.ID] = multiLine(a.Text, 4, func(text string) { s.update(q.ID, func(a *data.Answer) { a.Text = text }) })
	s.Answers[q.ID].SetPlaceHolder(s.e.t("ui.reflection.placeholder"))
	other := s.e.name(s.partner.Other())
	s.Share[q.ID] = widget.NewCheck(s.e.tf("ui.reflection.share", other), func(on bool) {
		s.update(q.ID, func(a *data.Answer) { a.Shared = on })
	})
	s.Share[q.ID].Checked = a.Shared
}

func (s *reflectionScreen) update(id string, change func(*data.Answer)) {
	a := s.answers[id]
	change(&a)
	s.answers[id] = a
	s.e.save(fmt.Sprintf("answer.%s.%s", a.Partner, id), func(ctx context.Context, st *data.Store) error {
		return st.SaveAnswer(ctx, a)
	})
}

func (s *reflectionScreen) View() fyne.CanvasObject {
	e := s.e
	if !s.alone {
		return page(e.t("ui.step.reflection"), e.t("ui.reflection.who"),
			container.NewHBox(s.Choose[data.PartnerA], s.Choose[data.PartnerB]),
			note(e.t("ui.reflection.private")))
	}
	body := []fyne.CanvasObject{note(e.tf("ui.reflection.for", e.name(s.partner), e.name(s.partner.Other())))}
	for _, sec := range app.QuestionSections(e.d.Case, s.partner) {
		section := e.content.Section(sec)
		body = append(body, subheading(section.Title), para(section.Intro))
		for _, q := range section.Entries {
			title := widget.NewLabelWithStyle(q.Code+".  "+e.render(q.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Wrapping = fyne.TextWrapWord
			body = append(body, card(title, wrapped(e.render(q.Text)), s.Answers[q.ID], s.Share[q.ID]))
		}
	}
	return page(e.t("ui.step.reflection"), e.t("ui.reflection.intro"), body...)
}
