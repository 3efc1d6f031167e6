package data_test

import (
	"context"
	"testing"

	"kintsugi/data"
)

// A commitment kept a number of times a week is recorded as one count for the week; the count
// stands in place of that week's day marks, which older versions asked for.
func TestWeekCountsAreStoredAndStandForTheWeek(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := newCase(t, st)
	dinner, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-13", Param: 5, Cost: data.CostModerate, AgreedA: true, AgreedB: true})
	must(t, err)
	calls, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-04", Param: 2, Cost: data.CostModerate, AgreedA: true, AgreedB: true})
	must(t, err)
	// Week 1 as an older version ticked it from the couple's start: three days kept, one missed.
	var old []data.TrackEntry
	for day, m := range []data.Mark{data.MarkKept, data.MarkKept, data.MarkMissed, data.MarkKept} {
		old = append(old, data.TrackEntry{CommitmentID: dinner.ID, Day: c.StartDate.AddDays(day), Mark: m})
	}
	must(t, st.SetMarks(ctx, c.ID, old))
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	if n, ok := d.WeekCount(dinner.ID, 1); n != 3 || !ok {
		t.Errorf("week 1 from its day marks: %d, %v; want 3", n, ok)
	}
	if _, ok := d.WeekCount(dinner.ID, 2); ok {
		t.Error("week 2 has a count though nothing was recorded")
	}

	must(t, st.SetWeekCount(ctx, c.ID, data.WeekCount{CommitmentID: dinner.ID, Week: 1, Count: 4}))
	must(t, st.SetWeekCount(ctx, c.ID, data.WeekCount{CommitmentID: dinner.ID, Week: 2, Count: 0}))
	must(t, st.SetWeekCount(ctx, c.ID, data.WeekCount{CommitmentID: dinner.ID, Week: 3, Count: 2}))
	must(t, st.SetWeekCount(ctx, c.ID, data.WeekCount{CommitmentID: dinner.ID, Week: 3, Count: -1})) // cleared
	d, err = st.Dossier(ctx, c.ID)
	must(t, err)
	for w, want := range map[int]int{1: 4, 2: 0} {
		if n, ok := d.WeekCount(dinner.ID, w); n != want || !ok {
			t.Errorf("week %d: %d, %v; want %d", w, n, ok, want)
		}
	}
	if _, ok := d.WeekCount(dinner.ID, 3); ok {
		t.Error("a cleared count is still there")
	}
	// Four of five kept, one short: the count replaces week 1's day marks in the sums.
	weeks := d.Weeks(3)
	if weeks[0].Kept != 4 || weeks[0].Missed != 1 || weeks[1].Kept != 0 || weeks[1].Missed != 5 {
		t.Errorf("weeks: %+v", weeks)
	}
	if got := d.LastTrackedWeek(); got != 2 {
		t.Errorf("last tracked week %d, want 2", got)
	}

	for _, bad := range []data.WeekCount{
		{CommitmentID: calls.ID, Week: 1, Count: 2},                   // ticked day by day
		{CommitmentID: dinner.ID, Week: 0, Count: 2},                  // no week 0
		{CommitmentID: dinner.ID, Week: 1, Count: -2},                 // negative
		{CommitmentID: dinner.ID, Week: 1, Count: 7*24 + 1},           // more than the hours of a week
		{CommitmentID: dinner.ID + calls.ID + 100, Week: 1, Count: 1}, // no such commitment
		{CommitmentID: dinner.ID, Week: 4, Count: 1},                  // a week still to come
	} {
		if err := st.SetWeekCount(ctx, c.ID, bad); err == nil {
			t.Errorf("%+v was stored", bad)
		}
	}
	other := newCase(t, st)
	if err := st.SetWeekCount(ctx, other.ID, data.WeekCount{CommitmentID: dinner.ID, Week: 1, Count: 1}); err == nil {
		t.Error("a count was stored on another couple's commitment")
	}
	// Deleting the commitment takes its counts with it.
	must(t, st.DeleteCommitment(ctx, c.ID, dinner.ID))
	d, err = st.Dossier(ctx, c.ID)
	must(t, err)
	if len(d.Counts) != 0 {
		t.Errorf("counts of a deleted commitment: %+v", d.Counts)
	}
}
