package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/mattn/go-sqlite3"
)

// MinPassphraseLength is the shortest passphrase a couple may set.
const MinPassphraseLength = 8

// lockSealer seals a locked couple's values with its key and leaves other couples' as they are.
// It asks the database whether a couple is locked on every call, so a lock set by another
// process is never bypassed.
type lockSealer struct {
	s    *Store
	mu   sync.RWMutex
	keys map[int64]*Cipher
	// pending holds the key of a couple being created locked inside a transaction not yet
	// committed (an encrypted import): its lock row is not visible to other connections yet, but
	// its values must be sealed from the first byte written.
	pending map[int64]*Cipher
}

func newLockSealer(s *Store) *lockSealer {
	return &lockSealer{s: s, keys: map[int64]*Cipher{}, pending: map[int64]*Cipher{}}
}

func aad(caseID int64, field string) []byte { return fmt.Appendf(nil, "kintsugi/%d/%s", caseID, field) }

func (l *lockSealer) cipherFor(caseID int64) (*Cipher, error) {
	l.mu.RLock()
	c := l.pending[caseID]
	l.mu.RUnlock()
	if c != nil {
		return c, nil
	}
	locked, err := l.s.locked(context.Background(), l.s.db, caseID)
	if err != nil || !locked {
		return nil, err
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	if c := l.keys[caseID]; c != nil {
		return c, nil
	}
	return nil, ErrLocked
}

func (l *lockSealer) Seal(caseID int64, field string, plain []byte) ([]byte, error) {
	return l.SealRow(caseID, field, "", plain)
}

func (l *lockSealer) Open(caseID int64, field string, sealed []byte) ([]byte, error) {
	return l.OpenRow(caseID, field, "", sealed)
}

// SealRow seals a locked couple's value bound to its row; an unlocked couple's is stored as is.
func (l *lockSealer) SealRow(caseID int64, field, row string, plain []byte) ([]byte, error) {
	c, err := l.cipherFor(caseID)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return markPlain(plain), nil
	}
	return sealRow(c, caseID, field, row, plain)
}

// OpenRow opens what SealRow made, and values sealed before row binding (KSG1), which are
// re-sealed bound to their row at the next unlock.
func (l *lockSealer) OpenRow(caseID int64, field, row string, sealed []byte) ([]byte, error) {
	c, err := l.cipherFor(caseID)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return unmarkPlain(sealed)
	}
	return openRow(c, caseID, field, row, sealed)
}

// rowAAD binds a value to its couple, column and row; the row key is length-prefixed so no two
// (column, row) pairs give the same bytes.
func rowAAD(caseID int64, field, row string) []byte {
	return fmt.Appendf(nil, "kintsugi/2/%d/%s/%d:%s", caseID, field, len(row), row)
}

func sealRow(c *Cipher, caseID int64, field, row string, plain []byte) ([]byte, error) {
	return c.sealAs(sealedMagicV2, plain, rowAAD(caseID, field, row))
}

// openRow opens a sealed value of either version with the couple's key. A failure with the
// right key is damage: the value changed, or belongs to another row.
func openRow(c *Cipher, caseID int64, field, row string, sealed []byte) ([]byte, error) {
	var plain []byte
	var err error
	if bytes.HasPrefix(sealed, sealedMagicV2) {
		plain, err = c.Open(sealed, rowAAD(caseID, field, row))
	} else {
		plain, err = c.Open(sealed, aad(caseID, field))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamagedValue, err)
	}
	return plain, nil
}

// plainMarker goes in front of a couple-without-lock's value that would otherwise start like a
// sealed one (or like a marked one): then every value found starting with sealedMagic in such a
// couple was sealed, and its lock is missing.
var plainMarker = []byte("KSP1")

func markPlain(plain []byte) []byte {
	if isSealed(plain) || bytes.HasPrefix(plain, plainMarker) {
		return append(append([]byte{}, plainMarker...), plain...)
	}
	return plain
}

// ErrSealedWithoutLock means a couple without a lock holds a sealed value: its lock was removed
// from the database, by damage or by hand. The value is never shown as text.
var ErrSealedWithoutLock = errors.New("a sealed value was found but the couple's lock is missing: the database was damaged or changed outside Kintsugi")

