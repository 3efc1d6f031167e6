package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

const caseColumns = "id, name_a, name_b, rebuilding, start_date, paper, language, created_at, updated_at, example, code, finished, rebuilding_sealed"

// scanCase reads a couple's row. Who is rebuilding is sealed for a locked couple: until it is
// opened, it reads as the neutral value its plain column holds.
func (s *Store) scanCase(row interface{ Scan(...any) error }) (Case, error) {
	c, sealed, err := scanCaseRow(row)
	if err != nil || len(sealed) == 0 {
		return c, err
	}
	r, err := s.openText(c.ID, "case.rebuilding", "", sealed)
	if err != nil && !errIsLocked(err) {
		return c, err
	}
	if r != "" {
		c.Rebuilding = Rebuilder(r)
	}
	return c, nil
}

// scanCaseRow reads a couple's row as stored: a locked couple's role is the neutral one, and
// sealed holds the real one.
func scanCaseRow(row interface{ Scan(...any) error }) (c Case, sealed []byte, err error) {
	var rebuilding, start, created, updated string
	err = row.Scan(&c.ID, &c.NameA, &c.NameB, &rebuilding, &start, &c.Paper, &c.Language, &created, &updated, &c.Example, &c.Code, &c.Finished, &sealed)
	c.Rebuilding = Rebuilder(rebuilding)
	c.StartDate = parseDay(start)
	c.CreatedAt = parseStamp(created)
	c.UpdatedAt = parseStamp(updated)
	return c, sealed, err
}

func (c *Case) fillDefaults() {
	if c.Paper == "" {
		c.Paper = PaperA4
	}
	if c.Language == "" {
		c.Language = "en"
	}
}

