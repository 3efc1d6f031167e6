package screens

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

func TestTrackingMarksDaysAndTrust(t *testing.T) {
	pinNow(t, time.Date(2026, 11, 29, 12, 0, 0, 0, time.Local)) // a Sunday: the whole week can be marked
	r := newRig(t)
	c := r.couple(app.StepTracking)
	ctx := r.state.Context()
	cm, err := r.st.SaveCommitment(ctx, data.Commitment{CaseID: r.state.CaseID(), CatalogID: "PRED-05", Cost: data.CostModerate, AgreedA: true, AgreedB: true})
	if err != nil {
		t.Fatal(err)
	}
	c.Show(app.StepTracking)
	s := c.Current.(*trackingScreen)
	cells, ok := s.Cells[cm.ID]
	if !ok {
		t.Fatal("the agreed commitment has no row")
	}
	test.Tap(cells[0]) // kept
	test.Tap(cells[1]) // kept
	test.Tap(cells[1]) // missed
	test.Tap(cells[2]) // kept
	test.Tap(cells[2]) // missed
	test.Tap(cells[2]) // not applicable
	test.Tap(s.Trust[6])
	test.Type(s.Notes[2], "Dinner together 🍲, 谢谢")
	d := r.dossier()
	monday := d.Case.WeekStart(s.Week)
	want := []data.Mark{data.MarkKept, data.MarkMissed, data.MarkNA, data.MarkNone}
	for day, m := range want {
		if got := d.Mark(cm.ID, monday.AddDays(day)); got != m {
			t.Errorf("day %d: mark %q, want %q", day, got, m)
		}
	}
	ci := d.CheckIn(s.Week)
	if ci.Trust != 6 || ci.Appreciated != "Dinner together 🍲, 谢谢" {
		t.Errorf("check-in: %+v", ci)
	}
	if cells[1].Text != r.state.Content().T("ui.tracking.mark.missed") {
		t.Errorf("missed cell shows %q", cells[1].Text)
	}
}

func TestTrackingTrustIsTheHurtPartnersToGive(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepTracking)
	c.SetKeyboard(app.KeyboardA) // Sam is rebuilding trust
	s := c.Current.(*trackingScreen)
	if !s.Trust[5].Disabled() {
		t.Fatal("the partner rebuilding trust can rate trust")
	}
	c.SetKeyboard(app.KeyboardB)
	if s := c.Current.(*trackingScreen); s.Trust[5].Disabled() {
		t.Fatal("the hurt partner cannot rate trust")
	}
}

func TestTrackingSampleWeeksAndSwitching(t *testing.T) {
	r := newRig(t)
	c := r.sample(app.StepTracking)
	s := c.Current.(*trackingScreen)
	if s.Week != app.SampleWeeks && s.Week != app.SampleWeeks+1 {
		t.Errorf("the sample opens at week %d", s.Week)
	}
	if len(s.Chart.Weeks) < app.SampleWeeks {
		t.Errorf("chart has %d weeks", len(s.Chart.Weeks))
	}
	s.ShowWeek(2)
	s2 := c.Current.(*trackingScreen)
	if s2.Week != 2 || !strings.HasPrefix(s2.WeekPick.Selected, "Week 2:") {
		t.Fatalf("after switching: week %d, picker %q", s2.Week, s2.WeekPick.Selected)
	}
	d := r.dossier()
	if ci := d.CheckIn(2); ci.Trust < 0 || s2.Trust[ci.Trust].Importance != widget.HighImportance {
		t.Errorf("week 2's rating %d is not highlighted", ci.Trust)
	}
	if got := s2.Notes[0].Text; got != d.CheckIn(2).WentWell {
		t.Errorf("week 2 notes show %q", got)
	}
}

// TestTrackingWeekPickerShowsTheLongestWeekWhole: the example's weeks run into November, whose
// names ("Week 12: 16 November – 22 November 2026") were cut by a picker of fixed width.
func TestTrackingWeekPickerShowsTheLongestWeekWhole(t *testing.T) {
	r := newRig(t)
	s := r.sample(app.StepTracking).Current.(*trackingScreen)
	s.WeekPick.Refresh()
	th := s.WeekPick.Theme()
	inner := th.Size(theme.SizeNameInnerPadding)
	for _, n := range s.weekNames {
		need := fyne.MeasureText(n, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width + 4*inner + th.Size(theme.SizeNameInlineIcon)
		if got := s.WeekPick.Size().Width; got < need {
			t.Errorf("%q needs %.0f, the picker is %.0f wide", n, need, got)
		}
	}
}

// TestTrackingGridShowsTheCouplesOwnCodes: a couple's own commitment carries the code the
// workbook gives it (C.1, C.2, ...) in the window's tracking grid too, beside the catalog's.
func TestTrackingGridShowsTheCouplesOwnCodes(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepTracking)
	ctx := r.state.Context()
	for _, cm := range []data.Commitment{
		{CaseID: r.state.CaseID(), CustomText: "Phones away at dinner", Cost: data.CostLow, AgreedA: true, AgreedB: true},
		{CaseID: r.state.CaseID(), CatalogID: "PRED-05", Cost: data.CostModerate, AgreedA: true, AgreedB: true},
		{CaseID: r.state.CaseID(), CustomText: "A walk on Sundays", Cost: data.CostLow, AgreedA: true, AgreedB: true},
	} {
		if _, err := r.st.SaveCommitment(ctx, cm); err != nil {
			t.Fatal(err)
		}
	}
	c.Show(app.StepTracking)
	var labels []string
	walk(t, c.Current.View(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Truncation == fyne.TextTruncateEllipsis {
			labels = append(labels, l.Text)
		}
	})
	codes := r.state.Content().CommitmentCodes(r.dossier().Agreed())
	for _, want := range []string{"C.1  Phones away at dinner", "C.2  A walk on Sundays", r.state.Content().Entry("PRED-05").Code + "  "} {
		found := false
		for _, l := range labels {
			found = found || strings.HasPrefix(l, want)
		}
		if !found {
			t.Errorf("no row %q in the grid: %q (codes %v)", want, labels, codes)
		}
	}
}
