package screens

import (
	"context"
	"strings"

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
	Couples    *app.CoupleList // the couples listed, read a page at a time as they come into view
	Search     *widget.Entry
	List       *keyList
	NewCouple  *widget.Button
	Sample     *widget.Button
	PrintBlank *widget.Button
	Import     *widget.Button
	NewForm    *coupleForm // the new couple dialog's form, while it is open
	Message    *widget.Label
	Empty      *widget.Label // what the list area says when it lists nobody
	lines      []*listLine   // the list's line widgets
	nameCol    float32       // the names' column: the widest name of the lines read
	fitted     int           // how many lines read nameCol has measured
}

type startRow struct {
	Case  data.Case
	Step  string
	Due   string // what is due today, briefly; "" when nothing
	Title string
}

// newStart builds the start screen. With list (the couples as last listed) it shows them at
// once and reads only the couple that was just open, changed, afresh; without, it lists anew:
// how many couples there are and the first screenful, never every couple.
func newStart(w *Window, listed *app.CoupleList, changed int64) *Start {
	s := &Start{win: w, Message: widget.NewLabel(""), Search: widget.NewEntry(), Empty: widget.NewLabel("")}
	s.Message.Wrapping = fyne.TextWrapWord
	s.Empty.Wrapping = fyne.TextWrapWord
	t := w.state.Content().T
	s.Search.SetPlaceHolder(t("ui.office.search"))
	if listed != nil && listed.Office() != w.office() {
		listed = nil // another mode's list is read anew
	}
	if listed != nil {
		// Back from a couple found by searching: the same search, typing on at its end.
		s.Search.SetText(listed.Search())
		s.Search.CursorColumn = len([]rune(listed.Search()))
	}
	s.Search.OnChanged = func(string) { s.search() }
	s.Couples = listed
	if listed == nil {
		s.load()
	} else if changed != 0 {
		if err := listed.Touched(w.state.Context(), changed); err != nil {
			s.Message.SetText(err.Error())
		}
	}
	s.List = newKeyList(s.Len, s.newRow, s.updateRow)
	s.List.OnChosen = s.open
	s.NewCouple = widget.NewButtonWithIcon(t("ui.start.new"), theme.ContentAddIcon(), s.askNewCouple)
	s.NewCouple.Importance = widget.HighImportance
	s.Sample = widget.NewButtonWithIcon(t("ui.start.sample"), theme.InfoIcon(), s.openSample)
	s.PrintBlank = widget.NewButtonWithIcon(t("ui.start.blank"), theme.DocumentPrintIcon(), s.askPrintBlank)
	s.Import = widget.NewButtonWithIcon(t("ui.menu.import"), theme.FolderOpenIcon(), w.askImport)

	title := widget.NewLabelWithStyle(t("ui.app.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(t("ui.start.intro"))
	intro.Wrapping = fyne.TextWrapWord
	s.sayEmpty()
	list := container.NewStack(s.List, container.NewVBox(s.Empty))
	buttons := container.NewHBox(s.NewCouple, s.Sample, layout.NewSpacer(), s.Import, s.PrintBlank)
	var couples fyne.CanvasObject = widget.NewLabelWithStyle(t("ui.start.couples"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if w.office() {
		couples = container.NewBorder(nil, nil, couples, nil, s.Search)
	}
	header := container.NewVBox(title, intro, buttons, widget.NewSeparator(), couples)
	// The header first among the objects: Tab follows their order, so the buttons and the
	// search come before the list, as they read.
	s.view = container.NewPadded(container.New(layout.NewBorderLayout(header, s.Message, nil, nil), header, list, s.Message))
	return s
}

// listPlace is where the list was when a couple was opened from it: how far it was scrolled,
// the line chosen, and whether the keyboard was on the list.
type listPlace struct {
	offset float32
	line   int
	keyed  bool
}

// open opens the couple on line i, and keeps the list's place for going back to it.
func (s *Start) open(i int) {
	row, ok := s.Line(i)
	if !ok {
		return
	}
	place := &listPlace{offset: s.List.GetScrollOffset(), line: i, keyed: s.win.Win.Canvas().Focused() == fyne.Focusable(s.List)}
	s.win.OpenCouple(row.Case.ID)
	if s.win.Couple != nil {
		s.win.listPlace = place
	}
}

// restore shows the list where it was when couple id was opened from it: scrolled as it was
// and, for a keyboard, on the same place: that couple's line, or, when what was done there moved
// it to the top as the most recently active (or out of the list, finished or deleted), on the
// couple that came after it, the one a therapist going down the list meets next.
func (s *Start) restore(p *listPlace, id int64) {
	if p == nil || s.Couples == nil || s.Len() == 0 {
		return
	}
	s.List.ScrollToOffset(p.offset)
	if !p.keyed {
		return
	}
	at := p.line
	if i, ok := s.Couples.IndexOf(id); ok && i < p.line {
		at = p.line + 1 // the lines above it moved down by one, its next one did not move
	}
	s.win.Win.Canvas().Focus(s.List)
	s.List.MoveTo(min(at, s.Len()-1))
}

// load lists the couples anew (in an office: the clients the search asks for) and keeps the
// list for going back to it.
func (s *Start) load() {
	st := s.win.state
	list, err := app.NewCoupleList(st.Context(), st.Store, st.Content(), s.win.office(), strings.TrimSpace(s.Search.Text))
	if err != nil {
		s.Message.SetText(err.Error())
		return
	}
	s.Couples, s.win.couples = list, list
	s.nameCol, s.fitted = 0, 0 // other lines: their names are measured again
	for _, l := range s.lines {
		l.Refresh()
	}
}

// sayEmpty says why the list shows nobody: no couple yet, no active client, or nothing found.
func (s *Start) sayEmpty() {
	c := s.win.state.Content()
	q := strings.TrimSpace(s.Search.Text)
	switch {
	case s.Len() > 0:
		s.Empty.Hide()
		return
	case q != "":
		s.Empty.SetText(c.Tf("ui.office.nomatch", q))
	case s.win.office():
		s.Empty.SetText(c.T("ui.office.none"))
	default:
		s.Empty.SetText(c.T("ui.start.empty"))
	}
	s.Empty.Show()
}

// search lists the couples the office's search asks for: SQLite finds them, the list reads the
// lines in view.
func (s *Start) search() {
	s.load()
	s.sayEmpty()
	if s.List != nil {
		s.List.MoveTo(0)
		s.List.ScrollToTop()
		s.List.Refresh()
	}
}

// Len is how many couples the list shows.
func (s *Start) Len() int {
	if s.Couples == nil {
		return 0
	}
	return s.Couples.Len()
}

// Line is line i of the list as it shows it (its page is read if it was not yet), each couple
// named as the list names it: in an office by code or initials, never by full name.
func (s *Start) Line(i int) (startRow, bool) {
	if s.Couples == nil {
		return startRow{}, false
	}
	r, err := s.Couples.Row(s.win.state.Context(), i)
	if err != nil {
		s.Message.SetText(err.Error())
		return startRow{}, false
	}
	row := startRow{Case: r.Case, Step: s.stepText(r), Due: s.dueText(r), Title: s.win.listLabel(r.Case)}
	if r.Case.Finished && s.win.office() {
		// Their work here is over: nothing is due.
		row.Step, row.Due = s.win.state.Content().T("ui.office.finished"), ""
	}
	return row, true
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
func (s *Start) newRow() fyne.CanvasObject {
	l := newListLine()
	l.nameCol = &s.nameCol
	s.lines = append(s.lines, l)
	return l
}

// fitNames widens the names' column to the widest name among the lines read since it last
// looked, and lays again the lines already shown when it changed, so all details line up.
func (s *Start) fitNames() {
	if s.Couples == nil || s.fitted == s.Couples.Loaded() {
		return
	}
	th := s.List.Theme()
	widest := s.nameCol
	for i := s.fitted; i < s.Couples.Loaded(); i++ {
		if r, err := s.Couples.Row(s.win.state.Context(), i); err == nil {
			widest = max(widest, nameWidth(th, s.win.listLabel(r.Case)))
		}
	}
	// Lines already laid out (those of the list before a search, too) keep the column they
	// were laid out with until told: tell them whenever it changes.
	changed := widest != s.nameCol
	s.nameCol, s.fitted = widest, s.Couples.Loaded()
	if changed {
		for _, l := range s.lines {
			l.Refresh()
		}
	}
}

func (s *Start) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	row, ok := s.Line(i)
	if !ok {
		o.(*listLine).Set("", "", "")
		return
	}
	s.fitNames()
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
