package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"kintsugi/couple"
)

// Summary is what the list of couples needs to say how far a couple has come, and nothing
// more: counts and yes/no facts, never what anybody wrote. A locked couple's summary holds only
// its case row and Locked: where a locked couple is, is theirs to know.
type Summary struct {
	Case   Case
	Locked bool

	Decisions           map[string]int  // decision key -> how many partners made it
	IncidentCauses      bool            // what happened: causes chosen
	IncidentDescription bool            // ... described
	IncidentDate        bool            // ... dated
	Answered            map[string]bool // AnswerKey(partner, question) -> answered
	SharedText          map[string]bool // AnswerKey -> shared with text; true when not blank
	RuleAcks            int
	StepsDone           map[string]bool
	Commitments         int
	Agreed              int             // commitments both partners agreed to
	AgreedCatalog       map[string]bool // catalog IDs of those
	LetterStatus        string
	LetterWritten       bool
	Signatures          int  // on the latest agreement version
	Signed              bool // that version is signed by both and says what they signed (couple.Agreement.Signed)
	NewestSignedAltered bool // the newest version both signed was changed afterwards (couple.NewestSigned)
	HasAgreement        bool
	CheckIns            int

	// What is due depends on today, so the summary keeps the dates it is judged by
	// (couple.DueFor): the newest version both signed, and the agreed commitments that have a
	// review date, oldest first.
	HasSigned    bool
	SignedStart  Date
	SignedReview Date
	Reviews      []Review
}

// Review is an agreed commitment's review date, as a summary keeps it.
type Review struct {
	CommitmentID int64
	CatalogID    string
	Date         Date
}

// DueIn is what couple.DueFor needs of a summary besides today and this week's check-in.
func (s Summary) DueIn() (signed *Agreement, altered bool, reviews []Commitment) {
	if s.HasSigned {
		signed = &Agreement{CaseID: s.Case.ID, StartDate: s.SignedStart, ReviewDate: s.SignedReview,
			Signatures: []Signature{{Partner: PartnerA}, {Partner: PartnerB}}}
	}
	for _, r := range s.Reviews {
		reviews = append(reviews, Commitment{ID: r.CommitmentID, CaseID: s.Case.ID, CatalogID: r.CatalogID, ReviewDate: r.Date, AgreedA: true, AgreedB: true})
	}
	return signed, s.NewestSignedAltered, reviews
}

// AnswerKey names one partner's answer to one question in Summary.Answered.
func AnswerKey(p Partner, questionID string) string { return string(p) + "/" + questionID }

func newSummary(c Case) Summary {
	return Summary{Case: c, Decisions: map[string]int{}, Answered: map[string]bool{}, SharedText: map[string]bool{},
		StepsDone: map[string]bool{}, AgreedCatalog: map[string]bool{}, LetterStatus: LetterDraft}
}

// RitualPlanned reports whether the couple's plan for a ritual prompt is written: the first of
// first and the other partner to have shared a text decides (as app.RitualPlan reads it).
func (s Summary) RitualPlanned(first Partner, promptID string) bool {
	for _, p := range []Partner{first, first.Other()} {
		if notBlank, ok := s.SharedText[AnswerKey(p, promptID)]; ok {
			return notBlank
		}
	}
	return false
}

// SummaryOf is the summary of a couple read whole; the list and the couple's own screens thus
// judge progress by the same facts.
func SummaryOf(d *Dossier) Summary {
	s := newSummary(d.Case)
	for _, x := range d.Decisions {
		if x.Value != "" {
			s.Decisions[x.Key]++
		}
	}
	s.IncidentCauses = len(d.Incident.Causes) > 0
	s.IncidentDescription = strings.TrimSpace(d.Incident.Description) != ""
	s.IncidentDate = !d.Incident.Date.IsZero()
	for _, a := range d.Answers {
		if a.Protected || a.Lost || strings.TrimSpace(a.Text) != "" { // a lost answer was written
			s.Answered[AnswerKey(a.Partner, a.QuestionID)] = true
		}
		if a.Shared && a.Text != "" {
			s.SharedText[AnswerKey(a.Partner, a.QuestionID)] = strings.TrimSpace(a.Text) != ""
		}
	}
	s.RuleAcks = len(d.RuleAcks)
	for _, sp := range d.Steps {
		if !sp.DoneOn.IsZero() {
			s.StepsDone[sp.StepID] = true
		}
	}
	s.Commitments = len(d.Commitments)
	for _, cm := range d.Commitments {
		if cm.Agreed() {
			s.Agreed++
			if cm.CatalogID != "" {
				s.AgreedCatalog[cm.CatalogID] = true
			}
		}
	}
	s.LetterStatus = d.Letter.Status
	s.LetterWritten = strings.TrimSpace(d.Letter.Text) != ""
	if a := d.LatestAgreement(); a != nil {
		s.HasAgreement, s.Signatures, s.Signed = true, len(a.Signatures), a.Signed()
	}
	signed, altered := couple.NewestSigned(d.Agreements)
	s.NewestSignedAltered = altered
	if signed != nil {
		s.HasSigned, s.SignedStart, s.SignedReview = true, signed.StartDate, signed.ReviewDate
	}
	for _, cm := range d.Commitments {
		if cm.Agreed() && !cm.ReviewDate.IsZero() {
			s.Reviews = append(s.Reviews, Review{CommitmentID: cm.ID, CatalogID: cm.CatalogID, Date: cm.ReviewDate})
		}
	}
	slices.SortFunc(s.Reviews, func(a, b Review) int { return cmp.Compare(a.CommitmentID, b.CommitmentID) })
	s.CheckIns = len(d.CheckIns)
	return s
}

