package workbook_test

import (
	"strings"
	"testing"

	"kintsugi/data"
	"kintsugi/workbook"
)

// reflectionSets lists, in print order, each reflection set's title with the label of whoever
// answers it, as pdftotext reads the reflection chapter.
func reflectionSets(t *testing.T, c *data.Content, text string, labels []string) []string {
	t.Helper()
	titles := map[string]string{}
	for _, id := range []string{data.SectionReflectRebuild, data.SectionReflectHurt} {
		titles[id] = flat(c.Render(c.Section(id).Title, data.Names{}))
	}
	var out []string
	current := ""
	for _, line := range strings.Split(text, "\n") {
		l := flat(line)
		for id, title := range titles {
			if l == title {
				current = id
			}
		}
		for _, label := range labels {
			if current != "" && l == label {
				out = append(out, current+" "+label)
				current = ""
			}
		}
	}
	return out
}

// TestBothRebuildingPrintsBothSetsForEach: when both partners are rebuilding trust, each
// answers both sets of reflection questions, each set labelled with who answers it, in a
// couple's workbook and in a blank one printed for such a couple.
func TestBothRebuildingPrintsBothSetsForEach(t *testing.T) {
	c := content(t)
	d := sample(t)
	d.Case.Rebuilding = data.RebuilderBoth
	reflection := []string{workbook.SecReflection}
	labels := []string{c.Tf("wb.answers.of", d.Case.NameA), c.Tf("wb.answers.of", d.Case.NameB)}
	want := []string{data.SectionReflectRebuild + " " + labels[0], data.SectionReflectHurt + " " + labels[0],
		data.SectionReflectRebuild + " " + labels[1], data.SectionReflectHurt + " " + labels[1]}
	got := reflectionSets(t, c, pdfText(t, write(t, d, workbook.Options{Sections: reflection})), labels)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("a couple's workbook, both rebuilding:\n got %q\nwant %q", got, want)
	}

	blank := []string{c.Tf("wb.answers.of", c.Roles.PartnerA), c.Tf("wb.answers.of", c.Roles.PartnerB)}
	for who, want := range map[data.Rebuilder][]string{
		data.RebuilderBoth: {data.SectionReflectRebuild + " " + blank[0], data.SectionReflectHurt + " " + blank[0],
			data.SectionReflectRebuild + " " + blank[1], data.SectionReflectHurt + " " + blank[1]},
		data.RebuilderB: {data.SectionReflectHurt + " " + blank[0], data.SectionReflectRebuild + " " + blank[1]},
	} {
		text := pdfText(t, write(t, nil, workbook.Options{Sections: reflection, Rebuilding: who}))
		if got := reflectionSets(t, c, text, blank); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("a blank workbook, %s rebuilding:\n got %q\nwant %q", who, got, want)
		}
		if strings.Contains(text, c.T("wb.answered.by")) {
			t.Errorf("a blank workbook, %s rebuilding, still asks who answered", who)
		}
	}
	// Not known: each set once, with a line for who answers it.
	text := pdfText(t, write(t, nil, workbook.Options{Sections: reflection}))
	if n := strings.Count(text, c.T("wb.answered.by")); n != 2 {
		t.Errorf("a blank workbook asks %d times who answered, want 2", n)
	}
	if err := workbook.Write(&strings.Builder{}, c, nil, workbook.Options{Rebuilding: "C"}); err == nil {
		t.Error("a blank workbook for partner C was printed")
	}
}
