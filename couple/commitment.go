package couple

import (
	"fmt"
	"slices"
	"strings"
)

// Cost levels: the price in freedom a commitment asks of the partner rebuilding trust.
const (
	CostLow      = "low"
	CostModerate = "moderate"
	CostHigh     = "high"
	CostVeryHigh = "very-high"
)

// CostLevels in ascending order.
var CostLevels = []string{CostLow, CostModerate, CostHigh, CostVeryHigh}

// CostRank orders cost levels; an unknown level ranks -1.
func CostRank(level string) int {
	for i, l := range CostLevels {
		if l == level {
			return i
		}
	}
	return -1
}

// Commitment is one item the couple considers for their agreement: from the catalog or their own.
type Commitment struct {
	ID         int64
	CaseID     int64
	CatalogID  string // empty for a custom commitment
	CustomText string
	Param      int // 0 when the commitment has no parameter
	Cost       string
	AgreedA    bool
	AgreedB    bool
	ReviewDate Date
	Position   int
	// Changed names the terms changed since someone last agreed (see Revise), so that both
	// partners are shown what changed; it is cleared once both agree again.
	Changed []string
}

// Agreed reports whether both partners have agreed.
func (c Commitment) Agreed() bool { return c.AgreedA && c.AgreedB }

// AgreedBy reports whether partner p has agreed.
func (c Commitment) AgreedBy(p Partner) bool {
	if p == PartnerA {
		return c.AgreedA
	}
	return c.AgreedB
}

// Terms are what a partner agrees to when they tick a commitment: changing any of them changes
// what was agreed.
type Terms struct {
	CatalogID  string
	CustomText string
	Param      int
	Cost       string
	ReviewDate Date
}

// The terms of a commitment, as Changes names them.
const (
	TermCommitment = "commitment"
	TermText       = "text"
	TermAmount     = "amount"
	TermCost       = "cost"
	TermReview     = "review"
)

// Terms returns the commitment's terms.
func (c Commitment) Terms() Terms {
	return Terms{CatalogID: c.CatalogID, CustomText: c.CustomText, Param: c.Param, Cost: c.Cost, ReviewDate: c.ReviewDate}
}

// Changes names the terms that differ between a and b (TermCommitment, TermText, TermAmount,
// TermCost, TermReview), so both partners can be shown what changed.
func (a Terms) Changes(b Terms) []string {
	var out []string
	if a.CatalogID != b.CatalogID {
		out = append(out, TermCommitment)
	}
	if a.CustomText != b.CustomText {
		out = append(out, TermText)
	}
	if a.Param != b.Param {
		out = append(out, TermAmount)
	}
	if a.Cost != b.Cost {
		out = append(out, TermCost)
	}
	if a.ReviewDate != b.ReviewDate {
		out = append(out, TermReview)
	}
	return out
}

// Revise applies next over what is stored (prev, nil for a new commitment): when any term
// changed, both partners' agreement is withdrawn, since neither agreed to the new terms. This
// is the one place that rule lives; the store applies it on every save.
func Revise(prev *Commitment, next Commitment) (Commitment, []string) {
	if prev == nil {
		return next, nil
	}
	changed := prev.Terms().Changes(next.Terms())
	next.Changed = prev.Changed
	if len(changed) > 0 {
		if prev.AgreedA || prev.AgreedB {
			next.Changed = mergeTerms(prev.Changed, changed)
		}
		next.AgreedA, next.AgreedB = false, false
	}
	return next, changed
}

func mergeTerms(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, t := range b {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// SetAgreed records partner p's agreement (or its withdrawal) on c, refused unless p is at the
// keyboard, and refused for a monitoring commitment without a review date within reach.
func SetAgreed(c *Commitment, k Keyboard, p Partner, on bool, monitoring bool, today Date) error {
	if !p.Valid() {
		return refuse("partner must be A or B")
	}
	if !k.Speaks(p) {
		return ErrNotYours
	}
	next := *c
	if p == PartnerA {
		next.AgreedA = on
	} else {
		next.AgreedB = on
	}
	if on {
		if err := CheckReview(next, monitoring, today); err != nil {
			return err
		}
	}
	if next.Agreed() {
		next.Changed = nil // both have read and agreed to the new terms
	}
	*c = next
	return nil
}

// MaxReviewDays is how far ahead a monitoring commitment's review may lie: checking on a
// partner is never open-ended.
const MaxReviewDays = 366

// CheckReview holds a monitoring commitment that anyone agreed to to a review or end date no
// more than MaxReviewDays after today. A commitment nobody agreed to yet may wait for its date.
func CheckReview(c Commitment, monitoring bool, today Date) error {
	if !monitoring || (!c.AgreedA && !c.AgreedB) {
		return nil
	}
	if c.ReviewDate.IsZero() {
		return refuse(fmt.Sprintf("%s checks on a partner: it needs a review or end date (within a year) before it can be agreed", c.label()))
	}
	if c.ReviewDate.DaysSince(today) > MaxReviewDays {
		return refuse(fmt.Sprintf("%s checks on a partner: its review date %s is more than a year away; choose a date within %d days", c.label(), c.ReviewDate, MaxReviewDays))
	}
	return nil
}

// CheckNewReview is the rule for a review date someone sets now: not in the past, within a year.
func CheckNewReview(d Date, today Date) error {
	if d.IsZero() {
		return nil
	}
	if d.Before(today) || d.DaysSince(today) > MaxReviewDays {
		return refuse(fmt.Sprintf("the review date must be between today and %d days from now", MaxReviewDays))
	}
	return nil
}

func (c Commitment) label() string {
	if c.CatalogID != "" {
		return "commitment " + c.CatalogID
	}
	return "this commitment"
}

// CheckCommitment is every rule a stored commitment keeps.
func CheckCommitment(c Commitment, monitoring bool, today Date) error {
	if c.CatalogID == "" && strings.TrimSpace(c.CustomText) == "" {
		return refuse("a custom commitment needs a text")
	}
	if CostRank(c.Cost) < 0 {
		return refuse(fmt.Sprintf("cost must be low, moderate, high or very-high, not %q", c.Cost))
	}
	if c.Param < 0 {
		return refuse(fmt.Sprintf("the amount %d is negative", c.Param))
	}
	return CheckReview(c, monitoring, today)
}

// Weight classes of what the agreed commitments ask, all together.
const (
	WeightLight  = "light"
	WeightMedium = "medium"
	WeightHeavy  = "heavy"
)

// Weight adds up what the commitments both agreed to cost (one point for low to four for very
// high) and says how heavy that is, with how many there are of each level.
func Weight(cs []Commitment) (class string, total int, byCost map[string]int) {
	byCost = map[string]int{}
	points := 0
	for _, c := range cs {
		if c.Agreed() {
			byCost[c.Cost]++
			points += CostRank(c.Cost) + 1
			total++
		}
	}
	switch {
	case points > 24:
		return WeightHeavy, total, byCost
	case points > 10:
		return WeightMedium, total, byCost
	}
	return WeightLight, total, byCost
}
