package screens

import (
	"fyne.io/fyne/v2/widget"

	"kintsugi/data"
)

// coupleForm asks for what a new couple needs: two names and who is rebuilding trust.
type coupleForm struct {
	form       *widget.Form
	NameA      *widget.Entry
	NameB      *widget.Entry
	Rebuilding *widget.RadioGroup
	Paper      *widget.RadioGroup
	choices    map[string]data.Rebuilder
	papers     map[string]string
}

func newCoupleForm(c *data.Content) *coupleForm {
	f := &coupleForm{NameA: widget.NewEntry(), NameB: widget.NewEntry()}
	f.NameA.SetPlaceHolder(c.T("ui.new.name.placeholder"))
	f.NameB.SetPlaceHolder(c.T("ui.new.name.placeholder"))
	f.choices = map[string]data.Rebuilder{
		c.T("ui.new.rebuilding.a"): data.RebuilderA, c.T("ui.new.rebuilding.b"): data.RebuilderB, c.T("ui.new.rebuilding.both"): data.RebuilderBoth,
	}
	f.Rebuilding = widget.NewRadioGroup([]string{c.T("ui.new.rebuilding.a"), c.T("ui.new.rebuilding.b"), c.T("ui.new.rebuilding.both")}, nil)
	f.Rebuilding.SetSelected(c.T("ui.new.rebuilding.a"))
	f.papers = map[string]string{c.T("ui.paper.a4"): data.PaperA4, c.T("ui.paper.letter"): data.PaperLetter}
	f.Paper = widget.NewRadioGroup([]string{c.T("ui.paper.a4"), c.T("ui.paper.letter")}, nil)
	f.Paper.Horizontal = true
	f.Paper.SetSelected(c.T("ui.paper.a4"))
	f.form = widget.NewForm(
		widget.NewFormItem(c.T("ui.new.nameA"), f.NameA),
		widget.NewFormItem(c.T("ui.new.nameB"), f.NameB),
		widget.NewFormItem(c.T("ui.new.rebuilding"), f.Rebuilding),
		widget.NewFormItem(c.T("ui.new.paper"), f.Paper),
	)
	return f
}

func (f *coupleForm) value() data.Case {
	return data.Case{NameA: f.NameA.Text, NameB: f.NameB.Text, Rebuilding: f.choices[f.Rebuilding.Selected], Paper: f.papers[f.Paper.Selected]}
}
