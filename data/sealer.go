package data

import (
	"fmt"
	"strconv"
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

// rowSealer is a Sealer that binds each value to its row as well: the store's own does, so a
// value copied or moved to another row (another week's note, another partner's answer) no
// longer opens.
type rowSealer interface {
	SealRow(caseID int64, field, row string, plain []byte) ([]byte, error)
	OpenRow(caseID int64, field, row string, sealed []byte) ([]byte, error)
}

// sealText seals text for column field of the row whose key is row.
func (s *Store) sealText(caseID int64, field, row, text string) ([]byte, error) {
	if !utf8.ValidString(text) {
		return nil, &InputError{Msg: fmt.Sprintf("%s is not valid UTF-8 text", field)}
	}
	return s.sealBytes(caseID, field, row, []byte(text))
}

func (s *Store) sealBytes(caseID int64, field, row string, b []byte) ([]byte, error) {
	if b == nil {
		b = []byte{}
	}
	var out []byte
	var err error
	if rs, ok := s.sealer.(rowSealer); ok {
		out, err = rs.SealRow(caseID, field, row, b)
	} else {
		out, err = s.sealer.Seal(caseID, field, b)
	}
	if err != nil {
		return nil, fmt.Errorf("seal %s: %w", field, err)
	}
	return out, nil
}

func (s *Store) openText(caseID int64, field, row string, sealed []byte) (string, error) {
	b, err := s.openBytes(caseID, field, row, sealed)
	return string(b), err
}

// openBytes opens one stored value. A damaged one (it fails to open with the couple's right
// key, was moved from another row, or is sealed while the couple's lock is missing) does not
// stop the rest of the couple from opening: it reads as empty and is listed by Damaged.
func (s *Store) openBytes(caseID int64, field, row string, sealed []byte) ([]byte, error) {
	if len(sealed) == 0 {
		return nil, nil
	}
	var out []byte
	var err error
	if rs, ok := s.sealer.(rowSealer); ok {
		out, err = rs.OpenRow(caseID, field, row, sealed)
	} else {
		out, err = s.sealer.Open(caseID, field, sealed)
	}
	if isDamage(err) {
		s.damage.add(caseID, field, row)
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", field, err)
	}
	s.damage.remove(caseID, field, row)
	return out, nil
}

// Row keys: how each sealed column's row is named in its binding (lock.go's sealedColumns).

func answerRow(p Partner, question string) string { return string(p) + "/" + question }

func agreementRow(agreementID int64, rest string) string {
	return strconv.FormatInt(agreementID, 10) + "/" + rest
}

func idRow(id int64) string { return strconv.FormatInt(id, 10) }
