package app

import (
	"context"
	"fmt"

	"kintsugi/data"
)

// SaveWeekCount queues a week's count of a commitment kept as a count (Count -1 clears it).
// A newer count for the same commitment and week replaces one still waiting to be saved.
func (s *State) SaveWeekCount(caseID int64, wc data.WeekCount) {
	s.Save(fmt.Sprintf("count.%d.%d", wc.CommitmentID, wc.Week), func(ctx context.Context, st *data.Store) error {
		return st.SetWeekCount(ctx, caseID, wc)
	})
}
