package data

import (
	"fmt"
	"unicode/utf8"
)

// Sealer is the one place sensitive text and signatures pass through on their way into and out
// of the database. The store's own sealer leaves an open couple's values as they are and
// encrypts a locked couple's (lock.go); tests may set another with WithSealer.
// field names the column, so an authenticated cipher can bind a value to where it belongs.
type Sealer interface {
	Seal(caseID int64, field string, plain []byte) ([]byte, error)
	Open(caseID int64, field string, sealed []byte) ([]byte, error)
}

// PlainSealer stores values unchanged.
type PlainSealer struct{}

func (PlainSealer) Seal(_ int64, _ string, plain []byte) ([]byte, error)  { return plain, nil }
func (PlainSealer) Open(_ int64, _ string, sealed []byte) ([]byte, error) { return sealed, nil }

func (s *Store) sealText(caseID int64, field, text string) ([]byte, error) {
	if !utf8.ValidString(text) {
		return nil, &InputError{Msg: fmt.Sprintf("%s is not valid UTF-8 text", field)}
	}
	return s.sealBytes(caseID, field, []byte(text))
}

func (s *Store) sealBytes(caseID int64, field string, b []byte) ([]byte, error) {
	if b == nil {
		b = []byte{}
	}
	out, err := s.sealer.Seal(caseID, field, b)
	if err != nil {
		return nil, fmt.Errorf("seal %s: %w", field, err)
	}
	return out, nil
}

func (s *Store) openText(caseID int64, field string, sealed []byte) (string, error) {
	b, err := s.openBytes(caseID, field, sealed)
	return string(b), err
}

func (s *Store) openBytes(caseID int64, field string, sealed []byte) ([]byte, error) {
	if len(sealed) == 0 {
		return nil, nil
	}
	out, err := s.sealer.Open(caseID, field, sealed)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", field, err)
	}
	return out, nil
}
