package app

import (
	"context"
	"fmt"
	"time"

	"kintsugi/data"
)

// OfficeWeeks is how long each generated office couple has tracked: a year.
const OfficeWeeks = 52

// officeNames are first names combined into distinct couples for a generated office.
var officeNames = []string{"Sam", "Alex", "Robin", "Kim", "Jordan", "Noor", "Mika", "Lee", "Ana", "Tomás",
	"Yuki", "Ola", "Chris", "Dana", "Eli", "Femi", "Gabi", "Hana", "Ivo", "Jo", "Kai", "Lina", "Mo", "Nia"}

// GenerateOffice adds n couples like a therapist's office holds after a year: each with every
// step used, a signed agreement with two drawn signatures, a letter, and a year of daily marks
// and weekly check-ins, each couple in its own transaction. Names differ per couple. It is what
// the office benchmarks measure against; it returns the created cases in order.
func GenerateOffice(ctx context.Context, st *data.Store, content *data.Content, n int, now time.Time) ([]data.Case, error) {
	sample, err := LoadSample(content.Language)
	if err != nil {
		return nil, err
	}
	var out []data.Case
	for i := range n {
		d, err := officeCouple(content, sample, i, now)
		if err != nil {
			return out, fmt.Errorf("generate office couple %d: %w", i+1, err)
		}
		c, err := st.ImportDossier(ctx, d)
		if err != nil {
			return out, fmt.Errorf("generate office couple %d: %w", i+1, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// officeCouple builds couple i: the example couple's story stretched to a year of tracking.
func officeCouple(content *data.Content, sample *Sample, i int, now time.Time) (*data.Dossier, error) {
	today := data.DateOf(now)
	start := today.AddDays(-7 * OfficeWeeks)
	na, nb := len(officeNames), len(officeNames)-1
	nameA := officeNames[i%na]
	nameB := officeNames[(i%na+1+(i/na)%nb)%na]
	if i >= na*nb {
		nameB = fmt.Sprintf("%s %d", nameB, i/(na*nb)+1)
	}
	rebuilding := data.RebuilderA
	if i%3 == 1 {
		rebuilding = data.RebuilderB
	}
	updated := now.Add(-time.Duration(i) * time.Hour)
	d := &data.Dossier{Case: data.Case{
		NameA: nameA, NameB: nameB, Rebuilding: rebuilding, StartDate: start,
		Paper: data.PaperA4, Language: content.Language, CreatedAt: start.Time(), UpdatedAt: updated,
	}}
	sampleStory(d, content, sample, start, updated)
	if err := sampleCommitmentsAndAgreement(d, content, sample, start, updated); err != nil {
		return nil, err
	}
	if i%4 == 3 { // some couples are still writing the letter
		d.Letter.Status = data.LetterDraft
	}
	officeTracking(d, sample)
	return d, nil
}

// officeTracking marks every agreed commitment every day for a year, with a weekly check-in.
func officeTracking(d *data.Dossier, sample *Sample) {
	c := d.Case
	for w := 1; w <= OfficeWeeks; w++ {
		for ci, cm := range d.Commitments {
			if !cm.Agreed() {
				continue
			}
			for day := range 7 {
				d.Marks = append(d.Marks, data.TrackEntry{CommitmentID: cm.ID, Day: c.WeekStart(w).AddDays(day), Mark: sampleMark(w, ci, day)})
			}
		}
		n := (w - 1) % len(sample.WeekNotes)
		d.CheckIns = append(d.CheckIns, data.CheckIn{Week: w, Trust: min(2+w/5, 10),
			WentWell: sample.WeekNotes[n][0], WasHard: sample.WeekNotes[n][1], Appreciated: sample.WeekNotes[n][2]})
	}
}
