package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"kintsugi/data"
)

// fixedNow is a Monday two weeks after the test couples' Wednesday start (4 March), so the days
// their fixtures mark have come and none is in the future.
var fixedNow = time.Date(2026, 3, 16, 9, 30, 0, 0, time.UTC)

func openTemp(t testing.TB) (*data.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "k.db")
	st, err := data.Open(context.Background(), path, data.WithClock(func() time.Time { return fixedNow }))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

func newCase(t testing.TB, st *data.Store) data.Case {
	t.Helper()
	c, err := st.CreateCase(context.Background(), data.Case{NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderA, StartDate: data.NewDate(2026, 3, 4)})
	if err != nil {
		t.Fatalf("create case: %v", err)
	}
	return c
}

// hostileTexts is text of every kind a person can type or paste.
var hostileTexts = []string{
	"",
	"plain",
	"Zoë's café — “quotes” ‘single’ … naïve",
	"日本語のテキスト、中文、한국어",
	"مرحبا بالعالم עברית",
	"emoji 👩‍❤️‍👨 🏳️‍🌈 🇯🇵 and skin tones 👋🏽",
	"tabs\tand\nnewlines\r\nand CR\r",
	"nul \x00 byte in the middle",
	"'; DROP TABLE cases; --",
	"combining e\u0301 and zero\u200bwidth and bidi \u202eoverride",
	strings.Repeat("long paragraph with words ", 40000),
	strings.Repeat("x", 100000),
}

func TestOpenCreatesPrivateFileAndSchema(t *testing.T) {
	st, path := openTemp(t)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("database mode = %o, want 600", mode)
	}
	var version int
	var mode string
	if err := st.DB().QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != data.SchemaVersion() {
		t.Errorf("user_version = %d (%v), want %d", version, err, data.SchemaVersion())
	}
	if err := st.DB().QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v), want wal", mode, err)
	}
	var fk int
	if err := st.DB().QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d (%v), want 1", fk, err)
	}
	// Reopening an up-to-date database changes nothing and keeps the data.
	c := newCase(t, st)
	st.Close()
	st2, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer st2.Close()
	if got, err := st2.Case(context.Background(), c.ID); err != nil || got.NameA != "Sam" {
		t.Errorf("after reopen: %+v, %v", got, err)
	}
}

func TestOpenRefusesNewerDatabaseWithoutWriting(t *testing.T) {
	_, path := openTemp(t)
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", data.SchemaVersion()+5)); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	before := fileBytes(t, path)
	_, err = data.Open(context.Background(), path)
	if !errors.Is(err, data.ErrTooNew) {
		t.Fatalf("Open of a newer database: err = %v, want ErrTooNew", err)
	}
	if !strings.Contains(err.Error(), "update Kintsugi") {
		t.Errorf("message does not say what to do: %v", err)
	}
	if !bytes.Equal(before, fileBytes(t, path)) {
		t.Error("the newer database was written to")
	}
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte(strings.Repeat("not a database at all\n", 200)), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	raw, err := sql.Open("sqlite3", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x')"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	for _, path := range []string{text, other} {
		before := fileBytes(t, path)
		st, err := data.Open(context.Background(), path)
		if err == nil {
			st.Close()
			t.Errorf("%s: Open accepted a file that is not ours", filepath.Base(path))
			continue
		}
		if !strings.Contains(err.Error(), "not a Kintsugi database") && !strings.Contains(err.Error(), "another program") {
			t.Errorf("%s: unclear refusal: %v", filepath.Base(path), err)
		}
		if !bytes.Equal(before, fileBytes(t, path)) {
			t.Errorf("%s was changed by a refused open", filepath.Base(path))
		}
	}
}

