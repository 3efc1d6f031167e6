package screens

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
)

// TestHeaderShowsWhatIsDue: a new couple has nothing due; the example couple, once its review
// date has passed, is told in the header that the review and this week's check-in are due, and
// the check-in leaves the list once written.
func TestHeaderShowsWhatIsDue(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepWelcome)
	if c.Due.Visible() {
		t.Errorf("a new couple has something due: %q", c.Due.Text)
	}
	r.win.ShowStart()
	c = r.sample(app.StepWelcome)
	ag := c.d.Agreements[len(c.d.Agreements)-1]
	pinNow(t, ag.ReviewDate.Time().AddDate(0, 0, 3).Add(12*time.Hour))
	c.Show(app.StepTracking)
	content := r.state.Content
	if !c.Due.Visible() || !strings.Contains(c.Due.Text, content.T("ui.due.checkin")) ||
		!strings.Contains(c.Due.Text, content.Date(ag.ReviewDate.Time())) {
		t.Fatalf("due after the review date: %q (visible %v)", c.Due.Text, c.Due.Visible())
	}
	s := c.Current.(*trackingScreen)
	test.Tap(s.Trust[5])
	r.state.Flush()
	c.Show(app.StepTracking)
	if strings.Contains(c.Due.Text, content.T("ui.due.checkin")) {
		t.Errorf("the check-in is still due once written: %q", c.Due.Text)
	}
}
