package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"unicode/utf8"
)

// ErrPINNeeded means a partner's private answers are protected by their PIN, not entered yet.
var ErrPINNeeded = errors.New("these private answers are protected by their author's PIN")

// MinPINLength is the shortest PIN a partner may set.
const MinPINLength = 4

type pinKey struct {
	caseID  int64
	partner Partner
}

// pinKeys holds the keys of PINs entered in this process.
type pinKeys struct {
	mu   sync.RWMutex
	keys map[pinKey]*Cipher
}

func (p *pinKeys) get(caseID int64, partner Partner) *Cipher {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.keys[pinKey{caseID, partner}]
}

func (p *pinKeys) set(caseID int64, partner Partner, c *Cipher) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.keys == nil {
		p.keys = map[pinKey]*Cipher{}
	}
	if c == nil {
		delete(p.keys, pinKey{caseID, partner})
	} else {
		p.keys[pinKey{caseID, partner}] = c
	}
}

func (p *pinKeys) clear() {
	p.mu.Lock()
	clear(p.keys)
	p.mu.Unlock()
}

func pinAAD(caseID int64, partner Partner, question string) []byte {
	return fmt.Appendf(nil, "kintsugi/%d/pin/%s/%s", caseID, partner, question)
}

// HasPIN reports whether partner p protects their private answers with a PIN.
func (s *Store) HasPIN(ctx context.Context, caseID int64, p Partner) (bool, error) {
	return s.hasPIN(ctx, s.db, caseID, p)
}

func (s *Store) hasPIN(ctx context.Context, q queryer, caseID int64, p Partner) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM pins WHERE case_id = ? AND partner = ?", caseID, string(p)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("read PIN: %w", err)
	}
	return n > 0, nil
}

// PINOpen reports whether partner p's private answers can be read now: no PIN, or it was entered.
func (s *Store) PINOpen(ctx context.Context, caseID int64, p Partner) (bool, error) {
	has, err := s.HasPIN(ctx, caseID, p)
	if err != nil || !has {
		return err == nil, err
	}
	return s.pins.get(caseID, p) != nil, nil
}

// EnterPIN opens partner p's private answers in this process; a wrong PIN opens nothing.
func (s *Store) EnterPIN(ctx context.Context, caseID int64, p Partner, pin string) error {
	var raw string
	var check []byte
	err := s.db.QueryRowContext(ctx, "SELECT kdf, check_value FROM pins WHERE case_id = ? AND partner = ?", caseID, string(p)).Scan(&raw, &check)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read PIN: %w", err)
	}
	var kdf KDF
	if err := json.Unmarshal([]byte(raw), &kdf); err != nil {
		return fmt.Errorf("read PIN: %w", err)
	}
	c, err := pinCipher(kdf, pin)
	if err != nil {
		return err
	}
	if got, err := c.Open(check, pinAAD(caseID, p, "check")); err != nil || string(got) != checkPlain {
		return ErrWrongPassphrase
	}
	s.pins.set(caseID, p, c)
	return nil
}

// ClosePINs closes both partners' PIN-protected answers of a couple again: their keys leave
// memory, and each partner's PIN is asked again before their private answers open.
func (s *Store) ClosePINs(caseID int64) {
	for _, p := range Partners {
		s.pins.set(caseID, p, nil)
	}
}

func pinCipher(kdf KDF, pin string) (*Cipher, error) {
	key, err := kdf.Key(pin)
	if err != nil {
		return nil, err
	}
	return NewCipher(key)
}

// SetPIN sets or changes partner p's PIN. Their private answers are re-sealed with it in one
// transaction; changing a PIN needs the current one entered first.
func (s *Store) SetPIN(ctx context.Context, caseID int64, p Partner, pin string) error {
	if !p.Valid() {
		return fmt.Errorf("set PIN: %w", &InputError{Msg: "partner must be A or B"})
	}
	if utf8.RuneCountInString(pin) < MinPINLength {
		return fmt.Errorf("set PIN: %w", &InputError{Msg: fmt.Sprintf("a PIN needs at least %d characters", MinPINLength)})
	}
	has, err := s.HasPIN(ctx, caseID, p)
	if err != nil {
		return err
	}
	old := s.pins.get(caseID, p)
	if has && old == nil {
		return fmt.Errorf("set PIN: %w", ErrPINNeeded)
	}
	kdf, err := NewKDF()
	if err != nil {
		return err
	}
	next, err := pinCipher(kdf, pin)
	if err != nil {
		return err
	}
	answers, err := s.answersIn(ctx, s.db, caseID)
	if err != nil {
		return err
	}
	check, err := next.Seal([]byte(checkPlain), pinAAD(caseID, p, "check"))
	if err != nil {
		return err
	}
	s.pins.set(caseID, p, next) // answers are re-sealed with the new key below
	err = s.write(ctx, caseID, "set PIN", func(tx *sql.Tx) error {
		kdfJSON, _ := json.Marshal(kdf) // plain struct: cannot fail
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO pins (case_id, partner, kdf, check_value, created_at) VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT (case_id, partner) DO UPDATE SET kdf = excluded.kdf, check_value = excluded.check_value`,
			caseID, string(p), string(kdfJSON), check, s.stamp()); err != nil {
			return err
		}
		for _, a := range answers { // sealed after the PIN row exists, so sealAnswer sees it
			if a.Partner != p || a.Shared {
				continue
			}
			body, sealed, err := s.sealAnswer(ctx, tx, a)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE answers SET body = ?, pin_sealed = ? WHERE case_id = ? AND partner = ? AND question_id = ?",
				body, boolInt(sealed), caseID, string(p), a.QuestionID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.pins.set(caseID, p, old)
		return err
	}
	return s.scrub(ctx)
}

// sealAnswer seals an answer for storage: a private answer of a partner with a PIN is sealed
// with the PIN's key first, then like every value.
func (s *Store) sealAnswer(ctx context.Context, q queryer, a Answer) (body []byte, pinSealed bool, err error) {
	text := []byte(a.Text)
	if !a.Shared {
		has, err := s.hasPIN(ctx, q, a.CaseID, a.Partner)
		if err != nil {
			return nil, false, err
		}
		if has {
			c := s.pins.get(a.CaseID, a.Partner)
			if c == nil {
				return nil, false, ErrPINNeeded
			}
			if text, err = c.Seal(text, pinAAD(a.CaseID, a.Partner, a.QuestionID)); err != nil {
				return nil, false, err
			}
			pinSealed = true
		}
	}
	body, err = s.sealBytes(a.CaseID, "answer", answerRow(a.Partner, a.QuestionID), text)
	return body, pinSealed, err
}

// openAnswer reverses sealAnswer; without the PIN the text stays closed and Protected is set.
func (s *Store) openAnswer(a *Answer, body []byte, pinSealed bool) error {
	b, err := s.openBytes(a.CaseID, "answer", answerRow(a.Partner, a.QuestionID), body)
	if err != nil {
		return err
	}
	if !pinSealed {
		a.Text = string(b)
		return nil
	}
	c := s.pins.get(a.CaseID, a.Partner)
	if c == nil {
		a.Protected = true
		return nil
	}
	plain, err := c.Open(b, pinAAD(a.CaseID, a.Partner, a.QuestionID))
	if err != nil {
		return err
	}
	a.Text = string(plain)
	return nil
}