func unmarkPlain(stored []byte) ([]byte, error) {
	if bytes.HasPrefix(stored, plainMarker) {
		return stored[len(plainMarker):], nil
	}
	if isSealed(stored) {
		return nil, ErrSealedWithoutLock
	}
	return stored, nil
}

func (l *lockSealer) set(caseID int64, c *Cipher) {
	l.mu.Lock()
	defer l.mu.Unlock()
	putKey(l.keys, caseID, c)
}

// putKey keeps c as caseID's key in m, or forgets it when c is nil.
func putKey(m map[int64]*Cipher, caseID int64, c *Cipher) {
	if c == nil {
		delete(m, caseID)
	} else {
		m[caseID] = c
	}
}

// get returns the key of an unlocked couple, or nil.
func (l *lockSealer) get(caseID int64) *Cipher {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.keys[caseID]
}

func (l *lockSealer) pend(caseID int64, c *Cipher) {
	l.mu.Lock()
	defer l.mu.Unlock()
	putKey(l.pending, caseID, c)
}

func (s *Store) locked(ctx context.Context, q queryer, caseID int64) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM locks WHERE case_id = ?", caseID).Scan(&n); err != nil {
		return false, fmt.Errorf("read lock: %w", err)
	}
	return n > 0, nil
}

// IsLocked reports whether a couple is protected by a passphrase.
func (s *Store) IsLocked(ctx context.Context, caseID int64) (bool, error) {
	return s.locked(ctx, s.db, caseID)
}

// IsOpen reports whether a couple's data can be read now: it is not locked, or it was unlocked.
func (s *Store) IsOpen(ctx context.Context, caseID int64) (bool, error) {
	locked, err := s.IsLocked(ctx, caseID)
	if err != nil || !locked {
		return err == nil, err
	}
	if s.locks == nil {
		return false, nil
	}
	s.locks.mu.RLock()
	defer s.locks.mu.RUnlock()
	return s.locks.keys[caseID] != nil, nil
}

type lockRow struct {
	kdf   KDF
	check []byte
}

func (s *Store) lockOf(ctx context.Context, caseID int64) (*lockRow, error) {
	var raw string
	var r lockRow
	err := s.db.QueryRowContext(ctx, "SELECT kdf, check_value FROM locks WHERE case_id = ?", caseID).Scan(&raw, &r.check)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read lock of case %d: %w", caseID, err)
	}
	if err := json.Unmarshal([]byte(raw), &r.kdf); err != nil {
		return nil, fmt.Errorf("read lock of case %d: %w", caseID, err)
	}
	return &r, nil
}

const checkPlain = "kintsugi lock check"

// checkDigests is the check value of a lock whose couple keeps a digest of every version both
// signed. A lock still holding checkPlain was made before digests: at its first unlock the
// missing digests are made and the check value becomes this one, in one transaction. From then
// on a missing digest is an altered agreement, and since the check value cannot be forged
// without the passphrase, deleting a digest cannot pass for "made before digests".
const checkDigests = "kintsugi lock check; digests kept"

// Unlock opens a locked couple with its passphrase for as long as the store is open, or until
// Forget. A wrong passphrase opens nothing and returns ErrWrongPassphrase.
func (s *Store) Unlock(ctx context.Context, caseID int64, passphrase string) error {
	if s.locks == nil {
		return errors.New("unlock: this store uses its own sealer")
	}
	r, err := s.lockOf(ctx, caseID)
	if err != nil || r == nil {
		return err
	}
	key, err := r.kdf.Key(passphrase)
	if err != nil {
		return fmt.Errorf("unlock case %d: %w", caseID, err)
	}
	c, err := NewCipher(key)
	if err != nil {
		return err
	}
	got, err := c.Open(r.check, aad(caseID, "check"))
	if err != nil || string(got) != checkPlain && string(got) != checkDigests {
		return ErrWrongPassphrase
	}
	s.locks.set(caseID, c)
	if string(got) == checkPlain {
		err := s.write(ctx, 0, fmt.Sprintf("unlock case %d: keep the digests of signed agreements", caseID), func(tx *sql.Tx) error {
			if err := s.digestMissing(ctx, tx, caseID); err != nil {
				return err
			}
			return s.writeLock(ctx, tx, caseID, r.kdf, c)
		})
		if err != nil {
			return err
		}
	}
	return s.bindToRows(ctx, caseID, r.kdf, c)
}

