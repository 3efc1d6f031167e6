package screens

import (
	"context"
	"strings"

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
	if r := e.content.Entry("READ-CONVO"); r != nil {
		body = append(body, card(subheading(r.Title), para(e.render(r.Text))))
	}
	body = append(body, subheading(e.t("ui.talk.shared")), s.sharedAnswers())
	if r := e.content.Entry("READ-DECIDE"); r != nil {
		body = append(body, subheading(r.Title), para(e.render(r.Text)))
	}
	decisions := container.NewGridWithColumns(2)
	for _, p := range data.Partners {
		box := []fyne.CanvasObject{widget.NewLabelWithStyle(e.name(p), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.Decision[p]}
		if s.Decision[p].Disabled() { // the other's choice as words to read, not greyed-out buttons
			choice := s.Decision[p].Selected
			if choice == "" {
				choice = e.t("ui.talk.undecided")
			}
			box = []fyne.CanvasObject{box[0], wrapped(choice), note(e.tf("ui.talk.own", e.name(p)))}
		}
		decisions.Add(card(box...))
	}
	body = append(body, decisions, s.Stop)
	return page(e.t("ui.step.talk"), e.t("ui.talk.intro"), body...)
}

// sharedAnswers lists, section by section, every question either partner answered and shared:
// two columns, one per partner. An unshared answer is a quiet placeholder, never its text; a
// partner who is not asked a question has an empty cell.
func (s *talkScreen) sharedAnswers() fyne.CanvasObject {
	e := s.e
	bold := func(text string) *widget.Label {
		l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	asked := map[data.Partner]map[string]bool{}
	for _, p := range data.Partners {
		asked[p] = map[string]bool{}
		for _, sec := range app.QuestionSections(e.d.Case, p) {
			asked[p][sec] = true
		}
	}
	out := container.NewVBox(container.NewGridWithColumns(2, bold(e.name(data.PartnerA)), bold(e.name(data.PartnerB))))
	any := false
	for _, sec := range []string{data.SectionClarifying, data.SectionReflectRebuild, data.SectionReflectHurt} {
		section := e.content.Section(sec)
		var rows []fyne.CanvasObject
		for _, q := range section.Entries {
			var cells [2]fyne.CanvasObject
			shown := false
			for i, p := range data.Partners {
				a := e.d.Answer(p, q.ID)
				switch {
				case !asked[p][sec]:
					cells[i] = widget.NewLabel("")
				case a != nil && a.Shared && !a.Protected && strings.TrimSpace(a.Text) != "":
					cells[i] = wrapped(a.Text)
					shown = true
				default:
					cells[i] = note(e.t("ui.talk.not_shared"))
				}
			}
			if shown {
				rows = append(rows, card(bold(q.Code+".  "+e.render(q.Title)), container.NewGridWithColumns(2, cells[0], cells[1])))
			}
		}
		if len(rows) > 0 {
			any = true
			title := widget.NewLabelWithStyle(e.render(section.Title), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
			title.Wrapping = fyne.TextWrapWord
			out.Add(title)
			out.Objects = append(out.Objects, rows...)
		}
	}
	if !any {
		return card(wrapped(e.t("ui.talk.none")))
	}
	return out
}
