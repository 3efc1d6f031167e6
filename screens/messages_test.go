package screens

import (
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

// ringDrawn checks that ring lies just outside obj on every side and that, midway across obj's
// top, its pixels stand 3:1 from what lies just outside the ring and from the gap inside it.
func ringDrawn(t *testing.T, img image.Image, ring *focusRing, obj fyne.CanvasObject) {
	t.Helper()
	if !ring.Rect.Visible() {
		t.Fatalf("no ring around the focused %T", obj)
	}
	d := fyne.CurrentApp().Driver()
	at, ringAt, ringSize := d.AbsolutePositionForObject(obj), d.AbsolutePositionForObject(ring.Rect), ring.Rect.Size()
	gaps := []float32{
		at.X - ringAt.X, at.Y - ringAt.Y,
		ringAt.X + ringSize.Width - (at.X + obj.Size().Width), ringAt.Y + ringSize.Height - (at.Y + obj.Size().Height),
	}
	for _, g := range gaps {
		if g < ringStroke+ringGap-0.5 || g > ringStroke+ringGap+0.5 {
			t.Fatalf("ring at %v %v, %T at %v %v: gaps %v", ringAt, ringSize, obj, at, obj.Size(), gaps)
		}
	}
	// The ring lies on whole pixels: its stroke, then the gap, then the control.
	x, top := int(at.X+obj.Size().Width/2), int(ringAt.Y)
	outside, gap := img.At(x, top-1), img.At(x, top+ringStroke)
	for y := top; y < top+ringStroke; y++ {
		if c := img.At(x, y); contrast(c, outside) < 3 || contrast(c, gap) < 3 {
			t.Fatalf("ring pixel %v at y=%d stands %.2f:1 from outside, %.2f:1 from the gap", c, y,
				contrast(c, outside), contrast(c, gap))
		}
	}
}

// messageLabel is the dialog's wrapped message.
func messageLabel(t *testing.T, top fyne.CanvasObject) *widget.Label {
	t.Helper()
	var found *widget.Label
	walk(t, top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Wrapping == fyne.TextWrapWord && found == nil {
			found = l
		}
	})
	if found == nil {
		t.Fatal("no message in the dialog")
	}
	return found
}

// TestMessagesHaveTheRingAndCloseByKeyboard: an information and an error are our dialogs, not
// Fyne's (which drew no ring and ignored Enter on their button): the one button has focus and
// the ring around it, Enter closes the message and so does Escape, and an error naming a long
// path wraps inside the dialog, keeping its title and its whole text.
func TestMessagesHaveTheRingAndCloseByKeyboard(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		r := newRig(t)
		fyne.CurrentApp().Settings().SetTheme(fixedVariant{newCalmTheme(), v})
		w, c := r.win, r.win.Win.Canvas()
		r.couple(app.StepWelcome)
		missing := filepath.Join(t.TempDir(), strings.Repeat("a-folder-with-a-long-name-", 5), "sam-and-alex.kintsugi")
		open := map[string]func(){
			"information": w.ShowNotes, // office mode is off: it says where to turn it on
			"error":       func() { w.ImportCouple(missing, "") },
		}
		for _, kind := range []string{"information", "error"} {
			for _, key := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape} {
				where := variantName(v) + " " + kind + ", " + string(key)
				open[kind]()
				d := w.Dialog
				if d == nil || c.Overlays().Top() == nil {
					t.Fatalf("%s: no dialog of ours opened", where)
				}
				if c.Focused() != d.Confirm || d.Cancel != nil {
					t.Fatalf("%s: focus on %T, not on its one button", where, c.Focused())
				}
				w.ring.Update()
				d.ring.Update()
				if w.ring.Rect.Visible() {
					t.Errorf("%s: the window's ring shows under the dialog", where)
				}
				ringDrawn(t, c.Capture(), d.ring, d.Confirm)
				if kind == "error" && key == fyne.KeyReturn {
					errorWraps(t, c, missing)
				}
				press(c, key)
				if w.Dialog != nil || c.Overlays().Top() != nil {
					t.Fatalf("%s: the dialog stayed open", where)
				}
				if c.OnTypedKey() != nil {
					t.Fatalf("%s: the window kept the closed dialog's keys", where)
				}
			}
		}
		// With nothing focused, Escape still closes it.
		w.ShowNotes()
		c.Unfocus()
		press(c, fyne.KeyEscape)
		if w.Dialog != nil || c.Overlays().Top() != nil {
			t.Fatalf("%s: Escape with nothing focused left the message open", variantName(v))
		}
	}
}