// bindToRows re-seals a couple's values sealed before row binding (KSG1) so each is bound to its
// row, and seals the shape and wraps the PIN check values a lock made before schema 12 and 15
// left plain; it runs at unlock, the first moment the key is at hand. A couple with a damaged
// value is left as it is: the damage is reported where the value is read.
func (s *Store) bindToRows(ctx context.Context, caseID int64, kdf KDF, c *Cipher) error {
	old := 0
	for _, col := range sealedColumns {
		var n int
		q := fmt.Sprintf("SELECT count(*) FROM %s WHERE (%s) AND substr(%s, 1, 4) = CAST('KSG1' AS BLOB)", col.table, col.scope, col.column)
		if err := s.db.QueryRowContext(ctx, q, caseID).Scan(&n); err != nil {
			return fmt.Errorf("unlock case %d: %w", caseID, err)
		}
		old += n
	}
	plain, err := s.unsealedShape(ctx, caseID)
	if err != nil {
		return fmt.Errorf("unlock case %d: %w", caseID, err)
	}
	var bare int // PINs set before a lock made before their check values were wrapped
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM pins WHERE case_id = ? AND wrapped = 0", caseID).Scan(&bare); err != nil {
		return fmt.Errorf("unlock case %d: %w", caseID, err)
	}
	plain += bare
	if old+plain == 0 {
		return nil
	}
	err = s.write(ctx, 0, fmt.Sprintf("unlock case %d: bind values to their rows", caseID), func(tx *sql.Tx) error {
		return s.resealCase(ctx, tx, caseID, kdf, c, c)
	})
	if isDamage(err) {
		return nil
	}
	if err != nil || plain == 0 {
		return err
	}
	// The shape was plain in the file until now: wipe the log of it, as a lock does.
	if err := s.scrub(ctx); err != nil {
		return fmt.Errorf("unlock case %d: %w", caseID, err)
	}
	return nil
}

// Forget closes an unlocked couple again: its key, and its partners' PIN keys, leave memory.
func (s *Store) Forget(caseID int64) {
	if s.locks != nil {
		s.locks.set(caseID, nil)
	}
	for _, p := range Partners {
		s.pins.set(caseID, p, nil)
	}
}

// ForgetAll closes every unlocked couple, for the quick-hide key and the idle lock.
func (s *Store) ForgetAll() {
	s.pins.clear()
	if s.locks == nil {
		return
	}
	s.locks.mu.Lock()
	clear(s.locks.keys)
	s.locks.mu.Unlock()
}

// CheckPassphrase says what is wrong with a new passphrase, or nil.
func CheckPassphrase(p string) error {
	if utf8.RuneCountInString(strings.TrimSpace(p)) < MinPassphraseLength {
		return &InputError{Msg: fmt.Sprintf("a passphrase needs at least %d characters; a few words you will remember are best", MinPassphraseLength),
			Key: "ui.lock.short", Args: []any{MinPassphraseLength}}
	}
	return nil
}

