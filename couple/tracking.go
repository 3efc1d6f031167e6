package couple

import "fmt"

// MarkDayAllowed reports whether a day of the tracking grid can be marked: not a day still to
// come (a mark records what happened), and not a day before the agreement started (nothing was
// agreed to keep then). from is the agreement's start, or the zero Date when none is known.
func MarkDayAllowed(day, from, today Date) error {
	switch {
	case today.Before(day):
		return refuse("a day still to come cannot be marked yet")
	case !from.IsZero() && day.Before(from):
		return refuse("the days before the agreement started cannot be marked")
	}
	return nil
}

// TrackingFrom is the first day that can be marked: the start of the earliest agreement version,
// or the couple's start when there is no agreement yet.
func TrackingFrom(caseStart Date, agreements []Agreement) Date {
	from := Date{}
	for _, a := range agreements {
		if !a.StartDate.IsZero() && (from.IsZero() || a.StartDate.Before(from)) {
			from = a.StartDate
		}
	}
	if from.IsZero() {
		return caseStart
	}
	return from
}

// TrackKind is how a commitment is kept on record. The catalog says it for each commitment
// (its "track" field in the content); the couple's own commitments are ticked day by day.
type TrackKind string

const (
	TrackDaily  TrackKind = ""     // ticked day by day: kept, missed, did not apply
	TrackWeekly TrackKind = "week" // a count each week: dinner at home five days a week
	TrackOnce   TrackKind = "once" // the date it was done: the letter, a trip together
)

// Valid reports whether k is one of the kinds above.
func (k TrackKind) Valid() bool { return k == TrackDaily || k == TrackWeekly || k == TrackOnce }

// MaxWeekCount bounds a week's count: the hours in a week, the finest unit a count is kept in.
const MaxWeekCount = 7 * 24

// CheckWeekCount is the rule for a recorded count: from 0 to MaxWeekCount.
func CheckWeekCount(n int) error {
	if n < 0 || n > MaxWeekCount {
		return refuse(fmt.Sprintf("a week's count is between 0 and %d, not %d", MaxWeekCount, n))
	}
	return nil
}

// CountWeekAllowed reports whether the week starting on monday can have a count: it has begun
// (a count records what happened), and it does not end before the agreement started.
func CountWeekAllowed(monday, from, today Date) error {
	switch {
	case today.Before(monday):
		return refuse("a week still to come cannot be counted yet")
	case !from.IsZero() && monday.AddDays(6).Before(from):
		return refuse("the weeks before the agreement started cannot be counted")
	}
	return nil
}

// CountKept says what a week's count adds to the share of commitments kept: each time up to
// the agreed number is kept, each one short of it missed. Without an agreed number, every time
// counted is kept and none is missed.
func CountKept(count, agreed int) (kept, missed int) {
	if agreed <= 0 {
		return count, 0
	}
	return min(count, agreed), max(agreed-count, 0)
}

// CheckCountable refuses a week's count for a commitment that is not kept as a count.
func CheckCountable(k TrackKind) error {
	if k != TrackWeekly {
		return refuse("only a commitment kept a number of times a week is counted by the week")
	}
	return nil
}