// CreateCase stores a new couple and returns it with its ID.
func (s *Store) CreateCase(ctx context.Context, c Case) (Case, error) {
	c.fillDefaults()
	if err := c.Validate(); err != nil {
		return Case{}, fmt.Errorf("create case: %w", err)
	}
	now := s.stamp()
	err := s.write(ctx, 0, "create case", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			`INSERT INTO cases (name_a, name_b, rebuilding, start_date, paper, language, created_at, updated_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			c.NameA, c.NameB, string(c.Rebuilding), c.StartDate.String(), c.Paper, c.Language, now, now)
		if err != nil {
			return err
		}
		c.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return Case{}, err
	}
	return s.Case(ctx, c.ID)
}

// UpdateCase changes a couple's names, roles, start date, paper or language.
func (s *Store) UpdateCase(ctx context.Context, c Case) error {
	c.fillDefaults()
	if err := c.Validate(); err != nil {
		return fmt.Errorf("update case %d: %w", c.ID, err)
	}
	rebuilding, sealed, err := s.sealTwin(c.ID, "case.rebuilding", "", string(c.Rebuilding), string(RebuilderBoth))
	if err != nil {
		return fmt.Errorf("update case %d: %w", c.ID, err)
	}
	return s.write(ctx, c.ID, fmt.Sprintf("update case %d", c.ID), func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			`UPDATE cases SET name_a = ?, name_b = ?, rebuilding = ?, rebuilding_sealed = ?, start_date = ?, paper = ?, language = ? WHERE id = ?`,
			c.NameA, c.NameB, rebuilding, sealed, c.StartDate.String(), c.Paper, c.Language, c.ID)
		return err
	})
}

// Case returns one couple.
func (s *Store) Case(ctx context.Context, id int64) (Case, error) {
	return s.caseIn(ctx, s.db, id)
}

func (s *Store) caseIn(ctx context.Context, q queryer, id int64) (Case, error) {
	c, err := s.scanCase(q.QueryRowContext(ctx, "SELECT "+caseColumns+" FROM cases WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Case{}, fmt.Errorf("case %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Case{}, fmt.Errorf("read case %d: %w", id, err)
	}
	return c, nil
}

// Cases lists every couple, the most recently active first.
func (s *Store) Cases(ctx context.Context) ([]Case, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+caseColumns+" FROM cases ORDER BY updated_at DESC, id DESC")
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	defer rows.Close()
	var out []Case
	for rows.Next() {
		c, err := s.scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("list cases: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ExampleCase returns the example couple, and false when there is none. It is found by its mark,
// never by its names: a real couple may share them.
func (s *Store) ExampleCase(ctx context.Context) (Case, bool, error) {
	c, err := s.scanCase(s.db.QueryRowContext(ctx, "SELECT "+caseColumns+" FROM cases WHERE example = 1 ORDER BY id LIMIT 1"))
	if errors.Is(err, sql.ErrNoRows) {
		return Case{}, false, nil
	}
	if err != nil {
		return Case{}, false, fmt.Errorf("find the example couple: %w", err)
	}
	return c, true, nil
}

// DeleteCase removes a couple and everything stored for it, for good: the deleted values are
// overwritten (secure_delete) and the write-ahead log emptied; the file is compacted when much
// of it is free.
func (s *Store) DeleteCase(ctx context.Context, id int64) error {
	err := s.write(ctx, 0, fmt.Sprintf("delete case %d", id), func(tx *sql.Tx) error {
		// Signed versions refuse changes by trigger; deleting the whole couple is allowed.
		res, err := tx.ExecContext(ctx, "DELETE FROM cases WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("case %d: %w", id, ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.Forget(id)
	if err := s.scrub(ctx); err != nil {
		return err
	}
	// The deleted values are overwritten where they were and the log is empty: nothing of the
	// couple is left to read. Rewriting the whole file only gives the space back, and with
	// hundreds of couples it took seconds, the window waiting; free pages are used again by
	// the next writes, so the file is compacted only once a good part of it is free.
	var free, pages int
	if err := s.db.QueryRowContext(ctx, "SELECT (SELECT freelist_count FROM pragma_freelist_count), (SELECT page_count FROM pragma_page_count)").Scan(&free, &pages); err != nil {
		return fmt.Errorf("delete case %d: free space: %w", id, err)
	}
	if 4*free <= pages {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("delete case %d: reclaim space: %w", id, err)
	}
	return s.scrub(ctx)
}

// SaveIncident stores what happened.
func (s *Store) SaveIncident(ctx context.Context, in Incident) error {
	desc, err := s.sealText(in.CaseID, "incident.description", "", in.Description)
	if err != nil {
		return fmt.Errorf("save incident: %w", err)
	}
	causes, err := s.sealShape(in.CaseID, "incident.causes", "", strings.Join(in.Causes, ","))
	if err != nil {
		return fmt.Errorf("save incident: %w", err)
	}
	return s.write(ctx, in.CaseID, "save incident", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			`INSERT INTO incidents (case_id, causes, description, date) VALUES (?, ?, ?, ?)
			 ON CONFLICT (case_id) DO UPDATE SET causes = excluded.causes, description = excluded.description, date = excluded.date`,
			in.CaseID, causes, desc, in.Date.String())
		return err
	})
}

// Incident returns what happened, empty if nothing was recorded.
func (s *Store) Incident(ctx context.Context, caseID int64) (Incident, error) {
	return s.incidentIn(ctx, s.db, caseID)
}

func (s *Store) incidentIn(ctx context.Context, q queryer, caseID int64) (Incident, error) {
	in := Incident{CaseID: caseID}
	var date string
	var rawCauses any
	var desc []byte
	err := q.QueryRowContext(ctx, "SELECT causes, description, date FROM incidents WHERE case_id = ?", caseID).Scan(&rawCauses, &desc, &date)
	if errors.Is(err, sql.ErrNoRows) {
		return in, nil
	}
	if err != nil {
		return in, fmt.Errorf("read incident: %w", err)
	}
	causes, err := s.openShape(caseID, "incident.causes", "", rawCauses)
	if err != nil {
		return in, fmt.Errorf("read incident: %w", err)
	}
	if causes != "" {
		in.Causes = strings.Split(causes, ",")
	}
	in.Date = parseDay(date)
	if in.Description, err = s.openText(caseID, "incident.description", "", desc); err != nil {
		return in, fmt.Errorf("read incident: %w", err)
	}
	return in, nil
}
