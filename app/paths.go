package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// ID is the application ID; Fyne keeps the app's storage in a folder named after it. It is
// written in FyneApp.toml too (a test holds the two together) and is meant to stay: it names
// no domain, so no change of host or website can make it wrong.
const ID = "kintsugi.workbook"

// legacyID is the ID of the builds before 0.1.0 (it named a website the project does not own).
// Their storage folder is taken over on the first start, so no couple's work is left behind.
const legacyID = "app.kintsugi.workbook"

// DBFileName is the database's file name inside the storage folder.
const DBFileName = "kintsugi.db"

// DefaultDBPath is the database the app uses without --db: the folder chosen with
// SetDataFolder, or else Fyne's storage folder for this app (computed the way Fyne does, so the
// command line finds the same file as the window without starting a GUI driver).
func DefaultDBPath() (string, error) {
	dir, err := storageDir()
	if err != nil {
		return "", err
	}
	if chosen, err := os.ReadFile(filepath.Join(dir, locationFile)); err == nil {
		if folder := strings.TrimSpace(string(chosen)); folder != "" {
			return filepath.Join(folder, DBFileName), nil
		}
	}
	return filepath.Join(dir, DBFileName), nil
}

// locationFile, in the app's storage folder, names the folder an office chose for the data.
const locationFile = "data-folder.txt"

func storageDir() (string, error) {
	root, err := fyneConfigRoot()
	if err != nil {
		return "", fmt.Errorf("find the storage folder: %w", err)
	}
	return adoptLegacy(filepath.Join(root, ID), filepath.Join(root, legacyID)), nil
}

// adoptLegacy returns the storage folder to use: dir, after moving the legacy folder old there
// in one rename when dir does not exist yet. When the rename fails (on Windows, while an older
// Kintsugi still has the database open), or dir was already made (by a start with --db) while
// the data is still in old, old is used as it is: the database is never moved piecemeal, since a
// database moved without its -wal file would lose its newest work.
func adoptLegacy(dir, old string) string {
	if !holdsData(old) {
		return dir
	}
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(old, dir); err == nil {
			return dir
		}
		return old
	}
	if holdsData(dir) {
		return dir
	}
	return old
}

// holdsData says whether a storage folder has a database or names the folder that has it.
func holdsData(dir string) bool {
	for _, name := range []string{DBFileName, locationFile} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// SetDataFolder makes folder where the database lives from the next start on (for offices
// whose profile folders sync to a server); "" goes back to the default. The database is not
// moved: copy it there with a backup and restore, or start afresh.
func SetDataFolder(folder string) error {
	dir, err := storageDir()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("set data folder: %w", err)
	}
	if folder != "" && !filepath.IsAbs(folder) {
		return fmt.Errorf("set data folder: %q is not a full path", folder)
	}
	if err := os.WriteFile(filepath.Join(dir, locationFile), []byte(folder+"\n"), 0o600); err != nil {
		return fmt.Errorf("set data folder: %w", err)
	}
	return nil
}

func fyneConfigRoot() (string, error) {
	switch runtime.GOOS {
	case "windows":
		home, err := os.UserHomeDir()
		return filepath.Join(home, "AppData", "Roaming", "fyne"), err
	case "darwin":
		home, err := os.UserHomeDir()
		return filepath.Join(home, "Library", "Preferences", "fyne"), err
	default:
		dir, err := os.UserConfigDir()
		return filepath.Join(dir, "fyne"), err
	}
}
