package data_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"kintsugi/assets"
	"kintsugi/data"
)

// rawContent is a language file as written, so the test sees every key, not only the ones the
// Content type keeps.
type rawContent struct {
	Roles      map[string]string `json:"roles"`
	CostLevels []struct {
		ID string `json:"id"`
	} `json:"costLevels"`
	Sections []struct {
		ID      string            `json:"id"`
		Code    string            `json:"code"`
		Entries []json.RawMessage `json:"entries"`
	} `json:"sections"`
	Texts map[string]string `json:"texts"`
}

func readRaw(t *testing.T, lang string) rawContent {
	t.Helper()
	raw, err := fs.ReadFile(assets.FS, "content/"+lang+".json")
	if err != nil {
		t.Fatal(err)
	}
	var c rawContent
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("%s.json: %v", lang, err)
	}
	return c
}

func otherLanguages(t *testing.T) []string {
	t.Helper()
	langs, err := data.Languages(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	langs = slices.DeleteFunc(langs, func(l string) bool { return l == "en" })
	if len(langs) == 0 {
		t.Fatal("no language besides English is embedded")
	}
	return langs
}

// keyDiff names the keys in a and not in b.
func keyDiff[V any](a, b map[string]V) []string {
	var out []string
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// TestEveryLanguageHasEveryKey fails when a key exists in one language and not in another:
// a text, a role, a cost level, a section, an entry or one of an entry's fields.
func TestEveryLanguageHasEveryKey(t *testing.T) {
	en := readRaw(t, "en")
	for _, lang := range otherLanguages(t) {
		t.Run(lang, func(t *testing.T) {
			c := readRaw(t, lang)
			if _, err := data.LoadContent(assets.FS, lang); err != nil {
				t.Fatal(err)
			}
			if d := keyDiff(en.Texts, c.Texts); len(d) > 0 {
				t.Errorf("%s.json lacks texts that en.json has:\n  %s", lang, strings.Join(d, "\n  "))
			}
			if d := keyDiff(c.Texts, en.Texts); len(d) > 0 {
				t.Errorf("%s.json has texts that en.json lacks:\n  %s", lang, strings.Join(d, "\n  "))
			}
			if d := append(keyDiff(en.Roles, c.Roles), keyDiff(c.Roles, en.Roles)...); len(d) > 0 {
				t.Errorf("roles differ: %v", d)
			}
			if len(c.CostLevels) != len(en.CostLevels) {
				t.Errorf("%d cost levels, English has %d", len(c.CostLevels), len(en.CostLevels))
			}
			if got, want := entryShapes(t, c), entryShapes(t, en); !slices.Equal(got, want) {
				t.Errorf("sections and entries differ from English:\n%s", lineDiff(want, got))
			}
		})
	}
}

// entryShapes describes each section and entry by its IDs and by what is not words: which
// fields it has, its cost, its monitoring flag and its parameter's numbers.
func entryShapes(t *testing.T, c rawContent) []string {
	t.Helper()
	var out []string
	for _, s := range c.Sections {
		out = append(out, "section "+s.ID+" "+s.Code)
		for _, raw := range s.Entries {
			var e map[string]any
			if err := json.Unmarshal(raw, &e); err != nil {
				t.Fatal(err)
			}
			var fields []string
			for k, v := range e {
				switch k {
				case "title", "text", "note", "caution":
					fields = append(fields, k)
				case "parameter":
					p := v.(map[string]any)
					fields = append(fields, fmt.Sprintf("parameter %v..%v default %v", p["min"], p["max"], p["default"]))
				default:
					fields = append(fields, fmt.Sprintf("%s=%v", k, v))
				}
			}
			sort.Strings(fields)
			out = append(out, "  "+strings.Join(fields, " "))
		}
	}
	return out
}

func lineDiff(want, got []string) string {
	var b strings.Builder
	for i := 0; i < max(len(want), len(got)); i++ {
		w, g := "", ""
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			fmt.Fprintf(&b, "  en: %s\n  ->: %s\n", w, g)
		}
	}
	return b.String()
}

var verbRe = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// verbs maps each argument a format string uses to the verb it prints it with.
func verbs(format string) map[int]string {
	out := map[int]string{}
	next := 1
	for _, m := range verbRe.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			fmt.Sscanf(m[1], "[%d]", &next)
		}
		out[next] = m[2]
		next++
	}
	return out
}

// TestTranslationsTakeTheSameArguments fails when a text formats its arguments differently
// from English, which would print %!d(string=…) or drop a name on screen.
func TestTranslationsTakeTheSameArguments(t *testing.T) {
	en := readRaw(t, "en")
	for _, lang := range otherLanguages(t) {
		c := readRaw(t, lang)
		for key, text := range c.Texts {
			want, ok := en.Texts[key]
			if !ok {
				continue
			}
			// A counted text's forms each format the count the same way.
			w := verbs(strings.Split(want, data.PluralSep)[0])
			forms := []string{text}
			if strings.HasSuffix(key, data.CountSuffix) {
				forms = strings.Split(text, data.PluralSep)
			}
			for _, form := range forms {
				if got := verbs(form); fmt.Sprint(got) != fmt.Sprint(w) {
					t.Errorf("%s %s formats %v, English %v: %q", lang, key, got, w, form)
				}
			}
		}
	}
}

func TestVerbsReadsIndexedArguments(t *testing.T) {
	if got := fmt.Sprint(verbs("Only %[1]s can, when %[1]s is here; %d%%")); got != "map[1:s 2:d]" {
		t.Errorf("verbs = %s", got)
	}
	if got := fmt.Sprint(verbs("%[2]s %[1]d")); got != "map[1:d 2:s]" {
		t.Errorf("verbs = %s", got)
	}
}
