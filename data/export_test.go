package data

import (
	"fmt"
	"strings"
	"time"
)

// SetScrubWait lets tests wait less for a reader that will not finish; it returns the old wait.
func SetScrubWait(d time.Duration) time.Duration {
	old := scrubWait
	scrubWait = d
	return old
}

// SealLikeBefore re-seals an unlocked couple's values the way Kintsugi did before row binding
// (KSG1, bound to couple and column only), for tests of what older databases hold.
func SealLikeBefore(st *Store, caseID int64) error {
	c := st.locks.get(caseID)
	if c == nil {
		return ErrLocked
	}
	if _, err := st.db.Exec("INSERT INTO resealing (active) VALUES (1)"); err != nil {
		return err
	}
	defer st.db.Exec("DELETE FROM resealing")
	for _, col := range sealedColumns {
		rows, err := st.db.Query(fmt.Sprintf("SELECT rowid, %s, %s FROM %s WHERE %s", col.column, col.row, col.table, col.scope), caseID)
		if err != nil {
			return err
		}
		type cell struct {
			id    int64
			value []byte
			row   string
		}
		var cells []cell
		for rows.Next() {
			var x cell
			if err := rows.Scan(&x.id, &x.value, &x.row); err != nil {
				rows.Close()
				return err
			}
			cells = append(cells, x)
		}
		rows.Close()
		for _, x := range cells {
			if len(x.value) == 0 {
				continue
			}
			plain, err := openRow(c, caseID, col.field, x.row, x.value)
			if err != nil {
				return err
			}
			old, err := c.Seal(plain, aad(caseID, col.field))
			if err != nil {
				return err
			}
			if _, err := st.db.Exec(fmt.Sprintf("UPDATE %s SET %s = ? WHERE rowid = ?", col.table, col.column), old, x.id); err != nil {
				return err
			}
		}
	}
	return nil
}

// ShapeLikeBefore turns an unlocked, locked couple's database back into what a lock made
// before schema 12 left: the couple's shape in plain text and no sealed twins, at the schema
// before the one that seals the shape. The store is closed afterwards.
func ShapeLikeBefore(st *Store, caseID int64) error {
	c := st.locks.get(caseID)
	if c == nil {
		return ErrLocked
	}
	if _, err := st.db.Exec("INSERT INTO resealing (active) VALUES (1)"); err != nil {
		return err
	}
	for _, col := range shapeColumns {
		rows, err := st.db.Query(fmt.Sprintf("SELECT rowid, %s, %s FROM %s WHERE %s", col.column, col.row, col.table, col.scope), caseID)
		if err != nil {
			return err
		}
		type cell struct {
			id    int64
			value []byte
			row   string
		}
		var cells []cell
		for rows.Next() {
			var x cell
			if err := rows.Scan(&x.id, &x.value, &x.row); err != nil {
				rows.Close()
				return err
			}
			cells = append(cells, x)
		}
		rows.Close()
		for _, x := range cells {
			plain, err := openRow(c, caseID, col.field, x.row, x.value)
			if err != nil {
				return err
			}
			q := fmt.Sprintf("UPDATE %s SET %s = ? WHERE rowid = ?", col.table, col.column)
			if col.plain != "" {
				q = fmt.Sprintf("UPDATE %s SET %s = ?, %s = NULL WHERE rowid = ?", col.table, col.plain, col.column)
			}
			if _, err := st.db.Exec(q, string(plain), x.id); err != nil {
				return err
			}
		}
	}
	if _, err := st.db.Exec("DELETE FROM resealing"); err != nil {
		return err
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	before := 0
	for _, m := range ms {
		if strings.HasSuffix(m.name, "_sealed_shape.sql") {
			before = m.version - 1
		}
	}
	for _, q := range []string{"ALTER TABLE cases DROP COLUMN rebuilding_sealed", "ALTER TABLE checkins DROP COLUMN trust_sealed",
		"ALTER TABLE marks DROP COLUMN mark_sealed", "ALTER TABLE pins DROP COLUMN wrapped", // and the migrations after it
		fmt.Sprintf("PRAGMA user_version = %d", before)} {
		if _, err := st.db.Exec(q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return st.Close()
}

// SetAfterLockCommit sets what runs between a lock's commit and its wipe of the log.
func SetAfterLockCommit(f func()) { afterLockCommit = f }

// LockLikeBeforeDigests makes an unlocked couple's lock look as Kintsugi made it before digests
// of signed agreements: no digests, and the lock's first check value.
func LockLikeBeforeDigests(st *Store, caseID int64) error {
	c := st.locks.get(caseID)
	if c == nil {
		return ErrLocked
	}
	check, err := c.Seal([]byte(checkPlain), aad(caseID, "check"))
	if err != nil {
		return err
	}
	if _, err := st.db.Exec("DELETE FROM agreement_digests WHERE agreement_id IN (SELECT id FROM agreements WHERE case_id = ?)", caseID); err != nil {
		return err
	}
	_, err = st.db.Exec("UPDATE locks SET check_value = ? WHERE case_id = ?", check, caseID)
	return err
}

// PINLikeBefore turns an unlocked, locked couple's database back into what a lock made before
// schema 15 left: each PIN's check value sealed with the PIN's key alone, at the schema before
// the one that wraps it. The store is closed afterwards.
func PINLikeBefore(st *Store, caseID int64) error {
	c := st.locks.get(caseID)
	if c == nil {
		return ErrLocked
	}
	rows, err := st.db.Query("SELECT partner, check_value FROM pins WHERE case_id = ? AND wrapped = 1", caseID)
	if err != nil {
		return err
	}
	checks := map[string][]byte{}
	for rows.Next() {
		var p string
		var check []byte
		if err := rows.Scan(&p, &check); err != nil {
			rows.Close()
			return err
		}
		checks[p] = check
	}
	rows.Close()
	for p, check := range checks {
		inner, err := openRow(c, caseID, pinCheckField, p, check)
		if err != nil {
			return err
		}
		if _, err := st.db.Exec("UPDATE pins SET check_value = ?, wrapped = 0 WHERE case_id = ? AND partner = ?", inner, caseID, p); err != nil {
			return err
		}
	}
	for _, q := range []string{"ALTER TABLE pins DROP COLUMN wrapped", fmt.Sprintf("PRAGMA user_version = %d", versionOf("_pin_wrapped.sql")-1)} {
		if _, err := st.db.Exec(q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return st.Close()
}

func versionOf(suffix string) int {
	ms, _ := migrations()
	for _, m := range ms {
		if strings.HasSuffix(m.name, suffix) {
			return m.version
		}
	}
	return 0
}
