package app

import (
	"context"
	"fmt"

	"kintsugi/data"
)

// SaveWeekNote queues a partner's own note on a week, written by whoever is at the keyboard
// now; the couple's rule (the store asks couple.MayWriteWeekNote) decides whether they may.
func (s *State) SaveWeekNote(n data.WeekNote) {
	k := s.Keyboard()
	n.CaseID = s.CaseID()
	s.Save(fmt.Sprintf("weeknote.%d.%s", n.Week, n.Partner), func(ctx context.Context, st *data.Store) error {
		return st.SaveWeekNote(ctx, k, n)
	})
}

// SaveLetterReply queues the reply to the apology letter, and whether it is shared, written by
// whoever is at the keyboard now; the couple's rule (couple.MayWriteReply) decides whether they may.
func (s *State) SaveLetterReply(text string, shared bool) {
	k, id := s.Keyboard(), s.CaseID()
	s.Save("letter.reply", func(ctx context.Context, st *data.Store) error {
		return st.SaveLetterReply(ctx, k, id, text, shared)
	})
}
