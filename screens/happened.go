package screens

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

func init() { stepScreens[app.StepHappened] = newHappened }

// happenedScreen is the couple's shared account of what broke trust: causes, words, a date.
type happenedScreen struct {
	e           *env
	Causes      map[string]*widget.Check
	Description *TextArea
	Date        *DateEntry
	DateMsg     *widget.Label
	in          data.Incident
}

func newHappened(e *env) stepScreen {
	s := &happenedScreen{e: e, in: e.d.Incident, Causes: map[string]*widget.Check{}}
	s.in.CaseID = e.caseID()
	for _, c := range e.content.Section(data.SectionCauses).Entries {
		s.Causes[c.ID] = widget.NewCheck(e.render(c.Title), func(on bool) { s.tick(c.ID, on) })
		s.Causes[c.ID].Checked = slices.Contains(s.in.Causes, c.ID)
	}
	s.Description = multiLine(s.in.Description, 8, func(text string) {
		s.in.Description = text
		s.save()
	})
	s.Description.SetPlaceHolder(e.t("ui.happened.placeholder"))
	s.Date, s.DateMsg = dateField(e, s.in.Date, func(d data.Date) {
		s.in.Date = d
		s.save()
	})
	return s
}

func (s *happenedScreen) tick(id string, on bool) {
	causes := slices.DeleteFunc(slices.Clone(s.in.Causes), func(c string) bool { return c == id })
	if on {
		causes = append(causes, id)
	}
	// Keep the content's order, whatever the order of ticking.
	var ordered []string
	for _, c := range s.e.content.Section(data.SectionCauses).Entries {
		if slices.Contains(causes, c.ID) {
			ordered = append(ordered, c.ID)
		}
	}
	s.in.Causes = ordered
	s.save()
}

func (s *happenedScreen) save() {
	in := s.in
	in.Causes = slices.Clone(s.in.Causes)
	s.e.save("incident", func(ctx context.Context, st *data.Store) error { return st.SaveIncident(ctx, in) })
}

func (s *happenedScreen) View() fyne.CanvasObject {
	e := s.e
	sec := e.content.Section(data.SectionCauses)
	causes := container.NewVBox()
	for _, c := range sec.Entries {
		causes.Add(container.New(causeLayout{}, s.Causes[c.ID], note(e.render(c.Text))))
	}
	date := container.NewBorder(nil, nil, widget.NewLabel(e.t("ui.happened.date")), nil,
		container.NewGridWrap(s.Date.MinSize(), s.Date))
	return page(sec.Title, sec.Intro,
		card(subheading(e.t("ui.happened.causes")), causes),
		card(subheading(e.t("ui.happened.description")), note(e.t("ui.happened.shared")), s.Description,
			container.NewHBox(date), s.Date.Ask, s.DateMsg))
}

// causeLayout puts a cause's explanation right under its check box, in line with its title.
type causeLayout struct{}

func (causeLayout) gap() float32 { return theme.InnerPadding() }

func (causeLayout) indent() float32 { return theme.IconInlineSize() + theme.InnerPadding() }

func (l causeLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	check, help := objects[0], objects[1]
	ch := check.MinSize().Height
	check.Move(fyne.NewPos(0, 0))
	check.Resize(fyne.NewSize(size.Width, ch))
	help.Move(fyne.NewPos(l.indent(), ch-l.gap()))
	help.Resize(fyne.NewSize(size.Width-l.indent(), size.Height-ch+l.gap()))
}

func (l causeLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	check, help := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(max(check.Width, help.Width+l.indent()), check.Height+help.Height-l.gap())
}
