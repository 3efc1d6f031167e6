// Package app holds the application's state and the commands people run, shared by the window
// and the command line.
package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
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
		if err := Damaged(st, d); err != nil { // a workbook never silently lacks a part
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
// path, so a crash never leaves half a file behind. path must be a regular file or not exist
// yet: a folder, device or FIFO is refused before anything is written (a rename would replace
// a device node). A symbolic link is written through: its target is replaced, the link stays.
func WriteFileAtomic(path string, fill func(f *os.File) error) error {
	target, err := OutputTarget(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".kintsugi-*.tmp")
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
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// ErrNotRegular refuses an output path that names a folder, device, FIFO or socket.
var ErrNotRegular = &data.InputError{Msg: "it is not a regular file (a folder, device or pipe); give a file name to write"}

// OutputTarget is the file a write to path replaces: path itself, or the file a symbolic link
// at path points to (followed to its end). It refuses anything but a regular file or a name
// that does not exist yet.
func OutputTarget(path string) (string, error) {
	target := path
	if info, err := os.Lstat(path); err == nil && info.Mode()&os.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			// A link to a name that does not exist yet: write where it points.
			dest, rerr := os.Readlink(path)
			if rerr != nil {
				return "", err
			}
			if !filepath.IsAbs(dest) {
				dest = filepath.Join(filepath.Dir(path), dest)
			}
			target = dest
		}
	}
	info, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return target, nil
	case err != nil:
		return "", err
	case !info.Mode().IsRegular():
		return "", ErrNotRegular
	}
	return target, nil
}

// Now is the clock the app uses; tests and screenshots fix it.
var Now = time.Now
