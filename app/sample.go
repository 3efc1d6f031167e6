package app

import (
	"context"
	"fmt"
	"time"

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

// CreateSample stores a complete example couple: every step used, a signed agreement, a letter
// and twelve weeks tracked, ending the day before now. It shows a new user how the app works.
func CreateSample(ctx context.Context, st *data.Store, content *data.Content, now time.Time) (data.Case, error) {
	today := data.DateOf(now)
	start := today.AddDays(-7 * SampleWeeks)
	c, err := st.CreateCase(ctx, data.Case{
		NameA: SampleNameA, NameB: SampleNameB, Rebuilding: data.RebuilderA,
		StartDate: start, Paper: data.PaperA4, Language: content.Language,
	})
	if err != nil {
		return c, fmt.Errorf("create sample: %w", err)
	}
	steps := []func() error{
		func() error { return sampleStory(ctx, st, content, c, start) },
		func() error { return sampleCommitmentsAndAgreement(ctx, st, content, c, start) },
		func() error { return sampleTracking(ctx, st, c) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return c, fmt.Errorf("create sample: %w", err)
		}
	}
	return st.Case(ctx, c.ID)
}

func sampleStory(ctx context.Context, st *data.Store, content *data.Content, c data.Case, start data.Date) error {
	err := st.SaveIncident(ctx, data.Incident{
		CaseID: c.ID, Causes: []string{"CAUSE-04", "CAUSE-07"}, Date: start.AddDays(-30),
		Description: "For most of last year Sam kept a close friendship with a colleague secret, " +
			"and lied about late evenings that were spent together. Alex found the messages in March.",
	})
	if err != nil {
		return err
	}
	for i, q := range Questions(content, c) {
		a := data.Answer{CaseID: c.ID, Partner: q.Partner, QuestionID: q.Entry.ID, Shared: i%3 != 2,
			Text: sampleThoughts[(i+2*partnerIndex(q.Partner))%len(sampleThoughts)]}
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
		note := sampleStepNotes[i%len(sampleStepNotes)]
		if err := st.SaveStep(ctx, data.StepProgress{CaseID: c.ID, StepID: s.ID, DoneOn: start.AddDays(i * 4), Note: note}); err != nil {
			return err
		}
	}
	return st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Status: data.LetterGiven, Text: sampleLetter})
}

func sampleCommitmentsAndAgreement(ctx context.Context, st *data.Store, content *data.Content, c data.Case, start data.Date) error {
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
		CustomText: "Sam and Alex walk together on Sunday mornings, phones left at home."}
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
func sampleTracking(ctx context.Context, st *data.Store, c data.Case) error {
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
		n := (w - 1) % len(sampleWeekNotes)
		err := st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: w, Trust: min(2+w/2, 10),
			WentWell: sampleWeekNotes[n][0], WasHard: sampleWeekNotes[n][1], Appreciated: sampleWeekNotes[n][2]})
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

var sampleThoughts = []string{
	"I keep coming back to how small the first lie was, and how quickly the next ones followed.",
	"Yes. It is quieter than before, but it is there, and I notice it most in ordinary moments.",
	"Something essential would be missing: the person I tell the day to.",
	"I am ready, and I know that being ready is not the same as having done the work.",
	"I want to be someone whose word can be relied on again, for both of us.",
}

var sampleStepNotes = []string{
	"Said it out loud, plainly, without softening it.",
	"Answered every question Alex asked, including the ones I did not want to hear.",
	"Stopped saying 'but you were always working'.",
	"Wrote down what I did, with no reasons attached.",
	"Asked for forgiveness and said that I would ask again, without a deadline.",
	"Alex needed two weeks of quiet. I gave them.",
	"Keeping the small promises every day: home when I say, calls when I say.",
}

var sampleWeekNotes = [][3]string{
	{"We had dinner together four nights.", "A message from an unknown number brought everything back.", "Sam told me about the message straight away."},
	{"A long walk on Sunday.", "I checked Sam's phone and felt ashamed of checking.", "Alex said how the week felt, calmly."},
	{"Talked about the letter.", "Work ran late once; the call came, but late.", "Flowers from the market, nothing grand."},
	{"Laughed together for the first time in a while.", "Old photos on a shared drive.", "Sam deleted them with me there."},
}

const sampleLetter = `Dear Alex,

For most of last year I lied to you. I hid a friendship that I knew you would not accept, and I told you I was working late when I was not. When you asked, I lied again.

I did this. Not the pressure at work, not the distance between us: I chose it, every time.

I have thought about what it was like for you: the late evenings waiting, the explanations that never quite fitted, and then finding the messages on your own. You trusted me, and I used that trust to hide from you.

What I understand now is that I was avoiding a hard conversation with you, and I made it much harder. That is not an excuse. It is the part of me I am working on.

You matter to me more than anything I was protecting. I want us to have a home where you do not have to wonder.

I will tell you where I am and when I will be home, and keep to it. I will answer what you ask. I will keep going to therapy.

I am asking you to forgive me. I know it may take a long time, and I will not push you.

Sam`

// The example couple's names.
const (
	SampleNameA = "Sam"
	SampleNameB = "Alex"
)

func partnerIndex(p data.Partner) int {
	if p == data.PartnerA {
		return 0
	}
	return 1
}
