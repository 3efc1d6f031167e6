package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Checking a database file. PRAGMA integrity_check reads every page: seconds for an office's
// 500 couples. So opening runs only a fast check (QuickCheckFile), the full one runs once per
// open store before its first write (Verify; the window starts it in the background at once),
// and the daily backup checks its copy in full. Until the full check has passed nothing is
// written to the file, so a damaged database is still never written to.

// verifier remembers the result of the full check for one open store.
type verifier struct {
	mu     sync.Mutex
	passed bool
	damage error // wraps ErrDamaged once the file was found damaged
}

// Verify runs the full integrity check of the store's file once; later calls return its result
// at once, and a call during the check waits for it. It returns an error wrapping ErrDamaged
// when the file is damaged: the store then refuses every write.
func (s *Store) Verify(ctx context.Context) error {
	v := &s.verify
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.passed || v.damage != nil {
		return v.damage
	}
	err := CheckFile(ctx, s.path)
	switch {
	case err == nil:
		v.passed = true
	case errors.Is(err, ErrDamaged) || errors.Is(err, ErrNotKintsugi):
		v.damage = fmt.Errorf("%w; nothing more is written to it", err)
		return v.damage
	}
	return err
}

// Damage is the damage the full check or a backup found, or nil.
func (s *Store) Damage() error {
	s.verify.mu.Lock()
	defer s.verify.mu.Unlock()
	return s.verify.damage
}

// markDamaged records damage found another way (a backup's copy failed its check).
func (s *Store) markDamaged(err error) {
	s.verify.mu.Lock()
	defer s.verify.mu.Unlock()
	if s.verify.damage == nil {
		s.verify.passed = false
		s.verify.damage = fmt.Errorf("%w; nothing more is written to it", err)
	}
}

// quickTables are checked at every open: what the list of couples and the locks stand on.
var quickTables = []string{"sqlite_schema", "cases", "locks"}

// QuickCheckFile is the check at open, in milliseconds whatever the file's size: SQLite reads
// the header, the schema and the small tables every command reads first (quick_check limited to
// them), and the file must be as long as its header says. It never writes. Damage elsewhere is
// left to the full check (CheckFile). A file with no Kintsugi schema yet passes.
func QuickCheckFile(ctx context.Context, path string) error {
	if err := quickCheckFile(ctx, path); err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	return nil
}

func quickCheckFile(ctx context.Context, path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	db, err := openReadOnly(path)
	if err != nil {
		return err
	}
	defer db.Close()
	var pages, pageSize int64
	if err := db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		return explainSQLiteError(err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
		return explainSQLiteError(err)
	}
	if _, err := os.Stat(path + "-wal"); err != nil && pages*pageSize > info.Size() {
		// Without a write-ahead log the header's page count must fit in the file.
		return fmt.Errorf("%w: the file is shorter (%d bytes) than its %d pages", ErrDamaged, info.Size(), pages)
	}
	for _, table := range quickTables {
		var exists int
		if table != "sqlite_schema" {
			if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", table).Scan(&exists); err != nil {
				return explainSQLiteError(err)
			}
			if exists == 0 {
				continue
			}
		}
		var msg string
		if err := db.QueryRowContext(ctx, "PRAGMA quick_check("+table+")").Scan(&msg); err != nil {
			return explainSQLiteError(err)
		}
		if msg != "ok" {
			return fmt.Errorf("%w: %s", ErrDamaged, msg)
		}
	}
	return nil
}

// IsDamaged reports whether err comes from a damaged database file: found by a check, or by
// SQLite while reading a damaged page.
func IsDamaged(err error) bool {
	var se sqlite3.Error
	return errors.Is(err, ErrDamaged) || errors.As(err, &se) && se.Code == sqlite3.ErrCorrupt
}
