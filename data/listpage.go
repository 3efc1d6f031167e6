package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ListQuery asks for lines of the list of couples, the most recently active first.
type ListQuery struct {
	// Office lists a therapist's clients: never the example couple, and a finished couple only
	// when searched for.
	Office bool
	// Search keeps the couples whose code, initials or names hold it, in any case ("" keeps all).
	Search string
	// Today is the day what is due is judged on.
	Today Date
	// Offset and Limit pick the lines: a page of what is on screen, never the whole list.
	Offset, Limit int
}

// ListLine is one couple's line of the list: its summary, the step it reached as the store kept
// it, and whether this week's check-in is written. A locked couple's line holds its case alone.
type ListLine struct {
	Summary
	// Step is the step reached, kept by the store's judge (WithJudge) when Judged; otherwise the
	// summary is whole and the reader judges it.
	Step   string
	Judged bool
	// CheckedIn: the check-in of the week holding Today says something.
	CheckedIn bool
}

// listFilter is the WHERE clause of a ListQuery, and its arguments.
func (q ListQuery) filter() (string, []any) {
	var where []string
	var args []any
	if q.Office {
		where = append(where, "cases.example = 0")
		if q.Search == "" {
			where = append(where, "cases.finished = 0")
		}
	}
	if q.Search != "" {
		where = append(where, "kintsugi_match(cases.code, cases.name_a, cases.name_b, ?)")
		args = append(args, q.Search)
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// CountCouples is how many couples the query lists in all.
func (s *Store) CountCouples(ctx context.Context, q ListQuery) (int, error) {
	where, args := q.filter()
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM cases"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count couples: %w", err)
	}
	return n, nil
}

// ListLines reads one page of the list of couples: one query for the page's cases with their
// kept summaries and one for their check-ins, whatever the number of couples. A line whose
// summary is not kept (stale, or never kept) is computed from its records, the slow way.
func (s *Store) ListLines(ctx context.Context, q ListQuery) ([]ListLine, error) {
	where, args := q.filter()
	out, err := s.listLines(ctx, q.Today, where+" ORDER BY cases.updated_at DESC, cases.id DESC LIMIT ? OFFSET ?",
		append(args, q.Limit, q.Offset))
	if err != nil {
		return nil, fmt.Errorf("list couples: %w", err)
	}
	return out, nil
}

// ListLineOf is one couple's line, read afresh (after the couple was open, say).
func (s *Store) ListLineOf(ctx context.Context, caseID int64, today Date) (ListLine, error) {
	out, err := s.listLines(ctx, today, " WHERE cases.id = ?", []any{caseID})
	if err != nil {
		return ListLine{}, fmt.Errorf("read case %d's line: %w", caseID, err)
	}
	if len(out) == 0 {
		return ListLine{}, fmt.Errorf("case %d: %w", caseID, ErrNotFound)
	}
	return out[0], nil
}

