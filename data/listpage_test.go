package data_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"kintsugi/data"
)

// openTicking opens a store whose clock moves a second on every reading, so couples written one
// after another are active at distinct moments.
func openTicking(t *testing.T, opts ...data.Option) (*data.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "k.db")
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { now = now.Add(time.Second); return now }
	st, err := data.Open(context.Background(), path, append([]data.Option{data.WithClock(clock)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

func lineIDs(lines []data.ListLine) []int64 {
	var out []int64
	for _, l := range lines {
		out = append(out, l.Case.ID)
	}
	return out
}

// TestListLinesReadPagesInTheListsOrder: a page is the couples most recently active first,
// exactly as the whole list orders them, and an office's page leaves out the example couple and
// finished couples unless searched for; the count agrees with the pages.
func TestListLinesReadPagesInTheListsOrder(t *testing.T) {
	ctx := context.Background()
	st, _ := openTicking(t)
	var made []data.Case
	for i := range 40 {
		c, err := st.CreateCase(ctx, data.Case{NameA: fmt.Sprintf("A%02d", i), NameB: "B", Rebuilding: data.RebuilderA})
		must(t, err)
		made = append(made, c)
	}
	// Activity in another order than creation: every third couple touched again, last first.
	for i := len(made) - 1; i >= 0; i -= 3 {
		must(t, st.SetCode(ctx, made[i].ID, fmt.Sprintf("K-%d", i)))
	}
	must(t, st.SetFinished(ctx, made[5].ID, true))
	whole, err := st.Cases(ctx) // the most recently active first
	must(t, err)
	var want []int64
	for _, c := range whole {
		want = append(want, c.ID)
	}
	var paged []int64
	for off := 0; ; off += 7 {
		lines, err := st.ListLines(ctx, data.ListQuery{Offset: off, Limit: 7})
		must(t, err)
		paged = append(paged, lineIDs(lines)...)
		if len(lines) < 7 {
			break
		}
	}
	if !slices.Equal(paged, want) {
		t.Errorf("pages give %v, the whole list %v", paged, want)
	}
	if n, err := st.CountCouples(ctx, data.ListQuery{}); err != nil || n != 40 {
		t.Errorf("count at home: %d, %v", n, err)
	}
	office := data.ListQuery{Office: true, Limit: 100}
	lines, err := st.ListLines(ctx, office)
	must(t, err)
	if n, err := st.CountCouples(ctx, office); err != nil || n != 39 || len(lines) != 39 || slices.Contains(lineIDs(lines), made[5].ID) {
		t.Errorf("the office lists %d of %d counted, with the finished couple: %v", len(lines), n, slices.Contains(lineIDs(lines), made[5].ID))
	}
	office.Search = "a05"
	lines, err = st.ListLines(ctx, office)
	must(t, err)
	if len(lines) != 1 || lines[0].Case.ID != made[5].ID || !lines[0].Case.Finished {
		t.Errorf("searching the finished couple finds %+v", lines)
	}
}

// TestOfficeSearchFindsAnyScriptInAnyCase: SQLite's own LIKE folds ASCII only; the search runs
// Go's comparison inside SQLite, so a name typed in lower case finds it in any script.
func TestOfficeSearchFindsAnyScriptInAnyCase(t *testing.T) {
	ctx := context.Background()
	st, _ := openTicking(t)
	ana, err := st.CreateCase(ctx, data.Case{NameA: "Анна", NameB: "Ψυχή", Rebuilding: data.RebuilderA})
	must(t, err)
	_, err = st.CreateCase(ctx, data.Case{NameA: "Tomás", NameB: "Yuki", Rebuilding: data.RebuilderB})
	must(t, err)
	for _, q := range []string{"анна", "АННА", "ψυχή", "а. & ψ.", "  нн "} {
		lines, err := st.ListLines(ctx, data.ListQuery{Office: true, Search: q, Limit: 10})
		must(t, err)
		if n, _ := st.CountCouples(ctx, data.ListQuery{Office: true, Search: q}); len(lines) != 1 || lines[0].Case.ID != ana.ID || n != 1 {
			t.Errorf("search %q: %v (count %d)", q, lineIDs(lines), n)
		}
	}
	if lines, _ := st.ListLines(ctx, data.ListQuery{Office: true, Search: "zz", Limit: 10}); len(lines) != 0 {
		t.Errorf("search zz: %v", lineIDs(lines))
	}
}

// TestOfficeSearchIgnoresAccents: a therapist types names as a keyboard makes them easy, without
// their accents: "tomas" finds Tomás, "алена" finds Алёна, and an accent typed still finds it.
func TestOfficeSearchIgnoresAccents(t *testing.T) {
	ctx := context.Background()
	st, _ := openTicking(t)
	tomas, err := st.CreateCase(ctx, data.Case{NameA: "Tomás", NameB: "Zoë", Rebuilding: data.RebuilderA})
	must(t, err)
	alyona, err := st.CreateCase(ctx, data.Case{NameA: "Алёна", NameB: "Йоко", Rebuilding: data.RebuilderB})
	must(t, err)
	_, err = st.CreateCase(ctx, data.Case{NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderB})
	must(t, err)
	for q, want := range map[string]int64{"tomas": tomas.ID, "TOMAS": tomas.ID, "Tomás": tomas.ID, "zoe": tomas.ID,
		"алена": alyona.ID, "АЛЁНА": alyona.ID, "йоко": alyona.ID, "иоко": alyona.ID} {
		q := data.ListQuery{Office: true, Search: q, Limit: 10}
		lines, err := st.ListLines(ctx, q)
		must(t, err)
		if len(lines) != 1 || lines[0].Case.ID != want {
			t.Errorf("search %q: %v, want [%d]", q.Search, lineIDs(lines), want)
		}
		if len(lines) == 1 && !q.Admits(lines[0].Case) {
			t.Errorf("search %q: SQLite finds %q, Admits does not", q.Search, lines[0].Case.Title())
		}
	}
}

// TestListLinesKeepTheJudgesStep: a store with a judge keeps each couple's step with its
// summary, and the list reads it without judging; a step kept by another judge (an older
// Kintsugi, or the store opened without one) is never trusted: the line comes whole, to judge.
func TestListLinesKeepTheJudgesStep(t *testing.T) {
	ctx := context.Background()
	calls := 0
	judge := data.Judge{Version: "test-1", Step: func(s data.Summary) string {
		calls++
		return fmt.Sprintf("rules:%d", s.RuleAcks)
	}}
	st, path := openTicking(t, data.WithJudge(judge))
	c := newCase(t, st)
	must(t, st.SetRuleAck(ctx, c.ID, "RULE-01", data.PartnerA, true))
	calls = 0
	line, err := st.ListLineOf(ctx, c.ID, data.NewDate(2026, 5, 2))
	must(t, err)
	if !line.Judged || line.Step != "rules:1" || calls != 0 {
		t.Errorf("kept step: %+v judged %v, %d judgements while listing", line.Step, line.Judged, calls)
	}
	st.Close()

	other, err := data.Open(ctx, path, data.WithJudge(data.Judge{Version: "test-2", Step: judge.Step}))
	must(t, err)
	defer other.Close()
	line, err = other.ListLineOf(ctx, c.ID, data.NewDate(2026, 5, 2))
	must(t, err)
	if line.Judged || line.RuleAcks != 1 {
		t.Errorf("a step kept under other rules was trusted: %+v", line)
	}
	plain, err := data.Open(ctx, path)
	must(t, err)
	defer plain.Close()
	must(t, plain.SetRuleAck(ctx, c.ID, "RULE-01", data.PartnerB, true)) // written without a judge
	line, err = other.ListLineOf(ctx, c.ID, data.NewDate(2026, 5, 2))
	must(t, err)
	if line.Judged || line.RuleAcks != 2 {
		t.Errorf("after a write without a judge: %+v", line)
	}
}