// sealedColumns lists every column that holds a couple's sensitive values, with the field name
// its values are sealed under and how to find the couple's rows.
var sealedColumns = []struct{ table, column, field, scope, row string }{
	{"incidents", "description", "incident.description", "case_id = ?", "''"},
	{"answers", "body", "answer", "case_id = ?", "partner || '/' || question_id"},
	{"steps", "note", "step.note", "case_id = ?", "step_id"},
	{"commitments", "custom_text", "commitment.custom_text", "case_id = ?", "CAST(id AS TEXT)"},
	{"agreement_items", "text", "agreement.text", "agreement_id IN (SELECT id FROM agreements WHERE case_id = ?)", "agreement_id || '/' || position"},
	{"signatures", "typed_name", "signature.name", "agreement_id IN (SELECT id FROM agreements WHERE case_id = ?)", "agreement_id || '/' || partner"},
	{"signatures", "png", "signature.png", "agreement_id IN (SELECT id FROM agreements WHERE case_id = ?)", "agreement_id || '/' || partner"},
	{"letters", "body", "letter", "case_id = ?", "''"},
	{"letter_replies", "body", "letter.reply", "case_id = ?", "''"},
	{"week_notes", "body", "week.note", "case_id = ?", "CAST(week AS TEXT) || '/' || partner"},
	{"checkins", "went_well", "checkin.went_well", "case_id = ?", "CAST(week AS TEXT)"},
	{"checkins", "was_hard", "checkin.was_hard", "case_id = ?", "CAST(week AS TEXT)"},
	{"checkins", "appreciated", "checkin.appreciated", "case_id = ?", "CAST(week AS TEXT)"},
	{"therapist_notes", "body", "therapist.notes", "case_id = ?", "''"},
	{"pins", "secret", "pin.secret", "case_id = ?", "partner"},
	{"agreement_digests", "digest", digestField, "agreement_id IN (SELECT id FROM agreements WHERE case_id = ?)", "CAST(agreement_id AS TEXT)"},
}

// The row keys above are what the store's code passes as row for each column (answerRow,
// agreementRow and the like); a test checks they agree.

// Lock sets or changes a couple's passphrase. Every sensitive value is re-sealed under the new
// key in one transaction: all of them or none. A couple already locked must be unlocked first.
// Afterwards the write-ahead log is emptied, so no earlier plain copy stays in the files.
func (s *Store) Lock(ctx context.Context, caseID int64, passphrase string) error {
	if s.locks == nil {
		return errors.New("lock: this store uses its own sealer")
	}
	if err := CheckPassphrase(passphrase); err != nil {
		return fmt.Errorf("lock case %d: %w", caseID, err)
	}
	var old *Cipher
	if r, err := s.lockOf(ctx, caseID); err != nil {
		return err
	} else if r != nil {
		s.locks.mu.RLock()
		old = s.locks.keys[caseID]
		s.locks.mu.RUnlock()
		if old == nil {
			return fmt.Errorf("lock case %d: %w", caseID, ErrLocked)
		}
	}
	kdf, next, err := newLockKey(passphrase)
	if err != nil {
		return err
	}
	err = s.write(ctx, caseID, fmt.Sprintf("lock case %d", caseID), func(tx *sql.Tx) error {
		return s.resealCase(ctx, tx, caseID, kdf, old, next)
	})
	if err != nil {
		return err
	}
	s.locks.set(caseID, next)
	afterLockCommit()
	if err := s.scrub(ctx); err != nil {
		return fmt.Errorf("lock case %d: %w", caseID, err)
	}
	return nil
}

// resealCase seals every sensitive value of a couple under next (opening it with old first, or
// taking it as plain text when old is nil) and stores next's lock row, inside tx.
func (s *Store) resealCase(ctx context.Context, tx *sql.Tx, caseID int64, kdf KDF, old, next *Cipher) error {
	if _, err := tx.ExecContext(ctx, "INSERT INTO resealing (active) VALUES (1)"); err != nil {
		return err
	}
	for _, col := range sealedColumns {
		if err := reseal(ctx, tx, caseID, col.table, col.column, col.field, col.scope, col.row, old, next); err != nil {
			return fmt.Errorf("%s.%s: %w", col.table, col.column, err)
		}
	}
	for _, col := range shapeColumns {
		if err := resealShape(ctx, tx, caseID, col, old, next); err != nil {
			return fmt.Errorf("%s.%s: %w", col.table, col.column, err)
		}
	}
	if err := wrapPINChecks(ctx, tx, caseID, old, next); err != nil {
		return err
	}
	if err := s.writeLock(ctx, tx, caseID, kdf, next); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "DELETE FROM resealing")
	return err
}

// newLockKey derives a fresh key for passphrase, with a fresh salt.
func newLockKey(passphrase string) (KDF, *Cipher, error) {
	kdf, err := NewKDF()
	if err != nil {
		return KDF{}, nil, err
	}
	key, err := kdf.Key(passphrase)
	if err != nil {
		return KDF{}, nil, err
	}
	c, err := NewCipher(key)
	if err != nil {
		return KDF{}, nil, err
	}
	return kdf, c, nil
}

