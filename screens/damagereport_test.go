package screens

import (
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kintsugi/app"
)

// In the Russian window, the report of a damaged answer that shows as the couple opens is in
// Russian: it names the partner by the couple's name and the question by its title, with no
// English phrase left in it.
func TestTheDamageReportSpeaksTheWindowsLanguage(t *testing.T) {
	r := newRig(t)
	r.win.SetLanguage("ru")
	c := r.couple(app.StepReflection)
	id := r.state.CaseID()
	c.SetKeyboard(app.KeyboardA)
	c.Current.(*reflectionScreen).Answers["CLAR-01"].SetText("Only Sam may read this.")
	if err := r.win.SetPassphrase("a kind long phrase", "a kind long phrase", 5); err != nil {
		t.Fatal(err)
	}
	r.win.Hide()
	if _, err := r.st.DB().Exec("UPDATE answers SET body = substr(body, 1, 30) || CASE substr(body, 31, 1) WHEN X'00' THEN X'01' ELSE X'00' END || substr(body, 32) WHERE partner = 'A'"); err != nil {
		t.Fatal(err)
	}
	if err := r.win.Unlock(id, "a kind long phrase"); err != nil {
		t.Fatal(err)
	}
	r.win.OpenCouple(id)
	top := r.win.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the window does not say that a part is damaged")
	}
	if dir := os.Getenv("KINTSUGI_SHOTS"); dir != "" { // to look at it
		if f, err := os.Create(filepath.Join(dir, "damage-ru.png")); err == nil {
			png.Encode(f, r.win.Win.Canvas().Capture())
			f.Close()
		}
	}
	var report string
	for _, s := range texts(top) {
		if strings.Contains(s, "Sam") { // the dialog's label, before it is wrapped into lines
			report = s
			break
		}
	}
	ru := r.state.Content()
	if want := "Sam: ответ на вопрос «" + ru.Entry("CLAR-01").Title + "»"; !strings.Contains(report, want) {
		t.Errorf("the report %q does not name %q", report, want)
	}
	for _, w := range regexp.MustCompile(`[A-Za-z]+`).FindAllString(report, -1) {
		if w != "Sam" {
			t.Errorf("the Russian report %q has %q in English", report, w)
		}
	}
}
