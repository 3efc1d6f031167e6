package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// ErrDamaged marks a database file that SQLite reports as damaged (it fails PRAGMA
// integrity_check, or SQLite cannot read it as a whole).
var ErrDamaged = errors.New("the database file is damaged")

// ErrNotKintsugi marks a file that is readable but is not a Kintsugi database: not SQLite at all,
// an empty file, or another program's SQLite file.
var ErrNotKintsugi = errors.New("not a Kintsugi database")

// BackupInfo describes one backup file.
type BackupInfo struct {
	Path string
	Time time.Time // from the file name, UTC
	Size int64
	// BeforeRestore is set for the copy Restore keeps of the database it replaced.
	BeforeRestore bool
}

// BackupTimeLayout is how a backup's time (UTC) appears in its name: kintsugi-<time>.db.
const BackupTimeLayout = "20060102-150405"

const beforeRestoreSuffix = "-before-restore"

var backupName = regexp.MustCompile(`^kintsugi-(\d{8}-\d{6})(` + beforeRestoreSuffix + `)?\.db$`)

// BackupFileName is the name of a regular backup made at t: kintsugi-YYYYMMDD-HHMMSS.db (UTC).
func BackupFileName(t time.Time) string {
	return "kintsugi-" + t.UTC().Format(BackupTimeLayout) + ".db"
}

func beforeRestoreFileName(t time.Time) string {
	return "kintsugi-" + t.UTC().Format(BackupTimeLayout) + beforeRestoreSuffix + ".db"
}

// Backups lists the backups in dir, newest first: files named kintsugi-YYYYMMDD-HHMMSS.db and
// kintsugi-YYYYMMDD-HHMMSS-before-restore.db. A folder that does not exist has none.
func Backups(dir string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups in %s: %w", dir, err)
	}
	var out []BackupInfo
	for _, e := range entries {
		m := backupName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		t, err := time.ParseInLocation(BackupTimeLayout, m[1], time.UTC)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed while we looked
		}
		out = append(out, BackupInfo{Path: filepath.Join(dir, e.Name()), Time: t, Size: info.Size(), BeforeRestore: m[2] != ""})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Time.Equal(out[j].Time) {
			return out[i].Time.After(out[j].Time)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

// RemoveBackup deletes a backup file and any SQLite side files beside it.
func RemoveBackup(path string) error {
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove backup: %w", err)
	}
	return nil
}

func fileDSN(path string, q url.Values) string {
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath()
	if len(q) > 0 {
		dsn += "?" + q.Encode()
	}
	return dsn
}

// Backup copies the open database to dest with SQLite's online backup API. The copy is one
// consistent moment of the database even while other connections or processes write to it. It is
// written to a temporary file beside dest (mode 0600) in rollback-journal mode, so it is a single
// self-contained file, checked with CheckFile, synced, and only then renamed over dest. A damaged
// database is not backed up: the error wraps ErrDamaged and dest is left as it was.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if err := s.backup(ctx, dest); err != nil {
		if errors.Is(err, ErrDamaged) {
			s.markDamaged(err) // the copy is the database page by page: it is damaged too
		}
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	return nil
}

func (s *Store) backup(ctx context.Context, dest string) error {
	if same, _ := samePath(dest, s.path); same {
		return errors.New("a backup cannot replace the database itself")
	}
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := createTemp(dir)
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			removeWithSideFiles(tmp)
		}
	}()
	if err := backupInto(ctx, s.db, tmp); err != nil {
		return err
	}
	if err := CheckFile(ctx, tmp); err != nil {
		return fmt.Errorf("the new backup failed its check: %w", err)
	}
	if err := installFile(tmp, dest); err != nil {
		return err
	}
	done = true
	return nil
}

// backupInto copies src into the empty SQLite file tmp in one step, then switches the copy to
// rollback-journal mode so it needs no -wal or -shm file.
func backupInto(ctx context.Context, src *sql.DB, tmp string) error {
	q := url.Values{}
	q.Set("_busy_timeout", strconv.Itoa(busyTimeoutMS))
	dst, err := sql.Open("sqlite3", fileDSN(tmp, q))
	if err != nil {
		return err
	}
	defer dst.Close()
	dstConn, err := dst.Conn(ctx)
	if err != nil {
		return err
	}
	defer dstConn.Close()
	srcConn, err := src.Conn(ctx)
	if err != nil {
		return err
	}
	defer srcConn.Close()
	err = dstConn.Raw(func(dc any) error {
		d, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		return srcConn.Raw(func(sc any) error {
			s, ok := sc.(*sqlite3.SQLiteConn)
			if !ok {
				return fmt.Errorf("unexpected driver connection %T", sc)
			}
			return runBackup(ctx, d, s)
		})
	})
	if err != nil {
		return explainSQLiteError(err)
	}
	if err := leaveWAL(ctx, dstConn); err != nil {
		return fmt.Errorf("finish the copy: %w", err)
	}
	if err := dstConn.Close(); err != nil {
		return err
	}
	return dst.Close()
}

