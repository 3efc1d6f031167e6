//go:build unix

package data

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock on f without waiting; it fails while another open
// file holds one. It is independent of the locks SQLite takes (fcntl), so it never blocks them.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}
