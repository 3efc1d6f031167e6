package data_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"kintsugi/data"
)

const killAfterLockEnv = "KINTSUGI_TEST_KILL_AFTER_LOCK"

// A process killed between a lock's commit and its wipe of the log leaves the earlier plain
// pages in the log; the next open finishes the wipe before anything else can read them.
func TestAKillBetweenTheLockAndItsWipeIsFinishedAtTheNextOpen(t *testing.T) {
	if path := os.Getenv(killAfterLockEnv); path != "" {
		lockAndDie(t, path)
		return
	}
	path := filepath.Join(t.TempDir(), "k.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestAKillBetweenTheLockAndItsWipeIsFinishedAtTheNextOpen$", "-test.count=1")
	cmd.Env = append(os.Environ(), killAfterLockEnv+"="+path)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the child was not killed:\n%s", out)
	}
	wal, _ := os.ReadFile(path + "-wal")
	if !bytes.Contains(wal, []byte("SECRET-letter")) {
		t.Fatalf("the kill left no plain text in the log: the test would prove nothing (%v)\n%s", err, out)
	}

	ctx := context.Background()
	st, err := data.Open(ctx, path)
	must(t, err)
	defer st.Close()
	disk := onDisk(t, path)
	for _, s := range append(append([]string{}, secrets...), shapeSecrets...) {
		if bytes.Contains(disk, []byte(s)) {
			t.Errorf("%q can be read in the database files after the next open", s)
		}
	}
	if locked, err := st.IsLocked(ctx, 1); err != nil || !locked {
		t.Errorf("the lock committed before the kill is gone: %v %v", locked, err)
	}
}

// lockAndDie runs in the child: it stores a couple, locks it, and kills itself at once after
// the lock's commit.
func lockAndDie(t *testing.T, path string) {
	st, err := data.Open(context.Background(), path)
	must(t, err)
	c := shapedCouple(t, st)
	data.SetAfterLockCommit(func() {
		self, err := os.FindProcess(os.Getpid())
		if err == nil {
			err = self.Kill()
		}
		if err != nil {
			t.Errorf("could not kill myself: %v", err)
			return
		}
		select {}
	})
	must(t, st.Lock(context.Background(), c.ID, "correct horse battery"))
	t.Fatal("the lock returned: the hook did not run")
}
