package data

import "time"

// SetScrubWait lets tests wait less for a reader that will not finish; it returns the old wait.
func SetScrubWait(d time.Duration) time.Duration {
	old := scrubWait
	scrubWait = d
	return old
}
