package screens

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

// coupleForm asks for what a new couple needs: two names and who is rebuilding trust.
type coupleForm struct {
	form       *widget.Form
	NameA      *field
	NameB      *field
	Rebuilding *keyRadio
	Paper      *keyRadio
	Language   *keySelect // the workbook's language, the window's to begin with
	choices    map[string]data.Rebuilder
	papers     map[string]string
	languages  map[string]string
}

func newCoupleForm(c *data.Content) *coupleForm {
	f := &coupleForm{NameA: newField(), NameB: newField()}
	f.NameA.SetPlaceHolder(c.T("ui.new.name.placeholder"))
	f.NameB.SetPlaceHolder(c.T("ui.new.name.placeholder"))
	f.choices = map[string]data.Rebuilder{
		c.T("ui.new.rebuilding.a"): data.RebuilderA, c.T("ui.new.rebuilding.b"): data.RebuilderB, c.T("ui.new.rebuilding.both"): data.RebuilderBoth,
	}
	f.Rebuilding = newKeyRadio([]string{c.T("ui.new.rebuilding.a"), c.T("ui.new.rebuilding.b"), c.T("ui.new.rebuilding.both")}, false)
	f.Rebuilding.SetSelected(c.T("ui.new.rebuilding.a"))
	f.papers = map[string]string{c.T("ui.paper.a4"): data.PaperA4, c.T("ui.paper.letter"): data.PaperLetter}
	f.Paper = newKeyRadio([]string{c.T("ui.paper.a4"), c.T("ui.paper.letter")}, true)
	f.Paper.SetSelected(c.T("ui.paper.a4"))
	f.languages = map[string]string{}
	var names []string
	choices, _ := app.LanguageChoices() // embedded: the window's own content loaded from them
	for _, l := range choices {
		f.languages[l.Name] = l.Code
		names = append(names, l.Name)
	}
	f.Language = newKeySelect(names)
	f.Language.SetSelected(c.LanguageName)
	f.form = widget.NewForm(
		widget.NewFormItem(c.T("ui.new.nameA"), f.NameA),
		widget.NewFormItem(c.T("ui.new.nameB"), f.NameB),
		widget.NewFormItem(c.T("ui.new.rebuilding"), f.Rebuilding),
		widget.NewFormItem(c.T("ui.new.paper"), f.Paper),
		widget.NewFormItem(c.T("ui.new.language"), f.Language),
	)
	return f
}

func (f *coupleForm) value() data.Case {
	return data.Case{NameA: f.NameA.Text, NameB: f.NameB.Text, Rebuilding: f.choices[f.Rebuilding.Selected], Paper: f.papers[f.Paper.Selected],
		Language: f.languages[f.Language.Selected]}
}

// askNewCouple asks for the new couple's names; a refusal (an empty name, say) shows inside the
// dialog, which stays open with what was typed.
func (s *Start) askNewCouple() {
	c := s.win.state.Content()
	f := newCoupleForm(c)
	s.NewForm = f
	msg := newMessage()
	d := newAskDialog(s.win, c.T("ui.new.title"), c.T("ui.new.create"), c.T("ui.cancel"),
		container.NewVBox(f.form, msg), func() bool {
			created, err := s.win.state.CreateCase(f.value())
			if err != nil {
				say(msg, s.win.reason(err))
				return false
			}
			s.win.OpenCouple(created.ID)
			return true
		})
	d.keys(f.Rebuilding, f.Paper, f.Language)
	d.show(f.NameA, f.NameB)
	d.fit(520)
}

// reason is a refusal in the window's language where it names its words (a name missing, a
// passphrase too short), else plainReason.
func (w *Window) reason(err error) string {
	var in *data.InputError
	if errors.As(err, &in) && in.Key != "" {
		return w.state.Content().Tf(in.Key, in.Args...)
	}
	return plainReason(err)
}

// plainReason is what a person needs of a refusal: the reason they can act on, without the
// "create case:" context meant for logs; other errors say everything.
func plainReason(err error) string {
	var in *data.InputError
	if errors.As(err, &in) && in.Msg != "" {
		r := []rune(in.Msg)
		return strings.ToUpper(string(r[:1])) + string(r[1:]) + "."
	}
	return err.Error()
}
