package screens

import (
	"fmt"
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// saveWorkbookDialog asks where to save a PDF, writes it off the UI goroutine, then offers to open
// it. The file dialog opens after the key that pressed the button (Space) has been delivered, or
// that key would be typed into the file name.
func saveWorkbookDialog(w *Window, name string, write func(path string) error) {
	d := dialog.NewFileSave(func(uc fyne.URIWriteCloser, err error) {
		if err != nil || uc == nil {
			return
		}
		path := uc.URI().Path()
		uc.Close()
		w.background(func() {
			err := write(path)
			fyne.Do(func() { afterExport(w, path, err) })
		})
	}, w.Win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	w.afterEvent(d.Show)
}

// afterExport says where the PDF is and offers to open it; when the system cannot open it, it
// says so and where the file is, so that it can be found by hand.
func afterExport(w *Window, path string, err error) {
	if err != nil {
		w.showError(err)
		return
	}
	c := w.state.Content()
	w.confirmDialog(c.T("ui.export.done.title"), fmt.Sprintf(c.T("ui.export.done"), path), c.T("ui.yes"), c.T("ui.no"),
		func(open bool) {
			if !open {
				return
			}
			if err := openInViewer(path); err != nil {
				w.showInfo(c.T("ui.export.open.failed.title"), c.Tf("ui.export.open.failed", path, err))
			}
		})
}

// openURL asks the system to open a file; a variable so that a test can play a system without a
// PDF viewer.
var openURL = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }

func openInViewer(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if err := openURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}); err != nil {
		return fmt.Errorf("open %s: %w", abs, err)
	}
	return nil
}
