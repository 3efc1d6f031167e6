package data_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"kintsugi/data"
)

// tickingClock returns a clock that moves on by a little over a second, with nanoseconds, at
// every reading, so every stored time is different and an import that restamped would show.
func tickingClock(start time.Time) func() time.Time {
	t := start
	return func() time.Time {
		t = t.Add(1500*time.Millisecond + 123457*time.Nanosecond)
		return t
	}
}

func openWith(t testing.TB, name string, opts ...data.Option) (*data.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	st, err := data.Open(context.Background(), path, opts...)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

// Sensitive strings the filled couple holds; an encrypted export must show none of them.
var exchangeSecrets = []string{
	"Samantha-Secretname", "Alexander-Hiddenname",
	"SECRET-incident-description", "SECRET-answer-private", "SECRET-answer-shared",
	"SECRET-step-note", "SECRET-custom-commitment", "SECRET-agreement-item",
	"SECRET-letter-body", "SECRET-went-well", "SECRET-was-hard", "SECRET-appreciated",
	"CAUSE-04", "REFL-R-01", "PRED-04",
}

// fillCouple stores one couple with something in every part of the dossier.
func fillCouple(t *testing.T, st *data.Store) data.Case {
	t.Helper()
	ctx := context.Background()
	c, err := st.CreateCase(ctx, data.Case{NameA: "Samantha-Secretname", NameB: "Alexander-Hiddenname", Rebuilding: data.RebuilderA,
		StartDate: data.NewDate(2026, 3, 4), Paper: data.PaperLetter})
	must(t, err)
	must(t, st.SaveIncident(ctx, data.Incident{CaseID: c.ID, Causes: []string{"CAUSE-04", "CAUSE-07"},
		Description: "SECRET-incident-description", Date: data.NewDate(2026, 1, 5)}))
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "REFL-R-01", Text: "SECRET-answer-private"}))
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerB, QuestionID: "REFL-H-01", Text: "SECRET-answer-shared", Shared: true}))
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerB, QuestionID: "REFL-R-01", Text: ""}))
	must(t, st.SetRuleAck(ctx, c.ID, "RULE-01", data.PartnerA, true))
	must(t, st.SetRuleAck(ctx, c.ID, "RULE-01", data.PartnerB, true))
	must(t, st.SetRuleAck(ctx, c.ID, "RULE-02", data.PartnerB, true))
	must(t, st.SaveStep(ctx, data.StepProgress{CaseID: c.ID, StepID: "STEP-01", DoneOn: data.NewDate(2026, 3, 5), Note: "SECRET-step-note"}))
	must(t, st.SaveStep(ctx, data.StepProgress{CaseID: c.ID, StepID: "STEP-02"}))

	calls, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-04", Param: 3, Cost: data.CostModerate,
		AgreedA: true, AgreedB: true, ReviewDate: data.NewDate(2026, 6, 1)})
	must(t, err)
	walks, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CustomText: "SECRET-custom-commitment", Cost: data.CostLow, AgreedA: true, AgreedB: true})
	must(t, err)
	gone, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-05", Cost: data.CostHigh, AgreedA: true, AgreedB: true})
	must(t, err)
	onlyA, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "AMND-02", Cost: data.CostVeryHigh, AgreedA: true})
	must(t, err)
	// Move the first one last, so list order and database ID order differ.
	calls.Position = 10
	calls, err = st.SaveCommitment(ctx, calls)
	must(t, err)

	items := []data.AgreementItem{
		{CommitmentID: calls.ID, CatalogID: "PRED-04", Code: "I.4", Text: "Samantha calls Alexander", Param: 3, Unit: "times a day", Cost: data.CostModerate, ReviewDate: data.NewDate(2026, 6, 1)},
		{CommitmentID: walks.ID, Text: "SECRET-agreement-item", Cost: data.CostLow},
		{CommitmentID: gone.ID, CatalogID: "PRED-05", Code: "I.5", Text: "says where", Cost: data.CostHigh},
	}
	v1, err := st.SaveAgreement(ctx, data.Agreement{CaseID: c.ID, StartDate: c.StartDate, ReviewDate: c.StartDate.AddDays(90), Items: items})
	must(t, err)
	must(t, st.Sign(ctx, data.KeyboardOf(data.PartnerA), c.ID, v1.ID, data.Signature{Partner: data.PartnerA, TypedName: "Samantha-Secretname", PNG: signaturePNG(t),
		SignedAt: time.Date(2026, 3, 6, 20, 1, 2, 345678901, time.FixedZone("CET", 3600))}))
	must(t, st.Sign(ctx, data.KeyboardOf(data.PartnerB), c.ID, v1.ID, data.Signature{Partner: data.PartnerB, TypedName: "Alexander-Hiddenname", PNG: signaturePNG(t)}))
	// Version 2, signed by Alex so far, says exactly what both agree to now.
	v2, err := st.SaveAgreement(ctx, data.Agreement{CaseID: c.ID, StartDate: c.StartDate.AddDays(7), Items: []data.AgreementItem{
		items[0], {CommitmentID: walks.ID, Text: "SECRET-custom-commitment", Cost: data.CostLow}}})
	must(t, err)
	must(t, st.Sign(ctx, data.KeyboardOf(data.PartnerB), c.ID, v2.ID, data.Signature{Partner: data.PartnerB, TypedName: "Alexander-Hiddenname"}))
	// A signed agreement keeps its copy of a commitment deleted later.
	must(t, st.DeleteCommitment(ctx, c.ID, gone.ID))

	must(t, st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "SECRET-letter-body", Status: data.LetterReady}))
	must(t, st.SaveLetterReply(ctx, data.KeyboardOf(data.PartnerB), c.ID, "SECRET-reply-private", false))
	day := c.StartDate // week 1 runs from Monday, but nothing before the start can be marked
	must(t, st.SetMarks(ctx, c.ID, []data.TrackEntry{
		{CommitmentID: calls.ID, Day: day, Mark: data.MarkKept},
		{CommitmentID: walks.ID, Day: day, Mark: data.MarkMissed},
		{CommitmentID: onlyA.ID, Day: day, Mark: data.MarkNA},
		{CommitmentID: calls.ID, Day: day.AddDays(1), Mark: data.MarkMissed},
		{CommitmentID: walks.ID, Day: day.AddDays(6), Mark: data.MarkKept}, // week 2
	}))
	// Dinner at home is kept as a count each week: recorded, a zero is a count too.
	dinner, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-13", Param: 5, Cost: data.CostModerate, AgreedA: true, AgreedB: true})
	must(t, err)
	must(t, st.SetWeekCount(ctx, c.ID, data.WeekCount{CommitmentID: dinner.ID, Week: 1, Count: 4}))
	must(t, st.SetWeekCount(ctx, c.ID, data.WeekCount{CommitmentID: dinner.ID, Week: 2, Count: 0}))
	must(t, st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: 1, Trust: 4, WentWell: "SECRET-went-well", WasHard: "SECRET-was-hard", Appreciated: "SECRET-appreciated"}))
	must(t, st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: 2, Trust: -1}))
	must(t, st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: 3, Trust: 10, WasHard: "x"}))
	must(t, st.SaveWeekNote(ctx, data.KeyboardOf(data.PartnerA), data.WeekNote{CaseID: c.ID, Week: 1, Partner: data.PartnerA, Text: "SECRET-week-note-private"}))
	must(t, st.SaveWeekNote(ctx, data.KeyboardOf(data.PartnerB), data.WeekNote{CaseID: c.ID, Week: 1, Partner: data.PartnerB, Text: "SECRET-week-note-shared", Shared: true}))
	must(t, st.SetDecision(ctx, c.ID, data.DecisionWelcome, data.PartnerA, data.DecisionYes))
	must(t, st.SetDecision(ctx, c.ID, data.DecisionWelcome, data.PartnerB, data.DecisionYes))
	must(t, st.SetDecision(ctx, c.ID, data.DecisionContinue, data.PartnerA, data.DecisionUnsure))
	c, err = st.Case(ctx, c.ID)
	must(t, err)
	return c
}

