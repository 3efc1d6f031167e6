package data_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"kintsugi/data"
)

// plainDoc is a plain export of a filled couple.
func plainDoc(t *testing.T) []byte {
	t.Helper()
	src, _ := openWith(t, "src.db", data.WithClock(tickingClock(fixedNow)))
	c := fillCouple(t, src)
	d, err := src.Dossier(context.Background(), c.ID)
	must(t, err)
	doc, err := data.EncodeDossier(d, "")
	must(t, err)
	return doc
}

func refused(t *testing.T, what string, doc []byte, mustSay string) {
	t.Helper()
	_, err := data.DecodeDossier(doc, noPassphrase(t))
	if err == nil {
		t.Errorf("%s: imported", what)
		return
	}
	if !strings.Contains(err.Error(), mustSay) || strings.Contains(err.Error(), "\n") {
		t.Errorf("%s: error %q, want one line saying %q", what, err, mustSay)
	}
}

// A plain export carries a checksum: a changed date or mark is refused, not imported.
func TestPlainExportChecksumRefusesADamagedFile(t *testing.T) {
	doc := plainDoc(t)
	if !bytes.Contains(doc, []byte(`"checksum": "sha256:`)) {
		t.Fatalf("a plain export has no checksum:\n%.300s", doc)
	}
	damaged := bytes.Replace(doc, []byte(`"start_date": "2026-03-04"`), []byte(`"start_date": "2026-03-07"`), 1)
	if bytes.Equal(damaged, doc) {
		t.Fatal("the date to damage is not in the document")
	}
	refused(t, "a changed date", damaged, "checksum")
	kept := bytes.Replace(doc, []byte(`"mark": "kept"`), []byte(`"mark": "na"`), 1)
	refused(t, "a changed mark", kept, "checksum")
	// Whitespace is not content: re-indenting by hand keeps the file whole.
	reindented := bytes.ReplaceAll(doc, []byte("\n  "), []byte("\n\t"))
	if _, err := data.DecodeDossier(reindented, noPassphrase(t)); err != nil {
		t.Errorf("re-indented file refused: %v", err)
	}
}

// Files of format version 1, made before the checksum, still import.
func TestVersion1ExportsStillImport(t *testing.T) {
	doc := plainDoc(t)
	i := bytes.Index(doc, []byte(`  "checksum": "`))
	j := i + bytes.IndexByte(doc[i:], '\n') + 1
	v1 := append(append([]byte{}, doc[:i]...), doc[j:]...)
	v1 = bytes.Replace(withoutOwnNotes(t, withoutCounts(t, v1)), []byte(fmt.Sprintf(`"version": %d`, data.ExchangeVersion)), []byte(`"version": 1`), 1)
	v1 = withoutFields(t, v1, append(v6Fields, "digest")...) // added by versions 4 and 6
	if _, err := data.DecodeDossier(v1, noPassphrase(t)); err != nil {
		t.Fatalf("a version 1 file: %v", err)
	}
}

// Files of format version 2, made before the weeks' counts, still import; a version 2 file
// that has counts is not one Kintsugi wrote, and is refused.
func TestVersion2ExportsStillImport(t *testing.T) {
	doc := withoutFields(t, plainDoc(t), append(v6Fields, "digest")...) // added by versions 4 and 6
	v3 := fmt.Sprintf(`"version": %d`, data.ExchangeVersion)
	v2 := rehash(bytes.Replace(withoutOwnNotes(t, withoutCounts(t, doc)), []byte(v3), []byte(`"version": 2`), 1))
	d, err := data.DecodeDossier(v2, noPassphrase(t))
	if err != nil {
		t.Fatalf("a version 2 file: %v", err)
	}
	if len(d.Counts) != 0 || len(d.Marks) == 0 {
		t.Errorf("a version 2 file read %d counts, %d marks", len(d.Counts), len(d.Marks))
	}
	refused(t, "a version 2 file with counts", rehash(bytes.Replace(withoutOwnNotes(t, doc), []byte(v3), []byte(`"version": 2`), 1)),
		`a field this version does not know: "counts"`)
}

// withoutCounts takes the weeks' counts out of a plain export, as older versions wrote it.
func withoutCounts(t *testing.T, doc []byte) []byte {
	t.Helper()
	var top map[string]json.RawMessage
	must(t, json.Unmarshal(doc, &top))
	var couple map[string]json.RawMessage
	must(t, json.Unmarshal(top["couple"], &couple))
	if _, ok := couple["counts"]; !ok {
		t.Fatal("the export has no counts")
	}
	delete(couple, "counts")
	var err error
	top["couple"], err = json.Marshal(couple)
	must(t, err)
	out, err := json.MarshalIndent(top, "", "  ")
	must(t, err)
	return out
}

// Files of format version 4, made before each partner's own weekly notes and the reply to the
// letter, still import; a version 4 file that has them is not one Kintsugi wrote, and is refused.
func TestVersion4ExportsWithoutOwnNotesStillImport(t *testing.T) {
	doc := withoutFields(t, plainDoc(t), v6Fields...)
	now := fmt.Sprintf(`"version": %d`, data.ExchangeVersion)
	v4 := rehash(bytes.Replace(withoutOwnNotes(t, doc), []byte(now), []byte(`"version": 4`), 1))
	d, err := data.DecodeDossier(v4, noPassphrase(t))
	if err != nil {
		t.Fatalf("a version 4 file: %v", err)
	}
	if len(d.WeekNotes) != 0 || d.Letter.Reply != "" || d.Letter.Text == "" || len(d.Counts) == 0 {
		t.Errorf("a version 4 file read %d weekly notes, reply %q, letter %q, %d counts", len(d.WeekNotes), d.Letter.Reply, d.Letter.Text, len(d.Counts))
	}
	refused(t, "a version 4 file with weekly notes", rehash(bytes.Replace(doc, []byte(now), []byte(`"version": 4`), 1)),
		"a field this version does not know")
}

