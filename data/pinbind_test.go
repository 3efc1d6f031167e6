package data_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"kintsugi/data"
)

// A PIN over a locked couple is keyed from the PIN and the couple's key: with only the file, the
// PIN's own Argon2id key does not open its check value, so guessing needs the passphrase too.
func TestPINOverALockedCoupleNeedsThePassphraseToGuess(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := lockedCouple(t, st)
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	must(t, st.SetPIN(ctx, c.ID, data.PartnerA, "4711"))

	// The attacker's view: the file, the PIN's parameters, and every PIN to try.
	var raw string
	var check []byte
	must(t, st.DB().QueryRow("SELECT kdf, check_value FROM pins WHERE case_id = ? AND partner = 'A'", c.ID).Scan(&raw, &check))
	var kdf data.KDF
	must(t, json.Unmarshal([]byte(raw), &kdf))
	key, err := kdf.Key("4711") // even the right PIN
	must(t, err)
	ci, err := data.NewCipher(key)
	must(t, err)
	if _, err := ci.Open(check, fmt.Appendf(nil, "kintsugi/%s/pin/A/check", pinBindOf(t, st, c.ID))); err == nil {
		t.Fatal("the PIN alone opens its check value: a copied file lets anyone try every PIN")
	}

	// The couple's own way in still works, also after the passphrase changes.
	must(t, st.Lock(ctx, c.ID, "a new passphrase here"))
	other, err := data.Open(ctx, path)
	must(t, err)
	defer other.Close()
	if err := other.EnterPIN(ctx, c.ID, data.PartnerA, "4711"); err == nil {
		t.Error("a PIN over a locked couple opened without the couple's passphrase")
	}
	must(t, other.Unlock(ctx, c.ID, "a new passphrase here"))
	must(t, other.EnterPIN(ctx, c.ID, data.PartnerA, "4711"))
	as, err := other.Answers(ctx, c.ID)
	must(t, err)
	if len(as) != 1 || as[0].Text != "SECRET-answer 秘密" || as[0].Protected {
		t.Errorf("answers with PIN: %+v", as)
	}
}

// Wrong PINs in a row make the next try wait, longer each time; the right one after the wait
// opens, and a longer passphrase works as a PIN.
func TestWrongPINsSlowDown(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	st, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"), data.WithClock(clock))
	must(t, err)
	defer st.Close()
	ctx := context.Background()
	c := newCase(t, st)
	must(t, st.SetPIN(ctx, c.ID, data.PartnerB, "a longer phrase, not digits"))
	st.ClosePINs(c.ID)
	for i := range 3 {
		if err := st.EnterPIN(ctx, c.ID, data.PartnerB, fmt.Sprint(1000+i)); !errors.Is(err, data.ErrWrongPassphrase) {
			t.Fatalf("wrong PIN %d: %v", i, err)
		}
	}
	var wait *data.PINWaitError
	if err := st.EnterPIN(ctx, c.ID, data.PartnerB, "a longer phrase, not digits"); !errors.As(err, &wait) || wait.Wait != 2*time.Second {
		t.Fatalf("right PIN right after three wrong ones: %v", err)
	}
	now = now.Add(2 * time.Second)
	if err := st.EnterPIN(ctx, c.ID, data.PartnerB, "0000"); !errors.Is(err, data.ErrWrongPassphrase) {
		t.Fatal(err)
	}
	if err := st.EnterPIN(ctx, c.ID, data.PartnerB, "x"); !errors.As(err, &wait) || wait.Wait != 4*time.Second {
		t.Fatalf("the wait did not grow: %v", err)
	}
	now = now.Add(4 * time.Second)
	must(t, st.EnterPIN(ctx, c.ID, data.PartnerB, "a longer phrase, not digits"))
	st.ClosePINs(c.ID)
	if err := st.EnterPIN(ctx, c.ID, data.PartnerB, "9999"); !errors.Is(err, data.ErrWrongPassphrase) {
		t.Errorf("after the right PIN the count starts again: %v", err)
	}
}

// pinGuessOpens tries a PIN the way someone with only a copy of the file can: the PIN's own
// Argon2id key against its check value, and against a private answer.
func pinGuessOpens(t *testing.T, st *data.Store, caseID int64, pin string) bool {
	t.Helper()
	var raw string
	var check, body []byte
	must(t, st.DB().QueryRow("SELECT kdf, check_value FROM pins WHERE case_id = ? AND partner = 'A'", caseID).Scan(&raw, &check))
	must(t, st.DB().QueryRow("SELECT body FROM answers WHERE case_id = ? AND partner = 'A' AND question_id = 'CLAR-01'", caseID).Scan(&body))
	var kdf data.KDF
	must(t, json.Unmarshal([]byte(raw), &kdf))
	key, err := kdf.Key(pin)
	must(t, err)
	ci, err := data.NewCipher(key)
	must(t, err)
	if _, err := ci.Open(check, fmt.Appendf(nil, "kintsugi/%s/pin/A/check", pinBindOf(t, st, caseID))); err == nil {
		return true
	}
	_, err = ci.Open(body, fmt.Appendf(nil, "kintsugi/%s/pin/A/CLAR-01", pinBindOf(t, st, caseID)))
	return err == nil
}

