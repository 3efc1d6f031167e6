package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"kintsugi/data"
)

// listIDs is every couple's ID as a fresh list gives them, in order.
func listIDs(t *testing.T, st *data.Store) []int64 {
	t.Helper()
	content, err := LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ListCouples(context.Background(), st, content)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, r := range rows {
		out = append(out, r.Case.ID)
	}
	return out
}

// TestCoupleListReadsLinesAsTheyComeIntoView: the list counts the couples and reads one page;
// asking for a line further down reads the pages up to it; going back after a couple was open
// moves that couple's line alone, and the lines read stay the true beginning of the list.
func TestCoupleListReadsLinesAsTheyComeIntoView(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	st, err := OpenStore(ctx, filepath.Join(t.TempDir(), "k.db"), data.WithClock(func() time.Time { now = now.Add(time.Second); return now }))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	content, err := LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	var made []data.Case
	for i := range 3*ListPage + 5 {
		c, err := st.CreateCase(ctx, data.Case{NameA: fmt.Sprintf("A%02d", i), NameB: "B", Rebuilding: data.RebuilderA})
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, c)
	}
	l, err := NewCoupleList(ctx, st, content, true, "")
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() != len(made) || l.Loaded() != ListPage {
		t.Fatalf("a new list counts %d and read %d lines, want %d and one page (%d)", l.Len(), l.Loaded(), len(made), ListPage)
	}
	if r, err := l.Row(ctx, ListPage+2); err != nil || r.Case.ID != made[len(made)-1-ListPage-2].ID || l.Loaded() != 2*ListPage {
		t.Fatalf("line %d: %+v, %v; %d lines read", ListPage+2, r.Case, err, l.Loaded())
	}
	shown := func() []int64 {
		var out []int64
		for i := range l.Len() {
			r, err := l.Row(ctx, i)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, r.Case.ID)
		}
		return out
	}
	// A couple beyond the lines read is changed; then one among them; then one is deleted.
	for _, c := range []data.Case{made[0], made[len(made)-5]} {
		if err := st.SetCode(ctx, c.ID, "K-"+c.NameA); err != nil {
			t.Fatal(err)
		}
		before := l.Loaded()
		if err := l.Touched(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if r, _ := l.Row(ctx, 0); r.Case.ID != c.ID || r.Case.Code != "K-"+c.NameA {
			t.Errorf("after %s changed the first line is %+v", c.NameA, r.Case)
		}
		if l.Loaded() > before+1 {
			t.Errorf("going back read %d lines, it had %d", l.Loaded(), before)
		}
	}
	if err := st.DeleteCase(ctx, made[7].ID); err != nil {
		t.Fatal(err)
	}
	if err := l.Touched(ctx, made[7].ID); err != nil {
		t.Fatal(err)
	}
	if want := listIDs(t, st); !slices.Equal(shown(), want) || l.Len() != len(made)-1 {
		t.Errorf("the list kept through the changes shows\n%v\na fresh one\n%v", shown(), want)
	}
}
