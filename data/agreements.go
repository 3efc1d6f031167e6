package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image/png"
	"strconv"
	"strings"
	"time"

	"kintsugi/couple"
)

// SaveAgreement writes the couple's agreement. While the newest version is not signed by both,
// it is rewritten in place (and any single signature on it is withdrawn, since it no longer
// matches what was signed). Once a version is signed by both, it is frozen: saving makes the
// next version. It returns the version written.
func (s *Store) SaveAgreement(ctx context.Context, a Agreement) (Agreement, error) {
	var saved Agreement
	err := s.write(ctx, a.CaseID, "save agreement", func(tx *sql.Tx) error {
		latest, err := s.latestAgreementIn(ctx, tx, a.CaseID)
		if err != nil {
			return err
		}
		var id int64
		switch {
		case latest == nil || latest.Frozen():
			version := 1
			if latest != nil {
				version = latest.Version + 1
			}
			res, err := tx.ExecContext(ctx,
				"INSERT INTO agreements (case_id, version, start_date, review_date, created_at) VALUES (?, ?, ?, ?, ?)",
				a.CaseID, version, a.StartDate.String(), a.ReviewDate.String(), s.stamp())
			if err != nil {
				return err
			}
			if id, err = res.LastInsertId(); err != nil {
				return err
			}
		default:
			id = latest.ID
			if _, err := tx.ExecContext(ctx, "DELETE FROM signatures WHERE agreement_id = ?", id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM agreement_items WHERE agreement_id = ?", id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE agreements SET start_date = ?, review_date = ? WHERE id = ?",
				a.StartDate.String(), a.ReviewDate.String(), id); err != nil {
				return err
			}
		}
		if err := s.insertItems(ctx, tx, a.CaseID, id, a.Items); err != nil {
			return err
		}
		got, err := s.agreementIn(ctx, tx, a.CaseID, id)
		saved = got
		return err
	})
	return saved, err
}

