package screens

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

// manyCouples stores n couples, "Ana 00 & Bo" the one active longest ago.
func manyCouples(t *testing.T, r *rig, n int) {
	t.Helper()
	for i := range n {
		if _, err := r.st.CreateCase(context.Background(), data.Case{NameA: fmt.Sprintf("Ana %02d", i), NameB: "Bo", Rebuilding: data.RebuilderA}); err != nil {
			t.Fatal(err)
		}
	}
}

// press sends key to what has the keyboard, as the window does.
func listKey(t *testing.T, r *rig, key fyne.KeyName) {
	t.Helper()
	f := r.win.Win.Canvas().Focused()
	if f == nil {
		t.Fatalf("%s pressed with nothing focused", key)
	}
	f.TypedKey(&fyne.KeyEvent{Name: key})
}

// tabToList moves the keyboard from the top of the start screen to the list, as Tab does.
func tabToList(t *testing.T, r *rig) {
	t.Helper()
	c := r.win.Win.Canvas()
	for range 12 {
		c.FocusNext()
		if c.Focused() == fyne.Focusable(r.win.Start.List) {
			return
		}
	}
	t.Fatal("Tab never reached the list of couples")
}

// TestListOpensACoupleByKeyboard: Tab to the list, arrows down past a page, Enter opens the
// couple on that line (Space too); Home, End and the page keys cross 500 lines in a few presses.
func TestListOpensACoupleByKeyboard(t *testing.T) {
	r := newRig(t)
	const n = 3 * app.ListPage
	manyCouples(t, r, n)
	r.win.ShowStart()
	r.win.Win.Canvas().Capture()
	tabToList(t, r)
	for range 41 {
		listKey(t, r, fyne.KeyDown)
	}
	want, _ := r.win.Start.Line(41)
	listKey(t, r, fyne.KeyReturn)
	if r.win.Couple == nil || r.win.Couple.d.Case.ID != want.Case.ID {
		t.Fatalf("Enter on line 41 (%s) opened %v", want.Title, r.win.Couple)
	}
	r.win.ShowStart()
	r.win.Win.Canvas().Capture()
	tabToList(t, r)
	listKey(t, r, fyne.KeyEnd)
	listKey(t, r, fyne.KeySpace)
	if r.win.Couple == nil || r.win.Couple.d.Case.Title() != "Ana 00 & Bo" {
		t.Fatalf("End then Space opened %v, want the last line", r.win.Couple)
	}
	r.win.ShowStart()
	r.win.Win.Canvas().Capture()
	tabToList(t, r)
	listKey(t, r, fyne.KeyPageDown)
	listKey(t, r, fyne.KeyPageDown)
	listKey(t, r, fyne.KeyPageUp)
	listKey(t, r, fyne.KeyDown)
	listKey(t, r, fyne.KeyReturn)
	if r.win.Couple == nil {
		t.Fatal("Page Down twice, Page Up, Down, Enter opened nothing")
	}
	if id := r.win.Couple.d.Case.ID; id == first(t, r).Case.ID || id == second(t, r).Case.ID {
		t.Errorf("Page Down twice, Page Up, Down opened %s, near the top", r.win.Couple.d.Case.Title())
	}
	r.win.ShowStart()
	r.win.Win.Canvas().Capture()
	tabToList(t, r)
	listKey(t, r, fyne.KeyEnd)
	listKey(t, r, fyne.KeyHome)
	listKey(t, r, fyne.KeyReturn)
	if r.win.Couple == nil || r.win.Couple.d.Case.ID != first(t, r).Case.ID {
		t.Errorf("End, Home, Enter opened %v, want the first line", r.win.Couple)
	}
}

func first(t *testing.T, r *rig) startRow  { return lineOf(t, r, 0) }
func second(t *testing.T, r *rig) startRow { return lineOf(t, r, 1) }

// lineOf is line i of the list of couples as a fresh start screen shows it.
func lineOf(t *testing.T, r *rig, i int) startRow {
	t.Helper()
	l, err := app.NewCoupleList(context.Background(), r.st, r.state.Content(), false, "")
	if err != nil {
		t.Fatal(err)
	}
	row, err := l.Row(context.Background(), i)
	if err != nil {
		t.Fatal(err)
	}
	return startRow{Case: row.Case}
}

