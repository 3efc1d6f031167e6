package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"kintsugi/assets"
	"kintsugi/couple"
	"kintsugi/data"
)

// SampleWeeks is how many weeks the example couple has tracked.
const SampleWeeks = 12

// sampleCommitments are the example couple's agreed commitments with their parameters.
var sampleCommitments = []struct {
	id    string
	param int
}{
	{"PRED-04", 2}, {"PRED-05", 0}, {"PRED-06", 0}, {"PRED-08", 0}, {"PRED-10", 0},
	{"PRED-13", 5}, {"PRED-14", 4}, {"PRED-17", 0}, {"RIT-01", 0}, {"RIT-02", 0}, {"AMEND-11", 0},
}

// Sample is the example couple's own words, one file per language in assets/sample.
type Sample struct {
	Language         string      `json:"language"`
	NameA            string      `json:"nameA"`
	NameB            string      `json:"nameB"`
	Incident         string      `json:"incident"`
	CustomCommitment string      `json:"customCommitment"`
	Thoughts         []string    `json:"thoughts"`
	StepNotes        []string    `json:"stepNotes"`
	WeekNotes        [][3]string `json:"weekNotes"`
	Ritual           []string    `json:"ritual"` // the plan, one text per ritual prompt
	Letter           string      `json:"letter"`
}

// LoadSample reads the example couple for a language, or the English one when it has none.
func LoadSample(lang string) (*Sample, error) {
	raw, err := assets.File("sample/" + lang + ".json")
	if err != nil {
		raw, err = assets.File("sample/en.json")
	}
	if err != nil {
		return nil, fmt.Errorf("load sample: %w", err)
	}
	var s Sample
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("load sample: %w", err)
	}
	if s.NameA == "" || s.NameB == "" || len(s.Thoughts) == 0 || len(s.StepNotes) == 0 || len(s.WeekNotes) == 0 || s.Letter == "" {
		return nil, fmt.Errorf("load sample %s: a part is missing", s.Language)
	}
	return &s, nil
}

// CreateSample stores a complete example couple: every step used, a signed agreement, a letter
// and twelve weeks tracked, ending the day before now. It shows a new user how the app works.
// The couple is built whole in memory and stored in one transaction, marked as the example:
// a failure half-way leaves nothing behind.
func CreateSample(ctx context.Context, st *data.Store, content *data.Content, now time.Time) (data.Case, error) {
	sample, err := LoadSample(content.Language)
	if err != nil {
		return data.Case{}, err
	}
	today := data.DateOf(now)
	start := today.AddDays(-7 * SampleWeeks)
	d := &data.Dossier{Case: data.Case{
		NameA: sample.NameA, NameB: sample.NameB, Rebuilding: data.RebuilderA, StartDate: start,
		Paper: data.PaperA4, Language: content.Language, CreatedAt: now, UpdatedAt: now, Example: true,
	}}
	sampleStory(d, content, sample, start, now)
	if err := sampleCommitmentsAndAgreement(d, content, sample, start, now); err != nil {
		return data.Case{}, fmt.Errorf("create sample: %w", err)
	}
	sampleTracking(d, content, sample)
	c, err := st.ImportDossier(ctx, d)
	if err != nil {
		return c, fmt.Errorf("create sample: %w", err)
	}
	return c, nil
}

func sampleStory(d *data.Dossier, content *data.Content, sample *Sample, start data.Date, now time.Time) {
	d.Incident = data.Incident{Causes: []string{"CAUSE-04", "CAUSE-07"}, Date: start.AddDays(-30), Description: sample.Incident}
	for i, q := range Questions(content, d.Case) {
		d.Answers = append(d.Answers, data.Answer{Partner: q.Partner, QuestionID: q.Entry.ID, Shared: i%3 != 2, UpdatedAt: now,
			Text: sample.Thoughts[(i+2*partnerIndex(q.Partner))%len(sample.Thoughts)]})
	}
	for _, p := range data.Partners {
		for _, key := range []string{data.DecisionWelcome, data.DecisionContinue} {
			d.Decisions = append(d.Decisions, data.Decision{Key: key, Partner: p, Value: data.DecisionYes})
		}
	}
	for _, r := range content.Section(data.SectionRules).Entries {
		for _, p := range data.Partners {
			d.RuleAcks = append(d.RuleAcks, data.RuleAck{RuleID: r.ID, Partner: p, At: now})
		}
	}
	for i, s := range content.Section(data.SectionSteps).Entries {
		d.Steps = append(d.Steps, data.StepProgress{StepID: s.ID, DoneOn: start.AddDays(i * 4),
			Note: sample.StepNotes[i%len(sample.StepNotes)], NoteShared: i%3 != 2})
	}
	d.Letter = data.Letter{Status: data.LetterGiven, Text: sample.Letter, UpdatedAt: now}
	for i, p := range content.Section(data.SectionRitualPrompts).Entries {
		if i < len(sample.Ritual) {
			d.Answers = append(d.Answers, data.Answer{Partner: RitualPartner, QuestionID: p.ID, Text: sample.Ritual[i], Shared: true, UpdatedAt: now})
		}
	}
}

