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

// SaveAnswer stores a partner's answer to a question, and whether they share it.
func (s *Store) SaveAnswer(ctx context.Context, a Answer) error {
	if !a.Partner.Valid() || a.QuestionID == "" {
		return fmt.Errorf("save answer: %w", &InputError{Msg: "an answer needs a partner (A or B) and a question"})
	}
	if !utf8.ValidString(a.Text) {
		return fmt.Errorf("save answer: %w", &InputError{Msg: "the answer is not valid UTF-8 text"})
	}
	body, pinSealed, err := s.sealAnswer(ctx, s.db, a)
	if err != nil {
		return fmt.Errorf("save answer %s: %w", a.QuestionID, err)
	}
	return s.write(ctx, a.CaseID, "save answer "+a.QuestionID, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			`INSERT INTO answers (case_id, partner, question_id, body, shared, pin_sealed, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT (case_id, partner, question_id) DO UPDATE SET body = excluded.body, shared = excluded.shared,
			 pin_sealed = excluded.pin_sealed, pin_lost = 0, updated_at = excluded.updated_at`,
			a.CaseID, string(a.Partner), a.QuestionID, body, boolInt(a.Shared), boolInt(pinSealed), s.stamp())
		return err
	})
}

// Answers returns every answer of a couple, both partners', private and shared. Deciding who
// may see which is the caller's job: the store is not the screen.
func (s *Store) Answers(ctx context.Context, caseID int64) ([]Answer, error) {
	return s.answersIn(ctx, s.db, caseID)
}

