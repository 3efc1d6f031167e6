package screens

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/workbook"
)

// TestRitualPlanIsKeptAndPrinted: the ritual prompts the workbook prints have their screen, and
// what the couple plans there prints filled in, whoever of them is at the keyboard.
func TestRitualPlanIsKeptAndPrinted(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepRitual)
	s := c.Current.(*ritualScreen)
	prompts := r.state.Content().Section("ritual-prompts").Entries
	plans := map[string]string{
		prompts[0].ID: "The old phone, and the habit of deleting messages. 📱",
		prompts[2].ID: "Sunday morning, by the lake where we met.",
	}
	for id, text := range plans {
		test.Type(s.Plan[id], text)
	}
	d := r.dossier()
	for id, text := range plans {
		if got := app.RitualPlan(d, id); got != text {
			t.Errorf("plan for %s = %q, want %q", id, got, text)
		}
	}
	if got := app.Progress(r.state.Content(), d, app.StepRitual); got != 2.0/float64(len(prompts)) {
		t.Errorf("ritual progress = %v", got)
	}
	// Alex at the keyboard sees the same plan: it is the couple's, not one partner's.
	c.SetKeyboard(app.KeyboardB)
	c.Show(app.StepWelcome)
	c.Show(app.StepRitual)
	if got := c.Current.(*ritualScreen).Plan[prompts[2].ID].Text; got != plans[prompts[2].ID] {
		t.Errorf("Alex sees %q", got)
	}
	needPoppler(t)
	path := filepath.Join(t.TempDir(), "wb.pdf")
	if err := app.ExportWorkbook(context.Background(), r.st, d.Case.ID, path, workbook.Options{Sections: []string{workbook.SecRitual}}); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, path)
	if !strings.Contains(text, "Sunday morning, by the lake where we met.") || !strings.Contains(text, "The old phone") {
		t.Errorf("the workbook does not print the plan:\n%s", text)
	}
}
