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

func init() { stepScreens[app.StepWelcome] = newWelcome }

// welcomeScreen explains the process and the safety note; both partners confirm they go on.
type welcomeScreen struct {
	e       *env
	Confirm map[data.Partner]*widget.Check
	Help    *widget.Button
	Unsafe  *widget.Button
}

func newWelcome(e *env) stepScreen {
	s := &welcomeScreen{e: e, Confirm: map[data.Partner]*widget.Check{}}
	for _, p := range data.Partners {
		s.Confirm[p] = widget.NewCheck(e.tf("ui.welcome.confirm", e.name(p)), func(on bool) { s.confirm(p, on) })
		s.Confirm[p].Checked = e.d.Decision(data.DecisionWelcome, p) == data.DecisionYes
		if kp, one := e.keyboard().Partner(); one && kp != p {
			s.Confirm[p].Disable() // nobody confirms for the other
		}
	}
	s.Help = widget.NewButtonWithIcon(e.t("ui.couple.help"), theme.HelpIcon(), func() { showHelp(e.win) })
	s.Unsafe = widget.NewButton(e.t("ui.safety.button"), e.win.ShowSafety)
	return s
}

func (s *welcomeScreen) confirm(p data.Partner, on bool) {
	value := ""
	if on {
		value = data.DecisionYes
	}
	id := s.e.caseID()
	s.e.save("welcome."+string(p), func(ctx context.Context, st *data.Store) error {
		return st.SetDecision(ctx, id, data.DecisionWelcome, p, value)
	})
}

func (s *welcomeScreen) View() fyne.CanvasObject {
	e := s.e
	safety := e.content.Entry("SAFETY")
	var readings []fyne.CanvasObject
	for _, id := range []string{"READ-TIME", "READ-TRUST", "READ-ERIKSON"} {
		if r := e.content.Entry(id); r != nil {
			readings = append(readings, subheading(r.Title), para(e.render(r.Text)))
		}
	}
	safetyCard := card(subheading(safety.Title), para(e.render(safety.Text)), container.NewHBox(s.Help, s.Unsafe))
	confirm := card(subheading(e.t("ui.welcome.confirm.title")), s.Confirm[data.PartnerA], s.Confirm[data.PartnerB])
	// The safety note comes first, above the fold: it decides whether this tool is right at all.
	body := append([]fyne.CanvasObject{safetyCard, para(e.t("ui.welcome.how"))}, readings...)
	body = append(body, confirm)
	return page(e.t("ui.step.welcome"), e.t("ui.welcome.intro"), body...)
}
