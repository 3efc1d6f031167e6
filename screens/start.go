package screens

import (
	"context"
	"slices"
	"strings"
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
	Cases      []startRow // the couples shown
	all        []startRow // every couple, before office mode's filter
	Search     *widget.Entry
	List       *widget.List
	NewCouple  *widget.Button
	Sample     *widget.Button
	PrintBlank *widget.Button
	Import     *widget.Button
	NewForm    *coupleForm // the new couple dialog's form, while it is open
	Message    *widget.Label
	steps      sync.WaitGroup // the steps being read in the background
}

type startRow struct {
	Case  data.Case
	Step  string
	Due   string // what is due today, briefly; "" when nothing
	Title string
}

// newStart builds the start screen. With rows (the couples as last listed) it shows them at
// once and reads only the couple that was just open, changed, afresh; without, it lists anew.
func newStart(w *Window, rows []app.CoupleRow, changed int64) *Start {
	s := &Start{win: w, Message: widget.NewLabel(""), Search: widget.NewEntry()}
	s.Message.Wrapping = fyne.TextWrapWord
	t := w.state.Content().T
	s.Search.SetPlaceHolder(t("ui.office.search"))
	s.Search.OnChanged = func(string) { s.filter() }
	if rows == nil {
		s.load()
	} else {
		s.reload(rows, changed)
	}
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
	var couples fyne.CanvasObject = widget.NewLabelWithStyle(t("ui.start.couples"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if w.office() {
		couples = container.NewBorder(nil, nil, couples, nil, s.Search)
	}
	header := container.NewVBox(title, intro, buttons, widget.NewSeparator(), couples)
	s.view = container.NewPadded(container.NewBorder(header, s.Message, nil, nil, list))
	return s
}

// load lists the couples at once (their names are one small query) and fills in how far each
// has come off the UI goroutine, from summaries, never from each couple's full record.
func (s *Start) load() {
	st := s.win.state
	cases, err := st.Cases()
	if err != nil {
		s.Message.SetText(err.Error())
		return
	}
	s.all = nil
	for _, c := range cases {
		s.all = append(s.all, startRow{Case: c})
	}
	s.filter()
	s.steps.Add(1)
	s.win.background(func() {
		defer s.steps.Done()
		rows, err := app.ListCouples(st.Context(), st.Store, st.Content())
		fyne.Do(func() {
			if err != nil {
				s.Message.SetText(err.Error())
				return
			}
			s.win.couples = rows
			s.show(rows)
		})
	})
}

// reload shows the couples as last listed, with one couple's line read afresh: going back from
// a couple re-reads nothing else.
func (s *Start) reload(rows []app.CoupleRow, changed int64) {
	s.show(rows)
	if changed == 0 {
		return
	}
	st := s.win.state
	s.steps.Add(1)
	s.win.background(func() {
		defer s.steps.Done()
		row, err := app.CoupleRowOf(st.Context(), st.Store, st.Content(), changed)
		fyne.Do(func() {
			if err != nil {
				return // deleted meanwhile: the next full load says so
			}
			fresh := slices.DeleteFunc(slices.Clone(s.win.couples), func(r app.CoupleRow) bool { return r.Case.ID == changed })
			s.win.couples = append([]app.CoupleRow{row}, fresh...) // the most recently active first
			s.show(s.win.couples)
		})
	})
}

// show puts rows on screen.
func (s *Start) show(rows []app.CoupleRow) {
	s.all = s.all[:0]
	for _, r := range rows {
		s.all = append(s.all, startRow{Case: r.Case, Step: s.stepText(r), Due: s.dueText(r)})
	}
	s.filter()
}

// filter shows the couples the office's search asks for (every couple at home), each named as
// the list names it: in an office by code or initials, never by full name.
func (s *Start) filter() {
	q := strings.ToLower(strings.TrimSpace(s.Search.Text))
	s.Cases = s.Cases[:0]
	for _, r := range s.all {
		if !s.win.listed(r.Case, q) {
			continue
		}
		r.Title = s.win.listLabel(r.Case)
		if r.Case.Finished && s.win.office() {
			r.Step = s.win.state.Content().T("ui.office.finished")
		}
		s.Cases = append(s.Cases, r)
	}
	if s.List != nil {
		s.List.Refresh()
	}
}

func (s *Start) stepText(r app.CoupleRow) string {
	if r.Locked {
		return s.win.state.Content().T("ui.couple.locked") // where a locked couple is, is theirs to know
	}
	return s.win.state.Content().T("ui.step." + r.Step)
}

// dueText says briefly what is due for a couple today, as its header says it at length.
func (s *Start) dueText(r app.CoupleRow) string {
	var out []string
	for _, k := range r.Due {
		out = append(out, s.win.state.Content().T("ui.start.due."+string(k)))
	}
	return strings.Join(out, ", ")
}

// A row is the couple's name, how far they have come, and what is due at the end, where a
// long detail line cannot cut it off.
func (s *Start) newRow() fyne.CanvasObject { return newListLine() }

func (s *Start) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	row := s.Cases[i]
	c := s.win.state.Content()
	o.(*listLine).Set(row.Title, c.Tf("ui.start.row", dateText(c, row.Case.StartDate), c.Date(row.Case.UpdatedAt.Local()), row.Step), row.Due)
}

func dateText(c *data.Content, d data.Date) string {
	if d.IsZero() {
		return "–"
	}
	return c.Date(d.Time())
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
		return app.ExportWorkbook(context.Background(), nil, 0, path, workbook.Options{Weeks: 12, Language: s.win.state.Content().Language})
	})
}
