package app

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// ID is the application ID; Fyne keeps the app's storage in a folder named after it.
const ID = "app.kintsugi.workbook"

// DBFileName is the database's file name inside the storage folder.
const DBFileName = "kintsugi.db"

// DefaultDBPath is the database in Fyne's storage folder for this app, computed the way Fyne
// does, so the command line finds the same file as the window without starting a GUI driver.
func DefaultDBPath() (string, error) {
	root, err := fyneConfigRoot()
	if err != nil {
		return "", fmt.Errorf("find the storage folder: %w", err)
	}
	return filepath.Join(root, ID, DBFileName), nil
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
