package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Decision keys and values.
const (
	DecisionWelcome  = "welcome"  // value "yes": the partner read the safety note and wants to go on
	DecisionContinue = "continue" // after talking it through: "yes", "no" or "unsure"
	DecisionYes      = "yes"
	DecisionNo       = "no"
	DecisionUnsure   = "unsure"
)

// Decision is one partner's answer to one of the process's yes-or-no moments.
type Decision struct {
	Key     string
	Partner Partner
	Value   string
	At      time.Time // when it was made (zero in a dossier made by hand: the import's time)
}

// SetDecision records partner p's decision; an empty value withdraws it.
func (s *Store) SetDecision(ctx context.Context, caseID int64, key string, p Partner, value string) error {
	if !p.Valid() {
		return fmt.Errorf("record decision: %w", &InputError{Msg: "partner must be A or B"})
	}
	sealed, err := s.sealShape(caseID, "decision", decisionRow(key, p), value)
	if err != nil {
		return fmt.Errorf("record decision %s: %w", key, err)
	}
	return s.write(ctx, caseID, "record decision "+key, func(tx *sql.Tx) error {
		if value == "" {
			_, err := tx.ExecContext(ctx, "DELETE FROM decisions WHERE case_id = ? AND key = ? AND partner = ?", caseID, key, string(p))
			return err
		}
		_, err := tx.ExecContext(ctx,
			`INSERT INTO decisions (case_id, key, partner, value, at) VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT (case_id, key, partner) DO UPDATE SET value = excluded.value, at = excluded.at`,
			caseID, key, string(p), sealed, s.stamp())
		return err
	})
}

func (s *Store) decisionsIn(ctx context.Context, q queryer, caseID int64) ([]Decision, error) {
	rows, err := q.QueryContext(ctx, "SELECT key, partner, value, at FROM decisions WHERE case_id = ? ORDER BY key, partner", caseID)
	if err != nil {
		return nil, fmt.Errorf("read decisions: %w", err)
	}
	defer rows.Close()
	var out []Decision
	for rows.Next() {
		var d Decision
		var p, at string
		var value any
		if err := rows.Scan(&d.Key, &p, &value, &at); err != nil {
			return nil, fmt.Errorf("read decisions: %w", err)
		}
		d.Partner, d.At = Partner(p), parseStamp(at)
		if d.Value, err = s.openShape(caseID, "decision", decisionRow(d.Key, d.Partner), value); err != nil {
			return nil, fmt.Errorf("read decisions: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Decision returns partner p's decision on key, or "".
func (d *Dossier) Decision(key string, p Partner) string {
	for _, x := range d.Decisions {
		if x.Key == key && x.Partner == p {
			return x.Value
		}
	}
	return ""
}
