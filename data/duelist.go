package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Written reports whether a check-in says anything: a trust rating or a note. The list reads
// the same test in SQL (checkInWritten); keep the two alike.
func (c CheckIn) Written() bool {
	return c.Trust >= 0 || strings.TrimSpace(c.WentWell+c.WasHard+c.Appreciated) != ""
}

var checkInWritten = "(trust >= 0 OR " + fmt.Sprintf(notBlank, "went_well") + " OR " +
	fmt.Sprintf(notBlank, "was_hard") + " OR " + fmt.Sprintf(notBlank, "appreciated") + ")"

// DueFacts is what couple.DueFor needs to say what is due for a couple, read without the
// couple's full record: the signed agreement versions' dates, the agreed commitments that have
// a review date, and whether the check-in of the week holding today is written. Nothing anybody
// wrote is read: whether the newest signed version was changed afterwards is the kept
// summary's verdict (Summary.NewestSignedAltered), as SQL cannot check a digest.
type DueFacts struct {
	Agreements  []Agreement  // versions signed by both, oldest first: dates and signers only
	Commitments []Commitment // agreed by both with a review date: ID, catalog ID, review date
	CheckedIn   bool         // this week's check-in is written
}

// DueFactsOf reads the due facts of every couple that is not locked (only, when not 0: that
// couple alone) on the day today: three small queries in one read transaction, whatever the
// number of couples. Locked couples are absent: what is due for them is theirs to know.
func (s *Store) DueFactsOf(ctx context.Context, today Date, only int64) (map[int64]*DueFacts, error) {
	out, err := s.dueFacts(ctx, today, only)
	if err != nil {
		return nil, fmt.Errorf("read what is due: %w", err)
	}
	return out, nil
}

func (s *Store) dueFacts(ctx context.Context, today Date, only int64) (map[int64]*DueFacts, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	filter, caseFilter, args := " case_id NOT IN (SELECT case_id FROM locks)", "", []any{}
	if only != 0 {
		filter, caseFilter, args = filter+" AND case_id = ?", " AND id = ?", []any{only}
	}
	out := map[int64]*DueFacts{}
	weeks := map[string]int{} // case ID -> the week holding today
	err = each(ctx, tx, "SELECT id, start_date, created_at FROM cases WHERE id NOT IN (SELECT case_id FROM locks)"+caseFilter, args,
		func(r *sql.Rows) error {
			var c Case
			var start, created string
			if err := r.Scan(&c.ID, &start, &created); err != nil {
				return err
			}
			c.StartDate, c.CreatedAt = parseDay(start), parseStamp(created)
			out[c.ID] = &DueFacts{}
			weeks[strconv.FormatInt(c.ID, 10)] = c.WeekOf(today)
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = each(ctx, tx, `SELECT case_id, start_date, review_date FROM agreements AS a
		WHERE (SELECT count(*) FROM signatures WHERE agreement_id = a.id) = 2 AND`+filter+` ORDER BY case_id, version`, args,
		func(r *sql.Rows) error {
			var id int64
			var start, review string
			if err := r.Scan(&id, &start, &review); err != nil {
				return err
			}
			if f := out[id]; f != nil {
				f.Agreements = append(f.Agreements, Agreement{CaseID: id, StartDate: parseDay(start), ReviewDate: parseDay(review),
					Signatures: []Signature{{Partner: PartnerA}, {Partner: PartnerB}}})
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = each(ctx, tx, "SELECT case_id, id, catalog_id, review_date FROM commitments WHERE agreed_a AND agreed_b AND review_date <> '' AND"+filter, args,
		func(r *sql.Rows) error {
			var cm Commitment
			var review string
			if err := r.Scan(&cm.CaseID, &cm.ID, &cm.CatalogID, &review); err != nil {
				return err
			}
			cm.AgreedA, cm.AgreedB, cm.ReviewDate = true, true, parseDay(review)
			if f := out[cm.CaseID]; f != nil {
				f.Commitments = append(f.Commitments, cm)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	// Only this week's check-in of each couple: the weeks go in as one JSON object.
	weekJSON, err := json.Marshal(weeks)
	if err != nil {
		return nil, err
	}
	err = each(ctx, tx, `SELECT case_id FROM checkins JOIN json_each(?) AS w
		ON case_id = CAST(w.key AS INTEGER) AND week = w.value WHERE `+checkInWritten, []any{string(weekJSON)},
		func(r *sql.Rows) error {
			var id int64
			if err := r.Scan(&id); err != nil {
				return err
			}
			if f := out[id]; f != nil {
				f.CheckedIn = true
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// each runs a query and hands every row to scan.
func each(ctx context.Context, tx *sql.Tx, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
