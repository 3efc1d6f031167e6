package app

import (
	"encoding/json"
	"io/fs"
	"path"
	"testing"

	"kintsugi/assets"
)

// TestEveryExampleCoupleIsWhole: the example couple in another language has every part the
// English one has (the Russian one lacked its plan for a new beginning, so that step showed as
// not begun), with as many texts in each list.
func TestEveryExampleCoupleIsWhole(t *testing.T) {
	read := func(name string) map[string]any {
		raw, err := fs.ReadFile(assets.FS, path.Join("sample", name))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	english := read("en.json")
	files, err := fs.Glob(assets.FS, "sample/*.json")
	if err != nil || len(files) < 2 {
		t.Fatalf("sample files: %v %v", files, err)
	}
	for _, f := range files {
		other := read(path.Base(f))
		for key, want := range english {
			got, ok := other[key]
			if !ok {
				t.Errorf("%s has no %q", f, key)
				continue
			}
			if w, isList := want.([]any); isList {
				if g, _ := got.([]any); len(g) != len(w) {
					t.Errorf("%s: %q has %d entries, English %d", f, key, len(g), len(w))
				}
			}
		}
	}
}
