package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"kintsugi/data"
)

// KeepBackups is how many regular backups are kept; the copies a restore keeps of the database
// it replaced are capped at the same number, separately.
const KeepBackups = 7

// backupEvery is how old the newest regular backup may get before AutoBackup makes another.
const backupEvery = 24 * time.Hour

// BackupDir is the backup folder beside the database: <folder of dbPath>/backups. It does not
// create the folder; Backup and Restore create it (mode 0700) when they write into it.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "backups")
}

// AutoBackup makes a backup named for now (UTC) when the newest regular backup is a day old or
// older, or there is none, then prunes the folder to the newest KeepBackups regular backups and
// the newest KeepBackups before-restore copies. Before-restore copies, and backups dated in the
// future (made while the clock was wrong), do not count as the newest. It returns the path written, or "" when none was due. Call it when the app starts and
// once a day while it runs. A damaged database is not backed up: the error wraps data.ErrDamaged
// and the existing backups are left alone.
func AutoBackup(ctx context.Context, st *data.Store, now time.Time) (string, error) {
	dir := BackupDir(st.Path())
	list, err := data.Backups(dir)
	if err != nil {
		return "", err
	}
	due := true
	for _, b := range list { // newest first
		if b.BeforeRestore || b.Time.After(now.Add(time.Minute)) {
			continue // a future date means the clock was wrong when it was made
		}
		due = now.Sub(b.Time) >= backupEvery
		break
	}
	if !due {
		return "", pruneBackups(dir)
	}
	return BackupNow(ctx, st, now)
}

// BackupNow always writes a backup named for now (UTC) into BackupDir, for `kintsugi backup`,
// then prunes like AutoBackup. It returns the path written.
func BackupNow(ctx context.Context, st *data.Store, now time.Time) (string, error) {
	dir := BackupDir(st.Path())
	dest := filepath.Join(dir, data.BackupFileName(now))
	if err := st.Backup(ctx, dest); err != nil {
		return "", err
	}
	if err := pruneBackups(dir); err != nil {
		return dest, err
	}
	return dest, nil
}

// pruneBackups deletes all but the newest KeepBackups regular backups and all but the newest
// KeepBackups before-restore copies.
func pruneBackups(dir string) error {
	list, err := data.Backups(dir)
	if err != nil {
		return err
	}
	var regular, before int
	var errs []error
	for _, b := range list {
		n := &regular
		if b.BeforeRestore {
			n = &before
		}
		*n++
		if *n > KeepBackups {
			if err := data.RemoveBackup(b.Path); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// NewestGoodBackup returns the newest backup in dir that passes data.CheckFile, for offering a
// restore when the database is damaged. When there is none, the error wraps fs.ErrNotExist.
func NewestGoodBackup(ctx context.Context, dir string) (data.BackupInfo, error) {
	list, err := data.Backups(dir)
	if err != nil {
		return data.BackupInfo{}, err
	}
	for _, b := range list {
		if err := ctx.Err(); err != nil {
			return data.BackupInfo{}, err
		}
		if data.CheckFile(ctx, b.Path) == nil {
			return b, nil
		}
	}
	return data.BackupInfo{}, fmt.Errorf("no good backup in %s: %w", dir, fs.ErrNotExist)
}
