package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"kintsugi/data"
)

// passphrases reads a couple's passphrase the two ways a command line allows: from a file
// (--passphrase-file), or typed on the terminal without echo. Never from an argument, which
// other users of the machine could read in the process list.
type passphrases struct {
	cl   *cli
	file string
}

var errNoTerminal = errors.New("this couple is locked: give its passphrase with --passphrase-file FILE (there is no terminal to type it on)")

// read returns the passphrase from the file, or asks for it with prompt.
func (p passphrases) read(file, prompt string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read passphrase file: %w", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", errNoTerminal
	}
	fmt.Fprint(p.cl.stderr, prompt)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(p.cl.stderr)
	if err != nil {
		return "", fmt.Errorf("read passphrase: %w", err)
	}
	return string(b), nil
}

// unlock opens a locked couple, or does nothing for one that is not locked. A wrong
// passphrase is reported without a word of what it protects.
func (p passphrases) unlock(ctx context.Context, st *data.Store, caseID int64) error {
	locked, err := st.IsLocked(ctx, caseID)
	if err != nil || !locked {
		return err
	}
	pass, err := p.read(p.file, "Passphrase: ")
	if err != nil {
		return err
	}
	if err := st.Unlock(ctx, caseID, pass); err != nil {
		return err
	}
	return nil
}

// readNew asks for a new passphrase twice on a terminal, or reads it once from a file.
func (p passphrases) readNew(file string) (string, error) {
	first, err := p.read(file, "New passphrase: ")
	if err != nil || file != "" {
		return first, err
	}
	again, err := p.read("", "The same again: ")
	if err != nil {
		return "", err
	}
	if first != again {
		return "", usageErrorf("lock: the two passphrases differ; nothing was changed")
	}
	return first, nil
}