func (s *Store) answersIn(ctx context.Context, q queryer, caseID int64) ([]Answer, error) {
	rows, err := q.QueryContext(ctx,
		"SELECT partner, question_id, body, shared, pin_sealed, pin_lost, updated_at FROM answers WHERE case_id = ? ORDER BY question_id, partner", caseID)
	if err != nil {
		return nil, fmt.Errorf("read answers: %w", err)
	}
	defer rows.Close()
	var out []Answer
	for rows.Next() {
		a := Answer{CaseID: caseID}
		var partner, updated string
		var body []byte
		var pinSealed bool
		if err := rows.Scan(&partner, &a.QuestionID, &body, &a.Shared, &pinSealed, &a.Lost, &updated); err != nil {
			return nil, fmt.Errorf("read answers: %w", err)
		}
		a.Partner, a.UpdatedAt = Partner(partner), parseStamp(updated)
		if a.Lost { // sealed under a PIN since replaced: no key opens it, nothing is tried
			out = append(out, a)
			continue
		}
		if err := s.openAnswer(&a, body, pinSealed); err != nil {
			return nil, fmt.Errorf("read answer %s: %w", a.QuestionID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SetRuleAck records or withdraws a partner's acknowledgement of a ground rule.
func (s *Store) SetRuleAck(ctx context.Context, caseID int64, ruleID string, p Partner, acked bool) error {
	if !p.Valid() {
		return fmt.Errorf("acknowledge rule: %w", &InputError{Msg: "partner must be A or B"})
	}
	return s.write(ctx, caseID, "acknowledge rule "+ruleID, func(tx *sql.Tx) error {
		if !acked {
			_, err := tx.ExecContext(ctx, "DELETE FROM rule_acks WHERE case_id = ? AND rule_id = ? AND partner = ?", caseID, ruleID, string(p))
			return err
		}
		_, err := tx.ExecContext(ctx,
			"INSERT INTO rule_acks (case_id, rule_id, partner, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
			caseID, ruleID, string(p), s.stamp())
		return err
	})
}

func (s *Store) ruleAcksIn(ctx context.Context, q queryer, caseID int64) ([]RuleAck, error) {
	rows, err := q.QueryContext(ctx, "SELECT rule_id, partner, at FROM rule_acks WHERE case_id = ? ORDER BY rule_id, partner", caseID)
	if err != nil {
		return nil, fmt.Errorf("read rule acknowledgements: %w", err)
	}
	defer rows.Close()
	var out []RuleAck
	for rows.Next() {
		r := RuleAck{CaseID: caseID}
		var partner, at string
		if err := rows.Scan(&r.RuleID, &partner, &at); err != nil {
			return nil, fmt.Errorf("read rule acknowledgements: %w", err)
		}
		r.Partner, r.At = Partner(partner), parseStamp(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveStep stores when a step was done and the note on it.
func (s *Store) SaveStep(ctx context.Context, sp StepProgress) error {
	note, err := s.sealText(sp.CaseID, "step.note", sp.StepID, sp.Note)
	if err != nil {
		return fmt.Errorf("save step %s: %w", sp.StepID, err)
	}
	return s.write(ctx, sp.CaseID, "save step "+sp.StepID, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			`INSERT INTO steps (case_id, step_id, done_on, note, note_shared) VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT (case_id, step_id) DO UPDATE SET done_on = excluded.done_on, note = excluded.note,
			 note_shared = excluded.note_shared`,
			sp.CaseID, sp.StepID, sp.DoneOn.String(), note, boolInt(sp.NoteShared))
		return err
	})
}

func (s *Store) stepsIn(ctx context.Context, q queryer, caseID int64) ([]StepProgress, error) {
	rows, err := q.QueryContext(ctx, "SELECT step_id, done_on, note, note_shared FROM steps WHERE case_id = ? ORDER BY step_id", caseID)
	if err != nil {
		return nil, fmt.Errorf("read steps: %w", err)
	}
	defer rows.Close()
	var out []StepProgress
	for rows.Next() {
		sp := StepProgress{CaseID: caseID}
		var done string
		var note []byte
		if err := rows.Scan(&sp.StepID, &done, &note, &sp.NoteShared); err != nil {
			return nil, fmt.Errorf("read steps: %w", err)
		}
		sp.DoneOn = parseDay(done)
		if sp.Note, err = s.openText(caseID, "step.note", sp.StepID, note); err != nil {
			return nil, fmt.Errorf("read step %s: %w", sp.StepID, err)
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

// SaveLetter stores the apology letter.
func (s *Store) SaveLetter(ctx context.Context, l Letter) error {
	if l.Status == "" {
		l.Status = LetterDraft
	}
	if err := couple.CheckLetterStatus(l.Status); err != nil {
		return fmt.Errorf("save letter: %w", err)
	}
	body, err := s.sealText(l.CaseID, "letter", "", l.Text)
	if err != nil {
		return fmt.Errorf("save letter: %w", err)
	}
	return s.write(ctx, l.CaseID, "save letter", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			`INSERT INTO letters (case_id, body, status, updated_at) VALUES (?, ?, ?, ?)
			 ON CONFLICT (case_id) DO UPDATE SET body = excluded.body, status = excluded.status, updated_at = excluded.updated_at`,
			l.CaseID, body, l.Status, s.stamp())
		return err
	})
}

// Letter returns the apology letter, an empty draft if none was written.
func (s *Store) Letter(ctx context.Context, caseID int64) (Letter, error) {
	return s.letterIn(ctx, s.db, caseID)
}

func (s *Store) letterIn(ctx context.Context, q queryer, caseID int64) (Letter, error) {
	l := Letter{CaseID: caseID, Status: LetterDraft}
	var body, reply []byte
	var updated, by string
	var replyPIN bool
	err := q.QueryRowContext(ctx, `SELECT l.body, l.status, l.updated_at, r.body, coalesce(r.written_by, ''), coalesce(r.shared, 0),
		coalesce(r.pin_sealed, 0), coalesce(r.pin_lost, 0) FROM letters l LEFT JOIN letter_replies r ON r.case_id = l.case_id WHERE l.case_id = ?`,
		caseID).Scan(&body, &l.Status, &updated, &reply, &by, &l.ReplyShared, &replyPIN, &l.ReplyLost)
	if errors.Is(err, sql.ErrNoRows) {
		return l, nil
	}
	if err != nil {
		return l, fmt.Errorf("read letter: %w", err)
	}
	l.UpdatedAt, l.ReplyBy = parseStamp(updated), Partner(by)
	if l.Text, err = s.openText(caseID, "letter", "", body); err != nil {
		return l, fmt.Errorf("read letter: %w", err)
	}
	if l.ReplyLost { // sealed under a PIN since replaced: see answersIn
		return l, nil
	}
	if l.Reply, l.ReplyPINSealed, l.ReplyProtected, err = s.openPrivate(caseID, l.ReplyBy, replyLabel, "letter.reply", "", reply, replyPIN); err != nil {
		return l, fmt.Errorf("read the reply to the letter: %w", err)
	}
	return l, nil
}

// SaveCheckIn stores a week's check-in. Trust is 0-10, or -1 for "not rated yet".
func (s *Store) SaveCheckIn(ctx context.Context, c CheckIn) error {
	if c.Week < 1 {
		return fmt.Errorf("save check-in: %w", &InputError{Msg: "week numbers start at 1"})
	}
	if c.Trust < -1 || c.Trust > 10 {
		return fmt.Errorf("save check-in: %w", &InputError{Msg: fmt.Sprintf("trust is rated from 0 to 10, not %d", c.Trust)})
	}
	var fields [3][]byte
	for i, t := range []string{c.WentWell, c.WasHard, c.Appreciated} {
		b, err := s.sealText(c.CaseID, checkInFields[i], strconv.Itoa(c.Week), t)
		if err != nil {
			return fmt.Errorf("save check-in week %d: %w", c.Week, err)
		}
		fields[i] = b
	}
	trust, sealedTrust, err := s.sealTwin(c.CaseID, "checkin.trust", strconv.Itoa(c.Week), c.Trust, -1)
	if err != nil {
		return fmt.Errorf("save check-in week %d: %w", c.Week, err)
	}
	return s.write(ctx, c.CaseID, fmt.Sprintf("save check-in week %d", c.Week), func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			`INSERT INTO checkins (case_id, week, trust, trust_sealed, went_well, was_hard, appreciated) VALUES (?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT (case_id, week) DO UPDATE SET trust = excluded.trust, trust_sealed = excluded.trust_sealed,
			 went_well = excluded.went_well, was_hard = excluded.was_hard, appreciated = excluded.appreciated`,
			c.CaseID, c.Week, trust, sealedTrust, fields[0], fields[1], fields[2])
		return err
	})
}

var checkInFields = [3]string{"checkin.went_well", "checkin.was_hard", "checkin.appreciated"}

func (s *Store) checkInsIn(ctx context.Context, q queryer, caseID int64) ([]CheckIn, error) {
	rows, err := q.QueryContext(ctx,
		"SELECT week, trust, trust_sealed, went_well, was_hard, appreciated FROM checkins WHERE case_id = ? ORDER BY week", caseID)
	if err != nil {
		return nil, fmt.Errorf("read check-ins: %w", err)
	}
	defer rows.Close()
	var out []CheckIn
	for rows.Next() {
		c := CheckIn{CaseID: caseID}
		var raw [3][]byte
		var trust any
		var sealedTrust []byte
		if err := rows.Scan(&c.Week, &trust, &sealedTrust, &raw[0], &raw[1], &raw[2]); err != nil {
			return nil, fmt.Errorf("read check-ins: %w", err)
		}
		t, err := s.openTwin(caseID, "checkin.trust", strconv.Itoa(c.Week), trust, sealedTrust)
		if err != nil {
			return nil, fmt.Errorf("read check-in week %d: %w", c.Week, err)
		}
		c.Trust = -1 // not rated, or a damaged value (listed by Damaged)
		if t != "" {
			if c.Trust, err = strconv.Atoi(t); err != nil {
				return nil, fmt.Errorf("read check-in week %d: trust: %w", c.Week, err)
			}
		}
		texts := [3]*string{&c.WentWell, &c.WasHard, &c.Appreciated}
		for i := range raw {
			if *texts[i], err = s.openText(caseID, checkInFields[i], strconv.Itoa(c.Week), raw[i]); err != nil {
				return nil, fmt.Errorf("read check-in week %d: %w", c.Week, err)
			}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
