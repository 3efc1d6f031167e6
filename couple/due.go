package couple

// DueKind names what the couple's rhythm asks for.
type DueKind string

const (
	DueCheckIn    DueKind = "checkin"    // this week's check-in is not written yet
	DueReview     DueKind = "review"     // the agreement's review date has come
	DueMonitoring DueKind = "monitoring" // a monitoring commitment reached its end: review it or end it
	DueAltered    DueKind = "altered"    // the newest version both signed was changed afterwards: look at it together
)

// Due is one thing due now.
type Due struct {
	Kind         DueKind
	Date         Date
	CommitmentID int64 // for DueMonitoring
}

// NewestSigned is the newest version both partners signed, or nil; altered reports that it no
// longer says what they signed (Agreement.Altered). Whatever follows the couple's rhythm (what
// is due, the calendar) starts here, so an altered version is never taken as signed.
func NewestSigned(agreements []Agreement) (signed *Agreement, altered bool) {
	for i := range agreements {
		if agreements[i].Frozen() {
			signed = &agreements[i]
		}
	}
	return signed, signed != nil && signed.Altered()
}

// WhatIsDue lists what is due on today for a couple's whole record (DueFor of its newest signed
// version).
func WhatIsDue(today Date, checkedIn bool, agreements []Agreement, cs []Commitment, monitoring func(catalogID string) bool) []Due {
	signed, altered := NewestSigned(agreements)
	return DueFor(today, checkedIn, signed, altered, cs, monitoring)
}

// DueFor lists what is due on today once an agreement is signed by both (signed, the newest
// version both signed, or nil): this week's check-in when checkedIn is false, the signed
// version's review date when it has come, and every agreed monitoring commitment whose review
// date has come. Monitoring checks on a partner, so it is time-limited: its end is always
// offered for review, never silently extended.
//
// A signed version changed after both signed (altered) is not signed: instead of its rhythm,
// what is due is that both look at it (and sign it again); the end of monitoring is still offered.
func DueFor(today Date, checkedIn bool, signed *Agreement, altered bool, cs []Commitment, monitoring func(catalogID string) bool) []Due {
	if signed == nil || (!altered && today.Before(signed.StartDate)) {
		return nil
	}
	var out []Due
	if altered {
		out = append(out, Due{Kind: DueAltered, Date: today})
	} else {
		if !checkedIn {
			out = append(out, Due{Kind: DueCheckIn, Date: today})
		}
		if !signed.ReviewDate.IsZero() && !today.Before(signed.ReviewDate) {
			out = append(out, Due{Kind: DueReview, Date: signed.ReviewDate})
		}
	}
	for _, c := range cs {
		if c.Agreed() && monitoring(c.CatalogID) && !c.ReviewDate.IsZero() && !today.Before(c.ReviewDate) {
			out = append(out, Due{Kind: DueMonitoring, Date: c.ReviewDate, CommitmentID: c.ID})
		}
	}
	return out
}
