package screens

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

func TestStartCreatesACouple(t *testing.T) {
	r := newRig(t)
	f := newCoupleForm(r.state.Content())
	test.Type(f.NameA, "Ngozi")
	test.Type(f.NameB, "Mei-Lin 林")
	f.Rebuilding.SetSelected(r.state.Content().T("ui.new.rebuilding.b"))
	f.Paper.SetSelected(r.state.Content().T("ui.paper.letter"))
	r.win.Start.CreateCouple(f.value())
	if r.win.Couple == nil {
		t.Fatalf("the new couple did not open: %s", r.win.Start.Message.Text)
	}
	cases, err := r.st.Cases(context.Background())
	if err != nil || len(cases) != 1 {
		t.Fatalf("cases: %v %v", cases, err)
	}
	c := cases[0]
	if c.NameA != "Ngozi" || c.NameB != "Mei-Lin 林" || c.Rebuilding != data.RebuilderB || c.Paper != data.PaperLetter || c.StartDate.IsZero() {
		t.Errorf("stored couple: %+v", c)
	}
	if r.win.Couple.Step != app.StepWelcome {
		t.Errorf("a new couple starts at %q", r.win.Couple.Step)
	}
	test.Tap(r.win.Couple.Back)
	if r.win.Start == nil || len(shown(t, r.win.Start)) != 1 || shown(t, r.win.Start)[0].Title != "Ngozi & Mei-Lin 林" {
		t.Fatalf("back on the start screen: %+v", r.win.Start)
	}
}

func TestStartRefusesANamelessCouple(t *testing.T) {
	r := newRig(t)
	f := newCoupleForm(r.state.Content())
	test.Type(f.NameA, "Sam")
	r.win.Start.CreateCouple(f.value())
	if r.win.Couple != nil || r.win.Start.Message.Text == "" {
		t.Fatal("a couple without a second name was created silently")
	}
	if cases, _ := r.st.Cases(context.Background()); len(cases) != 0 {
		t.Errorf("stored: %+v", cases)
	}
}

func TestStartOpensTheExampleOnce(t *testing.T) {
	r := newRig(t)
	test.Tap(r.win.Start.Sample)
	if r.win.Couple == nil || r.win.Couple.d.Case.NameA != "Sam" {
		t.Fatal("the example couple did not open")
	}
	test.Tap(r.win.Couple.Back)
	test.Tap(r.win.Start.Sample)
	if cases, _ := r.st.Cases(context.Background()); len(cases) != 1 {
		t.Errorf("opening the example twice made %d couples", len(cases))
	}
}

func TestKeyboardShortcutsMoveThroughSteps(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepWelcome)
	test.Tap(c.Next)
	if c.Step != app.StepHappened {
		t.Fatalf("Next went to %q", c.Step)
	}
	// The sidebar is keyboard-navigable: focus it (the cursor starts on the first step), arrow
	// down twice, and space opens the third step.
	r.win.Win.Canvas().Focus(c.Sidebar)
	c.Sidebar.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	c.Sidebar.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	c.Sidebar.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if c.Step != app.StepReflection {
		t.Fatalf("arrow down and space from %q went to %q", app.StepHappened, c.Step)
	}
	c.move(-1)
	c.move(-1)
	if c.Step != app.StepWelcome || !c.Prev.Disabled() {
		t.Errorf("back at %q, previous enabled: %v", c.Step, !c.Prev.Disabled())
	}
}

func TestPartnersWithTheSameNameCanEachTakeTheKeyboard(t *testing.T) {
	r := newRig(t)
	f := newCoupleForm(r.state.Content())
	test.Type(f.NameA, "Alex")
	test.Type(f.NameB, "Alex")
	r.win.Start.CreateCouple(f.value())
	c := r.win.Couple
	if len(c.Keyboard.Options) != 3 || c.Keyboard.Options[0] == c.Keyboard.Options[1] {
		t.Fatalf("keyboard options: %q", c.Keyboard.Options)
	}
	c.Keyboard.SetSelected(c.Keyboard.Options[1])
	if r.state.Keyboard() != app.KeyboardB {
		t.Errorf("choosing the second Alex gave %q", r.state.Keyboard())
	}
}