// notBlank is true for a stored text that is more than white space. Texts are stored as they
// were typed (sealed only for locked couples, which summaries never read).
const notBlank = "length(trim(CAST(%s AS TEXT), ' ' || char(9, 10, 13))) > 0"

// Summaries lists every couple, the most recently active first, each with its summary: one
// query over the cases and their kept summaries (case_summaries, kept up to date by every
// write), whatever the number of couples, and no couple's full record. Locked couples' data is
// not read at all.
func (s *Store) Summaries(ctx context.Context) ([]Summary, error) {
	out, err := s.summaries(ctx, 0)
	if err != nil {
		return nil, fmt.Errorf("list couples with progress: %w", err)
	}
	return out, nil
}

// SummaryOfCase is one couple's summary, as Summaries gives it.
func (s *Store) SummaryOfCase(ctx context.Context, caseID int64) (Summary, error) {
	out, err := s.summaries(ctx, caseID)
	if err != nil {
		return Summary{}, fmt.Errorf("read case %d's progress: %w", caseID, err)
	}
	if len(out) == 0 {
		return Summary{}, fmt.Errorf("case %d: %w", caseID, ErrNotFound)
	}
	return out[0], nil
}

// FreshSummaries is every couple's summary computed afresh from the couples' records, not
// from the kept ones: what a kept summary must always equal (tests compare the two).
func (s *Store) FreshSummaries(ctx context.Context) ([]Summary, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("compute summaries: %w", err)
	}
	defer tx.Rollback()
	out, _, err := listCases(ctx, tx, 0, false)
	if err != nil {
		return nil, fmt.Errorf("compute summaries: %w", err)
	}
	index := map[int64]*Summary{}
	for i := range out {
		if !out[i].Locked {
			index[out[i].Case.ID] = &out[i]
		}
	}
	if err := s.computeFacts(ctx, tx, index); err != nil {
		return nil, fmt.Errorf("compute summaries: %w", err)
	}
	return out, nil
}

