package couple_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"kintsugi/couple"
)

var today = couple.NewDate(2026, 3, 2)

func TestQuestionSectionsByRole(t *testing.T) {
	cases := []struct {
		r    couple.Rebuilder
		p    couple.Partner
		want []string
	}{
		{couple.RebuilderA, couple.PartnerA, []string{couple.SectionClarifying, couple.SectionReflectRebuild}},
		{couple.RebuilderA, couple.PartnerB, []string{couple.SectionClarifying, couple.SectionReflectHurt}},
		{couple.RebuilderBoth, couple.PartnerB, []string{couple.SectionClarifying, couple.SectionReflectRebuild, couple.SectionReflectHurt}},
	}
	for _, c := range cases {
		if got := couple.QuestionSections(c.r, c.p); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s rebuilding, partner %s: %v, want %v", c.r, c.p, got, c.want)
		}
	}
}

func TestAnyChangeOfTermsWithdrawsBothAgreements(t *testing.T) {
	agreed := couple.Commitment{ID: 1, CatalogID: "PRED-04", Param: 2, Cost: couple.CostModerate, AgreedA: true, AgreedB: true}
	edits := map[string]func(*couple.Commitment){
		couple.TermAmount: func(c *couple.Commitment) { c.Param = 6 },
		couple.TermText:   func(c *couple.Commitment) { c.CustomText = "more" },
		couple.TermCost:   func(c *couple.Commitment) { c.Cost = couple.CostHigh },
		couple.TermReview: func(c *couple.Commitment) { c.ReviewDate = today.AddDays(30) },
	}
	for what, edit := range edits {
		next := agreed
		edit(&next)
		got, changed := couple.Revise(&agreed, next)
		if got.AgreedA || got.AgreedB {
			t.Errorf("%s changed, agreement kept: %+v", what, got)
		}
		if !reflect.DeepEqual(changed, []string{what}) || !reflect.DeepEqual(got.Changed, []string{what}) {
			t.Errorf("%s changed, reported %v, marked %v", what, changed, got.Changed)
		}
		for _, p := range couple.Partners {
			if err := couple.SetAgreed(&got, couple.KeyboardBoth, p, true, false, today); err != nil {
				t.Fatal(err)
			}
		}
		if got.Changed != nil {
			t.Errorf("%s: still marked changed after both agreed again: %v", what, got.Changed)
		}
	}
	same := agreed
	same.Position = 9
	if got, changed := couple.Revise(&agreed, same); !got.Agreed() || len(changed) != 0 {
		t.Errorf("moving an item withdrew agreement: %+v %v", got, changed)
	}
}

func TestOnlyThePartnerAtTheKeyboardAgrees(t *testing.T) {
	c := couple.Commitment{CatalogID: "PRED-04", Cost: couple.CostLow}
	if err := couple.SetAgreed(&c, couple.KeyboardA, couple.PartnerB, true, false, today); !errors.Is(err, couple.ErrNotYours) {
		t.Fatalf("A agreed for B: %v", err)
	}
	if c.AgreedB {
		t.Fatal("B's tick set by A")
	}
	if err := couple.SetAgreed(&c, couple.KeyboardB, couple.PartnerB, true, false, today); err != nil || !c.AgreedB {
		t.Fatalf("B agreeing for B: %v %+v", err, c)
	}
	if err := couple.SetAgreed(&c, couple.KeyboardBoth, couple.PartnerA, true, false, today); err != nil || !c.Agreed() {
		t.Fatalf("A with both at the keyboard: %v %+v", err, c)
	}
	if err := couple.SetAgreed(&c, couple.Keyboard(""), couple.PartnerA, false, false, today); !errors.Is(err, couple.ErrNotYours) {
		t.Fatalf("nobody at the keyboard withdrew A's agreement: %v", err)
	}
}

