package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"kintsugi/assets"
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
func CreateSample(ctx context.Context, st *data.Store, content *data.Content, now time.Time) (data.Case, error) {
	sample, err := LoadSample(content.Language)
	if err != nil {
		return data.Case{}, err
	}
	today := data.DateOf(now)
	start := today.AddDays(-7 * SampleWeeks)
	c, err := st.CreateCase(ctx, data.Case{
		NameA: sample.NameA, NameB: sample.NameB, Rebuilding: data.RebuilderA,
		StartDate: start, Paper: data.PaperA4, Language: content.Language,
	})
	if err != nil {
		return c, fmt.Errorf("create sample: %w", err)
	}
	steps := []func() error{
		func() error { return sampleStory(ctx, st, content, sample, c, start) },
		func() error { return sampleCommitmentsAndAgreement(ctx, st, content, sample, c, start) },
		func() error { return sampleTracking(ctx, st, sample, c) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return c, fmt.Errorf("create sample: %w", err)
		}
	}
	return st.Case(ctx, c.ID)
}

func sampleStory(ctx context.Context, st *data.Store, content *data.Content, sample *Sample, c data.Case, start data.Date) error {
	err := st.SaveIncident(ctx, data.Incident{
		CaseID: c.ID, Causes: []string{"CAUSE-04", "CAUSE-07"}, Date: start.AddDays(-30), Description: sample.Incident,
	})
	if err != nil {
		return err
	}
	for i, q := range Questions(content, c) {
		a := data.Answer{CaseID: c.ID, Partner: q.Partner, QuestionID: q.Entry.ID, Shared: i%3 != 2,
			Text: sample.Thoughts[(i+2*partnerIndex(q.Partner))%len(sample.Thoughts)]}
		if err := st.SaveAnswer(ctx, a); err != nil {
			return err
		}
	}
	for _, p := range data.Partners {
		for key, value := range map[string]string{data.DecisionWelcome: data.DecisionYes, data.DecisionContinue: data.DecisionYes} {
			if err := st.SetDecision(ctx, c.ID, key, p, value); err != nil {
				return err
			}
		}
	}
	for _, r := range content.Section(data.SectionRules).Entries {
		for _, p := range data.Partners {
			if err := st.SetRuleAck(ctx, c.ID, r.ID, p, true); err != nil {
				return err
			}
		}
	}
	for i, s := range content.Section(data.SectionSteps).Entries {
		note := sample.StepNotes[i%len(sample.StepNotes)]
		if err := st.SaveStep(ctx, data.StepProgress{CaseID: c.ID, StepID: s.ID, DoneOn: start.AddDays(i * 4), Note: note}); err != nil {
			return err
		}
	}
	return st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Status: data.LetterGiven, Text: sample.Letter})
}

func sampleCommitmentsAndAgreement(ctx context.Context, st *data.Store, content *data.Content, sample *Sample, c data.Case, start data.Date) error {
	review := start.AddDays(7 * SampleWeeks)
	for _, sc := range sampleCommitments {
		e := content.Entry(sc.id)
		if e == nil {
			return fmt.Errorf("sample commitment %s is not in the catalog", sc.id)
		}
		cm := data.Commitment{CaseID: c.ID, CatalogID: sc.id, Param: sc.param, Cost: e.Cost, AgreedA: true, AgreedB: true}
		if e.Monitoring {
			cm.ReviewDate = review
		}
		if _, err := st.SaveCommitment(ctx, cm); err != nil {
			return err
		}
	}
	custom := data.Commitment{CaseID: c.ID, Cost: data.CostModerate, AgreedA: true, AgreedB: true,
		CustomText: sample.CustomCommitment}
	if _, err := st.SaveCommitment(ctx, custom); err != nil {
		return err
	}
	// One proposal only Alex has agreed to: agreements hold only what both chose.
	if _, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "AMEND-03", Cost: content.Entry("AMEND-03").Cost, AgreedB: true}); err != nil {
		return err
	}
	cms, err := st.Commitments(ctx, c.ID)
	if err != nil {
		return err
	}
	ag, err := st.SaveAgreement(ctx, data.Agreement{CaseID: c.ID, StartDate: start, ReviewDate: review,
		Items: data.AgreementItems(content, c, cms)})
	if err != nil {
		return err
	}
	for i, p := range data.Partners {
		img, err := RenderSignature(handwriting(i+1, 600, 200), 600, 200)
		if err != nil {
			return err
		}
		signed := start.Time().Add(time.Duration(18+i) * time.Hour)
		if err := st.Sign(ctx, c.ID, ag.ID, data.Signature{Partner: p, TypedName: c.NameOf(p), PNG: img, SignedAt: signed}); err != nil {
			return err
		}
	}
	return nil
}

// sampleTracking fills twelve weeks: mostly kept, a few misses early on, trust slowly rising.
func sampleTracking(ctx context.Context, st *data.Store, sample *Sample, c data.Case) error {
	cms, err := st.Commitments(ctx, c.ID)
	if err != nil {
		return err
	}
	for w := 1; w <= SampleWeeks; w++ {
		var marks []data.TrackEntry
		for ci, cm := range cms {
			if !cm.Agreed() {
				continue
			}
			for d := 0; d < 7; d++ {
				day := c.WeekStart(w).AddDays(d)
				if day.Before(c.StartDate) {
					continue
				}
				marks = append(marks, data.TrackEntry{CommitmentID: cm.ID, Day: day, Mark: sampleMark(w, ci, d)})
			}
		}
		if err := st.SetMarks(ctx, c.ID, marks); err != nil {
			return err
		}
		n := (w - 1) % len(sample.WeekNotes)
		err := st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: w, Trust: min(2+w/2, 10),
			WentWell: sample.WeekNotes[n][0], WasHard: sample.WeekNotes[n][1], Appreciated: sample.WeekNotes[n][2]})
		if err != nil {
			return err
		}
	}
	return nil
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
