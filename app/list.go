package app

import (
	"context"
	"errors"

	"kintsugi/data"
)

// CoupleRow is one line of the list of couples: the couple, and the step it has reached
// ("" for a locked couple, whose progress is theirs to know).
type CoupleRow struct {
	Case   data.Case
	Locked bool
	Step   string
}

// ListCouples lists the couples, the most recently active first, each with the step it reached.
func ListCouples(ctx context.Context, st *data.Store, content *data.Content) ([]CoupleRow, error) {
	cases, err := st.Cases(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]CoupleRow, 0, len(cases))
	for _, c := range cases {
		row := CoupleRow{Case: c}
		d, err := st.Dossier(ctx, c.ID)
		switch {
		case errors.Is(err, data.ErrLocked):
			row.Locked = true
		case err != nil:
			return nil, err
		default:
			row.Step = StepReached(content, d)
		}
		out = append(out, row)
	}
	return out, nil
}
