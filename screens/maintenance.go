package screens

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

// askPassphraseThen asks for a passphrase in a small dialog and passes it on.
func (w *Window) askPassphraseThen(title, intro string, then func(pass string)) {
	t := w.state.Content().T
	pass := newPasswordField()
	d := newAskDialog(w, title, t("ui.unlock.open"), t("ui.cancel"), container.NewVBox(wrapped(intro), pass),
		func() bool { then(pass.Text); return true })
	d.show(pass)
	d.fit(messageWidth)
}

// askExport saves the open couple to a file; a locked couple's file is encrypted with its
// passphrase, asked again so that nobody exports a couple they could not open.
func (w *Window) askExport() {
	if w.Couple == nil {
		return
	}
	id := w.Couple.d.Case.ID
	t := w.state.Content().T
	// A partner's PIN need not be entered: their private answers travel sealed with it.
	save := func(pass string) {
		d := dialog.NewFileSave(func(uc fyne.URIWriteCloser, err error) {
			if err != nil || uc == nil {
				return
			}
			path := uc.URI().Path()
			uc.Close()
			if err := w.ExportCouple(id, path, pass); err != nil {
				removeIfEmpty(path) // the file the save dialog created, never written
				w.showError(err)
				return
			}
			w.showInfo(t("ui.export.couple.done.title"), w.state.Content().Tf("ui.export.couple.done", path))
		}, w.Win)
		d.SetFileName(fmt.Sprintf("%s.kintsugi", fileSafe(w.Couple.d.Case.Title())))
		d.Show()
	}
	if locked, _ := w.state.IsLocked(id); !locked {
		w.confirmRisky(t("ui.export.couple.title"), t("ui.export.couple.plain"), t("ui.yes"), t("ui.no"), func(ok bool) {
			if ok {
				save("")
			}
		})
		return
	}
	w.askPassphraseThen(t("ui.export.couple.title"), t("ui.export.couple.locked"), save)
}

// removeIfEmpty removes the empty file a save dialog created for an export that then failed.
func removeIfEmpty(path string) {
	if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() && info.Size() == 0 {
		_ = os.Remove(path) // best effort: an empty file holds nothing of the couple
	}
}

// ExportCouple writes couple id to path; with a passphrase (a locked couple's own) it is
// encrypted, and a wrong passphrase writes nothing.
func (w *Window) ExportCouple(id int64, path, pass string) error {
	w.state.Flush()
	if pass != "" {
		if err := w.Unlock(id, pass); err != nil {
			return err
		}
	}
	return app.ExportCouple(w.state.Context(), w.state.Store, id, path, pass)
}

// askImport adds a couple from an exported file; an encrypted file asks for its passphrase.
func (w *Window) askImport() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		w.ImportCouple(path, "")
	}, w.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".kintsugi", ".json"}))
	d.Show()
}

var errNeedPassphrase = errors.New("the file is encrypted")

// ImportCouple imports path, asking for the file's passphrase when pass is empty and the file
// needs one; the new couple then shows in the list.
func (w *Window) ImportCouple(path, pass string) {
	c, err := app.ImportCouple(w.state.Context(), w.state.Store, path, func() (string, error) {
		if pass == "" {
			return "", errNeedPassphrase
		}
		return pass, nil
	})
	t := w.state.Content().T
	switch {
	case errors.Is(err, errNeedPassphrase):
		w.askPassphraseThen(t("ui.import.title"), t("ui.import.locked"), func(p string) { w.ImportCouple(path, p) })
	case errors.Is(err, data.ErrWrongPassphrase):
		w.showInfo(t("ui.error.title"), t("ui.import.refused.passphrase"))
	case err != nil:
		w.showError(err)
	default:
		w.ShowStart()
		w.showInfo(t("ui.import.title"), w.state.Content().Tf("ui.import.done", c.Title()))
	}
}