// errorWraps: the error's title and whole text show, every line of it inside the dialog, on
// several lines.
func errorWraps(t *testing.T, c fyne.Canvas, path string) {
	t.Helper()
	top := dialogBox(t, c)
	if os.Getenv("KINTSUGI_SHOT") != "" {
		saveShot(t, c.Capture(), os.Getenv("KINTSUGI_SHOT"))
	}
	d := fyne.CurrentApp().Driver()
	left := d.AbsolutePositionForObject(top).X
	right := left + top.Size().Width
	if win := c.Size().Width; right > win || top.Size().Width > 560 {
		t.Errorf("the error dialog is %v wide, from %v to %v in a window %v wide", top.Size().Width, left, right, win)
	}
	if said := strings.Join(texts(top), " "); !strings.Contains(said, "Something went wrong") {
		t.Errorf("the error has no title: %q", said)
	}
	msg := messageLabel(t, top)
	if !strings.HasPrefix(msg.Text, "Import "+path) || !strings.Contains(msg.Text, "no such file") {
		t.Errorf("the error says %q", msg.Text)
	}
	lines := 0
	walk(t, msg, func(o fyne.CanvasObject) {
		txt, ok := o.(*canvas.Text)
		if !ok || txt.Text == "" {
			return
		}
		lines++
		at := d.AbsolutePositionForObject(txt)
		if at.X < left || at.X+txt.MinSize().Width > right {
			t.Errorf("a line of the error runs out of the dialog (%v..%v): %q at %v, %v wide",
				left, right, txt.Text, at.X, txt.MinSize().Width)
		}
	})
	if lines < 3 {
		t.Errorf("the error with a long path shows on %d lines", lines)
	}
}

