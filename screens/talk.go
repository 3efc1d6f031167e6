package screens

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

func init() { stepScreens[app.StepTalk] = newTalk }

// talkScreen puts the answers both chose to share side by side, guides the conversation, and
// asks each partner whether they want to go on. Unshared answers never appear here.
type talkScreen struct {
	e        *env
	Decision map[data.Partner]*widget.RadioGroup
	values   map[string]string
	labels   map[string]string
	Stop     *fyne.Container
}

func newTalk(e *env) stepScreen {
	s := &talkScreen{e: e, Decision: map[data.Partner]*widget.RadioGroup{}, Stop: container.NewVBox()}
	s.values = map[string]string{
		e.t("ui.talk.yes"): data.DecisionYes, e.t("ui.talk.unsure"): data.DecisionUnsure, e.t("ui.talk.no"): data.DecisionNo,
	}
	s.labels = map[string]string{}
	for label, v := range s.values {
		s.labels[v] = label
	}
	for _, p := range data.Partners {
		r := widget.NewRadioGroup([]string{e.t("ui.talk.yes"), e.t("ui.talk.unsure"), e.t("ui.talk.no")}, nil)
		r.SetSelected(s.labels[e.d.Decision(data.DecisionContinue, p)])
		r.OnChanged = func(choice string) { s.decide(p, s.values[choice]) }
		if kp, one := e.keyboard().Partner(); one && kp != p {
			r.Disable() // each decides for themselves
		}
		s.Decision[p] = r
	}
	s.showStop()
	return s
}

func (s *talkScreen) decide(p data.Partner, value string) {
	id := s.e.caseID()
	s.e.save("continue."+string(p), func(ctx context.Context, st *data.Store) error {
		return st.SetDecision(ctx, id, data.DecisionContinue, p, value)
	})
	s.showStop()
}

// showStop shows, when either partner says no, that stopping is a legitimate choice.
func (s *talkScreen) showStop() {
	s.Stop.RemoveAll()
	for _, p := range data.Partners {
		if s.values[s.Decision[p].Selected] == data.DecisionNo {
			help := widget.NewButtonWithIcon(s.e.t("ui.couple.help"), theme.HelpIcon(), func() { showHelp(s.e.win) })
			s.Stop.Add(card(subheading(s.e.t("ui.talk.stop.title")), wrapped(s.e.t("ui.talk.stop")), container.NewHBox(help)))
			return
		}
	}
}

func (s *talkScreen) View() fyne.CanvasObject {
	e := s.e
	var body []fyne.CanvasObject
	for _, id := range []string{"READ-CONVO"} {
		if r := e.content.Entry(id); r != nil {
			body = append(body, card(subheading(r.Title), para(e.render(r.Text))))
		}
	}
	body = append(body, subheading(e.t("ui.talk.shared")), s.sharedAnswers())
	if r := e.content.Entry("READ-DECIDE"); r != nil {
		body = append(body, subheading(r.Title), para(e.render(r.Text)))
	}
	decisions := container.NewGridWithColumns(2)
	for _, p := range data.Partners {
		decisions.Add(card(widget.NewLabelWithStyle(e.name(p), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.Decision[p]))
	}
	body = append(body, decisions, s.Stop)
	return page(e.t("ui.step.talk"), e.t("ui.talk.intro"), body...)
}

// sharedAnswers lists every question either partner answered and shared, with both columns.
func (s *talkScreen) sharedAnswers() fyne.CanvasObject {
	e := s.e
	rows := container.NewVBox()
	head := container.NewGridWithColumns(2,
		widget.NewLabelWithStyle(e.name(data.PartnerA), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(e.name(data.PartnerB), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	any := false
	for _, sec := range []string{data.SectionClarifying, data.SectionReflectRebuild, data.SectionReflectHurt} {
		for _, q := range e.content.Section(sec).Entries {
			cells := [2]fyne.CanvasObject{}
			shown := false
			for i, p := range data.Partners {
				a := e.d.Answer(p, q.ID)
				switch {
				case a != nil && a.Shared && a.Text != "":
					cells[i] = wrapped(a.Text)
					shown = true
				default:
					cells[i] = note(e.t("ui.talk.not_shared"))
				}
			}
			if !shown {
				continue
			}
			any = true
			title := widget.NewLabelWithStyle(e.render(q.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Wrapping = fyne.TextWrapWord
			rows.Add(card(title, container.NewGridWithColumns(2, cells[0], cells[1])))
		}
	}
	if !any {
		return card(wrapped(e.t("ui.talk.none")))
	}
	return container.NewVBox(head, rows)
}
