package workbook_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"kintsugi/data"
	"kintsugi/workbook"
)

// TestTextsOfADamagedPINPrintAsKeptPrivate: what a partner sealed under a PIN that was started
// anew because its record was damaged (Store.ReplaceDamagedPIN) can be opened by nobody. In the
// workbook such an answer prints as kept private, as any private answer does, never as an
// answer left blank, and no lost text (answer, own week note, reply to the letter) prints.
func TestTextsOfADamagedPINPrintAsKeptPrivate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	st, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	c, err := st.CreateCase(ctx, data.Case{NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderA,
		StartDate: data.NewDate(2026, 3, 2), Paper: data.PaperA4, Language: "en"})
	must(err)
	must(st.Lock(ctx, c.ID, "correct horse battery")) // a locked couple's PINs are sealed, so damage shows
	for _, p := range data.Partners {
		must(st.SetPIN(ctx, c.ID, p, "2468"))
	}
	must(st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: "LOST-answer of Sam"}))
	must(st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerB, QuestionID: "CLAR-01", Text: "Shared answer of Alex.", Shared: true}))
	must(st.SaveWeekNote(ctx, data.KeyboardOf(data.PartnerA), data.WeekNote{CaseID: c.ID, Week: 1, Partner: data.PartnerA, Text: "LOST-weeknote of Sam"}))
	must(st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "Dear Alex, the letter is shared.", Status: data.LetterGiven}))
	must(st.SaveLetterReply(ctx, data.KeyboardOf(data.PartnerB), c.ID, "LOST-reply of Alex", false))
	for _, p := range data.Partners {
		// One byte of the PIN's sealed secret changed: the record is damaged.
		res, err := st.DB().Exec("UPDATE pins SET secret = substr(secret, 1, 30) || CASE substr(secret, 31, 1) WHEN X'00' THEN X'01' ELSE X'00' END || substr(secret, 32) WHERE case_id = ? AND partner = ?", c.ID, string(p))
		must(err)
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			t.Fatalf("damage partner %s's PIN: %d rows, %v", p, n, err)
		}
	}
	// Another day, another process: nothing of the old PINs is held in memory.
	must(st.Close())
	if st, err = data.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	must(st.Unlock(ctx, c.ID, "correct horse battery"))
	for _, p := range data.Partners {
		must(st.ReplaceDamagedPIN(ctx, data.KeyboardOf(p), c.ID, p, "1357"))
	}
	d, err := st.Dossier(ctx, c.ID)
	must(err)
	if a := d.Answer(data.PartnerA, "CLAR-01"); a == nil || !a.Lost {
		t.Fatalf("the answer sealed under the damaged PIN is not read as lost: %+v", a)
	}
	text := flat(pdfText(t, write(t, d, workbook.Options{Weeks: 1})))
	if strings.Contains(text, "LOST-") {
		t.Errorf("a text nobody can open printed:\n%s", text)
	}
	if !strings.Contains(text, "Shared answer of Alex.") || !strings.Contains(text, "the letter is shared") {
		t.Fatalf("the shared texts did not print, so this test shows nothing")
	}
	// Sam's lost answer to CLAR-01 prints as kept private, the only private answer there is.
	if n := strings.Count(text, content(t).T("wb.answer.private")); n != 1 {
		t.Errorf("%d answers printed as kept private, want Sam's lost one", n)
	}
}