func (s *Store) insertItems(ctx context.Context, tx *sql.Tx, caseID, agreementID int64, items []AgreementItem) error {
	for i, it := range items {
		row := agreementRow(agreementID, strconv.Itoa(i+1))
		text, err := s.sealText(caseID, "agreement.text", row, it.Text)
		if err != nil {
			return err
		}
		var shape [5]any
		for j, v := range []any{it.CatalogID, it.Code, it.Param, it.Unit, it.Cost} {
			if shape[j], err = s.sealShape(caseID, itemShape[j], row, v); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx,
			`INSERT INTO agreement_items (agreement_id, position, commitment_id, catalog_id, code, text, param, unit, cost, review_date)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			agreementID, i+1, it.CommitmentID, shape[0], shape[1], text, shape[2], shape[3], shape[4], it.ReviewDate.String())
		if err != nil {
			return err
		}
	}
	return nil
}

// UpdateAgreement changes a given version in place; a frozen version refuses with ErrFrozen.
func (s *Store) UpdateAgreement(ctx context.Context, a Agreement) error {
	return s.write(ctx, a.CaseID, fmt.Sprintf("update agreement version %d", a.Version), func(tx *sql.Tx) error {
		cur, err := s.agreementIn(ctx, tx, a.CaseID, a.ID)
		if err != nil {
			return err
		}
		if cur.Frozen() {
			return ErrFrozen
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM signatures WHERE agreement_id = ?", a.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM agreement_items WHERE agreement_id = ?", a.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE agreements SET start_date = ?, review_date = ? WHERE id = ?",
			a.StartDate.String(), a.ReviewDate.String(), a.ID); err != nil {
			return err
		}
		return s.insertItems(ctx, tx, a.CaseID, a.ID, a.Items)
	})
}

// Sign adds a partner's signature to an agreement version. The second signature freezes it.
// Only the partner at the keyboard k (or both, at it together) signs for themselves
// (couple.MaySign), as in the window, on every path.
func (s *Store) Sign(ctx context.Context, k Keyboard, caseID, agreementID int64, sig Signature) error {
	if !sig.Partner.Valid() {
		return fmt.Errorf("sign agreement: %w", &InputError{Msg: "partner must be A or B"})
	}
	if strings.TrimSpace(sig.TypedName) == "" {
		return fmt.Errorf("sign agreement: %w", &InputError{Msg: "type your name to sign"})
	}
	if len(sig.PNG) > 0 {
		if _, err := png.DecodeConfig(bytes.NewReader(sig.PNG)); err != nil {
			return fmt.Errorf("sign agreement: %w", &InputError{Msg: "the drawn signature is not a PNG image"})
		}
	}
	name, err := s.sealText(caseID, "signature.name", agreementRow(agreementID, string(sig.Partner)), sig.TypedName)
	if err != nil {
		return fmt.Errorf("sign agreement: %w", err)
	}
	img, err := s.sealBytes(caseID, "signature.png", agreementRow(agreementID, string(sig.Partner)), sig.PNG)
	if err != nil {
		return fmt.Errorf("sign agreement: %w", err)
	}
	if sig.SignedAt.IsZero() {
		sig.SignedAt = s.now()
	}
	return s.write(ctx, caseID, "sign agreement", func(tx *sql.Tx) error {
		cur, err := s.agreementIn(ctx, tx, caseID, agreementID)
		if err != nil {
			return err
		}
		if cur.Frozen() {
			return ErrFrozen
		}
		if err := couple.MaySign(k, sig.Partner, cur); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx,
			`INSERT INTO signatures (agreement_id, partner, typed_name, png, signed_at) VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT (agreement_id, partner) DO UPDATE SET typed_name = excluded.typed_name, png = excluded.png, signed_at = excluded.signed_at`,
			agreementID, string(sig.Partner), name, img, sig.SignedAt.UTC().Format(time.RFC3339Nano))
		if err != nil {
			return err
		}
		// The second signature: keep the digest of exactly what is stored now, as both signed it.
		signed, err := s.agreementIn(ctx, tx, caseID, agreementID)
		if err != nil || !signed.Frozen() {
			return err
		}
		return s.writeDigest(ctx, tx, caseID, agreementID, signed)
	})
}

// Agreements returns every version of a couple's agreement, oldest first.
func (s *Store) Agreements(ctx context.Context, caseID int64) ([]Agreement, error) {
	return s.agreementsIn(ctx, s.db, caseID)
}

func (s *Store) agreementsIn(ctx context.Context, q queryer, caseID int64) ([]Agreement, error) {
	rows, err := q.QueryContext(ctx, "SELECT id FROM agreements WHERE case_id = ? ORDER BY version", caseID)
	if err != nil {
		return nil, fmt.Errorf("read agreements: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read agreements: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	var out []Agreement
	for _, id := range ids {
		a, err := s.agreementIn(ctx, q, caseID, id)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

func (s *Store) latestAgreementIn(ctx context.Context, q queryer, caseID int64) (*Agreement, error) {
	var id int64
	err := q.QueryRowContext(ctx, "SELECT id FROM agreements WHERE case_id = ? ORDER BY version DESC LIMIT 1", caseID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read agreement: %w", err)
	}
	a, err := s.agreementIn(ctx, q, caseID, id)
	return &a, err
}

func (s *Store) agreementIn(ctx context.Context, q queryer, caseID, id int64) (Agreement, error) {
	a := Agreement{ID: id, CaseID: caseID}
	var start, review, created string
	err := q.QueryRowContext(ctx, "SELECT version, start_date, review_date, created_at FROM agreements WHERE id = ? AND case_id = ?", id, caseID).
		Scan(&a.Version, &start, &review, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("agreement %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("read agreement %d: %w", id, err)
	}
	a.StartDate, a.ReviewDate, a.CreatedAt = parseDay(start), parseDay(review), parseStamp(created)
	if a.Items, err = s.itemsIn(ctx, q, caseID, id); err != nil {
		return a, err
	}
	if a.Signatures, err = s.signaturesIn(ctx, q, caseID, id); err != nil {
		return a, err
	}
	a.Digest, err = s.digestIn(ctx, q, caseID, id)
	return a, err
}

func (s *Store) itemsIn(ctx context.Context, q queryer, caseID, id int64) ([]AgreementItem, error) {
	rows, err := q.QueryContext(ctx,
		`SELECT position, commitment_id, catalog_id, code, text, param, unit, cost, review_date FROM agreement_items
		 WHERE agreement_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("read agreement items: %w", err)
	}
	defer rows.Close()
	var out []AgreementItem
	for rows.Next() {
		var it AgreementItem
		var text []byte
		var review string
		var position int
		var shape [5]any
		if err := rows.Scan(&position, &it.CommitmentID, &shape[0], &shape[1], &text, &shape[2], &shape[3], &shape[4], &review); err != nil {
			return nil, fmt.Errorf("read agreement items: %w", err)
		}
		it.ReviewDate = parseDay(review)
		row := agreementRow(id, strconv.Itoa(position))
		if it.Text, err = s.openText(caseID, "agreement.text", row, text); err != nil {
			return nil, fmt.Errorf("read agreement items: %w", err)
		}
		if err := s.openItemShape(caseID, row, &it, shape); err != nil {
			return nil, fmt.Errorf("read agreement items: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

func (s *Store) signaturesIn(ctx context.Context, q queryer, caseID, id int64) ([]Signature, error) {
	rows, err := q.QueryContext(ctx, "SELECT partner, typed_name, png, signed_at FROM signatures WHERE agreement_id = ? ORDER BY partner", id)
	if err != nil {
		return nil, fmt.Errorf("read signatures: %w", err)
	}
	defer rows.Close()
	var out []Signature
	for rows.Next() {
		var sig Signature
		var partner, at string
		var name, img []byte
		if err := rows.Scan(&partner, &name, &img, &at); err != nil {
			return nil, fmt.Errorf("read signatures: %w", err)
		}
		sig.Partner, sig.SignedAt = Partner(partner), parseStamp(at)
		if sig.TypedName, err = s.openText(caseID, "signature.name", agreementRow(id, partner), name); err != nil {
			return nil, fmt.Errorf("read signature: %w", err)
		}
		if sig.PNG, err = s.openBytes(caseID, "signature.png", agreementRow(id, partner), img); err != nil {
			return nil, fmt.Errorf("read signature: %w", err)
		}
		out = append(out, sig)
	}
	return out, rows.Err()
}

var itemShape = [5]string{"agreement.catalog_id", "agreement.code", "agreement.param", "agreement.unit", "agreement.cost"}

// openItemShape reads an agreement item's catalog ID, code, amount, unit and cost, sealed for a
// locked couple.
func (s *Store) openItemShape(caseID int64, row string, it *AgreementItem, shape [5]any) error {
	var err error
	texts := map[int]*string{0: &it.CatalogID, 1: &it.Code, 3: &it.Unit, 4: &it.Cost}
	for j, dst := range texts {
		if *dst, err = s.openShape(caseID, itemShape[j], row, shape[j]); err != nil {
			return err
		}
	}
	it.Param, err = s.openShapeInt(caseID, itemShape[2], row, shape[2])
	return err
}