func (s *Store) summaries(ctx context.Context, only int64) ([]Summary, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out, kept, err := listCases(ctx, tx, only, true)
	if err != nil {
		return nil, err
	}
	// A summary not kept (marked stale and not yet recomputed) is computed here, the slow way.
	missing := map[int64]*Summary{}
	for i := range out {
		if !out[i].Locked && !kept[i] {
			missing[out[i].Case.ID] = &out[i]
		}
	}
	if len(missing) > 0 {
		if err := s.computeFacts(ctx, tx, missing); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// listCases reads the cases (or the one asked for), the most recently active first, each marked
// locked or not and, with withKept, with its kept summary when there is a fresh one (kept[i]).
func listCases(ctx context.Context, tx *sql.Tx, only int64, withKept bool) (out []Summary, isKept []bool, err error) {
	where, args := "", []any{}
	if only != 0 {
		where, args = " WHERE cases.id = ?", []any{only}
	}
	kept := "NULL, NULL FROM cases"
	if withKept {
		kept = "ks.facts, ks.due FROM cases LEFT JOIN case_summaries AS ks ON ks.case_id = cases.id" +
			" AND NOT EXISTS (SELECT 1 FROM summaries_stale WHERE summaries_stale.case_id = cases.id)"
	}
	rows, err := tx.QueryContext(ctx, "SELECT "+caseColumns+", EXISTS (SELECT 1 FROM locks WHERE locks.case_id = cases.id), "+
		kept+where+" ORDER BY updated_at DESC, id DESC", args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var locked bool
		var f, due sql.NullString
		c, _, err := scanCaseRow(rowWith{rows, []any{&locked, &f, &due}}) // the list shows no role
		if err != nil {
			return nil, nil, err
		}
		sm := newSummary(c)
		sm.Locked = locked
		ok := !locked && f.Valid && sm.decodeFacts(f.String) && sm.decodeDue(due.String)
		if !ok && !locked && f.Valid {
			sm = newSummary(c) // half decoded: start again from the records
			sm.Locked = locked
		}
		out, isKept = append(out, sm), append(isKept, ok)
	}
	return out, isKept, rows.Err()
}

// refreshSummaries recomputes, inside a write's transaction, the summary of every couple the
// write marked stale, so the kept summaries are committed with the change that moved them. A
// locked couple keeps none; a deleted one has none.
func (s *Store) refreshSummaries(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT summaries_stale.case_id, cases.id IS NOT NULL,
		EXISTS (SELECT 1 FROM locks WHERE locks.case_id = summaries_stale.case_id), coalesce(cases.rebuilding, '')
		FROM summaries_stale LEFT JOIN cases ON cases.id = summaries_stale.case_id`)
	if err != nil {
		return fmt.Errorf("keep the list's summaries: %w", err)
	}
	index := map[int64]*Summary{}
	var gone []int64
	for rows.Next() {
		var id int64
		var exists, locked bool
		var rebuilding string
		if err := rows.Scan(&id, &exists, &locked, &rebuilding); err != nil {
			rows.Close()
			return fmt.Errorf("keep the list's summaries: %w", err)
		}
		if exists && !locked {
			sm := newSummary(Case{ID: id, Rebuilding: Rebuilder(rebuilding)})
			index[id] = &sm
		} else {
			gone = append(gone, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("keep the list's summaries: %w", err)
	}
	if len(index)+len(gone) == 0 {
		return nil
	}
	if len(index) > 0 {
		if err := s.computeFacts(ctx, tx, index); err != nil {
			return fmt.Errorf("keep the list's summaries: %w", err)
		}
	}
	for id, sm := range index {
		facts, ok := sm.encodeFacts()
		due, dueOK := sm.encodeDue()
		if !ok || !dueOK {
			gone = append(gone, id) // computed by the list from the records
			continue
		}
		step, judge := "", ""
		if s.judge.Step != nil {
			step, judge = s.judge.Step(*sm), s.judge.Version
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO case_summaries (case_id, facts, step, judge, due) VALUES (?, ?, ?, ?, ?)",
			id, facts, step, judge, due); err != nil {
			return fmt.Errorf("keep the list's summaries: %w", err)
		}
	}
	for _, id := range gone {
		if _, err := tx.ExecContext(ctx, "DELETE FROM case_summaries WHERE case_id = ?", id); err != nil {
			return fmt.Errorf("keep the list's summaries: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM summaries_stale"); err != nil {
		return fmt.Errorf("keep the list's summaries: %w", err)
	}
	return nil
}

// computeFacts fills the summaries in index from the couples' records: a handful of grouped
// queries, each reading one table for every couple, or only for the one couple when index
// holds one (a write's, or a line's).
func (s *Store) computeFacts(ctx context.Context, tx *sql.Tx, index map[int64]*Summary) error {
	only := int64(0)
	if len(index) == 1 {
		for id := range index {
			only = id
		}
	}
	filter := " WHERE case_id NOT IN (SELECT case_id FROM locks)"
	if only != 0 {
		filter += " AND case_id = ?"
	}
	type query struct {
		sql  string
		scan func(sm *Summary, rows *sql.Rows) error
	}
	queries := []query{
		{"SELECT case_id, key, count(*) FROM decisions" + filter + " AND value <> '' GROUP BY case_id, key",
			func(sm *Summary, r *sql.Rows) error {
				var key string
				var n int
				err := r.Scan(new(int64), &key, &n)
				sm.Decisions[key] = n
				return err
			}},
		{"SELECT case_id, causes <> '', " + fmt.Sprintf(notBlank, "description") + ", date <> '' FROM incidents" + filter,
			func(sm *Summary, r *sql.Rows) error {
				return r.Scan(new(int64), &sm.IncidentCauses, &sm.IncidentDescription, &sm.IncidentDate)
			}},
		{"SELECT case_id, partner, question_id, shared AND NOT pin_sealed AND length(CAST(body AS TEXT)) > 0, pin_sealed OR " +
			fmt.Sprintf(notBlank, "body") + " FROM answers" + filter,
			func(sm *Summary, r *sql.Rows) error {
				var p, q string
				var sharedText, answered bool
				err := r.Scan(new(int64), &p, &q, &sharedText, &answered)
				key := AnswerKey(Partner(p), q)
				if answered {
					sm.Answered[key] = true
				}
				if sharedText {
					sm.SharedText[key] = answered
				}
				return err
			}},
		{"SELECT case_id, count(*) FROM rule_acks" + filter + " GROUP BY case_id",
			func(sm *Summary, r *sql.Rows) error { return r.Scan(new(int64), &sm.RuleAcks) }},
		{"SELECT case_id, step_id FROM steps" + filter + " AND done_on <> ''",
			func(sm *Summary, r *sql.Rows) error {
				var id string
				err := r.Scan(new(int64), &id)
				sm.StepsDone[id] = true
				return err
			}},
		{"SELECT case_id, count(*), coalesce(sum(agreed_a AND agreed_b), 0) FROM commitments" + filter + " GROUP BY case_id",
			func(sm *Summary, r *sql.Rows) error { return r.Scan(new(int64), &sm.Commitments, &sm.Agreed) }},
		{"SELECT case_id, catalog_id FROM commitments" + filter + " AND agreed_a AND agreed_b AND catalog_id <> ''",
			func(sm *Summary, r *sql.Rows) error {
				var id string
				err := r.Scan(new(int64), &id)
				sm.AgreedCatalog[id] = true
				return err
			}},
		{"SELECT case_id, status, " + fmt.Sprintf(notBlank, "body") + " FROM letters" + filter,
			func(sm *Summary, r *sql.Rows) error { return r.Scan(new(int64), &sm.LetterStatus, &sm.LetterWritten) }},
		{`SELECT case_id, 1, (SELECT count(*) FROM signatures WHERE agreement_id = agreements.id) FROM agreements` + filter +
			` AND version = (SELECT max(version) FROM agreements AS later WHERE later.case_id = agreements.case_id)`,
			func(sm *Summary, r *sql.Rows) error { return r.Scan(new(int64), &sm.HasAgreement, &sm.Signatures) }},
		{"SELECT case_id, count(*) FROM checkins" + filter + " GROUP BY case_id",
			func(sm *Summary, r *sql.Rows) error { return r.Scan(new(int64), &sm.CheckIns) }},
		{`SELECT case_id, start_date, review_date FROM agreements AS a` + filter +
			` AND (SELECT count(*) FROM signatures WHERE agreement_id = a.id) = 2 ORDER BY case_id, version`,
			func(sm *Summary, r *sql.Rows) error { // the last row of a couple is its newest signed version
				var start, review string
				err := r.Scan(new(int64), &start, &review)
				sm.HasSigned, sm.SignedStart, sm.SignedReview = true, parseDay(start), parseDay(review)
				return err
			}},
		{"SELECT case_id, id, catalog_id, review_date FROM commitments" + filter + " AND agreed_a AND agreed_b AND review_date <> '' ORDER BY case_id, id",
			func(sm *Summary, r *sql.Rows) error {
				var rv Review
				var date string
				err := r.Scan(new(int64), &rv.CommitmentID, &rv.CatalogID, &date)
				rv.Date = parseDay(date)
				sm.Reviews = append(sm.Reviews, rv)
				return err
			}},
	}
	for _, q := range queries {
		if err := scanEach(ctx, tx, q.sql, only, index, q.scan); err != nil {
			return err
		}
	}
	return s.judgeSigned(ctx, tx, index)
}

// judgeSigned reads, for each couple with a version both partners signed, the newest such
// version whole and asks the couple's rule whether it still says what was signed (SQL cannot
// check a digest): a version changed after both signed is never counted as signed, and what is
// due for the couple (app.ListCouples) is judged from this kept verdict.
func (s *Store) judgeSigned(ctx context.Context, tx *sql.Tx, index map[int64]*Summary) error {
	for id, sm := range index {
		if !sm.HasAgreement {
			continue
		}
		var agreement int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM agreements AS a WHERE case_id = ?
			AND (SELECT count(*) FROM signatures WHERE agreement_id = a.id) = 2 ORDER BY version DESC LIMIT 1`, id).Scan(&agreement)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return err
		}
		a, err := s.agreementIn(ctx, tx, id, agreement)
		if err != nil {
			return err
		}
		_, sm.NewestSignedAltered = couple.NewestSigned([]Agreement{a})
		sm.Signed = sm.Signatures >= 2 && a.Signed() // the latest version is the newest signed one
	}
	return nil
}

// scanEach runs query and hands each row to scan with its couple's summary; the first column
// is the case ID.
func scanEach(ctx context.Context, tx *sql.Tx, query string, only int64, index map[int64]*Summary, scan func(*Summary, *sql.Rows) error) error {
	var args []any
	if only != 0 {
		args = append(args, only)
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.ColumnTypes()
	if err != nil {
		return err
	}
	id := make([]any, len(cols))
	for rows.Next() {
		// Peek at the case ID first: the scan functions ignore it.
		var caseID int64
		id[0] = &caseID
		for i := 1; i < len(id); i++ {
			id[i] = new(any)
		}
		if err := rows.Scan(id...); err != nil {
			return err
		}
		sm := index[caseID]
		if sm == nil {
			continue
		}
		if err := scan(sm, rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// rowWith scans a case row followed by more columns.
type rowWith struct {
	rows  *sql.Rows
	extra []any
}

func (r rowWith) Scan(dest ...any) error { return r.rows.Scan(append(dest, r.extra...)...) }