// A PIN set before the couple was locked: once the lock returns, the PIN alone opens nothing in
// the file, and the couple's own way in (passphrase, then PIN) still works.
func TestAPINSetBeforeTheLockNeedsThePassphraseToGuess(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := lockedCouple(t, st)
	must(t, st.SetPIN(ctx, c.ID, data.PartnerA, "4711"))
	if !pinGuessOpens(t, st, c.ID, "4711") {
		t.Fatal("before the lock the PIN alone should open its check value: the test would prove nothing")
	}
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	if pinGuessOpens(t, st, c.ID, "4711") {
		t.Error("after the lock the PIN set before it still opens with the PIN alone")
	}
	must(t, st.Lock(ctx, c.ID, "a new passphrase here"))

	other, err := data.Open(ctx, path)
	must(t, err)
	defer other.Close()
	if err := other.EnterPIN(ctx, c.ID, data.PartnerA, "4711"); err == nil {
		t.Error("the PIN opened without the couple's passphrase")
	}
	must(t, other.Unlock(ctx, c.ID, "a new passphrase here"))
	if err := other.EnterPIN(ctx, c.ID, data.PartnerA, "1234"); !errors.Is(err, data.ErrWrongPassphrase) {
		t.Errorf("a wrong PIN: %v", err)
	}
	must(t, other.EnterPIN(ctx, c.ID, data.PartnerA, "4711"))
	as, err := other.Answers(ctx, c.ID)
	must(t, err)
	if len(as) != 1 || as[0].Text != "SECRET-answer 秘密" || as[0].Protected {
		t.Errorf("answers with PIN: %+v", as)
	}
	// Changing the PIN over the locked couple keeps it wrapped.
	must(t, other.SetPIN(ctx, c.ID, data.PartnerA, "8642"))
	if pinGuessOpens(t, other, c.ID, "8642") {
		t.Error("a PIN changed over the locked couple opens with the PIN alone")
	}
}

// A database where a couple was locked over its PIN before the check values were wrapped gets
// them wrapped at the couple's next unlock.
func TestAPINFromBeforeTheWrapIsWrappedAtTheNextUnlock(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := lockedCouple(t, st)
	must(t, st.SetPIN(ctx, c.ID, data.PartnerA, "4711"))
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	must(t, data.PINLikeBefore(st, c.ID))

	old, err := data.Open(ctx, path)
	must(t, err)
	defer old.Close()
	var check []byte
	must(t, old.DB().QueryRow("SELECT check_value FROM pins WHERE case_id = ?", c.ID).Scan(&check))
	var raw string
	must(t, old.DB().QueryRow("SELECT kdf FROM pins WHERE case_id = ?", c.ID).Scan(&raw))
	var kdf data.KDF
	must(t, json.Unmarshal([]byte(raw), &kdf))
	key, err := kdf.Key("4711")
	must(t, err)
	ci, err := data.NewCipher(key)
	must(t, err)
	if _, err := ci.Open(check, fmt.Appendf(nil, "kintsugi/%s/pin/A/check", pinBindOf(t, old, c.ID))); err != nil {
		t.Fatal("the database made like before has a wrapped check value: the test would prove nothing")
	}
	must(t, old.Unlock(ctx, c.ID, "correct horse battery"))
	if pinGuessOpens(t, old, c.ID, "4711") {
		t.Error("after the unlock the PIN alone still opens its check value")
	}
	if bytes.Contains(onDisk(t, path), check) {
		t.Error("the unwrapped check value is still in the database files")
	}
	must(t, old.EnterPIN(ctx, c.ID, data.PartnerA, "4711"))
	as, err := old.Answers(ctx, c.ID)
	must(t, err)
	if len(as) != 1 || as[0].Text != "SECRET-answer 秘密" {
		t.Errorf("answers with PIN: %+v", as)
	}
}

// pinBindOf is the name partner A's PIN binds its values to: its bind, or for a PIN set before
// bind names, the case ID.
func pinBindOf(t *testing.T, st *data.Store, caseID int64) string {
	t.Helper()
	var bind string
	must(t, st.DB().QueryRow("SELECT bind FROM pins WHERE case_id = ? AND partner = 'A'", caseID).Scan(&bind))
	if bind == "" {
		return fmt.Sprint(caseID)
	}
	return bind
}