func TestMonitoringNeedsAReviewWithinAYear(t *testing.T) {
	c := couple.Commitment{CatalogID: "PRED-17", Cost: couple.CostHigh}
	if err := couple.SetAgreed(&c, couple.KeyboardA, couple.PartnerA, true, true, today); err == nil {
		t.Fatal("monitoring agreed without a review date")
	}
	c.ReviewDate = today.AddDays(couple.MaxReviewDays + 1)
	if err := couple.SetAgreed(&c, couple.KeyboardA, couple.PartnerA, true, true, today); err == nil {
		t.Fatal("monitoring agreed with a review more than a year away")
	}
	c.ReviewDate = today.AddDays(90)
	if err := couple.SetAgreed(&c, couple.KeyboardA, couple.PartnerA, true, true, today); err != nil {
		t.Fatalf("monitoring with a review in 90 days: %v", err)
	}
	bad := couple.Commitment{CatalogID: "PRED-17", Cost: couple.CostHigh, AgreedA: true, AgreedB: true}
	var in *couple.InputError
	if err := couple.CheckCommitment(bad, true, today); !errors.As(err, &in) {
		t.Errorf("stored monitoring without a date: %v", err)
	}
	if err := couple.CheckCommitment(bad, false, today); err != nil {
		t.Errorf("a commitment that checks on nobody needs no date: %v", err)
	}
	if err := couple.CheckNewReview(today.AddDays(-1), today); err == nil {
		t.Error("a review date in the past was accepted")
	}
}

func TestWeight(t *testing.T) {
	var cs []couple.Commitment
	for range 3 {
		cs = append(cs, couple.Commitment{Cost: couple.CostVeryHigh, AgreedA: true, AgreedB: true})
	}
	cs = append(cs, couple.Commitment{Cost: couple.CostVeryHigh, AgreedA: true}) // not agreed by both
	if class, total, by := couple.Weight(cs); class != couple.WeightMedium || total != 3 || by[couple.CostVeryHigh] != 3 {
		t.Errorf("weight = %s %d %v", class, total, by)
	}
	if class, _, _ := couple.Weight(nil); class != couple.WeightLight {
		t.Errorf("nothing agreed weighs %s", class)
	}
}

func TestLetterAndPrivacyRules(t *testing.T) {
	for _, st := range []string{"", couple.LetterDraft, couple.LetterReady, couple.LetterGiven} {
		if err := couple.CheckLetterStatus(st); err != nil {
			t.Errorf("status %q: %v", st, err)
		}
	}
	if couple.CheckLetterStatus("sent") == nil {
		t.Error("status sent accepted")
	}
	if couple.LetterVisible(couple.KeyboardB, couple.RebuilderA, couple.LetterDraft) {
		t.Error("the hurt partner alone sees a draft letter")
	}
	if !couple.LetterVisible(couple.KeyboardB, couple.RebuilderA, couple.LetterReady) || !couple.LetterVisible(couple.KeyboardA, couple.RebuilderA, couple.LetterDraft) {
		t.Error("a letter hidden from who may read it")
	}
	if couple.KeyboardBoth.CanSee(couple.PartnerA, false) || couple.KeyboardB.CanSee(couple.PartnerA, false) || !couple.KeyboardA.CanSee(couple.PartnerA, false) {
		t.Error("an unshared text is seen by someone other than its author alone")
	}
	if couple.MayTickStep(couple.KeyboardB, couple.RebuilderA) || !couple.MayTickStep(couple.KeyboardA, couple.RebuilderA) || !couple.MayTickStep(couple.KeyboardBoth, couple.RebuilderA) {
		t.Error("steps ticked by the wrong partner")
	}
}

func TestSigning(t *testing.T) {
	a := couple.Agreement{Items: []couple.AgreementItem{{Text: "x"}}}
	if err := couple.MaySign(couple.KeyboardA, couple.PartnerB, a); !errors.Is(err, couple.ErrNotYours) {
		t.Errorf("A signed for B: %v", err)
	}
	if err := couple.MaySign(couple.KeyboardB, couple.PartnerB, a); err != nil {
		t.Errorf("B signing: %v", err)
	}
	a.Signatures = []couple.Signature{{Partner: couple.PartnerA, SignedAt: time.Now()}, {Partner: couple.PartnerB, SignedAt: time.Now()}}
	if err := couple.MaySign(couple.KeyboardBoth, couple.PartnerB, a); err == nil {
		t.Error("signed a frozen version")
	}
}

func TestAnyHandOverClosesPrivate(t *testing.T) {
	ks := []couple.Keyboard{couple.KeyboardA, couple.KeyboardB, couple.KeyboardBoth}
	for _, from := range ks {
		for _, to := range ks {
			if got := couple.ClosesPrivate(from, to); got != (from != to) {
				t.Errorf("%s to %s: closes %v", from, to, got)
			}
		}
	}
}

