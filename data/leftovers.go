package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Temporary files hold whole copies of the database while a backup or restore builds them. A
// kill in the middle leaves one behind, unencrypted for couples not locked, so the next start
// removes them (RemoveLeftovers). While a process still builds one it holds an advisory lock on
// it, so a second Kintsugi starting at that moment leaves it alone.

// tempPattern names every temporary file this package makes.
const tempPattern = ".kintsugi-*.tmp"

var tempGuards = struct {
	sync.Mutex
	m map[string]*os.File
}{m: map[string]*os.File{}}

// guardTemp takes the advisory lock on a temporary file this process is building.
func guardTemp(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return err
	}
	tempGuards.Lock()
	tempGuards.m[name] = f
	tempGuards.Unlock()
	return nil
}

// releaseTemp lets go of the lock taken by guardTemp, once the file is renamed or removed.
func releaseTemp(name string) {
	tempGuards.Lock()
	f := tempGuards.m[name]
	delete(tempGuards.m, name)
	tempGuards.Unlock()
	if f != nil {
		f.Close()
	}
}

// RemoveLeftovers deletes the temporary copies an interrupted backup, restore or export left in
// dir (with their SQLite side files), except those another process is still building. It
// returns how many it removed. A folder that does not exist has none.
func RemoveLeftovers(dir string) (int, error) {
	names, err := filepath.Glob(filepath.Join(dir, tempPattern))
	if err != nil {
		return 0, fmt.Errorf("remove leftovers in %s: %w", dir, err)
	}
	// A before-restore copy's -wal is copied beside it before the copy itself is renamed into
	// place: one without its database is what a kill in between leaves.
	orphans, _ := filepath.Glob(filepath.Join(dir, "kintsugi-*.db-wal"))
	n := 0
	var errs []error
	for _, wal := range orphans {
		if _, err := os.Lstat(wal[:len(wal)-len("-wal")]); errors.Is(err, fs.ErrNotExist) {
			if err := os.Remove(wal); err == nil {
				n++
			}
		}
	}
	for _, name := range names {
		removed, err := removeLeftover(name)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
		if removed {
			n++
		}
	}
	if err := errors.Join(errs...); err != nil {
		return n, fmt.Errorf("remove leftovers in %s: %w", dir, err)
	}
	return n, nil
}

func removeLeftover(name string) (bool, error) {
	tempGuards.Lock()
	_, ours := tempGuards.m[name]
	tempGuards.Unlock()
	if ours {
		return false, nil
	}
	info, err := os.Lstat(name)
	if err != nil {
		return false, err
	}
	if info.Mode().IsRegular() {
		f, err := os.Open(name)
		if err != nil {
			return false, err
		}
		defer f.Close()
		if lockFile(f) != nil {
			return false, nil // another Kintsugi is building it right now
		}
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(name + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false, err
		}
	}
	if err := os.Remove(name); err != nil {
		return false, err
	}
	return true, nil
}
