package screens

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
	"kintsugi/workbook"
)

// officeRig is a window in office mode with one couple, Ngozi and Mei-Lin, coded "R-17".
func officeRig(t *testing.T) (*rig, data.Case) {
	t.Helper()
	r := newRig(t)
	c, err := r.st.CreateCase(context.Background(), data.Case{NameA: "Ngozi", NameB: "Mei-Lin", Rebuilding: data.RebuilderA,
		StartDate: data.NewDate(2026, 3, 4)})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.st.SetCode(context.Background(), c.ID, "R-17"); err != nil {
		t.Fatal(err)
	}
	r.win.SetOffice(true)
	return r, c
}

func namesAnyone(texts []string, c data.Case) string {
	for _, s := range texts {
		for _, n := range []string{c.NameA, c.NameB, "R-17", "N. & M."} {
			if strings.Contains(s, n) {
				return s
			}
		}
	}
	return ""
}

// TestOfficeHideNamesNoClient: Hide, from a couple or from the list, shows a screen that names
// nobody, and the list comes back only when asked for.
func TestOfficeHideNamesNoClient(t *testing.T) {
	r, c := officeRig(t)
	r.win.OpenCouple(c.ID)
	if r.win.Couple == nil {
		t.Fatal("the couple did not open")
	}
	for _, from := range []string{"couple", "list"} {
		r.win.Hide()
		if r.win.Hidden == nil || r.win.Couple != nil || r.win.Start != nil {
			t.Fatalf("hide from the %s: not on the hidden screen", from)
		}
		if s := namesAnyone(texts(r.win.Win.Content()), c); s != "" {
			t.Errorf("hide from the %s: the screen shows %q", from, s)
		}
		test.Tap(r.win.Hidden.Show)
		if r.win.Start == nil {
			t.Fatal("Show the couples did not show the list")
		}
	}
	// At home, hiding still returns to the list.
	r.win.SetOffice(false)
	r.win.Hide()
	if r.win.Start == nil || r.win.Hidden != nil {
		t.Error("at home, Hide shows the list of couples")
	}
}

// TestOfficeIdleClosesAnUnlockedCouple: in an office every couple closes when left untouched;
// at home only a locked one does.
func TestOfficeIdleClosesAnUnlockedCouple(t *testing.T) {
	r, c := officeRig(t)
	idle := func() {
		r.win.activity.last.Store(time.Now().Add(-time.Duration(r.win.idleMinutes()+1) * time.Minute).UnixNano())
		r.win.lockIfIdle()
	}
	r.win.SetOffice(false)
	r.win.OpenCouple(c.ID)
	idle()
	if r.win.Couple == nil {
		t.Fatal("at home an unlocked couple closed when idle")
	}
	r.win.SetOffice(true)
	r.win.OpenCouple(c.ID)
	r.win.activity.touch()
	r.win.lockIfIdle()
	if r.win.Couple == nil {
		t.Fatal("a couple in use closed")
	}
	idle()
	if r.win.Couple != nil || r.win.Hidden == nil {
		t.Fatal("in office mode an idle unlocked couple stayed open")
	}
	if s := namesAnyone(texts(r.win.Win.Content()), c); s != "" {
		t.Errorf("the idle screen shows %q", s)
	}
}