// TestBackShowsTheListWithoutReadingItAgain: going back from a couple shows the list as it was,
// with only that couple's line read afresh.
func TestBackShowsTheListWithoutReadingItAgain(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	other, err := r.st.CreateCase(ctx, data.Case{NameA: "Noor", NameB: "Kim", Rebuilding: data.RebuilderB})
	if err != nil {
		t.Fatal(err)
	}
	c := r.couple(app.StepWelcome)
	id := c.d.Case.ID
	r.win.ShowStart() // listed anew, as at a start
	if len(shown(t, r.win.Start)) != 2 {
		t.Fatalf("%d couples listed", len(shown(t, r.win.Start)))
	}
	r.win.OpenCouple(id)
	for _, p := range data.Partners {
		if err := r.st.SetDecision(ctx, id, data.DecisionWelcome, p, data.DecisionYes); err != nil {
			t.Fatal(err)
		}
	}
	// Changed behind the window's back: a full re-read would show it.
	other.NameA = "Renamed"
	if err := r.st.UpdateCase(ctx, other); err != nil {
		t.Fatal(err)
	}
	test.Tap(r.win.Couple.Back)
	rows := shown(t, r.win.Start)
	if len(rows) != 2 || rows[0].Case.ID != id {
		t.Fatalf("after Back: %+v", rows)
	}
	if want := r.state.Content().T("ui.step." + app.StepHappened); rows[0].Step != want {
		t.Errorf("the couple just open shows %q, want %q", rows[0].Step, want)
	}
	if rows[1].Title != "Noor & Kim" {
		t.Errorf("the other couple was read again: %q", rows[1].Title)
	}
}

// TestStartListLinesCutLongNamesWhole: a name longer than its quarter of the line is cut with an
// ellipsis, never drawn over the detail or widening the window; short ones and the detail show
// whole, and the step reached fills in once the progress is read.
func TestStartListLinesCutLongNamesWhole(t *testing.T) {
	r := newRig(t)
	long := strings.Repeat("Maximiliane ", 7)[:80] // as long as a name may be
	for _, names := range [][2]string{{"Ana", "Bo"}, {long, "Mei-Lin 林"}} {
		if _, err := r.st.CreateCase(context.Background(), data.Case{NameA: names[0], NameB: names[1], Rebuilding: data.RebuilderA}); err != nil {
			t.Fatal(err)
		}
	}
	r.win.ShowStart()
	img := r.win.Win.Canvas().Capture()
	if os.Getenv("KINTSUGI_SHOT") != "" {
		f, err := os.Create(os.Getenv("KINTSUGI_SHOT"))
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(f, img)
		f.Close()
	}
	if w := r.win.Win.Content().MinSize().Width; w > 1100 {
		t.Errorf("the list asks for a window %.0f wide", w)
	}
	var lines []*listLine
	walk(t, r.win.Win.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*listLine); ok && o.Visible() && l.Name != "" {
			lines = append(lines, l)
		}
	})
	if len(lines) != 2 {
		t.Fatalf("%d lines on screen, want 2", len(lines))
	}
	for _, l := range lines {
		rend := test.TempWidgetRenderer(t, l).(*listLineRenderer)
		shown := rend.name.Text
		quarter := l.Size().Width / 4
		if w := fyne.MeasureText(shown, rend.name.TextSize, rend.name.TextStyle).Width; w > quarter {
			t.Errorf("%q drawn %.0f wide in its quarter of the line, %.0f", shown, w, quarter)
		}
		if rend.detail.Text != l.Detail {
			t.Errorf("the detail is cut: %q", rend.detail.Text)
		}
		switch {
		case strings.HasPrefix(l.Name, "Maximiliane"):
			if !strings.HasSuffix(shown, "…") || !strings.HasPrefix(l.Name, strings.TrimSuffix(shown, "…")) {
				t.Errorf("a long name shows as %q", shown)
			}
		case shown != "Ana & Bo":
			t.Errorf("a short name shows as %q", shown)
		}
		if want := r.state.Content().T("ui.step.welcome"); !strings.HasSuffix(l.Detail, want) {
			t.Errorf("detail %q does not end with the step reached %q", l.Detail, want)
		}
	}
}

// walk visits every object below o.
func walk(t *testing.T, o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(t, c, visit)
		}
	case fyne.Widget:
		for _, c := range test.TempWidgetRenderer(t, x).Objects() {
			walk(t, c, visit)
		}
	}
}

// TestListLineRendererMadeAgainShowsItsTexts: Fyne drops a renderer that was not drawn for a
// minute (a window capture or paint cleans its cache) and makes a new one when next drawn, with
// the line's size unchanged; the new renderer shows the texts cut to that size, not nothing.
func TestListLineRendererMadeAgainShowsItsTexts(t *testing.T) {
	test.NewTempApp(t)
	l := newListLine()
	l.Set("Ana & Bo", "started 4 March", "")
	l.Resize(fyne.NewSize(600, 40))
	t.Run("first renderer, dropped when this ends", func(t *testing.T) {
		if got := test.TempWidgetRenderer(t, l).(*listLineRenderer).name.Text; got != "Ana & Bo" {
			t.Fatalf("first renderer shows %q", got)
		}
	})
	rend := test.TempWidgetRenderer(t, l).(*listLineRenderer)
	if rend.name.Text != "Ana & Bo" || rend.detail.Text != "started 4 March" {
		t.Errorf("a renderer made again shows name %q, detail %q", rend.name.Text, rend.detail.Text)
	}
}

