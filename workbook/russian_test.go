package workbook_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"kintsugi/app"
	"kintsugi/assets"
	"kintsugi/data"
	"kintsugi/workbook"
)

var latinWordRe = regexp.MustCompile(`[A-Za-z]+`)

// englishWords are the words of the English content (texts, sections, entries) that a Russian
// workbook has no reason to print: any such word in it is a text left untranslated, a label
// built in Go, or English formatting such as a month name.
func englishWords(t *testing.T) map[string]bool {
	t.Helper()
	raw, err := assets.File("content/en.json")
	if err != nil {
		t.Fatal(err)
	}
	var all any
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(x, k)
			}
		case []any:
			for _, x := range v {
				walk(x, key)
			}
		case string:
			if key == "id" || key == "code" || key == "cost" || key == "language" {
				return // identifiers, not words a reader sees
			}
			for _, w := range latinWordRe.FindAllString(v, -1) {
				if len(w) >= 2 {
					words[strings.ToLower(w)] = true
				}
			}
		}
	}
	walk(all, "")
	// What a Russian page may print in Latin letters: paper and file names, PIN, and the
	// Kintsugi name where it is a brand (the Russian content writes Кинцуги).
	for _, w := range []string{"a4", "us", "letter", "pin", "pdf"} {
		delete(words, w)
	}
	return words
}

func russianWorkbook(t *testing.T, d *data.Dossier) string {
	t.Helper()
	ru, err := data.LoadContent(assets.FS, "ru")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := workbook.Write(&buf, ru, d, workbook.Options{Weeks: 2, Now: fixedNow, Language: "ru"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ru.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return pdfText(t, path)
}

func russianSample(t *testing.T) *data.Dossier {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ru, err := data.LoadContent(assets.FS, "ru")
	if err != nil {
		t.Fatal(err)
	}
	c, err := app.CreateSample(ctx, st, ru, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.Dossier(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestRussianWorkbookHasNoEnglish prints the blank and the example couple's workbook in
// Russian and fails on any word of the English content in the text pdftotext reads back.
func TestRussianWorkbookHasNoEnglish(t *testing.T) {
	english := englishWords(t)
	for name, d := range map[string]*data.Dossier{"blank": nil, "example couple": russianSample(t)} {
		t.Run(name, func(t *testing.T) {
			text := russianWorkbook(t, d)
			noMissingLabels(t, text)
			found := map[string]bool{}
			for _, w := range latinWordRe.FindAllString(text, -1) {
				if english[strings.ToLower(w)] {
					found[w] = true
				}
			}
			if len(found) > 0 {
				var list []string
				for w := range found {
					list = append(list, w)
				}
				sort.Strings(list)
				t.Errorf("the Russian workbook prints English: %s", strings.Join(list, ", "))
			}
			for _, want := range []string{"25 ноября 2026", "Наша договорённость", "Саша"} {
				if d != nil && !strings.Contains(flat(text), want) {
					t.Errorf("the Russian workbook lacks %q", want)
				}
			}
		})
	}
}
