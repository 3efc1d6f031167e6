package app

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"kintsugi/couple"
	"kintsugi/data"
)

// TestKeptSummariesNeverDrift: the list reads the summaries every write keeps (case_summaries).
// After each of a series of changes, saving, marking, signing, importing, deleting, locking,
// restoring, the kept summaries must equal what each couple's full record says, every open
// couple must have one (the list did not compute it afresh), and no locked couple may have one.
func TestKeptSummariesNeverDrift(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "k.db")
	st, err := OpenStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { st.Close() }()
	content, err := LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	unkept := 0 // open couples whose summary the kept form cannot hold
	check := func(when string) {
		t.Helper()
		checkKeptSummaries(t, st, when, unkept)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	example, err := CreateSample(ctx, st, content, officeNow)
	must(err)
	office, err := GenerateOffice(ctx, st, content, 2, officeNow)
	must(err)
	fresh, err := st.CreateCase(ctx, data.Case{NameA: "Ana", NameB: "Bo", Rebuilding: data.RebuilderB})
	must(err)
	check("after the example, two generated couples and a new one")

	// Saving, each kind of write the list's progress depends on.
	must(st.SaveAnswer(ctx, data.Answer{CaseID: fresh.ID, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: "What I did.", Shared: true}))
	must(st.SaveAnswer(ctx, data.Answer{CaseID: fresh.ID, Partner: data.PartnerB, QuestionID: "CLAR-01", Text: " \n\t "}))
	must(st.SetDecision(ctx, fresh.ID, data.DecisionWelcome, data.PartnerA, "yes"))
	must(st.SaveIncident(ctx, data.Incident{CaseID: fresh.ID, Description: "It happened.", Causes: []string{"lie"}}))
	must(st.SetRuleAck(ctx, fresh.ID, content.Section(data.SectionRules).Entries[0].ID, data.PartnerB, true))
	must(st.SaveStep(ctx, data.StepProgress{CaseID: fresh.ID, StepID: content.Section(data.SectionSteps).Entries[0].ID, DoneOn: data.DateOf(officeNow)}))
	cm, err := st.SaveCommitment(ctx, data.Commitment{CaseID: fresh.ID, CatalogID: "RIT-02", Cost: "low"})
	must(err)
	_, err = st.SetAgreed(ctx, fresh.ID, cm.ID, couple.KeyboardBoth, data.PartnerA, true)
	must(err)
	_, err = st.SetAgreed(ctx, fresh.ID, cm.ID, couple.KeyboardBoth, data.PartnerB, true)
	must(err)
	must(st.SaveLetter(ctx, data.Letter{CaseID: fresh.ID, Text: "Dear Bo,", Status: data.LetterReady}))
	must(st.SaveCheckIn(ctx, data.CheckIn{CaseID: fresh.ID, Week: 1, Trust: 4}))
	must(st.SetMark(ctx, fresh.ID, data.TrackEntry{CommitmentID: cm.ID, Day: data.DateOf(officeNow), Mark: data.MarkKept}))
	check("after saving")

	// Signing a new agreement version, one partner, then the other.
	a, err := st.SaveAgreement(ctx, data.Agreement{CaseID: fresh.ID, Items: []data.AgreementItem{{CommitmentID: cm.ID, CatalogID: "RIT-02", Text: "A ritual.", Cost: "low"}}})
	must(err)
	must(st.Sign(ctx, data.KeyboardOf(data.PartnerA), fresh.ID, a.ID, data.Signature{Partner: data.PartnerA, TypedName: "Ana"}))
	check("after one signature")
	must(st.Sign(ctx, data.KeyboardOf(data.PartnerB), fresh.ID, a.ID, data.Signature{Partner: data.PartnerB, TypedName: "Bo"}))
	check("after both signatures")

	// An amount changed in the file by hand after both signed: the kept summary is marked stale
	// by the change, read from the records at once, and kept again at the next write; none of
	// them counts the version as signed.
	alterAgreement(t, st, "UPDATE agreement_items SET cost = 'high' WHERE agreement_id = "+fmt.Sprint(a.ID))
	if sm, err := st.SummaryOfCase(ctx, fresh.ID); err != nil || sm.Signed || SummaryProgress(content, sm, StepAgreement) == 1 {
		t.Errorf("an altered agreement read as signed by the list: %+v, %v", sm, err)
	}
	must(st.SaveCheckIn(ctx, data.CheckIn{CaseID: fresh.ID, Week: 2, Trust: 5}))
	check("after an agreement altered by hand")

	// Undoing: a rule no longer acknowledged, a commitment removed, an answer emptied.
	must(st.SetRuleAck(ctx, fresh.ID, content.Section(data.SectionRules).Entries[0].ID, data.PartnerB, false))
	must(st.SaveAnswer(ctx, data.Answer{CaseID: fresh.ID, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: ""}))
	other, err := st.SaveCommitment(ctx, data.Commitment{CaseID: fresh.ID, CustomText: "Call at noon.", Cost: "low"})
	must(err)
	must(st.DeleteCommitment(ctx, fresh.ID, other.ID))
	check("after undoing")

	// Importing: from a file (as the window does) and a record with an ID the kept form cannot
	// hold, which the list then computes from the record.
	file := filepath.Join(dir, "couple.kintsugi")
	must(ExportCouple(ctx, st, office[0].ID, file, ""))
	_, err = ImportCouple(ctx, st, file, func() (string, error) { return "", nil })
	must(err)
	odd, err := st.Dossier(ctx, office[1].ID)
	must(err)
	odd.Answers = append(odd.Answers, data.Answer{Partner: data.PartnerA, QuestionID: "odd\x1fid", Text: "x", UpdatedAt: officeNow})
	_, err = st.ImportDossier(ctx, odd)
	must(err)
	unkept = 1
	check("after importing")

	// Deleting, locking (its kept summary goes), PINs, the office's own fields.
	must(st.DeleteCase(ctx, office[1].ID))
	must(st.SetPIN(ctx, fresh.ID, data.PartnerB, "2468"))
	must(st.SaveAnswer(ctx, data.Answer{CaseID: fresh.ID, Partner: data.PartnerB, QuestionID: "REFL-H-01", Text: "Only mine."}))
	must(st.SetCode(ctx, office[0].ID, "K-7"))
	must(st.SetFinished(ctx, office[0].ID, true))
	must(st.Lock(ctx, example.ID, "a long passphrase here"))
	check("after deleting, a PIN and locking")
	must(st.Unlock(ctx, example.ID, "a long passphrase here"))
	must(st.SaveLetter(ctx, data.Letter{CaseID: example.ID, Text: "Still locked, written while open.", Status: data.LetterDraft}))
	st.ForgetAll()
	check("after writing to a locked couple while open")

	// Restoring a backup taken before the deletion brings back its own summaries.
	backup := filepath.Join(dir, "before.db")
	must(st.Backup(ctx, backup))
	must(st.SaveCheckIn(ctx, data.CheckIn{CaseID: office[0].ID, Week: 53, Trust: 9}))
	must(st.Close())
	must(data.Restore(ctx, backup, path, filepath.Join(dir, "backups")))
	st, err = OpenStore(ctx, path)
	must(err)
	check("after restoring")
}