// withoutIDs returns a copy of d with database IDs taken out: commitments are referred to by
// their place in the list (-1 for none), and marks are in a canonical order.
func withoutIDs(d *data.Dossier) data.Dossier {
	index := map[int64]int{}
	for i, cm := range d.Commitments {
		index[cm.ID] = i
	}
	ref := func(id int64) int64 {
		if i, ok := index[id]; ok {
			return int64(i)
		}
		return -1
	}
	out := data.Dossier{
		Case: d.Case, Incident: d.Incident, Letter: d.Letter,
		Answers: append([]data.Answer{}, d.Answers...), RuleAcks: append([]data.RuleAck{}, d.RuleAcks...),
		Steps: append([]data.StepProgress{}, d.Steps...), CheckIns: append([]data.CheckIn{}, d.CheckIns...),
		Decisions: append([]data.Decision{}, d.Decisions...), WeekNotes: append([]data.WeekNote{}, d.WeekNotes...),
	}
	for i := range out.WeekNotes {
		out.WeekNotes[i].CaseID = 0
	}
	out.Case.ID, out.Incident.CaseID, out.Letter.CaseID = 0, 0, 0
	for i := range out.Answers {
		out.Answers[i].CaseID = 0
	}
	for i := range out.RuleAcks {
		out.RuleAcks[i].CaseID = 0
	}
	for i := range out.Steps {
		out.Steps[i].CaseID = 0
	}
	for i := range out.CheckIns {
		out.CheckIns[i].CaseID = 0
	}
	for _, cm := range d.Commitments {
		cm.ID, cm.CaseID = 0, 0
		out.Commitments = append(out.Commitments, cm)
	}
	for _, a := range d.Agreements {
		a.ID, a.CaseID = 0, 0
		a.Items = append([]data.AgreementItem{}, a.Items...)
		for i := range a.Items {
			a.Items[i].CommitmentID = ref(a.Items[i].CommitmentID)
		}
		a.Signatures = append([]data.Signature{}, a.Signatures...)
		for i := range a.Signatures {
			if len(a.Signatures[i].PNG) == 0 {
				a.Signatures[i].PNG = nil // a sealer may give back empty rather than nil
			}
		}
		out.Agreements = append(out.Agreements, a)
	}
	for _, m := range d.Marks {
		m.CommitmentID = ref(m.CommitmentID)
		out.Marks = append(out.Marks, m)
	}
	sort.Slice(out.Marks, func(i, j int) bool {
		x, y := out.Marks[i], out.Marks[j]
		return x.Day.Before(y.Day) || x.Day == y.Day && x.CommitmentID < y.CommitmentID
	})
	for _, c := range d.Counts {
		c.CommitmentID = ref(c.CommitmentID)
		out.Counts = append(out.Counts, c)
	}
	return out
}

