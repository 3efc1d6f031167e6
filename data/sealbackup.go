package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"

	"path/filepath"
	"strconv"
)

// A backup made before a couple was locked (or before a partner set a PIN) holds what the lock
// now protects in plain text. SealBackup re-seals such a backup with the keys this process holds;
// Exposed finds the backups that still hold plain text, which the app then replaces.

// protection is what the live database protects for one couple.
type protection struct {
	caseID  int64
	created string
	locked  bool
	pins    []Partner
	// sealed: the couple is locked and its shape and PIN check values are sealed too, so a
	// backup where they are plain shows more than the database does.
	sealed bool
}

func (s *Store) protections(ctx context.Context, onlyCase int64) ([]protection, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.created_at,
		EXISTS (SELECT 1 FROM locks l WHERE l.case_id = c.id),
		EXISTS (SELECT 1 FROM pins p WHERE p.case_id = c.id AND p.partner = 'A'),
		EXISTS (SELECT 1 FROM pins p WHERE p.case_id = c.id AND p.partner = 'B')
		FROM cases c WHERE (? = 0 OR c.id = ?)`, onlyCase, onlyCase)
	if err != nil {
		return nil, fmt.Errorf("read locks: %w", err)
	}
	defer rows.Close()
	var out []protection
	for rows.Next() {
		var p protection
		var a, b bool
		if err := rows.Scan(&p.caseID, &p.created, &p.locked, &a, &b); err != nil {
			return nil, fmt.Errorf("read locks: %w", err)
		}
		if a {
			p.pins = append(p.pins, PartnerA)
		}
		if b {
			p.pins = append(p.pins, PartnerB)
		}
		if p.locked || len(p.pins) > 0 {
			out = append(out, p)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	plain, err := s.lockedWithPlainShape(ctx)
	if err != nil {
		return nil, fmt.Errorf("read locks: %w", err)
	}
	for i := range out {
		out[i].sealed = out[i].locked && !plain[out[i].caseID]
	}
	return out, nil
}

// lockedWithPlainShape finds the locked couples whose shape or PIN check values are still plain
// (locked by an older Kintsugi and not unlocked since), with one query per column whatever the
// number of couples.
func (s *Store) lockedWithPlainShape(ctx context.Context) (map[int64]bool, error) {
	queries := []string{"SELECT DISTINCT case_id FROM pins WHERE wrapped = 0 AND case_id IN (SELECT case_id FROM locks)"}
	for _, col := range shapeColumns {
		id, from := "case_id", col.table
		switch col.scope {
		case "id = ?":
			id = "id"
		case agreementScope:
			id, from = "agreements.case_id", col.table+" JOIN agreements ON agreements.id = "+col.table+".agreement_id"
		}
		queries = append(queries, fmt.Sprintf("SELECT DISTINCT %s FROM %s WHERE typeof(%s.%s) <> 'blob' AND %[1]s IN (SELECT case_id FROM locks)",
			id, from, col.table, col.column))
	}
	out := map[int64]bool{}
	for _, q := range queries {
		rows, err := s.db.QueryContext(ctx, q)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// exposure is what one backup holds in plain text of one protected couple.
type exposure struct {
	unlocked bool      // the couple is there without its lock
	shape    bool      // with its lock, but its shape or a PIN's check value is plain (an older lock)
	pins     []Partner // private answers there without their author's PIN
}

func (e exposure) any() bool { return e.unlocked || e.shape || len(e.pins) > 0 }

func hasTable(ctx context.Context, q queryer, name string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", name).Scan(&n)
	return n > 0, err
}

func exposedIn(ctx context.Context, q queryer, p protection) (exposure, error) {
	var e exposure
	var created string
	err := q.QueryRowContext(ctx, "SELECT created_at FROM cases WHERE id = ?", p.caseID).Scan(&created)
	if errors.Is(err, sql.ErrNoRows) || err == nil && created != p.created {
		return e, nil // not there, or another couple that had the same number
	}
	if err != nil {
		return e, err
	}
	if p.locked {
		locks, err := hasTable(ctx, q, "locks")
		if err != nil {
			return e, err
		}
		n := 0
		if locks {
			if err := q.QueryRowContext(ctx, "SELECT count(*) FROM locks WHERE case_id = ?", p.caseID).Scan(&n); err != nil {
				return e, err
			}
		}
		e.unlocked = n == 0
		if n > 0 && p.sealed {
			if e.shape, err = plainShapeIn(ctx, q, p.caseID); err != nil {
				return e, err
			}
		}
	}
	pins, err := hasTable(ctx, q, "pins")
	if err != nil {
		return e, err
	}
	for _, partner := range p.pins {
		n := 0
		if pins {
			if err := q.QueryRowContext(ctx, "SELECT count(*) FROM pins WHERE case_id = ? AND partner = ?", p.caseID, string(partner)).Scan(&n); err != nil {
				return e, err
			}
		}
		if n > 0 {
			continue
		}
		open, err := openPrivateTexts(ctx, q, p.caseID, partner)
		if err != nil {
			return e, err
		}
		if open > 0 {
			e.pins = append(e.pins, partner)
		}
	}
	return e, nil
}

// openPrivateTexts counts partner's private texts a backup holds without a PIN: answers, and
// (in a backup made since they exist) weekly notes and a reply to the letter.
func openPrivateTexts(ctx context.Context, q queryer, caseID int64, partner Partner) (int, error) {
	queries := []struct{ table, query string }{
		{"answers", "SELECT count(*) FROM answers WHERE case_id = ? AND partner = ? AND shared = 0 AND length(body) > 0"},
		{"week_notes", "SELECT count(*) FROM week_notes WHERE case_id = ? AND partner = ? AND shared = 0 AND length(body) > 0"},
		{"letter_replies", "SELECT count(*) FROM letter_replies WHERE case_id = ? AND written_by = ? AND shared = 0 AND length(body) > 0"},
	}
	total := 0
	for _, c := range queries {
		if ok, err := hasTable(ctx, q, c.table); err != nil || !ok {
			if err != nil {
				return 0, err
			}
			continue
		}
		var n int
		if err := q.QueryRowContext(ctx, c.query, caseID, string(partner)).Scan(&n); err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// plainShapeIn reports whether a backup, of any schema, holds a locked couple's shape or a PIN's
// check value unsealed: a lock made before Kintsugi sealed them. A column the backup's schema
// lacks (a sealed twin, PINs' wrapped) means every row there is plain.
func plainShapeIn(ctx context.Context, q queryer, caseID int64) (bool, error) {
	has := func(table, column string) (bool, error) {
		var n int
		err := q.QueryRowContext(ctx, "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?", table, column).Scan(&n)
		return n > 0, err
	}
	count := func(query string) (bool, error) {
		var n int
		err := q.QueryRowContext(ctx, query, caseID).Scan(&n)
		return n > 0, err
	}
	for _, col := range shapeColumns {
		if ok, err := hasTable(ctx, q, col.table); err != nil || !ok {
			if err != nil {
				return false, err
			}
			continue
		}
		ok, err := has(col.table, col.column)
		if err != nil {
			return false, err
		}
		cond := fmt.Sprintf("typeof(%s) <> 'blob'", col.column)
		if !ok {
			cond = "1"
		}
		if plain, err := count(fmt.Sprintf("SELECT count(*) FROM %s WHERE (%s) AND %s", col.table, col.scope, cond)); err != nil || plain {
			return plain, err
		}
	}
	if ok, err := hasTable(ctx, q, "pins"); err != nil || !ok {
		return false, err
	}
	wrapped, err := has("pins", "wrapped")
	if err != nil {
		return false, err
	}
	if !wrapped {
		return count("SELECT count(*) FROM pins WHERE case_id = ?")
	}
	return count("SELECT count(*) FROM pins WHERE case_id = ? AND wrapped = 0")
}

// openReadOnly opens a database file for reading only, never writing to it.
func openReadOnly(path string) (*sql.DB, error) {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("_query_only", "1")
	q.Set("_busy_timeout", strconv.Itoa(busyTimeoutMS))
	db, err := sql.Open("sqlite3", fileDSN(path, q))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// Exposed reports whether the backup at path holds in plain text anything this store keeps
// locked or behind a PIN (for caseID, or for every couple when caseID is 0).
func (s *Store) Exposed(ctx context.Context, path string, caseID int64) (bool, error) {
	ps, err := s.protections(ctx, caseID)
	if err != nil || len(ps) == 0 {
		return false, err
	}
	db, err := openReadOnly(path)
	if err != nil {
		return false, fmt.Errorf("read backup %s: %w", path, err)
	}
	defer db.Close()
	if ok, err := hasTable(ctx, db, "cases"); err != nil || !ok {
		if err != nil {
			return false, fmt.Errorf("read backup %s: %w", path, explainSQLiteError(err))
		}
		return false, nil
	}
	for _, p := range ps {
		e, err := exposedIn(ctx, db, p)
		if err != nil {
			return false, fmt.Errorf("read backup %s: %w", path, explainSQLiteError(err))
		}
		if e.any() {
			return true, nil
		}
	}
	return false, nil
}

// SealBackup re-seals couple caseID in the backup at path the way it is sealed in this store
// (its lock, its partners' PINs), with the keys entered in this process. The backup is rebuilt
// in a temporary copy and renamed over the old file: it is either as it was or fully re-sealed.
// It reports whether it changed the backup; a key it needs but does not hold is ErrLocked or
// ErrPINNeeded.
func (s *Store) SealBackup(ctx context.Context, path string, caseID int64) (bool, error) {
	changed, err := s.sealBackup(ctx, path, caseID)
	if err != nil {
		return false, fmt.Errorf("re-seal backup %s: %w", path, err)
	}
	return changed, nil
}

func (s *Store) sealBackup(ctx context.Context, path string, caseID int64) (bool, error) {
	if s.locks == nil {
		return false, errors.New("this store uses its own sealer")
	}
	ps, err := s.protections(ctx, caseID)
	if err != nil || len(ps) == 0 {
		return false, err
	}
	p := ps[0]
	db, err := openReadOnly(path)
	if err != nil {
		return false, err
	}
	e, err := exposedIn(ctx, db, p)
	db.Close()
	if err != nil || !e.any() {
		return false, err
	}
	tmp, err := createTemp(filepath.Dir(path))
	if err != nil {
		return false, err
	}
	defer removeWithSideFiles(tmp)
	if err := copyFolded(ctx, path, tmp); err != nil {
		return false, err
	}
	if err := s.sealCopy(ctx, tmp, p, e); err != nil {
		return false, err
	}
	if err := CheckFile(ctx, tmp); err != nil {
		return false, err
	}
	return true, installFile(tmp, path)
}

// sealCopy applies the live lock and PINs to the couple in the database copy at tmp and leaves
// it a single file in rollback-journal mode, like every backup.
func (s *Store) sealCopy(ctx context.Context, tmp string, p protection, e exposure) error {
	key := s.locks.get(p.caseID)
	if e.unlocked && key == nil {
		return ErrLocked
	}
	ts, err := Open(ctx, tmp)
	if err != nil {
		return err
	}
	defer ts.Close()

	if e.unlocked {
		lr, err := s.lockOf(ctx, p.caseID)
		if err != nil || lr == nil {
			return fmt.Errorf("read lock: %w", err)
		}
		err = ts.write(ctx, 0, "lock the copy", func(tx *sql.Tx) error {
			return ts.resealCase(ctx, tx, p.caseID, lr.kdf, nil, key)
		})
		if err != nil {
			return err
		}
	}
	if key != nil {
		ts.locks.set(p.caseID, key)
	}
	if e.shape {
		// Sealed as the next unlock seals a live couple; only with the key the copy is locked with.
		lr, err := ts.lockOf(ctx, p.caseID)
		if err != nil || lr == nil || key == nil {
			return fmt.Errorf("read the copy's lock: %w", errors.Join(err, ErrLocked))
		}
		if _, err := key.Open(lr.check, aad(p.caseID, "check")); err != nil {
			return fmt.Errorf("the copy is locked with an earlier passphrase: %w", ErrLocked)
		}
		if err := ts.bindToRows(ctx, p.caseID, lr.kdf, key); err != nil {
			return err
		}
	}
	for _, partner := range e.pins {
		if err := s.copyPIN(ctx, ts, p.caseID, partner); err != nil {
			return fmt.Errorf("PIN of partner %s: %w", partner, err)
		}
	}
	if err := ts.scrub(ctx); err != nil {
		return err
	}
	if err := ts.Close(); err != nil {
		return err
	}
	// Leaving WAL mode needs the only connection: every pooled one holds the WAL open.
	if err := toRollbackJournal(ctx, tmp); err != nil {
		return fmt.Errorf("finish the copy: %w", err)
	}
	return nil
}

// toRollbackJournal opens the copy at path alone and takes it out of WAL mode.
func toRollbackJournal(ctx context.Context, path string) error {
	q := url.Values{}
	q.Set("_busy_timeout", strconv.Itoa(busyTimeoutMS))
	db, err := sql.Open("sqlite3", fileDSN(path, q))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := leaveWAL(ctx, db); err != nil {
		return err
	}
	return db.Close()
}

// leaveWAL switches a copy to the rollback journal, so that the file alone holds every page and
// needs no -wal or -shm beside it.
func leaveWAL(ctx context.Context, db interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) error {
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode); err != nil {
		return explainSQLiteError(err)
	}
	if mode != "delete" {
		return fmt.Errorf("journal mode is %q", mode)
	}
	return nil
}

// copyPIN gives partner's private answers in ts the PIN they have in s, with the key entered here.
func (s *Store) copyPIN(ctx context.Context, ts *Store, caseID int64, partner Partner) error {
	c := s.pins.get(caseID, partner)
	if c == nil {
		return ErrPINNeeded
	}
	var kdf, bind string
	var check, secret []byte
	var wrapped bool // with the couple's key, which the copy's lock shares
	if err := s.db.QueryRowContext(ctx, "SELECT kdf, check_value, secret, wrapped, bind FROM pins WHERE case_id = ? AND partner = ?",
		caseID, string(partner)).Scan(&kdf, &check, &secret, &wrapped, &bind); err != nil {
		return fmt.Errorf("read PIN: %w", err)
	}
	answers, err := ts.answersIn(ctx, ts.db, caseID)
	if err != nil {
		return fmt.Errorf("read the copy's answers: %w", err)
	}
	notes, err := ts.weekNotesIn(ctx, ts.db, caseID)
	if err != nil {
		return fmt.Errorf("read the copy's weekly notes: %w", err)
	}
	letter, err := ts.letterIn(ctx, ts.db, caseID)
	if err != nil {
		return fmt.Errorf("read the copy's letter: %w", err)
	}
	// The copy seals its own weekly notes and reply with the PIN's key, held only meanwhile.
	ts.pins.set(caseID, partner, c)
	defer ts.pins.set(caseID, partner, nil)
	couple := s.locks.get(caseID)
	return ts.write(ctx, 0, "seal the copy's private answers", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO pins (case_id, partner, kdf, check_value, created_at, secret, wrapped, bind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			caseID, string(partner), kdf, check, s.stamp(), secret, boolInt(wrapped), bind); err != nil {
			return err
		}
		for _, a := range answers {
			if a.Partner != partner || a.Shared || a.Lost {
				continue
			}
			// Sealed here with the keys in hand, as sealAnswer would: PIN first, then the lock.
			body, err := c.Seal([]byte(a.Text), pinAAD(c.bind, partner, a.QuestionID))
			if err != nil {
				return err
			}
			if couple != nil {
				if body, err = sealRow(couple, caseID, "answer", answerRow(partner, a.QuestionID), body); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, "UPDATE answers SET body = ?, pin_sealed = 1 WHERE case_id = ? AND partner = ? AND question_id = ?",
				body, caseID, string(partner), a.QuestionID); err != nil {
				return err
			}
		}
		return ts.resealOwnTexts(ctx, tx, caseID, partner, notes, letter)
	})
}
