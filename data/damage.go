package data

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// ErrDamagedValue marks one sealed value that does not open although the couple's key is right:
// changed on disk, or moved from another row. It is reported by Damaged, not as an error that
// closes the whole couple.
var ErrDamagedValue = errors.New("a sealed value is damaged")

func isDamage(err error) bool {
	return errors.Is(err, ErrDamagedValue) || errors.Is(err, ErrSealedWithoutLock)
}

type damageKey struct {
	caseID     int64
	field, row string
}

// damageLog remembers which values failed to open, until one opens or is written again.
type damageLog struct {
	mu sync.Mutex
	m  map[damageKey]bool
}

func (d *damageLog) add(caseID int64, field, row string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.m == nil {
		d.m = map[damageKey]bool{}
	}
	d.m[damageKey{caseID, field, row}] = true
}

func (d *damageLog) remove(caseID int64, field, row string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.m, damageKey{caseID, field, row})
}

// inAgreement reports whether a value of agreement version agreementID was found damaged.
func (d *damageLog) inAgreement(caseID, agreementID int64) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	prefix := agreementRow(agreementID, "")
	for k := range d.m {
		if k.caseID == caseID && strings.HasPrefix(k.row, prefix) && (strings.HasPrefix(k.field, "agreement.") || strings.HasPrefix(k.field, "signature.")) {
			return true
		}
	}
	return false
}

// Damaged names, in plain words, each of a couple's values found damaged while reading it
// (since it was last read): the rest of the couple opened, these read as empty. A write of the
// same value replaces the damaged one.
func (s *Store) Damaged(ctx context.Context, caseID int64) []string {
	s.damage.mu.Lock()
	defer s.damage.mu.Unlock()
	var out []string
	for k := range s.damage.m {
		if k.caseID == caseID {
			out = append(out, describeValue(k.field, k.row))
		}
	}
	sort.Strings(out)
	return out
}

// describeValue names a stored value the way a person would look for it.
func describeValue(field, row string) string {
	first, rest, _ := strings.Cut(row, "/")
	switch field {
	case "incident.description":
		return "the description of what happened"
	case "answer":
		return fmt.Sprintf("partner %s's answer to %s", first, rest)
	case "step.note":
		return fmt.Sprintf("the note on step %s", row)
	case "commitment.custom_text":
		return fmt.Sprintf("the text of commitment %s", row)
	case "agreement.text":
		return fmt.Sprintf("item %s of an agreement", rest)
	case "signature.name", "signature.png":
		return fmt.Sprintf("partner %s's signature", rest)
	case digestField:
		return fmt.Sprintf("the record of what was signed on agreement %s", row)
	case pinCheckField, pinSecretField:
		return fmt.Sprintf("partner %s's PIN (their private texts stay closed; they can start a new PIN at the Reflection step)", row)
	case "letter":
		return "the letter"
	case "letter.reply":
		return "the reply to the letter"
	case "week.note":
		return fmt.Sprintf("partner %s's own note on week %s", rest, first)
	case "checkin.went_well", "checkin.was_hard", "checkin.appreciated":
		what := map[string]string{"checkin.went_well": "what went well", "checkin.was_hard": "what was hard",
			"checkin.appreciated": "what was appreciated"}[field]
		return fmt.Sprintf("week %s's check-in (%s)", row, what)
	case "case.rebuilding":
		return "who is rebuilding trust"
	case "incident.causes":
		return "the causes of what happened"
	case "checkin.trust":
		return fmt.Sprintf("week %s's trust score", row)
	case "mark":
		return fmt.Sprintf("the mark on %s for commitment %s", rest, first)
	case "decision":
		return fmt.Sprintf("partner %s's decision %q", rest, first)
	case "commitment.catalog_id", "commitment.param", "commitment.cost":
		return fmt.Sprintf("the terms of commitment %s", row)
	case "agreement.catalog_id", "agreement.code", "agreement.param", "agreement.unit", "agreement.cost":
		return fmt.Sprintf("the terms of item %s of an agreement", rest)
	}
	return field
}
