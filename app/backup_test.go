package app

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"kintsugi/data"
)

func bkOpen(t *testing.T) *data.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kintsugi.db")
	st, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.CreateCase(context.Background(), data.Case{NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderA, StartDate: data.NewDate(2026, 3, 4)}); err != nil {
		t.Fatal(err)
	}
	return st
}

func bkNames(t *testing.T, dir string) []string {
	t.Helper()
	list, err := data.Backups(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range list {
		out = append(out, filepath.Base(b.Path))
	}
	return out
}

func TestBackupDir(t *testing.T) {
	got := BackupDir(filepath.Join("x", "y", DBFileName))
	if want := filepath.Join("x", "y", "backups"); got != want {
		t.Errorf("BackupDir = %q, want %q", got, want)
	}
}

func TestAutoBackupRotates(t *testing.T) {
	ctx := context.Background()
	st := bkOpen(t)
	dir := BackupDir(st.Path())
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var written []string
	for day := 0; day < 10; day++ {
		now := start.AddDate(0, 0, day)
		path, err := AutoBackup(ctx, st, now)
		if err != nil {
			t.Fatalf("day %d: %v", day, err)
		}
		if path == "" {
			t.Fatalf("day %d: no backup was made", day)
		}
		written = append(written, filepath.Base(path))
		// Later the same day: nothing is due.
		again, err := AutoBackup(ctx, st, now.Add(10*time.Hour))
		if err != nil || again != "" {
			t.Fatalf("day %d, second call: %q, %v; want no backup", day, again, err)
		}
	}
	got := bkNames(t, dir)
	if len(got) != KeepBackups {
		t.Fatalf("%d backups remain, want %d: %v", len(got), KeepBackups, got)
	}
	for i, name := range got {
		if want := written[len(written)-1-i]; name != want {
			t.Errorf("backup %d = %s, want %s", i, name, want)
		}
	}
	if got[0] != "kintsugi-20260310-090000.db" {
		t.Errorf("newest = %s", got[0])
	}
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o700 && runtime.GOOS != "windows" {
		t.Errorf("backup folder mode = %o, want 700", mode)
	}
	for _, name := range got {
		if err := data.CheckFile(ctx, filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != KeepBackups {
		t.Errorf("the backup folder holds %d entries, want %d (no side or temporary files)", len(entries), KeepBackups)
	}
}

func TestAutoBackupAfterAClockJumpBack(t *testing.T) {
	ctx := context.Background()
	st := bkOpen(t)
	if _, err := BackupNow(ctx, st, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	path, err := AutoBackup(ctx, st, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	if err != nil || path == "" {
		t.Fatalf("a backup dated in the future stopped the daily backup: %q, %v", path, err)
	}
	if path, err := AutoBackup(ctx, st, time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC)); err != nil || path != "" {
		t.Errorf("second call the same day: %q, %v; want no backup", path, err)
	}
}

func TestBackupNowAlwaysWritesAndPrunes(t *testing.T) {
	ctx := context.Background()
	st := bkOpen(t)
	dir := BackupDir(st.Path())
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 9; i++ {
		path, err := BackupNow(ctx, st, now.Add(time.Duration(i)*time.Minute))
		if err != nil || path == "" {
			t.Fatalf("BackupNow %d: %q, %v", i, path, err)
		}
	}
	if got := bkNames(t, dir); len(got) != KeepBackups || got[0] != "kintsugi-20260301-090800.db" {
		t.Errorf("after 9 BackupNow calls: %v", got)
	}
	// A manual backup made within the day means AutoBackup has nothing to do.
	if path, err := AutoBackup(ctx, st, now.Add(time.Hour)); err != nil || path != "" {
		t.Errorf("AutoBackup right after BackupNow: %q, %v", path, err)
	}
}

func TestPruneCapsBeforeRestoreCopiesSeparately(t *testing.T) {
	ctx := context.Background()
	st := bkOpen(t)
	dir := BackupDir(st.Path())
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 9; i++ {
		name := "kintsugi-" + start.AddDate(0, 0, i).Format(data.BackupTimeLayout) + "-before-restore.db"
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := AutoBackup(ctx, st, start.AddDate(0, 0, 20)); err != nil {
		t.Fatal(err)
	}
	var regular, before []string
	for _, n := range bkNames(t, dir) {
		if strings.HasSuffix(n, "-before-restore.db") {
			before = append(before, n)
		} else {
			regular = append(regular, n)
		}
	}
	if len(regular) != 1 {
		t.Errorf("regular backups: %v, want the one just made", regular)
	}
	if len(before) != KeepBackups || before[0] != "kintsugi-20260309-090000-before-restore.db" {
		t.Errorf("before-restore copies: %v, want the newest %d", before, KeepBackups)
	}
	// Before-restore copies do not count as the daily backup.
	os.Remove(filepath.Join(dir, regular[0]))
	if path, err := AutoBackup(ctx, st, start.AddDate(0, 0, 9)); err != nil || path == "" {
		t.Errorf("AutoBackup with only a same-day before-restore copy: %q, %v", path, err)
	}
}

func TestNewestGoodBackup(t *testing.T) {
	ctx := context.Background()
	st := bkOpen(t)
	dir := BackupDir(st.Path())
	if _, err := NewestGoodBackup(ctx, dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("no backups: err = %v, want fs.ErrNotExist", err)
	}
	good, err := BackupNow(ctx, st, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	// A newer backup that has been damaged since, and a newer file that is not a database.
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096; i < len(b); i++ {
		b[i] = byte(i * 31)
	}
	if err := os.WriteFile(filepath.Join(dir, "kintsugi-20260302-090000.db"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "kintsugi-20260303-090000.db"), []byte(strings.Repeat("junk", 2000)), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := NewestGoodBackup(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Path != good {
		t.Errorf("NewestGoodBackup = %s, want %s", got.Path, good)
	}
	// The whole way back: restore it over a database and open it.
	dbPath := st.Path()
	st.Close()
	if err := data.Restore(ctx, got.Path, dbPath, dir); err != nil {
		t.Fatal(err)
	}
	st2, err := data.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if cs, err := st2.Cases(ctx); err != nil || len(cs) != 1 {
		t.Errorf("after restore: %d cases, %v", len(cs), err)
	}
}
