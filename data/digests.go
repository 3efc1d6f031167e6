package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kintsugi/couple"
)

// A version signed by both keeps the digest of what was signed (couple.AgreementDigest), made
// in the transaction that adds the second signature and sealed like the couple's other values
// (for a locked couple: encrypted and bound to its agreement, so it can neither be read, which
// would let someone test guesses of the items against it, nor forged). Every read checks it:
// a version whose digest is missing or does not match shows as altered (couple.Agreement.Altered).

const digestField = "agreement.digest"

// writeDigest stores the digest of a, as read back inside tx, for agreement row agreementID.
func (s *Store) writeDigest(ctx context.Context, tx *sql.Tx, caseID, agreementID int64, a Agreement) error {
	sealed, err := s.sealBytes(caseID, digestField, idRow(agreementID), couple.AgreementDigest(a))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO agreement_digests (agreement_id, digest, made_at) VALUES (?, ?, ?)",
		agreementID, sealed, s.stamp())
	if err != nil {
		return fmt.Errorf("keep the digest of agreement %d: %w", agreementID, err)
	}
	return nil
}

// digestIn reads a version's digest; nil when it has none or it does not open.
func (s *Store) digestIn(ctx context.Context, q queryer, caseID, agreementID int64) ([]byte, error) {
	var sealed []byte
	err := q.QueryRowContext(ctx, "SELECT digest FROM agreement_digests WHERE agreement_id = ?", agreementID).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read agreement digest: %w", err)
	}
	return s.openBytes(caseID, digestField, idRow(agreementID), sealed)
}

// digestMissing makes the digests that versions signed by both before digests existed lack, in
// tx: for every couple without a passphrase (the migration's Go step), or for one couple with
// caseID != 0 at its first unlock. Such a digest is made after the signing and so proves only
// that nothing changed since it was made (docs/security.md).
func (s *Store) digestMissing(ctx context.Context, tx *sql.Tx, caseID int64) error {
	query := `SELECT a.id, a.case_id FROM agreements a
		WHERE (SELECT count(*) FROM signatures WHERE agreement_id = a.id) = 2
		  AND a.id NOT IN (SELECT agreement_id FROM agreement_digests)`
	var args []any
	if caseID == 0 {
		query += " AND a.case_id NOT IN (SELECT case_id FROM locks)"
	} else {
		query += " AND a.case_id = ?"
		args = append(args, caseID)
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("find signed agreements without a digest: %w", err)
	}
	type ref struct{ id, caseID int64 }
	var refs []ref
	for rows.Next() {
		var r ref
		if err := rows.Scan(&r.id, &r.caseID); err != nil {
			rows.Close()
			return fmt.Errorf("find signed agreements without a digest: %w", err)
		}
		refs = append(refs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("find signed agreements without a digest: %w", err)
	}
	for _, r := range refs {
		a, err := s.agreementIn(ctx, tx, r.caseID, r.id)
		if err != nil {
			return err
		}
		if s.damage.inAgreement(r.caseID, r.id) {
			continue // a digest over what could not be read would vouch for it: it shows altered
		}
		if err := s.writeDigest(ctx, tx, r.caseID, r.id, a); err != nil {
			return err
		}
	}
	return nil
}