// runBackup copies every page in one step (-1): SQLite holds one read transaction on the source
// for the whole copy, which in WAL mode does not stop writers, so the copy is one consistent
// snapshot. Busy or locked steps are retried until ctx ends.
func runBackup(ctx context.Context, dst, src *sqlite3.SQLiteConn) error {
	b, err := dst.Backup("main", src, "main")
	if err != nil {
		return err
	}
	for {
		finished, err := b.Step(-1)
		if err != nil {
			b.Finish()
			return err
		}
		if finished {
			return b.Finish()
		}
		select {
		case <-ctx.Done():
			b.Finish()
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// CheckFile tells whether the file at path is a whole Kintsugi database. It opens the file
// read-only (it never writes to the database file nor changes its journal mode) and runs PRAGMA
// integrity_check. It returns nil for a good database, an error wrapping ErrDamaged with SQLite's
// first complaint for a damaged one, and an error wrapping ErrNotKintsugi for a file that is not
// SQLite, is empty, or belongs to another program.
func CheckFile(ctx context.Context, path string) error {
	if err := checkFile(ctx, path); err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	return nil
}

func checkFile(ctx context.Context, path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%w: it is not a regular file", ErrNotKintsugi)
	}
	if info.Size() == 0 {
		return fmt.Errorf("%w: the file is empty", ErrNotKintsugi)
	}
	db, err := openReadOnly(path)
	if err != nil {
		return err
	}
	defer db.Close()

	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return explainSQLiteError(err)
	}
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return explainSQLiteError(err)
	}
	var first string
	n := 0
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return explainSQLiteError(err)
		}
		if n == 0 {
			first = msg
		}
		n++
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return explainSQLiteError(err)
	}
	rows.Close()
	if n == 0 {
		return fmt.Errorf("%w: the integrity check gave no answer", ErrDamaged)
	}
	if n > 1 || first != "ok" {
		more := ""
		if n > 1 {
			more = fmt.Sprintf(" (and %d more problems)", n-1)
		}
		return fmt.Errorf("%w: %s%s", ErrDamaged, first, more)
	}
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'cases'").Scan(&tables); err != nil {
		return explainSQLiteError(err)
	}
	if version < 1 || tables != 1 {
		return fmt.Errorf("%w: this SQLite file belongs to another program or is empty", ErrNotKintsugi)
	}
	return nil
}

// explainSQLiteError sorts SQLite's errors into ErrDamaged and ErrNotKintsugi where it can.
func explainSQLiteError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrCorrupt:
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		case sqlite3.ErrNotADB:
			return fmt.Errorf("%w: %v", ErrNotKintsugi, err)
		}
	}
	return err
}

// Restore replaces the database at dbPath with the backup at from. The backup is checked first:
// a damaged or foreign backup is refused and nothing changes. The current database, if there is
// one, is kept in backupDir as kintsugi-<now>-before-restore.db (with its -wal, if it had
// unfinished writes and could not be folded). Then stale dbPath-wal and dbPath-shm files are
// removed and the backup is put in place atomically (temporary file, sync, rename; mode 0600).
// The caller must have closed every Store on dbPath.
func Restore(ctx context.Context, from, dbPath, backupDir string) error {
	if err := restore(ctx, from, dbPath, backupDir); err != nil {
		return fmt.Errorf("restore %s from %s: %w", dbPath, from, err)
	}
	return nil
}

