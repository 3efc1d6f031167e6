package screens

import (
	"errors"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/couple"
	"kintsugi/data"
)

// Preference keys. Preferences hold settings only, never anything a couple wrote.
const (
	prefIdleMinutes = "idleLockMinutes"
	defaultIdle     = 10
)

// HideShortcut returns the window to the neutral start screen at once and closes every
// unlocked couple. As a main-menu shortcut it works even while someone is typing.
var HideShortcut = hideShortcut(runtime.GOOS)

// hideShortcut is Ctrl+H, or on macOS Cmd+Shift+H: Cmd+H is the system's own Hide, which would
// hide the window with the couple's words still open in it.
func hideShortcut(goos string) *desktop.CustomShortcut {
	if goos == "darwin" {
		return &desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierSuper | fyne.KeyModifierShift}
	}
	return &desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierControl}
}

// activity remembers when the window was last used, for the idle lock.
type activity struct{ last atomic.Int64 }

func (a *activity) touch()              { a.last.Store(time.Now().UnixNano()) }
func (a *activity) idle() time.Duration { return time.Since(time.Unix(0, a.last.Load())) }

// Hide saves what is pending, forgets every passphrase-derived key, and shows the start screen.
func (w *Window) Hide() {
	w.state.Flush()
	w.state.ForgetKeys()
	if w.office() {
		w.ShowHidden() // an office's list would name its clients
		return
	}
	w.ShowStart()
}

// idleMinutes is how long a locked couple may stay open untouched.
func (w *Window) idleMinutes() int {
	return w.app.Preferences().IntWithFallback(prefIdleMinutes, defaultIdle)
}

// watchIdle closes a locked couple that nobody has touched for the configured time.
func (w *Window) watchIdle(every time.Duration) {
	ticker := time.NewTicker(every)
	go func() {
		for range ticker.C {
			fyne.Do(w.lockIfIdle)
		}
	}()
}

// lockIfIdle hides a locked couple that has been open and untouched for the idle time, and
// closes what a partner opened with their PIN in any couple.
func (w *Window) lockIfIdle() {
	if w.Couple == nil || w.activity.idle() < time.Duration(w.idleMinutes())*time.Minute {
		return
	}
	// In an office every couple closes, locked or not: the next client must not find it open.
	if locked, err := w.state.IsLocked(w.Couple.d.Case.ID); w.office() || err == nil && locked {
		w.Hide()
		return
	}
	if open, err := w.pinOpen(); err != nil || open {
		w.state.ClosePrivate()
		if w.Couple.Step != "" {
			w.Couple.Show(w.Couple.Step)
		}
	}
}

// pinOpen reports whether the partner at the keyboard has PIN-protected answers open now.
func (w *Window) pinOpen() (bool, error) {
	p, one := w.state.Keyboard().Partner()
	if !one {
		return false, nil
	}
	id := w.Couple.d.Case.ID
	has, err := w.state.HasPIN(id, p)
	if err != nil || !has {
		return false, err
	}
	return w.state.PINOpen(id, p)
}

// askUnlock asks for a locked couple's passphrase, then opens the couple.
func (w *Window) askUnlock(id int64) {
	t := w.state.Content().T
	pass := newPasswordField()
	msg := newMessage()
	form := container.NewVBox(wrapped(t("ui.unlock.intro")), pass, msg)
	var d *askDialog
	d = newAskDialog(w, t("ui.unlock.title"), t("ui.unlock.open"), t("ui.cancel"), form, func() bool {
		if err := w.Unlock(id, pass.Text); err != nil {
			say(msg, err.Error())
			pass.SetText("")
			return false
		}
		w.OpenCouple(id)
		return true
	})
	d.show(pass)
	d.fit(messageWidth)
}

// Unlock opens a locked couple with its passphrase; a wrong one opens nothing and says so.
func (w *Window) Unlock(id int64, passphrase string) error {
	err := w.state.Unlock(id, passphrase)
	if errors.Is(err, data.ErrWrongPassphrase) {
		return errors.New(w.state.Content().T("ui.unlock.wrong"))
	}
	return err
}

