package data

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"kintsugi/couple"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Section IDs of the content file. Code refers to sections by these, never by position.
const (
	SectionCauses         = "causes"
	SectionClarifying     = couple.SectionClarifying
	SectionReflectRebuild = couple.SectionReflectRebuild
	SectionReflectHurt    = couple.SectionReflectHurt
	SectionRules          = "rules"
	SectionSteps          = "steps"
	SectionPredictability = "catalog-predictability"
	SectionRituals        = "catalog-rituals"
	SectionAmends         = "catalog-amends"
	SectionReading        = "reading"
	SectionLetterPrompts  = "letter-prompts"
	SectionRitualPrompts  = "ritual-prompts"
	SectionHelp           = "help"
)

// CatalogSections are the three parts of the catalog of commitments, in print order.
var CatalogSections = []string{SectionPredictability, SectionRituals, SectionAmends}

// requiredSections must all be present in every language file.
var requiredSections = []string{
	SectionCauses, SectionClarifying, SectionReflectRebuild, SectionReflectHurt,
	SectionRules, SectionSteps, SectionPredictability, SectionRituals, SectionAmends,
	SectionReading, SectionLetterPrompts, SectionRitualPrompts, SectionHelp,
}

// Cost levels: the price in freedom a commitment asks of the partner rebuilding trust.
const (
	CostLow      = couple.CostLow
	CostModerate = couple.CostModerate
	CostHigh     = couple.CostHigh
	CostVeryHigh = couple.CostVeryHigh
)

// CostLevels in ascending order.
var CostLevels = couple.CostLevels

// CostRank orders cost levels; an unknown level ranks -1.
func CostRank(level string) int { return couple.CostRank(level) }

// Parameter is the adjustable amount of a commitment, such as calls per day.
type Parameter struct {
	Unit    string `json:"unit"`
	Default int    `json:"default"`
	Min     int    `json:"min"`
	Max     int    `json:"max"`
}

// Entry is one item of content: a cause, question, rule, step, commitment, reading or prompt.
type Entry struct {
	ID         string     `json:"id"`
	Code       string     `json:"code"`
	Title      string     `json:"title"`
	Text       string     `json:"text"`
	Note       string     `json:"note,omitempty"`
	Cost       string     `json:"cost,omitempty"`
	Parameter  *Parameter `json:"parameter,omitempty"`
	Caution    string     `json:"caution,omitempty"`
	Monitoring bool       `json:"monitoring,omitempty"`
	// Track is how the commitment is tracked: "" day by day, "week" as a count each week (dinner
	// at home five days a week), "once" as the date it was done (the letter).
	Track couple.TrackKind `json:"track,omitempty"`
	Added bool             `json:"added,omitempty"`
}

// Section groups entries under a title and a short introduction.
type Section struct {
	ID      string  `json:"id"`
	Code    string  `json:"code,omitempty"`
	Title   string  `json:"title"`
	Intro   string  `json:"intro"`
	Entries []Entry `json:"entries"`
}

// Roles holds the neutral words used for a partner whose name is not known.
type Roles struct {
	Rebuilding     string `json:"rebuilding"`
	Hurt           string `json:"hurt"`
	BothRebuilding string `json:"bothRebuilding"`
	BothHurt       string `json:"bothHurt"`
	PartnerA       string `json:"partnerA"`
	PartnerB       string `json:"partnerB"`
}

// CostLevel describes one cost level in words.
type CostLevel struct {
	ID          string `json:"id"`
	Label       string `json:"label"`
	Description string `json:"description"`
}

// Content is everything the app and the workbook say, in one language.
type Content struct {
	Language     string            `json:"language"`
	LanguageName string            `json:"languageName"`
	Roles        Roles             `json:"roles"`
	CostLevels   []CostLevel       `json:"costLevels"`
	Sections     []Section         `json:"sections"`
	Texts        map[string]string `json:"texts"`

	byID      map[string]*Entry
	bySection map[string]*Section
	sectionOf map[string]string
}

// ContentDir is where language files live inside the assets file system.
const ContentDir = "content"

