package screens

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
	"kintsugi/workbook"
)

func init() { stepScreens[app.StepWorkbook] = newExport }

// exportScreen prints the couple's workbook, or a blank one, with the options a person needs.
type exportScreen struct {
	e        *env
	Paper    *widget.RadioGroup
	Weeks    *widget.Entry
	Sections map[string]*widget.Check
	Filled   *widget.Button
	Blank    *widget.Button
	Message  *widget.Label
	// Unprintable names, before printing, the characters of the couple's words no font can draw.
	Unprintable *widget.Label
	papers      map[string]string
}

func newExport(e *env) stepScreen {
	s := &exportScreen{e: e, Message: widget.NewLabel(""), Sections: map[string]*widget.Check{}}
	s.Message.Wrapping = fyne.TextWrapWord
	s.Unprintable = newMessage()
	if missing := workbook.Unprintable(e.d); len(missing) > 0 {
		s.Unprintable.SetText(e.tf("ui.export.unprintable", workbook.DescribeRunes(missing)))
		s.Unprintable.Show()
	}
	s.papers = map[string]string{e.t("ui.paper.a4"): data.PaperA4, e.t("ui.paper.letter"): data.PaperLetter}
	s.Paper = widget.NewRadioGroup([]string{e.t("ui.paper.a4"), e.t("ui.paper.letter")}, nil)
	s.Paper.Horizontal = true
	s.Paper.Required = true
	s.Paper.SetSelected(e.t("ui.paper." + e.d.Case.Paper))
	s.Weeks = widget.NewEntry()
	s.Weeks.SetText(strconv.Itoa(min(max(12, e.d.LastTrackedWeek()), MaxWeeks)))
	s.Weeks.Validator = func(text string) error {
		_, err := s.weeks()
		return err
	}
	for _, sec := range workbook.AllSections() {
		s.Sections[sec] = widget.NewCheck(e.t("ui.export.section."+sec), nil)
		s.Sections[sec].SetChecked(true)
	}
	s.Filled = widget.NewButtonWithIcon(e.tf("ui.export.filled", e.d.Case.Title()), theme.DocumentSaveIcon(), func() {
		s.ask(fmt.Sprintf("kintsugi-%s.pdf", fileSafe(e.d.Case.Title())), e.caseID())
	})
	s.Filled.Importance = widget.HighImportance
	s.Blank = widget.NewButtonWithIcon(e.t("ui.export.blank"), theme.DocumentPrintIcon(), func() {
		s.ask("kintsugi-workbook-blank.pdf", 0)
	})
	return s
}

func (s *exportScreen) weeks() (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s.Weeks.Text))
	if err != nil || n < 1 || n > MaxWeeks {
		return 0, fmt.Errorf("%s", s.e.tf("ui.export.weeks.bad", MaxWeeks))
	}
	return n, nil
}

// Options reads the chosen options, or says what is wrong with them.
func (s *exportScreen) Options() (workbook.Options, error) {
	n, err := s.weeks()
	if err != nil {
		return workbook.Options{}, err
	}
	opt := workbook.Options{Paper: s.papers[s.Paper.Selected], Weeks: n}
	for _, sec := range workbook.AllSections() {
		if s.Sections[sec].Checked {
			opt.Sections = append(opt.Sections, sec)
		}
	}
	if len(opt.Sections) == 0 {
		return opt, fmt.Errorf("%s", s.e.t("ui.export.sections.none"))
	}
	return opt, nil
}

func (s *exportScreen) ask(name string, caseID int64) {
	opt, err := s.Options()
	if err != nil {
		s.Message.SetText(err.Error())
		return
	}
	s.Message.SetText("")
	saveWorkbookDialog(s.e.win, name, func(path string) error { return s.Export(path, caseID, opt) })
}

// Export writes the workbook to path; caseID 0 prints a blank one.
func (s *exportScreen) Export(path string, caseID int64, opt workbook.Options) error {
	s.e.state.Flush() // the workbook holds everything typed so far
	st := s.e.state.Store
	if caseID == 0 {
		// A blank printed from a couple's screen is for them to fill in by hand: each partner's
		// questions print for them, as who is rebuilding trust is known.
		st, opt.Rebuilding = nil, s.e.d.Case.Rebuilding
	}
	return app.ExportWorkbook(s.e.state.Context(), st, caseID, path, opt)
}

func (s *exportScreen) View() fyne.CanvasObject {
	e := s.e
	sections := container.NewGridWithColumns(2)
	for _, sec := range workbook.AllSections() {
		sections.Add(s.Sections[sec])
	}
	form := widget.NewForm(
		widget.NewFormItem(e.t("ui.new.paper"), s.Paper),
		widget.NewFormItem(e.t("ui.export.weeks"), container.NewGridWrap(fyne.NewSize(120, s.Weeks.MinSize().Height), s.Weeks)),
	)
	return page(e.t("ui.step.workbook"), e.t("ui.export.intro"),
		card(form, subheading(e.t("ui.export.sections")), sections),
		s.Unprintable, container.NewHBox(s.Filled, s.Blank), s.Message, note(e.t("ui.export.privacy")))
}

// fileSafe makes a file name from a couple's names.
func fileSafe(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ' || r == '&':
			if !strings.HasSuffix(b.String(), "-") {
				b.WriteRune('-')
			}
		case r == '/' || r == '\\' || r == ':' || r < ' ' || strings.ContainsRune(`*?"<>|`, r):
		default:
			b.WriteRune(r)
		}
	}
	return strings.Trim(b.String(), "-")
}
