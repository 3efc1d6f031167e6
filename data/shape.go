package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// A locked couple's shape (the causes chosen, who is rebuilding, trust scores, daily marks,
// decisions, and the catalog IDs, codes, amounts, units and costs of commitments and agreement
// items) is sealed like its words: together they tell much about the couple, and let most of
// the agreement be rebuilt from the catalog. A couple without a lock keeps them plain, so the
// list of couples can sum up its progress; a locked one shows no progress in the list anyway.
//
// Most are sealed in place: the column holds a BLOB instead of its text or number (SQLite keeps
// a BLOB as it is in any column). A column that only takes a few known values (its CHECK would
// refuse a BLOB) has a sealed twin, and then holds the same neutral value for every locked couple.
type shapeColumn struct {
	table, column, field, scope, row string
	// plain and neutral are set for a sealed twin: plain is the checked column, which holds
	// neutral while the value is sealed in column.
	plain   string
	neutral any
}

const agreementScope = "agreement_id IN (SELECT id FROM agreements WHERE case_id = ?)"

var shapeColumns = []shapeColumn{
	{table: "cases", column: "rebuilding_sealed", field: "case.rebuilding", scope: "id = ?", row: "''", plain: "rebuilding", neutral: string(RebuilderBoth)},
	{table: "incidents", column: "causes", field: "incident.causes", scope: "case_id = ?", row: "''"},
	{table: "checkins", column: "trust_sealed", field: "checkin.trust", scope: "case_id = ?", row: "CAST(week AS TEXT)", plain: "trust", neutral: -1},
	{table: "marks", column: "mark_sealed", field: "mark", scope: "case_id = ?", row: "commitment_id || '/' || day", plain: "mark", neutral: string(MarkNA)},
	{table: "week_counts", column: "times", field: "week_count", scope: "case_id = ?", row: "commitment_id || '/' || week"},
	{table: "decisions", column: "value", field: "decision", scope: "case_id = ?", row: "key || '/' || partner"},
	{table: "commitments", column: "catalog_id", field: "commitment.catalog_id", scope: "case_id = ?", row: "CAST(id AS TEXT)"},
	{table: "commitments", column: "param", field: "commitment.param", scope: "case_id = ?", row: "CAST(id AS TEXT)"},
	{table: "commitments", column: "cost", field: "commitment.cost", scope: "case_id = ?", row: "CAST(id AS TEXT)"},
	{table: "agreement_items", column: "catalog_id", field: "agreement.catalog_id", scope: agreementScope, row: "agreement_id || '/' || position"},
	{table: "agreement_items", column: "code", field: "agreement.code", scope: agreementScope, row: "agreement_id || '/' || position"},
	{table: "agreement_items", column: "param", field: "agreement.param", scope: agreementScope, row: "agreement_id || '/' || position"},
	{table: "agreement_items", column: "unit", field: "agreement.unit", scope: agreementScope, row: "agreement_id || '/' || position"},
	{table: "agreement_items", column: "cost", field: "agreement.cost", scope: agreementScope, row: "agreement_id || '/' || position"},
}

// Row keys of the shape columns, as the store's code passes them (a test checks they agree with
// the row expressions above).

func markRow(commitmentID int64, day string) string {
	return strconv.FormatInt(commitmentID, 10) + "/" + day
}

func countRow(commitmentID int64, week int) string {
	return strconv.FormatInt(commitmentID, 10) + "/" + strconv.Itoa(week)
}

func decisionRow(key string, p Partner) string { return key + "/" + string(p) }

// shapeKey returns the key that seals a couple's shape, or nil when it stays plain: the couple
// has no lock, or the store uses a sealer of its own.
func (s *Store) shapeKey(caseID int64) (*Cipher, error) {
	if s.locks == nil {
		return nil, nil
	}
	return s.locks.cipherFor(caseID)
}

// sealShape returns what to store for v in an in-place shape column: v itself for a couple
// without a lock, or v sealed bound to its row.
func (s *Store) sealShape(caseID int64, field, row string, v any) (any, error) {
	c, err := s.shapeKey(caseID)
	if err != nil {
		return nil, fmt.Errorf("seal %s: %w", field, err)
	}
	if c == nil {
		return v, nil
	}
	b, err := sealRow(c, caseID, field, row, []byte(fmt.Sprint(v)))
	if err != nil {
		return nil, fmt.Errorf("seal %s: %w", field, err)
	}
	return b, nil
}

