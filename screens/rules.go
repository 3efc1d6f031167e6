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

func init() { stepScreens[app.StepRules] = newRules }

// rulesScreen is the ground rules, each acknowledged by each partner for themselves.
type rulesScreen struct {
	e       *env
	Agree   map[string]map[data.Partner]*widget.Check
	Summary *widget.Label
	acked   map[data.Partner]int
}

func newRules(e *env) stepScreen {
	s := &rulesScreen{e: e, Agree: map[string]map[data.Partner]*widget.Check{}, Summary: widget.NewLabel(""), acked: map[data.Partner]int{}}
	kp, alone := e.keyboard().Partner()
	for _, r := range e.content.Section(data.SectionRules).Entries {
		s.Agree[r.ID] = map[data.Partner]*widget.Check{}
		for _, p := range data.Partners {
			check := widget.NewCheck(e.tf("ui.rules.agree", e.name(p)), func(on bool) { s.ack(r.ID, p, on) })
			check.Checked = e.d.Acked(p, r.ID)
			if check.Checked {
				s.acked[p]++
			}
			if alone && kp != p {
				check.Disable() // nobody agrees for the other
			}
			s.Agree[r.ID][p] = check
		}
	}
	s.showSummary()
	return s
}

func (s *rulesScreen) ack(rule string, p data.Partner, on bool) {
	if on {
		s.acked[p]++
	} else {
		s.acked[p]--
	}
	s.showSummary()
	id := s.e.caseID()
	s.e.save(fmt.Sprintf("rule.%s.%s", rule, p), func(ctx context.Context, st *data.Store) error {
		return st.SetRuleAck(ctx, id, rule, p, on)
	})
}

func (s *rulesScreen) showSummary() {
	n := len(s.e.content.Section(data.SectionRules).Entries)
	s.Summary.SetText(s.e.tf("ui.rules.summary", s.e.name(data.PartnerA), s.acked[data.PartnerA], n,
		s.e.name(data.PartnerB), s.acked[data.PartnerB], n))
}

func (s *rulesScreen) View() fyne.CanvasObject {
	e := s.e
	sec := e.content.Section(data.SectionRules)
	body := []fyne.CanvasObject{s.Summary}
	for _, r := range sec.Entries {
		parts := []fyne.CanvasObject{subheading(r.Code + ".  " + e.render(r.Title)), wrapped(e.render(r.Text))}
		if r.Note != "" {
			parts = append(parts, note(e.render(r.Note)))
		}
		parts = append(parts, container.NewHBox(s.Agree[r.ID][data.PartnerA], s.Agree[r.ID][data.PartnerB]))
		body = append(body, card(parts...))
	}
	return page(sec.Title, sec.Intro, body...)
}
