package app

import (
	"context"
	"testing"
)

func TestGenerateOfficeMakesDistinctYearLongCouples(t *testing.T) {
	ctx := context.Background()
	st, content := openWithContent(t)
	made, err := GenerateOffice(ctx, st, content, 3, officeNow)
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]bool{}
	for _, c := range made {
		if titles[c.Title()] {
			t.Errorf("two couples are called %s", c.Title())
		}
		titles[c.Title()] = true
		d, err := st.Dossier(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		ag := d.LatestAgreement()
		if len(d.CheckIns) != OfficeWeeks || len(d.Marks) < OfficeWeeks*7*10 || ag == nil || len(ag.Signatures) != 2 ||
			d.Letter.Text == "" || len(d.Answers) == 0 || d.Case.Example {
			t.Errorf("%s: %d check-ins, %d marks, agreement %v, letter %d bytes, %d answers, example %v",
				c.Title(), len(d.CheckIns), len(d.Marks), ag != nil, len(d.Letter.Text), len(d.Answers), d.Case.Example)
		}
	}
	rows, err := ListCouples(ctx, st, content)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("listed %d couples, want 3", len(rows))
	}
	for _, r := range rows {
		if r.Step != StepTracking && r.Step != StepLetter {
			t.Errorf("%s reached %q; a year in, it is tracking or, letter unfinished, writing it", r.Case.Title(), r.Step)
		}
	}
}
