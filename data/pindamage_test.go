package data_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"kintsugi/data"
)

// One damaged byte in a partner's sealed PIN (its secret, or its check value) of a locked couple
// is damage like any other: named, the rest of the couple opens after the passphrase, and that
// partner's private texts stay closed: never shown, never taken for "no PIN".
func TestADamagedPINLeavesTheCoupleOpenAndItsTextsClosed(t *testing.T) {
	for _, col := range []string{"secret", "check_value"} {
		t.Run(col, func(t *testing.T) {
			st, _ := openTemp(t)
			ctx := context.Background()
			c := lockedCouple(t, st)
			must(t, st.Lock(ctx, c.ID, "correct horse battery"))
			must(t, st.SetPIN(ctx, c.ID, data.PartnerA, "2468"))
			must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerB, QuestionID: "CLAR-02", Text: "ALEX-PRIVATE"}))
			res, err := st.DB().Exec("UPDATE pins SET "+col+" = substr("+col+", 1, 30) || CASE substr("+col+", 31, 1) WHEN X'00' THEN X'01' ELSE X'00' END || substr("+col+", 32) WHERE case_id = ? AND partner = 'A'", c.ID)
			must(t, err)
			if n, _ := res.RowsAffected(); n != 1 {
				t.Fatalf("corrupted %d PIN rows", n)
			}
			st.ForgetAll()
			must(t, st.Unlock(ctx, c.ID, "correct horse battery"))
			d, err := st.Dossier(ctx, c.ID)
			if err != nil {
				t.Fatalf("a damaged PIN closed the whole couple: %v", err)
			}
			got := st.Damaged(ctx, c.ID)
			if len(got) != 1 || !strings.Contains(got[0], "partner A's PIN") {
				t.Errorf("damaged: %q", got)
			}
			if d.Incident.Description != "SECRET-incident" || d.Letter.Text != "SECRET-letter" {
				t.Errorf("the rest did not open: %q %q", d.Incident.Description, d.Letter.Text)
			}
			if a := d.Answer(data.PartnerB, "CLAR-02"); a == nil || a.Text != "ALEX-PRIVATE" {
				t.Errorf("the other partner's private answer: %+v", a)
			}
			a := d.Answer(data.PartnerA, "CLAR-01")
			if a == nil || !a.Protected || a.Text != "" {
				t.Errorf("partner A's private answer with a damaged PIN: %+v", a)
			}
			if open, err := st.PINOpen(ctx, c.ID, data.PartnerA); err != nil || open {
				t.Errorf("partner A's private texts read as open: %v %v", open, err)
			}
			answers, err := st.Answers(ctx, c.ID)
			must(t, err)
			for _, a := range answers {
				if a.Partner == data.PartnerA && a.QuestionID == "CLAR-01" && (!a.Protected || a.Text != "") {
					t.Errorf("Answers shows partner A's private answer: %+v", a)
				}
			}
			// The right PIN cannot open what is damaged, and says so rather than "wrong PIN".
			if err := st.EnterPIN(ctx, c.ID, data.PartnerA, "2468"); !errors.Is(err, data.ErrDamagedValue) {
				t.Errorf("entering the PIN over a damaged one: %v", err)
			}
			if err := st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-03", Text: "x"}); !errors.Is(err, data.ErrPINNeeded) {
				t.Errorf("a private answer written without the PIN: %v", err)
			}
		})
	}
}
