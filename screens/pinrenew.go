package screens

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kintsugi/data"
)

// pinRenewal is the way back for a partner whose PIN record is damaged, so that no PIN opens
// their private texts: restore a backup from before the damage, or start a new PIN. Who may start
// one is the couple's rule (couple.MayReplaceDamagedPIN), held by the store on every path; this
// only asks, after saying plainly what becomes of the texts the damaged PIN sealed.
type pinRenewal struct {
	e       *env
	partner data.Partner
	Restore *widget.Button
	Renew   *widget.Button
	Dialog  *askDialog // the dialog to start a new PIN, while it is open
	after   func()     // shows the screen again once the new PIN is there
}

// damagedPIN returns the way back when partner p's PIN record is damaged, nil when it is not.
func (e *env) damagedPIN(p data.Partner, after func()) *pinRenewal {
	if damaged, err := e.state.PINDamaged(e.caseID(), p); err != nil || !damaged {
		return nil
	}
	r := &pinRenewal{e: e, partner: p, after: after}
	r.Restore = widget.NewButton(e.t("ui.pin.broken.restore.do"), e.win.askRestore)
	r.Renew = widget.NewButton(e.t("ui.pin.renew"), r.ask)
	r.Renew.Importance = widget.HighImportance
	return r
}

// view says what is damaged and offers both ways back.
func (r *pinRenewal) view() fyne.CanvasObject {
	e := r.e
	return card(subheading(e.tf("ui.pin.broken.title", e.name(r.partner))),
		wrapped(e.tf("ui.pin.broken", e.name(r.partner.Other()))),
		wrapped(e.t("ui.pin.broken.restore")), container.NewHBox(r.Restore),
		wrapped(e.t("ui.pin.broken.renew")), container.NewHBox(r.Renew))
}

// ask confirms, with the new PIN typed twice, before anything changes.
func (r *pinRenewal) ask() {
	e := r.e
	first, again := newPasswordField(), newPasswordField()
	msg := newMessage()
	form := widget.NewForm(widget.NewFormItem(e.t("ui.pin.new"), first), widget.NewFormItem(e.t("ui.lock.again"), again))
	d := newAskDialog(e.win, e.t("ui.pin.renew.title"), e.t("ui.pin.renew.save"), e.t("ui.cancel"),
		container.NewVBox(wrapped(e.tf("ui.pin.renew.confirm", e.name(r.partner.Other()))), form, msg), func() bool {
			if err := r.Start(first.Text, again.Text); err != nil {
				say(msg, e.win.reason(err))
				return false
			}
			return true
		})
	r.Dialog = d
	d.show(first, again)
	d.fit(520) // after showing: sized before, it kept the height of its text laid out narrow
}

// Start replaces the damaged PIN with the one typed twice, and shows the screen again.
func (r *pinRenewal) Start(first, again string) error {
	if first != again {
		return fmt.Errorf("%s", r.e.t("ui.pin.differ"))
	}
	if err := r.e.state.ReplaceDamagedPIN(r.e.caseID(), r.partner, first); err != nil {
		return err
	}
	r.after()
	return nil
}

// lostText is shown in place of a private text sealed under a PIN since replaced: nobody can
// open it, so it is never shown as empty, nor written over unless its author chooses to. The
// button deletes it (write saves an empty text in its place) and shows the screen again.
func (e *env) lostText(write func()) (fyne.CanvasObject, *widget.Button) {
	b := widget.NewButton(e.t("ui.pin.lost.rewrite"), write)
	return container.NewVBox(note(e.t("ui.pin.lost")), container.NewHBox(b)), b
}
