//go:build !unix

package app

// openNonBlock: Windows has no FIFOs that an open could wait on.
const openNonBlock = 0
