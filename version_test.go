package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"kintsugi/app"
)

func TestVersionFromFyneApp(t *testing.T) {
	m, err := metadata()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(m.Details.Version) {
		t.Errorf("FyneApp.toml Version %q is not x.y.z, which fyne package needs", m.Details.Version)
	}
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		code, out, _ := runCLI(t, args...)
		if code != 0 || !strings.Contains(out, "Kintsugi "+m.Details.Version+" ") {
			t.Errorf("%v: code %d, output %q", args, code, out)
		}
	}
}

// The window and the command line find the data through app.ID; the installers take the ID from
// FyneApp.toml. Two IDs would mean two data folders.
func TestFyneAppNamesOurIDAndNoWebsite(t *testing.T) {
	m, err := metadata()
	if err != nil {
		t.Fatal(err)
	}
	if m.Details.ID != app.ID {
		t.Errorf("FyneApp.toml ID %q, app.ID %q", m.Details.ID, app.ID)
	}
	var all map[string]any
	if err := toml.Unmarshal(fyneApp, &all); err != nil {
		t.Fatal(err)
	}
	if w, ok := all["Website"]; ok {
		t.Errorf("FyneApp.toml names the website %v; the project owns none", w)
	}
}
