package data_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"kintsugi/data"
)

func BenchmarkSaveAnswer(b *testing.B) {
	st, _ := openTemp(b)
	c := newCase(b, st)
	ctx := context.Background()
	text := "I keep coming back to how small the first lie was, and how quickly the next ones followed."
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: fmt.Sprint(text, i)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDossier52Weeks reads a year of tracking: ten commitments marked every day.
func BenchmarkDossier52Weeks(b *testing.B) {
	// A year after the start, so every marked day has come.
	st, _ := openWith(b, "k.db", data.WithClock(func() time.Time { return fixedNow.AddDate(1, 0, 0) }))
	c := newCase(b, st)
	ctx := context.Background()
	var marks []data.TrackEntry
	for i := 0; i < 10; i++ {
		cm, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CustomText: fmt.Sprint("commitment ", i), Cost: data.CostLow, AgreedA: true, AgreedB: true})
		if err != nil {
			b.Fatal(err)
		}
		for day := 0; day < 52*7; day++ {
			marks = append(marks, data.TrackEntry{CommitmentID: cm.ID, Day: c.StartDate.AddDays(day), Mark: data.MarkKept})
		}
	}
	if err := st.SetMarks(ctx, c.ID, marks); err != nil {
		b.Fatal(err)
	}
	for w := 1; w <= 52; w++ {
		if err := st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: w, Trust: w % 11, WentWell: "a good week"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		d, err := st.Dossier(ctx, c.ID)
		if err != nil || len(d.Marks) != len(marks) {
			b.Fatalf("%d marks, %v", len(d.Marks), err)
		}
	}
}
