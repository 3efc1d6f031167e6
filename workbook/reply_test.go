package workbook_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"kintsugi/data"
	"kintsugi/workbook"
)

// TestTheLettersReplyPrintsOnceShared: the hurt partner's reply to the apology letter is theirs
// until they share it; the workbook, which both read, prints it only then, marked with its author.
func TestTheLettersReplyPrintsOnceShared(t *testing.T) {
	ctx := context.Background()
	c := content(t)
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs, err := st.CreateCase(ctx, data.Case{NameA: "Noor", NameB: "Jonas", Rebuilding: data.RebuilderB, StartDate: data.NewDate(2026, 3, 4)})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveLetter(ctx, data.Letter{CaseID: cs.ID, Status: data.LetterGiven, Text: "Dear Noor, I am sorry."}); err != nil {
		t.Fatal(err)
	}
	const reply = "Jonas, I read it twice. I am not ready to forgive, but I am listening."
	letter := func() string {
		t.Helper()
		d, err := st.Dossier(ctx, cs.ID)
		if err != nil {
			t.Fatal(err)
		}
		return flat(pdfText(t, write(t, d, workbook.Options{Sections: []string{workbook.SecLetter}})))
	}
	noor := data.KeyboardOf(data.PartnerA)
	if err := st.SaveLetterReply(ctx, noor, cs.ID, reply, false); err != nil {
		t.Fatal(err)
	}
	if text := letter(); strings.Contains(text, "I am not ready to forgive") || !strings.Contains(text, "Dear Noor, I am sorry.") {
		t.Errorf("with the reply kept private:\n%s", text)
	}
	if err := st.SaveLetterReply(ctx, noor, cs.ID, reply, true); err != nil {
		t.Fatal(err)
	}
	if text, want := letter(), flat(c.Tf("wb.letter.reply", "Noor")+" "+reply); !strings.Contains(text, want) {
		t.Errorf("the shared reply does not print as %q:\n%s", want, text)
	}
}