// askPassphrase sets or changes the open couple's passphrase, and the idle time.
func (w *Window) askPassphrase() {
	if w.Couple == nil {
		return
	}
	t := w.state.Content().T
	first, again := newPasswordField(), newPasswordField()
	idle := newKeySelect([]string{"5", "10", "15", "30", "60"})
	idle.SetSelected(strconv.Itoa(w.idleMinutes()))
	msg := newMessage()
	form := widget.NewForm(
		widget.NewFormItem(t("ui.lock.new"), first),
		widget.NewFormItem(t("ui.lock.again"), again),
		widget.NewFormItem(t("ui.lock.idle"), idle),
	)
	content := container.NewVBox(wrapped(t("ui.lock.intro")), form, msg, note(t("ui.lock.forget")))
	d := newAskDialog(w, t("ui.lock.title"), t("ui.lock.set"), t("ui.cancel"), content, func() bool {
		minutes, _ := strconv.Atoi(idle.Selected) // one of the listed numbers
		if err := w.SetPassphrase(first.Text, again.Text, minutes); err != nil {
			say(msg, w.reason(err))
			return false
		}
		return true
	})
	d.keys(idle)
	d.show(first, again)
	d.fit(520)
}

// SetPassphrase locks the open couple with a new passphrase (typed twice) and sets the idle time.
func (w *Window) SetPassphrase(first, again string, idleMinutes int) error {
	if first != again {
		return errors.New(w.state.Content().T("ui.lock.differ"))
	}
	if err := data.CheckPassphrase(first); err != nil {
		return err
	}
	if idleMinutes > 0 {
		w.app.Preferences().SetInt(prefIdleMinutes, idleMinutes)
	}
	w.state.Flush()
	report, err := app.Lock(w.state.Context(), w.state.Store, w.Couple.d.Case.ID, first)
	if err != nil {
		// Said in the window's language, with what stood in the way (a damaged value, named).
		return errors.New(w.state.Content().Tf("ui.lock.failed", w.damageText(err)))
	}
	w.activity.touch()
	w.Couple.showLocked()
	w.showSealReport(report)
	return nil
}

// askDelete removes the open couple for good, once the couple's names are typed (and, for a
// locked couple, its passphrase). Cancel is the default: Enter alone never deletes.
func (w *Window) askDelete() {
	if w.Couple == nil {
		return
	}
	c := w.state.Content()
	cs := w.Couple.d.Case
	names := newField()
	names.SetPlaceHolder(cs.Title())
	msg := newMessage()
	fields := []*field{names}
	body := container.NewVBox(wrapped(c.Tf("ui.delete.confirm", cs.Title())), wrapped(c.Tf("ui.delete.type", cs.Title())), names)
	pass := newPasswordField()
	locked, err := w.state.IsLocked(cs.ID)
	if err != nil {
		w.showError(err)
		return
	}
	if locked {
		body.Add(wrapped(c.T("ui.delete.passphrase")))
		body.Add(pass)
		fields = append(fields, pass)
	}
	body.Add(msg)
	a := newAskDialog(w, c.T("ui.delete.title"), c.T("ui.delete.do"), c.T("ui.cancel"), body, func() bool {
		if err := w.DeleteCouple(names.Text, pass.Text); err != nil {
			say(msg, app.Reason(err))
			return false
		}
		return true
	})
	a.Confirm.Importance = widget.DangerImportance
	a.Cancel.Importance = widget.HighImportance
	a.show(fields...)
	a.fit(520)
}

// DeleteCouple deletes the open couple and returns to the start screen, when names names both
// partners (couple.DeletionConfirmed) and, for a locked couple, passphrase opens it. Otherwise
// nothing is deleted and the error says why, in words for the person.
func (w *Window) DeleteCouple(names, passphrase string) error {
	c := w.state.Content()
	cs := w.Couple.d.Case
	if !couple.DeletionConfirmed(names, cs.NameA, cs.NameB) {
		return &couple.InputError{Msg: c.Tf("ui.delete.names", cs.Title())}
	}
	locked, err := w.state.IsLocked(cs.ID)
	if err != nil {
		return err
	}
	if locked {
		if err := w.state.Unlock(cs.ID, passphrase); err != nil {
			return &couple.InputError{Msg: c.T("ui.unlock.wrong")}
		}
	}
	if err := w.state.DeleteCase(cs.ID); err != nil {
		w.showError(err)
	}
	w.ShowStart()
	return nil
}

// showSealReport says what was done to the earlier backups after a lock or a PIN, if anything.
func (w *Window) showSealReport(r app.SealReport) {
	if r.Resealed+r.Replaced == 0 {
		return
	}
	c := w.state.Content()
	w.showInfo(c.T("ui.backups.sealed.title"), c.Tf("ui.backups.sealed", r.Resealed, r.Replaced))
}
