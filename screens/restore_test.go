package screens

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

// A failed restore says so and changes nothing on screen or on disk; a good one goes back to
// the backup and shows the start screen, with the window still working.
func TestRestoreFromTheWindow(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	r.couple(app.StepLetter)
	id := r.state.CaseID()
	backup, err := app.BackupNow(ctx, r.state.Store, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := r.state.Store.SaveLetter(ctx, data.Letter{CaseID: id, Text: "written after the backup"}); err != nil {
		t.Fatal(err)
	}
	couple := r.win.Couple

	broken := filepath.Join(t.TempDir(), "broken.db")
	if err := os.WriteFile(broken, []byte("not a database at all, just words"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := r.win.Restore(broken); err == nil {
		t.Fatal("restoring a broken file reported success")
	}
	if r.win.Couple != couple || r.win.Start != nil {
		t.Fatal("a failed restore changed what is on screen")
	}
	if l, err := r.state.Store.Letter(ctx, id); err != nil || l.Text != "written after the backup" {
		t.Fatalf("after a failed restore the letter reads %q (%v)", l.Text, err)
	}

	if err := r.win.Restore(backup); err != nil {
		t.Fatalf("restoring a good backup: %v", err)
	}
	t.Cleanup(func() { r.state.Store.Close() })
	if r.win.Start == nil || r.win.Couple != nil {
		t.Fatal("after a restore the start screen is not shown")
	}
	if l, err := r.state.Store.Letter(ctx, id); err != nil || l.Text != "" {
		t.Fatalf("after restoring the backup the letter reads %q (%v)", l.Text, err)
	}
	// The window goes on working on the restored store.
	r.win.OpenCouple(id)
	if r.win.Couple == nil {
		t.Fatal("the couple does not open after the restore")
	}
	r.win.Couple.Show(app.StepLetter)
	r.win.Couple.Current.(*letterScreen).Editor.SetText("after the restore")
	if d, err := r.state.Dossier(); err != nil || d.Letter.Text != "after the restore" {
		t.Fatalf("typing after the restore was not saved: %v", err)
	}
	if l := r.win.Couple.Current.(*letterScreen); l.Editor.Text != "after the restore" {
		t.Errorf("the editor reads %q", l.Editor.Text)
	}
}

// TestUsingTheDefaultDataFolderIsSaid: "Use the default" changed the data folder and said
// nothing, so nobody could tell it had worked; it now says where the data goes.
func TestUsingTheDefaultDataFolderIsSaid(t *testing.T) {
	home := t.TempDir() // the setting lives in the user's folder: never the real one
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	r := newRig(t)
	r.win.SetLanguage("ru")
	r.win.askDataFolder()
	var reset *widget.Button
	findButton(r.win.Win.Canvas().Overlays().Top(), r.state.Content().T("ui.folder.reset"), &reset)
	if reset == nil {
		t.Fatal("no button for the default folder")
	}
	test.Tap(reset)
	path, err := app.DefaultDBPath()
	if err != nil {
		t.Fatal(err)
	}
	want := r.state.Content().Tf("ui.folder.reset.done", filepath.Dir(path))
	if r.win.Dialog == nil || !strings.Contains(strings.Join(texts(r.win.Win.Canvas().Overlays().Top()), " "), want) {
		t.Errorf("after the default folder was chosen, the window does not say %q", want)
	}
}
