package data

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store keeps every couple's progress in one SQLite file.
type Store struct {
	db     *sql.DB
	path   string
	sealer Sealer
	locks  *lockSealer // nil when a custom sealer is set
	pins   pinKeys
	damage damageLog
	// pinTries counts wrong PINs in a row, to slow guessing down.
	pinTries pinTries
	now      func() time.Time
	verify   verifier
	judge    Judge
}

// Option adjusts a Store when it is opened.
type Option func(*Store)

// WithClock fixes the store's clock; tests and repeatable output use it.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithSealer sets how sensitive text is sealed on its way into the database.
func WithSealer(x Sealer) Option {
	return func(s *Store) {
		s.sealer = x
		s.locks = nil
	}
}

const busyTimeoutMS = 10000

// Open opens (creating if needed, with mode 0600) the database at path and brings its schema up
// to date. A database written by a newer Kintsugi, or a file that is not a Kintsugi database, is
// refused without being written to.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	// A damaged database is never written to: the fast check runs before SQLite opens it for
	// writing, and the full one before the first write (Verify).
	if info, err := os.Stat(path); err == nil && info.Size() > 0 {
		if err := QuickCheckFile(ctx, path); errors.Is(err, ErrDamaged) {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}
	if err := ensureFile(path); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", strconv.Itoa(busyTimeoutMS))
	q.Set("_synchronous", "FULL")
	q.Set("_txlock", "immediate")
	q.Set("_secure_delete", "on") // deleted or replaced values are overwritten, not left in free pages
	// Every save and every list runs the same few statements: each connection keeps them
	// prepared instead of compiling them again (about a third of a save's CPU).
	q.Set("_stmt_cache_size", "64")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{db: db, path: path, now: time.Now}
	s.locks = newLockSealer(s)
	s.sealer = s.locks
	for _, o := range opts {
		o(s)
	}
	if err := s.prepare(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// ensureFile creates the database file with owner-only permissions before SQLite sees it, so
// the file never exists with wider ones. SQLite gives its -wal and -shm files the same mode.
func ensureFile(path string) error {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return makePrivate(path)
}

// makePrivate gives the database and its -wal and -shm files mode 0600, whatever they had: a
// copy, an older version or a umask may have left them readable by others. SQLite gives the
// side files it creates the database's mode, so they stay private from then on. On Windows,
// modes do not apply; the files get an access list for the user alone (perm_windows.go).
func makePrivate(path string) error {
	if runtime.GOOS == "windows" {
		return privateACL(path)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		info, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if info.Mode().Perm() == 0o600 {
			continue
		}
		if err := os.Chmod(p, 0o600); err != nil {
			return fmt.Errorf("make %s readable only by you: %w", filepath.Base(p), err)
		}
	}
	return nil
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB exposes the connection for maintenance outside this package (backups, tests).
func (s *Store) DB() *sql.DB { return s.db }

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []migration
	for i, name := range names {
		base := filepath.Base(name)
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil || n != i+1 {
			return nil, fmt.Errorf("migration %s is out of sequence", base)
		}
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: n, name: base, sql: string(body)})
	}
	return out, nil
}

// SchemaVersion is the schema version this build of Kintsugi writes.
func SchemaVersion() int {
	m, _ := migrations()
	return len(m)
}

func (s *Store) prepare(ctx context.Context) error {
	var version int
	// Reading user_version also makes SQLite read the header: a foreign file fails here.
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", explainOpenError(err))
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	if version > len(ms) {
		return fmt.Errorf("%w (schema %d, this app knows up to %d): update Kintsugi to open it", ErrTooNew, version, len(ms))
	}
	if version > 0 {
		if err := s.checkOurs(ctx); err != nil {
			return err
		}
	} else if err := s.checkEmpty(ctx); err != nil {
		return err
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("read journal mode: %w", explainOpenError(err))
	}
	if version > 0 && (mode != "wal" || version < len(ms)) {
		// Switching to WAL or migrating writes to the file: only after the full check.
		if err := s.Verify(ctx); err != nil {
			return err
		}
	}
	if mode != "wal" {
		if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
			return fmt.Errorf("set WAL mode: %w", err)
		}
	}
	for _, m := range ms[version:] {
		if err := s.migrate(ctx, m); err != nil {
			return err
		}
	}
	if version > 0 && version < len(ms) {
		if err := s.fillSummaries(ctx); err != nil {
			return err
		}
	}
	return s.finishScrub(ctx)
}