// checkKeptSummaries compares the kept summaries with each couple's full record; unkept is how
// many open couples are allowed to have none (an ID the kept form cannot hold). It closes every
// couple (ForgetAll).
func checkKeptSummaries(t *testing.T, st *data.Store, when string, unkept int) {
	t.Helper()
	ctx := context.Background()
	kept, err := st.Summaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := st.FreshSummaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(kept, fresh) {
		t.Errorf("%s: kept summaries differ from fresh ones:\nkept  %+v\nfresh %+v", when, kept, fresh)
	}
	// The list sees PIN-sealed answers as closed: so does the record read here.
	st.ForgetAll()
	for _, sm := range kept {
		if sm.Locked {
			continue
		}
		d, err := st.Dossier(ctx, sm.Case.ID)
		if err != nil {
			t.Fatal(err)
		}
		if whole := data.SummaryOf(d); !reflect.DeepEqual(sm, whole) {
			t.Errorf("%s: case %d's kept summary\n%+v\ndiffers from its record's\n%+v", when, sm.Case.ID, sm, whole)
		}
		// The step the list reads from the kept summary is the one the couple's screens judge.
		line, err := st.ListLineOf(ctx, sm.Case.ID, data.DateOf(Now()))
		if err != nil {
			t.Fatal(err)
		}
		content, err := LoadContent("en")
		if err != nil {
			t.Fatal(err)
		}
		row := rowOf(content, line, data.DateOf(Now()))
		if step := StepReached(content, d); row.Step != step {
			t.Errorf("%s: case %d's line says %s (kept: %v), its record %s", when, sm.Case.ID, row.Step, line.Judged, step)
		}
	}
	var stale, missing, lockedKept int
	db := st.DB()
	if err := db.QueryRow("SELECT count(*) FROM summaries_stale").Scan(&stale); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM cases WHERE id NOT IN (SELECT case_id FROM case_summaries)
		AND id NOT IN (SELECT case_id FROM locks)`).Scan(&missing); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT count(*) FROM case_summaries WHERE case_id IN (SELECT case_id FROM locks)").Scan(&lockedKept); err != nil {
		t.Fatal(err)
	}
	if stale != 0 || missing != unkept || lockedKept != 0 {
		t.Errorf("%s: %d summaries left stale, %d open couples without one (want %d), %d locked couples with one",
			when, stale, missing, unkept, lockedKept)
	}
}

// TestSummariesFilledForAnOlderDatabase: a file from before the kept summaries gets them all
// when it is first opened, and a kept summary marked stale is never trusted.
func TestSummariesFilledForAnOlderDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	st, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	content, err := LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	cs, err := GenerateOffice(ctx, st, content, 3, officeNow)
	if err != nil {
		t.Fatal(err)
	}
	// As an older Kintsugi left it: the schema before the summaries (and the digests after them).
	if _, err := st.DB().Exec("DROP TABLE agreement_digests"); err != nil {
		t.Fatal(err)
	}
	undoSummaries(t, st)
	for _, undo := range []string{"ALTER TABLE cases DROP COLUMN rebuilding_sealed", // and the migrations after it
		"ALTER TABLE checkins DROP COLUMN trust_sealed", "ALTER TABLE marks DROP COLUMN mark_sealed",
		"ALTER TABLE pins DROP COLUMN wrapped", "PRAGMA user_version = 10"} {
		if _, err := st.DB().Exec(undo); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	st, err = data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	checkKeptSummaries(t, st, "after the first open", 0)

	// A kept summary that is wrong but marked stale (as a write outside the store would leave
	// it) is not what the list shows.
	if _, err := st.DB().Exec(`UPDATE case_summaries SET facts = 'f1' WHERE case_id = ?;
		INSERT INTO summaries_stale (case_id) VALUES (?)`, cs[0].ID, cs[0].ID); err != nil {
		t.Fatal(err)
	}
	one, err := st.SummaryOfCase(ctx, cs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if one.CheckIns != OfficeWeeks {
		t.Errorf("a stale summary was trusted: %d check-ins", one.CheckIns)
	}
	if err := st.SetCode(ctx, cs[0].ID, "K-1"); err != nil { // the next write repairs it
		t.Fatal(err)
	}
	checkKeptSummaries(t, st, "after the next write", 0)
}

// undoSummaries takes the kept summaries (migration 11) out of a store.
func undoSummaries(t *testing.T, st *data.Store) {
	t.Helper()
	rows, err := st.DB().Query(`SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%\_summary\_%' ESCAPE '\'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	rows.Close()
	for _, n := range append(names, "case_summaries", "summaries_stale") {
		kind := "TRIGGER"
		if n == "case_summaries" || n == "summaries_stale" {
			kind = "TABLE"
		}
		if _, err := st.DB().Exec("DROP " + kind + " " + n); err != nil {
			t.Fatal(err)
		}
	}
}

