package screens

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/assets"
)

// shownTexts collects what a person reads in o: every label, button, check, choice, hint and
// rich text, looking inside containers and custom widgets.
func shownTexts(o fyne.CanvasObject, out *[]string) {
	if o == nil || !o.Visible() {
		return
	}
	add := func(s ...string) { *out = append(*out, s...) }
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			shownTexts(c, out)
		}
		return
	case *widget.Label:
		add(w.Text)
		return
	case *widget.Button:
		add(w.Text)
		return
	case *widget.Check:
		add(w.Text)
		return
	case *widget.Hyperlink:
		add(w.Text)
		return
	case *widget.Select:
		if w.Selected == "" {
			add(w.PlaceHolder)
		}
		add(w.Selected)
		add(w.Options...)
		return
	case *widget.RadioGroup:
		add(w.Options...)
		return
	case *widget.Entry: // what is typed is the couple's; the hint is ours
		add(w.PlaceHolder)
		return
	case *widget.RichText:
		var b strings.Builder
		for _, s := range w.Segments {
			if t, ok := s.(*widget.TextSegment); ok {
				b.WriteString(t.Text)
			}
		}
		add(b.String())
		return
	case *canvas.Text:
		add(w.Text)
		return
	case *widget.Card:
		add(w.Title, w.Subtitle)
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(w).Objects() {
			shownTexts(c, out)
		}
	}
}

var (
	verbOrPlaceholderRe = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[a-zA-Z%]|\{[A-Za-z]+\}|\||\n+`)
	letterRe            = regexp.MustCompile(`\p{L}`)
)

// pieces are the literal parts of every string in an embedded JSON file, lower-cased: the
// words a screen may show, once formats, placeholders and plural forms are cut out.
func pieces(t *testing.T, file string) []string {
	t.Helper()
	raw, err := assets.File(file)
	if err != nil {
		t.Fatal(err)
	}
	var all any
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case string:
			for _, p := range verbOrPlaceholderRe.Split(strings.ToLower(v), -1) {
				if strings.TrimSpace(p) != "" {
					out = append(out, p)
				}
			}
		}
	}
	walk(all)
	return out
}

// notFromContent is what is left of text, letters included, once every piece is cut out.
func notFromContent(text string, pieces []string) string {
	rest := strings.ToLower(text)
	for _, p := range pieces {
		if strings.Contains(rest, p) {
			rest = cutWhole(rest, p)
		}
	}
	if letterRe.MatchString(rest) {
		return strings.Join(strings.Fields(rest), " ")
	}
	return ""
}

// cutWhole blanks out p wherever it stands in s as whole words: "с" is cut from "с 2 марта",
// not from "растёт".
func cutWhole(s, p string) string {
	isLetter := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	first, _ := utf8.DecodeRuneInString(p)
	last, _ := utf8.DecodeLastRuneInString(p)
	var b strings.Builder
	for {
		i := strings.Index(s, p)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(p):])
		whole := !(isLetter(first) && i > 0 && isLetter(before)) &&
			!(isLetter(last) && i+len(p) < len(s) && isLetter(after))
		if whole {
			b.WriteString(s[:i] + " ")
		} else {
			b.WriteString(s[:i+len(p)])
		}
		s = s[i+len(p):]
	}
}

// TestRussianScreensShowOnlyContent switches a window to Russian through its language setting,
// opens the Russian example couple and walks every step's widgets: each text shown must come
// from ru.json or from the couple's own words. An English literal in Go, or a key missing from
// ru.json, fails it.
func TestRussianScreensShowOnlyContent(t *testing.T) {
	r := newRig(t)
	r.win.SetLanguage("ru")
	if got := r.win.app.Preferences().String(PrefLanguage); got != "ru" {
		t.Fatalf("the choice is not kept: %q", got)
	}
	if r.state.Content().Language != "ru" || r.win.Win.MainMenu().Items[0].Label != "Кинцуги" {
		t.Fatalf("the window did not switch: %s, menu %q", r.state.Content().Language, r.win.Win.MainMenu().Items[0].Label)
	}
	allowed := append(pieces(t, "content/ru.json"), pieces(t, "sample/ru.json")...)
	// Longest first, so a short piece never breaks up a longer one still to be cut.
	sort.Slice(allowed, func(i, j int) bool { return len(allowed[i]) > len(allowed[j]) })

	check := func(where string) {
		var texts []string
		shownTexts(r.win.Win.Content(), &texts)
		if len(texts) < 5 {
			t.Fatalf("%s: only %d texts found; the walk misses the screen", where, len(texts))
		}
		for _, s := range texts {
			if rest := notFromContent(s, allowed); rest != "" {
				t.Errorf("%s shows %q, which is not from ru.json (left: %q)", where, s, rest)
			}
		}
	}
	check("start (empty)")
	c := r.sample(app.StepWelcome)
	if c.d.Case.Language != "ru" || c.d.Case.NameA != "Саша" {
		t.Fatalf("the example couple is not the Russian one: %+v", c.d.Case)
	}
	for _, who := range []string{"Мы оба", "Саша"} {
		c.Keyboard.SetSelected(who)
		for _, step := range app.Journey {
			c.Show(step)
			check(who + " at " + step)
		}
	}
	c.Back.OnTapped()
	check("start")
}

func TestNotFromContentFindsEnglish(t *testing.T) {
	allowed := []string{"неделя ", ": ", " – "}
	if rest := notFromContent("Неделя 3: 2 марта – 8 марта", allowed); rest == "" {
		t.Error("a month outside the content passed")
	}
	if rest := notFromContent("Неделя 3: ", allowed); rest != "" {
		t.Errorf("content refused: %q", rest)
	}
	if rest := notFromContent("растёт", []string{"с"}); rest == "" {
		t.Error("a piece was cut from inside a word")
	}
	if rest := notFromContent("Week 3", allowed); rest != "week 3" {
		t.Errorf("English passed: %q", rest)
	}
}
