package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Written reports whether a check-in says anything: a trust rating or a note. The list reads
// the same test in SQL (checkInWritten); keep the two alike.
func (c CheckIn) Written() bool {
	return c.Trust >= 0 || strings.TrimSpace(c.WentWell+c.WasHard+c.Appreciated) != ""
}

var checkInWritten = "(trust >= 0 OR " + fmt.Sprintf(notBlank, "went_well") + " OR " +
	fmt.Sprintf(notBlank, "was_hard") + " OR " + fmt.Sprintf(notBlank, "appreciated") + ")"

// each runs a query and hands every row to scan.
func each(ctx context.Context, tx *sql.Tx, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
