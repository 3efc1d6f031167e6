package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"kintsugi/app"
	"kintsugi/assets"
	"kintsugi/data"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// oneClearLine checks a failure: exit 2, one line on stderr, never a Go panic or stack.
func oneClearLine(t *testing.T, code int, stderr, mustSay string) {
	t.Helper()
	if code != exitUsage {
		t.Errorf("exit code %d, want %d", code, exitUsage)
	}
	if strings.Count(strings.TrimRight(stderr, "\n"), "\n") != 0 || stderr == "" {
		t.Errorf("want one line on stderr, got %q", stderr)
	}
	if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
		t.Errorf("a person saw Go internals: %q", stderr)
	}
	if !strings.Contains(stderr, mustSay) {
		t.Errorf("stderr %q does not say %q", stderr, mustSay)
	}
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (make deps installs poppler-utils)")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		code, out, _ := runCLI(t, args...)
		if code != 0 || !strings.Contains(out, "kintsugi workbook") || !strings.Contains(out, "kintsugi sample") || !strings.Contains(out, "kintsugi cases") {
			t.Errorf("%v: code %d, output %q", args, code, out)
		}
	}
	code, out, _ := runCLI(t, "workbook", "--help")
	if code != 0 || !strings.Contains(out, "-weeks") || !strings.Contains(out, "-paper") {
		t.Errorf("workbook --help: code %d, output %q", code, out)
	}
}

func TestMistakesPrintOneLineAndExit2(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	code, _, stderr := runCLI(t, "frobnicate")
	oneClearLine(t, code, stderr, "unknown command")
	code, _, stderr = runCLI(t, "workbook", "--blank", "--weeks", "0", "-o", filepath.Join(dir, "x.pdf"))
	oneClearLine(t, code, stderr, "--weeks")
	code, _, stderr = runCLI(t, "workbook", "--blank", "--paper", "a5", "-o", filepath.Join(dir, "x.pdf"))
	oneClearLine(t, code, stderr, "--paper")
	code, _, stderr = runCLI(t, "workbook", "--blank", "--lang", "xx", "-o", filepath.Join(dir, "x.pdf"))
	oneClearLine(t, code, stderr, "--lang")
	code, _, stderr = runCLI(t, "workbook", "--blank", "--rebuilding", "c", "-o", filepath.Join(dir, "x.pdf"))
	oneClearLine(t, code, stderr, "--rebuilding must be a, b or both")
	code, _, stderr = runCLI(t, "workbook", "--case", "1", "--rebuilding", "a", "--db", db, "-o", filepath.Join(dir, "x.pdf"))
	oneClearLine(t, code, stderr, "--rebuilding is for --blank")
	code, _, stderr = runCLI(t, "workbook", "--blank", "--colour", "red")
	oneClearLine(t, code, stderr, "colour")
	code, _, stderr = runCLI(t, "workbook", "--blank")
	oneClearLine(t, code, stderr, "-o")
	code, _, stderr = runCLI(t, "workbook", "--case", "42", "--db", db, "-o", filepath.Join(dir, "x.pdf"))
	oneClearLine(t, code, stderr, "no case 42")
	code, _, stderr = runCLI(t, "workbook", "--blank", "-o", filepath.Join(dir, "missing", "dir", "x.pdf"))
	oneClearLine(t, code, stderr, "x.pdf")
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, bytes.Repeat([]byte("just some notes\n"), 100), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, "cases", "--db", notDB)
	oneClearLine(t, code, stderr, "not a Kintsugi database")
}