func sameDossier(t *testing.T, what string, got, want *data.Dossier) {
	t.Helper()
	g, w := withoutIDs(got), withoutIDs(want)
	if reflect.DeepEqual(g, w) {
		return
	}
	gv, wv := reflect.ValueOf(g), reflect.ValueOf(w)
	for i := 0; i < gv.NumField(); i++ {
		if gv.Type().Field(i).IsExported() && !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
			t.Errorf("%s: %s differs:\n got %+v\nwant %+v", what, gv.Type().Field(i).Name, gv.Field(i).Interface(), wv.Field(i).Interface())
		}
	}
}

func noPassphrase(t *testing.T) func() (string, error) {
	return func() (string, error) {
		t.Error("a passphrase was asked for a document that is not encrypted")
		return "", errors.New("not expected")
	}
}

// dbBytes checkpoints the WAL into the database file and returns the file's bytes.
func dbBytes(t *testing.T, st *data.Store, path string) []byte {
	t.Helper()
	if _, err := st.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	return fileBytes(t, path)
}

func TestExportImportExportIsByteIdentical(t *testing.T) {
	ctx := context.Background()
	src, _ := openWith(t, "src.db", data.WithClock(tickingClock(fixedNow)))
	c := fillCouple(t, src)
	orig, err := src.Dossier(ctx, c.ID)
	must(t, err)
	doc, err := data.EncodeDossier(orig, "")
	must(t, err)

	// The importing store's clock is years later: any time it wrote instead of keeping would show.
	dst, _ := openWith(t, "dst.db", data.WithClock(func() time.Time { return time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC) }))
	newCase(t, dst) // a couple already there keeps its place and ID
	decoded, err := data.DecodeDossier(doc, noPassphrase(t))
	must(t, err)
	sameDossier(t, "decoded", decoded, orig)
	imported, err := dst.ImportDossier(ctx, decoded)
	must(t, err)
	if imported.ID == 0 || imported.NameA != c.NameA || !imported.CreatedAt.Equal(c.CreatedAt) || !imported.UpdatedAt.Equal(c.UpdatedAt) {
		t.Errorf("imported case %+v, want %+v with a new ID", imported, c)
	}
	got, err := dst.Dossier(ctx, imported.ID)
	must(t, err)
	sameDossier(t, "imported", got, orig)
	again, err := data.EncodeDossier(got, "")
	must(t, err)
	if !bytes.Equal(doc, again) {
		t.Errorf("export → import → export changed the document:\n%s\n----\n%s", doc, again)
	}
	// Commitment IDs were remapped to the new rows, not copied.
	ids := map[int64]bool{}
	for _, cm := range got.Commitments {
		ids[cm.ID] = true
	}
	for _, m := range got.Marks {
		if !ids[m.CommitmentID] {
			t.Errorf("mark %+v points to no commitment of the imported couple", m)
		}
	}
	if it := got.Agreements[0].Items; it[0].CommitmentID == 0 || !ids[it[0].CommitmentID] || it[2].CommitmentID != 0 {
		t.Errorf("agreement items not remapped: %+v", it)
	}
	if !got.Agreements[0].Frozen() || got.Agreements[1].Frozen() || got.Agreements[1].SignatureOf(data.PartnerB) == nil {
		t.Errorf("signatures after import: %+v", got.Agreements)
	}
	// The imported frozen version is still protected by the database.
	if _, err := dst.DB().Exec("UPDATE agreement_items SET param = 9 WHERE agreement_id = ?", got.Agreements[0].ID); err == nil {
		t.Error("the imported signed version can be changed")
	}
	if cs, _ := dst.Cases(ctx); len(cs) != 2 {
		t.Errorf("cases after import: %d, want 2", len(cs))
	}
	// The plain document holds what it should, where it should.
	for _, s := range exchangeSecrets {
		if !bytes.Contains(doc, []byte(s)) {
			t.Errorf("plain export lacks %q", s)
		}
	}
	if !bytes.Contains(doc, []byte(base64.StdEncoding.EncodeToString(signaturePNG(t)))) {
		t.Error("plain export lacks the drawn signature in base64")
	}
}

