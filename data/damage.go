package data

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
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

// DamageKind is what kind of value a DamagedPart is. The window and the command line put it
// into words with the content text "damage." + kind, in the language they speak.
type DamageKind string

// The kinds of values Damaged reports, in the order a couple meets them on their journey
// (the order the report lists them in).
const (
	DamageRebuilding      DamageKind = "rebuilding"          // who is rebuilding trust
	DamageCauses          DamageKind = "causes"              // the causes of what happened
	DamageIncident        DamageKind = "incident"            // the description of what happened
	DamageDecision        DamageKind = "decision"            // Partner's decision Decision
	DamageAnswer          DamageKind = "answer"              // Partner's answer to Question
	DamagePIN             DamageKind = "pin"                 // Partner's PIN record
	DamageStepNote        DamageKind = "step.note"           // the note on Step
	DamageCommitmentText  DamageKind = "commitment.text"     // the couple's own text of Commitment
	DamageCommitmentTerms DamageKind = "commitment.terms"    // which entry Commitment is, its parameter or cost
	DamageAgreementItem   DamageKind = "agreement.item"      // the text of Item of Agreement
	DamageAgreementTerms  DamageKind = "agreement.terms"     // the terms of Item of Agreement
	DamageSignature       DamageKind = "signature"           // Partner's signature on Agreement
	DamageSigned          DamageKind = "signed"              // the record of what was signed on Agreement
	DamageLetter          DamageKind = "letter"              // the letter
	DamageLetterReply     DamageKind = "letter.reply"        // the reply to the letter
	DamageMark            DamageKind = "mark"                // the mark on Day for Commitment
	DamageCount           DamageKind = "week_count"          // how often Commitment was kept in Week
	DamageTrust           DamageKind = "checkin.trust"       // Week's trust score
	DamageWentWell        DamageKind = "checkin.went_well"   // Week's check-in: what went well
	DamageWasHard         DamageKind = "checkin.was_hard"    // Week's check-in: what was hard
	DamageAppreciated     DamageKind = "checkin.appreciated" // Week's check-in: what was appreciated
	DamageWeekNote        DamageKind = "week.note"           // Partner's own note on Week
	DamageTherapistNotes  DamageKind = "therapist.notes"     // the therapist's notes
	DamageOther           DamageKind = "other"               // a value of Field this list does not name
)

// DamageKinds lists every kind, in report order.
var DamageKinds = []DamageKind{DamageRebuilding, DamageCauses, DamageIncident, DamageDecision,
	DamageAnswer, DamagePIN, DamageStepNote, DamageCommitmentText, DamageCommitmentTerms,
	DamageAgreementItem, DamageAgreementTerms, DamageSignature, DamageSigned, DamageLetter,
	DamageLetterReply, DamageMark, DamageCount, DamageTrust, DamageWentWell, DamageWasHard,
	DamageAppreciated, DamageWeekNote, DamageTherapistNotes, DamageOther}

// DamagedPart names one damaged value by what it is and whose it is, never in words: the
// window and the command line say it in their language, with the couple's names and the
// content's titles. Only the fields its Kind needs are set.
type DamagedPart struct {
	Kind       DamageKind
	Partner    Partner // whose value it is, when it is one partner's
	Question   string  // an answer's question (a content entry ID)
	Step       string  // a step note's step (a content entry ID)
	Commitment int64   // the commitment's ID
	Agreement  int64   // the agreement version's ID
	Item       int     // the item's position in its agreement version, from 1
	Week       int     // the week, from 1
	Day        Date    // a mark's day
	Decision   string  // a decision's key (DecisionWelcome, DecisionContinue)
	Field      string  // the stored field of a DamageOther
}

// Damaged lists each of a couple's values found damaged while reading it (since it was last
// read), once each, in the order of DamageKinds: the rest of the couple opened, these read as
// empty. A write of the same value replaces the damaged one.
func (s *Store) Damaged(ctx context.Context, caseID int64) []DamagedPart {
	s.damage.mu.Lock()
	defer s.damage.mu.Unlock()
	seen := map[DamagedPart]bool{}
	var out []DamagedPart
	for k := range s.damage.m {
		if p := damagedPart(k.field, k.row); k.caseID == caseID && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].less(out[j]) })
	return out
}

