package screens

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

func TestStartCreatesACouple(t *testing.T) {
	r := newRig(t)
	f := newCoupleForm(r.state.Content)
	test.Type(f.NameA, "Ngozi")
	test.Type(f.NameB, "Mei-Lin 林")
	f.Rebuilding.SetSelected(r.state.Content.T("ui.new.rebuilding.b"))
	f.Paper.SetSelected(r.state.Content.T("ui.paper.letter"))
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
	if r.win.Start == nil || len(r.win.Start.Cases) != 1 || r.win.Start.Cases[0].Title != "Ngozi & Mei-Lin 林" {
		t.Fatalf("back on the start screen: %+v", r.win.Start)
	}
}

func TestStartRefusesANamelessCouple(t *testing.T) {
	r := newRig(t)
	f := newCoupleForm(r.state.Content)
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
	f := newCoupleForm(r.state.Content)
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
	r.win.Start.steps.Wait()
	if len(r.win.Start.Cases) != 2 {
		t.Fatalf("%d couples listed", len(r.win.Start.Cases))
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
	r.win.Start.steps.Wait()
	rows := r.win.Start.Cases
	if len(rows) != 2 || rows[0].Case.ID != id {
		t.Fatalf("after Back: %+v", rows)
	}
	if want := r.state.Content.T("ui.step." + app.StepHappened); rows[0].Step != want {
		t.Errorf("the couple just open shows %q, want %q", rows[0].Step, want)
	}
	if rows[1].Title != "Noor & Kim" {
		t.Errorf("the other couple was read again: %q", rows[1].Title)
	}
}
