package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kintsugi/couple"
)

// SetMark records whether a commitment was kept on a day; MarkNone clears the cell.
func (s *Store) SetMark(ctx context.Context, caseID int64, e TrackEntry) error {
	return s.SetMarks(ctx, caseID, []TrackEntry{e})
}

// SetMarks records many cells of the tracking grid in one transaction: all or none.
func (s *Store) SetMarks(ctx context.Context, caseID int64, entries []TrackEntry) error {
	for _, e := range entries {
		if !e.Mark.valid() {
			return fmt.Errorf("track: %w", &InputError{Msg: fmt.Sprintf("a day is kept, missed or not applicable, not %q", e.Mark)})
		}
		if e.Day.IsZero() {
			return fmt.Errorf("track: %w", &InputError{Msg: "a mark needs a day"})
		}
	}
	return s.write(ctx, caseID, "track", func(tx *sql.Tx) error {
		from, err := trackingFromIn(ctx, tx, caseID)
		if err != nil {
			return err
		}
		today := DateOf(s.now())
		owned := map[int64]bool{}
		for _, e := range entries {
			// Clearing a cell is always allowed: it can only take away a mark the rule refuses.
			if e.Mark != MarkNone {
				if err := couple.MarkDayAllowed(e.Day, from, today); err != nil {
					return fmt.Errorf("the mark on %s: %w", e.Day, err)
				}
			}
			if !owned[e.CommitmentID] {
				var owner int64
				err := tx.QueryRowContext(ctx, "SELECT case_id FROM commitments WHERE id = ?", e.CommitmentID).Scan(&owner)
				if err != nil || owner != caseID {
					return fmt.Errorf("commitment %d of case %d: %w", e.CommitmentID, caseID, ErrNotFound)
				}
				owned[e.CommitmentID] = true
			}
			var err error
			if e.Mark == MarkNone {
				_, err = tx.ExecContext(ctx, "DELETE FROM marks WHERE commitment_id = ? AND day = ?", e.CommitmentID, e.Day.String())
			} else {
				var mark any
				var sealed []byte
				mark, sealed, err = s.sealTwin(caseID, "mark", markRow(e.CommitmentID, e.Day.String()), string(e.Mark), string(MarkNA))
				if err != nil {
					return err
				}
				_, err = tx.ExecContext(ctx,
					`INSERT INTO marks (case_id, commitment_id, day, mark, mark_sealed) VALUES (?, ?, ?, ?, ?)
					 ON CONFLICT (commitment_id, day) DO UPDATE SET mark = excluded.mark, mark_sealed = excluded.mark_sealed`,
					caseID, e.CommitmentID, e.Day.String(), mark, sealed)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// trackingFromIn reads the first day of a couple that can be marked (couple.TrackingFrom) from
// the couple's start and its agreements' start dates, without reading whole records.
func trackingFromIn(ctx context.Context, q queryer, caseID int64) (Date, error) {
	var start string
	if err := q.QueryRowContext(ctx, "SELECT start_date FROM cases WHERE id = ?", caseID).Scan(&start); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Date{}, fmt.Errorf("case %d: %w", caseID, ErrNotFound)
		}
		return Date{}, fmt.Errorf("read the start of case %d: %w", caseID, err)
	}
	var first sql.NullString
	err := q.QueryRowContext(ctx, "SELECT MIN(start_date) FROM agreements WHERE case_id = ? AND start_date <> ''", caseID).Scan(&first)
	if err != nil {
		return Date{}, fmt.Errorf("read the agreement start of case %d: %w", caseID, err)
	}
	var ags []Agreement
	if first.Valid {
		ags = append(ags, Agreement{StartDate: parseDay(first.String)})
	}
	return couple.TrackingFrom(parseDay(start), ags), nil
}

// Marks returns the tracking marks of a couple from day from to day to, both included.
func (s *Store) Marks(ctx context.Context, caseID int64, from, to Date) ([]TrackEntry, error) {
	return s.marksIn(ctx, s.db, caseID, from.String(), to.String())
}

func (s *Store) marksIn(ctx context.Context, q queryer, caseID int64, from, to string) ([]TrackEntry, error) {
	rows, err := q.QueryContext(ctx,
		"SELECT commitment_id, day, mark, mark_sealed FROM marks WHERE case_id = ? AND day >= ? AND day <= ? ORDER BY day, commitment_id",
		caseID, from, to)
	if err != nil {
		return nil, fmt.Errorf("read marks: %w", err)
	}
	defer rows.Close()
	var out []TrackEntry
	for rows.Next() {
		var e TrackEntry
		var day, plain string
		var sealed []byte
		if err := rows.Scan(&e.CommitmentID, &day, &plain, &sealed); err != nil {
			return nil, fmt.Errorf("read marks: %w", err)
		}
		mark, err := s.openTwin(caseID, "mark", markRow(e.CommitmentID, day), plain, sealed)
		if err != nil {
			return nil, fmt.Errorf("read marks: %w", err)
		}
		e.Day, e.Mark = parseDay(day), Mark(mark)
		out = append(out, e)
	}
	return out, rows.Err()
}

// CheckIns returns every weekly check-in of a couple.
func (s *Store) CheckIns(ctx context.Context, caseID int64) ([]CheckIn, error) {
	return s.checkInsIn(ctx, s.db, caseID)
}

// Dossier reads everything stored for a couple in one consistent snapshot.
func (s *Store) Dossier(ctx context.Context, caseID int64) (*Dossier, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("read case %d: %w", caseID, err)
	}
	defer tx.Rollback()
	d := &Dossier{}
	if d.Case, err = s.caseIn(ctx, tx, caseID); err != nil {
		return nil, err
	}
	steps := []func() error{
		func() (err error) { d.Incident, err = s.incidentIn(ctx, tx, caseID); return },
		func() (err error) { d.Answers, err = s.answersIn(ctx, tx, caseID); return },
		func() (err error) { d.RuleAcks, err = s.ruleAcksIn(ctx, tx, caseID); return },
		func() (err error) { d.Steps, err = s.stepsIn(ctx, tx, caseID); return },
		func() (err error) { d.Commitments, err = s.commitmentsIn(ctx, tx, caseID); return },
		func() (err error) { d.Agreements, err = s.agreementsIn(ctx, tx, caseID); return },
		func() (err error) { d.Letter, err = s.letterIn(ctx, tx, caseID); return },
		func() (err error) { d.Marks, err = s.marksIn(ctx, tx, caseID, "", "9999-12-31"); return },
		func() (err error) { d.Counts, err = s.weekCountsIn(ctx, tx, caseID); return },
		func() (err error) { d.CheckIns, err = s.checkInsIn(ctx, tx, caseID); return },
		func() (err error) { d.WeekNotes, err = s.weekNotesIn(ctx, tx, caseID); return },
		func() (err error) { d.Decisions, err = s.decisionsIn(ctx, tx, caseID); return },
		func() (err error) { d.PINs, err = s.pinsIn(ctx, caseID); return },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("read case %d: %w", caseID, err)
		}
	}
	return d, nil
}
