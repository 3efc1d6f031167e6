package data_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"kintsugi/data"
)

func answerIDs(t testing.TB, st *data.Store, caseID int64) map[string]bool {
	t.Helper()
	as, err := st.Answers(context.Background(), caseID)
	must(t, err)
	out := map[string]bool{}
	for _, a := range as {
		out[a.QuestionID] = true
	}
	return out
}

func saveNumbered(ctx context.Context, st *data.Store, caseID int64, prefix string, i int) error {
	return st.SaveAnswer(ctx, data.Answer{CaseID: caseID, Partner: data.PartnerA, QuestionID: fmt.Sprintf("%s-%06d", prefix, i), Text: strings.Repeat("answer ", 50) + strconv.Itoa(i)})
}

// checkpointed closes nothing; it folds the WAL of the (closed) database at path into the file.
func checkpointed(t testing.TB, path string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", path)
	must(t, err)
	_, err = raw.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	must(t, err)
	must(t, raw.Close())
}

// damagedDB makes a real Kintsugi database with data in it and overwrites its middle with
// garbage.
func damagedDB(t testing.TB, dir string) string {
	t.Helper()
	return damagedDBFrom(t, dir, 2)
}

// damagedDBFrom is damagedDB with the garbage starting at page index fromPage (0 is the header
// page), or in the second half of the file when fromPage is -1.
func damagedDBFrom(t testing.TB, dir string, fromPage int) string {
	t.Helper()
	path := filepath.Join(dir, "damaged.db")
	st, err := data.Open(context.Background(), path)
	must(t, err)
	c := newCase(t, st)
	for i := 0; i < 200; i++ {
		must(t, saveNumbered(context.Background(), st, c.ID, "D", i))
	}
	must(t, st.Close())
	checkpointed(t, path)
	b, err := os.ReadFile(path)
	must(t, err)
	const page = 4096
	if len(b) < 6*page {
		t.Fatalf("test database too small to damage: %d bytes", len(b))
	}
	start := fromPage * page
	if fromPage < 0 {
		start = len(b) / 2 / page * page
	}
	for i := start; i < len(b)-page; i++ {
		b[i] = byte(i*7 + 13)
	}
	must(t, os.WriteFile(path, b, 0o600))
	return path
}

func TestBackupWhileAnotherConnectionWrites(t *testing.T) {
	ctx := context.Background()
	st, path := openTemp(t)
	c := newCase(t, st)
	const before = 300
	for i := 0; i < before; i++ {
		must(t, saveNumbered(ctx, st, c.ID, "PRE", i))
	}

	writer, err := data.Open(ctx, path)
	must(t, err)
	defer writer.Close()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var written int
	var writeErr error
	started := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := saveNumbered(ctx, writer, c.ID, "DURING", i); err != nil {
				writeErr = err
				return
			}
			written = i + 1
			if i == 5 {
				close(started)
			}
		}
	}()
	<-started
	dest := filepath.Join(t.TempDir(), "backups", "kintsugi-20260302-093000.db")
	err = st.Backup(ctx, dest)
	close(stop)
	wg.Wait()
	must(t, err)
	if writeErr != nil {
		t.Fatalf("writer: %v", writeErr)
	}
	t.Logf("the writer saved %d answers during the test", written)

	info, err := os.Stat(dest)
	must(t, err)
	if mode := info.Mode().Perm(); mode != 0o600 && runtime.GOOS != "windows" {
		t.Errorf("backup mode = %o, want 600", mode)
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(dest + side); err == nil {
			t.Errorf("the backup left a %s file beside it", side)
		}
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".kintsugi-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	if err := data.CheckFile(ctx, dest); err != nil {
		t.Fatalf("CheckFile on the backup: %v", err)
	}

	b, err := data.Open(ctx, dest)
	must(t, err)
	defer b.Close()
	got := answerIDs(t, b, c.ID)
	for i := 0; i < before; i++ {
		if id := fmt.Sprintf("PRE-%06d", i); !got[id] {
			t.Fatalf("the backup lacks %s, written before the backup started", id)
		}
	}
	if len(got) > before+written {
		t.Errorf("the backup has %d answers, more than were ever written (%d)", len(got), before+written)
	}
}

func TestBackupRefusesToOverwriteTheDatabase(t *testing.T) {
	st, path := openTemp(t)
	newCase(t, st)
	if err := st.Backup(context.Background(), path); err == nil {
		t.Fatal("Backup onto the database itself was accepted")
	}
}

