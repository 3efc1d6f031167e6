package main

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/BurntSushi/toml"
)

// fyneApp is FyneApp.toml, the one place the version, build number and app ID are written:
// `fyne package` reads it for the installers, and the binary reads the same bytes here, so
// `kintsugi --version` cannot disagree with the package it came in.
//
//go:embed FyneApp.toml
var fyneApp []byte

type appMetadata struct {
	Details struct {
		ID      string
		Name    string
		Version string
		Build   int
	}
}

func metadata() (appMetadata, error) {
	var m appMetadata
	if err := toml.Unmarshal(fyneApp, &m); err != nil {
		return m, fmt.Errorf("read FyneApp.toml: %w", err)
	}
	if m.Details.Version == "" {
		return m, fmt.Errorf("read FyneApp.toml: no Version in [Details]")
	}
	return m, nil
}

// versionLine is what `kintsugi --version` prints.
func versionLine() (string, error) {
	m, err := metadata()
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("Kintsugi %s (build %d)", m.Details.Version, m.Details.Build), nil
}

func (cl *cli) version(_ context.Context, args []string) error {
	if err := cl.parse(cl.newFlags("version"), args); err != nil {
		return err
	}
	line, err := versionLine()
	if err != nil {
		return err
	}
	fmt.Fprintln(cl.stdout, line)
	return nil
}
