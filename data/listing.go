package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
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
	Signatures          int // on the latest agreement version
	HasAgreement        bool
	CheckIns            int
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
		if a.Protected || strings.TrimSpace(a.Text) != "" {
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
		s.HasAgreement, s.Signatures = true, len(a.Signatures)
	}
	s.CheckIns = len(d.CheckIns)
	return s
}

// notBlank is true for a stored text that is more than white space. Texts are stored as they
// were typed (sealed only for locked couples, which summaries never read).
const notBlank = "length(trim(CAST(%s AS TEXT), ' ' || char(9, 10, 13))) > 0"

// Summaries lists every couple, the most recently active first, each with its summary: a
// handful of grouped queries in one read transaction, whatever the number of couples, and no
// couple's full record. Locked couples' data is not read at all.
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

func (s *Store) summaries(ctx context.Context, only int64) ([]Summary, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	where, args := "", []any{}
	if only != 0 {
		where, args = " WHERE id = ?", []any{only}
	}
	rows, err := tx.QueryContext(ctx, "SELECT "+caseColumns+", EXISTS (SELECT 1 FROM locks WHERE locks.case_id = cases.id) FROM cases"+
		where+" ORDER BY updated_at DESC, id DESC", args...)
	if err != nil {
		return nil, err
	}
	var out []Summary
	index := map[int64]*Summary{}
	for rows.Next() {
		var locked bool
		c, err := scanCase(rowWith{rows, &locked})
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, newSummary(c))
		out[len(out)-1].Locked = locked
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if !out[i].Locked {
			index[out[i].Case.ID] = &out[i]
		}
	}
	// Each query reads one small table for every open couple (or the one asked for).
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
	}
	for _, q := range queries {
		if err := scanEach(ctx, tx, q.sql, only, index, q.scan); err != nil {
			return nil, err
		}
	}
	return out, nil
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

// rowWith scans a case row followed by one more column.
type rowWith struct {
	rows  *sql.Rows
	extra any
}

func (r rowWith) Scan(dest ...any) error { return r.rows.Scan(append(dest, r.extra)...) }
