package data_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"kintsugi/couple"
	"kintsugi/data"
)

// The couple's rules hold in the store itself, whoever calls it: the window, the command line,
// an import.

func TestStoreRefusesMonitoringWithoutAReviewWithinAYear(t *testing.T) {
	ctx := context.Background()
	st, _ := openWith(t, "k.db", data.WithClock(func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }))
	c := newCase(t, st)
	var in *data.InputError
	_, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-17", Cost: data.CostHigh, AgreedA: true, AgreedB: true})
	if !errors.As(err, &in) || !strings.Contains(err.Error(), "review") {
		t.Fatalf("monitoring agreed without a review date: %v", err)
	}
	_, err = st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-17", Cost: data.CostHigh, AgreedA: true,
		ReviewDate: data.NewDate(2027, 6, 1)})
	if !errors.As(err, &in) {
		t.Fatalf("monitoring agreed with a review 15 months away: %v", err)
	}
	// Unagreed, it may wait for its date; agreeing then needs one.
	cm, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-17", Cost: data.CostHigh})
	must(t, err)
	if _, err := st.SetAgreed(ctx, c.ID, cm.ID, couple.KeyboardA, data.PartnerA, true); !errors.As(err, &in) {
		t.Fatalf("agreed to monitoring without a date: %v", err)
	}
	cm.ReviewDate = data.NewDate(2026, 6, 1)
	cm, err = st.SaveCommitment(ctx, cm)
	must(t, err)
	if _, err := st.SetAgreed(ctx, c.ID, cm.ID, couple.KeyboardA, data.PartnerA, true); err != nil {
		t.Fatalf("agreeing with a review date: %v", err)
	}
	if d, _ := st.Dossier(ctx, c.ID); len(d.Commitments) != 1 || !d.Commitments[0].AgreedA || d.Commitments[0].AgreedB {
		t.Fatalf("stored: %+v", d.Commitments)
	}
}

func TestChangedTermsAreAgreedByNobody(t *testing.T) {
	ctx := context.Background()
	st, _ := openWith(t, "k.db")
	c := newCase(t, st)
	cm, err := st.SaveCommitment(ctx, data.Commitment{CaseID: c.ID, CatalogID: "PRED-04", Param: 2, Cost: data.CostModerate})
	must(t, err)
	for _, p := range data.Partners {
		_, err := st.SetAgreed(ctx, c.ID, cm.ID, couple.KeyboardOf(p), p, true)
		must(t, err)
	}
	// A changes 2 calls a day to 6, passing the old ticks along: they do not survive.
	cm.Param, cm.AgreedA, cm.AgreedB = 6, true, true
	got, err := st.SaveCommitment(ctx, cm)
	must(t, err)
	if got.AgreedA || got.AgreedB {
		t.Errorf("returned as agreed after a change: %+v", got)
	}
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	if d.Commitments[0].Param != 6 || d.Commitments[0].AgreedA || d.Commitments[0].AgreedB {
		t.Errorf("stored: %+v", d.Commitments[0])
	}
	// Saving the same terms again does not bring a withdrawn tick back.
	_, err = st.SetAgreed(ctx, c.ID, cm.ID, couple.KeyboardB, data.PartnerB, true)
	must(t, err)
	cm.AgreedA = true
	_, err = st.SaveCommitment(ctx, cm)
	must(t, err)
	if d, _ := st.Dossier(ctx, c.ID); d.Commitments[0].AgreedA || !d.Commitments[0].AgreedB {
		t.Errorf("a stale tick came back: %+v", d.Commitments[0])
	}
	// Nobody agrees for the other.
	if _, err := st.SetAgreed(ctx, c.ID, cm.ID, couple.KeyboardB, data.PartnerA, true); !errors.Is(err, couple.ErrNotYours) {
		t.Errorf("B agreed for A: %v", err)
	}
}
