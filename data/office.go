package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxCodeLength is the longest code a therapist may give a couple, in characters.
const MaxCodeLength = 24

// SetCode sets the code an office's list shows for a couple instead of its names ("" for the
// initials).
func (s *Store) SetCode(ctx context.Context, caseID int64, code string) error {
	code = strings.TrimSpace(code)
	if !utf8.ValidString(code) || utf8.RuneCountInString(code) > MaxCodeLength || strings.ContainsAny(code, "\r\n\t") {
		return fmt.Errorf("set code: %w", &InputError{Msg: fmt.Sprintf("a code is one line of at most %d characters", MaxCodeLength), Key: "ui.code.long",
			Args: []any{MaxCodeLength}})
	}
	return s.write(ctx, caseID, "set code", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE cases SET code = ? WHERE id = ?", code, caseID)
		return err
	})
}

// SetFinished keeps a couple as finished (out of an office's active list), or active again.
func (s *Store) SetFinished(ctx context.Context, caseID int64, finished bool) error {
	return s.write(ctx, caseID, "mark finished", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE cases SET finished = ? WHERE id = ?", boolInt(finished), caseID)
		return err
	})
}

// SaveTherapistNotes stores the therapist's own notes on a couple, sealed like the couple's
// data: encrypted with its passphrase when it is locked. They are in no Dossier, so neither the
// couple's screens, nor the workbook, nor an export ever carry them.
func (s *Store) SaveTherapistNotes(ctx context.Context, caseID int64, text string) error {
	if !utf8.ValidString(text) {
		return fmt.Errorf("save notes: %w", &InputError{Msg: "the notes are not valid UTF-8 text"})
	}
	body, err := s.sealText(caseID, "therapist.notes", "", text)
	if err != nil {
		return fmt.Errorf("save notes: %w", err)
	}
	return s.write(ctx, caseID, "save notes", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			`INSERT INTO therapist_notes (case_id, body, updated_at) VALUES (?, ?, ?)
			 ON CONFLICT (case_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
			caseID, body, s.stamp())
		return err
	})
}

// TherapistNotes returns the therapist's notes on a couple, "" when there are none.
func (s *Store) TherapistNotes(ctx context.Context, caseID int64) (string, error) {
	var body []byte
	err := s.db.QueryRowContext(ctx, "SELECT body FROM therapist_notes WHERE case_id = ?", caseID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read notes: %w", err)
	}
	text, err := s.openText(caseID, "therapist.notes", "", body)
	if err != nil {
		return "", fmt.Errorf("read notes: %w", err)
	}
	return text, nil
}
