// Package screens is the desktop interface: one Fyne screen per file and a few small widgets.
package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
)

// NewMainWindow builds the app's window on the start screen.
func NewMainWindow(a fyne.App, state *app.State) fyne.Window {
	w := a.NewWindow(state.Content.T("ui.app.title"))
	w.Resize(fyne.NewSize(1000, 700))
	w.SetContent(newStart(state).content)
	return w
}

// start is the list of couples on this machine.
type start struct {
	content *fyne.Container
	list    *widget.List
}

func newStart(state *app.State) *start {
	s := &start{}
	cases, err := state.Cases()
	msg := widget.NewLabel("")
	if err != nil {
		msg.SetText(err.Error())
	}
	s.list = widget.NewList(func() int { return len(cases) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(cases[i].Title()) })
	s.content = container.NewBorder(widget.NewLabel(state.Content.T("ui.start.title")), msg, nil, nil, s.list)
	return s
}
