package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kintsugi/data"
)

// Safety is the way out for someone who does not feel safe: it leaves the couple at once,
// shows where to get help, and records nothing, so the choice leaves no trace in the app.
type Safety struct {
	view fyne.CanvasObject
	Done *widget.Button
}

// ShowSafety leaves the couple for the help page; nothing is saved about it.
func (w *Window) ShowSafety() {
	w.state.Flush() // what was typed before stays; the choice itself is not stored
	w.state.CloseCase()
	w.state.ForgetKeys()
	w.Couple = nil
	c := w.state.Content()
	s := &Safety{Done: widget.NewButton(c.T("ui.safety.done"), w.ShowStart)}
	s.Done.Importance = widget.HighImportance
	body := []fyne.CanvasObject{para(c.T("ui.safety.intro"))}
	if e := c.Entry("SAFETY"); e != nil {
		body = append(body, card(subheading(e.Title), para(e.Text)))
	}
	help := c.Section(data.SectionHelp)
	body = append(body, subheading(help.Title), para(help.Intro))
	for _, e := range help.Entries {
		body = append(body, card(subheading(e.Title), para(e.Text)))
	}
	body = append(body, container.NewHBox(s.Done))
	s.view = page(c.T("ui.safety.title"), "", body...)
	w.Start = nil
	w.show(s.view)
}
