package screens

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kintsugi/data"
)

// Recovery is the window shown when the database is damaged: it explains, writes nothing, and
// offers to restore the newest good backup.
type Recovery struct {
	Win     fyne.Window
	Restore *widget.Button
	Message *widget.Label
	ring    *focusRing
}

// NewRecoveryWindow explains problem and offers backup (nil when there is none) through restore.
func NewRecoveryWindow(a fyne.App, c *data.Content, problem error, backup *data.BackupInfo, restore func() error) *Recovery {
	a.Settings().SetTheme(newCalmTheme())
	r := &Recovery{Win: a.NewWindow(c.T("ui.app.title")), Message: widget.NewLabel("")}
	r.Message.Wrapping = fyne.TextWrapWord
	body := []fyne.CanvasObject{para(c.T("ui.recovery.intro")), note(problem.Error())}
	if backup == nil {
		body = append(body, para(c.T("ui.recovery.nobackup")))
	} else {
		r.Restore = widget.NewButton(c.Tf("ui.recovery.restore", backup.Time.Local().Format("2006-01-02 15:04")), func() {
			if err := restore(); err != nil {
				r.Message.SetText(err.Error())
				return
			}
			r.Restore.Disable()
			r.Message.SetText(c.T("ui.restore.done"))
		})
		r.Restore.Importance = widget.HighImportance
		body = append(body, container.NewHBox(r.Restore))
	}
	body = append(body, r.Message)
	r.ring = newFocusRing(r.Win)
	r.Win.SetContent(withFocusRing(r.ring, page(c.T("ui.recovery.title"), "", body...)))
	r.Win.Resize(fyne.NewSize(760, 480))
	if r.Restore != nil { // the one thing to do here has the keyboard, and the ring shows it
		r.Win.Canvas().Focus(r.Restore)
	}
	return r
}

// ShowAndRun shows the window, its focus ring kept in place, until it closes.
func (r *Recovery) ShowAndRun() {
	r.ring.watch(100*time.Millisecond, nil)
	r.Win.ShowAndRun()
}