// saveShot writes what the test sees, for a person to look at (KINTSUGI_SHOT=file.png).
func saveShot(t *testing.T, img image.Image, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// TestEveryMessageClosesByKeyboard: the help, the data folder and the damaged file are our
// dialogs too; Tab moves the ring from button to button inside them, and Escape closes them
// from any of their buttons (Fyne's Button kept Escape to itself).
func TestEveryMessageClosesByKeyboard(t *testing.T) {
	r := newRig(t)
	w, c := r.win, r.win.Win.Canvas()
	r.couple(app.StepWelcome)
	for name, open := range map[string]func(){
		"help":    func() { showHelp(w) },
		"folder":  w.askDataFolder,
		"damaged": func() { w.ShowDamaged(errors.New("database disk image is malformed"), &data.BackupInfo{Path: "x"}) },
	} {
		open()
		d := w.Dialog
		_, reading := c.Focused().(*keyScroll) // the help's text has the keyboard first
		if d == nil || (c.Focused() != d.Confirm && !(name == "help" && reading)) {
			t.Fatalf("%s: not our dialog, or its button not focused (%T)", name, c.Focused())
		}
		seen := map[fyne.Focusable]bool{}
		for range 4 {
			f := c.Focused()
			seen[f] = true
			d.ring.Update()
			ringDrawn(t, c.Capture(), d.ring, f.(fyne.CanvasObject))
			c.FocusNext()
		}
		want := map[string]int{"help": 2, "folder": 3, "damaged": 2}[name]
		if len(seen) != want {
			t.Errorf("%s: Tab went through %d controls, not %d", name, len(seen), want)
		}
		for c.Focused() == d.Confirm && want > 1 {
			c.FocusNext() // onto a button of the content
		}
		press(c, fyne.KeyEscape)
		if w.Dialog != nil || c.Overlays().Top() != nil {
			t.Fatalf("%s: Escape on %T left the dialog open", name, c.Focused())
		}
	}
}

// dialogBox is the box of the dialog on top, inside the popup that covers the window.
func dialogBox(t *testing.T, c fyne.Canvas) fyne.CanvasObject {
	t.Helper()
	var box fyne.CanvasObject
	walk(t, c.Overlays().Top(), func(o fyne.CanvasObject) {
		if p, ok := o.(*widget.PopUp); ok && box == nil {
			box = p.Content
		}
	})
	if box == nil {
		t.Fatal("no dialog on top")
	}
	return box
}

// TestDialogsFitTheirText: a question, the choice of a backup and the deletion of a couple are
// as wide as a message at least, and as tall as their wrapped text needs at that width: sized
// before their text was laid out, they were a narrow column or had a band of empty space.
func TestDialogsFitTheirText(t *testing.T) {
	r := newRig(t)
	w, c := r.win, r.win.Win.Canvas()
	r.couple(app.StepWelcome)
	if _, err := app.BackupNow(r.state.Context(), r.state.Store, time.Now()); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("A question that takes a few lines to ask, in plain words. ", 6)
	for name, open := range map[string]func(){
		"question": func() { w.confirmDialog("A question", long, "Yes", "No", func(bool) {}) },
		"restore":  w.askRestore,
		"delete":   w.askDelete,
		"message":  func() { w.showInfo("A message", long) },
	} {
		open()
		if w.Dialog == nil {
			t.Fatalf("%s: no dialog", name)
		}
		box := dialogBox(t, c)
		size, least := box.Size(), box.MinSize()
		if size.Width < messageWidth || size.Height > least.Height+0.5 {
			t.Errorf("%s: the dialog is %v, its content needs %v", name, size, least)
		}
		press(c, fyne.KeyEscape)
		if w.Dialog != nil {
			t.Fatalf("%s: Escape left it open", name)
		}
	}
}

// TestHelpScrollsByKeyboard: the help's text takes the keyboard when it opens; the arrows, Page
// Down and End scroll it (Fyne's scroll takes no keys: the end of the help, where to get help
// in a crisis, was out of reach without a mouse), and Escape still closes it.
func TestHelpScrollsByKeyboard(t *testing.T) {
	r := newRig(t)
	w, c := r.win, r.win.Win.Canvas()
	r.couple(app.StepWelcome)
	showHelp(w)
	read, ok := c.Focused().(*keyScroll)
	if !ok {
		t.Fatalf("the help opened with %T focused, not its text", c.Focused())
	}
	if read.Scroll.Content.MinSize().Height <= read.Scroll.Size().Height {
		t.Skip("the help fits without scrolling at this size")
	}
	press(c, fyne.KeyDown)
	down := read.Scroll.Offset.Y
	press(c, fyne.KeyPageDown)
	if down <= 0 || read.Scroll.Offset.Y <= down {
		t.Errorf("Down scrolled to %.0f, Page Down to %.0f", down, read.Scroll.Offset.Y)
	}
	press(c, fyne.KeyEnd)
	if end := read.Scroll.Content.MinSize().Height - read.Scroll.Size().Height; read.Scroll.Offset.Y != end {
		t.Errorf("End scrolled to %.0f, the end is %.0f", read.Scroll.Offset.Y, end)
	}
	press(c, fyne.KeyHome)
	if read.Scroll.Offset.Y != 0 {
		t.Errorf("Home scrolled to %.0f", read.Scroll.Offset.Y)
	}
	press(c, fyne.KeyEscape)
	if w.Dialog != nil {
		t.Error("Escape on the help's text left it open")
	}
}
