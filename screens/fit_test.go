package screens

import (
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kintsugi/app"
)

// TestStartANewPINFitsItsContent: the confirmation of a new PIN in place of a damaged one is
// as wide as a message at least and as tall as its text and fields need: it was sized before
// its text was laid out and kept a band of empty space above its buttons.
func TestStartANewPINFitsItsContent(t *testing.T) {
	r := newRig(t)
	r.lockedWithADamagedPIN()
	c := r.win.Win.Canvas()
	r.win.Couple.Show(app.StepReflection)
	r.win.Couple.SetKeyboard(app.KeyboardA)
	s := r.win.Couple.Current.(*reflectionScreen)
	if s.Renewal == nil {
		t.Fatal("no way back from a damaged PIN")
	}
	test.Tap(s.Renewal.Renew)
	if s.Renewal.Dialog == nil {
		t.Fatal("no confirmation")
	}
	if dir := os.Getenv("KINTSUGI_SHOTS"); dir != "" {
		f, err := os.Create(filepath.Join(dir, "pinrenew.png"))
		if err == nil {
			png.Encode(f, c.Capture())
			f.Close()
		}
	}
	fitsItsContent(t, c, "start a new PIN")
}

// fitsItsContent checks the dialog on top: a message's width at least, no taller than its
// content needs.
func fitsItsContent(t *testing.T, c fyne.Canvas, name string) {
	t.Helper()
	box := dialogBox(t, c)
	size, least := box.Size(), box.MinSize()
	if size.Width < messageWidth || size.Height > least.Height+0.5 {
		t.Errorf("%s: the dialog is %v, its content needs %v", name, size, least)
	}
}

// TestSetAPINFitsItsContent: the dialog that sets a PIN was sized the same way, before its
// text was laid out, with the same band of empty space.
func TestSetAPINFitsItsContent(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepReflection)
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*reflectionScreen)
	test.Tap(s.SetPIN)
	if s.PINDialog == nil {
		t.Fatal("no dialog to set a PIN")
	}
	fitsItsContent(t, r.win.Win.Canvas(), "set a PIN")
}

// TestFormDialogsFitTheirContent: every dialog with a form was resized to a fixed size before
// it was shown, and most kept a band of empty space above their buttons (the damaged
// database's message some hundred pixels); now each fits after showing, no narrower than a
// message.
func TestFormDialogsFitTheirContent(t *testing.T) {
	r := newRig(t)
	w, c := r.win, r.win.Win.Canvas()
	fyne.CurrentApp().Preferences().SetBool(prefOffice, true)
	r.couple(app.StepWelcome)
	id := r.state.CaseID()
	for _, x := range []struct {
		name string
		open func()
	}{
		{"passphrase to go on", func() { w.askPassphraseThen("A title", "An intro of a few words.", func(string) {}) }},
		{"passphrase", w.askPassphrase},
		{"office", w.askOffice},
		{"code", w.askCode},
		{"unlock", func() { w.askUnlock(id) }},
		{"damaged database", func() { w.ShowDamaged(errors.New("the database file is damaged"), nil) }},
		{"new couple", func() { w.ShowStart(); test.Tap(w.Start.NewCouple) }},
	} {
		x.open()
		if w.Dialog == nil {
			t.Fatalf("%s: no dialog", x.name)
		}
		fitsItsContent(t, c, x.name)
		press(c, fyne.KeyEscape)
		if w.Dialog != nil {
			t.Fatalf("%s: Escape left it open", x.name)
		}
		if w.Couple == nil {
			r.win.OpenCouple(id)
		}
	}
}
