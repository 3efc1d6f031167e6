package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"kintsugi/couple"
)

// WeekCount is how many times a commitment kept as a count (dinner at home five days a week)
// was kept in one week. Count -1 clears what was recorded.
type WeekCount struct {
	CommitmentID int64
	Week         int
	Count        int
}

// TrackingOf is how catalog commitment id is kept on record, as the catalog says; the couple's
// own commitments (id "") are ticked day by day. The kind is the same in every language, so the
// built-in catalog answers for all of them.
func TrackingOf(id string) (couple.TrackKind, error) {
	if id == "" {
		return couple.TrackDaily, nil
	}
	c, err := builtin()
	if err != nil {
		return couple.TrackDaily, fmt.Errorf("read the catalog: %w", err)
	}
	if e := c.Entry(id); e != nil {
		return e.Track, nil
	}
	return couple.TrackDaily, nil
}

// SetWeekCount records a week's count for a commitment kept as a count, or clears it (Count
// -1). The count stands for that week in place of any day marks older versions made.
func (s *Store) SetWeekCount(ctx context.Context, caseID int64, wc WeekCount) error {
	if wc.Week < 1 {
		return fmt.Errorf("count: %w", &InputError{Msg: "week numbers start at 1"})
	}
	if wc.Count != -1 {
		if err := couple.CheckWeekCount(wc.Count); err != nil {
			return fmt.Errorf("count: %w", err)
		}
	}
	return s.write(ctx, caseID, fmt.Sprintf("count week %d", wc.Week), func(tx *sql.Tx) error {
		var owner int64
		var stored any // the catalog ID, sealed for a locked couple
		err := tx.QueryRowContext(ctx, "SELECT case_id, catalog_id FROM commitments WHERE id = ?", wc.CommitmentID).Scan(&owner, &stored)
		if err != nil || owner != caseID {
			return fmt.Errorf("commitment %d of case %d: %w", wc.CommitmentID, caseID, ErrNotFound)
		}
		catalogID, err := s.openShape(caseID, "commitment.catalog_id", strconv.FormatInt(wc.CommitmentID, 10), stored)
		if err != nil {
			return err
		}
		kind, err := TrackingOf(catalogID)
		if err != nil {
			return err
		}
		if err := couple.CheckCountable(kind); err != nil {
			return err
		}
		if wc.Count == -1 {
			// Clearing is always allowed: it can only take away a count the rule refuses.
			_, err = tx.ExecContext(ctx, "DELETE FROM week_counts WHERE commitment_id = ? AND week = ?", wc.CommitmentID, wc.Week)
			return err
		}
		if err := s.countWeekAllowedIn(ctx, tx, caseID, wc.Week); err != nil {
			return err
		}
		times, err := s.sealShape(caseID, "week_count", countRow(wc.CommitmentID, wc.Week), wc.Count)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx,
			`INSERT INTO week_counts (case_id, commitment_id, week, times) VALUES (?, ?, ?, ?)
			 ON CONFLICT (commitment_id, week) DO UPDATE SET times = excluded.times`,
			caseID, wc.CommitmentID, wc.Week, times)
		return err
	})
}

// countWeekAllowedIn applies couple.CountWeekAllowed to week w of a couple, today being the
// store's today.
func (s *Store) countWeekAllowedIn(ctx context.Context, tx *sql.Tx, caseID int64, w int) error {
	from, err := trackingFromIn(ctx, tx, caseID)
	if err != nil {
		return err
	}
	var start, created string
	if err := tx.QueryRowContext(ctx, "SELECT start_date, created_at FROM cases WHERE id = ?", caseID).Scan(&start, &created); err != nil {
		return fmt.Errorf("read the start of case %d: %w", caseID, err)
	}
	monday := Case{StartDate: parseDay(start), CreatedAt: parseStamp(created)}.WeekStart(w)
	if err := couple.CountWeekAllowed(monday, from, DateOf(s.now())); err != nil {
		return fmt.Errorf("week %d: %w", w, err)
	}
	return nil
}

func (s *Store) weekCountsIn(ctx context.Context, q queryer, caseID int64) ([]WeekCount, error) {
	rows, err := q.QueryContext(ctx,
		"SELECT commitment_id, week, times FROM week_counts WHERE case_id = ? ORDER BY week, commitment_id", caseID)
	if err != nil {
		return nil, fmt.Errorf("read week counts: %w", err)
	}
	defer rows.Close()
	var out []WeekCount
	for rows.Next() {
		var c WeekCount
		var times any
		if err := rows.Scan(&c.CommitmentID, &c.Week, &times); err != nil {
			return nil, fmt.Errorf("read week counts: %w", err)
		}
		if c.Count, err = s.openShapeInt(caseID, "week_count", countRow(c.CommitmentID, c.Week), times); err != nil {
			return nil, fmt.Errorf("read week counts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// WeekCount is commitment id's count for week w, and whether anything was recorded. A week
// with no count but with day marks (made before counts were kept) counts its kept days.
func (d *Dossier) WeekCount(id int64, w int) (int, bool) {
	for _, c := range d.Counts {
		if c.CommitmentID == id && c.Week == w {
			return c.Count, true
		}
	}
	kept, marked := 0, false
	start := d.Case.WeekStart(w)
	for day := range 7 {
		switch d.Mark(id, start.AddDays(day)) {
		case MarkNone:
			continue
		case MarkKept:
			kept++
		}
		marked = true
	}
	return kept, marked
}
