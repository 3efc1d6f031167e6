package data_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"kintsugi/couple"
	"kintsugi/data"
)

// tamper changes the file as someone with a SQLite tool would: the guards in the schema are
// only triggers, and such a person can drop them.
func tamper(t *testing.T, st *data.Store, stmts ...string) {
	t.Helper()
	for _, q := range append([]string{"DROP TRIGGER IF EXISTS agreement_items_frozen_update", "DROP TRIGGER IF EXISTS signatures_frozen",
		"DROP TRIGGER IF EXISTS agreement_digests_frozen"}, stmts...) {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func versionOf(t *testing.T, st *data.Store, caseID int64, v int) data.Agreement {
	t.Helper()
	as, err := st.Agreements(context.Background(), caseID)
	must(t, err)
	for _, a := range as {
		if a.Version == v {
			return a
		}
	}
	t.Fatalf("no agreement version %d in %+v", v, as)
	return data.Agreement{}
}

// A version signed by both keeps the digest of what was signed; a change made to the file
// afterwards (an amount, a word, a signature, the digest itself) shows it as altered.
func TestAChangeAfterBothSignedShowsAsAltered(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct{ name, stmt string }{
		{"amount", "UPDATE agreement_items SET param = 6 WHERE param = 3"},
		{"own words", "UPDATE agreement_items SET text = CAST('walks, sometimes' AS BLOB) WHERE catalog_id = ''"},
		{"review date", "UPDATE agreement_items SET review_date = '2027-06-01' WHERE review_date = '2026-06-01'"},
		{"an item removed", "DELETE FROM agreement_items WHERE catalog_id = 'PRED-05'"},
		{"signing time", "UPDATE signatures SET signed_at = '2026-01-01T00:00:00Z' WHERE partner = 'A'"},
		{"digest removed", "DELETE FROM agreement_digests"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, path := openTemp(t)
			c := fillCouple(t, st)
			v1 := versionOf(t, st, c.ID, 1)
			if !v1.Signed() || v1.Altered() || len(v1.Digest) == 0 {
				t.Fatalf("version 1 as signed: signed %v, altered %v, digest %x", v1.Signed(), v1.Altered(), v1.Digest)
			}
			if v2 := versionOf(t, st, c.ID, 2); v2.Signed() || v2.Altered() {
				t.Errorf("version 2, signed by one partner, reads as signed %v / altered %v", v2.Signed(), v2.Altered())
			}
			tamper(t, st, tc.stmt)
			st.Close()
			again, err := data.Open(ctx, path)
			must(t, err)
			defer again.Close()
			v1 = versionOf(t, again, c.ID, 1)
			if !v1.Altered() || v1.Signed() {
				t.Fatalf("after the change: altered %v, signed %v", v1.Altered(), v1.Signed())
			}
			// It cannot travel as signed either.
			d, err := again.Dossier(ctx, c.ID)
			must(t, err)
			if _, err := data.EncodeDossier(d, ""); err == nil || !strings.Contains(err.Error(), "changed after both partners signed it") {
				t.Errorf("export of an altered agreement: %v", err)
			}
		})
	}
}

// A locked couple's digest is sealed: it cannot be read to test guesses of the items, and
// deleting it, or changing an item, shows the version as altered at the next unlock.
func TestALockedCouplesDigestIsSealedAndChecked(t *testing.T) {
	ctx := context.Background()
	for _, stmt := range []string{"DELETE FROM agreement_digests", "DELETE FROM agreement_items", "UPDATE signatures SET signed_at = '2026-01-01T00:00:00Z'"} {
		st, path := openTemp(t)
		c := lockedCouple(t, st)
		must(t, st.Lock(ctx, c.ID, "correct horse battery"))
		var stored []byte
		must(t, st.DB().QueryRow("SELECT digest FROM agreement_digests").Scan(&stored))
		if !strings.HasPrefix(string(stored), "KSG2") {
			t.Fatalf("a locked couple's digest is stored as %x, not sealed", stored)
		}
		if a := versionOf(t, st, c.ID, 1); !a.Signed() {
			t.Fatal("the locked couple's agreement does not read as signed")
		}
		tamper(t, st, stmt)
		st.Close()
		again, err := data.Open(ctx, path)
		must(t, err)
		must(t, again.Unlock(ctx, c.ID, "correct horse battery"))
		if a := versionOf(t, again, c.ID, 1); a.Signed() || !a.Altered() {
			t.Errorf("%s: signed %v, altered %v", stmt, a.Signed(), a.Altered())
		}
		again.Close()
	}
}

// Versions signed before digests existed get theirs when the database is brought up to date,
// and read as signed; the digest is made then, so it vouches only for what was there then.
func TestMigrationDigestsVersionsSignedBefore(t *testing.T) {
	ctx := context.Background()
	st, path := openTemp(t)
	c := fillCouple(t, st)
	for _, undo := range []string{"DROP TABLE agreement_digests", "ALTER TABLE pins DROP COLUMN wrapped"} { // and the migrations after it
		if _, err := st.DB().Exec(undo); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.DB().Exec("PRAGMA user_version = 13"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	again, err := data.Open(ctx, filepath.Clean(path))
	must(t, err)
	defer again.Close()
	if v1 := versionOf(t, again, c.ID, 1); !v1.Signed() {
		t.Errorf("a version signed before digests reads as altered after the migration")
	}
	var n int
	must(t, again.DB().QueryRow("SELECT count(*) FROM agreement_digests").Scan(&n))
	if n != 1 {
		t.Errorf("%d digests after the migration, want 1 (only version 1 is signed by both)", n)
	}
}

// An export file whose signed agreement was edited is refused, naming it, and nothing is
// written; the untouched file imports and keeps the digest.
func TestImportRefusesAnEditedSignedAgreement(t *testing.T) {
	ctx := context.Background()
	src, _ := openTemp(t)
	c := fillCouple(t, src)
	d, err := src.Dossier(ctx, c.ID)
	must(t, err)
	doc, err := data.EncodeDossier(d, "")
	must(t, err)
	dst, path := openWith(t, "dst.db")
	before := dbBytes(t, dst, path)
	for name, edited := range map[string][]byte{
		"amount":    mutateAfter(t, doc, `"agreements": [`, `"param": 3`, `"param": 6`),
		"no digest": rehash(removeDigest(t, doc)),
	} {
		got, err := data.DecodeDossier(edited, noPassphrase(t))
		if err == nil {
			_, err = dst.ImportDossier(ctx, got)
		}
		if err == nil || !strings.Contains(err.Error(), "agreement version 1 was changed after both partners signed it") {
			t.Errorf("%s: import gave %v", name, err)
		}
	}
	if after := dbBytes(t, dst, path); string(after) != string(before) {
		t.Error("a refused import changed the database")
	}
	got, err := data.DecodeDossier(doc, noPassphrase(t))
	must(t, err)
	imported, err := dst.ImportDossier(ctx, got)
	must(t, err)
	if v1 := versionOf(t, dst, imported.ID, 1); !v1.Signed() || string(v1.Digest) != string(couple.AgreementDigest(v1)) {
		t.Error("the imported version does not read as signed")
	}
}

// removeDigest empties the digest of the first agreement, as an editor who knows the format
// might, to pass a changed agreement off as made before digests.
func removeDigest(t *testing.T, doc []byte) []byte {
	t.Helper()
	s := string(doc)
	i := strings.Index(s, `"digest": "`)
	if i < 0 {
		t.Fatal("no digest in the document")
	}
	i += len(`"digest": "`)
	j := i + strings.IndexByte(s[i:], '"')
	return []byte(s[:i] + s[j:])
}

// A locked couple's versions signed before digests get theirs at its first unlock after the
// update (the key is needed to seal them); from then on, deleting a digest is an alteration,
// never taken for "made before digests".
func TestALockedCoupleGetsItsDigestsAtTheFirstUnlock(t *testing.T) {
	ctx := context.Background()
	st, path := openTemp(t)
	c := lockedCouple(t, st)
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	must(t, data.LockLikeBeforeDigests(st, c.ID))
	st.Close()

	again, err := data.Open(ctx, path)
	must(t, err)
	must(t, again.Unlock(ctx, c.ID, "correct horse battery"))
	if a := versionOf(t, again, c.ID, 1); !a.Signed() {
		t.Fatal("a locked couple's version signed before digests reads as altered after its first unlock")
	}
	tamper(t, again, "DELETE FROM agreement_digests")
	again.Close()

	third, err := data.Open(ctx, path)
	must(t, err)
	defer third.Close()
	must(t, third.Unlock(ctx, c.ID, "correct horse battery"))
	if a := versionOf(t, third, c.ID, 1); !a.Altered() {
		t.Error("a deleted digest was made again at the next unlock: the alteration passed")
	}
}

// The store holds the window's rule: only the partner at the keyboard (or both, together) signs
// for themselves; a signature for the other is refused and nothing is stored.
func TestSignIsOnlyForThePartnerAtTheKeyboard(t *testing.T) {
	ctx := context.Background()
	st, _ := openTemp(t)
	c := newCase(t, st)
	cm, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CustomText: "walks", Cost: data.CostLow, AgreedA: true, AgreedB: true})
	must(t, err)
	ag, err := st.SaveAgreement(ctx, data.Agreement{CaseID: c.ID, Items: []data.AgreementItem{{CommitmentID: cm.ID, Text: "walks", Cost: data.CostLow}}})
	must(t, err)
	err = st.Sign(ctx, data.KeyboardOf(data.PartnerB), c.ID, ag.ID, data.Signature{Partner: data.PartnerA, TypedName: "Sam"})
	if !errors.Is(err, couple.ErrNotYours) {
		t.Fatalf("Alex at the keyboard signing for Sam: %v", err)
	}
	if a := versionOf(t, st, c.ID, 1); len(a.Signatures) != 0 {
		t.Fatalf("a refused signature was stored: %+v", a.Signatures)
	}
	must(t, st.Sign(ctx, data.KeyboardOf(data.PartnerA), c.ID, ag.ID, data.Signature{Partner: data.PartnerA, TypedName: "Sam"}))
	must(t, st.Sign(ctx, couple.KeyboardBoth, c.ID, ag.ID, data.Signature{Partner: data.PartnerB, TypedName: "Alex"}))
	if a := versionOf(t, st, c.ID, 1); !a.Signed() {
		t.Error("signatures at the keyboard did not make the version signed")
	}
}