func restore(ctx context.Context, from, dbPath, backupDir string) error {
	// A database reached through a symbolic link is restored through it: the link stays, the
	// file it points to (where SQLite keeps its -wal too) is replaced.
	if real, err := filepath.EvalSymlinks(dbPath); err == nil {
		dbPath = real
	}
	if info, err := os.Stat(dbPath); err == nil && !info.Mode().IsRegular() {
		return fmt.Errorf("%w: it is not a regular file", ErrNotKintsugi)
	}
	if same, _ := samePath(from, dbPath); same {
		return errors.New("the backup is the database itself")
	}
	if err := CheckFile(ctx, from); err != nil {
		return fmt.Errorf("the backup was refused, nothing was changed: %w", err)
	}
	dir := filepath.Dir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	// Stage the backup beside the database first, so a failure here leaves the database alone.
	staged, err := createTemp(dir)
	if err != nil {
		return err
	}
	defer removeWithSideFiles(staged)
	if err := copyFolded(ctx, from, staged); err != nil {
		return fmt.Errorf("copy the backup: %w", err)
	}
	if info, err := os.Stat(dbPath); err == nil && info.Size() > 0 {
		if err := os.MkdirAll(backupDir, 0o700); err != nil {
			return err
		}
		if _, err := keepCurrent(ctx, dbPath, backupDir); err != nil {
			return fmt.Errorf("keep the current database: %w", err)
		}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	// A -wal left from the old file would be replayed onto the restored one.
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove the old %s file: %w", suffix, err)
		}
	}
	return installFile(staged, dbPath)
}

// keepCurrent copies the database at dbPath into backupDir under a before-restore name that is
// not taken yet, and returns that name.
func keepCurrent(ctx context.Context, dbPath, backupDir string) (string, error) {
	t := time.Now()
	var keep string
	for {
		keep = filepath.Join(backupDir, beforeRestoreFileName(t))
		if _, err := os.Lstat(keep); errors.Is(err, fs.ErrNotExist) {
			break
		}
		t = t.Add(time.Second)
	}
	tmp, err := createTemp(backupDir)
	if err != nil {
		return "", err
	}
	defer removeWithSideFiles(tmp)
	if err := copyFolded(ctx, dbPath, tmp); err == nil {
		return keep, installFile(tmp, keep)
	}
	// The database could not be folded with its -wal (it may be damaged): keep both files just as
	// they are, which is exactly the state SQLite would see.
	removeWithSideFiles(tmp)
	if tmp, err = createTemp(backupDir); err != nil {
		return "", err
	}
	defer removeWithSideFiles(tmp) // nothing left once installed
	if err := copyRaw(dbPath, tmp); err != nil {
		return "", err
	}
	if _, err := os.Stat(dbPath + "-wal"); err == nil {
		if err := copyRaw(dbPath+"-wal", keep+"-wal"); err != nil {
			return "", err
		}
	}
	return keep, installFile(tmp, keep)
}

// copyFolded copies the database file src into the existing file dst. When src has a non-empty
// -wal beside it (a process ended without checkpointing), the WAL is copied too and folded into
// dst, so dst alone holds every committed write.
func copyFolded(ctx context.Context, src, dst string) error {
	if err := copyRaw(src, dst); err != nil {
		return err
	}
	info, err := os.Stat(src + "-wal")
	if errors.Is(err, fs.ErrNotExist) || (err == nil && info.Size() == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := copyRaw(src+"-wal", dst+"-wal"); err != nil {
		return err
	}
	if err := toRollbackJournal(ctx, dst); err != nil {
		return fmt.Errorf("fold the write-ahead log: %w", err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(dst + suffix)
	}
	return nil
}

// copyRaw copies the bytes of src over dst (created 0600 if missing) and syncs dst.
func copyRaw(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// createTemp makes an empty 0600 file in dir for a database to be built in, and returns its name.
func createTemp(dir string) (string, error) {
	f, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return "", err
	}
	name := f.Name()
	if err := f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		f.Close()
		os.Remove(name)
		return "", err
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	if err := guardTemp(name); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// installFile syncs tmp, makes it 0600 and renames it over dest, then syncs the folder so the
// rename survives a power cut.
func installFile(tmp, dest string) error {
	f, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o600); err != nil && runtime.GOOS != "windows" {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		return err
	}
	releaseTemp(tmp)
	syncDir(filepath.Dir(dest))
	return nil
}

func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func removeWithSideFiles(path string) {
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
	os.Remove(path)
	releaseTemp(path)
}

func samePath(a, b string) (bool, error) {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ia, ib), nil
	}
	aa, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	bb, err := filepath.Abs(b)
	if err != nil {
		return false, err
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.EqualFold(aa, bb), nil
	}
	return aa == bb, nil
}
