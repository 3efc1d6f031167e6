package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"

	"kintsugi/couple"
	"kintsugi/data"
)

// CoupleRow is one line of the list of couples: the couple, the step it has reached and what
// is due for it today ("" and nothing for a locked couple, whose progress is theirs to know).
type CoupleRow struct {
	Case   data.Case
	Locked bool
	Step   string
	Due    []couple.DueKind
}

// ListPage is how many lines of the list of couples are read at once: a screenful (the window
// shows about twelve) and a few more.
const ListPage = 16

// CoupleList is the list of couples as the start screen shows it, the most recently active
// first: how many there are, and their lines read a page at a time as they come into view, so
// that showing it costs the same with ten couples or thousands. Lines once read stay; going back
// to the list re-reads only the couple that was open (Touched). Not safe for concurrent use.
type CoupleList struct {
	st      *data.Store
	content *data.Content
	query   data.ListQuery
	total   int
	rows    []CoupleRow // the first len(rows) lines, in order
}

// NewCoupleList counts the couples the list shows (in an office: the clients, for search) and
// reads its first page.
func NewCoupleList(ctx context.Context, st *data.Store, content *data.Content, office bool, search string) (*CoupleList, error) {
	l := &CoupleList{st: st, content: content, query: data.ListQuery{Office: office, Search: search, Limit: ListPage}}
	if err := l.count(ctx); err != nil {
		return nil, err
	}
	if err := l.readTo(ctx, 0); err != nil {
		return nil, err
	}
	return l, nil
}

// Search is what the list was searched for ("" for none).
func (l *CoupleList) Search() string { return l.query.Search }

// Office reports whether the list is an office's list of clients.
func (l *CoupleList) Office() bool { return l.query.Office }

// Len is how many couples the list shows in all.
func (l *CoupleList) Len() int { return l.total }

// Row is line i, read with its page when it was not yet.
func (l *CoupleList) Row(ctx context.Context, i int) (CoupleRow, error) {
	if i < 0 || i >= l.total {
		return CoupleRow{}, fmt.Errorf("list line %d of %d: %w", i, l.total, data.ErrNotFound)
	}
	if err := l.readTo(ctx, i); err != nil {
		return CoupleRow{}, err
	}
	if i >= len(l.rows) { // fewer couples than counted: one was deleted meanwhile
		return CoupleRow{}, fmt.Errorf("list line %d: %w", i, data.ErrNotFound)
	}
	return l.rows[i], nil
}

// IndexOf is the line couple id is on, when that line has been read.
func (l *CoupleList) IndexOf(id int64) (int, bool) {
	for i, r := range l.rows {
		if r.Case.ID == id {
			return i, true
		}
	}
	return 0, false
}

// Loaded is how many lines have been read.
func (l *CoupleList) Loaded() int { return len(l.rows) }

// readTo reads pages until line i is read (or the list ends).
func (l *CoupleList) readTo(ctx context.Context, i int) error {
	for len(l.rows) <= i && len(l.rows) < l.total {
		q := l.query
		q.Today, q.Offset = data.DateOf(Now()), len(l.rows)
		lines, err := l.st.ListLines(ctx, q)
		if err != nil {
			return err
		}
		for _, line := range lines {
			l.rows = append(l.rows, rowOf(l.content, line, q.Today))
		}
		if len(lines) < q.Limit {
			l.total = len(l.rows) // the list ends here: a couple was deleted since it was counted
			return nil
		}
	}
	return nil
}

func (l *CoupleList) count(ctx context.Context) error {
	n, err := l.st.CountCouples(ctx, l.query)
	if err != nil {
		return err
	}
	l.total = n
	return nil
}

// Touched brings couple id's line up to date after the couple was open (or created, changed,
// deleted): its line moves to where it now belongs among the lines read, and only it and the
// count are read again. The lines read stay a true beginning of the list: a line that now
// sorts after the last one read is left for its page.
func (l *CoupleList) Touched(ctx context.Context, id int64) error {
	wasWhole := len(l.rows) >= l.total
	for i, r := range l.rows {
		if r.Case.ID == id {
			l.rows = append(l.rows[:i], l.rows[i+1:]...)
			break
		}
	}
	if err := l.count(ctx); err != nil {
		return err
	}
	line, err := l.st.ListLineOf(ctx, id, data.DateOf(Now()))
	if errors.Is(err, data.ErrNotFound) {
		return nil // deleted
	}
	if err != nil {
		return err
	}
	if !l.query.Admits(line.Case) {
		return nil
	}
	row := rowOf(l.content, line, data.DateOf(Now()))
	at := len(l.rows)
	for i, r := range l.rows {
		if data.ListsBefore(row.Case, r.Case) {
			at = i
			break
		}
	}
	if at == len(l.rows) && !wasWhole {
		return nil // after the lines read: its page brings it
	}
	l.rows = append(l.rows[:at], append([]CoupleRow{row}, l.rows[at:]...)...)
	return nil
}

func rowOf(content *data.Content, line data.ListLine, today data.Date) CoupleRow {
	if line.Locked {
		return CoupleRow{Case: line.Case, Locked: true}
	}
	row := CoupleRow{Case: line.Case, Step: line.Step}
	if !line.Judged {
		row.Step = SummaryStep(content, line.Summary)
	}
	signed, altered, reviews := line.DueIn()
	for _, d := range couple.DueFor(today, line.CheckedIn, signed, altered, reviews, Monitoring(content)) {
		row.Due = append(row.Due, d.Kind)
	}
	return row
}

// Monitoring tells couple.WhatIsDue which catalog commitments check on a partner.
func Monitoring(content *data.Content) func(catalogID string) bool {
	return func(id string) bool { e := content.Entry(id); return e != nil && e.Monitoring }
}

// journeyRules names the rules SummaryStep judges by: change it when they change, so every
// step kept under the old rules is judged again.
const journeyRules = "journey-1"

// StepJudge is the journey's rules as the store keeps each couple's step by them
// (data.WithJudge). Which questions, rules, steps and prompts count comes from the content, the
// same in every language: its IDs are part of the judge's version.
func StepJudge(content *data.Content) data.Judge {
	h := sha256.New()
	for _, sec := range content.Sections {
		fmt.Fprintf(h, "%q:", sec.ID)
		for _, e := range sec.Entries {
			fmt.Fprintf(h, "%q,", e.ID)
		}
	}
	version := journeyRules + "/" + hex.EncodeToString(h.Sum(nil)[:8])
	return data.Judge{Version: version, Step: func(s data.Summary) string { return SummaryStep(content, s) }}
}

// OpenStore opens the database at path with the journey's rules for keeping each couple's step.
func OpenStore(ctx context.Context, path string, opts ...data.Option) (*data.Store, error) {
	judge, err := defaultJudge()
	if err != nil {
		return nil, err
	}
	return data.Open(ctx, path, append([]data.Option{data.WithJudge(judge)}, opts...)...)
}

// defaultJudge is StepJudge of the English content, read once per process: the rules' IDs are
// the same in every language, and reading a language file costs milliseconds.
var defaultJudge = sync.OnceValues(func() (data.Judge, error) {
	content, err := LoadContent("en")
	if err != nil {
		return data.Judge{}, err
	}
	return StepJudge(content), nil
})
