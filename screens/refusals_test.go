package screens

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
)

// TestRefusalsInDialogsSpeakTheWindowsLanguage: what a dialog refuses as typed (a name missing,
// a passphrase or a PIN too short, a code too long) is said inside it in the window's
// language; the store's English reason showed in a Russian window.
func TestRefusalsInDialogsSpeakTheWindowsLanguage(t *testing.T) {
	r := newRig(t)
	r.win.SetLanguage("ru")
	ru := r.state.Content()
	said := func(name, want string) {
		t.Helper()
		d := r.win.Dialog
		if d == nil || !d.open {
			t.Fatalf("%s: the dialog closed", name)
		}
		var warned string
		walk(t, r.win.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Visible() && l.Importance == widget.WarningImportance {
				warned = l.Text
			}
		})
		if warned != want {
			t.Errorf("%s: the dialog says %q, want %q", name, warned, want)
		}
		if en := regexp.MustCompile(`[A-Za-z]{4,}`).FindString(warned); en != "" {
			t.Errorf("%s: %q has %q in English", name, warned, en)
		}
		d.cancel()
	}

	test.Tap(r.win.Start.NewCouple)
	test.Type(r.win.Start.NewForm.NameA, "Sam")
	test.Tap(r.win.Dialog.Confirm)
	said("no second name", ru.T("ui.new.refused.names"))

	r.couple(app.StepReflection)
	id := r.state.CaseID()
	r.win.askPassphrase()
	test.Type(r.win.Dialog.Fields[0], "short")
	test.Type(r.win.Dialog.Fields[1], "short")
	test.Tap(r.win.Dialog.Confirm)
	said("a short passphrase", ru.Tf("ui.lock.short", 8))

	r.win.Couple.SetKeyboard(app.KeyboardA)
	r.win.Couple.Current.(*reflectionScreen).askNewPIN()
	test.Type(r.win.Dialog.Fields[0], "12")
	test.Type(r.win.Dialog.Fields[1], "12")
	test.Tap(r.win.Dialog.Confirm)
	said("a short PIN", ru.Tf("ui.pin.short", 4))

	r.win.SetOffice(true)
	r.win.OpenCouple(id)
	r.win.askCode()
	test.Type(r.win.Dialog.Fields[0], strings.Repeat("К", 30))
	test.Tap(r.win.Dialog.Confirm)
	said("a long code", ru.Tf("ui.code.long", 24))
}