func TestExportDocumentShape(t *testing.T) {
	d := filledDossier(t)
	doc, err := data.EncodeDossier(d, "")
	must(t, err)
	var top struct {
		Format    string
		Version   int
		Encrypted bool
		Couple    map[string]json.RawMessage
	}
	must(t, json.Unmarshal(doc, &top))
	if top.Format != data.ExchangeFormat || top.Version != data.ExchangeVersion || top.Encrypted {
		t.Errorf("header: %+v", top)
	}
	var keys []string
	for k := range top.Couple {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if got := strings.Join(keys, ","); got != "agreements,answers,case,checkins,commitments,counts,decisions,incident,letter,marks,pins,rule_acks,steps,week_notes" {
		t.Errorf("couple keys: %s", got)
	}
	var marks []struct {
		Commitment int
		Day, Mark  string
	}
	must(t, json.Unmarshal(top.Couple["marks"], &marks))
	if len(marks) != 5 || marks[0].Day != d.Case.StartDate.String() {
		t.Errorf("marks: %+v", marks)
	}
	for _, m := range marks {
		if m.Commitment < 0 || m.Commitment >= len(d.Commitments) {
			t.Errorf("mark refers to commitment %d, not an index into the list", m.Commitment)
		}
	}
	var cs struct {
		CreatedAt string `json:"created_at"`
	}
	must(t, json.Unmarshal(top.Couple["case"], &cs))
	if ts, err := time.Parse(time.RFC3339Nano, cs.CreatedAt); err != nil || !strings.HasSuffix(cs.CreatedAt, "Z") || ts.Nanosecond() == 0 {
		t.Errorf("created_at %q is not RFC 3339 UTC with nanoseconds", cs.CreatedAt)
	}
}

func TestEncryptedExport(t *testing.T) {
	ctx := context.Background()
	orig := filledDossier(t)
	const pass = "correct horse battery staple"
	doc, err := data.EncodeDossier(orig, pass)
	must(t, err)
	for _, s := range exchangeSecrets {
		if bytes.Contains(doc, []byte(s)) {
			t.Errorf("encrypted export shows %q", s)
		}
	}
	if bytes.Contains(doc, []byte(base64.StdEncoding.EncodeToString(signaturePNG(t)))) {
		t.Error("encrypted export shows the drawn signature")
	}
	var top map[string]json.RawMessage
	must(t, json.Unmarshal(doc, &top))
	var keys []string
	for k := range top {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if got := strings.Join(keys, ","); got != "encrypted,format,kdf,payload,version" || string(top["encrypted"]) != "true" {
		t.Errorf("envelope keys: %s (encrypted %s)", got, top["encrypted"])
	}
	if again, _ := data.EncodeDossier(orig, pass); bytes.Equal(doc, again) {
		t.Error("two encrypted exports are identical: salt or nonce is not fresh")
	}

	dst, path := openWith(t, "dst.db")
	asked := 0
	decoded, err := data.DecodeDossier(doc, func() (string, error) { asked++; return pass, nil })
	must(t, err)
	if asked != 1 {
		t.Errorf("passphrase asked %d times", asked)
	}
	imported, err := dst.ImportDossier(ctx, decoded)
	must(t, err)
	got, err := dst.Dossier(ctx, imported.ID)
	must(t, err)
	sameDossier(t, "encrypted round trip", got, orig)

	before := dbBytes(t, dst, path)
	_, err = data.DecodeDossier(doc, func() (string, error) { return "wrong horse", nil })
	if !errors.Is(err, data.ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: err = %v, want ErrWrongPassphrase", err)
	}
	cancelled := errors.New("cancelled")
	if _, err := data.DecodeDossier(doc, func() (string, error) { return "", cancelled }); !errors.Is(err, cancelled) {
		t.Errorf("cancelled passphrase: err = %v", err)
	}
	if _, err := data.DecodeDossier(doc, nil); err == nil || !strings.Contains(err.Error(), "passphrase") {
		t.Errorf("no passphrase function: err = %v", err)
	}
	// A changed payload does not open either.
	tampered := bytes.Replace(doc, []byte(`"payload": "`), []byte(`"payload": "AAAA`), 1)
	if _, err := data.DecodeDossier(tampered, func() (string, error) { return pass, nil }); err == nil {
		t.Error("a tampered payload was accepted")
	}
	if !bytes.Equal(before, dbBytes(t, dst, path)) {
		t.Error("refused encrypted imports changed the database")
	}
}

// mutate returns doc with the first occurrence of old replaced, failing if it is not there.
func mutate(t *testing.T, doc []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(doc, []byte(old)) {
		t.Fatalf("%q is not in the document", old)
	}
	return rehash(bytes.Replace(doc, []byte(old), []byte(new), 1))
}

// rehash gives a changed plain document the checksum of what it now holds, so a test reaches
// the check it means to; the checksum itself has its own test.
func rehash(doc []byte) []byte {
	var env map[string]json.RawMessage
	if json.Unmarshal(doc, &env) != nil || env["checksum"] == nil {
		return doc
	}
	var compact bytes.Buffer
	if json.Compact(&compact, env["couple"]) != nil {
		return doc
	}
	sum := sha256.Sum256(compact.Bytes())
	fresh, _ := json.Marshal("sha256:" + hex.EncodeToString(sum[:]))
	i := bytes.Index(doc, []byte(`"checksum": `))
	if i < 0 {
		return doc
	}
	i += len(`"checksum": `)
	j := i + bytes.IndexByte(doc[i+1:], '"') + 2
	return append(append(append([]byte{}, doc[:i]...), fresh...), doc[j:]...)
}

// mutateAfter is mutate for the first occurrence of old after anchor.
func mutateAfter(t *testing.T, doc []byte, anchor, old, new string) []byte {
	t.Helper()
	i := bytes.Index(doc, []byte(anchor))
	if i < 0 {
		t.Fatalf("%q is not in the document", anchor)
	}
	i += len(anchor)
	if !bytes.Contains(doc[i:], []byte(old)) {
		t.Fatalf("%q is not in the document after %q", old, anchor)
	}
	return rehash(append(append([]byte{}, doc[:i]...), bytes.Replace(doc[i:], []byte(old), []byte(new), 1)...))
}

func TestRefusedImportsLeaveTheDatabaseUntouched(t *testing.T) {
	ctx := context.Background()
	d := filledDossier(t)
	doc, err := data.EncodeDossier(d, "")
	must(t, err)
	pngB64 := base64.StdEncoding.EncodeToString(signaturePNG(t))
	version := fmt.Sprintf(`"version": %d`, data.ExchangeVersion)

	cases := []struct {
		name string
		doc  []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"not JSON", []byte("PK\x03\x04 this is a zip file, honest"), "not a Kintsugi couple export"},
		{"truncated", doc[:len(doc)/2], "incomplete"},
		{"foreign JSON", []byte(`{"hello":1}`), "not a Kintsugi couple export"},
		{"JSON list", []byte(`[1, 2, 3]`), "not a Kintsugi couple export"},
		{"newer version", mutate(t, doc, version, fmt.Sprintf(`"version": %d`, data.ExchangeVersion+1)), fmt.Sprintf("this file was made by a newer version of Kintsugi (format %d); update Kintsugi to import it", data.ExchangeVersion+1)},
		{"version zero", mutate(t, doc, version, `"version": 0`), "does not exist"},
		{"no version", mutate(t, doc, version+",", ``), "format version"},
		{"invalid mark", mutate(t, doc, `"mark": "kept"`, `"mark": "maybe"`), `kept, missed or na, not "maybe"`},
		{"reply by partner C", mutate(t, doc, `"reply_by": "B"`, `"reply_by": "C"`), `not "C"`},
		{"reply to a draft", mutate(t, doc, `"status": "ready"`, `"status": "draft"`), "the letter is a draft, but it has a reply"},
		{"item of a missing commitment", mutate(t, doc, `"commitment": 0,`, `"commitment": 99,`), "items[1].commitment refers to commitment 99"},
		{"mark of a missing commitment", mutateAfter(t, doc, `"marks": [`, `"commitment": `, `"commitment": -1`), "marks[0].commitment refers to commitment -1"},
		{"count of a week to come", mutateAfter(t, doc, `"counts": [`, `"week": 1,`, `"week": 4000,`), "a week still to come cannot be counted yet"},
		{"count too high", mutateAfter(t, doc, `"counts": [`, `"count": 4`, `"count": 500`), "between 0 and 168"},
		{"duplicate mark", mutateAfter(t, doc, `"marks": [`, `"mark": "na"`, `"mark": "na"}, {"commitment": 2, "day": "2026-03-04", "mark": "kept"`), "appears twice"},
		{"bad PNG", mutate(t, doc, pngB64, base64.StdEncoding.EncodeToString([]byte("GIF89a not a png at all"))), "not a PNG image"},
		{"truncated PNG", mutate(t, doc, pngB64, pngB64[:len(pngB64)/2/4*4]), "PNG"},
		{"invalid base64", mutate(t, doc, pngB64, "!!!not base64!!!"), "not valid base64"},
		{"unknown field", mutate(t, doc, `"name_a":`, `"nickname": "x", "name_a":`), `does not know: "nickname"`},
		{"missing field", mutate(t, doc, `"shared": false,`, ``), `has no "shared"`},
		{"wrong type", mutate(t, doc, `"trust": 4`, `"trust": "four"`), "whole number"},
		{"trust 11", mutate(t, doc, `"trust": 4`, `"trust": 11`), "not 11"},
		{"week 0", mutate(t, doc, `"week": 1,`, `"week": 0,`), "week numbers"},
		{"partner C", mutate(t, doc, `"partner": "A"`, `"partner": "C"`), `partner must be A or B, not "C"`},
		{"bad cost", mutate(t, doc, `"cost": "low"`, `"cost": "cheap"`), `not "cheap"`},
		{"letter status", mutate(t, doc, `"status": "ready"`, `"status": "lost"`), `not "lost"`},
		{"bad date", mutate(t, doc, `"start_date": "2026-03-04"`, `"start_date": "4/3/2026"`), "YYYY-MM-DD"},
		{"bad time", mutate(t, doc, `"created_at": "`, `"created_at": "yesterday`), "not a time"},
		{"rebuilding C", mutate(t, doc, `"rebuilding": "A"`, `"rebuilding": "C"`), "rebuilding"},
		{"invalid UTF-8", mutate(t, doc, "SECRET-letter-body", "bad \xff\xfe letter"), "UTF-8"},
		{"trailing data", append(append([]byte{}, doc...), []byte(`{"more": 1}`)...), "damaged"},
		{"too large", append(append([]byte{}, doc...), bytes.Repeat([]byte(" "), data.MaxExchangeFileSize)...), "too large"},
	}

	dst, path := openWith(t, "dst.db")
	newCase(t, dst)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := dbBytes(t, dst, path)
			d, err := data.DecodeDossier(tc.doc, noPassphrase(t))
			if err == nil {
				_, err = dst.ImportDossier(ctx, d)
			}
			if err == nil {
				t.Fatal("accepted")
			}
			t.Log(err)
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
			var in *data.InputError
			if !errors.As(err, &in) {
				t.Errorf("error %v is not an InputError with a message for a person", err)
			}
			if !bytes.Equal(before, dbBytes(t, dst, path)) {
				t.Error("the database changed")
			}
		})
	}
	if cs, _ := dst.Cases(ctx); len(cs) != 1 {
		t.Errorf("%d cases after refused imports, want 1", len(cs))
	}
}