func TestStepNotesAreTheirAuthors(t *testing.T) {
	if couple.CanSeeStepNote(couple.KeyboardB, couple.RebuilderA, false) || couple.CanSeeStepNote(couple.KeyboardBoth, couple.RebuilderA, false) {
		t.Error("A's unshared note is open to someone else")
	}
	if !couple.CanSeeStepNote(couple.KeyboardA, couple.RebuilderA, false) || !couple.CanSeeStepNote(couple.KeyboardB, couple.RebuilderA, true) {
		t.Error("a note closed to its author, or a shared note closed to the other")
	}
	if !couple.CanSeeStepNote(couple.KeyboardB, couple.RebuilderBoth, false) {
		t.Error("with both rebuilding, the notes are theirs together")
	}
}

func TestDeletionNeedsBothNames(t *testing.T) {
	for typed, want := range map[string]bool{
		"Sam & Alex": true, "alex and sam": true, "  SAM   ALEX ": true, "Mei Lin & Jo": false,
		"Sam": false, "": false, "Sam & Alexa": false, "&": false,
	} {
		if got := couple.DeletionConfirmed(typed, "Sam", "Alex"); got != want {
			t.Errorf("%q: %v, want %v", typed, got, want)
		}
	}
	if !couple.DeletionConfirmed("mei lin & jo", "Mei Lin", "Jo") {
		t.Error("a name of two words")
	}
}

func TestMarkDayAllowed(t *testing.T) {
	from, now := couple.NewDate(2026, 3, 4), couple.NewDate(2026, 3, 10)
	for _, c := range []struct {
		day couple.Date
		ok  bool
	}{{couple.NewDate(2026, 3, 4), true}, {now, true}, {couple.NewDate(2026, 3, 3), false}, {couple.NewDate(2026, 3, 11), false}} {
		if err := couple.MarkDayAllowed(c.day, from, now); (err == nil) != c.ok {
			t.Errorf("%s: %v", c.day, err)
		}
	}
	if err := couple.MarkDayAllowed(couple.NewDate(2020, 1, 1), couple.Date{}, now); err != nil {
		t.Errorf("no known start: %v", err)
	}
	ags := []couple.Agreement{{StartDate: couple.NewDate(2026, 4, 1)}, {StartDate: couple.NewDate(2026, 3, 20)}}
	if got := couple.TrackingFrom(couple.NewDate(2026, 3, 1), ags); got != couple.NewDate(2026, 3, 20) {
		t.Errorf("from the earliest agreement: %s", got)
	}
	if got := couple.TrackingFrom(couple.NewDate(2026, 3, 1), nil); got != couple.NewDate(2026, 3, 1) {
		t.Errorf("without an agreement: %s", got)
	}
}

func TestWhatIsDue(t *testing.T) {
	start, review := couple.NewDate(2026, 3, 4), couple.NewDate(2026, 5, 27)
	signed := couple.Agreement{StartDate: start, ReviewDate: review,
		Signatures: []couple.Signature{{Partner: couple.PartnerA}, {Partner: couple.PartnerB}}}
	signed.Digest = couple.AgreementDigest(signed)
	watch := couple.Commitment{ID: 7, CatalogID: "MON-01", AgreedA: true, AgreedB: true, ReviewDate: couple.NewDate(2026, 4, 1)}
	isMon := func(id string) bool { return id == "MON-01" }
	kinds := func(ds []couple.Due) (out []couple.DueKind) {
		for _, d := range ds {
			out = append(out, d.Kind)
		}
		return out
	}
	if got := couple.WhatIsDue(couple.NewDate(2026, 3, 10), false, []couple.Agreement{{StartDate: start}}, nil, isMon); got != nil {
		t.Errorf("due before anything is signed: %v", got)
	}
	ags := []couple.Agreement{signed}
	if got := kinds(couple.WhatIsDue(couple.NewDate(2026, 3, 10), false, ags, []couple.Commitment{watch}, isMon)); !reflect.DeepEqual(got, []couple.DueKind{couple.DueCheckIn}) {
		t.Errorf("early on: %v", got)
	}
	if got := kinds(couple.WhatIsDue(couple.NewDate(2026, 4, 1), true, ags, []couple.Commitment{watch}, isMon)); !reflect.DeepEqual(got, []couple.DueKind{couple.DueMonitoring}) {
		t.Errorf("on the monitoring's end: %v", got)
	}
	if got := kinds(couple.WhatIsDue(review, false, ags, []couple.Commitment{watch}, isMon)); !reflect.DeepEqual(got, []couple.DueKind{couple.DueCheckIn, couple.DueReview, couple.DueMonitoring}) {
		t.Errorf("on the review date: %v", got)
	}
	// Changed after both signed: no check-in or review as if it held, but a look at it together;
	// the end of monitoring is still offered.
	altered := signed
	altered.ReviewDate = review.AddDays(365)
	for _, day := range []couple.Date{start.AddDays(-30), couple.NewDate(2026, 4, 1), review} {
		want := []couple.DueKind{couple.DueAltered}
		if !day.Before(watch.ReviewDate) {
			want = append(want, couple.DueMonitoring)
		}
		if got := kinds(couple.WhatIsDue(day, false, []couple.Agreement{signed, altered}, []couple.Commitment{watch}, isMon)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s, the newest signed version altered: %v, want %v", day, got, want)
		}
	}
}

