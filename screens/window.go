// Package screens is the desktop interface: one Fyne screen per file and a few small widgets.
// Screens read and write through app.State; they never touch SQL.
package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"kintsugi/app"
)

// MinSize is the smallest window the layout is designed for.
var MinSize = fyne.NewSize(900, 600)

// Window is the app's one window: the start screen, or a couple's journey.
type Window struct {
	Win    fyne.Window
	state  *app.State
	Start  *Start
	Couple *Couple
}

// NewMainWindow builds the window on the start screen.
func NewMainWindow(a fyne.App, state *app.State) *Window {
	a.Settings().SetTheme(newCalmTheme())
	w := &Window{Win: a.NewWindow(state.Content.T("ui.app.title")), state: state}
	w.Win.Resize(fyne.NewSize(1100, 740))
	w.Win.SetMaster()
	w.Win.SetCloseIntercept(func() {
		state.Flush() // closing loses nothing typed
		w.Win.Close()
	})
	w.ShowStart()
	return w
}

// ShowStart shows the list of couples.
func (w *Window) ShowStart() {
	w.state.CloseCase()
	w.Couple = nil
	w.Start = newStart(w)
	w.Win.SetContent(w.Start.view)
}

// OpenCouple shows couple id's journey at the first step not yet done.
func (w *Window) OpenCouple(id int64) {
	d, err := w.state.Open(id)
	if err != nil {
		w.showError(err)
		return
	}
	w.Start = nil
	w.Couple = newCouple(w, d)
	w.Win.SetContent(w.Couple.view)
	w.Couple.Show(app.StepReached(w.state.Content, d))
}

func (w *Window) showError(err error) {
	dialog.ShowError(err, w.Win)
}