func TestImportValidatesADossierBuiltByHand(t *testing.T) {
	ctx := context.Background()
	dst, path := openWith(t, "dst.db")
	good := func() *data.Dossier {
		return &data.Dossier{
			Case: data.Case{NameA: "Kim", NameB: "Jo", Rebuilding: data.RebuilderBoth, CreatedAt: fixedNow, UpdatedAt: fixedNow},
			Commitments: []data.Commitment{
				{ID: 7, CatalogID: "PRED-01", Cost: data.CostLow},
				{ID: 9, CustomText: "ours", Cost: data.CostHigh},
			},
			Marks:    []data.TrackEntry{{CommitmentID: 9, Day: data.NewDate(2026, 3, 4), Mark: data.MarkKept}},
			CheckIns: []data.CheckIn{{Week: 1, Trust: -1}},
		}
	}
	bad := map[string]func(d *data.Dossier){
		"bad PNG": func(d *data.Dossier) {
			d.Agreements = []data.Agreement{{Version: 1, CreatedAt: fixedNow, Signatures: []data.Signature{{Partner: data.PartnerA, TypedName: "Kim", PNG: []byte("GIF89a"), SignedAt: fixedNow}}}}
		},
		"mark to nowhere":     func(d *data.Dossier) { d.Marks[0].CommitmentID = 8 },
		"empty mark":          func(d *data.Dossier) { d.Marks[0].Mark = data.MarkNone },
		"duplicate mark":      func(d *data.Dossier) { d.Marks = append(d.Marks, d.Marks[0]) },
		"trust -2":            func(d *data.Dossier) { d.CheckIns[0].Trust = -2 },
		"week 0":              func(d *data.Dossier) { d.CheckIns[0].Week = 0 },
		"cost":                func(d *data.Dossier) { d.Commitments[0].Cost = "free" },
		"custom without text": func(d *data.Dossier) { d.Commitments[1].CustomText = "  " },
		"duplicate catalog":   func(d *data.Dossier) { d.Commitments[1].CatalogID = "PRED-01" },
		"no created time":     func(d *data.Dossier) { d.Case.CreatedAt = time.Time{} },
		"letter status":       func(d *data.Dossier) { d.Letter.Status = "sent" },
		"answer partner":      func(d *data.Dossier) { d.Answers = []data.Answer{{Partner: "C", QuestionID: "Q", UpdatedAt: fixedNow}} },
		"bad UTF-8 name":      func(d *data.Dossier) { d.Case.NameA = "K\xffim" },
		"bad UTF-8 answer": func(d *data.Dossier) {
			d.Answers = []data.Answer{{Partner: data.PartnerA, QuestionID: "Q", Text: "\xc3", UpdatedAt: fixedNow}}
		},
		"decision value": func(d *data.Dossier) { d.Decisions = []data.Decision{{Key: "welcome", Partner: data.PartnerA}} },
	}
	for name, spoil := range bad {
		t.Run(name, func(t *testing.T) {
			before := dbBytes(t, dst, path)
			d := good()
			spoil(d)
			_, err := dst.ImportDossier(ctx, d)
			var in *data.InputError
			if !errors.As(err, &in) || !strings.Contains(in.Msg, "cannot be imported") {
				t.Errorf("err = %v, want an InputError saying what is wrong", err)
			}
			if !bytes.Equal(before, dbBytes(t, dst, path)) {
				t.Error("the database changed")
			}
		})
	}
	c, err := dst.ImportDossier(ctx, good())
	must(t, err)
	got, err := dst.Dossier(ctx, c.ID)
	must(t, err)
	if got.Case.Paper != data.PaperA4 || got.Case.Language != "en" || len(got.Marks) != 1 || got.Marks[0].CommitmentID != got.Commitments[1].ID {
		t.Errorf("imported hand-built dossier: %+v", got)
	}
}