func (p DamagedPart) less(o DamagedPart) bool {
	if p.Kind != o.Kind {
		return slices.Index(DamageKinds, p.Kind) < slices.Index(DamageKinds, o.Kind)
	}
	return cmp.Or(cmp.Compare(p.Week, o.Week), cmp.Compare(p.Agreement, o.Agreement),
		cmp.Compare(p.Item, o.Item), cmp.Compare(p.Commitment, o.Commitment),
		p.Day.Time().Compare(o.Day.Time()), cmp.Compare(p.Partner, o.Partner),
		cmp.Compare(p.Question, o.Question), cmp.Compare(p.Step, o.Step),
		cmp.Compare(p.Decision, o.Decision), cmp.Compare(p.Field, o.Field)) < 0
}

// damagedPart reads a stored value's field and row key (lock.go's sealedColumns, shape.go's
// row keys) back into what it names.
func damagedPart(field, row string) DamagedPart {
	first, rest, _ := strings.Cut(row, "/")
	id := func(s string) int64 { n, _ := strconv.ParseInt(s, 10, 64); return n }
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	switch field {
	case "case.rebuilding":
		return DamagedPart{Kind: DamageRebuilding}
	case "incident.causes":
		return DamagedPart{Kind: DamageCauses}
	case "incident.description":
		return DamagedPart{Kind: DamageIncident}
	case "decision":
		return DamagedPart{Kind: DamageDecision, Decision: first, Partner: Partner(rest)}
	case "answer":
		return DamagedPart{Kind: DamageAnswer, Partner: Partner(first), Question: rest}
	case pinCheckField, pinSecretField:
		return DamagedPart{Kind: DamagePIN, Partner: Partner(row)}
	case "step.note":
		return DamagedPart{Kind: DamageStepNote, Step: row}
	case "commitment.custom_text":
		return DamagedPart{Kind: DamageCommitmentText, Commitment: id(row)}
	case "commitment.catalog_id", "commitment.param", "commitment.cost":
		return DamagedPart{Kind: DamageCommitmentTerms, Commitment: id(row)}
	case "agreement.text":
		return DamagedPart{Kind: DamageAgreementItem, Agreement: id(first), Item: num(rest)}
	case "agreement.catalog_id", "agreement.code", "agreement.param", "agreement.unit", "agreement.cost":
		return DamagedPart{Kind: DamageAgreementTerms, Agreement: id(first), Item: num(rest)}
	case "signature.name", "signature.png":
		return DamagedPart{Kind: DamageSignature, Agreement: id(first), Partner: Partner(rest)}
	case digestField:
		return DamagedPart{Kind: DamageSigned, Agreement: id(row)}
	case "letter":
		return DamagedPart{Kind: DamageLetter}
	case "letter.reply":
		return DamagedPart{Kind: DamageLetterReply}
	case "mark":
		day, _ := ParseDate(rest)
		return DamagedPart{Kind: DamageMark, Commitment: id(first), Day: day}
	case "week_count":
		return DamagedPart{Kind: DamageCount, Commitment: id(first), Week: num(rest)}
	case "checkin.trust", "checkin.went_well", "checkin.was_hard", "checkin.appreciated":
		return DamagedPart{Kind: DamageKind(field), Week: num(row)}
	case "week.note":
		return DamagedPart{Kind: DamageWeekNote, Week: num(first), Partner: Partner(rest)}
	case "therapist.notes":
		return DamagedPart{Kind: DamageTherapistNotes}
	}
	return DamagedPart{Kind: DamageOther, Field: field}
}

// ValueError is an error about one stored value (while it is sealed again under a new key, or
// a PIN whose record is damaged): Part names which, for the window and the command line to say
// in their words.
type ValueError struct {
	Part       DamagedPart
	Err        error
	field, row string // how the store names the value, for an error read without the window
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("stored value %s %s: %v", e.field, e.row, e.Err)
}

func (e *ValueError) Unwrap() error { return e.Err }

// valueError names the stored value field/row in err.
func valueError(field, row string, err error) error {
	return &ValueError{Part: damagedPart(field, row), Err: err, field: field, row: row}
}
