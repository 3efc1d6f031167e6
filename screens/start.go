package screens

import (
	"context"
	"errors"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
	"kintsugi/workbook"
)

// Start is the neutral first screen: the couples on this machine and how to begin.
type Start struct {
	view       fyne.CanvasObject
	win        *Window
	Cases      []startRow
	List       *widget.List
	NewCouple  *widget.Button
	Sample     *widget.Button
	PrintBlank *widget.Button
	Import     *widget.Button
	Message    *widget.Label
	steps      sync.WaitGroup // the steps being read in the background
}

type startRow struct {
	Case  data.Case
	Step  string
	Title string
}

func newStart(w *Window) *Start {
	s := &Start{win: w, Message: widget.NewLabel("")}
	s.Message.Wrapping = fyne.TextWrapWord
	t := w.state.Content.T
	s.load()
	s.List = widget.NewList(func() int { return len(s.Cases) }, s.newRow, s.updateRow)
	s.List.OnSelected = func(id widget.ListItemID) {
		s.List.UnselectAll()
		w.OpenCouple(s.Cases[id].Case.ID)
	}
	s.NewCouple = widget.NewButtonWithIcon(t("ui.start.new"), theme.ContentAddIcon(), s.askNewCouple)
	s.NewCouple.Importance = widget.HighImportance
	s.Sample = widget.NewButtonWithIcon(t("ui.start.sample"), theme.InfoIcon(), s.openSample)
	s.PrintBlank = widget.NewButtonWithIcon(t("ui.start.blank"), theme.DocumentPrintIcon(), s.askPrintBlank)
	s.Import = widget.NewButtonWithIcon(t("ui.menu.import"), theme.FolderOpenIcon(), w.askImport)

	title := widget.NewLabelWithStyle(t("ui.app.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(t("ui.start.intro"))
	intro.Wrapping = fyne.TextWrapWord
	empty := widget.NewLabel(t("ui.start.empty"))
	empty.Wrapping = fyne.TextWrapWord
	var list fyne.CanvasObject = s.List
	if len(s.Cases) == 0 {
		list = container.NewVBox(empty)
	}
	buttons := container.NewHBox(s.NewCouple, s.Sample, layout.NewSpacer(), s.Import, s.PrintBlank)
	header := container.NewVBox(title, intro, buttons, widget.NewSeparator(),
		widget.NewLabelWithStyle(t("ui.start.couples"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	s.view = container.NewPadded(container.NewBorder(header, s.Message, nil, nil, list))
	return s
}

// load lists the couples at once; how far each has come needs all their data, so that is
// read off the UI goroutine and filled in as it arrives.
func (s *Start) load() {
	st := s.win.state
	cases, err := st.Cases()
	if err != nil {
		s.Message.SetText(err.Error())
		return
	}
	s.Cases = nil
	for _, c := range cases {
		s.Cases = append(s.Cases, startRow{Case: c, Title: c.Title()})
	}
	rows := slices.Clone(s.Cases)
	s.steps.Add(1)
	s.win.background(func() {
		defer s.steps.Done()
		for i, row := range rows {
			step := s.stepOf(row.Case.ID)
			fyne.Do(func() {
				if i < len(s.Cases) && s.Cases[i].Case.ID == row.Case.ID {
					s.Cases[i].Step = step
					if s.List != nil {
						s.List.RefreshItem(i)
					}
				}
			})
		}
	})
}

func (s *Start) stepOf(id int64) string {
	st := s.win.state
	switch d, err := st.Store.Dossier(st.Context(), id); {
	case err == nil:
		return st.Content.T("ui.step." + app.StepReached(st.Content, d))
	case errors.Is(err, data.ErrLocked):
		return st.Content.T("ui.couple.locked") // where a locked couple is, is theirs to know
	default:
		return err.Error()
	}
}

func (s *Start) newRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("")
	detail.Truncation = fyne.TextTruncateEllipsis
	return container.NewGridWithColumns(2, name, detail)
}

func (s *Start) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	row := s.Cases[i]
	g := o.(*fyne.Container)
	g.Objects[0].(*widget.Label).SetText(row.Title)
	g.Objects[1].(*widget.Label).SetText(s.win.state.Content.Tf("ui.start.row",
		dateText(row.Case.StartDate), row.Case.UpdatedAt.Local().Format("2006-01-02"), row.Step))
}

func dateText(d data.Date) string {
	if d.IsZero() {
		return "–"
	}
	return d.String()
}

// CreateCouple stores a new couple and opens it, or says what is missing.
func (s *Start) CreateCouple(c data.Case) {
	created, err := s.win.state.CreateCase(c)
	if err != nil {
		s.Message.SetText(err.Error())
		s.win.showError(err)
		return
	}
	s.win.OpenCouple(created.ID)
}

func (s *Start) openSample() {
	c, err := s.win.state.OpenSample()
	if err != nil {
		s.win.showError(err)
		return
	}
	s.win.OpenCouple(c.ID)
}

func (s *Start) askPrintBlank() {
	saveWorkbookDialog(s.win, "kintsugi-workbook-blank.pdf", func(path string) error {
		return app.ExportWorkbook(context.Background(), nil, 0, path, workbook.Options{Weeks: 12})
	})
}