// failingSealer refuses one field, so an import fails halfway through its transaction.
type failingSealer struct{ field string }

func (f failingSealer) Seal(_ int64, field string, p []byte) ([]byte, error) {
	if field == f.field {
		return nil, errors.New("sealer broke")
	}
	return p, nil
}

func (failingSealer) Open(_ int64, _ string, s []byte) ([]byte, error) { return s, nil }

func TestImportIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	d := filledDossier(t)
	dst, path := openWith(t, "dst.db", data.WithSealer(failingSealer{field: "checkin.appreciated"}))
	newCase(t, dst)
	before := dbBytes(t, dst, path)
	if _, err := dst.ImportDossier(ctx, d); err == nil || !strings.Contains(err.Error(), "sealer broke") {
		t.Fatalf("err = %v, want the sealer's failure", err)
	}
	if !bytes.Equal(before, dbBytes(t, dst, path)) {
		t.Error("a failed import left part of the couple behind")
	}
	var n int
	must(t, dst.DB().QueryRow("SELECT count(*) FROM commitments").Scan(&n))
	if n != 0 {
		t.Errorf("%d commitments left behind", n)
	}
}

func TestImportSealsEverySensitiveField(t *testing.T) {
	ctx := context.Background()
	d := filledDossier(t)
	sealer := &upperSealer{seen: map[string]int{}}
	dst, _ := openWith(t, "dst.db", data.WithSealer(sealer))
	imported, err := dst.ImportDossier(ctx, d)
	must(t, err)
	for _, f := range []string{"answer", "incident.description", "step.note", "commitment.custom_text", "agreement.text",
		"signature.name", "signature.png", "letter", "checkin.went_well", "checkin.was_hard", "checkin.appreciated"} {
		if sealer.seen[f] == 0 {
			t.Errorf("field %s did not pass through the sealer on import", f)
		}
	}
	got, err := dst.Dossier(ctx, imported.ID)
	must(t, err)
	sameDossier(t, "sealed import", got, d)
	var letter []byte
	must(t, dst.DB().QueryRow("SELECT body FROM letters WHERE case_id = ?", imported.ID).Scan(&letter))
	if string(letter) != "S:SECRET-letter-body" {
		t.Errorf("imported letter stored as %q, not in sealed form", letter)
	}
}

