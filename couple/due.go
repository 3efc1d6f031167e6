package couple

// DueKind names what the couple's rhythm asks for.
type DueKind string

const (
	DueCheckIn    DueKind = "checkin"    // this week's check-in is not written yet
	DueReview     DueKind = "review"     // the agreement's review date has come
	DueMonitoring DueKind = "monitoring" // a monitoring commitment reached its end: review it or end it
)

// Due is one thing due now.
type Due struct {
	Kind         DueKind
	Date         Date
	CommitmentID int64 // for DueMonitoring
}

// WhatIsDue lists what is due on today once an agreement is signed by both: this week's check-in
// when checkedIn is false, the newest signed version's review date when it has come, and every
// agreed monitoring commitment whose review date has come. Monitoring checks on a partner, so it
// is time-limited: its end is always offered for review, never silently extended.
func WhatIsDue(today Date, checkedIn bool, agreements []Agreement, cs []Commitment, monitoring func(catalogID string) bool) []Due {
	var signed *Agreement
	for i := range agreements {
		if agreements[i].Frozen() {
			signed = &agreements[i]
		}
	}
	if signed == nil || today.Before(signed.StartDate) {
		return nil
	}
	var out []Due
	if !checkedIn {
		out = append(out, Due{Kind: DueCheckIn, Date: today})
	}
	if !signed.ReviewDate.IsZero() && !today.Before(signed.ReviewDate) {
		out = append(out, Due{Kind: DueReview, Date: signed.ReviewDate})
	}
	for _, c := range cs {
		if c.Agreed() && monitoring(c.CatalogID) && !c.ReviewDate.IsZero() && !today.Before(c.ReviewDate) {
			out = append(out, Due{Kind: DueMonitoring, Date: c.ReviewDate, CommitmentID: c.ID})
		}
	}
	return out
}
