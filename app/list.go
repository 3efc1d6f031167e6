package app

import (
	"context"

	"kintsugi/couple"
	"kintsugi/data"
)

// CoupleRow is one line of the list of couples: the couple, the step it has reached and what
// is due for it today ("" and nothing for a locked couple, whose progress is theirs to know).
type CoupleRow struct {
	Case   data.Case
	Locked bool
	Step   string
	Due    []couple.DueKind
}

// ListCouples lists the couples, the most recently active first, each with the step it has
// reached. It reads summaries, never a couple's full record: quick with hundreds of couples.
func ListCouples(ctx context.Context, st *data.Store, content *data.Content) ([]CoupleRow, error) {
	sums, err := st.Summaries(ctx)
	if err != nil {
		return nil, err
	}
	facts, err := st.DueFactsOf(ctx, data.DateOf(Now()), 0)
	if err != nil {
		return nil, err
	}
	out := make([]CoupleRow, 0, len(sums))
	for _, s := range sums {
		out = append(out, rowOf(content, s, facts[s.Case.ID]))
	}
	return out, nil
}

// CoupleRowOf is one couple's line, read afresh (after the couple was open, say).
func CoupleRowOf(ctx context.Context, st *data.Store, content *data.Content, caseID int64) (CoupleRow, error) {
	s, err := st.SummaryOfCase(ctx, caseID)
	if err != nil {
		return CoupleRow{}, err
	}
	facts, err := st.DueFactsOf(ctx, data.DateOf(Now()), caseID)
	if err != nil {
		return CoupleRow{}, err
	}
	return rowOf(content, s, facts[caseID]), nil
}

func rowOf(content *data.Content, s data.Summary, due *data.DueFacts) CoupleRow {
	if s.Locked {
		return CoupleRow{Case: s.Case, Locked: true}
	}
	row := CoupleRow{Case: s.Case, Step: SummaryStep(content, s)}
	if due != nil {
		// The light versions in due carry no text to hash: the kept summary judged the newest.
		signed, _ := couple.NewestSigned(due.Agreements)
		for _, d := range couple.DueFor(data.DateOf(Now()), due.CheckedIn, signed, s.NewestSignedAltered, due.Commitments, Monitoring(content)) {
			row.Due = append(row.Due, d.Kind)
		}
	}
	return row
}

// Monitoring tells couple.WhatIsDue which catalog commitments check on a partner.
func Monitoring(content *data.Content) func(catalogID string) bool {
	return func(id string) bool { e := content.Entry(id); return e != nil && e.Monitoring }
}
