package screens

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

// rig is a real window on a real store in a temp dir, driven through Fyne's test driver.
type rig struct {
	t     *testing.T
	win   *Window
	state *app.State
	st    *data.Store
	path  string
}

func newRig(t *testing.T) *rig {
	t.Helper()
	a := test.NewTempApp(t)
	freshRendererClock(t)
	path := filepath.Join(t.TempDir(), "k.db")
	st, err := app.OpenStore(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	content, err := app.LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	state := app.NewState(context.Background(), st, content)
	// Saves run only when a test flushes: Fyne's test driver runs fyne.Do on the caller's
	// goroutine, so a save finishing mid-test would race with the test's own taps.
	state.SetSaveDelay(time.Hour)
	w := newMainWindow(a, state, func(f func()) { f() })
	w.Win.Resize(fyne.NewSize(1100, 740))
	t.Cleanup(func() {
		state.Close()
		st.Close()
	})
	return &rig{t: t, win: w, state: state, st: st, path: path}
}

// couple creates a couple (Sam rebuilding trust, Alex hurt) and opens it at step.
func (r *rig) couple(step string) *Couple {
	r.t.Helper()
	c, err := r.st.CreateCase(context.Background(), data.Case{NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderA,
		StartDate: data.NewDate(2026, 3, 4)})
	if err != nil {
		r.t.Fatal(err)
	}
	r.win.OpenCouple(c.ID)
	r.win.Couple.Show(step)
	return r.win.Couple
}

// sample opens the example couple at step.
func (r *rig) sample(step string) *Couple {
	r.t.Helper()
	r.win.Start.Sample.OnTapped()
	if r.win.Couple == nil {
		r.t.Fatal("the example couple did not open")
	}
	r.win.Couple.Show(step)
	return r.win.Couple
}

// dossier is what the store holds now, after pending saves.
func (r *rig) dossier() *data.Dossier {
	r.t.Helper()
	r.state.Flush()
	d, err := r.st.Dossier(context.Background(), r.state.CaseID())
	if err != nil {
		r.t.Fatal(err)
	}
	return d
}

var fixedClock = time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)

// pdfText is a PDF's text as pdftotext reads it, with white space folded.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// needPoppler skips a test where poppler's tools are missing (make deps installs them).
func needPoppler(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (make deps installs poppler-utils)")
	}
}

// freshRendererClock brings Fyne's renderer cache clock up to now. The cache dates each renderer
// from a clock sample taken only when a canvas is painted; in a test process that sample can be
// minutes old, so a widget made now would count as expired, and the next capture would throw
// its renderer away and make a new one that was never laid out (a list with no rows). A real
// window paints every frame, so only tests need this.
func freshRendererClock(t *testing.T) {
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Canvas().Capture()
}

// shown is every line the list of couples shows, read as scrolling through it would.
func shown(t testing.TB, s *Start) []startRow {
	t.Helper()
	var out []startRow
	for i := range s.Len() {
		row, ok := s.Line(i)
		if !ok {
			t.Fatalf("line %d of %d: %s", i, s.Len(), s.Message.Text)
		}
		out = append(out, row)
	}
	return out
}
