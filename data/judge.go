package data

// Judge tells the step of the journey a couple has reached from its summary (the journey's
// rules are the app's). A store given a judge keeps each couple's step with its summary, so the
// list of couples reads a line's step from one row instead of decoding the couple's facts and
// judging them for every line it shows.
//
// Version names the judge's rules: a step kept under another version (an older Kintsugi, or a
// store opened without a judge) is judged again by whoever reads it, never trusted.
type Judge struct {
	Version string
	// Step gets the summary with its case's ID and who is rebuilding (Case.Rebuilding); the
	// other case fields are not read when the summary is kept.
	Step func(Summary) string
}

// WithJudge keeps the step each couple reached with its summary, judged by j.
func WithJudge(j Judge) Option { return func(s *Store) { s.judge = j } }