// TestOfficeListShowsCodesAndSearches: codes or initials, never names; the example couple is
// not a client; a finished couple leaves the list but is found by searching.
func TestOfficeListShowsCodesAndSearches(t *testing.T) {
	r, c := officeRig(t)
	ctx := context.Background()
	other, err := r.st.CreateCase(ctx, data.Case{NameA: "Tomás", NameB: "Yuki", Rebuilding: data.RebuilderB})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.state.OpenSample(); err != nil {
		t.Fatal(err)
	}
	r.win.ShowStart()
	titles := func() []string {
		var out []string
		for _, row := range shown(t, r.win.Start) {
			out = append(out, row.Title)
		}
		return out
	}
	if got := strings.Join(titles(), "|"); got != "T. & Y.|R-17" {
		t.Errorf("the office list shows %q, want the code and the initials only", got)
	}
	test.Type(r.win.Start.Search, "tom")
	if got := strings.Join(titles(), "|"); got != "T. & Y." {
		t.Errorf("searching a name: %q", got)
	}
	// Finished: out of the active list, still found.
	r.win.Start.Search.SetText("")
	r.win.OpenCouple(c.ID)
	r.win.toggleFinished()
	if got := strings.Join(titles(), "|"); got != "T. & Y." {
		t.Errorf("with R-17 finished the list shows %q", got)
	}
	test.Type(r.win.Start.Search, "r-1")
	if rows := shown(t, r.win.Start); len(rows) != 1 || rows[0].Case.ID != c.ID || rows[0].Step != r.state.Content().T("ui.office.finished") {
		t.Errorf("searching the finished couple's code: %+v", rows)
	}
	test.Tap(r.win.Start.Sample) // the example still opens, it is just not a client
	if r.win.Couple == nil || !r.win.Couple.d.Case.Example {
		t.Error("the example couple does not open in office mode")
	}
	_ = other
}

// TestTherapistNotesStayOutOfTheCouplesViewAndWorkbook: the notes are on their own page, on no
// step of the couple's, and not in their workbook.
func TestTherapistNotesStayOutOfTheCouplesViewAndWorkbook(t *testing.T) {
	needPoppler(t)
	r, c := officeRig(t)
	const secret = "Therapist only: watch the pattern 🔒"
	r.win.OpenCouple(c.ID)
	r.win.ShowNotes()
	if r.win.Notes == nil {
		t.Fatal("the notes page did not open")
	}
	test.Type(r.win.Notes.Text, secret)
	test.Tap(r.win.Notes.Back)
	if got, err := r.st.TherapistNotes(context.Background(), c.ID); err != nil || got != secret {
		t.Fatalf("stored notes %q, %v", got, err)
	}
	for _, step := range app.Journey {
		r.win.Couple.Show(step)
		if shows(r.win.Win.Content(), "Therapist only") {
			t.Errorf("the %s step shows the therapist's notes", step)
		}
	}
	pdf := filepath.Join(t.TempDir(), "w.pdf")
	if err := app.ExportWorkbook(context.Background(), r.st, c.ID, pdf, workbook.Options{Weeks: 2}); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, pdf); strings.Contains(text, "Therapist only") || strings.Contains(text, "pattern") {
		t.Error("the workbook prints the therapist's notes")
	}
	// Reopened, the notes are there for the therapist.
	r.win.ShowNotes()
	if r.win.Notes.Text.Text != secret {
		t.Errorf("reopened notes: %q", r.win.Notes.Text.Text)
	}
	// At home the notes page does not open.
	test.Tap(r.win.Notes.Back)
	r.win.SetOffice(false)
	r.win.OpenCouple(c.ID)
	r.win.Notes = nil
	r.win.ShowNotes()
	if r.win.Notes != nil {
		t.Error("the therapist's notes opened outside office mode")
	}
}

// TestOfficeListSaysWhyItIsEmpty: a search that finds nobody says so, with what was searched,
// and an office whose clients are all finished says how to find them, instead of a blank list.
func TestOfficeListSaysWhyItIsEmpty(t *testing.T) {
	r, c := officeRig(t)
	content := r.state.Content()
	s := r.win.Start
	if s.Empty.Visible() {
		t.Errorf("with a client listed the list says %q", s.Empty.Text)
	}
	test.Type(s.Search, "zq")
	if want := content.Tf("ui.office.nomatch", "zq"); !s.Empty.Visible() || s.Empty.Text != want || s.Len() != 0 {
		t.Errorf("a search finding nobody: %q (shown %v), want %q", s.Empty.Text, s.Empty.Visible(), want)
	}
	if err := r.st.SetFinished(context.Background(), c.ID, true); err != nil {
		t.Fatal(err)
	}
	r.win.ShowStart()
	if s := r.win.Start; !s.Empty.Visible() || s.Empty.Text != content.T("ui.office.none") {
		t.Errorf("every client finished: %q (shown %v)", s.Empty.Text, s.Empty.Visible())
	}
}