func TestHostileTextsSurviveExportAndImport(t *testing.T) {
	ctx := context.Background()
	src, _ := openWith(t, "src.db", data.WithClock(tickingClock(fixedNow)))
	c, err := src.CreateCase(ctx, data.Case{NameA: "Zoë 👩‍❤️‍👨", NameB: "日本語 עברית\u200f x", Rebuilding: data.RebuilderB})
	must(t, err)
	for i, text := range hostileTexts {
		q := fmt.Sprintf("CLAR-%02d", i)
		must(t, src.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: q, Text: text, Shared: i%2 == 0}))
		must(t, src.SaveStep(ctx, data.StepProgress{CaseID: c.ID, StepID: q, Note: text}))
		must(t, src.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: i + 1, Trust: i % 11, WentWell: text, WasHard: text, Appreciated: text}))
		if strings.TrimSpace(text) != "" {
			_, err := src.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CustomText: text, Cost: data.CostLow})
			must(t, err)
		}
	}
	must(t, src.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: strings.Join(hostileTexts, "\n")}))
	must(t, src.SaveIncident(ctx, data.Incident{CaseID: c.ID, Description: hostileTexts[7] + hostileTexts[5]}))
	items := []data.AgreementItem{}
	for _, text := range hostileTexts {
		items = append(items, data.AgreementItem{Text: text})
	}
	ag, err := src.SaveAgreement(ctx, data.Agreement{CaseID: c.ID, Items: items})
	must(t, err)
	must(t, src.Sign(ctx, data.KeyboardOf(data.PartnerA), c.ID, ag.ID, data.Signature{Partner: data.PartnerA, TypedName: "Zoë 👋🏽 \x00"}))
	must(t, src.Sign(ctx, data.KeyboardOf(data.PartnerB), c.ID, ag.ID, data.Signature{Partner: data.PartnerB, TypedName: "🙂"})) // signed by both: it stands on its own
	orig, err := src.Dossier(ctx, c.ID)
	must(t, err)

	for _, pass := range []string{"", "pässwörd 🔑"} {
		doc, err := data.EncodeDossier(orig, pass)
		must(t, err)
		decoded, err := data.DecodeDossier(doc, func() (string, error) { return pass, nil })
		must(t, err)
		dst, _ := openWith(t, "dst.db")
		imported, err := dst.ImportDossier(ctx, decoded)
		must(t, err)
		got, err := dst.Dossier(ctx, imported.ID)
		must(t, err)
		sameDossier(t, "hostile texts", got, orig)
		for i, text := range hostileTexts {
			if a := got.Answer(data.PartnerA, fmt.Sprintf("CLAR-%02d", i)); a == nil || a.Text != text {
				t.Errorf("answer %d came back different", i)
			}
		}
		if again, err := data.EncodeDossier(got, ""); pass == "" && (err != nil || !bytes.Equal(again, doc)) {
			t.Errorf("hostile texts: export → import → export differs (%v)", err)
		}
	}
}