func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCaseValidationAndRoundTrip(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	var in *data.InputError
	if _, err := st.CreateCase(ctx, data.Case{NameA: " ", NameB: "Alex", Rebuilding: data.RebuilderA}); !errors.As(err, &in) {
		t.Errorf("a nameless partner: err = %v, want an InputError", err)
	}
	if _, err := st.CreateCase(ctx, data.Case{NameA: "Sam\xff", NameB: "Alex", Rebuilding: data.RebuilderA}); !errors.As(err, &in) {
		t.Errorf("a name that is not UTF-8: err = %v, want an InputError", err)
	}
	if _, err := st.CreateCase(ctx, data.Case{NameA: strings.Repeat("n", 81), NameB: "Alex", Rebuilding: data.RebuilderA}); !errors.As(err, &in) {
		t.Errorf("an 81-character name: err = %v, want an InputError", err)
	}
	if _, err := st.CreateCase(ctx, data.Case{NameA: "Sam", NameB: "Alex", Rebuilding: "C"}); !errors.As(err, &in) {
		t.Errorf("rebuilding C: err = %v, want an InputError", err)
	}
	c := newCase(t, st)
	c.NameB, c.Rebuilding, c.Paper = "Alexandra", data.RebuilderBoth, data.PaperLetter
	if err := st.UpdateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := st.Case(ctx, c.ID)
	if err != nil || got.NameB != "Alexandra" || got.Rebuilding != data.RebuilderBoth || got.Paper != "letter" || got.StartDate != c.StartDate || got.Language != "en" {
		t.Errorf("round trip: %+v, %v", got, err)
	}
	if _, err := st.Case(ctx, 999); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("missing case: err = %v, want ErrNotFound", err)
	}
}

func TestEveryKindOfTextIsStoredExactly(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := newCase(t, st)
	for i, text := range hostileTexts {
		q := fmt.Sprintf("CLAR-%02d", i)
		if err := st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerB, QuestionID: q, Text: text}); err != nil {
			t.Fatalf("save answer %d: %v", i, err)
		}
		if err := st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: text}); err != nil {
			t.Fatalf("save letter %d: %v", i, err)
		}
		l, err := st.Letter(ctx, c.ID)
		if err != nil || l.Text != text {
			t.Errorf("letter %d came back different (%d bytes in, %d out, %v)", i, len(text), len(l.Text), err)
		}
		if err := st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: i + 1, Trust: 5, WentWell: text, WasHard: text, Appreciated: text}); err != nil {
			t.Fatalf("save check-in %d: %v", i, err)
		}
		if err := st.SaveIncident(ctx, data.Incident{CaseID: c.ID, Description: text, Causes: []string{"CAUSE-01"}}); err != nil {
			t.Fatalf("save incident %d: %v", i, err)
		}
		in, err := st.Incident(ctx, c.ID)
		if err != nil || in.Description != text {
			t.Errorf("description %d came back different (%v)", i, err)
		}
	}
	answers, err := st.Answers(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range answers {
		var i int
		fmt.Sscanf(a.QuestionID, "CLAR-%02d", &i)
		if a.Text != hostileTexts[i] {
			t.Errorf("answer %s came back different", a.QuestionID)
		}
	}
	checkIns, err := st.CheckIns(ctx, c.ID)
	if err != nil || len(checkIns) != len(hostileTexts) {
		t.Fatalf("check-ins: %d, %v", len(checkIns), err)
	}
	for _, ci := range checkIns {
		want := hostileTexts[ci.Week-1]
		if ci.WentWell != want || ci.WasHard != want || ci.Appreciated != want {
			t.Errorf("check-in week %d came back different", ci.Week)
		}
	}
	if err := st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "bad \xff utf8"}); err == nil {
		t.Error("invalid UTF-8 was accepted silently")
	}
}

