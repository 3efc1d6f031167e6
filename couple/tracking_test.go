package couple_test

import (
	"testing"

	"kintsugi/couple"
)

func TestWeekCountRules(t *testing.T) {
	for n, ok := range map[int]bool{-1: false, 0: true, 5: true, couple.MaxWeekCount: true, couple.MaxWeekCount + 1: false} {
		if err := couple.CheckWeekCount(n); (err == nil) != ok {
			t.Errorf("count %d: %v", n, err)
		}
	}
	for k, ok := range map[couple.TrackKind]bool{couple.TrackDaily: false, couple.TrackOnce: false, couple.TrackWeekly: true} {
		if err := couple.CheckCountable(k); (err == nil) != ok {
			t.Errorf("kind %q countable: %v", k, err)
		}
	}
	if couple.TrackKind("month").Valid() || !couple.TrackWeekly.Valid() {
		t.Error("the kinds are not told apart")
	}
	monday := couple.NewDate(2026, 3, 2)
	from := couple.NewDate(2026, 3, 8) // the agreement starts on the week's Sunday
	if err := couple.CountWeekAllowed(monday, from, monday); err != nil {
		t.Errorf("the week the agreement starts in, on its first day: %v", err)
	}
	if couple.CountWeekAllowed(monday.AddDays(7), from, monday.AddDays(6)) == nil {
		t.Error("a week still to come was counted")
	}
	if couple.CountWeekAllowed(monday.AddDays(-7), from, monday) == nil {
		t.Error("a week before the agreement was counted")
	}
	for _, c := range []struct{ count, agreed, kept, missed int }{{4, 5, 4, 1}, {7, 5, 5, 0}, {0, 5, 0, 5}, {3, 0, 3, 0}} {
		if k, m := couple.CountKept(c.count, c.agreed); k != c.kept || m != c.missed {
			t.Errorf("CountKept(%d, %d) = %d, %d; want %d, %d", c.count, c.agreed, k, m, c.kept, c.missed)
		}
	}
}
