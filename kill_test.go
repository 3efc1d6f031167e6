package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kintsugi/app"
	"kintsugi/data"
)

// The kill test runs kintsugi commands as child processes (this test binary, re-entered through
// TestKillHelper) and kills them with SIGKILL at random moments. After each kill the next start
// must find no couple readable that was to be locked, and no leftover copy of the database.

const killHelperEnv = "KINTSUGI_KILL_HELPER_ARGS"

// TestKillHelper is the child process: it runs the command line given in the environment.
func TestKillHelper(t *testing.T) {
	raw := os.Getenv(killHelperEnv)
	if raw == "" {
		t.Skip("only runs as the kill test's child process")
	}
	os.Exit(run(context.Background(), strings.Split(raw, "\x1f"), io.Discard, os.Stderr))
}

// The secret every check looks for: a sentence of the example couple's letter.
const killSecret = "For most of last year I lied to you"

const killPass = "a long and kind passphrase"

// One of the example couple's causes: part of its shape, sealed once it is locked.
const killCause = "CAUSE-07"

type killOp struct {
	name  string
	setup func(t *testing.T, dir string) []string // returns the command line to run
	check func(t *testing.T, dir string)
}

func TestKillAtRandomMoments(t *testing.T) {
	if testing.Short() {
		t.Skip("the kill test takes a while")
	}
	trials := 12
	fixture := killFixture(t)
	for _, op := range []killOp{
		{"import", setupImport(fixture), checkLocked(true)},
		{"lock", setupLock(fixture), checkLocked(false)},
		{"backup", setupPlain(fixture, "backup"), checkOpens},
		{"restore", setupRestore(fixture), checkOpens},
	} {
		t.Run(op.name, func(t *testing.T) {
			whole := time.Duration(0)
			{ // one run to the end gives the span to kill within
				dir := t.TempDir()
				args := op.setup(t, dir)
				start := time.Now()
				if out, err := helper(args).CombinedOutput(); err != nil {
					t.Fatalf("%s without a kill: %v %s", op.name, err, out)
				}
				whole = time.Since(start)
				op.check(t, dir)
			}
			for i := range trials {
				dir := t.TempDir()
				args := op.setup(t, dir)
				cmd := helper(args)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Duration(rand.Int64N(int64(whole) + 1)))
				cmd.Process.Kill() // SIGKILL: no chance to clean up
				cmd.Wait()
				if t.Failed() {
					return
				}
				t.Logf("trial %d: killed after up to %v", i, whole)
				op.check(t, dir)
			}
		})
	}
}

func helper(args []string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$")
	cmd.Env = append(os.Environ(), killHelperEnv+"="+strings.Join(args, "\x1f"))
	return cmd
}

