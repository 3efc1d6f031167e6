package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"kintsugi/couple"
	"kintsugi/data"
)

// TestListSaysWhatIsDueAsTheHeaderDoes: the list reads what is due from small queries, the
// couple's header from the whole record; on days before and after each of the example's dates,
// with the week's check-in written or not, they agree. A locked couple shows nothing.
func TestListSaysWhatIsDueAsTheHeaderDoes(t *testing.T) {
	ctx := context.Background()
	st, content := openWithContent(t)
	made := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	c, err := CreateSample(ctx, st, content, made)
	if err != nil {
		t.Fatal(err)
	}
	locked, err := CreateSample(ctx, st, content, made)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Lock(ctx, locked.ID, "a long passphrase here"); err != nil {
		t.Fatal(err)
	}
	old := Now
	t.Cleanup(func() { Now = old })

	seen := map[couple.DueKind]bool{}
	for _, days := range []int{-100, 0, 13, 14, 20, 28, 29, 400} {
		for _, writeCheckIn := range []bool{false, true} {
			now := made.AddDate(0, 0, days)
			Now = func() time.Time { return now }
			d, err := st.Dossier(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			today := data.DateOf(now)
			if writeCheckIn {
				if err := st.SaveCheckIn(ctx, data.CheckIn{CaseID: c.ID, Week: d.Case.WeekOf(today), Trust: -1, WasHard: "x"}); err != nil && days >= 0 {
					t.Fatal(err)
				}
				if d, err = st.Dossier(ctx, c.ID); err != nil {
					t.Fatal(err)
				}
			}
			var want []couple.DueKind
			for _, due := range couple.WhatIsDue(today, d.CheckIn(d.Case.WeekOf(today)).Written(), d.Agreements, d.Commitments, Monitoring(content)) {
				want = append(want, due.Kind)
				seen[due.Kind] = true
			}
			rows, err := ListCouples(ctx, st, content)
			if err != nil {
				t.Fatal(err)
			}
			one, err := CoupleRowOf(ctx, st, content, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				switch {
				case r.Case.ID == c.ID && (!slices.Equal(r.Due, want) || !slices.Equal(one.Due, want)):
					t.Errorf("day %+d, check-in written %v: the list says %v (one row %v), the header %v", days, writeCheckIn, r.Due, one.Due, want)
				case r.Case.ID == locked.ID && len(r.Due) != 0:
					t.Errorf("a locked couple shows what is due: %v", r.Due)
				}
			}
		}
	}
	for _, k := range []couple.DueKind{couple.DueCheckIn, couple.DueReview, couple.DueMonitoring} {
		if !seen[k] {
			t.Errorf("no day had %s due: the test does not try it", k)
		}
	}
}

// TestAnAlteredAgreementBringsNoRhythm: once an amount of the signed agreement is changed in
// the file by hand, neither the list, nor the couple's header, nor the calendar treats it as
// signed: no check-in or review as if it held, but a look at it together.
func TestAnAlteredAgreementBringsNoRhythm(t *testing.T) {
	ctx := context.Background()
	st, content := openWithContent(t)
	made := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	c, err := CreateSample(ctx, st, content, made)
	if err != nil {
		t.Fatal(err)
	}
	old := Now
	t.Cleanup(func() { Now = old })
	Now = func() time.Time { return made }
	judge := func(when string, want []couple.DueKind, rhythm bool) {
		t.Helper()
		d, err := st.Dossier(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		today := data.DateOf(made)
		var header []couple.DueKind
		for _, due := range couple.WhatIsDue(today, d.CheckIn(d.Case.WeekOf(today)).Written(), d.Agreements, d.Commitments, Monitoring(content)) {
			header = append(header, due.Kind)
		}
		rows, err := ListCouples(ctx, st, content)
		if err != nil {
			t.Fatal(err)
		}
		one, err := CoupleRowOf(ctx, st, content, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 {
			t.Fatalf("%d rows, want 1", len(rows))
		}
		if !slices.Equal(header, want) || !slices.Equal(rows[0].Due, want) || !slices.Equal(one.Due, want) {
			t.Errorf("%s: the header says %v, the list %v (one row %v), want %v", when, header, rows[0].Due, one.Due, want)
		}
		ics := string(CalendarICS(d, content, made))
		for _, key := range []string{"ics.checkin", "ics.review"} {
			if got := strings.Contains(ics, "SUMMARY:"+icsText(content.T(key))); got != rhythm {
				t.Errorf("%s: the calendar has %s: %v, want %v", when, key, got, rhythm)
			}
		}
	}
	judge("signed by both", []couple.DueKind{couple.DueCheckIn}, true)
	alterAgreement(t, st, "UPDATE agreement_items SET param = param + 1")
	judge("an amount changed by hand", []couple.DueKind{couple.DueAltered}, false)
	if err := st.SetCode(ctx, c.ID, "K-2"); err != nil { // a write keeps the summary again
		t.Fatal(err)
	}
	judge("after the next write", []couple.DueKind{couple.DueAltered}, false)
	checkKeptSummaries(t, st, "after the next write", 0)
	// A new draft does not hide it: the newest signed version is still the altered one.
	if _, err := st.SaveAgreement(ctx, data.Agreement{CaseID: c.ID, Items: []data.AgreementItem{{Text: "Walks together."}}}); err != nil {
		t.Fatal(err)
	}
	judge("with a new draft after it", []couple.DueKind{couple.DueAltered}, false)
	checkKeptSummaries(t, st, "with a new draft after it", 0)
}
