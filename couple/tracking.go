package couple

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
