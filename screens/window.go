// Package screens is the desktop interface: one Fyne screen per file and a few small widgets.
// Screens read and write through app.State; they never touch SQL.
package screens

import (
	"errors"
	"os"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"kintsugi/app"
	"kintsugi/data"
)

// MinSize is the smallest window the layout is designed for.
var MinSize = fyne.NewSize(900, 600)

// designedSize is the window's size at scale 1, and smallestStart the least it opens at: every
// step's content fits in it.
var (
	designedSize  = fyne.NewSize(1100, 740)
	smallestStart = fyne.NewSize(820, 520)
)

// windowScale is the scale the window will be drawn at, as far as it is known before it shows:
// the canvas's own once the window exists, else FYNE_SCALE or the user's setting.
func windowScale(win fyne.Window, a fyne.App) float32 {
	scale := max(win.Canvas().Scale(), a.Settings().Scale())
	if env, err := strconv.ParseFloat(os.Getenv("FYNE_SCALE"), 32); err == nil && env > 0 {
		scale = max(scale, float32(env))
	}
	return scale
}

// initialSize keeps the window's size on screen, in pixels, what it is at scale 1: sizes are in
// Fyne units, which the scale multiplies, so 1100x740 at FYNE_SCALE=1.5 took 1650x1110 pixels
// and ran off a 1400x1000 screen. It never opens smaller than the content needs.
func initialSize(scale float32) fyne.Size {
	scale = max(scale, 1)
	return fyne.NewSize(max(designedSize.Width/scale, smallestStart.Width), max(designedSize.Height/scale, smallestStart.Height))
}

// Window is the app's one window: the start screen, or a couple's journey.
type Window struct {
	Win      fyne.Window
	app      fyne.App
	state    *app.State
	activity activity
	// background runs work off the UI goroutine; tests run it inline, because Fyne's test
	// driver runs fyne.Do on the caller's goroutine.
	background func(func())
	// afterEvent runs f once the input event being handled has been fully delivered.
	afterEvent func(func())
	Start      *Start
	Couple     *Couple
	Dialog     *askDialog // the dialog open, if any
	// lastFocused is what had focus when revealFocused last looked.
	lastFocused fyne.Focusable
	ring        *focusRing      // drawn around the focused control, above every screen
	couples     *app.CoupleList // the list as last read, for going back without reading it again
	listPlace   *listPlace      // where the list was when the open couple was chosen from it
	Hidden      *Hidden         // office mode's screen that names no client, when shown
	Notes       *Notes          // the therapist's notes, when shown
}

// NewMainWindow builds the window on the start screen.
func NewMainWindow(a fyne.App, state *app.State) *Window {
	w := newMainWindow(a, state, func(f func()) { go f() })
	w.ring.watch(100*time.Millisecond, func() {
		w.revealFocused()
		if w.Dialog != nil {
			w.Dialog.ring.Update()
		}
		placePopUpRing(w.Win.Canvas())
	})
	return w
}

func newMainWindow(a fyne.App, state *app.State, background func(func())) *Window {
	a.Settings().SetTheme(newCalmTheme())
	w := &Window{Win: a.NewWindow(state.Content().T("ui.app.title")), app: a, state: state, background: background}
	// A key press arrives as a key and then its character, in one batch of events; work queued
	// with fyne.Do from another goroutine runs after the batch.
	w.afterEvent = func(f func()) { background(func() { fyne.Do(f) }) }
	w.ring = newFocusRing(w.Win)
	w.ring.clip = w.ringClip
	w.activity.touch()
	w.Win.Resize(initialSize(windowScale(w.Win, a)))
	w.Win.SetMaster()
	w.Win.SetCloseIntercept(func() {
		state.Flush() // closing loses nothing typed
		w.Win.Close()
	})
	w.Win.SetMainMenu(w.menu())
	// Ctrl+PageDown and Ctrl+PageUp keep working for those who have the keys.
	for key, delta := range map[fyne.KeyName]int{fyne.KeyPageDown: 1, fyne.KeyPageUp: -1} {
		w.Win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { w.moveStep(delta) })
	}
	w.ShowStart()
	w.watchIdle(15 * time.Second)
	return w
}

