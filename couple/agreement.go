package couple

import (
	"fmt"
	"time"
)

// Agreement is one version of the couple's signed agreement. Items are a copy of the commitments
// at the time the version was made, so a signed version never changes when commitments do.
type Agreement struct {
	ID         int64
	CaseID     int64
	Version    int
	StartDate  Date
	ReviewDate Date
	Items      []AgreementItem
	Signatures []Signature
	CreatedAt  time.Time
	// Digest is AgreementDigest of the version as both signed it, kept from the moment the
	// second signature was given; nil until then (see Altered).
	Digest []byte
}

// Frozen reports whether both partners have signed this version.
func (a Agreement) Frozen() bool {
	return a.SignatureOf(PartnerA) != nil && a.SignatureOf(PartnerB) != nil
}

// SignatureOf returns partner p's signature, or nil.
func (a Agreement) SignatureOf(p Partner) *Signature {
	for i := range a.Signatures {
		if a.Signatures[i].Partner == p {
			return &a.Signatures[i]
		}
	}
	return nil
}

// AgreementItem is one commitment as written into an agreement version.
type AgreementItem struct {
	CommitmentID int64
	CatalogID    string
	Code         string
	Text         string
	Param        int
	Unit         string
	Cost         string
	ReviewDate   Date
}

// Signature is a partner's typed name and drawn signature on an agreement version.
type Signature struct {
	Partner   Partner
	TypedName string
	PNG       []byte
	SignedAt  time.Time
}

// Catalog is what the rules need to know of the catalog of commitments, in the couple's language
// and with their names filled in.
type Catalog interface {
	// Item returns a catalog commitment's code, text and unit, and false when there is none.
	Item(catalogID string) (code, text, unit string, ok bool)
	// Monitoring reports whether a catalog commitment checks on a partner.
	Monitoring(catalogID string) bool
}

// Draft writes the commitments both partners agreed to as the items of an agreement.
func Draft(cat Catalog, cs []Commitment) []AgreementItem {
	var items []AgreementItem
	for _, cm := range cs {
		if !cm.Agreed() {
			continue
		}
		item := AgreementItem{CommitmentID: cm.ID, CatalogID: cm.CatalogID, Param: cm.Param, Cost: cm.Cost, ReviewDate: cm.ReviewDate}
		if code, text, unit, ok := cat.Item(cm.CatalogID); ok && cm.CatalogID != "" {
			item.Code, item.Text, item.Unit = code, text, unit
		} else {
			item.Text = cm.CustomText
		}
		items = append(items, item)
	}
	return items
}

// SameTerms reports whether two lists of items say the same: the same commitments, amounts,
// costs and review dates (and the same words for the couple's own commitments).
func SameTerms(a, b []AgreementItem) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.CatalogID != y.CatalogID || x.Param != y.Param || x.Cost != y.Cost || x.ReviewDate != y.ReviewDate {
			return false
		}
		if x.CatalogID == "" && x.Text != y.Text {
			return false
		}
	}
	return true
}

// NeedsRedraft reports whether the newest version (nil when none) should be rewritten to say
// what is agreed now: never once both signed it, and only when the terms differ.
func NeedsRedraft(latest *Agreement, agreed []AgreementItem) bool {
	switch {
	case latest == nil:
		return len(agreed) > 0
	case latest.Frozen():
		return false
	}
	return !SameTerms(latest.Items, agreed)
}

// MaySign reports whether whoever is at the keyboard may sign version a for partner p: only
// partner p (alone or with the other), only a version not yet signed by both, with items.
func MaySign(k Keyboard, p Partner, a Agreement) error {
	if !k.Speaks(p) {
		return ErrNotYours
	}
	if a.Frozen() {
		return refuse("this agreement version is signed by both partners and cannot change")
	}
	if len(a.Items) == 0 {
		return refuse("this agreement has no commitments to sign yet")
	}
	return nil
}

// MayTickStep reports whether whoever is at the keyboard may mark a step of the partner
// rebuilding trust done or not done: that partner, alone or with the other.
func MayTickStep(k Keyboard, r Rebuilder) bool {
	if p, one := k.Partner(); one {
		return r.IsRebuilding(p)
	}
	return k == KeyboardBoth
}

// ItemSays reports whether an agreement item says what commitment c says now: the same
// commitment, amount, cost and review date (and words, for the couple's own).
func ItemSays(it AgreementItem, c Commitment) bool {
	if it.CommitmentID != c.ID || it.CatalogID != c.CatalogID || it.Param != c.Param || it.Cost != c.Cost || it.ReviewDate != c.ReviewDate {
		return false
	}
	return c.CatalogID != "" || it.Text == c.CustomText
}

// CheckSignedDraft holds a version signed by one partner so far to what both still agree: a
// signature stands only while every item it covers is agreed by both on the very terms signed.
// (The store withdraws a draft's signatures the moment one of its items changes or loses an
// agreement, so only a tampered or broken file can break this.)
func CheckSignedDraft(a Agreement, cs []Commitment) error {
	if a.Frozen() || len(a.Signatures) == 0 {
		return nil
	}
	byID := make(map[int64]Commitment, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
	}
	for i, it := range a.Items {
		c, ok := byID[it.CommitmentID]
		switch {
		case !ok:
			return refuse(fmt.Sprintf("agreement version %d is signed, but its item %d is no longer among the commitments", a.Version, i+1))
		case !c.Agreed():
			return refuse(fmt.Sprintf("agreement version %d is signed, but its item %d is not agreed by both", a.Version, i+1))
		case !ItemSays(it, c):
			return refuse(fmt.Sprintf("agreement version %d is signed on terms that differ from what was agreed for its item %d", a.Version, i+1))
		}
	}
	return nil
}

// CheckItem holds an agreement item to the rules of what it copies: a monitoring item has a
// review or end date.
func CheckItem(it AgreementItem, monitoring bool) error {
	if monitoring && it.ReviewDate.IsZero() {
		return refuse(fmt.Sprintf("item %s checks on a partner but has no review or end date", it.CatalogID))
	}
	return nil
}

// StepNoteAuthor is whose the note on a step is: the partner rebuilding trust, and false when
// both are (then the note is theirs together, and says whose step is whose).
func StepNoteAuthor(r Rebuilder) (Partner, bool) {
	switch r {
	case RebuilderA:
		return PartnerA, true
	case RebuilderB:
		return PartnerB, true
	}
	return "", false
}

// CanSeeStepNote reports whether whoever is at the keyboard may read (and write) a step's note:
// like a reflection answer, its author alone until they share it.
func CanSeeStepNote(k Keyboard, r Rebuilder, shared bool) bool {
	author, one := StepNoteAuthor(r)
	if !one {
		return true
	}
	return k.CanSee(author, shared)
}