// withoutOwnNotes takes the partners' own weekly notes and the reply to the letter out of a plain
// export, as versions before 5 wrote it.
func withoutOwnNotes(t *testing.T, doc []byte) []byte {
	t.Helper()
	var top map[string]json.RawMessage
	must(t, json.Unmarshal(doc, &top))
	var couple, letter map[string]json.RawMessage
	must(t, json.Unmarshal(top["couple"], &couple))
	must(t, json.Unmarshal(couple["letter"], &letter))
	for _, k := range []string{"reply", "reply_by", "reply_shared"} {
		if _, ok := letter[k]; !ok {
			t.Fatalf("the export's letter has no %q", k)
		}
		delete(letter, k)
	}
	if _, ok := couple["week_notes"]; !ok {
		t.Fatal("the export has no weekly notes")
	}
	delete(couple, "week_notes")
	var err error
	couple["letter"], err = json.Marshal(letter)
	must(t, err)
	top["couple"], err = json.Marshal(couple)
	must(t, err)
	out, err := json.MarshalIndent(top, "", "  ")
	must(t, err)
	return out
}

// JSON that the decoder would quietly change is refused: the same key twice (the last would
// win), and half a surrogate pair (it would become U+FFFD).
func TestDuplicateKeysAndLoneSurrogatesAreRefused(t *testing.T) {
	doc := plainDoc(t)
	refused(t, "a duplicate key", rehash(bytes.Replace(doc, []byte(`"name_a": "Samantha-Secretname",`),
		[]byte(`"name_a": "Samantha-Secretname", "name_a": "Mallory",`), 1)), `"name_a" twice`)
	refused(t, "a duplicate top key", bytes.Replace(doc, []byte(`"encrypted": false,`),
		[]byte(`"encrypted": false, "encrypted": true,`), 1), `"encrypted" twice`)
	refused(t, "a lone high surrogate", rehash(bytes.Replace(doc, []byte("SECRET-letter-body"), []byte(`a \ud83d alone`), 1)), "half a character")
	refused(t, "a lone low surrogate", rehash(bytes.Replace(doc, []byte("SECRET-letter-body"), []byte(`a \ude00 alone`), 1)), "half a character")
	if _, err := data.DecodeDossier(rehash(bytes.Replace(doc, []byte("SECRET-letter-body"), []byte(`a pair \ud83d\ude00 and \\ud800 text`), 1)), noPassphrase(t)); err != nil {
		t.Errorf("a whole pair and an escaped backslash: %v", err)
	}
	for _, name := range []string{`Sam\nEve`, `Sam\u001b[2J`, `Sam\u202eevE`, `Sam\u2028`} {
		refused(t, "a name with "+name, rehash(bytes.Replace(doc, []byte(`"Samantha-Secretname"`), []byte(`"`+name+`"`), 1)), "one line")
	}
}

// An export of the largest couple the app will export, encrypted, is within what import reads.
func TestTheSizeLimitHoldsTheLargestEncryptedExport(t *testing.T) {
	sealed := data.MaxCoupleSize + 4 + 12 + 16 // magic, nonce, tag
	if need := base64.StdEncoding.EncodedLen(sealed) + 4096; need > data.MaxExchangeFileSize {
		t.Fatalf("an encrypted export can be %d bytes, the limit is %d", need, data.MaxExchangeFileSize)
	}
	if testing.Short() {
		t.Skip("builds a 64 MiB couple")
	}
	src, _ := openWith(t, "big.db")
	ctx := context.Background()
	c, err := src.CreateCase(ctx, data.Case{NameA: "Kim", NameB: "Jo", Rebuilding: data.RebuilderA})
	must(t, err)
	d, err := src.Dossier(ctx, c.ID)
	must(t, err)
	d.Letter.Text = strings.Repeat("x", data.MaxCoupleSize)
	if _, err := data.EncodeDossier(d, "pass phrase"); err == nil || !strings.Contains(err.Error(), "larger than an export can hold") {
		t.Errorf("an export past the limit: %v", err)
	}
	d.Letter.Text = strings.Repeat("x", data.MaxCoupleSize-64<<10)
	enc, err := data.EncodeDossier(d, "pass phrase")
	must(t, err)
	if len(enc) > data.MaxExchangeFileSize {
		t.Fatalf("an encrypted export of %d bytes is past the import limit %d", len(enc), data.MaxExchangeFileSize)
	}
	got, err := data.DecodeDossier(enc, func() (string, error) { return "pass phrase", nil })
	must(t, err)
	if len(got.Letter.Text) != len(d.Letter.Text) {
		t.Error("the letter changed on the way")
	}
}

// v6Fields are the fields format version 6 added: PINs and the texts they seal, and when each
// decision was made.
var v6Fields = []string{"pins", "pin_sealed", "reply_pin_sealed", "decided_at"}

// withoutFields takes fields out of every object of a plain export's couple, as an older
// version wrote it (the checksum is not made again).
func withoutFields(t *testing.T, doc []byte, fields ...string) []byte {
	t.Helper()
	var top map[string]any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	must(t, dec.Decode(&top))
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, f := range fields {
				delete(x, f)
			}
			for _, y := range x {
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	walk(top["couple"])
	out, err := json.MarshalIndent(top, "", "  ")
	must(t, err)
	return out
}
