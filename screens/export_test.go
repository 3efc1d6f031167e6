package screens

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/workbook"
)

func TestExportWritesWhatWasTyped(t *testing.T) {
	needPoppler(t)
	r := newRig(t)
	c := r.couple(app.StepHappened)
	h := c.Current.(*happenedScreen)
	h.Description.SetText("We stopped telling each other the truth in spring.")
	c.Show(app.StepWorkbook)
	s := c.Current.(*exportScreen)
	s.Weeks.SetText("3")
	s.Paper.SetSelected(r.state.Content().T("ui.paper.letter"))
	test.Tap(s.Sections[workbook.SecCatalog]) // leave the catalog out
	opt, err := s.Options()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ours.pdf")
	// Typing is still pending here: Export must save it before printing.
	if err := s.Export(path, r.state.CaseID(), opt); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, path)
	for _, want := range []string{"Sam & Alex", "We stopped telling each other the truth in spring.", "Week 3"} {
		if !strings.Contains(text, want) {
			t.Errorf("the exported workbook lacks %q", want)
		}
	}
	if strings.Contains(text, "Week 4") || strings.Contains(text, "I.17") {
		t.Error("the chosen weeks and sections were not respected")
	}
	info, _ := exec.Command("pdfinfo", path).Output()
	if !strings.Contains(string(info), "letter") {
		t.Errorf("not US Letter: %s", info)
	}
}

func TestExportRefusesBadOptions(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepWorkbook)
	s := c.Current.(*exportScreen)
	s.Weeks.SetText("0")
	if _, err := s.Options(); err == nil {
		t.Error("zero weeks accepted")
	}
	s.Weeks.SetText("12")
	for _, check := range s.Sections {
		check.SetChecked(false)
	}
	if _, err := s.Options(); err == nil {
		t.Error("a workbook with nothing in it accepted")
	}
}

// TestExportNamesWhatCannotPrint: before printing, the window says which characters no font
// can draw, naming them; text every font draws raises no warning. Every section has its label.
func TestExportNamesWhatCannotPrint(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepHappened)
	c.Current.(*happenedScreen).Description.SetText("Он обещал. Zoë's café.")
	c.Show(app.StepWorkbook)
	if s := c.Current.(*exportScreen); s.Unprintable.Visible() {
		t.Errorf("a warning for printable text: %q", s.Unprintable.Text)
	}
	for _, sec := range workbook.AllSections() {
		if l := c.Current.(*exportScreen).Sections[sec].Text; strings.Contains(l, "⟦") {
			t.Errorf("section %s has no label: %s", sec, l)
		}
	}
	c.Show(app.StepHappened)
	c.Current.(*happenedScreen).Description.SetText("It ended with a rose 🌹 on the table.")
	r.state.Flush()
	c.Show(app.StepWorkbook)
	s := c.Current.(*exportScreen)
	if !s.Unprintable.Visible() || !strings.Contains(s.Unprintable.Text, "🌹") || !strings.Contains(s.Unprintable.Text, "U+1F339") {
		t.Errorf("the rose is not named before printing: %q", s.Unprintable.Text)
	}
}
