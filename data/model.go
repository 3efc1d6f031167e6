package data

import (
	"cmp"
	"errors"
	"fmt"
	"kintsugi/couple"
	"strings"
	"time"
	"unicode/utf8"
)

// The couple's types and rules live in package couple; data stores them under the same names.
type (
	Partner    = couple.Partner
	Rebuilder  = couple.Rebuilder
	Date       = couple.Date
	InputError = couple.InputError
)

const (
	PartnerA      = couple.PartnerA
	PartnerB      = couple.PartnerB
	RebuilderA    = couple.RebuilderA
	RebuilderB    = couple.RebuilderB
	RebuilderBoth = couple.RebuilderBoth
)

// Partners in display order.
var Partners = couple.Partners

// Paper sizes for the workbook.
const (
	PaperA4     = "a4"
	PaperLetter = "letter"
)

// ValidPaper reports whether s names a supported paper size.
func ValidPaper(s string) bool { return s == PaperA4 || s == PaperLetter }

// DateOf returns the calendar day of t.
func DateOf(t time.Time) Date { return couple.DateOf(t) }

// NewDate returns the given calendar day.
func NewDate(y int, m time.Month, d int) Date { return couple.NewDate(y, m, d) }

// ParseDate reads YYYY-MM-DD; the empty string is the zero Date.
func ParseDate(s string) (Date, error) { return couple.ParseDate(s) }

// Case is one couple working through the process.
type Case struct {
	ID         int64
	NameA      string
	NameB      string
	Rebuilding Rebuilder
	StartDate  Date
	Paper      string
	Language   string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	// Example marks the example couple the app makes to show itself; set only by CreateSample's
	// import, never by an exported file.
	Example bool
	// Code is what an office's list shows instead of the names (set by the therapist); Finished
	// keeps a couple out of the office's active list. Neither travels in an export.
	Code     string
	Finished bool
}

// Names returns the names used to render content for this case.
func (c Case) Names() Names { return Names{A: c.NameA, B: c.NameB, Rebuilding: c.Rebuilding} }

// NameOf returns the name of partner p.
func (c Case) NameOf(p Partner) string {
	if p == PartnerA {
		return c.NameA
	}
	return c.NameB
}

// Title is "A & B", for lists.
func (c Case) Title() string { return strings.TrimSpace(c.NameA) + " & " + strings.TrimSpace(c.NameB) }

// MaxNameLength keeps names to what fits on a signature line.
const MaxNameLength = 80

// Validate checks a case before it is stored.
func (c Case) Validate() error {
	var problems []string
	// The window says the first problem about the names in its language: the others come from
	// choices it offers, never typed.
	var key string
	var args []any
	if strings.TrimSpace(c.NameA) == "" || strings.TrimSpace(c.NameB) == "" {
		problems = append(problems, "both partners need a name (a first name or a nickname is enough)")
		key = "ui.new.refused.names"
	}
	for _, n := range []string{c.NameA, c.NameB} {
		if !utf8.ValidString(n) {
			problems = append(problems, "a name holds bytes that are not text")
			break
		}
		if HasControl(n) {
			problems = append(problems, "a name is one line of plain text: no line breaks, tabs or direction overrides")
			key = cmp.Or(key, "ui.new.refused.oneline")
			break
		}
		if utf8.RuneCountInString(n) > MaxNameLength {
			problems = append(problems, fmt.Sprintf("a name can be up to %d characters; a first name or a nickname is enough", MaxNameLength))
			if key == "" {
				key, args = "ui.new.refused.long", []any{MaxNameLength}
			}
			break
		}
	}
	if !c.Rebuilding.Valid() {
		problems = append(problems, fmt.Sprintf("who is rebuilding trust must be A, B or both, not %q", c.Rebuilding))
	}
	if c.Paper != "" && !ValidPaper(c.Paper) {
		problems = append(problems, fmt.Sprintf("paper must be a4 or letter, not %q", c.Paper))
	}
	if len(problems) > 0 {
		return &InputError{Msg: strings.Join(problems, "; "), Key: key, Args: args}
	}
	return nil
}

