package data_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"kintsugi/data"
)

func TestPrivateAnswersBehindAPartnersPIN(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := newCase(t, st)
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: "SAM-PRIVATE"}))
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-02", Text: "SAM-SHARED", Shared: true}))
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerB, QuestionID: "CLAR-01", Text: "ALEX-PRIVATE"}))
	must(t, st.SetPIN(ctx, c.ID, data.PartnerA, "2468"))
	disk := onDisk(t, path)
	if bytes.Contains(disk, []byte("SAM-PRIVATE")) {
		t.Error("Sam's private answer is readable on disk after setting a PIN")
	}
	if !bytes.Contains(disk, []byte("ALEX-PRIVATE")) {
		t.Error("Alex has no PIN; their answer should be untouched (the couple is not locked)")
	}
	st.ForgetAll() // the PIN is no longer entered: as for the next person at the keyboard
	answers, err := st.Answers(ctx, c.ID)
	must(t, err)
	for _, a := range answers {
		switch {
		case a.Partner == data.PartnerA && a.QuestionID == "CLAR-01":
			if !a.Protected || a.Text != "" {
				t.Errorf("Sam's private answer without the PIN: %+v", a)
			}
		case a.QuestionID == "CLAR-02" && a.Text != "SAM-SHARED":
			t.Errorf("a shared answer needs no PIN: %+v", a)
		}
	}
	if err := st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-03", Text: "x"}); !errors.Is(err, data.ErrPINNeeded) {
		t.Errorf("writing a private answer without the PIN: %v", err)
	}
	if err := st.EnterPIN(ctx, c.ID, data.PartnerA, "1357"); !errors.Is(err, data.ErrWrongPassphrase) {
		t.Errorf("wrong PIN: %v", err)
	}
	if err := st.SetPIN(ctx, c.ID, data.PartnerA, "9999"); !errors.Is(err, data.ErrPINNeeded) {
		t.Errorf("changing a PIN without the current one: %v", err)
	}
	must(t, st.EnterPIN(ctx, c.ID, data.PartnerA, "2468"))
	must(t, st.SetPIN(ctx, c.ID, data.PartnerA, "13579"))
	st.ForgetAll()
	must(t, st.EnterPIN(ctx, c.ID, data.PartnerA, "13579"))
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	if a := d.Answer(data.PartnerA, "CLAR-01"); a == nil || a.Text != "SAM-PRIVATE" || a.Protected {
		t.Errorf("with the new PIN: %+v", a)
	}
	// A PIN under a passphrase: both layers, and re-locking keeps the PIN layer intact.
	must(t, st.Lock(ctx, c.ID, "the couple's phrase"))
	st.ForgetAll()
	must(t, st.Unlock(ctx, c.ID, "the couple's phrase"))
	if a, _ := st.Answers(ctx, c.ID); !a[0].Protected && a[0].Partner == data.PartnerA {
		t.Error("unlocking the couple opened Sam's PIN-protected answer")
	}
	must(t, st.EnterPIN(ctx, c.ID, data.PartnerA, "13579"))
	d, err = st.Dossier(ctx, c.ID)
	must(t, err)
	if a := d.Answer(data.PartnerA, "CLAR-01"); a == nil || a.Text != "SAM-PRIVATE" {
		t.Errorf("both layers open: %+v", a)
	}
}