// sealTwin returns what to store in a checked column and its sealed twin: v and nothing for a
// couple without a lock, the neutral value and v sealed for a locked one.
func (s *Store) sealTwin(caseID int64, field, row string, v, neutral any) (plain any, sealed []byte, err error) {
	c, err := s.shapeKey(caseID)
	if err != nil {
		return nil, nil, fmt.Errorf("seal %s: %w", field, err)
	}
	if c == nil {
		return v, nil, nil
	}
	if sealed, err = sealRow(c, caseID, field, row, []byte(fmt.Sprint(v))); err != nil {
		return nil, nil, fmt.Errorf("seal %s: %w", field, err)
	}
	return neutral, sealed, nil
}

// openShape reads a shape value as text: a plain one as it is, a sealed one opened (a damaged
// one reads as empty and is listed by Damaged, like every sealed value).
func (s *Store) openShape(caseID int64, field, row string, v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case []byte:
		return s.openText(caseID, field, row, x)
	case string:
		return x, nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	default:
		return fmt.Sprint(x), nil
	}
}

// openShapeInt reads a number stored as a shape value.
func (s *Store) openShapeInt(caseID int64, field, row string, v any) (int, error) {
	t, err := s.openShape(caseID, field, row, v)
	if err != nil || t == "" {
		return 0, err
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", field, err)
	}
	return n, nil
}

// openTwin reads a checked column and its twin: the twin when it holds a sealed value.
func (s *Store) openTwin(caseID int64, field, row string, plain any, sealed []byte) (string, error) {
	if len(sealed) > 0 {
		return s.openText(caseID, field, row, sealed)
	}
	return s.openShape(caseID, field, row, plain)
}

// resealShape seals every shape value of a couple under next, inside tx: a sealed one is opened
// with old first, a plain one (a couple being locked, or one locked before its shape was
// sealed) is taken as it is.
func resealShape(ctx context.Context, tx *sql.Tx, caseID int64, col shapeColumn, old, next *Cipher) error {
	plainExpr := "NULL"
	if col.plain != "" {
		plainExpr = col.plain
	}
	rows, err := tx.QueryContext(ctx, fmt.Sprintf("SELECT rowid, %s, %s, %s FROM %s WHERE %s",
		col.column, plainExpr, col.row, col.table, col.scope), caseID)
	if err != nil {
		return err
	}
	type cell struct {
		rowid        int64
		value, plain any
		row          string
	}
	var cells []cell
	for rows.Next() {
		var c cell
		if err := rows.Scan(&c.rowid, &c.value, &c.plain, &c.row); err != nil {
			rows.Close()
			return err
		}
		cells = append(cells, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range cells {
		var text []byte
		switch v := c.value.(type) {
		case nil: // a twin not sealed yet: the value is in the checked column
			text = []byte(fmt.Sprint(c.plain))
		case []byte:
			if old != nil {
				text, err = openRow(old, caseID, col.field, c.row, v)
			} else {
				text, err = unmarkPlain(v)
			}
			if err != nil {
				return valueError(col.field, c.row, err)
			}
		default:
			text = []byte(fmt.Sprint(v))
		}
		sealed, err := sealRow(next, caseID, col.field, c.row, text)
		if err != nil {
			return err
		}
		if col.plain != "" {
			_, err = tx.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET %s = ?, %s = ? WHERE rowid = ?", col.table, col.column, col.plain),
				sealed, col.neutral, c.rowid)
		} else {
			_, err = tx.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET %s = ? WHERE rowid = ?", col.table, col.column), sealed, c.rowid)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// unsealedShape counts a locked couple's shape values still plain: those of a couple locked
// before Kintsugi sealed the shape (schema 12), which are sealed at its next unlock.
func (s *Store) unsealedShape(ctx context.Context, caseID int64) (int, error) {
	total := 0
	for _, col := range shapeColumns {
		var n int
		q := fmt.Sprintf("SELECT count(*) FROM %s WHERE (%s) AND typeof(%s) <> 'blob'", col.table, col.scope, col.column)
		if err := s.db.QueryRowContext(ctx, q, caseID).Scan(&n); err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// errIsLocked tells a couple not opened yet from a real failure, where a read can go on without
// the sealed value (the list of couples reads who is rebuilding).
func errIsLocked(err error) bool { return errors.Is(err, ErrLocked) }