// TestBackReturnsToTheSamePlaceInTheList: a couple opened far down the list by keyboard; Back
// shows the list where it was with the keyboard on that couple's line, and its line read again;
// when what was done there moved it to the top, the keyboard is on the couple after it.
func TestBackReturnsToTheSamePlaceInTheList(t *testing.T) {
	r := newRig(t)
	const n = 4 * app.ListPage
	manyCouples(t, r, n)
	r.win.ShowStart()
	r.win.Win.Canvas().Capture()
	tabToList(t, r)
	for range 45 {
		listKey(t, r, fyne.KeyDown)
	}
	offset := r.win.Start.List.GetScrollOffset()
	if offset == 0 {
		t.Fatal("line 45 is in view without scrolling")
	}
	line, _ := r.win.Start.Line(45)
	next, _ := r.win.Start.Line(46)
	back := func(what string) *Start {
		t.Helper()
		test.Tap(r.win.Couple.Back)
		s := r.win.Start
		r.win.Win.Canvas().Capture()
		// As it was, or one line further to show the line the keyboard is on.
		if got, line := s.List.GetScrollOffset(), newListLine().MinSize().Height; got < offset || got > offset+2*line {
			t.Errorf("%s: Back shows the list scrolled to %.0f, want %.0f as it was", what, got, offset)
		}
		if r.win.Win.Canvas().Focused() != fyne.Focusable(s.List) {
			t.Fatalf("%s: after Back the keyboard is on %T, want the list", what, r.win.Win.Canvas().Focused())
		}
		return s
	}
	listKey(t, r, fyne.KeySpace)
	if r.win.Couple == nil || r.win.Couple.d.Case.ID != line.Case.ID {
		t.Fatal("Space did not open line 45")
	}
	back("looked at")
	listKey(t, r, fyne.KeyReturn)
	if r.win.Couple == nil || r.win.Couple.d.Case.ID != line.Case.ID {
		t.Fatal("Enter after Back does not open the same couple again")
	}
	// Something the line shows changes while the couple is open: it becomes the most recent.
	if err := r.state.SetCode(line.Case.ID, "K-45"); err != nil {
		t.Fatal(err)
	}
	s := back("changed")
	if top, _ := s.Line(0); top.Case.ID != line.Case.ID || top.Case.Code != "K-45" {
		t.Errorf("after the change the first line is %q (code %q), want %q read again", top.Title, top.Case.Code, line.Title)
	}
	listKey(t, r, fyne.KeyReturn)
	if r.win.Couple == nil || r.win.Couple.d.Case.ID != next.Case.ID {
		t.Errorf("Enter after Back opened %v, want %q, the next one down", r.win.Couple, next.Title)
	}
}

// TestSearchedListDetailsLineUp: a search that lists the same couples as the one before it
// (typing one more letter) lays every line out again on the new names' column.
func TestSearchedListDetailsLineUp(t *testing.T) {
	r, _ := officeRig(t)
	ctx := context.Background()
	for _, names := range [][2]string{{"Wanda", "Lin"}, {"Ivo", "Lina"}, {"Mo", "Linus"}, {"Jo", "Alina"}} {
		if _, err := r.st.CreateCase(ctx, data.Case{NameA: names[0], NameB: names[1], Rebuilding: data.RebuilderA}); err != nil {
			t.Fatal(err)
		}
	}
	r.win.ShowStart()
	s := r.win.Start
	r.win.Win.Canvas().Capture()
	test.Type(s.Search, "lin")
	r.win.Win.Canvas().Capture()
	test.Type(s.Search, "a")
	r.win.Win.Canvas().Capture()
	if s.Len() != 2 {
		t.Fatalf("searching lina lists %d couples", s.Len())
	}
	listed := map[string]bool{}
	for _, row := range shown(t, s) {
		listed[row.Title] = true
	}
	xs := map[string]float32{}
	for _, l := range s.lines {
		if !listed[l.Name] {
			continue // a line widget the list keeps aside
		}
		rend := test.WidgetRenderer(l).(*listLineRenderer)
		xs[l.Name] = rend.detail.Position().X
	}
	if len(xs) != 2 {
		t.Fatalf("lines shown: %v", xs)
	}
	var first float32
	for name, x := range xs {
		if first == 0 {
			first = x
		}
		if x != first {
			t.Errorf("details start at different places: %v (%s)", xs, name)
			break
		}
	}
}