// NextStepShortcut and PrevStepShortcut move between steps with Ctrl (Cmd on macOS) and ] or [,
// keys every keyboard has; many laptops have no PageUp or PageDown.
var (
	NextStepShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyRightBracket, Modifier: fyne.KeyModifierShortcutDefault}
	PrevStepShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyLeftBracket, Modifier: fyne.KeyModifierShortcutDefault}
)

// menu holds what works from anywhere, even while typing: hiding, moving between steps, and
// what concerns the whole couple.
func (w *Window) menu() *fyne.MainMenu {
	t := w.state.Content().T
	hide := fyne.NewMenuItem(t("ui.menu.hide"), w.Hide)
	hide.Shortcut = HideShortcut
	next := fyne.NewMenuItem(t("ui.couple.next"), func() { w.moveStep(1) })
	next.Shortcut = NextStepShortcut
	prev := fyne.NewMenuItem(t("ui.couple.prev"), func() { w.moveStep(-1) })
	prev.Shortcut = PrevStepShortcut
	return fyne.NewMainMenu(
		fyne.NewMenu(t("ui.menu.kintsugi"), hide, fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(t("ui.menu.import"), w.askImport),
			fyne.NewMenuItem(t("ui.menu.restore"), w.askRestore),
			fyne.NewMenuItem(t("ui.menu.folder"), w.askDataFolder),
			fyne.NewMenuItem(t("ui.menu.office"), w.askOffice),
			w.languageMenu()),
		fyne.NewMenu(t("ui.menu.couple"),
			fyne.NewMenuItem(t("ui.menu.passphrase"), w.askPassphrase),
			fyne.NewMenuItem(t("ui.menu.export"), w.askExport),
			fyne.NewMenuItem(t("ui.menu.calendar"), w.askCalendar),
			fyne.NewMenuItem(t("ui.menu.delete"), w.askDelete), fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(t("ui.menu.notes"), w.ShowNotes),
			fyne.NewMenuItem(t("ui.menu.code"), w.askCode),
			fyne.NewMenuItem(t("ui.menu.finished"), w.toggleFinished)),
		fyne.NewMenu(t("ui.menu.steps"), next, prev),
	)
}

func (w *Window) moveStep(delta int) {
	if w.Couple != nil {
		w.Couple.move(delta)
	}
}

// ShowStart shows the list of couples.
func (w *Window) ShowStart() {
	w.state.CloseCase()
	w.Couple, w.Hidden, w.Notes = nil, nil, nil
	w.Start = newStart(w, nil, 0)
	w.show(w.Start.view)
}

// backToStart shows the list as it was, with only the couple that was open read again.
func (w *Window) backToStart() {
	closed := w.state.CaseID()
	if w.couples == nil {
		w.ShowStart()
		return
	}
	w.state.CloseCase()
	w.Couple, w.Notes = nil, nil
	w.Start = newStart(w, w.couples, closed)
	w.show(w.Start.view)
	if w.Start.Couples == w.couples { // the same list: its place means something
		w.Start.restore(w.listPlace, closed)
	}
	w.listPlace = nil
}

// OpenCouple shows couple id's journey at the first step not yet done; a locked couple asks
// for its passphrase first.
func (w *Window) OpenCouple(id int64) {
	w.activity.touch()
	w.listPlace = nil // opened from elsewhere (a new couple, the example): back shows the top
	if open, err := w.state.IsOpen(id); err != nil {
		w.showError(err)
		return
	} else if !open {
		w.askUnlock(id)
		return
	}
	d, err := w.state.Open(id)
	if err != nil {
		w.showError(err)
		return
	}
	w.Start = nil
	w.Couple = newCouple(w, d)
	w.show(w.Couple.view)
	w.Couple.Show(app.StepReached(w.state.Content(), d))
	if err := w.state.Damaged(d); err != nil {
		w.showError(err) // the rest opened; these parts read as empty
	}
}

// damageText says err in the window's language when it reports damaged parts (app.ReportDamage),
// naming the open couple's partners and questions, or a refusal that names its words (a file
// that is not an export); any other error as it is.
func (w *Window) damageText(err error) string {
	var d *data.Dossier
	if w.Couple != nil {
		d = w.Couple.d
	}
	if report, ok := app.ReportDamage(w.state.Content(), d, err); ok {
		return report
	}
	var in *data.InputError
	if errors.As(err, &in) && in.Key != "" { // a refusal the window can say in its language
		return w.state.Content().Tf(in.Key, in.Args...)
	}
	return err.Error()
}
