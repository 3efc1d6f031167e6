package app

import (
	"context"
	"testing"

	"kintsugi/data"
)

// TestListProgressMatchesTheCouplesOwnScreens: the list judges progress from summaries, the
// couple's screens from the whole record; for couples at many points they must agree.
func TestListProgressMatchesTheCouplesOwnScreens(t *testing.T) {
	ctx := context.Background()
	st, content := openWithContent(t)
	sample, err := LoadSample("en")
	if err != nil {
		t.Fatal(err)
	}
	variants := []func(d *data.Dossier){
		func(d *data.Dossier) { *d = data.Dossier{Case: d.Case} }, // just begun
		func(d *data.Dossier) { // half-way, with blanks that do not count
			d.Decisions = d.Decisions[:1]
			d.Incident.Date = data.Date{}
			for i := range d.Answers {
				if i%2 == 0 {
					d.Answers[i].Text = " \n\t "
				}
			}
			d.RuleAcks = d.RuleAcks[:3]
			d.Steps = d.Steps[:1]
			for i := range d.Commitments {
				d.Commitments[i].AgreedB = false
			}
			d.Agreements, d.Marks, d.CheckIns = nil, nil, d.CheckIns[:5]
			d.Letter = data.Letter{Status: data.LetterDraft, Text: "  \n"}
		},
		func(d *data.Dossier) { d.Letter = data.Letter{Status: data.LetterDraft, Text: "Begun."} },
		func(d *data.Dossier) { d.Agreements[0].Signatures = d.Agreements[0].Signatures[:1] },
		func(d *data.Dossier) { // the ritual plan half written: one prompt blank, one kept private
			n := 0
			for i, a := range d.Answers {
				if content.SectionOf(a.QuestionID) == data.SectionRitualPrompts {
					switch n {
					case 0:
						d.Answers[i].Text = "  "
					case 1:
						d.Answers[i].Shared = false
					}
					n++
				}
			}
			d.Letter.Status = data.LetterGiven
		},
		func(d *data.Dossier) {}, // a year in
	}
	var want []string
	for i, change := range variants {
		d, err := officeCouple(content, sample, i, officeNow)
		if err != nil {
			t.Fatal(err)
		}
		change(d)
		if _, err := st.ImportDossier(ctx, d); err != nil {
			t.Fatalf("variant %d: %v", i, err)
		}
	}
	locked, err := GenerateOffice(ctx, st, content, 1, officeNow)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Lock(ctx, locked[0].ID, "a long passphrase here"); err != nil {
		t.Fatal(err)
	}
	st.ForgetAll()

	rows, err := ListCouples(ctx, st, content)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(variants)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(variants)+1)
	}
	for _, r := range rows {
		if r.Case.ID == locked[0].ID {
			if !r.Locked || r.Step != "" {
				t.Errorf("the locked couple's row: %+v", r)
			}
			continue
		}
		d, err := st.Dossier(ctx, r.Case.ID)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := st.SummaryOfCase(ctx, r.Case.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range Journey {
			if got, full := SummaryProgress(content, sum, step), Progress(content, d, step); got != full {
				t.Errorf("case %d, %s: summary says %.2f, the whole record %.2f", r.Case.ID, step, got, full)
			}
		}
		if r.Step != StepReached(content, d) {
			t.Errorf("case %d: list says %s, the couple's screens %s", r.Case.ID, r.Step, StepReached(content, d))
		}
		want = append(want, r.Step)
	}
	t.Logf("steps reached: %v", want)
	if one, err := CoupleRowOf(ctx, st, content, locked[0].ID); err != nil || !one.Locked {
		t.Errorf("one locked couple's row: %+v, %v", one, err)
	}
}