// writeLock stores (or replaces) a couple's lock row: the key's parameters and a check value.
func (s *Store) writeLock(ctx context.Context, tx *sql.Tx, caseID int64, kdf KDF, c *Cipher) error {
	check, err := c.Seal([]byte(checkDigests), aad(caseID, "check"))
	if err != nil {
		return err
	}
	kdfJSON, _ := json.Marshal(kdf) // plain struct: cannot fail
	_, err = tx.ExecContext(ctx,
		`INSERT INTO locks (case_id, kdf, check_value, created_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (case_id) DO UPDATE SET kdf = excluded.kdf, check_value = excluded.check_value`,
		caseID, string(kdfJSON), check, s.stamp())
	return err
}

func reseal(ctx context.Context, tx *sql.Tx, caseID int64, table, column, field, scope, rowExpr string, old, next *Cipher) error {
	rows, err := tx.QueryContext(ctx, fmt.Sprintf("SELECT rowid, %s, %s FROM %s WHERE %s", column, rowExpr, table, scope), caseID)
	if err != nil {
		return err
	}
	type cell struct {
		rowid int64
		value []byte
		row   string
	}
	var cells []cell
	for rows.Next() {
		var c cell
		if err := rows.Scan(&c.rowid, &c.value, &c.row); err != nil {
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
		if len(c.value) == 0 {
			continue
		}
		var plain []byte
		if old != nil {
			plain, err = openRow(old, caseID, field, c.row, c.value)
		} else {
			plain, err = unmarkPlain(c.value)
		}
		if err != nil {
			return valueError(field, c.row, err)
		}
		sealed, err := sealRow(next, caseID, field, c.row, plain)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET %s = ? WHERE rowid = ?", table, column), sealed, c.rowid); err != nil {
			return err
		}
	}
	return nil
}

// scrub moves everything from the write-ahead log into the database file and empties the log,
// so that pages holding earlier, plain values do not linger there. With secure_delete on, freed
// space in the database file is overwritten with zeros as well.
//
// Another connection in the middle of reading (another Kintsugi window, a backup) keeps the log
// from being emptied; then scrub waits up to scrubWait and reports ErrNotScrubbed.
func (s *Store) scrub(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("scrub: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", scrubWait.Milliseconds())); err != nil {
		return fmt.Errorf("scrub: %w", err)
	}
	defer conn.ExecContext(context.Background(), fmt.Sprintf("PRAGMA busy_timeout = %d", busyTimeoutMS))
	var busy, logFrames, moved int
	if err := conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &moved); err != nil {
		return fmt.Errorf("scrub: %w", err)
	}
	if busy != 0 {
		return ErrNotScrubbed
	}
	return nil
}

// afterLockCommit runs between a lock's commit and its wipe of the log: tests kill the process
// there, to show that the next open finishes the wipe.
var afterLockCommit = func() {}

// finishScrub empties the write-ahead log at every open. A lock, PIN or deletion killed between
// its commit and its own scrub left the earlier plain pages in the log (and their older copies in
// the file, which the checkpoint overwrites). It does not wait: a connection of another process
// that is reading keeps it from running, and then the last connection to close empties the log.
func (s *Store) finishScrub(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("wipe the log: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return fmt.Errorf("wipe the log: %w", err)
	}
	defer conn.ExecContext(context.Background(), fmt.Sprintf("PRAGMA busy_timeout = %d", busyTimeoutMS))
	var busy, logFrames, moved int
	err = conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &moved)
	if err != nil && !isBusy(err) {
		return fmt.Errorf("wipe the log: %w", err)
	}
	return nil
}

func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// scrubWait is how long scrub waits for other readers to finish.
var scrubWait = 5 * time.Second

// ErrNotScrubbed means the new lock or PIN is in place, but earlier plain copies of what it
// protects may still be in the database's write-ahead log, because another program was reading.
var ErrNotScrubbed = errors.New("the new protection is saved, but earlier plain copies could not be wiped from the database's log " +
	"because another program (another Kintsugi window, a backup) is reading it; close it and do this again")
