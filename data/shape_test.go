package data_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"kintsugi/data"
)

// shapedCouple is lockedCouple with every part of its shape filled: causes, who is rebuilding,
// a trust score, a daily mark, decisions, and catalog commitments with amounts in an agreement.
func shapedCouple(t *testing.T, st *data.Store) data.Case {
	t.Helper()
	ctx := context.Background()
	c := lockedCouple(t, st)
	c.Rebuilding = data.RebuilderB
	must(t, st.UpdateCase(ctx, c))
	must(t, st.SaveIncident(ctx, data.Incident{CaseID: c.ID, Description: "SECRET-incident", Causes: []string{"CAUSE-04", "SHAPE-cause-hidden"}}))
	must(t, st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: 2, Trust: 7}))
	must(t, st.SetDecision(ctx, c.ID, data.DecisionContinue, data.PartnerB, data.DecisionUnsure))
	must(t, st.SetDecision(ctx, c.ID, data.DecisionWelcome, data.PartnerA, data.DecisionYes))
	calls, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-04", Param: 37, Cost: data.CostModerate,
		AgreedA: true, AgreedB: true, ReviewDate: data.NewDate(2026, 6, 1)})
	must(t, err)
	must(t, st.SetMark(ctx, c.ID, data.TrackEntry{CommitmentID: calls.ID, Day: data.NewDate(2026, 3, 10), Mark: data.MarkMissed}))
	dinner, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-13", Param: 5, Cost: data.CostModerate, AgreedA: true, AgreedB: true})
	must(t, err)
	must(t, st.SetWeekCount(ctx, c.ID, data.WeekCount{CommitmentID: dinner.ID, Week: 2, Count: 4}))
	_, err = st.SaveAgreement(ctx, data.Agreement{CaseID: c.ID, Items: []data.AgreementItem{
		{CommitmentID: calls.ID, CatalogID: "PRED-04", Code: "SHAPE-code-I.4", Text: "calls", Param: 37, Unit: "SHAPE-unit-times", Cost: data.CostModerate}}})
	must(t, err)
	return c
}

// Strings long and odd enough never to turn up by chance in ciphertext or the schema.
var shapeSecrets = []string{"CAUSE-04", "SHAPE-cause-hidden", "PRED-04", "SHAPE-code-I.4", "SHAPE-unit-times", "moderate"}

// shape is the part of a dossier a locked couple now seals.
func shape(t *testing.T, st *data.Store, caseID int64) string {
	t.Helper()
	d, err := st.Dossier(context.Background(), caseID)
	must(t, err)
	var items []data.AgreementItem
	for _, a := range d.Agreements {
		items = append(items, a.Items...)
	}
	var terms []string
	for _, c := range d.Commitments {
		terms = append(terms, fmt.Sprintf("%s/%d/%s", c.CatalogID, c.Param, c.Cost))
	}
	return fmt.Sprintf("%s|%v|%v|%v|%v|%v|%v|%+v", d.Case.Rebuilding, d.Incident.Causes, d.CheckIns, d.Marks, d.Counts, d.Decisions, terms, items)
}

// plainShape lists every shape value of a couple SQL can read as text or number: none may be
// left once it is locked.
func plainShape(t *testing.T, st *data.Store, caseID int64) []string {
	t.Helper()
	checks := []struct{ name, sql string }{
		{"who is rebuilding", "SELECT count(*) FROM cases WHERE id = ? AND (rebuilding <> 'both' OR typeof(rebuilding_sealed) <> 'blob')"},
		{"causes", "SELECT count(*) FROM incidents WHERE case_id = ? AND typeof(causes) <> 'blob'"},
		{"trust scores", "SELECT count(*) FROM checkins WHERE case_id = ? AND (trust <> -1 OR typeof(trust_sealed) <> 'blob')"},
		{"daily marks", "SELECT count(*) FROM marks WHERE case_id = ? AND (mark <> 'na' OR typeof(mark_sealed) <> 'blob')"},
		{"week counts", "SELECT count(*) FROM week_counts WHERE case_id = ? AND typeof(times) <> 'blob'"},
		{"decisions", "SELECT count(*) FROM decisions WHERE case_id = ? AND typeof(value) <> 'blob'"},
		{"commitment terms", "SELECT count(*) FROM commitments WHERE case_id = ? AND " +
			"(typeof(catalog_id) <> 'blob' OR typeof(param) <> 'blob' OR typeof(cost) <> 'blob')"},
		{"agreement items", "SELECT count(*) FROM agreement_items WHERE agreement_id IN (SELECT id FROM agreements WHERE case_id = ?) AND " +
			"(typeof(catalog_id) <> 'blob' OR typeof(code) <> 'blob' OR typeof(param) <> 'blob' OR typeof(unit) <> 'blob' OR typeof(cost) <> 'blob')"},
	}
	var out []string
	for _, c := range checks {
		var n int
		must(t, st.DB().QueryRow(c.sql, caseID).Scan(&n))
		if n > 0 {
			out = append(out, fmt.Sprintf("%s (%d rows)", c.name, n))
		}
	}
	return out
}

