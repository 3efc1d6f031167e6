package data_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"kintsugi/data"
)

// TestTherapistNotesAreSealedWithTheCouple: a locked couple's notes are encrypted like its
// answers, open again with its passphrase, are in no export, and go with the couple.
func TestTherapistNotesAreSealedWithTheCouple(t *testing.T) {
	ctx := context.Background()
	st, path := openTemp(t)
	c := newCase(t, st)
	const secret = "NOTE-SECRET Ξ watch the pattern"
	must(t, st.SaveTherapistNotes(ctx, c.ID, secret))
	must(t, st.Lock(ctx, c.ID, "a long passphrase here"))
	st.ForgetAll()
	if _, err := st.TherapistNotes(ctx, c.ID); !errors.Is(err, data.ErrLocked) {
		t.Errorf("notes of a locked couple read without its passphrase: %v", err)
	}
	must(t, st.Close())
	raw, err := os.ReadFile(path)
	must(t, err)
	wal, _ := os.ReadFile(path + "-wal")
	if bytes.Contains(append(raw, wal...), []byte("NOTE-SECRET")) {
		t.Error("the notes of a locked couple are in the file in plain text")
	}
	st, err = data.Open(ctx, path)
	must(t, err)
	defer st.Close()
	must(t, st.Unlock(ctx, c.ID, "a long passphrase here"))
	if got, err := st.TherapistNotes(ctx, c.ID); err != nil || got != secret {
		t.Errorf("unlocked notes: %q, %v", got, err)
	}
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	file, err := data.EncodeDossier(d, "")
	must(t, err)
	if bytes.Contains(file, []byte("NOTE-SECRET")) {
		t.Error("an export carries the therapist's notes")
	}
	must(t, st.DeleteCase(ctx, c.ID))
	var n int
	must(t, st.DB().QueryRow("SELECT count(*) FROM therapist_notes").Scan(&n))
	if n != 0 {
		t.Errorf("%d notes left after the couple was deleted", n)
	}
}

func TestCodeAndFinished(t *testing.T) {
	ctx := context.Background()
	st, _ := openTemp(t)
	c := newCase(t, st)
	must(t, st.SetCode(ctx, c.ID, "  K-042 "))
	must(t, st.SetFinished(ctx, c.ID, true))
	got, err := st.Case(ctx, c.ID)
	must(t, err)
	if got.Code != "K-042" || !got.Finished {
		t.Errorf("stored %+v", got)
	}
	var in *data.InputError
	if err := st.SetCode(ctx, c.ID, "two\nlines"); !errors.As(err, &in) {
		t.Errorf("a code of two lines: %v", err)
	}
}