// Incident is what happened: the causes ticked, a description and a date.
type Incident struct {
	CaseID      int64
	Causes      []string
	Description string
	Date        Date
}

// Answer is one partner's answer to one question.
type Answer struct {
	CaseID     int64
	Partner    Partner
	QuestionID string
	Text       string
	Shared     bool
	UpdatedAt  time.Time
	// Protected is set when the text is sealed with its author's PIN, not entered; Text is empty.
	Protected bool
	// PINSealed is the text as its author's PIN sealed it (nil when it is not): an export
	// carries this, so the answer travels closed, whether or not the PIN was entered.
	PINSealed []byte // Lost is set when the text was sealed under a PIN that was replaced because its record
	// was damaged (Store.ReplaceDamagedPIN): nobody can open it any more. Text is empty; it is
	// never an empty answer, and is gone only once its author deletes it or writes over it.
	Lost bool
}

// RuleAck records that a partner has acknowledged a ground rule.
type RuleAck struct {
	CaseID  int64
	RuleID  string
	Partner Partner
	At      time.Time
}

// StepProgress is the state of one step for the partner rebuilding trust.
type StepProgress struct {
	CaseID int64
	StepID string
	DoneOn Date
	Note   string
	// NoteShared is set when the note's author shares it; until then it is theirs alone.
	NoteShared bool
}

type (
	Commitment    = couple.Commitment
	Agreement     = couple.Agreement
	AgreementItem = couple.AgreementItem
	Signature     = couple.Signature
)

// Letter statuses.
const (
	LetterDraft = couple.LetterDraft
	LetterReady = couple.LetterReady
	LetterGiven = couple.LetterGiven
)

// Letter is the apology letter, and the written reply of the partner it was written to.
type Letter struct {
	CaseID    int64
	Text      string
	Status    string
	UpdatedAt time.Time
	// Reply is its author's (ReplyBy: the hurt partner, or "" when both rebuild trust and it is
	// theirs together), private to them until ReplyShared; ReplyProtected is set when it is
	// sealed with its author's PIN, not entered (Reply is empty then).
	Reply          string
	ReplyBy        Partner
	ReplyShared    bool
	ReplyProtected bool
	// ReplyPINSealed is the reply as its author's PIN sealed it (nil when it is not): an export
	// carries it so, whether or not the PIN was entered.
	ReplyPINSealed []byte // ReplyLost is set when the reply was sealed under a PIN since replaced (see Answer.Lost).
	ReplyLost      bool
}

// Mark is what happened to one commitment on one day.
type Mark string

const (
	MarkNone   Mark = ""
	MarkKept   Mark = "kept"
	MarkMissed Mark = "missed"
	MarkNA     Mark = "na"
)

func (m Mark) valid() bool { return m == MarkKept || m == MarkMissed || m == MarkNA || m == MarkNone }

// TrackEntry is one cell of the tracking grid.
type TrackEntry struct {
	CommitmentID int64
	Day          Date
	Mark         Mark
}

// CheckIn is the weekly check-in. Trust is 0-10, or -1 when not rated yet.
type CheckIn struct {
	CaseID      int64
	Week        int
	Trust       int
	WentWell    string
	WasHard     string
	Appreciated string
}

// WeekNote is one partner's own note on a week: private to its author until they share it.
type WeekNote struct {
	CaseID    int64
	Week      int
	Partner   Partner
	Text      string
	Shared    bool
	UpdatedAt time.Time
	// Protected is set when the text is sealed with its author's PIN, not entered; Text is empty.
	Protected bool
	// PINSealed is the note as its author's PIN sealed it (nil when it is not); see Answer.
	PINSealed []byte // Lost is set when the note was sealed under a PIN since replaced (see Answer.Lost).
	Lost      bool
}

