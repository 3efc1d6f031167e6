//go:build unix

package main

import (
	"path/filepath"
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