func TestWeekNotesAreTheirAuthors(t *testing.T) {
	if couple.WeekNoteVisible(couple.KeyboardB, couple.PartnerA, false) || couple.WeekNoteVisible(couple.KeyboardBoth, couple.PartnerA, false) {
		t.Error("A's unshared weekly note is open to someone else")
	}
	if !couple.WeekNoteVisible(couple.KeyboardA, couple.PartnerA, false) || !couple.WeekNoteVisible(couple.KeyboardB, couple.PartnerA, true) {
		t.Error("a note closed to its author, or a shared note closed to the other")
	}
	if couple.MayWriteWeekNote(couple.KeyboardB, couple.PartnerA) || couple.MayWriteWeekNote(couple.KeyboardBoth, couple.PartnerA) ||
		!couple.MayWriteWeekNote(couple.KeyboardA, couple.PartnerA) {
		t.Error("a weekly note written by someone other than its author alone")
	}
	if couple.MayWriteTogether(couple.KeyboardA) || !couple.MayWriteTogether(couple.KeyboardBoth) {
		t.Error("the notes written together are written by one partner alone")
	}
}

func TestTheReplyToTheLetterIsTheHurtPartners(t *testing.T) {
	if a, one := couple.ReplyAuthor(couple.RebuilderA); a != couple.PartnerB || !one {
		t.Errorf("with A rebuilding, the reply is %s's", a)
	}
	if couple.ReplyVisible(couple.KeyboardA, couple.PartnerB, false) || couple.ReplyVisible(couple.KeyboardBoth, couple.PartnerB, false) {
		t.Error("the letter's writer reads an unshared reply")
	}
	if !couple.ReplyVisible(couple.KeyboardB, couple.PartnerB, false) || !couple.ReplyVisible(couple.KeyboardA, couple.PartnerB, true) {
		t.Error("a reply closed to its author, or a shared reply closed to the letter's writer")
	}
	for _, c := range []struct {
		k      couple.Keyboard
		status string
		shared bool
		ok     bool
	}{
		{couple.KeyboardB, couple.LetterGiven, false, true},
		{couple.KeyboardB, couple.LetterDraft, false, false},
		{couple.KeyboardA, couple.LetterGiven, true, false},
		{couple.KeyboardBoth, couple.LetterGiven, false, false},
		{couple.KeyboardBoth, couple.LetterReady, true, true},
	} {
		if err := couple.MayWriteReply(c.k, couple.RebuilderA, c.status, couple.PartnerB, c.shared); (err == nil) != c.ok {
			t.Errorf("%s at the keyboard, letter %s, shared %v: %v", c.k, c.status, c.shared, err)
		}
	}
	if err := couple.MayWriteReply(couple.KeyboardA, couple.RebuilderBoth, couple.LetterGiven, "", false); err != nil {
		t.Errorf("with both rebuilding, the reply is theirs together: %v", err)
	}
	// Who rebuilds trust changed after B replied: A, hurt now, does not write over B's private reply.
	if err := couple.MayWriteReply(couple.KeyboardA, couple.RebuilderB, couple.LetterGiven, couple.PartnerB, false); err == nil {
		t.Error("a private reply was written over by someone who cannot read it")
	}
}
