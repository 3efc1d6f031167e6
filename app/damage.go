package app

import (
	"context"
	"errors"
	"strings"
	"sync"

	"kintsugi/data"
)

// DamageError refuses a workbook or an export, or warns as a couple opens, when parts of the
// couple were found damaged (the rest opened). Report says it in the window's language; Error
// says it in English, for the command line; both with DescribeDamage.
type DamageError struct {
	Parts []data.DamagedPart
	d     *data.Dossier // the couple as read: its names, commitments and agreement versions
}

// Error is the report in English.
func (e *DamageError) Error() string {
	c, err := english()
	if err != nil { // the embedded English content always loads; this is only a fallback
		return "some parts of this couple are damaged and could not be opened"
	}
	return e.Report(c)
}

// Report is the whole report in c's language.
func (e *DamageError) Report(c *data.Content) string { return DamageReport(c, e.d, e.Parts) }

var english = sync.OnceValues(func() (*data.Content, error) { return LoadContent("en") })

// Damaged says which parts of couple d were found damaged when it was read into d (the rest
// opened), as a *DamageError, or nil when none were.
func Damaged(st *data.Store, d *data.Dossier) error {
	parts := st.Damaged(context.Background(), d.Case.ID)
	if len(parts) == 0 {
		return nil
	}
	return &DamageError{Parts: parts, d: d}
}

// ReportDamage says err in c's language when it is about damaged values (a *DamageError, or a
// *data.ValueError about one value of couple d), so that the window never shows it in English;
// ok is false for any other error.
func ReportDamage(c *data.Content, d *data.Dossier, err error) (report string, ok bool) {
	var damage *DamageError
	if errors.As(err, &damage) {
		return damage.Report(c), true
	}
	var value *data.ValueError
	if errors.As(err, &value) {
		return DamageReport(c, d, []data.DamagedPart{value.Part}), true
	}
	return "", false
}

// DamageReport says that parts are damaged, what the rest is, and where they still are, in
// c's language, naming each part with DescribeDamage.
func DamageReport(c *data.Content, d *data.Dossier, parts []data.DamagedPart) string {
	words := make([]string, len(parts))
	for i, p := range parts {
		words[i] = DescribeDamage(c, d, p)
	}
	return c.Tf("damage.report", strings.Join(words, c.T("damage.join")))
}

// DescribeDamage names one damaged part the way the window shows it: partners by the couple's
// names, questions and steps by their titles, commitments by their codes, agreements by version.
func DescribeDamage(c *data.Content, d *data.Dossier, p data.DamagedPart) string {
	n := damageNamer{c, d}
	key := "damage." + string(p.Kind)
	switch p.Kind {
	case data.DamageRebuilding, data.DamageCauses, data.DamageIncident, data.DamageLetter,
		data.DamageLetterReply, data.DamageTherapistNotes:
		return c.T(key)
	case data.DamageDecision:
		return c.Tf(key, n.partner(p.Partner), n.decision(p.Decision))
	case data.DamageAnswer:
		return c.Tf(key, n.partner(p.Partner), n.quoted(p.Question))
	case data.DamagePIN:
		return c.Tf(key, n.partner(p.Partner), c.T("ui.step."+StepReflection))
	case data.DamageStepNote:
		return c.Tf(key, n.code(p.Step), n.quoted(p.Step))
	case data.DamageCommitmentText, data.DamageCommitmentTerms:
		return c.Tf(key, n.commitment(p.Commitment))
	case data.DamageAgreementItem, data.DamageAgreementTerms:
		return c.Tf(key, n.version(p.Agreement), p.Item)
	case data.DamageSignature:
		return c.Tf(key, n.partner(p.Partner), n.version(p.Agreement))
	case data.DamageSigned:
		return c.Tf(key, n.version(p.Agreement))
	case data.DamageMark:
		return c.Tf(key, n.commitment(p.Commitment), c.Date(p.Day.Time()))
	case data.DamageCount:
		return c.Tf(key, n.commitment(p.Commitment), p.Week)
	case data.DamageTrust, data.DamageWentWell, data.DamageWasHard, data.DamageAppreciated:
		return c.Tf(key, p.Week)
	case data.DamageWeekNote:
		return c.Tf(key, n.partner(p.Partner), p.Week)
	}
	return c.Tf("damage.other", p.Field)
}

// damageNamer finds what the window calls the things a damaged part points at.
type damageNamer struct {
	c *data.Content
	d *data.Dossier
}

func (n damageNamer) partner(p data.Partner) string {
	if n.d != nil && p.Valid() {
		if name := strings.TrimSpace(n.d.Case.NameOf(p)); name != "" {
			return name
		}
	}
	switch p {
	case data.PartnerA:
		return n.c.Roles.PartnerA
	case data.PartnerB:
		return n.c.Roles.PartnerB
	}
	return string(p)
}

// quoted is a content entry's title in the language's quotation marks, or its ID when the
// content has no such entry.
func (n damageNamer) quoted(id string) string {
	if e := n.c.Entry(id); e != nil {
		return n.c.Tf("damage.quote", e.Title)
	}
	return id
}

func (n damageNamer) code(id string) string {
	if e := n.c.Entry(id); e != nil {
		return e.Code
	}
	return id
}

// decision names the step a decision is made at.
func (n damageNamer) decision(key string) string {
	step := map[string]string{data.DecisionWelcome: StepWelcome, data.DecisionContinue: StepTalk}[key]
	if step == "" {
		return n.c.Tf("damage.quote", key)
	}
	return n.c.Tf("damage.quote", n.c.T("ui.step."+step))
}

// commitment is a commitment's code as the window shows it, with its catalog title.
func (n damageNamer) commitment(id int64) string {
	if n.d == nil {
		return n.c.Tf("damage.commitment.nth", id)
	}
	code := n.c.CommitmentCodes(n.d.Agreed())[id]
	for _, cm := range n.d.Commitments {
		if cm.ID != id {
			continue
		}
		if e := n.c.Entry(cm.CatalogID); e != nil {
			return e.Code + " " + n.c.Tf("damage.quote", e.Title)
		}
		if code != "" {
			return code
		}
		return n.c.Tf("damage.commitment.nth", cm.Position)
	}
	return n.c.Tf("damage.commitment.nth", id)
}

// version is an agreement version's number, as the window lists the versions.
func (n damageNamer) version(id int64) int {
	if n.d != nil {
		for _, a := range n.d.Agreements {
			if a.ID == id {
				return a.Version
			}
		}
	}
	return int(id)
}
