package screens

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kintsugi/app"
)

// TestARefusedImportSpeaksTheWindowsLanguage: a file that is not an export, an export cut off
// while copying and a wrong passphrase are said in the window's language, with nothing
// imported; they were said in English, with the file's path, in a Russian window.
func TestARefusedImportSpeaksTheWindowsLanguage(t *testing.T) {
	r := newRig(t)
	r.win.SetLanguage("ru")
	r.couple(app.StepWelcome)
	id := r.state.CaseID()
	dir := t.TempDir()
	locked := filepath.Join(dir, "locked.kintsugi")
	if err := r.win.ExportCouple(id, locked, "a kind long phrase"); err != nil {
		t.Fatal(err)
	}
	whole, err := os.ReadFile(locked)
	if err != nil {
		t.Fatal(err)
	}
	notJSON := filepath.Join(dir, "notes.kintsugi")
	cut := filepath.Join(dir, "cut.kintsugi")
	for path, body := range map[string][]byte{notJSON: []byte("dear diary"), cut: whole[:len(whole)/2]} {
		if err := os.WriteFile(path, body, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ru := r.state.Content()
	for _, tc := range []struct{ path, pass, want string }{
		{notJSON, "", ru.T("ui.import.refused.notours")},
		{cut, "", ru.T("ui.import.refused.incomplete")},
		{locked, "not the phrase", ru.T("ui.import.refused.passphrase")},
	} {
		r.win.ImportCouple(tc.path, tc.pass)
		top := r.win.Win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatalf("%s: nothing said", filepath.Base(tc.path))
		}
		said := strings.Join(texts(top), " ")
		if !strings.Contains(said, tc.want) {
			t.Errorf("%s: the window says %q, want %q", filepath.Base(tc.path), said, tc.want)
		}
		if en := regexp.MustCompile(`[A-Za-z]{3,}`).FindString(said); en != "" {
			t.Errorf("%s: the Russian window says %q, with %q in English", filepath.Base(tc.path), said, en)
		}
		r.win.Dialog.Confirm.OnTapped()
	}
	cases, err := r.st.Cases(context.Background())
	if err != nil || len(cases) != 1 {
		t.Errorf("%d couples after three refused imports (%v), want 1", len(cases), err)
	}
}
