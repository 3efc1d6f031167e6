package data_test

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"kintsugi/assets"
	"kintsugi/data"
)

func loadEnglish(t testing.TB) *data.Content {
	t.Helper()
	c, err := data.LoadContent(assets.FS, "en")
	if err != nil {
		t.Fatalf("load content: %v", err)
	}
	return c
}

// expectedIDs lists the content map's IDs, so the test holds even where ../shared is absent.
func expectedIDs() []string {
	var ids []string
	add := func(prefix string, n int) {
		for i := 1; i <= n; i++ {
			ids = append(ids, fmt.Sprintf("%s-%02d", prefix, i))
		}
	}
	add("CAUSE", 7)
	add("CLAR", 4)
	add("REFL-R", 6)
	add("REFL-H", 5)
	add("RULE", 7)
	add("STEP", 7)
	add("PRED", 17)
	add("RIT", 2)
	add("AMEND", 11)
	return append(ids, "READ-TRUST", "READ-ERIKSON", "READ-TIME", "READ-CONVO", "READ-DECIDE", "SAFETY")
}

var mapIDRe = regexp.MustCompile("`((?:CAUSE|CLAR|REFL-R|RULE|STEP|PRED|RIT|AMEND)-\\d\\d|READ-[A-Z]+|SAFETY)`|\\| ((?:CAUSE|CLAR|REFL-R|RULE|STEP|PRED|RIT|AMEND)-\\d\\d) \\|")

func TestEveryContentMapIDIsPresent(t *testing.T) {
	c := loadEnglish(t)
	ids := expectedIDs()
	if raw, err := os.ReadFile("../../shared/content-map.md"); err == nil {
		for _, m := range mapIDRe.FindAllStringSubmatch(string(raw), -1) {
			ids = append(ids, m[1]+m[2])
		}
	} else {
		t.Logf("content map not found beside the repo (%v); checking the built-in list only", err)
	}
	for _, id := range ids {
		if strings.HasSuffix(id, "-*") {
			continue
		}
		if c.Entry(id) == nil {
			t.Errorf("content has no entry %s", id)
		}
	}
}

func TestCatalogCodesAndCosts(t *testing.T) {
	c := loadEnglish(t)
	want := map[string]int{data.SectionPredictability: 17, data.SectionRituals: 2, data.SectionAmends: 11}
	prefix := map[string]string{data.SectionPredictability: "I.", data.SectionRituals: "II.", data.SectionAmends: "III."}
	seen := map[string]bool{}
	for _, s := range c.Catalog() {
		if len(s.Entries) != want[s.ID] {
			t.Errorf("%s has %d commitments, want %d", s.ID, len(s.Entries), want[s.ID])
		}
		for i, e := range s.Entries {
			if code := fmt.Sprintf("%s%d", prefix[s.ID], i+1); e.Code != code {
				t.Errorf("%s has code %q, want %q", e.ID, e.Code, code)
			}
			if seen[e.Code] {
				t.Errorf("code %s is used twice", e.Code)
			}
			seen[e.Code] = true
			if data.CostRank(e.Cost) < 0 {
				t.Errorf("%s has no cost level", e.ID)
			}
		}
	}
	for _, id := range []string{"PRED-17", "AMEND-01", "AMEND-10"} {
		if e := c.Entry(id); e == nil || !e.Monitoring || e.Caution == "" {
			t.Errorf("%s must be a monitoring commitment with a caution", id)
		}
	}
	for _, id := range []string{"PRED-04", "PRED-13", "PRED-14"} {
		if e := c.Entry(id); e == nil || e.Parameter == nil || e.Parameter.Unit == "" {
			t.Errorf("%s must have a parameter with a unit", id)
		}
	}
}

var gendered = regexp.MustCompile(`(?i)\b(he|she|him|her|his|hers|himself|herself|man|woman|men|women|husband|wife|girl|boy|guy|girlfriend|boyfriend|mistress|lover)\b`)

func TestNoGenderedRoleText(t *testing.T) {
	c := loadEnglish(t)
	check := func(where, text string) {
		if m := gendered.FindString(text); m != "" {
			t.Errorf("%s says %q: the product is gender-neutral", where, m)
		}
	}
	for _, s := range c.Sections {
		check(s.ID+" title", s.Title)
		check(s.ID+" intro", s.Intro)
		for _, e := range s.Entries {
			for _, f := range []string{e.Title, e.Text, e.Note, e.Caution} {
				check(e.ID, f)
			}
		}
	}
	for k, v := range c.Texts {
		check("text "+k, v)
	}
	r := c.Roles
	for _, v := range []string{r.Rebuilding, r.Hurt, r.BothRebuilding, r.BothHurt, r.PartnerA, r.PartnerB} {
		check("roles", v)
	}
}

func TestRenderNamesAndNeutralWords(t *testing.T) {
	c := loadEnglish(t)
	tests := []struct {
		names data.Names
		want  string
	}{
		{data.Names{A: "Sam", B: "Alex", Rebuilding: data.RebuilderA}, "Sam calls Alex; Alex waits."},
		{data.Names{A: "Sam", B: "Alex", Rebuilding: data.RebuilderB}, "Alex calls Sam; Sam waits."},
		{data.Names{}, upper(c.Roles.Rebuilding) + " calls " + c.Roles.Hurt + "; " + upper(c.Roles.Hurt) + " waits."},
		{data.Names{A: "Sam", B: "Alex", Rebuilding: data.RebuilderBoth}, upper(c.Roles.BothRebuilding) + " calls " + c.Roles.BothHurt + "; " + upper(c.Roles.BothHurt) + " waits."},
	}
	for _, tt := range tests {
		if got := c.Render("{Rebuilding} calls {hurt}; {Hurt} waits.", tt.names); got != tt.want {
			t.Errorf("Render(%+v) = %q, want %q", tt.names, got, tt.want)
		}
	}
	if got := c.Render("{A} and {B}, {unknown}", data.Names{A: "Ngozi"}); got != "Ngozi and "+c.Roles.PartnerB+", {unknown}" {
		t.Errorf("Render with one name = %q", got)
	}
}

func upper(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func TestParseContentRefusesBrokenFiles(t *testing.T) {
	good, err := assets.File("content/en.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"not json":        "this is not json",
		"unknown field":   strings.Replace(string(good), `"language"`, `"colour": 1, "language"`, 1),
		"missing section": strings.Replace(string(good), `"id": "steps"`, `"id": "stairs"`, 1),
		"bad cost":        strings.Replace(string(good), `"cost": "low"`, `"cost": "cheap"`, 1),
		"bad tracking":    strings.Replace(string(good), `"track": "week"`, `"track": "fortnight"`, 1),
		"duplicate id":    strings.Replace(string(good), `"id": "CAUSE-02"`, `"id": "CAUSE-01"`, 1),
	}
	for name, raw := range cases {
		if raw == string(good) {
			t.Errorf("%s: the test's replacement did not apply", name)
			continue
		}
		if _, err := data.ParseContent([]byte(raw)); err == nil {
			t.Errorf("%s: ParseContent accepted a broken file", name)
		}
	}
}

func TestLanguagesListsEnglish(t *testing.T) {
	langs, err := data.Languages(assets.FS)
	// A language added later (de sorts before en) must not break this.
	if err != nil || !slices.Contains(langs, "en") || !slices.Contains(langs, "ru") {
		t.Fatalf("Languages = %v, %v", langs, err)
	}
}