// The example couple is twelve weeks in, as a real couple would be mid-agreement: their review
// is four weeks ahead and the monitoring they agreed to ends two weeks before it, so the header
// shows what is due for such a couple (this week's check-in), not a review that falls today.
const (
	sampleReviewWeeks     = SampleWeeks + 4
	sampleMonitoringWeeks = SampleWeeks + 2
)

func sampleCommitmentsAndAgreement(d *data.Dossier, content *data.Content, sample *Sample, start data.Date, now time.Time) error {
	review := start.AddDays(7 * sampleReviewWeeks)
	add := func(cm data.Commitment) {
		cm.ID = int64(len(d.Commitments) + 1)
		cm.Position = int(cm.ID)
		d.Commitments = append(d.Commitments, cm)
	}
	for _, sc := range sampleCommitments {
		e := content.Entry(sc.id)
		if e == nil {
			return fmt.Errorf("sample commitment %s is not in the catalog", sc.id)
		}
		cm := data.Commitment{CatalogID: sc.id, Param: sc.param, Cost: e.Cost, AgreedA: true, AgreedB: true}
		if e.Monitoring {
			cm.ReviewDate = start.AddDays(7 * sampleMonitoringWeeks)
		}
		add(cm)
	}
	add(data.Commitment{Cost: data.CostModerate, AgreedA: true, AgreedB: true, CustomText: sample.CustomCommitment})
	// One proposal only Alex has agreed to: agreements hold only what both chose.
	add(data.Commitment{CatalogID: "AMEND-03", Cost: content.Entry("AMEND-03").Cost, AgreedB: true})
	ag := data.Agreement{Version: 1, StartDate: start, ReviewDate: review, CreatedAt: start.Time().Add(17 * time.Hour),
		Items: data.AgreementItems(content, d.Case, d.Commitments)}
	for i, p := range data.Partners {
		img, err := RenderSignature(handwriting(i+1, 600, 200), 600, 200)
		if err != nil {
			return err
		}
		ag.Signatures = append(ag.Signatures, data.Signature{Partner: p, TypedName: d.Case.NameOf(p), PNG: img,
			SignedAt: start.Time().Add(time.Duration(18+i) * time.Hour)})
	}
	d.Agreements = []data.Agreement{ag}
	return nil
}

// sampleTracking fills twelve weeks: mostly kept, a few misses early on, trust slowly rising.
// Each commitment is kept on record the way the catalog says: day by day, a count each week,
// or the date it was done.
func sampleTracking(d *data.Dossier, content *data.Content, sample *Sample) {
	c := d.Case
	for ci, cm := range d.Commitments {
		if cm.Agreed() && content.Tracking(cm) == couple.TrackOnce {
			d.Marks = append(d.Marks, data.TrackEntry{CommitmentID: cm.ID, Day: c.StartDate.AddDays(9 + 5*ci%20), Mark: data.MarkKept})
		}
	}
	for w := 1; w <= SampleWeeks; w++ {
		for ci, cm := range d.Commitments {
			if !cm.Agreed() {
				continue
			}
			switch content.Tracking(cm) {
			case couple.TrackOnce:
				continue
			case couple.TrackWeekly:
				d.Counts = append(d.Counts, data.WeekCount{CommitmentID: cm.ID, Week: w, Count: sampleCount(w, ci, cm.Param)})
				continue
			}
			for day := 0; day < 7; day++ {
				at := c.WeekStart(w).AddDays(day)
				if at.Before(c.StartDate) {
					continue
				}
				d.Marks = append(d.Marks, data.TrackEntry{CommitmentID: cm.ID, Day: at, Mark: sampleMark(w, ci, day)})
			}
		}
		n := (w - 1) % len(sample.WeekNotes)
		d.CheckIns = append(d.CheckIns, data.CheckIn{Week: w, Trust: min(2+w/2, 10),
			WentWell: sample.WeekNotes[n][0], WasHard: sample.WeekNotes[n][1], Appreciated: sample.WeekNotes[n][2]})
	}
}

// sampleCount is a week's count: the agreed number, one short now and then in the first weeks.
func sampleCount(week, commitment, agreed int) int {
	agreed = max(agreed, 1)
	if week < 7 && (week+commitment)%3 == 0 {
		return agreed - 1
	}
	return agreed
}

func sampleMark(week, commitment, day int) data.Mark {
	// A deterministic pattern: misses get rarer as the weeks go by.
	h := (week*31 + commitment*17 + day*7) % 23
	switch {
	case commitment == 5 && day >= 5: // dinner together on weekdays only
		return data.MarkNA
	case h < max(6-week/2, 1):
		return data.MarkMissed
	}
	return data.MarkKept
}

func partnerIndex(p data.Partner) int {
	if p == data.PartnerA {
		return 0
	}
	return 1
}
