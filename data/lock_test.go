package data_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"kintsugi/data"
)

func init() {
	// Tests derive many keys; a cheaper Argon2id keeps them quick. Production uses the default.
	data.DefaultKDFCost = data.KDF{Time: 1, MemoryKiB: 64, Threads: 1}
}

// lockedCouple stores a couple with secrets in every sensitive field and a signed agreement.
func lockedCouple(t *testing.T, st *data.Store) data.Case {
	t.Helper()
	ctx := context.Background()
	c := newCase(t, st)
	must(t, st.SaveIncident(ctx, data.Incident{CaseID: c.ID, Description: "SECRET-incident", Causes: []string{"CAUSE-04"}}))
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: "SECRET-answer 秘密"}))
	must(t, st.SaveStep(ctx, data.StepProgress{CaseID: c.ID, StepID: "STEP-01", Note: "SECRET-note"}))
	must(t, st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "SECRET-letter", Status: data.LetterGiven}))
	must(t, st.SaveLetterReply(ctx, data.KeyboardOf(data.PartnerB), c.ID, "SECRET-reply", false))
	must(t, st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: 1, Trust: 4, WentWell: "SECRET-well", WasHard: "SECRET-hard", Appreciated: "SECRET-thanks"}))
	must(t, st.SaveWeekNote(ctx, data.KeyboardOf(data.PartnerA), data.WeekNote{CaseID: c.ID, Week: 1, Partner: data.PartnerA, Text: "SECRET-weeknote"}))
	cm, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CustomText: "SECRET-commitment", Cost: data.CostLow, AgreedA: true, AgreedB: true})
	must(t, err)
	ag, err := st.SaveAgreement(ctx, data.Agreement{CaseID: c.ID, Items: []data.AgreementItem{{CommitmentID: cm.ID, Text: "SECRET-item", Cost: data.CostLow}}})
	must(t, err)
	must(t, st.Sign(ctx, data.KeyboardOf(data.PartnerA), c.ID, ag.ID, data.Signature{Partner: data.PartnerA, TypedName: "SECRET-sam", PNG: signaturePNG(t)}))
	must(t, st.Sign(ctx, data.KeyboardOf(data.PartnerB), c.ID, ag.ID, data.Signature{Partner: data.PartnerB, TypedName: "SECRET-alex", PNG: signaturePNG(t)}))
	return c
}

var secrets = []string{"SECRET-incident", "SECRET-answer", "SECRET-note", "SECRET-letter", "SECRET-well", "SECRET-hard",
	"SECRET-thanks", "SECRET-commitment", "SECRET-item", "SECRET-sam", "SECRET-alex", "SECRET-reply", "SECRET-weeknote"}

// onDisk is every byte of the database and its write-ahead log.
func onDisk(t *testing.T, path string) []byte {
	t.Helper()
	var all []byte
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

func TestLockedCoupleLeavesNoReadableText(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := lockedCouple(t, st)
	before, err := st.Dossier(ctx, c.ID)
	must(t, err)
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	disk := onDisk(t, path)
	for _, s := range secrets {
		if bytes.Contains(disk, []byte(s)) {
			t.Errorf("%q can be read in the database files after locking", s)
		}
	}
	if !bytes.Contains(disk, []byte("Alex")) {
		t.Error("names should stay readable for the list of couples")
	}
	// This store has the key; a fresh one does not.
	if d, err := st.Dossier(ctx, c.ID); err != nil || d.Letter.Text != "SECRET-letter" {
		t.Fatalf("the store that locked it cannot read it: %v", err)
	}
	st2, err := data.Open(ctx, path)
	must(t, err)
	defer st2.Close()
	if _, err := st2.Dossier(ctx, c.ID); !errors.Is(err, data.ErrLocked) {
		t.Errorf("reading a locked couple without its passphrase: %v", err)
	}
	if err := st2.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "overwrite"}); !errors.Is(err, data.ErrLocked) {
		t.Errorf("writing a locked couple without its passphrase: %v", err)
	}
	if err := st2.Unlock(ctx, c.ID, "wrong horse battery"); !errors.Is(err, data.ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	if open, _ := st2.IsOpen(ctx, c.ID); open {
		t.Error("a wrong passphrase opened the couple")
	}
	must(t, st2.Unlock(ctx, c.ID, "correct horse battery"))
	after, err := st2.Dossier(ctx, c.ID)
	must(t, err)
	if after.Letter.Text != before.Letter.Text || after.Answers[0].Text != "SECRET-answer 秘密" ||
		after.Agreements[0].SignatureOf(data.PartnerB).TypedName != "SECRET-alex" || !after.Agreements[0].Frozen() ||
		!bytes.Equal(after.Agreements[0].SignatureOf(data.PartnerA).PNG, signaturePNG(t)) || after.CheckIns[0].Appreciated != "SECRET-thanks" {
		t.Errorf("unlocked data differs from what was stored")
	}
	// Writes while unlocked are sealed too.
	must(t, st2.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "SECRET-new-letter"}))
	if bytes.Contains(onDisk(t, path), []byte("SECRET-new-letter")) {
		t.Error("a value written to an unlocked couple was stored in plain text")
	}
	st2.ForgetAll()
	if _, err := st2.Dossier(ctx, c.ID); !errors.Is(err, data.ErrLocked) {
		t.Error("ForgetAll left the couple open")
	}
}

