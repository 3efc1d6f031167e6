package screens

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintsugi/data"
)

// A real couple called Sam and Alex is theirs: "Open the example couple" never opens it.
func TestExampleIsNeverARealCoupleWithTheSameNames(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	real, err := r.st.CreateCase(ctx, data.Case{NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderB})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.st.SaveLetter(ctx, data.Letter{CaseID: real.ID, Text: "our own words"}); err != nil {
		t.Fatal(err)
	}
	r.win.ShowStart()
	test.Tap(r.win.Start.Sample)
	if r.win.Couple == nil {
		t.Fatalf("the example did not open: %s", r.win.Start.Message.Text)
	}
	opened := r.state.CaseID()
	if opened == real.ID {
		t.Fatal("the real Sam and Alex opened as the example couple")
	}
	ex, err := r.st.Case(ctx, opened)
	if err != nil || !ex.Example {
		t.Fatalf("what opened is not marked as the example: %+v %v", ex, err)
	}
	if l, _ := r.st.Letter(ctx, real.ID); l.Text != "our own words" {
		t.Errorf("the real couple's letter changed: %q", l.Text)
	}
	// Asking again opens the same example, not a second one.
	test.Tap(r.win.Couple.Back)
	test.Tap(r.win.Start.Sample)
	if r.state.CaseID() != opened {
		t.Errorf("the example opened as %d, then %d", opened, r.state.CaseID())
	}
	if cases, _ := r.st.Cases(ctx); len(cases) != 2 {
		t.Errorf("%d couples stored, want the real one and one example", len(cases))
	}
}
