package screens

import (
	"context"
	"errors"
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
	Answers map[string]*TextArea
	Share   map[string]*widget.Check
	Choose  map[data.Partner]*widget.Button
	// PIN is where a partner whose private answers are PIN-protected enters it; SetPIN sets one.
	PIN       *widget.Entry
	PINDialog *askDialog // the dialog to set a PIN, while it is open
	EnterPIN  *widget.Button
	SetPIN    *widget.Button
	PINMsg    *widget.Label
	// Renewal is the way back when the writer's PIN record is damaged (then PIN is nil); Lost
	// holds, per question, the button that deletes an answer sealed under a PIN since replaced.
	Renewal   *pinRenewal
	Lost      map[string]*widget.Button
	lostViews map[string]fyne.CanvasObject
	closed    bool
	answers   map[string]data.Answer
}

func newReflection(e *env) stepScreen {
	s := &reflectionScreen{e: e, Answers: map[string]*TextArea{}, Share: map[string]*widget.Check{},
		Choose: map[data.Partner]*widget.Button{}, answers: map[string]data.Answer{},
		Lost: map[string]*widget.Button{}, lostViews: map[string]fyne.CanvasObject{}}
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
	s.PINMsg = newMessage()
	label := "ui.pin.set"
	if has, err := e.state.HasPIN(e.caseID(), s.partner); err == nil && has {
		label = "ui.pin.change" // the same dialog sets a new one in its place
	}
	s.SetPIN = widget.NewButton(e.t(label), s.askNewPIN)
	open, err := e.state.PINOpen(e.caseID(), s.partner)
	if err != nil || !open {
		s.closed = true
		if s.Renewal = e.damagedPIN(s.partner, func() { e.couple.Show(app.StepReflection) }); s.Renewal != nil {
			return s // no PIN opens a damaged record: asking for one would only mislead
		}
		s.PIN = widget.NewPasswordEntry()
		s.EnterPIN = widget.NewButton(e.t("ui.pin.enter"), func() { s.Enter(s.PIN.Text) })
		s.PIN.OnSubmitted = s.Enter
		return s
	}
	for _, sec := range app.QuestionSections(e.d.Case, s.partner) {
		for _, q := range e.content.Section(sec).Entries {
			s.addQuestion(q)
		}
	}
	return s
}

// Enter opens the writer's PIN-protected answers and shows them.
func (s *reflectionScreen) Enter(pin string) {
	if err := s.e.state.EnterPIN(s.e.caseID(), s.partner, pin); err != nil {
		say(s.PINMsg, s.e.pinRefused(err))
		s.PIN.SetText("")
		return
	}
	s.e.couple.Show(app.StepReflection)
}

// pinRefused says why a PIN did not open a partner's private texts: wrong, asked too fast
// after wrong ones, or its stored record damaged (then no PIN opens them, and trying again
// would only mislead).
func (e *env) pinRefused(err error) string {
	var wait *data.PINWaitError
	switch {
	case errors.As(err, &wait): // wrong guesses in a row slow down
		return e.tf("ui.pin.wait", int(wait.Wait.Seconds()+0.5))
	case errors.Is(err, data.ErrDamagedValue):
		return e.t("ui.pin.damaged")
	}
	return e.t("ui.pin.wrong")
}

func (s *reflectionScreen) askNewPIN() {
	e := s.e
	first, again := newPasswordField(), newPasswordField()
	msg := newMessage()
	form := widget.NewForm(widget.NewFormItem(e.t("ui.pin.new"), first), widget.NewFormItem(e.t("ui.lock.again"), again))
	d := newAskDialog(e.win, e.t("ui.pin.title"), e.t("ui.pin.save"), e.t("ui.cancel"),
		container.NewVBox(wrapped(e.tf("ui.pin.intro", e.name(s.partner.Other()))), form, msg), func() bool {
			if err := s.NewPIN(first.Text, again.Text); err != nil {
				say(msg, e.win.reason(err))
				return false
			}
			return true
		})
	s.PINDialog = d
	d.show(first, again)
	d.fit(480) // after showing: sized before, it kept the height of its text laid out narrow
}

// NewPIN protects the writer's private answers with a PIN typed twice.
func (s *reflectionScreen) NewPIN(first, again string) error {
	if first != again {
		return fmt.Errorf("%s", s.e.t("ui.pin.differ"))
	}
	s.e.state.Flush()
	report, err := app.SetPIN(s.e.state.Context(), s.e.state.Store, s.e.caseID(), s.partner, first)
	if err != nil {
		return err
	}
	s.e.win.showSealReport(report)
	s.e.couple.Show(app.StepReflection)
	return nil
}

func (s *reflectionScreen) addQuestion(q data.Entry) {
	a := data.Answer{CaseID: s.e.caseID(), Partner: s.partner, QuestionID: q.ID}
	if found := s.e.d.Answer(s.partner, q.ID); found != nil {
		a = *found
	}
	s.answers[q.ID] = a
	if a.Lost {
		s.lostViews[q.ID], s.Lost[q.ID] = s.e.lostText(func() { s.deleteLost(q.ID) })
		return
	}
	s.Answers[q.ID] = multiLine(a.Text, 4, func(text string) { s.update(q.ID, func(a *data.Answer) { a.Text = text }) })
	s.Answers[q.ID].SetPlaceHolder(s.e.t("ui.reflection.placeholder"))
	other := s.e.name(s.partner.Other())
	s.Share[q.ID] = widget.NewCheck(s.e.tf("ui.reflection.share", other), func(on bool) {
		s.update(q.ID, func(a *data.Answer) { a.Shared = on })
	})
	s.Share[q.ID].Checked = a.Shared
}

// deleteLost deletes an answer no one can open any more, at its author's choice, so that it can
// be written again.
func (s *reflectionScreen) deleteLost(id string) {
	a := data.Answer{CaseID: s.e.caseID(), Partner: s.partner, QuestionID: id}
	s.e.save(fmt.Sprintf("answer.%s.%s", a.Partner, id), func(ctx context.Context, st *data.Store) error {
		return st.SaveAnswer(ctx, a)
	})
	s.e.couple.Show(app.StepReflection)
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
	if s.Renewal != nil {
		return page(e.t("ui.step.reflection"), "", s.Renewal.view())
	}
	if s.closed {
		return page(e.t("ui.step.reflection"), e.tf("ui.pin.closed", e.name(s.partner)),
			card(container.NewBorder(nil, nil, nil, s.EnterPIN, s.PIN), s.PINMsg))
	}
	body := []fyne.CanvasObject{note(e.tf("ui.reflection.for", e.name(s.partner), e.name(s.partner.Other()))), container.NewHBox(s.SetPIN)}
	for _, sec := range app.QuestionSections(e.d.Case, s.partner) {
		section := e.content.Section(sec)
		body = append(body, subheading(section.Title), para(section.Intro))
		for _, q := range section.Entries {
			title := widget.NewLabelWithStyle(q.Code+".  "+e.render(q.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Wrapping = fyne.TextWrapWord
			if lost := s.lostViews[q.ID]; lost != nil {
				body = append(body, card(title, wrapped(e.render(q.Text)), lost))
				continue
			}
			body = append(body, card(title, wrapped(e.render(q.Text)), s.Answers[q.ID], s.Share[q.ID]))
		}
	}
	return page(e.t("ui.step.reflection"), e.t("ui.reflection.intro"), body...)
}