func TestSampleCasesAndWorkbooks(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	code, out, stderr := runCLI(t, "sample", "--db", db)
	if code != 0 {
		t.Fatalf("sample: %d %s", code, stderr)
	}
	id := strings.TrimSpace(out)
	code, out, _ = runCLI(t, "cases", "--db", db)
	if code != 0 || !strings.HasPrefix(out, id+"\tSam & Alex") || strings.Count(out, "\n") != 1 {
		t.Fatalf("cases: %d %q", code, out)
	}
	info, err := os.Stat(db)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("database mode: %v %v", info.Mode(), err)
	}

	filled := filepath.Join(dir, "case.pdf")
	if code, _, stderr := runCLI(t, "workbook", "--case", id, "--db", db, "--weeks", "12", "-o", filled); code != 0 {
		t.Fatalf("workbook --case: %d %s", code, stderr)
	}
	text := pdfText(t, filled)
	for _, want := range []string{"Sam", "Alex", "For most of last year I lied to you", "Week 12"} {
		if !strings.Contains(text, want) {
			t.Errorf("the couple's workbook lacks %q", want)
		}
	}

	blank := filepath.Join(dir, "blank.pdf")
	if code, _, stderr := runCLI(t, "workbook", "--blank", "--weeks", "3", "--paper", "Letter", "-o", blank); code != 0 {
		t.Fatalf("workbook --blank: %d %s", code, stderr)
	}
	text = pdfText(t, blank)
	if !strings.Contains(text, "Week 3") || strings.Contains(text, "Week 4") || strings.Contains(text, "Sam") {
		t.Errorf("blank workbook text is off")
	}
	if info, err := exec.Command("pdfinfo", blank).Output(); err == nil && !strings.Contains(string(info), "(letter)") {
		t.Errorf("--paper Letter did not give US Letter:\n%s", info)
	}
	if entries, _ := filepath.Glob(filepath.Join(dir, ".kintsugi-*")); len(entries) != 0 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestLockedCoupleOnTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	_, out, _ := runCLI(t, "sample", "--db", db)
	id := strings.TrimSpace(out)
	good, bad := filepath.Join(dir, "good"), filepath.Join(dir, "bad")
	if err := os.WriteFile(good, []byte("a long and kind passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("not the passphrase at all\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, stderr := runCLI(t, "lock", "--case", id, "--db", db, "--new-passphrase-file", good); code != 0 || !strings.Contains(out, "locked") {
		t.Fatalf("lock: %d %q %q", code, out, stderr)
	}
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "For most of last year I lied to you") {
		t.Error("the letter is readable in the database file after locking")
	}
	if code, out, _ := runCLI(t, "cases", "--db", db); code != 0 || !strings.Contains(out, "Sam & Alex") {
		t.Errorf("cases of a locked couple: %d %q", code, out)
	}
	pdf := filepath.Join(dir, "x.pdf")
	code, stdout, stderr := runCLI(t, "workbook", "--case", id, "--db", db, "-o", pdf) // no terminal here
	oneClearLine(t, code, stderr, "--passphrase-file")
	code, stdout2, stderr := runCLI(t, "workbook", "--case", id, "--db", db, "--passphrase-file", bad, "-o", pdf)
	oneClearLine(t, code, stderr, "does not open")
	for _, s := range []string{stdout, stdout2, stderr} {
		if strings.Contains(s, "lied") || strings.Contains(s, "Sam told me") {
			t.Errorf("a refused command printed the couple's text: %q", s)
		}
	}
	if _, err := os.Stat(pdf); err == nil {
		t.Error("a refused command wrote a workbook")
	}
	if code, _, stderr := runCLI(t, "workbook", "--case", id, "--db", db, "--passphrase-file", good, "-o", pdf); code != 0 {
		t.Fatalf("workbook with the passphrase: %d %s", code, stderr)
	}
	if !strings.Contains(pdfText(t, pdf), "For most of last year I lied to you") {
		t.Error("the unlocked workbook lacks the letter")
	}
	// Changing the passphrase needs the current one.
	newer := filepath.Join(dir, "newer")
	if err := os.WriteFile(newer, []byte("another long passphrase"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, "lock", "--case", id, "--db", db, "--passphrase-file", bad, "--new-passphrase-file", newer)
	oneClearLine(t, code, stderr, "does not open")
	if code, _, stderr := runCLI(t, "lock", "--case", id, "--db", db, "--passphrase-file", good, "--new-passphrase-file", newer); code != 0 {
		t.Fatalf("change passphrase: %s", stderr)
	}
	code, _, stderr = runCLI(t, "workbook", "--case", id, "--db", db, "--passphrase-file", good, "-o", pdf)
	oneClearLine(t, code, stderr, "does not open")
}

func TestBackupDamageAndRestore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	runCLI(t, "sample", "--db", db)
	code, out, stderr := runCLI(t, "backup", "--db", db)
	if code != 0 {
		t.Fatalf("backup: %s", stderr)
	}
	backup := strings.TrimSpace(out)
	if code, out, _ := runCLI(t, "backup", "--db", db, "--list"); code != 0 || !strings.Contains(out, backup) {
		t.Fatalf("backup --list: %q", out)
	}
	// Damage the database the way a failing disk would: garbage over its middle pages.
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096 * 2; i < len(raw)-4096 && i < 4096*6; i++ {
		raw[i] = byte(i * 7)
	}
	if err := os.WriteFile(db, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	// Listing reads only what the fast check at open covered; the first write runs the full
	// check, refuses, and says how to get the work back.
	damaged := string(raw)
	code, _, stderr = runCLI(t, "sample", "--db", db)
	oneClearLine(t, code, stderr, "kintsugi restore --from "+backup)
	if after, _ := os.ReadFile(db); string(after) != damaged {
		t.Error("the damaged database was written to")
	}
	if code, _, stderr := runCLI(t, "restore", "--from", backup, "--db", db); code != 0 {
		t.Fatalf("restore: %s", stderr)
	}
	if code, out, _ := runCLI(t, "cases", "--db", db); code != 0 || !strings.Contains(out, "Sam & Alex") {
		t.Errorf("after restore: %d %q", code, out)
	}
	code, _, stderr = runCLI(t, "restore", "--from", filepath.Join(dir, "missing.db"), "--db", db)
	if code != exitUsage || stderr == "" {
		t.Errorf("restoring a missing backup: %d %q", code, stderr)
	}
}

func TestExportImportOnTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	office, home := filepath.Join(dir, "office.db"), filepath.Join(dir, "home.db")
	_, out, _ := runCLI(t, "sample", "--db", office)
	id := strings.TrimSpace(out)
	pass := filepath.Join(dir, "pass")
	if err := os.WriteFile(pass, []byte("a long and kind passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	runCLI(t, "lock", "--case", id, "--db", office, "--new-passphrase-file", pass)
	file := filepath.Join(dir, "couple.kintsugi")
	if code, _, stderr := runCLI(t, "export", "--case", id, "--db", office, "--passphrase-file", pass, "-o", file); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	code, out, stderr := runCLI(t, "import", file, "--db", home, "--passphrase-file", pass)
	if code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	newID := strings.TrimSpace(out)
	pdf := filepath.Join(dir, "home.pdf")
	if code, _, stderr := runCLI(t, "workbook", "--case", newID, "--db", home, "--passphrase-file", pass, "-o", pdf); code != 0 {
		t.Fatalf("workbook of the imported couple: %s", stderr)
	}
	if !strings.Contains(pdfText(t, pdf), "For most of last year I lied to you") {
		t.Error("the imported couple's workbook lacks the letter")
	}
	// Refusals leave the database as it was.
	garbage := filepath.Join(dir, "garbage.kintsugi")
	if err := os.WriteFile(garbage, []byte(`{"format":"something-else","version":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, "import", garbage, "--db", home)
	if code != exitUsage || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("foreign file: %d %q", code, stderr)
	}
	if _, out, _ := runCLI(t, "cases", "--db", home); strings.Count(out, "\n") != 1 {
		t.Errorf("after a refused import: %q", out)
	}
	code, _, stderr = runCLI(t, "import", "--db", home)
	oneClearLine(t, code, stderr, "import FILE")
	// A refused import into a database that did not exist leaves none behind.
	fresh := filepath.Join(dir, "fresh.db")
	if code, _, _ = runCLI(t, "import", garbage, "--db", fresh); code != exitUsage {
		t.Errorf("foreign file into a new database: exit %d", code)
	}
	for _, p := range []string{fresh, fresh + "-wal", fresh + "-shm"} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a refused import left %s behind (%v)", filepath.Base(p), err)
		}
	}
}

// A file that breaks one of the couple's rules is refused with one line and exit 2, and the
// database stays byte for byte as it was.
func TestImportRefusesAFileThatBreaksTheCouplesRules(t *testing.T) {
	dir := t.TempDir()
	office, home := filepath.Join(dir, "office.db"), filepath.Join(dir, "home.db")
	_, out, _ := runCLI(t, "sample", "--db", office)
	id := strings.TrimSpace(out)
	file := filepath.Join(dir, "couple.kintsugi")
	if code, _, stderr := runCLI(t, "export", "--case", id, "--db", office, "-o", file); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	if code, _, stderr := runCLI(t, "import", file, "--db", home); code != 0 {
		t.Fatalf("a good file was refused: %s", stderr)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	type doc = map[string]any
	commitment := func(c doc, catalog string) doc {
		for _, x := range c["commitments"].([]any) {
			if x.(doc)["catalog_id"] == catalog {
				return x.(doc)
			}
		}
		t.Fatalf("the example has no %s", catalog)
		return nil
	}
	// The example's agreement, signed by Sam only: a draft whose signature must still stand.
	signedBySamOnly := func(c doc) doc {
		ag := c["agreements"].([]any)[0].(doc)
		ag["signatures"] = ag["signatures"].([]any)[:1]
		return ag
	}
	breaks := map[string]struct {
		say  string
		edit func(c doc)
	}{
		"monitoring without a review date": {"review", func(c doc) {
			commitment(c, "PRED-17")["review_date"] = ""
		}},
		"an item agreed on terms that differ from the signed version": {"differ", func(c doc) {
			signedBySamOnly(c)
			commitment(c, "PRED-04")["param"] = 6
		}},
		"a mark before the agreement started": {"before the agreement started", func(c doc) {
			start, _ := time.Parse(time.DateOnly, c["agreements"].([]any)[0].(doc)["start_date"].(string))
			mark := c["marks"].([]any)[0].(doc)
			mark["day"] = start.AddDate(0, 0, -1).Format(time.DateOnly)
		}},
		"a mark on a day still to come": {"still to come", func(c doc) {
			c["marks"].([]any)[0].(doc)["day"] = time.Now().AddDate(0, 0, 2).Format(time.DateOnly)
		}},
		"a signed agreement whose items do not match what was signed": {"signed", func(c doc) {
			ag := signedBySamOnly(c)
			ag["items"].([]any)[0].(doc)["commitment"] = nil
		}},
		"an amount changed after both signed": {"changed after both partners signed it", func(c doc) {
			for _, it := range c["agreements"].([]any)[0].(doc)["items"].([]any) {
				if p := it.(doc)["param"].(float64); p > 0 {
					it.(doc)["param"] = p + 3
					return
				}
			}
			t.Fatal("the example's agreement has no amount to change")
		}},
	}
	before := dbFiles(t, home)
	for what, b := range breaks {
		var d doc
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatal(err)
		}
		b.edit(d["couple"].(doc))
		d["checksum"] = checksumOf(t, d["couple"]) // edited on purpose: not damage
		bad, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "bad.kintsugi")
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCLI(t, "import", path, "--db", home)
		t.Run(what, func(t *testing.T) { oneClearLine(t, code, stderr, b.say) })
		if after := dbFiles(t, home); after != before {
			t.Fatalf("%s: the database changed", what)
		}
	}
}

// dbFiles is the database and its write-ahead log, as bytes.
func dbFiles(t *testing.T, path string) string {
	t.Helper()
	var all []byte
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return string(all)
}

// The app people run carries neither Fyne's test driver nor, below the screens, any Fyne at
// all: the screenshot renderer is built only with -tags screenshots.
func TestShippedBinaryCarriesNoTestDriver(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH")
	}
	list := func(args ...string) string {
		out, err := exec.Command(goTool, append([]string{"list", "-deps"}, args...)...).Output()
		if err != nil {
			t.Fatalf("go list %v: %v", args, err)
		}
		return string(out)
	}
	if deps := list("."); strings.Contains(deps, "fyne.io/fyne/v2/test\n") {
		t.Error("the shipped binary links fyne.io/fyne/v2/test")
	}
	if deps := list("-tags", "screenshots", "."); !strings.Contains(deps, "fyne.io/fyne/v2/test\n") {
		t.Error("the screenshots build lost its renderer")
	}
	for _, pkg := range []string{"./couple", "./data", "./workbook", "./app"} {
		if strings.Contains(list(pkg), "fyne.io/fyne/v2\n") {
			t.Errorf("%s imports Fyne", pkg)
		}
	}
	code, _, stderr := runCLI(t, "screenshots", "--out", t.TempDir())
	oneClearLine(t, code, stderr, "-tags screenshots")
}

// TestWorkbookNamesWhatCannotPrint: printing a couple's workbook whose words hold a character no
// font can draw says so on stderr, naming it, and still prints.
func TestWorkbookNamesWhatCannotPrint(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	code, out, stderr := runCLI(t, "sample", "--db", db)
	if code != 0 {
		t.Fatalf("sample: %d %s", code, stderr)
	}
	id := strings.TrimSpace(out)
	st, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	if err := st.SaveLetter(context.Background(), data.Letter{CaseID: n, Status: data.LetterGiven, Text: "A rose for you 🌹."}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	pdf := filepath.Join(dir, "case.pdf")
	code, _, stderr = runCLI(t, "workbook", "--case", id, "--db", db, "-o", pdf)
	if code != 0 || !strings.Contains(stderr, "🌹 (U+1F339)") {
		t.Errorf("workbook: %d, stderr %q: the rose is not named", code, stderr)
	}
}

// A signed agreement changed in the database behind Kintsugi's back prints as altered, never
// as signed, the command says so, and the couple cannot be exported as signed.
func TestAnAlteredAgreementShowsAsAlteredOnTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	_, out, _ := runCLI(t, "sample", "--db", db)
	id := strings.TrimSpace(out)
	st, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP TRIGGER agreement_items_frozen_update",
		"UPDATE agreement_items SET param = param + 3 WHERE param > 0"} {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	pdf := filepath.Join(dir, "w.pdf")
	code, _, stderr := runCLI(t, "workbook", "--case", id, "--db", db, "-o", pdf)
	if code != 0 || !strings.Contains(stderr, "agreement version 1 was changed after both partners signed it") {
		t.Errorf("workbook: exit %d, stderr %q", code, stderr)
	}
	text := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	if !strings.Contains(text, "changed after both signed it") || strings.Contains(text, "signed by both; this version no longer changes") {
		t.Errorf("the workbook does not show the agreement as altered:\n%s", text)
	}
	code, _, stderr = runCLI(t, "export", "--case", id, "--db", db, "-o", filepath.Join(dir, "c.kintsugi"))
	oneClearLine(t, code, stderr, "changed after both partners signed it")
}

// A couple with a damaged answer is refused on the command line with the same report as in
// the window, in English: what is damaged (the partner by name, the question by its title),
// that the rest is as it was, and that a backup from before the damage has it.
func TestTheCommandLineNamesADamagedAnswerByPartnerAndQuestion(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	_, out, _ := runCLI(t, "sample", "--db", db)
	id := strings.TrimSpace(out)
	pass := filepath.Join(dir, "pass")
	if err := os.WriteFile(pass, []byte("a long and kind passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "lock", "--case", id, "--db", db, "--new-passphrase-file", pass); code != 0 {
		t.Fatalf("lock: %s", stderr)
	}
	st, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	var question, name string
	err = st.DB().QueryRow("SELECT question_id FROM answers WHERE case_id = ? AND partner = 'A' AND length(body) > 40 ORDER BY question_id LIMIT 1", id).Scan(&question)
	if err == nil {
		err = st.DB().QueryRow("SELECT name_a FROM cases WHERE id = ?", id).Scan(&name)
	}
	if err == nil {
		_, err = st.DB().Exec("UPDATE answers SET body = substr(body, 1, 30) || CASE substr(body, 31, 1) WHEN X'00' THEN X'01' ELSE X'00' END || substr(body, 32) WHERE case_id = ? AND partner = 'A' AND question_id = ?", id, question)
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	en, err := data.LoadContent(assets.FS, "en")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "couple.kintsugi")
	code, _, stderr := runCLI(t, "export", "--case", id, "--db", db, "--passphrase-file", pass, "-o", file)
	oneClearLine(t, code, stderr, name+"'s answer to “"+en.Entry(question).Title+"”")
	for _, s := range []string{"damaged and could not be opened", "The rest is as it was", "a backup from before the damage still has them"} {
		if !strings.Contains(stderr, s) {
			t.Errorf("stderr %q does not say %q", stderr, s)
		}
	}
	if _, err := os.Stat(file); err == nil {
		t.Error("an export without the damaged answer was written")
	}
}

// TestCasesSaysCodeFinishedAndExample: the command line's list says what the office's list
// shows besides names: each couple's code, and which couples are finished or the example.
func TestCasesSaysCodeFinishedAndExample(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	if code, _, stderr := runCLI(t, "sample", "--db", db); code != 0 {
		t.Fatalf("sample: %d %s", code, stderr)
	}
	ctx := context.Background()
	st, err := app.OpenStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.CreateCase(ctx, data.Case{NameA: "Ana", NameB: "Bo", Rebuilding: data.RebuilderA})
	if err == nil {
		err = errors.Join(st.SetCode(ctx, c.ID, "R-17"), st.SetFinished(ctx, c.ID, true))
	}
	if err := errors.Join(err, st.Close()); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "cases", "--db", db)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 || !strings.HasSuffix(lines[0], "\tcode R-17\tfinished") || !strings.HasSuffix(lines[1], "\texample") {
		t.Errorf("cases: %d %q", code, out)
	}
}
