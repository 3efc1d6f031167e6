package data_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"kintsugi/data"
)

// TestMarksKeepToTheAgreedDays: the store, not only the window, refuses a mark on a day still to
// come or before the agreement started; a refused batch writes nothing, and clearing a cell is
// always allowed.
func TestMarksKeepToTheAgreedDays(t *testing.T) {
	st, _ := openTemp(t) // today is fixedNow, Monday 16 March
	ctx := context.Background()
	c := newCase(t, st) // starts Wednesday 4 March
	cm, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-05", Cost: data.CostLow, AgreedA: true, AgreedB: true})
	must(t, err)
	today := data.DateOf(fixedNow)
	ok := []data.TrackEntry{{CommitmentID: cm.ID, Day: c.StartDate, Mark: data.MarkKept}, {CommitmentID: cm.ID, Day: today, Mark: data.MarkMissed}}
	must(t, st.SetMarks(ctx, c.ID, ok))

	for what, bad := range map[string]struct {
		day data.Date
		say string
	}{
		"the day before the couple's start": {c.StartDate.AddDays(-1), "before the agreement started"},
		"tomorrow":                          {today.AddDays(1), "still to come"},
	} {
		// With a good mark in the same batch: all or nothing.
		err := st.SetMarks(ctx, c.ID, []data.TrackEntry{
			{CommitmentID: cm.ID, Day: c.StartDate.AddDays(1), Mark: data.MarkKept},
			{CommitmentID: cm.ID, Day: bad.day, Mark: data.MarkKept},
		})
		var in *data.InputError
		if !errors.As(err, &in) || !strings.Contains(err.Error(), bad.say) || !strings.Contains(err.Error(), bad.day.String()) {
			t.Errorf("%s: err = %v, want an InputError naming the day and saying %q", what, err, bad.say)
		}
	}
	got, err := st.Marks(ctx, c.ID, data.Date{}, data.NewDate(9999, 12, 31))
	must(t, err)
	if len(got) != 2 {
		t.Errorf("after refused batches the marks are %+v, want only the two allowed ones", got)
	}

	// A later agreement start moves the first day that can be marked.
	_, err = st.SaveAgreement(ctx, data.Agreement{CaseID: c.ID, StartDate: c.StartDate.AddDays(5), ReviewDate: c.StartDate.AddDays(90)})
	must(t, err)
	if err := st.SetMark(ctx, c.ID, data.TrackEntry{CommitmentID: cm.ID, Day: c.StartDate.AddDays(2), Mark: data.MarkKept}); err == nil {
		t.Error("a mark before the agreement's start was stored")
	}
	// The mark made before the agreement moved can still be taken away.
	must(t, st.SetMark(ctx, c.ID, data.TrackEntry{CommitmentID: cm.ID, Day: c.StartDate, Mark: data.MarkNone}))
}