// TestStartListLineKeepsTheStepWhole: in a narrow window a couple's line is cut before the
// step reached, which stays whole at the detail's end, in Russian too.
func TestStartListLineKeepsTheStepWhole(t *testing.T) {
	test.NewTempApp(t)
	l := newListLine()
	step := "сейчас: Недельные отметки"
	l.Set("Саша & Женя", "начало: 3 сентября 2026  ·  изменено: 26 ноября 2026  ·  "+step, "пора на встречу недели")
	l.Resize(fyne.NewSize(860, 40))
	rend := test.TempWidgetRenderer(t, l).(*listLineRenderer)
	if rend.detail.Text == l.Detail {
		t.Fatalf("the detail fits whole at this width; the test needs it cut")
	}
	if !strings.HasSuffix(rend.detail.Text, step) || !strings.Contains(rend.detail.Text, "…") {
		t.Errorf("the detail shows as %q, not cut before the step %q", rend.detail.Text, step)
	}
	if w := fyne.MeasureText(rend.detail.Text, rend.detail.TextSize, rend.detail.TextStyle).Width; w > rend.detail.Size().Width+0.5 {
		t.Errorf("%q drawn %.0f wide in %.0f", rend.detail.Text, w, rend.detail.Size().Width)
	}
}

// TestStartReadsOnlyTheLinesInView: with many couples the start screen counts them and reads
// the lines the window shows; scrolling reads the rest; going back from a couple keeps the lines
// read and the couple's line where it belongs.
func TestStartReadsOnlyTheLinesInView(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	const n = 4 * app.ListPage
	for i := range n {
		if _, err := r.st.CreateCase(ctx, data.Case{NameA: fmt.Sprintf("Ana %02d", i), NameB: "Bo", Rebuilding: data.RebuilderA}); err != nil {
			t.Fatal(err)
		}
	}
	r.win.ShowStart()
	r.win.Win.Canvas().Capture()
	s := r.win.Start
	if s.Len() != n || s.Couples.Loaded() > 2*app.ListPage || s.Couples.Loaded() == 0 {
		t.Fatalf("the first frame lists %d couples and read %d lines; want all counted, at most two pages read", s.Len(), s.Couples.Loaded())
	}
	s.List.ScrollToBottom()
	r.win.Win.Canvas().Capture()
	if s.Couples.Loaded() != n {
		t.Errorf("scrolled to the end, %d of %d lines read", s.Couples.Loaded(), n)
	}
	last, ok := s.Line(n - 1)
	if !ok || last.Title != "Ana 00 & Bo" {
		t.Errorf("the last line is %q, want the couple active longest ago", last.Title)
	}
	// Open the oldest couple, write, go back: its line comes first, the list is the same one.
	s.List.Select(n - 1)
	if r.win.Couple == nil {
		t.Fatal("choosing the last line opened nothing")
	}
	if err := r.state.SetCode(last.Case.ID, "K-9"); err != nil {
		t.Fatal(err)
	}
	test.Tap(r.win.Couple.Back)
	if r.win.Start.Couples != s.Couples || r.win.Start.Couples.Loaded() != n {
		t.Error("going back read the list anew")
	}
	if first, _ := r.win.Start.Line(0); first.Case.ID != last.Case.ID {
		t.Errorf("after the change the first line is %q", first.Title)
	}
}

// TestListDetailsLineUp: every line's detail starts at the same place, whatever the length of
// the couple's name before it (a name just past a rounding step once pushed its detail right).
func TestListDetailsLineUp(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	for _, names := range [][2]string{{"Jo", "Al"}, {"Jordan", "Noor"}, {"Sam", "Alex"}, {"Maximiliana", "Bartholomew"}} {
		if _, err := r.st.CreateCase(ctx, data.Case{NameA: names[0], NameB: names[1], Rebuilding: data.RebuilderA}); err != nil {
			t.Fatal(err)
		}
	}
	r.win.ShowStart()
	s := r.win.Start
	var xs []float32
	for i := range s.Len() {
		o := s.newRow()
		s.updateRow(i, o)
		line := o.(*listLine)
		rend := test.TempWidgetRenderer(t, line).(*listLineRenderer)
		line.Resize(fyne.NewSize(1080, 40))
		rend.Layout(line.Size())
		xs = append(xs, rend.detail.Position().X)
	}
	for i, x := range xs {
		if x != xs[0] {
			t.Errorf("line %d's detail starts at %.0f, line 0's at %.0f", i, x, xs[0])
		}
	}
}