// TestNotesFocusRingGoesAroundTheNotes: the therapist's notes page shows in place of the
// couple's steps; its ring goes around the whole notes box, not cut to where the couple's
// hidden page was.
func TestNotesFocusRingGoesAroundTheNotes(t *testing.T) {
	r, c := officeRig(t)
	r.win.OpenCouple(c.ID)
	r.win.Couple.Show(app.StepTracking)
	r.win.ShowNotes()
	if r.win.Notes == nil {
		t.Fatal("the notes page did not show")
	}
	r.win.Win.Canvas().Capture()
	if r.win.Win.Canvas().Focused() != fyne.Focusable(r.win.Notes.Text) {
		t.Fatal("the notes box does not have the keyboard")
	}
	r.win.ring.Update()
	ring, box := r.win.ring.Rect, r.win.Notes.Text.Size()
	if !ring.Visible() || ring.Size().Width < box.Width || ring.Size().Height < box.Height {
		t.Errorf("the ring is %v around a notes box of %v", ring.Size(), box)
	}
}

// TestFinishedCoupleHasNothingDue: a finished couple found by the office's search shows no
// check-in or review due: their work here is over.
func TestFinishedCoupleHasNothingDue(t *testing.T) {
	r, _ := officeRig(t)
	ctx := context.Background()
	// Signed long ago: a review and a check-in are due for an active couple.
	made, err := app.GenerateOffice(ctx, r.st, r.state.Content(), 1, time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	busy := made[0]
	r.win.ShowStart()
	due := ""
	for _, row := range shown(t, r.win.Start) {
		if row.Case.ID == busy.ID {
			due = row.Due
		}
	}
	if due == "" {
		t.Fatal("the generated couple's line shows nothing due; want a check-in or review")
	}
	if err := r.st.SetFinished(ctx, busy.ID, true); err != nil {
		t.Fatal(err)
	}
	r.win.ShowStart()
	test.Type(r.win.Start.Search, busy.Initials())
	for _, row := range shown(t, r.win.Start) {
		if row.Case.ID == busy.ID && row.Due != "" {
			t.Errorf("the finished couple's line says %q is due", row.Due)
		}
	}
}

// TestBackKeepsTheSearch: a couple found by the office's search and opened; Back shows the same
// search with its couples, not the whole list from the top with the search gone.
func TestBackKeepsTheSearch(t *testing.T) {
	r, _ := officeRig(t)
	ctx := context.Background()
	for _, names := range [][2]string{{"Wanda", "Zuri"}, {"Ivo", "Zuzana"}, {"Mo", "Azura"}, {"Jo", "Kai"}} {
		if _, err := r.st.CreateCase(ctx, data.Case{NameA: names[0], NameB: names[1], Rebuilding: data.RebuilderA}); err != nil {
			t.Fatal(err)
		}
	}
	r.win.ShowStart()
	r.win.Win.Canvas().Capture()
	test.Type(r.win.Start.Search, "zu")
	found := shown(t, r.win.Start)
	if len(found) != 3 {
		t.Fatalf("searching zu finds %d couples", len(found))
	}
	r.win.Start.List.Select(1)
	if r.win.Couple == nil || r.win.Couple.d.Case.ID != found[1].Case.ID {
		t.Fatal("choosing the second couple found did not open it")
	}
	test.Tap(r.win.Couple.Back)
	s := r.win.Start
	if s.Search.Text != "zu" {
		t.Errorf("after Back the search says %q, want zu", s.Search.Text)
	}
	back := shown(t, s)
	if len(back) != len(found) {
		t.Fatalf("after Back %d couples listed, want the %d found", len(back), len(found))
	}
	for i := range back {
		if back[i].Case.ID != found[i].Case.ID {
			t.Errorf("after Back line %d is %q, want %q", i, back[i].Title, found[i].Title)
		}
	}
	test.Type(s.Search, "ri")
	if rows := shown(t, s); len(rows) != 1 || rows[0].Title != "W. & Z." {
		t.Errorf("searching on after Back: %+v", rows)
	}
}
