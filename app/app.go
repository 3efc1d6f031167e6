// Package app holds the application's state and the commands people run, shared by the window
// and the command line.
package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"kintsugi/assets"
	"kintsugi/data"
	"kintsugi/workbook"
)

// LoadContent loads the embedded content for a language.
func LoadContent(lang string) (*data.Content, error) {
	if lang == "" {
		lang = "en"
	}
	return data.LoadContent(assets.FS, lang)
}

// ExportWorkbook writes a couple's workbook, or a blank one when caseID is 0, to path. The file
// appears whole or not at all: it is written beside the target and renamed into place.
func ExportWorkbook(ctx context.Context, st *data.Store, caseID int64, path string, opt workbook.Options) error {
	var d *data.Dossier
	lang := ""
	if caseID != 0 {
		var err error
		if d, err = st.Dossier(ctx, caseID); err != nil {
			return err
		}
		lang = d.Case.Language
		if opt.Paper == "" {
			opt.Paper = d.Case.Paper
		}
	}
	if opt.Language != "" {
		lang = opt.Language
	}
	content, err := LoadContent(lang)
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, func(f *os.File) error { return workbook.Write(f, content, d, opt) })
}

// WriteFileAtomic writes through fill into a temporary file beside path, then renames it over
// path, so a crash never leaves half a file behind.
func WriteFileAtomic(path string, fill func(f *os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".kintsugi-*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := fill(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Now is the clock the app uses; tests and screenshots fix it.
var Now = time.Now