// LoadContent reads and validates the language file for lang (e.g. "en") from fsys.
func LoadContent(fsys fs.FS, lang string) (*Content, error) {
	name := path.Join(ContentDir, lang+".json")
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("load content %s: %w", name, err)
	}
	c, err := ParseContent(raw)
	if err != nil {
		return nil, fmt.Errorf("load content %s: %w", name, err)
	}
	if c.Language != lang {
		return nil, fmt.Errorf("load content %s: file says language %q", name, c.Language)
	}
	return c, nil
}

// Languages lists the language codes that have a content file in fsys.
func Languages(fsys fs.FS) ([]string, error) {
	matches, err := fs.Glob(fsys, path.Join(ContentDir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("list languages: %w", err)
	}
	var langs []string
	for _, m := range matches {
		langs = append(langs, strings.TrimSuffix(path.Base(m), ".json"))
	}
	sort.Strings(langs)
	return langs, nil
}

// ParseContent decodes a language file and checks it is complete and consistent.
func ParseContent(raw []byte) (*Content, error) {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	var c Content
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("parse content: %w", err)
	}
	if err := c.index(); err != nil {
		return nil, err
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

func (c *Content) index() error {
	c.byID = map[string]*Entry{}
	c.bySection = map[string]*Section{}
	c.sectionOf = map[string]string{}
	for si := range c.Sections {
		s := &c.Sections[si]
		if _, dup := c.bySection[s.ID]; dup {
			return fmt.Errorf("content: section %q appears twice", s.ID)
		}
		c.bySection[s.ID] = s
		for ei := range s.Entries {
			e := &s.Entries[ei]
			if _, dup := c.byID[e.ID]; dup {
				return fmt.Errorf("content: entry ID %q appears twice", e.ID)
			}
			c.byID[e.ID] = e
			c.sectionOf[e.ID] = s.ID
		}
	}
	return nil
}

var placeholderRe = regexp.MustCompile(`\{([A-Za-z]+)\}`)

var knownPlaceholders = map[string]bool{"rebuilding": true, "hurt": true, "a": true, "b": true}

func (c *Content) validate() error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if c.Language == "" {
		add("language is empty")
	}
	for _, id := range requiredSections {
		if c.bySection[id] == nil {
			add("section %q is missing", id)
		}
	}
	for _, lvl := range CostLevels {
		if c.CostLevel(lvl).Label == "" {
			add("cost level %q has no label", lvl)
		}
	}
	codes := map[string]string{}
	for _, s := range c.Sections {
		if s.Title == "" {
			add("section %q has no title", s.ID)
		}
		for _, e := range s.Entries {
			key := s.ID + "/" + e.Code
			if e.Code == "" {
				add("%s has no code", e.ID)
			} else if other, dup := codes[key]; dup {
				add("%s and %s share code %q", other, e.ID, e.Code)
			}
			codes[key] = e.ID
			if strings.TrimSpace(e.Text) == "" {
				add("%s has no text", e.ID)
			}
			if isCatalog(s.ID) {
				if CostRank(e.Cost) < 0 {
					add("%s has no valid cost level (%q)", e.ID, e.Cost)
				}
				if e.Title == "" {
					add("%s has no title", e.ID)
				}
			}
			if p := e.Parameter; p != nil && (p.Unit == "" || p.Min > p.Default || p.Default > p.Max) {
				add("%s has an inconsistent parameter", e.ID)
			}
			if !e.Track.Valid() {
				add("%s is tracked %q: day by day (no track), \"week\" or \"once\"", e.ID, e.Track)
			}
			if e.Monitoring && e.Caution == "" {
				add("%s is a monitoring commitment without a caution", e.ID)
			}
			for _, t := range []string{e.Title, e.Text, e.Note, e.Caution} {
				for _, m := range placeholderRe.FindAllStringSubmatch(t, -1) {
					if !knownPlaceholders[lowerFirst(m[1])] {
						add("%s uses unknown placeholder %s", e.ID, m[0])
					}
				}
			}
		}
	}
	c.checkPlurals(add)
	if len(problems) > 0 {
		return fmt.Errorf("content %s: %s", c.Language, strings.Join(problems, "; "))
	}
	return nil
}

func isCatalog(sectionID string) bool {
	for _, s := range CatalogSections {
		if s == sectionID {
			return true
		}
	}
	return false
}

// Entry returns the entry with the given ID, or nil.
func (c *Content) Entry(id string) *Entry { return c.byID[id] }

// Section returns the section with the given ID, or an empty section.
func (c *Content) Section(id string) *Section {
	if s := c.bySection[id]; s != nil {
		return s
	}
	return &Section{ID: id}
}

// SectionOf returns the ID of the section holding entry id.
func (c *Content) SectionOf(id string) string { return c.sectionOf[id] }

// IsCatalog reports whether entry id is a commitment of the catalog.
func (c *Content) IsCatalog(id string) bool { return isCatalog(c.sectionOf[id]) }

// Catalog returns the catalog sections in print order.
func (c *Content) Catalog() []*Section {
	out := make([]*Section, 0, len(CatalogSections))
	for _, id := range CatalogSections {
		out = append(out, c.Section(id))
	}
	return out
}

// CostLevel returns the description of a cost level.
func (c *Content) CostLevel(id string) CostLevel {
	for _, l := range c.CostLevels {
		if l.ID == id {
			return l
		}
	}
	return CostLevel{ID: id}
}

// T returns the label text for key; a missing key shows as ⟦key⟧ so tests and eyes catch it.
func (c *Content) T(key string) string {
	if s, ok := c.Texts[key]; ok {
		return s
	}
	return "⟦" + key + "⟧"
}

// Tf formats the label text for key with args.
func (c *Content) Tf(key string, args ...any) string { return fmt.Sprintf(c.T(key), args...) }

// Names are the partners' names as far as they are known, and who is rebuilding trust.
type Names struct {
	A, B       string
	Rebuilding Rebuilder
}

// Render replaces role placeholders in text: {rebuilding}, {hurt}, {A}, {B}. A capitalised
// placeholder ({Rebuilding}) starts a sentence. Unknown names fall back to neutral words.
func (c *Content) Render(text string, n Names) string {
	return placeholderRe.ReplaceAllStringFunc(text, func(m string) string {
		key := m[1 : len(m)-1]
		word, ok := c.roleWord(lowerFirst(key), n)
		if !ok {
			return m
		}
		if unicode.IsUpper(firstRune(key)) {
			return upperFirst(word)
		}
		return word
	})
}

func (c *Content) roleWord(key string, n Names) (string, bool) {
	a := orDefault(strings.TrimSpace(n.A), c.Roles.PartnerA)
	b := orDefault(strings.TrimSpace(n.B), c.Roles.PartnerB)
	switch key {
	case "a":
		return a, true
	case "b":
		return b, true
	case "rebuilding":
		switch n.Rebuilding {
		case RebuilderA:
			return orDefault(strings.TrimSpace(n.A), c.Roles.Rebuilding), true
		case RebuilderB:
			return orDefault(strings.TrimSpace(n.B), c.Roles.Rebuilding), true
		case RebuilderBoth:
			return c.Roles.BothRebuilding, true
		}
		return c.Roles.Rebuilding, true
	case "hurt":
		switch n.Rebuilding {
		case RebuilderA:
			return orDefault(strings.TrimSpace(n.B), c.Roles.Hurt), true
		case RebuilderB:
			return orDefault(strings.TrimSpace(n.A), c.Roles.Hurt), true
		case RebuilderBoth:
			return c.Roles.BothHurt, true
		}
		return c.Roles.Hurt, true
	}
	return "", false
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// Tracking is how commitment cm is kept on record, as the catalog says: day by day, a count
// each week, or the date it was done. The couple's own commitments are ticked day by day.
func (c *Content) Tracking(cm Commitment) couple.TrackKind {
	if e := c.Entry(cm.CatalogID); e != nil && cm.CatalogID != "" {
		return e.Track
	}
	return couple.TrackDaily
}