// Activity summarises a case for the list of couples.
type Activity struct {
	Case         Case
	LastActivity time.Time
}

// Dossier is everything stored for one case: what the workbook prints and an export carries.
type Dossier struct {
	Case        Case
	Incident    Incident
	Answers     []Answer
	RuleAcks    []RuleAck
	Steps       []StepProgress
	Commitments []Commitment
	Agreements  []Agreement
	Letter      Letter
	Marks       []TrackEntry
	Counts      []WeekCount // weeks' counts of commitments kept as a count
	CheckIns    []CheckIn
	WeekNotes   []WeekNote
	Decisions   []Decision
	PINs        []PINRecord // each partner's PIN, as stored: it travels with the answers it seals

	markIndex map[markKey]Mark
}

// LatestAgreement returns the newest agreement version, or nil.
func (d *Dossier) LatestAgreement() *Agreement {
	if len(d.Agreements) == 0 {
		return nil
	}
	return &d.Agreements[len(d.Agreements)-1]
}

// Answer returns partner p's answer to question q, or nil.
func (d *Dossier) Answer(p Partner, q string) *Answer {
	for i := range d.Answers {
		if d.Answers[i].Partner == p && d.Answers[i].QuestionID == q {
			return &d.Answers[i]
		}
	}
	return nil
}

// Acked reports whether partner p acknowledged rule r.
func (d *Dossier) Acked(p Partner, r string) bool {
	for _, a := range d.RuleAcks {
		if a.Partner == p && a.RuleID == r {
			return true
		}
	}
	return false
}

// Step returns the progress on step s (zero if untouched).
func (d *Dossier) Step(s string) StepProgress {
	for _, p := range d.Steps {
		if p.StepID == s {
			return p
		}
	}
	return StepProgress{CaseID: d.Case.ID, StepID: s}
}

// CheckIn returns the check-in of week w, or one with Trust -1.
func (d *Dossier) CheckIn(w int) CheckIn {
	for _, c := range d.CheckIns {
		if c.Week == w {
			return c
		}
	}
	return CheckIn{CaseID: d.Case.ID, Week: w, Trust: -1}
}

// WeekNote returns partner p's own note on week w (empty and unshared if none).
func (d *Dossier) WeekNote(w int, p Partner) WeekNote {
	for _, n := range d.WeekNotes {
		if n.Week == w && n.Partner == p {
			return n
		}
	}
	return WeekNote{CaseID: d.Case.ID, Week: w, Partner: p}
}

type markKey struct {
	id  int64
	day Date
}

// Mark returns the mark of commitment id on day.
func (d *Dossier) Mark(id int64, day Date) Mark {
	if len(d.markIndex) != len(d.Marks) {
		d.markIndex = make(map[markKey]Mark, len(d.Marks))
		for _, m := range d.Marks {
			d.markIndex[markKey{m.CommitmentID, m.Day}] = m.Mark
		}
	}
	return d.markIndex[markKey{id, day}]
}

// WeekStart returns the Monday of week w (1-based). Week 1 is the Monday-to-Sunday week that
// holds the case's start date, so every tracking sheet reads Monday to Sunday.
func (c Case) WeekStart(w int) Date {
	start := c.StartDate
	if start.IsZero() {
		start = DateOf(c.CreatedAt)
	}
	back := (int(start.Weekday()) + 6) % 7
	return start.AddDays(-back + 7*(w-1))
}

// WeekOf returns the week number (1-based) holding day, or 0 before week 1.
func (c Case) WeekOf(day Date) int {
	d := day.DaysSince(c.WeekStart(1))
	if d < 0 {
		return 0
	}
	return d/7 + 1
}

// Errors a caller can test for.
var (
	ErrNotFound = errors.New("not found")
	ErrFrozen   = errors.New("this agreement version is signed by both partners and cannot change")
	ErrTooNew   = errors.New("database was written by a newer version of Kintsugi")
)