func (s *Store) listLines(ctx context.Context, today Date, rest string, args []any) ([]ListLine, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// A summary kept under this store's judge needs neither its facts nor judging again; the
	// line's case holds what the list shows (no paper, no language).
	rows, err := tx.QueryContext(ctx, `SELECT cases.id, name_a, name_b, rebuilding, start_date, created_at, updated_at, code,
		example | (finished << 1) | (EXISTS (SELECT 1 FROM locks WHERE locks.case_id = cases.id) << 2),
		CASE WHEN EXISTS (SELECT 1 FROM summaries_stale WHERE summaries_stale.case_id = cases.id) THEN NULL ELSE ks.due END,
		CASE WHEN ks.judge = ?1 AND ?1 <> '' THEN ks.step END,
		CASE WHEN ks.judge = ?1 AND ?1 <> '' THEN NULL ELSE ks.facts END
		FROM cases LEFT JOIN case_summaries AS ks ON ks.case_id = cases.id`+rest,
		append([]any{s.judge.Version}, args...)...)
	if err != nil {
		return nil, err
	}
	var out []ListLine
	missing := map[int64]*Summary{}
	for rows.Next() {
		var c Case
		var rebuilding, start, created, updated string
		var flags int
		var due, step, facts sql.NullString
		if err := rows.Scan(&c.ID, &c.NameA, &c.NameB, &rebuilding, &start, &created, &updated, &c.Code, &flags, &due, &step, &facts); err != nil {
			rows.Close()
			return nil, err
		}
		c.Rebuilding, c.StartDate, c.CreatedAt, c.UpdatedAt = Rebuilder(rebuilding), parseDay(start), parseStamp(created), parseStamp(updated)
		c.Example, c.Finished = flags&1 != 0, flags&2 != 0
		// A judged line needs no facts: its summary's maps stay nil (reading them is safe).
		line := ListLine{Summary: Summary{Case: c, LetterStatus: LetterDraft}}
		line.Locked = flags&4 != 0
		if !line.Locked {
			ok := due.Valid && line.decodeDue(due.String)
			if ok && step.Valid && s.judge.Step != nil {
				line.Step, line.Judged = step.String, true
			} else if ok && facts.Valid {
				due := line.Summary
				line.Summary = newSummary(c)
				line.HasSigned, line.SignedStart, line.SignedReview, line.Reviews = due.HasSigned, due.SignedStart, due.SignedReview, due.Reviews
				ok = line.decodeFacts(facts.String)
			}
			if !ok {
				line.Summary = newSummary(c)
				line.Judged, line.Step = false, ""
				missing[c.ID] = nil // computed below, once the rows are closed
			}
		}
		out = append(out, line)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if _, ok := missing[out[i].Case.ID]; ok {
			missing[out[i].Case.ID] = &out[i].Summary
		}
	}
	if len(missing) > 0 {
		if err := s.computeFacts(ctx, tx, missing); err != nil {
			return nil, err
		}
	}
	if err := checkedIn(ctx, tx, today, out); err != nil {
		return nil, err
	}
	return out, nil
}

// checkedIn marks the lines whose check-in of the week holding today says something: one query
// for the page, the weeks going in as one JSON object.
func checkedIn(ctx context.Context, tx *sql.Tx, today Date, lines []ListLine) error {
	weeks := map[string]int{}
	at := map[int64]*ListLine{}
	for i := range lines {
		if l := &lines[i]; !l.Locked {
			weeks[strconv.FormatInt(l.Case.ID, 10)] = l.Case.WeekOf(today)
			at[l.Case.ID] = l
		}
	}
	if len(weeks) == 0 {
		return nil
	}
	weekJSON, err := json.Marshal(weeks)
	if err != nil {
		return err
	}
	return each(ctx, tx, `SELECT case_id FROM checkins JOIN json_each(?) AS w
		ON case_id = CAST(w.key AS INTEGER) AND week = w.value WHERE `+checkInWritten, []any{string(weekJSON)},
		func(r *sql.Rows) error {
			var id int64
			if err := r.Scan(&id); err != nil {
				return err
			}
			if l := at[id]; l != nil {
				l.CheckedIn = true
			}
			return nil
		})
}

// Initials are the first letters of the partners' names ("S. & A."): how the office's list
// names a couple that has no code.
func (c Case) Initials() string {
	first := func(s string) string {
		r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
		if r == utf8.RuneError {
			return "?"
		}
		return string(unicode.ToUpper(r)) + "."
	}
	return first(c.NameA) + " & " + first(c.NameB)
}

// Matches reports whether the couple's code, initials or names hold q, in any case: the office's
// search, run inside SQLite (kintsugi_match) so a search reads only the page it shows.
// Accents do not count: "tomas" finds Tomás, "алена" Алёна.
func (c Case) Matches(q string) bool {
	q = fold(strings.TrimSpace(q))
	for _, s := range []string{c.Code, c.Initials(), c.NameA, c.NameB, c.Title()} {
		if strings.Contains(fold(s), q) {
			return true
		}
	}
	return false
}

// fold is s in lower case without its accents (the marks that decompose off a letter), as a
// search compares names.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Admits reports whether the query lists couple c (the same rule as its SQL).
func (q ListQuery) Admits(c Case) bool {
	if q.Office && (c.Example || (q.Search == "" && c.Finished)) {
		return false
	}
	return q.Search == "" || c.Matches(q.Search)
}

// ListsBefore reports whether couple a comes before b in the list: the most recently active
// first, the newer couple first at the same moment (the order of ListLines).
func ListsBefore(a, b Case) bool {
	// As SQLite compares the stored stamps: as text.
	ta, tb := a.UpdatedAt.UTC().Format(time.RFC3339Nano), b.UpdatedAt.UTC().Format(time.RFC3339Nano)
	if ta != tb {
		return ta > tb
	}
	return a.ID > b.ID
}