func TestProgressRoundTrip(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := newCase(t, st)
	must(t, st.SaveIncident(ctx, data.Incident{CaseID: c.ID, Causes: []string{"CAUSE-04", "CAUSE-07"}, Description: "d", Date: data.NewDate(2026, 1, 5)}))
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "REFL-R-01", Text: "yes", Shared: true}))
	must(t, st.SetRuleAck(ctx, c.ID, "RULE-01", data.PartnerA, true))
	must(t, st.SetRuleAck(ctx, c.ID, "RULE-01", data.PartnerB, true))
	must(t, st.SetRuleAck(ctx, c.ID, "RULE-02", data.PartnerB, true))
	must(t, st.SetRuleAck(ctx, c.ID, "RULE-02", data.PartnerB, false))
	must(t, st.SaveStep(ctx, data.StepProgress{CaseID: c.ID, StepID: "STEP-01", DoneOn: data.NewDate(2026, 3, 5), Note: "said it"}))
	must(t, st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "Dear Alex", Status: data.LetterReady}))
	must(t, st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: 2, Trust: 7, WentWell: "w"}))
	cm, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-04", Param: 3, Cost: data.CostModerate, AgreedA: true})
	must(t, err)
	custom, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CustomText: "Sunday walks", Cost: data.CostLow, AgreedA: true, AgreedB: true})
	must(t, err)
	// Adding a catalog commitment twice updates it rather than duplicating it.
	again, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-04", Param: 4, Cost: data.CostModerate, AgreedA: true, AgreedB: true})
	must(t, err)
	if again.ID != cm.ID {
		t.Errorf("catalog commitment stored twice: %d and %d", cm.ID, again.ID)
	}
	day := c.StartDate // week 1 runs from Monday, but nothing before the start can be marked
	must(t, st.SetMarks(ctx, c.ID, []data.TrackEntry{
		{CommitmentID: cm.ID, Day: day, Mark: data.MarkKept},
		{CommitmentID: custom.ID, Day: day, Mark: data.MarkMissed},
		{CommitmentID: custom.ID, Day: day.AddDays(1), Mark: data.MarkNA},
	}))
	must(t, st.SetMark(ctx, c.ID, data.TrackEntry{CommitmentID: custom.ID, Day: day.AddDays(1), Mark: data.MarkNone}))

	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	if d.Incident.Date != data.NewDate(2026, 1, 5) || strings.Join(d.Incident.Causes, ",") != "CAUSE-04,CAUSE-07" {
		t.Errorf("incident: %+v", d.Incident)
	}
	if a := d.Answer(data.PartnerA, "REFL-R-01"); a == nil || a.Text != "yes" || !a.Shared {
		t.Errorf("answer: %+v", a)
	}
	if !d.Acked(data.PartnerA, "RULE-01") || !d.Acked(data.PartnerB, "RULE-01") || d.Acked(data.PartnerB, "RULE-02") {
		t.Errorf("rule acks: %+v", d.RuleAcks)
	}
	if s := d.Step("STEP-01"); s.Note != "said it" || s.DoneOn != data.NewDate(2026, 3, 5) {
		t.Errorf("step: %+v", s)
	}
	if d.Letter.Text != "Dear Alex" || d.Letter.Status != data.LetterReady {
		t.Errorf("letter: %+v", d.Letter)
	}
	if ci := d.CheckIn(2); ci.Trust != 7 || ci.WentWell != "w" {
		t.Errorf("check-in: %+v", ci)
	}
	if ci := d.CheckIn(3); ci.Trust != -1 {
		t.Errorf("unrated week: %+v", ci)
	}
	// The amount changed from 3 to 4 after A agreed: nobody has agreed to 4 yet, whatever the
	// caller passed in.
	if len(d.Commitments) != 2 || d.Commitments[0].Param != 4 || d.Commitments[0].AgreedA || d.Commitments[0].AgreedB ||
		!d.Commitments[1].Agreed() || d.Commitments[1].CustomText != "Sunday walks" {
		t.Errorf("commitments: %+v", d.Commitments)
	}
	if d.Mark(cm.ID, day) != data.MarkKept || d.Mark(custom.ID, day) != data.MarkMissed || d.Mark(custom.ID, day.AddDays(1)) != data.MarkNone {
		t.Errorf("marks: %+v", d.Marks)
	}
	if c.WeekStart(1).Time().Weekday() != time.Monday || c.WeekOf(c.StartDate) != 1 || c.WeekOf(c.WeekStart(3).AddDays(6)) != 3 {
		t.Errorf("weeks: start %s, week 1 %s", c.StartDate, c.WeekStart(1))
	}
	// Deleting a commitment removes its marks, in the same transaction.
	must(t, st.DeleteCommitment(ctx, c.ID, custom.ID))
	marks, err := st.Marks(ctx, c.ID, day, day.AddDays(6))
	must(t, err)
	if len(marks) != 1 {
		t.Errorf("marks after deleting a commitment: %+v", marks)
	}
}

