package screens

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestScreensReachTheStoreThroughApp: a screen asks app (its State, or a command the command
// line shares, which may be handed the store), and app saves what is pending first. A screen
// that called a store method itself could read, sign or delete while a partner's last words
// were still on their way to the file.
func TestScreensReachTheStoreThroughApp(t *testing.T) {
	direct := regexp.MustCompile(`\bstate\.Store\.`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for i, line := range strings.Split(string(src), "\n") {
			if direct.MatchString(line) {
				t.Errorf("%s:%d reaches the store directly: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
	if checked < 10 {
		t.Fatalf("only %d screen files read", checked)
	}
}
