package screens

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

// pinNow sets the app's clock for one test.
func pinNow(t *testing.T, now time.Time) {
	old := app.Now
	app.Now = func() time.Time { return now }
	t.Cleanup(func() { app.Now = old })
}

// TestTrackingRefusesFutureAndPreAgreementDays: in week 1 (the couple starts on Wednesday 4 March)
// Monday and Tuesday come before the agreement, and on Friday 6 March the weekend is still to
// come; those cells take no mark, and a tap says why. The chart follows each mark as it is made.
func TestTrackingRefusesFutureAndPreAgreementDays(t *testing.T) {
	pinNow(t, time.Date(2026, 3, 6, 12, 0, 0, 0, time.Local))
	r := newRig(t)
	c := r.couple(app.StepTracking)
	cm, err := r.st.SaveCommitment(r.state.Context(), data.Commitment{CaseID: r.state.CaseID(), CatalogID: "PRED-05",
		Cost: data.CostModerate, AgreedA: true, AgreedB: true})
	if err != nil {
		t.Fatal(err)
	}
	c.Show(app.StepTracking)
	s := c.Current.(*trackingScreen)
	if s.Week != 1 {
		t.Fatalf("week %d", s.Week)
	}
	cells := s.Cells[cm.ID]
	for day, open := range []bool{false, false, true, true, true, false, false} {
		if cells[day].Disabled() == open {
			t.Errorf("day %d: disabled %v", day, cells[day].Disabled())
		}
	}
	s.cycle(cm.ID, 6) // as if tapped: Sunday 8 March is still to come
	if !strings.Contains(s.Message.Text, "still to come") {
		t.Errorf("no reason for a future day: %q", s.Message.Text)
	}
	s.cycle(cm.ID, 0)
	if !strings.Contains(s.Message.Text, "before the agreement") {
		t.Errorf("no reason for a day before the agreement: %q", s.Message.Text)
	}
	if kept, _ := s.Chart.Weeks[0].KeptShare(); s.Chart.Weeks[0].Kept != 0 || kept != 0 {
		t.Fatalf("chart before marking: %+v", s.Chart.Weeks[0])
	}
	test.Tap(cells[2])
	test.Tap(cells[3])
	test.Tap(cells[3]) // missed
	if w := s.Chart.Weeks[0]; w.Kept != 1 || w.Missed != 1 {
		t.Errorf("the chart did not follow the marks: %+v", w)
	}
	test.Tap(s.Trust[7])
	if s.Chart.Weeks[0].Trust != 7 {
		t.Errorf("the chart did not follow the rating: %+v", s.Chart.Weeks[0])
	}
	r.state.Flush()
	d := r.dossier()
	for day := range 7 {
		m := d.Mark(cm.ID, d.Case.WeekStart(1).AddDays(day))
		if (day == 2) != (m == data.MarkKept) || (day == 3) != (m == data.MarkMissed) {
			t.Errorf("day %d stored %q", day, m)
		}
	}
}
