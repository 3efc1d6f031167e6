package screens

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

// A partner's own note on a week is theirs until they share it: the other partner, at the
// keyboard after them, sees only that a note is there; once shared, they read it, marked with
// who wrote it.
func TestWeekNoteIsItsAuthorsUntilShared(t *testing.T) {
	pinNow(t, time.Date(2026, 3, 8, 12, 0, 0, 0, time.Local))
	r := newRig(t)
	c := r.couple(app.StepTracking)
	const secret = "I almost checked Alex's phone on Thursday, and didn't. 🌱"
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*trackingScreen)
	if s.Own.Own == nil || s.Notes[0] != nil {
		t.Fatal("Sam alone has no note of their own, or can change the notes written together")
	}
	test.Type(s.Own.Own, secret)
	if got := r.dossier().WeekNote(s.Week, data.PartnerA); got.Text != secret || got.Shared {
		t.Fatalf("stored %+v", got)
	}

	c.SetKeyboard(app.KeyboardB)
	s = c.Current.(*trackingScreen)
	if shows(c.body, secret) {
		t.Fatal("Alex sees Sam's unshared note")
	}
	if s.Own.Private[data.PartnerA] == nil || !shows(c.body, r.state.Content().Tf("ui.tracking.own.private", "Sam")) {
		t.Error("Alex is not told Sam keeps a note of their own")
	}
	c.SetKeyboard(app.KeyboardBoth)
	if shows(c.body, secret) {
		t.Fatal("with both at the keyboard, Sam's unshared note is on the screen")
	}

	c.SetKeyboard(app.KeyboardA)
	s = c.Current.(*trackingScreen)
	if s.Own.Own.Text != secret {
		t.Fatalf("Sam's note came back as %q", s.Own.Own.Text)
	}
	test.Tap(s.Own.Share)
	c.SetKeyboard(app.KeyboardB)
	s = c.Current.(*trackingScreen)
	if s.Own.Read[data.PartnerA] == nil || s.Own.Read[data.PartnerA].Text != secret ||
		!shows(c.body, r.state.Content().Tf("ui.tracking.own.by", "Sam")) {
		t.Fatal("Alex cannot read Sam's shared note, marked as Sam's")
	}
	if s.Own.Own == nil || shows(s.Own.Own, secret) {
		t.Error("Alex has no note of their own, or it holds Sam's")
	}
}

// The notes written before each partner had their own are told as written together: a partner
// alone reads them as text, and they are written with both at the keyboard.
func TestNotesWrittenTogetherAreReadByEachAlone(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepTracking)
	s := c.Current.(*trackingScreen)
	test.Type(s.Notes[0], "We cooked twice.")
	c.SetKeyboard(app.KeyboardB)
	if !shows(c.body, "We cooked twice.") || !shows(c.body, r.state.Content().T("ui.tracking.together")) {
		t.Error("Alex alone does not read what both wrote together, marked as written together")
	}
	ctx := context.Background()
	err := r.st.SaveWeekNote(ctx, app.KeyboardB, data.WeekNote{CaseID: r.state.CaseID(), Week: 1, Partner: data.PartnerA, Text: "forged"})
	if err == nil {
		t.Error("the store let Alex write Sam's note")
	}
}

// A partner's private note is closed behind their PIN like their answers: it opens with the PIN
// at each hand-over back to them.
func TestWeekNoteBehindAPIN(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepTracking)
	c.SetKeyboard(app.KeyboardA)
	s := c.Current.(*trackingScreen)
	test.Type(s.Own.Own, "just for me")
	r.state.Flush()
	if _, err := app.SetPIN(r.state.Context(), r.st, r.state.CaseID(), data.PartnerA, "2468"); err != nil {
		t.Fatal(err)
	}
	c.SetKeyboard(app.KeyboardB)
	c.SetKeyboard(app.KeyboardA)
	s = c.Current.(*trackingScreen)
	if s.Own.Own != nil || s.Own.PIN == nil || shows(c.body, "just for me") {
		t.Fatal("Sam's note opened without the PIN")
	}
	test.Type(s.Own.PIN, "1357")
	test.Tap(s.Own.OpenPIN)
	if s := c.Current.(*trackingScreen); s.Own.Own != nil || s.Own.PINMsg.Hidden {
		t.Fatal("a wrong PIN opened the note or said nothing")
	}
	s = c.Current.(*trackingScreen)
	test.Type(s.Own.PIN, "2468")
	test.Tap(s.Own.OpenPIN)
	if s := c.Current.(*trackingScreen); s.Own.Own == nil || s.Own.Own.Text != "just for me" {
		t.Fatal("the right PIN did not open Sam's note")
	}
}
