//go:build !unix

package data

import "os"

// lockFile is a no-op where advisory locks are not available: on Windows a file another
// process holds open cannot be removed, which protects it the same way.
func lockFile(*os.File) error { return nil }
