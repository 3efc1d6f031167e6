package screens

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/data"
)

// Office mode is for a therapist's machine with many couples: the list names nobody (codes or
// initials, with a search box), the example couple is not among the clients, finished couples
// stay out of the active list, every couple closes when left untouched, and hiding shows a
// screen that names no client. It is a setting of this computer, off at home.
const prefOffice = "officeMode"

// office reports whether office mode is on.
func (w *Window) office() bool { return w.app.Preferences().Bool(prefOffice) }

// SetOffice turns office mode on or off and shows the list as it now looks.
func (w *Window) SetOffice(on bool) {
	w.app.Preferences().SetBool(prefOffice, on)
	w.ShowStart()
}

// Hidden is the screen Hide and the idle close show in office mode: it names no client.
type Hidden struct {
	view fyne.CanvasObject
	Show *widget.Button
}

// ShowHidden shows the screen that names no client; the list comes back only when asked for.
func (w *Window) ShowHidden() {
	w.state.CloseCase()
	w.Couple, w.Start = nil, nil
	t := w.state.Content().T
	h := &Hidden{Show: widget.NewButtonWithIcon(t("ui.office.hidden.show"), theme.ListIcon(), w.ShowStart)}
	h.Show.Importance = widget.HighImportance
	w.Hidden = h
	h.view = page(t("ui.app.title"), t("ui.office.hidden"), container.NewHBox(h.Show))
	w.show(h.view)
}

// listLabel is how a couple is named in the list: in office mode its code, or its initials.
func (w *Window) listLabel(c data.Case) string {
	if !w.office() {
		return c.Title()
	}
	if c.Code != "" {
		return c.Code
	}
	return c.Initials()
}

// askOffice is the office setting: on or off, and how long a couple may stay open untouched.
func (w *Window) askOffice() {
	t := w.state.Content().T
	on := newKeyCheck(t("ui.office.on"))
	on.SetChecked(w.office())
	idle := newKeySelect([]string{"5", "10", "15", "30", "60"})
	idle.SetSelected(strconv.Itoa(w.idleMinutes()))
	content := container.NewVBox(wrapped(t("ui.office.intro")), on,
		widget.NewForm(widget.NewFormItem(t("ui.office.idle"), idle)))
	d := newAskDialog(w, t("ui.office.title"), t("ui.office.save"), t("ui.cancel"), content, func() bool {
		if minutes, err := strconv.Atoi(idle.Selected); err == nil && minutes > 0 {
			w.app.Preferences().SetInt(prefIdleMinutes, minutes)
		}
		w.SetOffice(on.Checked)
		return true
	})
	d.keys(on, idle)
	d.show()
	d.fit(600)
}

// officeOnly runs f when office mode is on and says where to turn it on otherwise.
func (w *Window) officeOnly(f func()) {
	if w.Couple == nil {
		return
	}
	if !w.office() {
		w.showInfo(w.state.Content().T("ui.office.title"), w.state.Content().T("ui.office.only"))
		return
	}
	f()
}

// askCode sets the code the office list shows for the open couple.
func (w *Window) askCode() {
	w.officeOnly(func() {
		t := w.state.Content().T
		id := w.Couple.d.Case.ID
		code := newField()
		code.SetText(w.Couple.d.Case.Code)
		msg := newMessage()
		d := newAskDialog(w, t("ui.code.title"), t("ui.office.save"), t("ui.cancel"),
			container.NewVBox(wrapped(t("ui.code.intro")), code, msg), func() bool {
				if err := w.SetCode(id, code.Text); err != nil {
					say(msg, w.reason(err))
					return false
				}
				return true
			})
		d.show(code)
		d.fit(520)
	})
}

// SetCode stores the open couple's code for the office list.
func (w *Window) SetCode(id int64, code string) error {
	if err := w.state.SetCode(id, code); err != nil {
		return err
	}
	if w.Couple != nil && w.Couple.d.Case.ID == id {
		w.Couple.d.Case.Code = strings.TrimSpace(code)
	}
	return nil
}

// toggleFinished keeps the open couple as finished, or makes it active again, and shows the list.
func (w *Window) toggleFinished() {
	w.officeOnly(func() {
		c := w.Couple.d.Case
		if err := w.state.SetFinished(c.ID, !c.Finished); err != nil {
			w.showError(err)
			return
		}
		w.backToStart()
	})
}

// Notes is the therapist's page of notes on one couple. It is reached only from the Couple menu
// in office mode, never from the couple's own steps, and it is not in their workbook.
type Notes struct {
	view  fyne.CanvasObject
	Text  *TextArea
	Back  *widget.Button
	id    int64
	saved string
}

// ShowNotes shows the therapist's notes on the open couple in place of its steps.
func (w *Window) ShowNotes() {
	w.officeOnly(func() {
		t := w.state.Content().T
		st := w.state
		id := w.Couple.d.Case.ID
		text, err := st.TherapistNotes(id)
		if err != nil {
			w.showError(err)
			return
		}
		n := &Notes{Text: NewTextArea(), id: id, saved: text}
		n.Text.SetMinRowsVisible(14)
		n.Text.SetText(text)
		n.Text.OnChanged = func(s string) {
			w.activity.touch()
			st.Save("therapist.notes", func(ctx context.Context, store *data.Store) error {
				return store.SaveTherapistNotes(ctx, id, s)
			})
		}
		couple := w.Couple
		n.Back = widget.NewButtonWithIcon(t("ui.notes.back"), theme.NavigateBackIcon(), func() {
			st.Flush()
			w.Notes = nil
			w.show(couple.view)
		})
		w.Notes = n
		// The entry takes the room left under the heading, rather than scrolling with it.
		top := container.NewVBox(heading(t("ui.notes.title")+": "+w.Couple.d.Case.Title()), goldRule(), wrapped(t("ui.notes.intro")))
		n.view = container.NewPadded(container.NewBorder(top, container.NewHBox(n.Back), nil, nil, n.Text))
		w.show(n.view)
		w.Win.Canvas().Focus(n.Text)
	})
}
