package data

import (
	"strconv"
	"strings"
)

// A kept summary (case_summaries.facts) is one line of fields in a fixed order, lists within a
// field, key and count within an item, each set apart by an ASCII separator no content ID
// holds. The list decodes 500 of them in about a millisecond, where JSON took ten times that.
// A summary whose IDs hold a separator (an imported file may have any ID) is not kept: the list
// computes it from the records instead.
const (
	factsVersion = "f3" // f2: the latest agreement version is signed and unaltered; f3: the newest signed one altered
	fieldSep     = "\x1e"
	itemSep      = "\x1f"
	pairSep      = "\x1d"
)

// encodeFacts gives the kept form of a summary's facts, and false when it cannot be kept.
func (s *Summary) encodeFacts() (string, bool) {
	var b strings.Builder
	ok := true
	field := func(items ...string) {
		b.WriteString(fieldSep)
		for i, it := range items {
			if i > 0 {
				b.WriteString(itemSep)
			}
			b.WriteString(it)
		}
	}
	id := func(v string) string {
		if strings.ContainsAny(v, fieldSep+itemSep+pairSep) || v == "" {
			ok = false
		}
		return v
	}
	counts := func(m map[string]int) []string {
		out := make([]string, 0, len(m))
		for k, n := range m {
			out = append(out, id(k)+pairSep+strconv.Itoa(n))
		}
		return out
	}
	flags := func(m map[string]bool) []string {
		out := make([]string, 0, len(m))
		for k, v := range m {
			out = append(out, id(k)+pairSep+flag(v))
		}
		return out
	}
	b.WriteString(factsVersion)
	field(counts(s.Decisions)...)
	field(flag(s.IncidentCauses), flag(s.IncidentDescription), flag(s.IncidentDate))
	field(flags(s.Answered)...)
	field(flags(s.SharedText)...)
	field(strconv.Itoa(s.RuleAcks))
	field(flags(s.StepsDone)...)
	field(strconv.Itoa(s.Commitments), strconv.Itoa(s.Agreed))
	field(flags(s.AgreedCatalog)...)
	field(id(s.LetterStatus), flag(s.LetterWritten))
	field(flag(s.HasAgreement), strconv.Itoa(s.Signatures), flag(s.Signed), flag(s.NewestSignedAltered))
	field(strconv.Itoa(s.CheckIns))
	return b.String(), ok
}

func flag(v bool) string {
	if v {
		return "1"
	}
	return "0"
}

// decodeFacts fills s from its kept form and reports whether that form was whole; s must be
// fresh from newSummary. The map keys share the kept string's memory.
func (s *Summary) decodeFacts(kept string) bool {
	d := factsDecoder{rest: kept}
	if d.field() != factsVersion {
		return false
	}
	for _, it := range d.items(d.field()) {
		k, v, _ := strings.Cut(it, pairSep)
		s.Decisions[k] = d.int(v)
	}
	inc := d.items(d.field())
	if len(inc) != 3 {
		return false
	}
	s.IncidentCauses, s.IncidentDescription, s.IncidentDate = d.flag(inc[0]), d.flag(inc[1]), d.flag(inc[2])
	d.flags(&s.Answered)
	d.flags(&s.SharedText)
	s.RuleAcks = d.int(d.field())
	d.flags(&s.StepsDone)
	if cm := d.items(d.field()); len(cm) == 2 {
		s.Commitments, s.Agreed = d.int(cm[0]), d.int(cm[1])
	} else {
		return false
	}
	d.flags(&s.AgreedCatalog)
	if l := d.items(d.field()); len(l) == 2 {
		s.LetterStatus, s.LetterWritten = l[0], d.flag(l[1])
	} else {
		return false
	}
	if a := d.items(d.field()); len(a) == 4 {
		s.HasAgreement, s.Signatures, s.Signed, s.NewestSignedAltered = d.flag(a[0]), d.int(a[1]), d.flag(a[2]), d.flag(a[3])
	} else {
		return false
	}
	s.CheckIns = d.int(d.field())
	return !d.bad && d.rest == "" && d.done
}

type factsDecoder struct {
	rest string
	bad  bool
	done bool // the last field was read
	buf  []string
}

func (d *factsDecoder) field() string {
	if d.done {
		d.bad = true
		return ""
	}
	f, rest, more := strings.Cut(d.rest, fieldSep)
	d.rest, d.done = rest, !more
	return f
}

// items splits a field into its items, reusing one buffer.
func (d *factsDecoder) items(f string) []string {
	d.buf = d.buf[:0]
	for f != "" {
		it, rest, _ := strings.Cut(f, itemSep)
		d.buf = append(d.buf, it)
		f = rest
	}
	return d.buf
}

func (d *factsDecoder) flags(m *map[string]bool) {
	items := d.items(d.field())
	if len(items) > 0 {
		*m = make(map[string]bool, len(items))
	}
	for _, it := range items {
		k, v, ok := strings.Cut(it, pairSep)
		if !ok {
			d.bad = true
		}
		(*m)[k] = d.flag(v)
	}
}

func (d *factsDecoder) flag(v string) bool {
	switch v {
	case "1":
		return true
	case "0":
		return false
	}
	d.bad = true
	return false
}

func (d *factsDecoder) int(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil {
		d.bad = true
	}
	return n
}

// dueVersion begins the kept form of a summary's due dates (case_summaries.due): whether a
// version is signed by both, its start and review dates and whether it was altered since, then
// each review as commitment ID, catalog ID and date.
const dueVersion = "d1"

// encodeDue gives the kept form of what is due is judged by, and false when it cannot be kept.
func (s *Summary) encodeDue() (string, bool) {
	var b strings.Builder
	b.WriteString(dueVersion + fieldSep + flag(s.HasSigned) + itemSep + s.SignedStart.String() + itemSep + s.SignedReview.String() +
		itemSep + flag(s.NewestSignedAltered))
	ok := true
	for _, r := range s.Reviews {
		if strings.ContainsAny(r.CatalogID, fieldSep+itemSep+pairSep) {
			ok = false
		}
		b.WriteString(fieldSep + strconv.FormatInt(r.CommitmentID, 10) + itemSep + r.CatalogID + itemSep + r.Date.String())
	}
	return b.String(), ok
}

// decodeDue fills s's due dates from their kept form and reports whether that form was whole.
func (s *Summary) decodeDue(kept string) bool {
	d := factsDecoder{rest: kept}
	if d.field() != dueVersion {
		return false
	}
	signed := d.items(d.field())
	if len(signed) != 4 {
		return false
	}
	s.HasSigned = d.flag(signed[0])
	s.SignedStart, s.SignedReview = d.date(signed[1]), d.date(signed[2])
	s.NewestSignedAltered = d.flag(signed[3])
	for !d.done {
		it := d.items(d.field())
		if len(it) != 3 {
			return false
		}
		id, err := strconv.ParseInt(it[0], 10, 64)
		if err != nil {
			return false
		}
		s.Reviews = append(s.Reviews, Review{CommitmentID: id, CatalogID: it[1], Date: d.date(it[2])})
	}
	return !d.bad
}

func (d *factsDecoder) date(v string) Date {
	if v == "" {
		return Date{}
	}
	day, err := ParseDate(v)
	if err != nil {
		d.bad = true
	}
	return day
}
