package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"kintsugi/couple"
)

// SaveCommitment adds a commitment (ID 0) or updates one, and returns it as stored, with its ID.
// A catalog commitment is stored once per couple: adding it again updates the existing one.
// Updating changes the terms only: who agreed stays as stored, and is withdrawn for both when
// any term changed (couple.Revise). Agreeing is SetAgreed's, by the partner at the keyboard.
func (s *Store) SaveCommitment(ctx context.Context, c Commitment) (Commitment, error) {
	if !utf8.ValidString(c.CustomText) {
		return c, fmt.Errorf("save commitment: %w", &InputError{Msg: "the commitment's text is not valid UTF-8 text"})
	}
	// The text is sealed bound to the commitment's ID, so inside the transaction that knows it.
	err := s.write(ctx, c.CaseID, "save commitment", func(tx *sql.Tx) error {
		if c.ID == 0 && c.CatalogID != "" {
			// Found by reading, not by SQL: a locked couple's catalog IDs are sealed.
			all, err := s.commitmentsIn(ctx, tx, c.CaseID)
			if err != nil {
				return err
			}
			for _, x := range all {
				if x.CatalogID == c.CatalogID {
					c.ID = x.ID
				}
			}
		}
		if c.ID != 0 {
			// Whatever the caller believed was agreed, new terms are agreed by nobody yet.
			prev, err := s.commitmentIn(ctx, tx, c.CaseID, c.ID)
			if err != nil {
				return err
			}
			c.CatalogID = prev.CatalogID
			c.AgreedA, c.AgreedB = prev.AgreedA, prev.AgreedB
			var changed []string
			if c, changed = couple.Revise(&prev, c); len(changed) > 0 {
				if err := s.withdrawDraftSignatures(ctx, tx, c.CaseID, c.ID); err != nil {
					return err
				}
			}
		}
		if err := s.checkCommitment(c); err != nil {
			return err
		}
		if c.ID == 0 {
			if c.Position == 0 {
				if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(position), 0) + 1 FROM commitments WHERE case_id = ?", c.CaseID).Scan(&c.Position); err != nil {
					return err
				}
			}
			// Only what no row binding needs goes in first; the rest is sealed once the ID is known.
			res, err := tx.ExecContext(ctx,
				`INSERT INTO commitments (case_id, catalog_id, custom_text, param, cost, agreed_a, agreed_b, review_date, position, changed)
				 VALUES (?, '', ?, 0, '', ?, ?, ?, ?, ?)`,
				c.CaseID, []byte{}, boolInt(c.AgreedA), boolInt(c.AgreedB), c.ReviewDate.String(), c.Position, strings.Join(c.Changed, ","))
			if err != nil {
				return err
			}
			if c.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		}
		return s.writeCommitmentTerms(ctx, tx, c)
	})
	return c, err
}

// writeCommitmentTerms stores a commitment's terms, each sealed bound to its ID for a locked
// couple.
func (s *Store) writeCommitmentTerms(ctx context.Context, tx *sql.Tx, c Commitment) error {
	row := idRow(c.ID)
	custom, err := s.sealText(c.CaseID, "commitment.custom_text", row, c.CustomText)
	if err != nil {
		return err
	}
	var shape [3]any
	for i, v := range []any{c.CatalogID, c.Param, string(c.Cost)} {
		if shape[i], err = s.sealShape(c.CaseID, commitmentShape[i], row, v); err != nil {
			return err
		}
	}
	res, err := tx.ExecContext(ctx,
		`UPDATE commitments SET custom_text = ?, catalog_id = ?, param = ?, cost = ?, agreed_a = ?, agreed_b = ?, review_date = ?, position = ?, changed = ?
		 WHERE id = ? AND case_id = ?`,
		custom, shape[0], shape[1], shape[2], boolInt(c.AgreedA), boolInt(c.AgreedB), c.ReviewDate.String(), c.Position, strings.Join(c.Changed, ","), c.ID, c.CaseID)
	if err != nil {
		return err
	}
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("commitment %d: %w", c.ID, ErrNotFound)
	}
	return nil
}

var commitmentShape = [3]string{"commitment.catalog_id", "commitment.param", "commitment.cost"}

// SetAgreed records partner p's agreement to a commitment, or withdraws it, as asked by whoever
// is at the keyboard k: only p may agree for p. The terms are read inside the same transaction,
// so what p agrees to is what is stored, never a copy on a screen.
func (s *Store) SetAgreed(ctx context.Context, caseID, id int64, k couple.Keyboard, p Partner, on bool) (Commitment, error) {
	var out Commitment
	err := s.write(ctx, caseID, fmt.Sprintf("agree to commitment %d", id), func(tx *sql.Tx) error {
		c, err := s.commitmentIn(ctx, tx, caseID, id)
		if err != nil {
			return err
		}
		mon, err := monitoring(c.CatalogID)
		if err != nil {
			return err
		}
		if err := couple.SetAgreed(&c, k, p, on, mon, DateOf(s.now())); err != nil {
			return err
		}
		if !on {
			if err := s.withdrawDraftSignatures(ctx, tx, caseID, id); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, "UPDATE commitments SET agreed_a = ?, agreed_b = ?, changed = ? WHERE id = ? AND case_id = ?",
			boolInt(c.AgreedA), boolInt(c.AgreedB), strings.Join(c.Changed, ","), id, caseID)
		out = c
		return err
	})
	return out, err
}