// TestDamagedDatabaseIsRefusedAtOpen: a damaged database is found before anything writes to
// it; the app then offers the newest good backup.
func TestDamagedDatabaseIsRefusedAtOpen(t *testing.T) {
	dir := t.TempDir()
	path := damagedDBFrom(t, dir, -1)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(context.Background(), path)
	if err == nil {
		st.Close()
		t.Fatal("a damaged database was opened")
	}
	if !errors.Is(err, data.ErrDamaged) {
		t.Fatalf("err = %v, want ErrDamaged", err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the damaged database was written to")
	}
}

func TestCheckFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	st, good := openTemp(t)
	newCase(t, st)
	st.Close()
	if err := data.CheckFile(ctx, good); err != nil {
		t.Errorf("good database: %v", err)
	}

	text := filepath.Join(dir, "notes.db")
	must(t, os.WriteFile(text, []byte(strings.Repeat("not a database at all\n", 300)), 0o600))
	empty := filepath.Join(dir, "empty.db")
	must(t, os.WriteFile(empty, nil, 0o600))
	other := filepath.Join(dir, "other.db")
	raw, err := sql.Open("sqlite3", other)
	must(t, err)
	_, err = raw.Exec("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x')")
	must(t, err)
	raw.Close()
	for _, path := range []string{text, empty, other} {
		err := data.CheckFile(ctx, path)
		if !errors.Is(err, data.ErrNotKintsugi) || !strings.Contains(err.Error(), "not a Kintsugi database") {
			t.Errorf("%s: err = %v, want not a Kintsugi database", filepath.Base(path), err)
		}
		if errors.Is(err, data.ErrDamaged) {
			t.Errorf("%s: reported as damaged: %v", filepath.Base(path), err)
		}
	}

	if err := data.CheckFile(ctx, filepath.Join(dir, "missing.db")); err == nil {
		t.Error("a missing file passed the check")
	} else if _, serr := os.Stat(filepath.Join(dir, "missing.db")); serr == nil {
		t.Error("CheckFile created a missing file")
	}

	damaged := damagedDB(t, dir)
	before := fileBytes(t, damaged)
	err = data.CheckFile(ctx, damaged)
	if !errors.Is(err, data.ErrDamaged) {
		t.Fatalf("damaged database: err = %v, want ErrDamaged", err)
	}
	t.Logf("damaged: %v", err)
	if !bytes.Equal(before, fileBytes(t, damaged)) {
		t.Error("CheckFile changed the damaged file")
	}
	// Damage past the schema pages: SQLite opens the file and integrity_check finds it.
	tail := damagedDBFrom(t, t.TempDir(), -1)
	before = fileBytes(t, tail)
	err = data.CheckFile(ctx, tail)
	if !errors.Is(err, data.ErrDamaged) {
		t.Fatalf("database damaged in its second half: err = %v, want ErrDamaged", err)
	}
	t.Logf("damaged in the second half: %v", err)
	if !bytes.Equal(before, fileBytes(t, tail)) {
		t.Error("CheckFile changed the damaged file")
	}
	for _, path := range []string{good, text, other} {
		before := fileBytes(t, path)
		data.CheckFile(ctx, path)
		if !bytes.Equal(before, fileBytes(t, path)) {
			t.Errorf("CheckFile changed %s", filepath.Base(path))
		}
	}
}

func TestCheckFileOnALiveDatabaseWithUncheckpointedWrites(t *testing.T) {
	ctx := context.Background()
	st, path := openTemp(t)
	c := newCase(t, st)
	for i := 0; i < 20; i++ {
		must(t, saveNumbered(ctx, st, c.ID, "W", i))
	}
	before := fileBytes(t, path)
	if err := data.CheckFile(ctx, path); err != nil {
		t.Fatalf("CheckFile on an open database: %v", err)
	}
	if !bytes.Equal(before, fileBytes(t, path)) {
		t.Error("CheckFile changed the database file")
	}
	var mode string
	must(t, st.DB().QueryRow("PRAGMA journal_mode").Scan(&mode))
	if mode != "wal" {
		t.Errorf("journal mode after CheckFile = %q", mode)
	}
	must(t, saveNumbered(ctx, st, c.ID, "W", 99))
}

func TestRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "k.db")
	backupDir := filepath.Join(dir, "backups")

	st, err := data.Open(ctx, dbPath)
	must(t, err)
	c := newCase(t, st)
	must(t, saveNumbered(ctx, st, c.ID, "OLD", 1))
	backup := filepath.Join(backupDir, "kintsugi-20260301-080000.db")
	must(t, st.Backup(ctx, backup))
	must(t, saveNumbered(ctx, st, c.ID, "NEW", 2))
	must(t, st.Close())

	must(t, data.Restore(ctx, backup, dbPath, backupDir))
	info, err := os.Stat(dbPath)
	must(t, err)
	if mode := info.Mode().Perm(); mode != 0o600 && runtime.GOOS != "windows" {
		t.Errorf("restored database mode = %o, want 600", mode)
	}
	st, err = data.Open(ctx, dbPath)
	must(t, err)
	got := answerIDs(t, st, c.ID)
	st.Close()
	if !got["OLD-000001"] || got["NEW-000002"] {
		t.Errorf("after restore: answers %v, want only OLD-000001", got)
	}

	list, err := data.Backups(backupDir)
	must(t, err)
	var kept []data.BackupInfo
	for _, b := range list {
		if b.BeforeRestore {
			kept = append(kept, b)
		}
	}
	if len(kept) != 1 || !strings.HasSuffix(kept[0].Path, "-before-restore.db") {
		t.Fatalf("backups after restore: %+v, want one before-restore copy", list)
	}
	if err := data.CheckFile(ctx, kept[0].Path); err != nil {
		t.Fatalf("before-restore copy: %v", err)
	}
	prev, err := data.Open(ctx, kept[0].Path)
	must(t, err)
	got = answerIDs(t, prev, c.ID)
	prev.Close()
	if !got["NEW-000002"] {
		t.Errorf("the before-restore copy lost the newest answer: %v", got)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".kintsugi-*"))
	left2, _ := filepath.Glob(filepath.Join(backupDir, ".kintsugi-*"))
	if len(left)+len(left2) > 0 {
		t.Errorf("temporary files left behind: %v %v", left, left2)
	}
}

// A process that died without checkpointing leaves committed writes only in the -wal; keeping
// the current database before a restore must not lose them, and the stale -wal must not be
// replayed onto the restored file.
func TestRestoreKeepsWritesStillInTheWAL(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "k.db")
	backupDir := filepath.Join(dir, "backups")
	st, err := data.Open(ctx, dbPath)
	must(t, err)
	c := newCase(t, st)
	backup := filepath.Join(backupDir, "kintsugi-20260301-080000.db")
	must(t, st.Backup(ctx, backup))
	for i := 0; i < 30; i++ {
		must(t, saveNumbered(ctx, st, c.ID, "WAL", i))
	}
	// Freeze the files as a crash would leave them: copy the database and its -wal aside.
	crashed := filepath.Join(dir, "crashed.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(dbPath + suffix)
		must(t, err)
		must(t, os.WriteFile(crashed+suffix, b, 0o600))
	}
	st.Close()
	if fi, err := os.Stat(crashed + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("test setup: no -wal with writes (%v)", err)
	}

	must(t, data.Restore(ctx, backup, crashed, backupDir))
	if _, err := os.Stat(crashed + "-wal"); err == nil {
		t.Error("the stale -wal is still beside the restored database")
	}
	st, err = data.Open(ctx, crashed)
	must(t, err)
	if got := answerIDs(t, st, c.ID); len(got) != 0 {
		t.Errorf("restored database has %d answers, want 0", len(got))
	}
	st.Close()
	list, err := data.Backups(backupDir)
	must(t, err)
	for _, b := range list {
		if !b.BeforeRestore {
			continue
		}
		if _, err := os.Stat(b.Path + "-wal"); err == nil {
			t.Error("the before-restore copy needs a -wal beside it")
		}
		prev, err := data.Open(ctx, b.Path)
		must(t, err)
		if got := answerIDs(t, prev, c.ID); len(got) != 30 {
			t.Errorf("before-restore copy has %d answers, want 30", len(got))
		}
		prev.Close()
		return
	}
	t.Fatal("no before-restore copy")
}

func TestRestoreRefusesADamagedOrForeignBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "k.db")
	backupDir := filepath.Join(dir, "backups")
	st, err := data.Open(ctx, dbPath)
	must(t, err)
	c := newCase(t, st)
	must(t, saveNumbered(ctx, st, c.ID, "KEEP", 1))
	must(t, st.Close())
	before := fileBytes(t, dbPath)

	damaged := damagedDB(t, t.TempDir())
	text := filepath.Join(t.TempDir(), "kintsugi-20260301-080000.db")
	must(t, os.WriteFile(text, []byte(strings.Repeat("hello\n", 1000)), 0o600))
	for _, from := range []string{damaged, text, filepath.Join(dir, "missing.db")} {
		err := data.Restore(ctx, from, dbPath, backupDir)
		if err == nil {
			t.Fatalf("Restore from %s was accepted", filepath.Base(from))
		}
		t.Logf("%s: %v", filepath.Base(from), err)
		if !bytes.Equal(before, fileBytes(t, dbPath)) {
			t.Fatalf("a refused restore from %s changed the database", filepath.Base(from))
		}
		if _, err := os.Stat(backupDir); err == nil {
			t.Errorf("a refused restore from %s made the backup folder", filepath.Base(from))
		}
	}
	if err := data.Restore(ctx, dbPath, dbPath, backupDir); err == nil {
		t.Error("Restore of the database onto itself was accepted")
	}
	if !bytes.Equal(before, fileBytes(t, dbPath)) {
		t.Fatal("a refused restore changed the database")
	}
}

