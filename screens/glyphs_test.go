package screens

import (
	"encoding/json"
	"io/fs"
	"path"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font/sfnt"

	"kintsugi/assets"
)

// TestEveryContentCharacterHasAGlyph: every character of every text the window shows, in every
// language, is in the font the window draws with. A character missing there (an arrow, say)
// showed as an empty box, or not at all where the system has no font to fall back on.
func TestEveryContentCharacterHasAGlyph(t *testing.T) {
	var fonts []*sfnt.Font
	for _, res := range []interface{ Content() []byte }{theme.DefaultTextFont(), theme.DefaultTextBoldFont(), theme.DefaultTextItalicFont()} {
		f, err := sfnt.Parse(res.Content())
		if err != nil {
			t.Fatal(err)
		}
		fonts = append(fonts, f)
	}
	files, err := fs.Glob(assets.FS, "content/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no content: %v", err)
	}
	var buf sfnt.Buffer
	for _, name := range files {
		raw, err := fs.ReadFile(assets.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		missing := map[rune]string{}
		for r := range systemSymbols {
			missing[r] = "known"
		}
		eachString(doc, "", func(key, s string) {
			for _, r := range s {
				if unicode.IsControl(r) || missing[r] != "" {
					continue
				}
				for _, f := range fonts {
					if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
						missing[r] = key
						break
					}
				}
			}
		})
		for r, key := range missing {
			if systemSymbols[r] {
				continue
			}
			t.Errorf("%s: %q (U+%04X) in %s has no glyph in the window's font", path.Base(name), r, r, key)
		}
	}
}

// systemSymbols are the tracking marks and the count buttons' minus: Fyne's font has none of
// them, and the window draws them from the system's fonts (every desktop system has them). No
// other text relies on that: a character drawn from a fallback font next to a space drew a
// replacement box after it.
var systemSymbols = map[rune]bool{'✓': true, '✗': true, '−': true}

// eachString calls f with every string in a decoded JSON document and where it is.
func eachString(v any, at string, f func(key, s string)) {
	switch v := v.(type) {
	case string:
		f(at, v)
	case map[string]any:
		for k, e := range v {
			eachString(e, at+"/"+k, f)
		}
	case []any:
		for _, e := range v {
			eachString(e, at+"/[]", f)
		}
	}
}
