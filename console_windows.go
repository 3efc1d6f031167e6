//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// The Windows build is a GUI program (linked with -H windowsgui, see the Makefile), so a
// double-click opens the window with no console behind it. Run from a console, such a program
// has none of its own: it borrows its parent's, so help, errors and the passphrase prompt are
// seen there. This runs before main, before anything is printed.
func init() { attachParentConsole() }

// attachParentProcess is ATTACH_PARENT_PROCESS, which x/sys/windows does not define.
const attachParentProcess = ^uint32(0)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

func attachParentConsole() {
	// Fails when started from Explorer (no parent console) and in a console build, which has
	// its own already: then there is nothing to do.
	if r, _, _ := procAttachConsole.Call(uintptr(attachParentProcess)); r == 0 {
		return
	}
	reopen(&os.Stdin, windows.STD_INPUT_HANDLE, "CONIN$")
	reopen(&os.Stdout, windows.STD_OUTPUT_HANDLE, "CONOUT$")
	reopen(&os.Stderr, windows.STD_ERROR_HANDLE, "CONOUT$")
}

// reopen points one standard stream at the console, unless it was redirected to a file or a
// pipe (kintsugi cases > list.txt), which is kept.
func reopen(f **os.File, std uint32, console string) {
	if h, err := windows.GetStdHandle(std); err == nil && h != 0 && h != windows.InvalidHandle {
		if t, err := windows.GetFileType(h); err == nil && (t == windows.FILE_TYPE_DISK || t == windows.FILE_TYPE_PIPE) {
			return
		}
	}
	c, err := os.OpenFile(console, os.O_RDWR, 0)
	if err != nil {
		return // no console to write to after all: the GUI still works, the text is lost
	}
	*f = c
	// Best effort: the Go runtime and term.ReadPassword use os.Stdin/os.Stdout, already set.
	_ = windows.SetStdHandle(std, windows.Handle(c.Fd()))
}
