package screens

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
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
	content := r.state.Content()
	if !c.Due.Visible() || !strings.Contains(c.Due.Text, content.Tf("ui.due.checkin", content.T("ui.step.tracking"))) ||
		!strings.Contains(c.Due.Text, content.Date(ag.ReviewDate.Time())) {
		t.Fatalf("due after the review date: %q (visible %v)", c.Due.Text, c.Due.Visible())
	}
	s := c.Current.(*trackingScreen)
	test.Tap(s.Trust[5])
	r.state.Flush()
	c.Show(app.StepTracking)
	if strings.Contains(c.Due.Text, content.Tf("ui.due.checkin", content.T("ui.step.tracking"))) {
		t.Errorf("the check-in is still due once written: %q", c.Due.Text)
	}
}

// TestStartListSaysWhatIsDue: the list of couples says briefly what is due for each couple, as
// its header does at length: the example couple's check-in until it is written, nothing for a
// couple that has not signed an agreement.
func TestStartListSaysWhatIsDue(t *testing.T) {
	r := newRig(t)
	r.couple(app.StepWelcome)
	r.win.ShowStart()
	c := r.sample(app.StepTracking)
	r.win.ShowStart()
	dueOf := func() map[string]string {
		out := map[string]string{}
		for i, row := range shown(t, r.win.Start) {
			o := r.win.Start.newRow()
			r.win.Start.updateRow(i, o)
			line := o.(*listLine)
			rend := test.TempWidgetRenderer(t, line).(*listLineRenderer)
			line.Resize(fyne.NewSize(1080, 40))
			if line.Due != "" {
				out[row.Title] = rend.due.Text
			} else if rend.due.Text != "" {
				t.Errorf("%s: nothing due, yet the line shows %q", row.Title, rend.due.Text)
			}
		}
		return out
	}
	checkIn := r.state.Content().T("ui.start.due.checkin")
	if got := dueOf(); len(got) != 1 || got[c.d.Case.Title()] != checkIn {
		t.Fatalf("due in the list: %q, want only the example's %q", got, checkIn)
	}
	r.win.OpenCouple(c.d.Case.ID)
	r.win.Couple.Show(app.StepTracking)
	test.Tap(r.win.Couple.Current.(*trackingScreen).Trust[5])
	test.Tap(r.win.Couple.Back)
	if got := dueOf(); len(got) != 0 {
		t.Errorf("due once the check-in is written: %q", got)
	}
}

// TestDueCheckInNamesTheStepAsTheListDoes: the header sends the couple to the step where the
// check-in is written by the name the list of steps gives it, in every language (the Russian
// said «Еженедельный учёт» beside a list that says «Недельные отметки»).
func TestDueCheckInNamesTheStepAsTheListDoes(t *testing.T) {
	r := newRig(t)
	cp := r.sample(app.StepWelcome)
	for _, lang := range []string{"en", "ru"} {
		c, err := app.LoadContent(lang)
		if err != nil {
			t.Fatal(err)
		}
		due := whatIsDue(c, cp.d)
		if !slices.ContainsFunc(due, func(s string) bool { return strings.Contains(s, c.T("ui.step.tracking")) }) {
			t.Errorf("%s: what is due %q does not name the step %q", lang, due, c.T("ui.step.tracking"))
		}
	}
}

// TestAlteredAgreementIsWhatIsDue: an amount of the signed agreement changed in the file by hand
// takes the check-in off, in the header and in the list; both say, in every language, that the
// agreement was changed after signing.
func TestAlteredAgreementIsWhatIsDue(t *testing.T) {
	r := newRig(t)
	c := r.sample(app.StepWelcome)
	for _, q := range []string{"DROP TRIGGER IF EXISTS agreement_items_frozen_update", "UPDATE agreement_items SET param = param + 1"} {
		if _, err := r.st.DB().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	d := r.dossier()
	for _, lang := range []string{"en", "ru"} {
		content, err := app.LoadContent(lang)
		if err != nil {
			t.Fatal(err)
		}
		if due := whatIsDue(content, d); !slices.Equal(due, []string{content.T("ui.due.altered")}) {
			t.Errorf("%s: the header says %q, want only that the agreement was changed", lang, due)
		}
	}
	r.win.ShowStart()
	found := false
	for i, row := range shown(t, r.win.Start) {
		if row.Case.ID != c.d.Case.ID {
			continue
		}
		found = true
		o := r.win.Start.newRow()
		r.win.Start.updateRow(i, o)
		if got, want := o.(*listLine).Due, r.state.Content().T("ui.start.due.altered"); got != want {
			t.Errorf("the list says %q, want %q", got, want)
		}
	}
	if !found {
		t.Error("the example couple is not in the list")
	}
}