// DeleteCommitment removes a commitment and its tracking marks. Signed agreements keep their
// own copy and are not affected.
func (s *Store) DeleteCommitment(ctx context.Context, caseID, id int64) error {
	return s.write(ctx, caseID, fmt.Sprintf("delete commitment %d", id), func(tx *sql.Tx) error {
		if err := s.withdrawDraftSignatures(ctx, tx, caseID, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM commitments WHERE id = ? AND case_id = ?", id, caseID)
		return err
	})
}

// withdrawDraftSignatures withdraws the signatures on the newest agreement version, when it is
// not yet signed by both and holds commitment id: what was signed no longer stands once one of
// its items changes, loses an agreement or goes.
func (s *Store) withdrawDraftSignatures(ctx context.Context, tx *sql.Tx, caseID, id int64) error {
	latest, err := s.latestAgreementIn(ctx, tx, caseID)
	if err != nil || latest == nil || latest.Frozen() || len(latest.Signatures) == 0 {
		return err
	}
	for _, it := range latest.Items {
		if it.CommitmentID == id {
			_, err := tx.ExecContext(ctx, "DELETE FROM signatures WHERE agreement_id = ?", latest.ID)
			return err
		}
	}
	return nil
}

// Commitments returns a couple's commitments in their order.
func (s *Store) Commitments(ctx context.Context, caseID int64) ([]Commitment, error) {
	return s.commitmentsIn(ctx, s.db, caseID)
}

func (s *Store) commitmentsIn(ctx context.Context, q queryer, caseID int64) ([]Commitment, error) {
	rows, err := q.QueryContext(ctx,
		`SELECT id, catalog_id, custom_text, param, cost, agreed_a, agreed_b, review_date, position, changed
		 FROM commitments WHERE case_id = ? ORDER BY position, id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("read commitments: %w", err)
	}
	defer rows.Close()
	var out []Commitment
	for rows.Next() {
		c := Commitment{CaseID: caseID}
		var custom []byte
		var review, changed string
		var shape [3]any
		if err := rows.Scan(&c.ID, &shape[0], &custom, &shape[1], &shape[2], &c.AgreedA, &c.AgreedB, &review, &c.Position, &changed); err != nil {
			return nil, fmt.Errorf("read commitments: %w", err)
		}
		if err := s.openCommitmentShape(&c, shape); err != nil {
			return nil, err
		}
		c.ReviewDate = parseDay(review)
		if changed != "" {
			c.Changed = strings.Split(changed, ",")
		}
		if c.CustomText, err = s.openText(caseID, "commitment.custom_text", idRow(c.ID), custom); err != nil {
			return nil, fmt.Errorf("read commitment %d: %w", c.ID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AgreementItems turns the commitments both partners agreed to into the lines of an
// agreement, rendered with the couple's names in the content's language.
func AgreementItems(content *Content, c Case, commitments []Commitment) []AgreementItem {
	return couple.Draft(content.CatalogFor(c), commitments)
}

// commitmentIn reads one commitment as stored.
func (s *Store) commitmentIn(ctx context.Context, q queryer, caseID, id int64) (Commitment, error) {
	all, err := s.commitmentsIn(ctx, q, caseID)
	if err != nil {
		return Commitment{}, err
	}
	for _, c := range all {
		if c.ID == id {
			return c, nil
		}
	}
	return Commitment{}, fmt.Errorf("commitment %d: %w", id, ErrNotFound)
}

// openCommitmentShape reads a commitment's catalog ID, amount and cost, sealed for a locked couple.
func (s *Store) openCommitmentShape(c *Commitment, shape [3]any) error {
	row := idRow(c.ID)
	var cost string
	var err error
	if c.CatalogID, err = s.openShape(c.CaseID, commitmentShape[0], row, shape[0]); err != nil {
		return fmt.Errorf("read commitment %d: %w", c.ID, err)
	}
	if c.Param, err = s.openShapeInt(c.CaseID, commitmentShape[1], row, shape[1]); err != nil {
		return fmt.Errorf("read commitment %d: %w", c.ID, err)
	}
	if cost, err = s.openShape(c.CaseID, commitmentShape[2], row, shape[2]); err != nil {
		return fmt.Errorf("read commitment %d: %w", c.ID, err)
	}
	c.Cost = cost
	return nil
}
