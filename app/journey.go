package app

import (
	"kintsugi/couple"
	"kintsugi/data"
)

// Step IDs of the journey, in order. Screens and labels ("ui.step.<id>") use them.
const (
	StepWelcome     = "welcome"
	StepHappened    = "happened"
	StepReflection  = "reflection"
	StepTalk        = "talk"
	StepRules       = "rules"
	StepSteps       = "steps"
	StepCommitments = "commitments"
	StepLetter      = "letter"
	StepRitual      = "ritual"
	StepAgreement   = "agreement"
	StepTracking    = "tracking"
	StepWorkbook    = "workbook"
)

// Journey is every step in order.
var Journey = []string{StepWelcome, StepHappened, StepReflection, StepTalk, StepRules, StepSteps,
	StepCommitments, StepLetter, StepRitual, StepAgreement, StepTracking, StepWorkbook}

// Progress returns how far a step is done, from 0 to 1.
func Progress(c *data.Content, d *data.Dossier, step string) float64 {
	return SummaryProgress(c, data.SummaryOf(d), step)
}

// SummaryProgress is Progress judged from a couple's summary: the list of couples reads only
// summaries, the couple's own screens read it whole, and both come to the same answer.
func SummaryProgress(c *data.Content, s data.Summary, step string) float64 {
	both := func(key string) float64 { return float64(min(s.Decisions[key], 2)) / 2 }
	switch step {
	case StepWelcome:
		return both(data.DecisionWelcome)
	case StepHappened:
		return fraction(s.IncidentCauses, s.IncidentDescription, s.IncidentDate)
	case StepReflection:
		// The same questions as Questions, without building them: the list judges every
		// couple this way.
		done, total := 0, 0
		for _, p := range data.Partners {
			for _, sec := range QuestionSections(s.Case, p) {
				entries := c.Section(sec).Entries
				total += len(entries)
				for i := range entries {
					if s.Answered[data.AnswerKey(p, entries[i].ID)] {
						done++
					}
				}
			}
		}
		return ratio(done, total)
	case StepTalk:
		return both(data.DecisionContinue)
	case StepRules:
		return ratio(s.RuleAcks, 2*len(c.Section(data.SectionRules).Entries))
	case StepSteps:
		done := 0
		for _, e := range c.Section(data.SectionSteps).Entries {
			if s.StepsDone[e.ID] {
				done++
			}
		}
		return ratio(done, len(c.Section(data.SectionSteps).Entries))
	case StepCommitments:
		if s.Agreed > 0 {
			return 1
		}
		return fraction(s.Commitments > 0, false)
	case StepRitual:
		done, prompts := 0, c.Section(data.SectionRitualPrompts).Entries
		for _, p := range prompts {
			if s.RitualPlanned(RitualPartner, p.ID) {
				done++
			}
		}
		return ratio(done, len(prompts))
	case StepLetter:
		switch {
		case s.LetterStatus != data.LetterDraft:
			return 1
		case s.LetterWritten:
			return 0.5
		}
	case StepAgreement:
		switch {
		case s.Signed:
			return 1
		case s.HasAgreement && s.Signatures < 2:
			return float64(s.Signatures) / 2
		} // signed by both and changed since: what they signed is not what it says, nothing counts
	case StepTracking:
		return ratio(s.CheckIns, 12)
	}
	return 0
}

func fraction(parts ...bool) float64 {
	n := 0
	for _, p := range parts {
		if p {
			n++
		}
	}
	return ratio(n, len(parts))
}

func ratio(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return min(float64(n)/float64(total), 1)
}

// Question is one question a given partner answers.
type Question struct {
	Partner data.Partner
	Section string
	Entry   data.Entry
}

// Questions lists what each partner answers: both the clarifying questions, the partner
// rebuilding trust their reflection, the hurt partner theirs (both when both are rebuilding).
func Questions(c *data.Content, cs data.Case) []Question {
	var out []Question
	for _, p := range data.Partners {
		for _, sec := range QuestionSections(cs, p) {
			for _, e := range c.Section(sec).Entries {
				out = append(out, Question{Partner: p, Section: sec, Entry: e})
			}
		}
	}
	return out
}

// QuestionSections are the question sections partner p answers (the rule is the couple's).
func QuestionSections(cs data.Case, p data.Partner) []string {
	return couple.QuestionSections(cs.Rebuilding, p)
}

// StepReached is the first step of the journey not fully done.
func StepReached(c *data.Content, d *data.Dossier) string {
	return SummaryStep(c, data.SummaryOf(d))
}

// SummaryStep is StepReached judged from a summary, for the list of couples.
func SummaryStep(c *data.Content, sm data.Summary) string {
	for _, s := range Journey[:len(Journey)-1] {
		if s == StepRitual && !sm.AgreedCatalog["RIT-02"] {
			continue // planning a ritual is part of the journey only for a couple who chose one
		}
		if SummaryProgress(c, sm, s) < 1 {
			return s
		}
	}
	return StepTracking
}

// RitualPartner is whose name the couple's joint ritual plan is kept under: the plan is one text
// both write and both see (a shared answer), and the store needs one partner per answer.
const RitualPartner = data.PartnerA

// RitualPlan is what the couple planned for a ritual prompt, whoever of them wrote it; a text
// kept private is not a plan both can see, so it does not count.
func RitualPlan(d *data.Dossier, id string) string {
	for _, p := range []data.Partner{RitualPartner, data.PartnerB} {
		if a := d.Answer(p, id); a != nil && a.Shared && a.Text != "" {
			return a.Text
		}
	}
	return ""
}

// ritualAgreed reports whether both partners agreed to the ritual of a new beginning (RIT-02).
func ritualAgreed(d *data.Dossier) bool {
	for _, cm := range d.Agreed() {
		if cm.CatalogID == "RIT-02" {
			return true
		}
	}
	return false
}