func TestInvalidInputIsRefusedWithAMessage(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := newCase(t, st)
	var in *data.InputError
	checks := map[string]error{
		"trust 11":   st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: 1, Trust: 11}),
		"week 0":     st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: 0, Trust: 1}),
		"mark maybe": st.SetMark(ctx, c.ID, data.TrackEntry{CommitmentID: 1, Day: c.StartDate, Mark: "maybe"}),
		"partner C":  st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: "C", QuestionID: "CLAR-01"}),
		"empty custom": func() error {
			_, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, Cost: data.CostLow})
			return err
		}(),
		"bad status": st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Status: "lost"}),
	}
	for name, err := range checks {
		if !errors.As(err, &in) || in.Msg == "" {
			t.Errorf("%s: err = %v, want an InputError with a message", name, err)
		}
	}
	if err := st.SaveLetter(ctx, data.Letter{CaseID: 4242, Text: "x"}); err == nil {
		t.Error("a letter for a missing case was accepted")
	}
}

func signaturePNG(t testing.TB) []byte {
	img := image.NewGray(image.Rect(0, 0, 20, 10))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSignedAgreementIsFrozenAndChangesMakeNewVersions(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := newCase(t, st)
	items := []data.AgreementItem{{Code: "I.4", Text: "Sam calls Alex", Param: 3, Unit: "times a day", Cost: data.CostModerate}}
	v1, err := st.SaveAgreement(ctx, data.Agreement{CaseID: c.ID, StartDate: c.StartDate, ReviewDate: c.StartDate.AddDays(90), Items: items})
	must(t, err)
	if v1.Version != 1 || v1.Frozen() {
		t.Fatalf("first version: %+v", v1)
	}
	must(t, st.Sign(ctx, data.KeyboardOf(data.PartnerA), c.ID, v1.ID, data.Signature{Partner: data.PartnerA, TypedName: "Sam", PNG: signaturePNG(t)}))
	// Changing a version signed by one partner withdraws that signature: it no longer matches.
	items[0].Param = 2
	v1b, err := st.SaveAgreement(ctx, data.Agreement{CaseID: c.ID, StartDate: c.StartDate, Items: items})
	must(t, err)
	if v1b.ID != v1.ID || v1b.Version != 1 || len(v1b.Signatures) != 0 || v1b.Items[0].Param != 2 {
		t.Fatalf("rewritten first version: %+v", v1b)
	}
	must(t, st.Sign(ctx, data.KeyboardOf(data.PartnerA), c.ID, v1.ID, data.Signature{Partner: data.PartnerA, TypedName: "Sam", PNG: signaturePNG(t)}))
	must(t, st.Sign(ctx, data.KeyboardOf(data.PartnerB), c.ID, v1.ID, data.Signature{Partner: data.PartnerB, TypedName: "Alex"}))

	if err := st.Sign(ctx, data.KeyboardOf(data.PartnerB), c.ID, v1.ID, data.Signature{Partner: data.PartnerB, TypedName: "Someone else"}); !errors.Is(err, data.ErrFrozen) {
		t.Errorf("signing a frozen version: err = %v, want ErrFrozen", err)
	}
	frozen, err := st.Agreements(ctx, c.ID)
	must(t, err)
	edit := frozen[0]
	edit.Items = append(edit.Items, data.AgreementItem{Text: "more"})
	if err := st.UpdateAgreement(ctx, edit); !errors.Is(err, data.ErrFrozen) {
		t.Errorf("updating a frozen version: err = %v, want ErrFrozen", err)
	}
	// The database itself refuses, even if Go code forgot to check.
	if _, err := st.DB().Exec("UPDATE agreement_items SET param = 9 WHERE agreement_id = ?", v1.ID); err == nil {
		t.Error("the database let a frozen version change")
	}
	items = append(items, data.AgreementItem{Code: "I.5", Text: "Sam says where", Cost: data.CostModerate})
	v2, err := st.SaveAgreement(ctx, data.Agreement{CaseID: c.ID, StartDate: c.StartDate, Items: items})
	must(t, err)
	if v2.Version != 2 || v2.ID == v1.ID || len(v2.Items) != 2 {
		t.Fatalf("second version: %+v", v2)
	}
	all, err := st.Agreements(ctx, c.ID)
	must(t, err)
	if len(all) != 2 || !all[0].Frozen() || len(all[0].Items) != 1 || all[0].Items[0].Param != 2 || all[0].SignatureOf(data.PartnerA).TypedName != "Sam" {
		t.Fatalf("versions after change: %+v", all)
	}
	if !bytes.Equal(all[0].SignatureOf(data.PartnerA).PNG, signaturePNG(t)) {
		t.Error("the drawn signature came back different")
	}
	var in *data.InputError
	if err := st.Sign(ctx, data.KeyboardOf(data.PartnerA), c.ID, v2.ID, data.Signature{Partner: data.PartnerA, TypedName: "Sam", PNG: []byte("GIF89a")}); !errors.As(err, &in) {
		t.Errorf("a non-PNG signature: err = %v, want an InputError", err)
	}
	if err := st.DeleteCase(ctx, c.ID); err != nil {
		t.Errorf("deleting a couple with a frozen agreement: %v", err)
	}
}

func TestTwoConnectionsWritingAtOnce(t *testing.T) {
	_, path := openTemp(t)
	ctx := context.Background()
	stores := make([]*data.Store, 2)
	for i := range stores {
		st, err := data.Open(ctx, path)
		must(t, err)
		defer st.Close()
		stores[i] = st
	}
	c := newCase(t, stores[0])
	const perWriter = 40
	var wg sync.WaitGroup
	errs := make(chan error, 2*perWriter)
	for w, st := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWriter; i++ {
				q := fmt.Sprintf("Q-%d-%02d", w, i)
				errs <- st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.Partners[w], QuestionID: q, Text: q})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent write failed: %v", err)
		}
	}
	answers, err := stores[1].Answers(ctx, c.ID)
	must(t, err)
	if len(answers) != 2*perWriter {
		t.Errorf("got %d answers, want %d", len(answers), 2*perWriter)
	}
}

func TestMigrationFromEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	must(t, os.WriteFile(path, nil, 0o600))
	st, err := data.Open(context.Background(), path)
	must(t, err)
	defer st.Close()
	var tables int
	must(t, st.DB().QueryRow("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").Scan(&tables))
	if tables < 10 {
		t.Errorf("only %d tables after migrating an empty file", tables)
	}
}

type upperSealer struct{ seen map[string]int }

func (u *upperSealer) Seal(_ int64, field string, p []byte) ([]byte, error) {
	u.seen[field]++
	return append([]byte("S:"), p...), nil
}

func (u *upperSealer) Open(_ int64, field string, s []byte) ([]byte, error) {
	if !bytes.HasPrefix(s, []byte("S:")) {
		return nil, errors.New("not sealed")
	}
	return s[2:], nil
}

func TestSensitiveTextPassesThroughTheSealer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sealed.db")
	sealer := &upperSealer{seen: map[string]int{}}
	st, err := data.Open(context.Background(), path, data.WithSealer(sealer))
	must(t, err)
	defer st.Close()
	ctx := context.Background()
	c := newCase(t, st)
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: "secret answer"}))
	must(t, st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "secret letter"}))
	must(t, st.SaveIncident(ctx, data.Incident{CaseID: c.ID, Description: "secret description"}))
	must(t, st.SaveStep(ctx, data.StepProgress{CaseID: c.ID, StepID: "STEP-01", Note: "secret note"}))
	must(t, st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: 1, Trust: 3, WentWell: "secret well"}))
	ag, err := st.SaveAgreement(ctx, data.Agreement{CaseID: c.ID, Items: []data.AgreementItem{{Text: "secret item"}}})
	must(t, err)
	must(t, st.Sign(ctx, data.KeyboardOf(data.PartnerA), c.ID, ag.ID, data.Signature{Partner: data.PartnerA, TypedName: "Sam", PNG: signaturePNG(t)}))
	for _, f := range []string{"answer", "letter", "incident.description", "step.note", "checkin.went_well", "agreement.text", "signature.png", "signature.name"} {
		if sealer.seen[f] == 0 {
			t.Errorf("field %s did not pass through the sealer", f)
		}
	}
	var raw []byte
	must(t, st.DB().QueryRow("SELECT body FROM letters").Scan(&raw))
	if string(raw) != "S:secret letter" {
		t.Errorf("stored letter is %q, not the sealed form", raw)
	}
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	if d.Letter.Text != "secret letter" || d.Answers[0].Text != "secret answer" || d.Agreements[0].Items[0].Text != "secret item" {
		t.Errorf("unsealed values differ: %+v", d)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestMigrationKeepsDataFromAnOlderSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	schema1, err := os.ReadFile("migrations/001_init.sql")
	must(t, err)
	raw, err := sql.Open("sqlite3", path)
	must(t, err)
	_, err = raw.Exec(string(schema1) + `; PRAGMA user_version = 1;
		INSERT INTO cases (name_a, name_b, rebuilding, created_at, updated_at) VALUES ('Kim', 'Jo', 'B', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`)
	must(t, err)
	raw.Close()
	st, err := data.Open(context.Background(), path)
	must(t, err)
	defer st.Close()
	var version int
	must(t, st.DB().QueryRow("PRAGMA user_version").Scan(&version))
	if version != data.SchemaVersion() || version < 2 {
		t.Errorf("user_version = %d after upgrade, want %d", version, data.SchemaVersion())
	}
	cs, err := st.Cases(context.Background())
	must(t, err)
	if len(cs) != 1 || cs[0].NameA != "Kim" || cs[0].Rebuilding != data.RebuilderB {
		t.Fatalf("cases after upgrade: %+v", cs)
	}
	must(t, st.SetDecision(context.Background(), cs[0].ID, data.DecisionWelcome, data.PartnerA, data.DecisionYes))
	d, err := st.Dossier(context.Background(), cs[0].ID)
	must(t, err)
	if d.Decision(data.DecisionWelcome, data.PartnerA) != data.DecisionYes || d.Decision(data.DecisionWelcome, data.PartnerB) != "" {
		t.Errorf("decisions: %+v", d.Decisions)
	}
}

