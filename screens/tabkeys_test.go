package screens

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
)

// TestTabLeavesEveryTextBox walks every step of the example couple, for both of them and for
// each partner alone: no text box may take Tab as a character, or a keyboard-only person who
// reaches it can never leave it (WCAG 2.1.2, no keyboard trap).
func TestTabLeavesEveryTextBox(t *testing.T) {
	r := newRig(t)
	c := r.sample(app.StepWelcome)
	multi := 0
	for _, who := range []string{"Both of us", c.d.Case.NameA, c.d.Case.NameB} {
		c.Keyboard.SetSelected(who)
		for _, step := range app.Journey {
			c.Show(step)
			forEachObject(r.win.Win.Content(), func(o fyne.CanvasObject) {
				if e, ok := o.(*TextArea); ok && e.MultiLine {
					multi++
				}
				if tb, ok := o.(fyne.Tabbable); ok && tb.AcceptsTab() {
					t.Errorf("%s at %s: a %T keeps Tab for itself", who, step, o)
				}
			})
		}
	}
	if multi < 10 {
		t.Fatalf("only %d multi-line text boxes found: the walk misses the screens", multi)
	}
}

// TestTextAreaIsStillATextBox: letting Tab go changes nothing else a person relies on.
func TestTextAreaIsStillATextBox(t *testing.T) {
	test.NewTempApp(t)
	a := NewTextArea()
	w := test.NewWindow(a)
	defer w.Close()
	test.Type(a, "first line")
	a.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(a, "second")
	if a.Text != "first line\nsecond" || a.AcceptsTab() || a.Wrapping != fyne.TextWrapWord {
		t.Errorf("text %q, accepts tab %v, wrapping %v", a.Text, a.AcceptsTab(), a.Wrapping)
	}
}

// forEachObject calls visit for o and everything drawn inside it.
func forEachObject(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			forEachObject(c, visit)
		}
	case *widget.Entry, *TextArea:
		// An entry's own parts (its scroller and text) hold nothing a person tabs to.
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			forEachObject(c, visit)
		}
	}
}

// TestCoupleScreenTabsThroughTheHeaderFirst: Tab follows the page as it reads, the header
// (back to the couples, who is at the keyboard, hide, help) before the list of steps; it went
// through the steps and the page first and reached the header last.
func TestCoupleScreenTabsThroughTheHeaderFirst(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepWelcome)
	cv := r.win.Win.Canvas()
	cv.Unfocus()
	cv.FocusNext()
	if cv.Focused() != c.Back {
		t.Fatalf("the first Tab reaches %T, not the way back to the couples", cv.Focused())
	}
	var order []fyne.Focusable
	for range 8 {
		order = append(order, cv.Focused())
		cv.FocusNext()
	}
	hide, help := slices.Index(order, fyne.Focusable(c.HideNow)), slices.Index(order, fyne.Focusable(c.Help))
	if hide < 0 || help < 0 {
		t.Errorf("Hide now (%d) and Help (%d) are not among the first controls Tab reaches", hide, help)
	}
}

// TestStartScreenTabsThroughItsButtonsFirst: on the start screen the first Tab reaches "New
// couple", and in an office the search comes before the list it searches.
func TestStartScreenTabsThroughItsButtonsFirst(t *testing.T) {
	r, _ := officeRig(t)
	cv := r.win.Win.Canvas()
	cv.Unfocus()
	cv.FocusNext()
	if cv.Focused() != r.win.Start.NewCouple {
		t.Fatalf("the first Tab reaches %T, not New couple", cv.Focused())
	}
	search, list := -1, -1
	for i := range 10 {
		switch cv.Focused() {
		case r.win.Start.Search:
			search = i
		case r.win.Start.List:
			list = i
		}
		cv.FocusNext()
	}
	if search < 0 || list < 0 || search > list {
		t.Errorf("Tab reaches the search at %d and the list at %d", search, list)
	}
}