func TestChangingThePassphrase(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := lockedCouple(t, st)
	must(t, st.Lock(ctx, c.ID, "first passphrase"))
	st.ForgetAll()
	if err := st.Lock(ctx, c.ID, "second passphrase"); !errors.Is(err, data.ErrLocked) {
		t.Fatalf("changing the passphrase without opening first: %v", err)
	}
	must(t, st.Unlock(ctx, c.ID, "first passphrase"))
	must(t, st.Lock(ctx, c.ID, "second passphrase"))
	st2, err := data.Open(ctx, path)
	must(t, err)
	defer st2.Close()
	if err := st2.Unlock(ctx, c.ID, "first passphrase"); !errors.Is(err, data.ErrWrongPassphrase) {
		t.Errorf("the old passphrase still opens: %v", err)
	}
	must(t, st2.Unlock(ctx, c.ID, "second passphrase"))
	if d, err := st2.Dossier(ctx, c.ID); err != nil || d.Incident.Description != "SECRET-incident" {
		t.Errorf("after changing the passphrase: %v", err)
	}
	var in *data.InputError
	if err := st2.Lock(ctx, c.ID, "short"); !errors.As(err, &in) {
		t.Errorf("a five-letter passphrase: %v", err)
	}
}

func TestDeletingACoupleRemovesItForGood(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := lockedCouple(t, st)
	other := newCase(t, st)
	must(t, st.DeleteCase(ctx, c.ID))
	disk := onDisk(t, path)
	for _, s := range secrets {
		if bytes.Contains(disk, []byte(s)) {
			t.Errorf("%q is still in the database files after deleting the couple", s)
		}
	}
	if _, err := st.Case(ctx, other.ID); err != nil {
		t.Errorf("the other couple was touched: %v", err)
	}
}

// TestDeletingOneCoupleAmongManyRewritesNothingElse: deleting one couple of many overwrites its
// text where it was and leaves the rest of the file as it is; rewriting the whole file (VACUUM)
// took seconds with hundreds of couples, the window waiting. The file is compacted only once a
// good part of it is free.
func TestDeletingOneCoupleAmongManyRewritesNothingElse(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	var others []data.Case
	for i := range 12 {
		c := newCase(t, st)
		must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-01",
			Text: strings.Repeat(fmt.Sprintf("kept %d ", i), 12000)}))
		others = append(others, c)
	}
	c := lockedCouple(t, st)
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerB, QuestionID: "CLAR-01",
		Text: strings.Repeat("SECRET-long ", 9000)}))
	pages := func() (free, all int) {
		t.Helper()
		must(t, st.DB().QueryRowContext(ctx, "PRAGMA freelist_count").Scan(&free))
		must(t, st.DB().QueryRowContext(ctx, "PRAGMA page_count").Scan(&all))
		return free, all
	}
	must(t, st.DeleteCase(ctx, c.ID))
	disk := onDisk(t, path)
	for _, s := range append(secrets, "SECRET-long") {
		if bytes.Contains(disk, []byte(s)) {
			t.Errorf("%q is still in the database files after deleting the couple", s)
		}
	}
	if free, all := pages(); free == 0 {
		t.Errorf("deleting one couple of 13 rewrote the whole file (%d pages, none free)", all)
	}
	for _, o := range others[:11] {
		must(t, st.DeleteCase(ctx, o.ID))
		if free, all := pages(); 4*free > all {
			t.Errorf("after deleting couple %d, %d of %d pages are free: the file is never compacted", o.ID, free, all)
		}
	}
	if _, err := st.Case(ctx, others[11].ID); err != nil {
		t.Errorf("the couple left was touched: %v", err)
	}
}