// A partner's PIN travels with the answers it seals: the export is made without the PIN (in a
// process where it was never entered), carries the answers sealed (never their text), and in
// another database the PIN is asked and opens them, and a wrong PIN does not.
func TestPINsTravelWithTheirAnswers(t *testing.T) {
	ctx := context.Background()
	for _, locked := range []bool{false, true} {
		st, path := openWith(t, fmt.Sprintf("pin-%v.db", locked))
		c := newCase(t, st)
		must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "REFL-R-01", Text: "SECRET-private"}))
		must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "REFL-R-02", Text: "open to both", Shared: true}))
		must(t, st.SetDecision(ctx, c.ID, data.DecisionWelcome, data.PartnerA, data.DecisionYes))
		must(t, st.SaveWeekNote(ctx, data.KeyboardOf(data.PartnerA), data.WeekNote{CaseID: c.ID, Week: 1, Partner: data.PartnerA, Text: "SECRET-week"}))
		pass := ""
		if locked {
			pass = "correct horse battery"
			must(t, st.Lock(ctx, c.ID, pass))
		}
		must(t, st.SetPIN(ctx, c.ID, data.PartnerA, "1234-5678"))
		// Another process, where Sam never entered the PIN (Alex exports, say).
		other, err := data.Open(ctx, path)
		must(t, err)
		if locked {
			must(t, other.Unlock(ctx, c.ID, pass))
		}
		d, err := other.Dossier(ctx, c.ID)
		must(t, err)
		other.Close()
		if a := d.Answers[0]; !a.Protected || a.PINSealed == nil {
			t.Fatalf("the answer without the PIN: %+v", a)
		}
		doc, err := data.EncodeDossier(d, pass)
		must(t, err)
		if !locked && (bytes.Contains(doc, []byte("SECRET-")) || !bytes.Contains(doc, []byte(`"bind": "pin-`))) {
			t.Fatalf("the export does not carry the answer sealed and its PIN:\n%s", doc)
		}
		// Into a new database, where the couple gets another case ID.
		dst, _ := openWith(t, fmt.Sprintf("dst-%v.db", locked))
		newCase(t, dst) // takes the first case ID
		got, err := data.DecodeDossier(doc, func() (string, error) { return pass, nil })
		must(t, err)
		var imported data.Case
		if locked {
			imported, err = dst.ImportDossierLocked(ctx, got, pass)
		} else {
			imported, err = dst.ImportDossier(ctx, got)
		}
		must(t, err)
		if imported.ID == c.ID {
			t.Fatal("the imported couple kept its case ID; the test needs another")
		}
		if has, err := dst.HasPIN(ctx, imported.ID, data.PartnerA); err != nil || !has {
			t.Fatalf("locked %v: the PIN did not travel (%v)", locked, err)
		}
		as, err := dst.Answers(ctx, imported.ID)
		must(t, err)
		if !as[0].Protected || as[0].Text != "" || as[1].Text != "open to both" {
			t.Fatalf("locked %v: answers before the PIN: %+v", locked, as)
		}
		if err := dst.EnterPIN(ctx, imported.ID, data.PartnerA, "8765-4321"); !errors.Is(err, data.ErrWrongPassphrase) {
			t.Errorf("locked %v: a wrong PIN gave %v", locked, err)
		}
		if as, _ := dst.Answers(ctx, imported.ID); !as[0].Protected {
			t.Errorf("locked %v: a wrong PIN opened the answer", locked)
		}
		must(t, dst.EnterPIN(ctx, imported.ID, data.PartnerA, "1234-5678"))
		as, err = dst.Answers(ctx, imported.ID)
		must(t, err)
		if as[0].Protected || as[0].Text != "SECRET-private" {
			t.Errorf("locked %v: the right PIN opened %+v", locked, as[0])
		}
		if dd, err := dst.Dossier(ctx, imported.ID); err != nil || len(dd.WeekNotes) != 1 || dd.WeekNotes[0].Text != "SECRET-week" {
			t.Errorf("locked %v: the weekly note with the PIN: %v", locked, err)
		}
		// The time of each decision travels too.
		want, err := st.Dossier(ctx, c.ID)
		must(t, err)
		dd, err := dst.Dossier(ctx, imported.ID)
		must(t, err)
		if len(dd.Decisions) != 1 || !dd.Decisions[0].At.Equal(want.Decisions[0].At) || dd.Decisions[0].At.IsZero() {
			t.Errorf("locked %v: decision %+v, want made at %v", locked, dd.Decisions, want.Decisions[0].At)
		}
	}
}

// A file that would show a private answer without its author's PIN, or seal one with a PIN it
// does not hold, is refused.
func TestImportRefusesAnswersThatEscapeTheirPIN(t *testing.T) {
	ctx := context.Background()
	st, _ := openWith(t, "pin.db")
	c := newCase(t, st)
	must(t, st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "REFL-R-01", Text: "SECRET-private"}))
	must(t, st.SetPIN(ctx, c.ID, data.PartnerA, "1234-5678"))
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	doc, err := data.EncodeDossier(d, "")
	must(t, err)
	sealed := d.Answers[0].PINSealed
	b64 := base64.StdEncoding.EncodeToString(sealed)
	for name, tc := range map[string]struct {
		doc  []byte
		want string
	}{
		"opened":        {mutate(t, mutate(t, doc, `"pin_sealed": "`+b64+`"`, `"pin_sealed": ""`), `"text": ""`, `"text": "made up"`), "not sealed with it"},
		"PIN left out":  {mutateAfter(t, doc, `"pins": [`, `"partner": "A"`, `"partner": "B"`), "a PIN that the file does not hold"},
		"shared sealed": {mutateAfter(t, doc, `"answers": [`, `"shared": false`, `"shared": true`), "shared but sealed with a PIN"},
	} {
		if _, err := data.DecodeDossier(tc.doc, noPassphrase(t)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}

func TestExportRefusesTextThatIsNotUTF8(t *testing.T) {
	d := &data.Dossier{Case: data.Case{NameA: "Kim", NameB: "Jo", Rebuilding: data.RebuilderA, CreatedAt: fixedNow, UpdatedAt: fixedNow},
		Letter: data.Letter{Text: "bad \xff"}}
	if _, err := data.EncodeDossier(d, ""); err == nil || !strings.Contains(err.Error(), "couple.letter.text") {
		t.Errorf("err = %v, want a refusal naming the letter", err)
	}
	if _, err := data.EncodeDossier(nil, ""); err == nil {
		t.Error("a nil dossier was exported")
	}
}

// filledDossier is a fully filled couple, read back from a store of its own.
func filledDossier(t *testing.T) *data.Dossier {
	t.Helper()
	src, _ := openWith(t, "src.db", data.WithClock(tickingClock(fixedNow)))
	c := fillCouple(t, src)
	d, err := src.Dossier(context.Background(), c.ID)
	must(t, err)
	return d
}