func TestALockedCoupleShowsOnlyNamesAndDates(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := shapedCouple(t, st)
	before := shape(t, st, c.ID)
	for _, s := range []string{"CAUSE-04", "PRED-04", "SHAPE-unit-times"} {
		if !bytes.Contains(onDisk(t, path), []byte(s)) {
			t.Fatalf("%q is not in the file before the lock: the test would prove nothing", s)
		}
	}
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))

	if left := plainShape(t, st, c.ID); len(left) > 0 {
		t.Errorf("a locked couple still shows: %v", left)
	}
	disk := onDisk(t, path)
	for _, s := range shapeSecrets {
		if bytes.Contains(disk, []byte(s)) {
			t.Errorf("%q can be read in the database files after locking", s)
		}
	}
	if !bytes.Contains(disk, []byte("Alex")) || !bytes.Contains(disk, []byte("2026-03-10")) {
		t.Error("names and dates should stay readable for the start screen and tracking by day")
	}

	// Writes to the open couple seal their shape too.
	calls := findCommitment(t, st, c.ID, "PRED-04")
	must(t, st.SetMark(ctx, c.ID, data.TrackEntry{CommitmentID: calls, Day: data.NewDate(2026, 3, 11), Mark: data.MarkKept}))
	must(t, st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: 3, Trust: 9}))
	must(t, st.SetWeekCount(ctx, c.ID, data.WeekCount{CommitmentID: findCommitment(t, st, c.ID, "PRED-13"), Week: 3, Count: 2}))
	if left := plainShape(t, st, c.ID); len(left) > 0 {
		t.Errorf("written to the open locked couple in plain: %v", left)
	}
	before = shape(t, st, c.ID)

	// Without the passphrase, only names show; with it, everything as before.
	other, err := data.Open(ctx, path)
	must(t, err)
	defer other.Close()
	cs, err := other.Case(ctx, c.ID)
	must(t, err)
	if cs.NameB != "Alex" || cs.Rebuilding != data.RebuilderBoth {
		t.Errorf("a closed locked couple reads %+v: the names, and the neutral role", cs)
	}
	must(t, other.Unlock(ctx, c.ID, "correct horse battery"))
	if got := shape(t, other, c.ID); got != before {
		t.Errorf("after unlocking:\n got %s\nwant %s", got, before)
	}
	// The catalog ID is found by reading, not by SQL: adding it again updates the one there.
	again, err := other.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-04", Param: 5, Cost: data.CostModerate})
	must(t, err)
	if again.ID != calls {
		t.Errorf("adding PRED-04 again made commitment %d beside %d", again.ID, calls)
	}
}

func findCommitment(t *testing.T, st *data.Store, caseID int64, catalogID string) int64 {
	t.Helper()
	cs, err := st.Commitments(context.Background(), caseID)
	must(t, err)
	for _, c := range cs {
		if c.CatalogID == catalogID {
			return c.ID
		}
	}
	t.Fatalf("no commitment %s", catalogID)
	return 0
}

// A couple locked before the shape was sealed (schema 11) keeps it plain until the key is at
// hand: its next unlock seals it in one transaction and wipes the log.
func TestACoupleLockedBeforeIsSealedAtItsNextUnlock(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := shapedCouple(t, st)
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	want := shape(t, st, c.ID)
	must(t, data.ShapeLikeBefore(st, c.ID))

	old, err := data.Open(ctx, path)
	must(t, err)
	defer old.Close()
	if left := plainShape(t, old, c.ID); len(left) == 0 {
		t.Fatal("the database made like before shows no plain shape: the test would prove nothing")
	}
	must(t, old.Unlock(ctx, c.ID, "correct horse battery"))
	if left := plainShape(t, old, c.ID); len(left) > 0 {
		t.Errorf("after the first unlock the couple still shows: %v", left)
	}
	disk := onDisk(t, path)
	for _, s := range shapeSecrets {
		if bytes.Contains(disk, []byte(s)) {
			t.Errorf("%q can be read in the database files after the unlock sealed the shape", s)
		}
	}
	if got := shape(t, old, c.ID); got != want {
		t.Errorf("after sealing:\n got %s\nwant %s", got, want)
	}
	var trust any
	must(t, old.DB().QueryRow("SELECT trust FROM checkins WHERE case_id = ? AND week = 1", c.ID).Scan(&trust))
	if !reflect.DeepEqual(trust, int64(-1)) {
		t.Errorf("the plain trust column of a locked couple holds %v", trust)
	}
}

// An encrypted import is locked from its first byte: its shape too.
func TestALockedImportSealsItsShape(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := shapedCouple(t, st)
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	want := shape(t, st, c.ID)
	to, path := openTemp(t)
	got, err := to.ImportDossierLocked(ctx, d, "correct horse battery")
	must(t, err)
	if left := plainShape(t, to, got.ID); len(left) > 0 {
		t.Errorf("an encrypted import shows: %v", left)
	}
	for _, s := range shapeSecrets {
		if bytes.Contains(onDisk(t, path), []byte(s)) {
			t.Errorf("%q can be read in the database files after an encrypted import", s)
		}
	}
	if s := shape(t, to, got.ID); s != want {
		t.Errorf("imported:\n got %s\nwant %s", s, want)
	}
}

