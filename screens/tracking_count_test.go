package screens

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
	"kintsugi/workbook"
)

// TestTrackingCountsAWeek: dinner at home five days a week is counted for the week with − and
// +, by pointer or by keyboard, and the count is what is stored; not seven day cells.
func TestTrackingCountsAWeek(t *testing.T) {
	pinNow(t, time.Date(2026, 11, 29, 12, 0, 0, 0, time.Local)) // a Sunday
	r := newRig(t)
	c := r.couple(app.StepTracking)
	dinner, err := r.st.SaveCommitment(r.state.Context(), data.Commitment{CaseID: r.state.CaseID(), CatalogID: "PRED-13", Param: 5,
		Cost: data.CostModerate, AgreedA: true, AgreedB: true})
	if err != nil {
		t.Fatal(err)
	}
	c.Show(app.StepTracking)
	s := c.Current.(*trackingScreen)
	count := s.Counts[dinner.ID]
	if _, daily := s.Cells[dinner.ID]; daily || count == nil {
		t.Fatal("dinner at home is ticked day by day instead of counted")
	}
	if count.Value.Text != "not counted" || !count.Less.Disabled() {
		t.Errorf("before counting: %q, less enabled %v", count.Value.Text, !count.Less.Disabled())
	}
	for range 4 {
		test.Tap(count.More)
	}
	test.Tap(count.Less)
	if count.Value.Text != "3 of 5" {
		t.Errorf("the stepper shows %q, want 3 of 5", count.Value.Text)
	}
	if n, ok := r.dossier().WeekCount(dinner.ID, s.Week); n != 3 || !ok {
		t.Fatalf("stored count %d (%v), want 3", n, ok)
	}
	if w := s.Chart.Weeks[s.Week-1]; w.Kept != 3 || w.Missed != 2 {
		t.Errorf("the chart's week: %+v, want 3 kept and 2 missed", w)
	}

	// By keyboard: focus + and press Space.
	r.win.Win.Canvas().Focus(count.More)
	r.win.Win.Canvas().Focused().(fyne.Focusable).TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if n, _ := r.dossier().WeekCount(dinner.ID, s.Week); n != 4 {
		t.Errorf("after Space on +: %d, want 4", n)
	}
	// The workbook prints the count recorded, on the week's sheet.
	needPoppler(t)
	pdf := filepath.Join(t.TempDir(), "w.pdf")
	if err := app.ExportWorkbook(r.state.Context(), r.st, r.state.CaseID(), pdf, workbook.Options{Sections: []string{workbook.SecTracking}}); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, pdf); !strings.Contains(text, "How many this week 4 of 5") {
		t.Errorf("the workbook does not print the week's count 4 of 5")
	}

	// Reopened, the week shows what was stored; one less than none clears it.
	c.Show(app.StepTracking)
	s = c.Current.(*trackingScreen)
	count = s.Counts[dinner.ID]
	if count.Value.Text != "4 of 5" {
		t.Errorf("reopened: %q", count.Value.Text)
	}
	for range 5 {
		test.Tap(count.Less)
	}
	if n, ok := r.dossier().WeekCount(dinner.ID, s.Week); ok {
		t.Errorf("a cleared week still counts %d", n)
	}
	if count.Value.Text != "not counted" {
		t.Errorf("cleared: %q", count.Value.Text)
	}
}

// A week still to come cannot be counted.
func TestTrackingCountRefusesAWeekToCome(t *testing.T) {
	pinNow(t, time.Date(2026, 11, 29, 12, 0, 0, 0, time.Local))
	r := newRig(t)
	c := r.couple(app.StepTracking)
	dinner, err := r.st.SaveCommitment(r.state.Context(), data.Commitment{CaseID: r.state.CaseID(), CatalogID: "PRED-13", Param: 5,
		Cost: data.CostModerate, AgreedA: true, AgreedB: true})
	if err != nil {
		t.Fatal(err)
	}
	c.Show(app.StepTracking)
	s := c.Current.(*trackingScreen)
	s.ShowWeek(s.Week + 1)
	s = c.Current.(*trackingScreen)
	count := s.Counts[dinner.ID]
	if !count.More.Disabled() {
		t.Error("next week's + is enabled")
	}
	s.step(dinner.ID, +1)
	if _, ok := r.dossier().WeekCount(dinner.ID, s.Week); ok {
		t.Error("a week to come was counted")
	}
}
