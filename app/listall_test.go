package app

import (
	"context"

	"kintsugi/data"
)

// The whole list and one couple's line, for tests and benchmarks that compare the list with the
// couples' records: the window reads only the lines in view (CoupleList).

// ListCouples lists every couple, the most recently active first, each with the step it has
// reached: the whole list, page by page.
func ListCouples(ctx context.Context, st *data.Store, content *data.Content) ([]CoupleRow, error) {
	l, err := NewCoupleList(ctx, st, content, false, "")
	if err != nil {
		return nil, err
	}
	if err := l.readTo(ctx, l.total-1); err != nil {
		return nil, err
	}
	return l.rows, nil
}

// CoupleRowOf is one couple's line, read afresh.
func CoupleRowOf(ctx context.Context, st *data.Store, content *data.Content, caseID int64) (CoupleRow, error) {
	line, err := st.ListLineOf(ctx, caseID, data.DateOf(Now()))
	if err != nil {
		return CoupleRow{}, err
	}
	return rowOf(content, line, data.DateOf(Now())), nil
}
