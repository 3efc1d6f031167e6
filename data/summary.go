package data

import "kintsugi/couple"

// WeekStats sums up one tracked week.
type WeekStats struct {
	Week   int
	Trust  int // 0-10, or -1 when not rated
	Kept   int
	Missed int
	NA     int
}

// KeptShare is kept / (kept + missed), and false when nothing was kept or missed that week.
func (w WeekStats) KeptShare() (float64, bool) {
	if w.Kept+w.Missed == 0 {
		return 0, false
	}
	return float64(w.Kept) / float64(w.Kept+w.Missed), true
}

// Tracked reports whether anything was recorded that week.
func (w WeekStats) Tracked() bool { return w.Trust >= 0 || w.Kept+w.Missed+w.NA > 0 }

// Weeks sums up weeks 1 to n.
func (d *Dossier) Weeks(n int) []WeekStats {
	out := make([]WeekStats, n)
	for i := range out {
		out[i] = WeekStats{Week: i + 1, Trust: d.CheckIn(i + 1).Trust}
	}
	counted := map[markKey]bool{} // a week's count stands in place of that week's day marks
	params := map[int64]int{}
	for _, cm := range d.Commitments {
		params[cm.ID] = cm.Param
	}
	for _, c := range d.Counts {
		counted[markKey{c.CommitmentID, d.Case.WeekStart(c.Week)}] = true
		if c.Week < 1 || c.Week > n {
			continue
		}
		kept, missed := couple.CountKept(c.Count, params[c.CommitmentID])
		out[c.Week-1].Kept += kept
		out[c.Week-1].Missed += missed
	}
	for _, m := range d.Marks {
		w := d.Case.WeekOf(m.Day)
		if w < 1 || w > n || counted[markKey{m.CommitmentID, d.Case.WeekStart(w)}] {
			continue
		}
		switch m.Mark {
		case MarkKept:
			out[w-1].Kept++
		case MarkMissed:
			out[w-1].Missed++
		case MarkNA:
			out[w-1].NA++
		}
	}
	return out
}

// LastTrackedWeek is the highest week with a mark or a check-in, or 0.
func (d *Dossier) LastTrackedWeek() int {
	last := 0
	for _, c := range d.CheckIns {
		last = max(last, c.Week)
	}
	for _, m := range d.Marks {
		last = max(last, d.Case.WeekOf(m.Day))
	}
	for _, c := range d.Counts {
		last = max(last, c.Week)
	}
	return last
}

// Agreed returns the commitments both partners agreed to, in order.
func (d *Dossier) Agreed() []Commitment {
	var out []Commitment
	for _, c := range d.Commitments {
		if c.Agreed() {
			out = append(out, c)
		}
	}
	return out
}
