package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"kintsugi/couple"
)

// Keyboard says who is at the keyboard (a couple's rule, see package couple).
type Keyboard = couple.Keyboard

// KeyboardOf is partner p alone at the keyboard.
func KeyboardOf(p Partner) Keyboard { return couple.KeyboardOf(p) }

// weekNoteLabel names a weekly note among its author's private texts, in its PIN seal.
func weekNoteLabel(week int) string { return "\x00week/" + strconv.Itoa(week) }

// replyLabel names the reply to the letter among its author's private texts, in its PIN seal.
const replyLabel = "\x00letter-reply"

func weekNoteRow(week int, p Partner) string { return strconv.Itoa(week) + "/" + string(p) }

// SaveWeekNote stores a partner's own note on a week, and whether they share it. Only its author,
// alone at the keyboard, writes it (couple.MayWriteWeekNote).
func (s *Store) SaveWeekNote(ctx context.Context, k Keyboard, n WeekNote) error {
	what := fmt.Sprintf("save the note of partner %s on week %d", n.Partner, n.Week)
	switch {
	case !n.Partner.Valid():
		return fmt.Errorf("%s: %w", what, &InputError{Msg: "a weekly note needs its author, partner A or B"})
	case n.Week < 1:
		return fmt.Errorf("%s: %w", what, &InputError{Msg: "week numbers start at 1"})
	case !utf8.ValidString(n.Text):
		return fmt.Errorf("%s: %w", what, &InputError{Msg: "the note is not valid UTF-8 text"})
	case !couple.MayWriteWeekNote(k, n.Partner):
		return fmt.Errorf("%s: %w", what, couple.ErrNotYours)
	}
	return s.write(ctx, n.CaseID, what, func(tx *sql.Tx) error {
		return s.putWeekNote(ctx, tx, n.CaseID, n, s.stamp())
	})
}

// putWeekNote writes n into couple caseID's notes inside tx, sealed as its author's.
func (s *Store) putWeekNote(ctx context.Context, tx *sql.Tx, caseID int64, n WeekNote, at string) error {
	body, pinSealed, err := s.sealPrivate(ctx, tx, caseID, n.Partner, weekNoteLabel(n.Week), "week.note", weekNoteRow(n.Week, n.Partner), n.Text, n.Shared, n.PINSealed)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx,
		`INSERT INTO week_notes (case_id, week, partner, body, shared, pin_sealed, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (case_id, week, partner) DO UPDATE SET body = excluded.body, shared = excluded.shared,
		 pin_sealed = excluded.pin_sealed, pin_lost = 0, updated_at = excluded.updated_at`,
		caseID, n.Week, string(n.Partner), body, boolInt(n.Shared), boolInt(pinSealed), at)
	return err
}

func (s *Store) weekNotesIn(ctx context.Context, q queryer, caseID int64) ([]WeekNote, error) {
	rows, err := q.QueryContext(ctx,
		"SELECT week, partner, body, shared, pin_sealed, pin_lost, updated_at FROM week_notes WHERE case_id = ? ORDER BY week, partner", caseID)
	if err != nil {
		return nil, fmt.Errorf("read weekly notes: %w", err)
	}
	defer rows.Close()
	var out []WeekNote
	for rows.Next() {
		n := WeekNote{CaseID: caseID}
		var partner, updated string
		var body []byte
		var pinSealed bool
		if err := rows.Scan(&n.Week, &partner, &body, &n.Shared, &pinSealed, &n.Lost, &updated); err != nil {
			return nil, fmt.Errorf("read weekly notes: %w", err)
		}
		n.Partner, n.UpdatedAt = Partner(partner), parseStamp(updated)
		if n.Lost { // sealed under a PIN since replaced: see answersIn
			out = append(out, n)
			continue
		}
		n.Text, n.PINSealed, n.Protected, err = s.openPrivate(caseID, n.Partner, weekNoteLabel(n.Week), "week.note", weekNoteRow(n.Week, n.Partner), body, pinSealed)
		if err != nil {
			return nil, fmt.Errorf("read the note of partner %s on week %d: %w", n.Partner, n.Week, err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// SaveLetterReply stores the hurt partner's written reply to the apology letter, and whether
// they share it with the letter's writer. The couple's rule (couple.MayWriteReply) decides who
// may write it, from who is at the keyboard and the letter as it is stored.
func (s *Store) SaveLetterReply(ctx context.Context, k Keyboard, caseID int64, text string, shared bool) error {
	const what = "save the reply to the letter"
	if !utf8.ValidString(text) {
		return fmt.Errorf("%s: %w", what, &InputError{Msg: "the reply is not valid UTF-8 text"})
	}
	c, err := s.Case(ctx, caseID)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return s.write(ctx, caseID, what, func(tx *sql.Tx) error {
		var status, by string
		var wasShared bool
		err := tx.QueryRowContext(ctx, `SELECT l.status, coalesce(r.written_by, ''), coalesce(r.shared, 0)
			FROM letters l LEFT JOIN letter_replies r ON r.case_id = l.case_id WHERE l.case_id = ?`, caseID).Scan(&status, &by, &wasShared)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := couple.MayWriteReply(k, c.Rebuilding, status, Partner(by), wasShared); err != nil {
			return err
		}
		author, _ := couple.ReplyAuthor(c.Rebuilding)
		return s.putReply(ctx, tx, caseID, author, text, shared, nil)
	})
}

// putReply writes the reply of author ("" for both together) inside tx; presealed is the reply
// as its author's PIN sealed it, from an import, or nil.
func (s *Store) putReply(ctx context.Context, tx *sql.Tx, caseID int64, author Partner, text string, shared bool, presealed []byte) error {
	body, pinSealed, err := s.sealPrivate(ctx, tx, caseID, author, replyLabel, "letter.reply", "", text, shared, presealed)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx,
		`INSERT INTO letter_replies (case_id, written_by, body, shared, pin_sealed) VALUES (?, ?, ?, ?, ?)
		 ON CONFLICT (case_id) DO UPDATE SET written_by = excluded.written_by, body = excluded.body,
		 shared = excluded.shared, pin_sealed = excluded.pin_sealed, pin_lost = 0`,
		caseID, string(author), body, boolInt(shared), boolInt(pinSealed))
	return err
}