// A backup of a couple locked before the shape was sealed shows the shape; once the couple's
// next unlock seals it in the database, the backup counts as exposed and is re-sealed with the
// key, and restores as it was. Before that unlock it does not count: it shows no more than the
// database itself, and replacing it would only make another backup just like it.
func TestBackupsOfAnOlderLockAreSealedAfterTheUnlock(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := shapedCouple(t, st)
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	want := shape(t, st, c.ID)
	must(t, data.ShapeLikeBefore(st, c.ID))
	backup := filepath.Join(t.TempDir(), "kintsugi-20261101-090000.db")
	raw, err := os.ReadFile(path)
	must(t, err)
	must(t, os.WriteFile(backup, raw, 0o600))
	if !bytes.Contains(raw, []byte("PRED-04")) {
		t.Fatal("the backup made like before shows no plain shape: the test would prove nothing")
	}

	live, err := data.Open(ctx, path)
	must(t, err)
	defer live.Close()
	if exposed, err := live.Exposed(ctx, backup, c.ID); err != nil || exposed {
		t.Errorf("before the unlock the backup counts as exposed (%v, %v): it would be replaced by one just like it", exposed, err)
	}
	must(t, live.Unlock(ctx, c.ID, "correct horse battery"))
	if exposed, err := live.Exposed(ctx, backup, c.ID); err != nil || !exposed {
		t.Fatalf("after the unlock sealed the database, the backup does not count as exposed (%v, %v)", exposed, err)
	}
	changed, err := live.SealBackup(ctx, backup, c.ID)
	must(t, err)
	if !changed {
		t.Error("the backup was not re-sealed")
	}
	raw, err = os.ReadFile(backup)
	must(t, err)
	for _, s := range shapeSecrets {
		if bytes.Contains(raw, []byte(s)) {
			t.Errorf("%q can still be read in the backup", s)
		}
	}
	if exposed, err := live.Exposed(ctx, backup, c.ID); err != nil || exposed {
		t.Errorf("the re-sealed backup still counts as exposed (%v, %v)", exposed, err)
	}
	restored := filepath.Join(t.TempDir(), "restored.db")
	must(t, os.WriteFile(restored, raw, 0o600))
	rs, err := data.Open(ctx, restored)
	must(t, err)
	defer rs.Close()
	must(t, rs.Unlock(ctx, c.ID, "correct horse battery"))
	if got := shape(t, rs, c.ID); got != want {
		t.Errorf("restored:\n got %s\nwant %s", got, want)
	}
}

// A sealed shape value moved to another row does not open: swapping two weeks' trust scores,
// or two partners' decisions, is reported as damage, never read as the other row's value.
func TestShapeValuesMovedToAnotherRowDoNotOpen(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := shapedCouple(t, st)
	must(t, st.Lock(ctx, c.ID, "correct horse battery"))
	swap := func(table, column, key string, a, b any) {
		t.Helper()
		var va, vb []byte
		q := fmt.Sprintf("SELECT %s FROM %s WHERE case_id = ? AND %s = ?", column, table, key)
		must(t, st.DB().QueryRow(q, c.ID, a).Scan(&va))
		must(t, st.DB().QueryRow(q, c.ID, b).Scan(&vb))
		u := fmt.Sprintf("UPDATE %s SET %s = ? WHERE case_id = ? AND %s = ?", table, column, key)
		for _, x := range []struct {
			v   []byte
			row any
		}{{vb, a}, {va, b}} {
			if _, err := st.DB().Exec(u, x.v, c.ID, x.row); err != nil {
				t.Fatal(err)
			}
		}
	}
	swap("checkins", "trust_sealed", "week", 1, 2)
	swap("decisions", "value", "key", data.DecisionWelcome, data.DecisionContinue)
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	for _, ci := range d.CheckIns {
		if ci.Trust != -1 {
			t.Errorf("week %d's trust reads %d after the swap", ci.Week, ci.Trust)
		}
	}
	for _, x := range d.Decisions {
		if x.Value != "" {
			t.Errorf("decision %s/%s reads %q after the swap", x.Key, x.Partner, x.Value)
		}
	}
	damaged := st.Damaged(ctx, c.ID)
	for _, want := range []data.DamagedPart{{Kind: data.DamageTrust, Week: 1}, {Kind: data.DamageTrust, Week: 2},
		{Kind: data.DamageDecision, Partner: data.PartnerB, Decision: data.DecisionContinue},
		{Kind: data.DamageDecision, Partner: data.PartnerA, Decision: data.DecisionWelcome}} {
		if !slices.Contains(damaged, want) {
			t.Errorf("damage report %+v does not name %+v", damaged, want)
		}
	}
}