func TestWeekStats(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := newCase(t, st)
	cm, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-05", Cost: data.CostLow, AgreedA: true, AgreedB: true})
	must(t, err)
	w2 := c.WeekStart(2)
	must(t, st.SetMarks(ctx, c.ID, []data.TrackEntry{
		{CommitmentID: cm.ID, Day: w2, Mark: data.MarkKept},
		{CommitmentID: cm.ID, Day: w2.AddDays(1), Mark: data.MarkKept},
		{CommitmentID: cm.ID, Day: w2.AddDays(2), Mark: data.MarkKept},
		{CommitmentID: cm.ID, Day: w2.AddDays(3), Mark: data.MarkMissed},
		{CommitmentID: cm.ID, Day: w2.AddDays(6), Mark: data.MarkNA},
	}))
	must(t, st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: 3, Trust: 6}))
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	weeks := d.Weeks(4)
	if weeks[0].Tracked() || !weeks[1].Tracked() || weeks[3].Tracked() {
		t.Errorf("tracked weeks: %+v", weeks)
	}
	if share, ok := weeks[1].KeptShare(); !ok || share != 0.75 || weeks[1].NA != 1 {
		t.Errorf("week 2: %+v share %v", weeks[1], share)
	}
	if weeks[2].Trust != 6 || d.LastTrackedWeek() != 3 || len(d.Agreed()) != 1 {
		t.Errorf("week 3 trust %d, last tracked %d", weeks[2].Trust, d.LastTrackedWeek())
	}
}