// killFixture is a folder with the example couple (unlocked), enough extra text to make every
// copy take a while, a backup, a passphrase file and an encrypted export of the couple.
func killFixture(t *testing.T) string {
	dir := t.TempDir()
	ctx := context.Background()
	db := filepath.Join(dir, "kintsugi.db")
	st, err := data.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	content, err := app.LoadContent("")
	if err != nil {
		t.Fatal(err)
	}
	c, err := app.CreateSample(ctx, st, content, time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	filler := strings.Repeat("a quiet evening, talking it through. ", 2000)
	for i := range 40 {
		other, err := st.CreateCase(ctx, data.Case{NameA: "P", NameB: "Q", Rebuilding: data.RebuilderA})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SaveLetter(ctx, data.Letter{CaseID: other.ID, Text: filler + string(rune('a'+i%26))}); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "pass"), []byte(killPass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := app.BackupNow(ctx, st, time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	// The export comes from a second store where the couple is locked.
	exp := filepath.Join(t.TempDir(), "locked.db")
	st2, err := data.Open(ctx, exp)
	if err != nil {
		t.Fatal(err)
	}
	c2, err := app.CreateSample(ctx, st2, content, time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := st2.SaveLetter(ctx, data.Letter{CaseID: c2.ID, Text: killSecret + filler}); err != nil {
		t.Fatal(err)
	}
	if err := st2.Lock(ctx, c2.ID, killPass); err != nil {
		t.Fatal(err)
	}
	if err := app.ExportCouple(ctx, st2, c2.ID, filepath.Join(dir, "couple.kintsugi"), killPass); err != nil {
		t.Fatal(err)
	}
	st2.Close()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	_ = c
	return dir
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func setupPlain(fixture, command string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		copyTree(t, fixture, dir)
		return []string{command, "--db", filepath.Join(dir, "kintsugi.db")}
	}
}

func setupImport(fixture string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		file := filepath.Join(t.TempDir(), "couple.kintsugi")
		b, err := os.ReadFile(filepath.Join(fixture, "couple.kintsugi"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, b, 0o600); err != nil {
			t.Fatal(err)
		}
		pass := filepath.Join(t.TempDir(), "pass")
		if err := os.WriteFile(pass, []byte(killPass), 0o600); err != nil {
			t.Fatal(err)
		}
		return []string{"import", file, "--db", filepath.Join(dir, "kintsugi.db"), "--passphrase-file", pass}
	}
}

func setupLock(fixture string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		copyTree(t, fixture, dir)
		os.Remove(filepath.Join(dir, "couple.kintsugi"))
		return []string{"lock", "--case", "1", "--db", filepath.Join(dir, "kintsugi.db"),
			"--new-passphrase-file", filepath.Join(dir, "pass")}
	}
}

func setupRestore(fixture string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		copyTree(t, fixture, dir)
		list, err := data.Backups(filepath.Join(dir, "backups"))
		if err != nil || len(list) == 0 {
			t.Fatalf("no backup in the fixture: %v", err)
		}
		return []string{"restore", "--from", list[0].Path, "--db", filepath.Join(dir, "kintsugi.db")}
	}
}

// restart is the next start after a kill: the command line opens the database.
func restart(t *testing.T, dir string) {
	t.Helper()
	if code, _, stderr := runCLI(t, "cases", "--db", filepath.Join(dir, "kintsugi.db")); code != 0 {
		t.Fatalf("the next start failed: %s", stderr)
	}
}

func noLeftovers(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".kintsugi-") {
			t.Errorf("leftover %s", strings.TrimPrefix(p, dir))
		}
		return nil
	})
}

func checkOpens(t *testing.T, dir string) {
	t.Helper()
	restart(t, dir)
	noLeftovers(t, dir)
	if err := data.CheckFile(context.Background(), filepath.Join(dir, "kintsugi.db")); err != nil {
		t.Errorf("the database after a kill: %v", err)
	}
	list, _ := data.Backups(filepath.Join(dir, "backups"))
	for _, b := range list {
		if err := data.CheckFile(context.Background(), b.Path); err != nil {
			t.Errorf("backup %s: %v", filepath.Base(b.Path), err)
		}
	}
}

// checkLocked: once the couple holding the secret is locked (an imported one always is), no
// file the app wrote shows the secret.
func checkLocked(imported bool) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) { checkLockedEverywhere(t, dir, imported) }
}

func checkLockedEverywhere(t *testing.T, dir string, imported bool) {
	t.Helper()
	restart(t, dir)
	noLeftovers(t, dir)
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(dir, "kintsugi.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cases, err := st.Cases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lockedAny := false
	for _, c := range cases {
		if c.NameA != "Sam" {
			continue
		}
		locked, err := st.IsLocked(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		lockedAny = lockedAny || locked
		if !locked && imported {
			t.Errorf("an imported couple is in the database unlocked")
		}
	}
	if !lockedAny {
		return // the lock never happened: the couple is as it was
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "pass" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		if bytes.Contains(b, []byte(killSecret)) {
			t.Errorf("%s shows a locked couple's letter", strings.TrimPrefix(p, dir))
		}
		// The example couple alone has causes; once it is locked, no file shows them. (Beside an
		// import, the example couple stays as it was, unlocked.)
		if !imported && bytes.Contains(b, []byte(killCause)) {
			t.Errorf("%s shows a locked couple's causes", strings.TrimPrefix(p, dir))
		}
		return nil
	})
}
