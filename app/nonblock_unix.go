//go:build unix

package app

import "syscall"

// openNonBlock keeps opening a FIFO from waiting for a writer that never comes.
const openNonBlock = syscall.O_NONBLOCK