// alterAgreement changes a store's file as someone with a SQLite tool would, guards dropped.
func alterAgreement(t *testing.T, st *data.Store, stmt string) {
	t.Helper()
	for _, q := range []string{"DROP TRIGGER IF EXISTS agreement_items_frozen_update", "DROP TRIGGER IF EXISTS signatures_frozen", stmt} {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestAnAlteredAgreementIsNeverCountedAsSigned: after both signed, an amount changed in the file
// by hand takes the tick off the agreement step, for the couple's own step list (read whole) and
// for the list of couples (kept summaries), before and after the file is opened again.
func TestAnAlteredAgreementIsNeverCountedAsSigned(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	st, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { st.Close() }()
	content, err := LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	cs, err := st.CreateCase(ctx, data.Case{NameA: "Ana", NameB: "Bo", Rebuilding: data.RebuilderA})
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.SaveAgreement(ctx, data.Agreement{CaseID: cs.ID, Items: []data.AgreementItem{{CatalogID: "PRED-05", Text: "Walks together.", Param: 3, Unit: "times a week", Cost: "low"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range data.Partners {
		if err := st.Sign(ctx, data.KeyboardOf(p), cs.ID, a.ID, data.Signature{Partner: p, TypedName: cs.NameOf(p)}); err != nil {
			t.Fatal(err)
		}
	}
	judge := func(when string, want float64) {
		t.Helper()
		d, err := st.Dossier(ctx, cs.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := Progress(content, d, StepAgreement); got != want {
			t.Errorf("%s: the step list shows the agreement %v done, want %v", when, got, want)
		}
		rows, err := ListCouples(ctx, st, content)
		if err != nil {
			t.Fatal(err)
		}
		sums, err := st.Summaries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := SummaryProgress(content, sums[0], StepAgreement); got != want || sums[0].Signed != (want == 1) {
			t.Errorf("%s: the list of couples shows the agreement %v done (signed %v), want %v", when, got, sums[0].Signed, want)
		}
		if len(rows) != 1 || rows[0].Step != SummaryStep(content, sums[0]) {
			t.Errorf("%s: list rows %+v", when, rows)
		}
	}
	judge("signed by both", 1)
	alterAgreement(t, st, "UPDATE agreement_items SET param = 6 WHERE param = 3")
	judge("an amount changed by hand", 0)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err = data.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	judge("opened again", 0)
	if err := st.SetCode(ctx, cs.ID, "K-2"); err != nil { // a write keeps the summary again
		t.Fatal(err)
	}
	judge("after the next write", 0)
	checkKeptSummaries(t, st, "after the next write", 0)
}