// askRestore lists the backups and restores the chosen one.
func (w *Window) askRestore() {
	t := w.state.Content().T
	backups, err := data.Backups(app.BackupDir(w.state.DataPath()))
	if err != nil || len(backups) == 0 {
		w.showInfo(t("ui.restore.title"), t("ui.restore.none"))
		return
	}
	var labels []string
	for _, b := range backups {
		labels = append(labels, b.Time.Local().Format("2006-01-02 15:04"))
	}
	pick := newKeySelect(labels)
	pick.SetSelectedIndex(0)
	d := newAskDialog(w, t("ui.restore.title"), t("ui.restore.do"), t("ui.cancel"),
		container.NewVBox(wrapped(t("ui.restore.intro")), pick), func() bool {
			w.restoreFrom(backups[pick.SelectedIndex()].Path)
			return true
		})
	d.keys(pick)
	d.show()
	d.fit(messageWidth) // no narrower than a message: the intro wrapped a few words a line
}

// restoreFrom restores the backup at from, and shows the error when that fails.
func (w *Window) restoreFrom(from string) {
	if err := w.Restore(from); err != nil {
		w.showError(err)
	}
}

// Restore goes back to the backup from and shows the start screen on the restored data. A
// failed restore changes nothing on screen: the error is returned for the caller to show.
func (w *Window) Restore(from string) error {
	if err := w.state.Restore(from); err != nil {
		if w.Couple != nil {
			// The store was reopened: a locked couple needs its passphrase again.
			if open, oerr := w.state.IsOpen(w.Couple.d.Case.ID); oerr != nil || !open {
				w.ShowStart()
			}
		}
		return err
	}
	w.ShowStart()
	w.showInfo(w.state.Content().T("ui.restore.title"), w.state.Content().T("ui.restore.done"))
	return nil
}

// ShowDamaged says the data file was found damaged (nothing more is written to it) and offers
// the newest good backup, nil when there is none.
func (w *Window) ShowDamaged(problem error, backup *data.BackupInfo) {
	c := w.state.Content()
	body := []fyne.CanvasObject{wrapped(c.T("ui.recovery.intro")), note(problem.Error())}
	var restore *dialogButton
	var d *askDialog
	if backup == nil {
		body = append(body, wrapped(c.T("ui.recovery.nobackup")))
	} else {
		from := backup.Path
		restore = newDialogButton(c.Tf("ui.recovery.restore", backup.Time.Local().Format("2006-01-02 15:04")), func() {
			d.close() // what it says no longer holds once the backup is back, or fails to come back
			w.restoreFrom(from)
		}, nil)
		restore.Importance = widget.HighImportance
		body = append(body, container.NewHBox(restore))
	}
	d = w.tell(c.T("ui.recovery.title"), container.NewVBox(body...))
	d.fit(620)
	if restore != nil {
		d.keys(restore)
	}
}

// askDataFolder chooses where the data lives from the next start on.
func (w *Window) askDataFolder() {
	t := w.state.Content().T
	current := wrapped(w.state.Content().Tf("ui.folder.current", w.state.DataPath()))
	choose := newDialogButton(t("ui.folder.choose"), func() {
		dialog.ShowFolderOpen(func(uri fyne.ListableURI, err error) {
			if err != nil || uri == nil {
				return
			}
			if err := app.SetDataFolder(uri.Path()); err != nil {
				w.showError(err)
				return
			}
			w.showInfo(t("ui.folder.title"), w.state.Content().Tf("ui.folder.set", uri.Path()))
		}, w.Win)
	}, nil)
	reset := newDialogButton(t("ui.folder.reset"), func() {
		if err := app.SetDataFolder(""); err != nil {
			w.showError(err)
			return
		}
		path, err := app.DefaultDBPath()
		if err != nil {
			w.showError(err)
			return
		}
		// Said, as a chosen folder is: the button changed nothing on screen.
		w.showInfo(t("ui.folder.title"), w.state.Content().Tf("ui.folder.reset.done", filepath.Dir(path)))
	}, nil)
	d := w.tell(t("ui.folder.title"), container.NewVBox(wrapped(t("ui.folder.intro")), current, container.NewHBox(choose, reset)))
	d.keys(choose, reset)
}