// fillSummaries computes, in one transaction, the list's summaries a migration left stale (all
// of them, the first time a file is opened by a version that keeps them).
func (s *Store) fillSummaries(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := s.refreshSummaries(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

func explainOpenError(err error) error {
	if strings.Contains(err.Error(), "not a database") {
		return fmt.Errorf("this file is not a Kintsugi database (%w)", err)
	}
	return err
}

// checkEmpty refuses a SQLite file that belongs to another program: schema 0 but tables in it.
func (s *Store) checkEmpty(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		return fmt.Errorf("read schema: %w", explainOpenError(err))
	}
	if n > 0 {
		return errors.New("this SQLite file belongs to another program, not Kintsugi; it was left untouched")
	}
	return nil
}

func (s *Store) checkOurs(ctx context.Context) error {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'cases'").Scan(&n)
	if err != nil {
		return fmt.Errorf("read schema: %w", explainOpenError(err))
	}
	if n != 1 {
		return errors.New("this SQLite file belongs to another program, not Kintsugi; it was left untouched")
	}
	return nil
}

func (s *Store) migrate(ctx context.Context, m migration) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	defer tx.Rollback()
	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if current >= m.version { // another process got there first
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if step := s.goStep(m.name); step != nil {
		if err := step(ctx, tx); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	return nil
}

// goStep is what a migration needs done in Go, after its SQL and in its transaction: what SQL
// alone cannot compute. It is found by the file's name without its number, so a migration
// renumbered when another lands first keeps its step.
func (s *Store) goStep(file string) func(context.Context, *sql.Tx) error {
	_, name, _ := strings.Cut(file, "_")
	switch name {
	case "agreement_digests.sql":
		return func(ctx context.Context, tx *sql.Tx) error { return s.digestMissing(ctx, tx, 0) }
	case "pin_bind.sql":
		return func(ctx context.Context, tx *sql.Tx) error {
			return addColumn(ctx, tx, "pins", "bind", "TEXT NOT NULL DEFAULT ''")
		}
	case "pin_check_sum.sql":
		return func(ctx context.Context, tx *sql.Tx) error { return addColumn(ctx, tx, "pins", "check_sum", "BLOB") }
	case "pin_lost.sql":
		return func(ctx context.Context, tx *sql.Tx) error {
			for _, table := range []string{"answers", "week_notes", "letter_replies"} {
				if err := addColumn(ctx, tx, table, "pin_lost", "INTEGER NOT NULL DEFAULT 0"); err != nil {
					return err
				}
			}
			return nil
		}
	case "list_pages.sql":
		return func(ctx context.Context, tx *sql.Tx) error {
			for _, col := range []string{"step", "judge", "due"} {
				if err := addColumn(ctx, tx, "case_summaries", col, "TEXT NOT NULL DEFAULT ''"); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return nil
}

// write runs fn in one transaction and marks the case as active; either all of it is saved or
// none of it is. Nothing is written before the file passed the full check.
func (s *Store) write(ctx context.Context, caseID int64, what string, fn func(tx *sql.Tx) error) error {
	if err := s.Verify(ctx); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if caseID != 0 {
		res, err := tx.ExecContext(ctx, "UPDATE cases SET updated_at = ? WHERE id = ?", s.stamp(), caseID)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%s: case %d: %w", what, caseID, ErrNotFound)
		}
	}
	// The list's summary of every couple this write changed is committed with the change.
	if err := s.refreshSummaries(ctx, tx); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func (s *Store) stamp() string { return s.now().UTC().Format(time.RFC3339Nano) }

func parseStamp(v string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, v)
	return t
}

func parseDay(v string) Date {
	d, _ := ParseDate(v)
	return d
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// queryer is what reads need: a *sql.DB or a *sql.Tx.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// addColumn adds a column to a table unless it is there already.
func addColumn(ctx context.Context, tx *sql.Tx, table, column, decl string) error {
	var n int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?", table, column).Scan(&n)
	if err != nil || n > 0 {
		return err
	}
	_, err = tx.ExecContext(ctx, fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", table, column, decl))
	return err
}