func TestRestoreWithoutACurrentDatabase(t *testing.T) {
	ctx := context.Background()
	st, path := openTemp(t)
	c := newCase(t, st)
	dir := t.TempDir()
	backup := filepath.Join(dir, "kintsugi-20260301-080000.db")
	must(t, st.Backup(ctx, backup))
	dbPath := filepath.Join(dir, "new", "k.db")
	must(t, data.Restore(ctx, backup, dbPath, filepath.Join(dir, "new", "backups")))
	st2, err := data.Open(ctx, dbPath)
	must(t, err)
	defer st2.Close()
	if _, err := st2.Case(ctx, c.ID); err != nil {
		t.Errorf("restored case: %v", err)
	}
	list, _ := data.Backups(filepath.Join(dir, "new", "backups"))
	if len(list) != 0 {
		t.Errorf("a before-restore copy was made of nothing: %+v", list)
	}
	_ = path
}

func TestBackupsListsNewestFirst(t *testing.T) {
	dir := t.TempDir()
	if list, err := data.Backups(filepath.Join(dir, "none")); err != nil || len(list) != 0 {
		t.Errorf("missing folder: %v, %v", list, err)
	}
	names := []string{
		"kintsugi-20260301-080000.db",
		"kintsugi-20260303-080000.db",
		"kintsugi-20260302-080000-before-restore.db",
		"kintsugi-20260302-070000.db",
		"kintsugi.db", "notes.txt", ".kintsugi-123.tmp", "kintsugi-20260303-080000.db-wal", "kintsugi-2026-03-01.db",
	}
	for _, n := range names {
		must(t, os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600))
	}
	list, err := data.Backups(dir)
	must(t, err)
	var got []string
	for _, b := range list {
		got = append(got, filepath.Base(b.Path))
	}
	want := []string{names[1], names[2], names[3], names[0]}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("Backups = %v, want %v", got, want)
	}
	if !list[1].BeforeRestore || list[0].BeforeRestore {
		t.Error("BeforeRestore not set right")
	}
	if !list[0].Time.Equal(time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)) || list[0].Size != 1 {
		t.Errorf("first = %+v", list[0])
	}
}

const helperEnv = "KINTSUGI_TEST_HELPER_DB"

// TestHelperWriter is not a test: it is the child process of TestKilledWriterLosesNothing. It
// saves numbered answers one by one and prints each number once its transaction has committed.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("helper process only")
	}
	ctx := context.Background()
	st, err := data.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper open:", err)
		os.Exit(2)
	}
	caseID, _ := strconv.ParseInt(os.Getenv(helperEnv+"_CASE"), 10, 64)
	deadline := time.Now().Add(60 * time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		if err := saveNumbered(ctx, st, caseID, "KILL", i); err != nil {
			fmt.Fprintln(os.Stderr, "helper write:", err)
			os.Exit(3)
		}
		fmt.Fprintf(os.Stdout, "%d\n", i)
	}
	os.Exit(4) // never killed
}

func TestKilledWriterLosesNothing(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is not available on Windows")
	}
	if os.Getenv(helperEnv) != "" {
		t.Skip("inside the helper")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	st, err := data.Open(ctx, path)
	must(t, err)
	c := newCase(t, st)
	must(t, st.Close())

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+path, fmt.Sprintf("%s_CASE=%d", helperEnv, c.ID))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	must(t, err)
	must(t, cmd.Start())
	committed := map[int]bool{}
	killed := false
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		n, err := strconv.Atoi(strings.TrimSpace(sc.Text()))
		if err != nil {
			continue // test framework chatter
		}
		committed[n] = true
		if len(committed) >= 50 && !killed {
			must(t, cmd.Process.Kill()) // SIGKILL: no deferred code, no close, no checkpoint
			killed = true
		}
	}
	werr := cmd.Wait()
	if !killed {
		t.Fatalf("the helper stopped before it was killed: %v\n%s", werr, stderr.String())
	}
	if len(committed) < 50 {
		t.Fatalf("only %d commits reported", len(committed))
	}

	st, err = data.Open(ctx, path)
	if err != nil {
		t.Fatalf("open after the kill: %v", err)
	}
	defer st.Close()
	if err := data.CheckFile(ctx, path); err != nil {
		t.Fatalf("CheckFile after the kill: %v", err)
	}
	got := answerIDs(t, st, c.ID)
	for n := range committed {
		if id := fmt.Sprintf("KILL-%06d", n); !got[id] {
			t.Errorf("%s was reported committed but is missing", id)
		}
	}
	t.Logf("%d commits reported, %d answers found", len(committed), len(got))
}
