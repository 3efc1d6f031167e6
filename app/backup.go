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

// RemoveLeftovers deletes what an interrupted backup, restore or export left beside the database
// at dbPath and in its backup folder: whole temporary copies of the database. Call it before
// opening the database, at every start.
func RemoveLeftovers(dbPath string) error {
	var errs []error
	for _, dir := range []string{filepath.Dir(dbPath), BackupDir(dbPath)} {
		if _, err := data.RemoveLeftovers(dir); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// SealReport says what became of the earlier backups when a couple was locked or a PIN set.
type SealReport struct {
	Resealed int // re-sealed in place, with the new lock or PIN
	Replaced int // removed because they could not be re-sealed; a fresh backup was made instead
}

// Lock locks a couple with passphrase (data.Store.Lock), then makes every earlier backup hold
// it sealed too: once Lock returns, no file Kintsugi wrote shows the couple in plain text.
func Lock(ctx context.Context, st *data.Store, caseID int64, passphrase string) (SealReport, error) {
	return sealAfter(ctx, st, caseID, st.Lock(ctx, caseID, passphrase))
}

// sealAfter seals the backups after a lock or PIN that was saved, even when the log could not
// be wiped (data.ErrNotScrubbed, which is still reported).
func sealAfter(ctx context.Context, st *data.Store, caseID int64, err error) (SealReport, error) {
	if err != nil && !errors.Is(err, data.ErrNotScrubbed) {
		return SealReport{}, err
	}
	r, serr := SealBackups(ctx, st, caseID)
	return r, errors.Join(err, serr)
}

// SetPIN sets a partner's PIN (data.Store.SetPIN), then seals their private answers in every
// earlier backup too.
func SetPIN(ctx context.Context, st *data.Store, caseID int64, p data.Partner, pin string) (SealReport, error) {
	return sealAfter(ctx, st, caseID, st.SetPIN(ctx, caseID, p, pin))
}

// SealBackups re-seals couple caseID in every backup (and every before-restore copy) that holds
// it in plain text, with the keys entered in st. A backup that cannot be re-sealed (a key not
// entered, a damaged file) is removed, and then a fresh backup is made in its place.
func SealBackups(ctx context.Context, st *data.Store, caseID int64) (SealReport, error) {
	var r SealReport
	list, err := data.Backups(BackupDir(st.Path()))
	if err != nil {
		return r, err
	}
	for _, b := range list {
		// A failure here is not the end: the backup is still exposed, and replaced below.
		if changed, err := st.SealBackup(ctx, b.Path, caseID); err == nil && changed {
			r.Resealed++
		}
	}
	r.Replaced, err = replaceExposed(ctx, st, caseID)
	return r, err
}

// ProtectBackups removes every backup that holds in plain text a couple the database keeps
// locked or behind a PIN (a lock or PIN set while it was interrupted, or by an older Kintsugi),
// and then makes a fresh backup. Call it at every start. It returns how many it removed.
func ProtectBackups(ctx context.Context, st *data.Store) (int, error) {
	return replaceExposed(ctx, st, 0)
}

func replaceExposed(ctx context.Context, st *data.Store, caseID int64) (int, error) {
	list, err := data.Backups(BackupDir(st.Path()))
	if err != nil {
		return 0, err
	}
	removed := 0
	var errs []error
	for _, b := range list {
		exposed, err := st.Exposed(ctx, b.Path, caseID)
		if errors.Is(err, data.ErrDamaged) || errors.Is(err, data.ErrNotKintsugi) {
			continue // SQLite cannot read it, so it cannot be restored either
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !exposed {
			continue
		}
		if err := data.RemoveBackup(b.Path); err != nil {
			errs = append(errs, err)
			continue
		}
		removed++
	}
	if removed > 0 {
		if _, err := BackupNow(ctx, st, Now()); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return removed, fmt.Errorf("protect the backups: %w", err)
	}
	return removed, nil
}
