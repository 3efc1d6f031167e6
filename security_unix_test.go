//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// import reads only a regular file, and never past its limit: a device, a FIFO and a folder are
// refused at once, with one line and exit 2.
func TestImportReadsOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"/dev/zero", fifo, dir} {
		done := make(chan struct{})
		var code int
		var stderr string
		go func() {
			code, _, stderr = runCLI(t, "import", file, "--db", db)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("import %s did not return", file)
		}
		oneClearLine(t, code, stderr, "not a regular file")
	}
}

// -o writes only to a regular file or a new name: a folder or a FIFO is refused with nothing
// written, and a symbolic link is written through, so it stays a link.
func TestOutputOnlyToRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "folder")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	linkToFIFO := filepath.Join(dir, "to-fifo.pdf")
	if err := os.Symlink(fifo, linkToFIFO); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{fifo, sub, linkToFIFO} {
		code, _, stderr := runCLI(t, "workbook", "--blank", "--weeks", "1", "-o", out)
		oneClearLine(t, code, stderr, "not a regular file")
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", info.Mode(), err)
	}
	if info, err := os.Lstat(linkToFIFO); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	real := filepath.Join(dir, "real.pdf")
	if err := os.WriteFile(real, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.pdf")
	if err := os.Symlink("real.pdf", link); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "workbook", "--blank", "--weeks", "1", "-o", link); code != 0 {
		t.Fatal(stderr)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("writing through a link replaced the link with a file")
	}
	if b, _ := os.ReadFile(real); !strings.HasPrefix(string(b), "%PDF") {
		t.Error("the link's target was not written")
	}
}

// A database reached through a symbolic link is restored through it: the link stays a link.
func TestRestoreThroughASymlinkedDatabase(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "elsewhere", "kintsugi.db")
	if err := os.MkdirAll(filepath.Dir(real), 0o700); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "sample", "--db", real); code != 0 {
		t.Fatal(stderr)
	}
	link := filepath.Join(dir, "kintsugi.db")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "backup", "--db", link)
	if code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := runCLI(t, "restore", "--from", strings.TrimSpace(out), "--db", link); code != 0 {
		t.Fatal(stderr)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatal("restore replaced the link with a file")
	}
	if code, out, _ := runCLI(t, "cases", "--db", link); code != 0 || !strings.Contains(out, "Sam") {
		t.Errorf("after restore: %q", out)
	}
}
