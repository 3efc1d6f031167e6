package app

import (
	"context"

	"kintsugi/data"
)

// CoupleRow is one line of the list of couples: the couple, and the step it has reached
// ("" for a locked couple, whose progress is theirs to know).
type CoupleRow struct {
	Case   data.Case
	Locked bool
	Step   string
}

// ListCouples lists the couples, the most recently active first, each with the step it has
// reached. It reads summaries, never a couple's full record: quick with hundreds of couples.
func ListCouples(ctx context.Context, st *data.Store, content *data.Content) ([]CoupleRow, error) {
	sums, err := st.Summaries(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]CoupleRow, 0, len(sums))
	for _, s := range sums {
		out = append(out, rowOf(content, s))
	}
	return out, nil
}

// CoupleRowOf is one couple's line, read afresh (after the couple was open, say).
func CoupleRowOf(ctx context.Context, st *data.Store, content *data.Content, caseID int64) (CoupleRow, error) {
	s, err := st.SummaryOfCase(ctx, caseID)
	if err != nil {
		return CoupleRow{}, err
	}
	return rowOf(content, s), nil
}

func rowOf(content *data.Content, s data.Summary) CoupleRow {
	if s.Locked {
		return CoupleRow{Case: s.Case, Locked: true}
	}
	return CoupleRow{Case: s.Case, Step: SummaryStep(content, s)}
}
