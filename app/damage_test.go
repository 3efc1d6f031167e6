package app

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kintsugi/data"
	"kintsugi/workbook"
)

// damagedAnswer is a locked couple, Sam and Alex, whose answer of Sam's to CLAR-01 is damaged
// on disk, read again so that the damage is found.
func damagedAnswer(t *testing.T) (*data.Store, *data.Dossier) {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c, err := st.CreateCase(ctx, data.Case{NameA: "Sam", NameB: "Alex", Rebuilding: data.RebuilderA})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveAnswer(ctx, data.Answer{CaseID: c.ID, Partner: data.PartnerA, QuestionID: "CLAR-01", Text: "What led to it"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Lock(ctx, c.ID, "a long and kind passphrase"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec("UPDATE answers SET body = substr(body, 1, 30) || CASE substr(body, 31, 1) WHEN X'00' THEN X'01' ELSE X'00' END || substr(body, 32)"); err != nil {
		t.Fatal(err)
	}
	d, err := st.Dossier(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return st, d
}

// The report of a damaged answer names the partner by name and the question by its title, as
// the window shows them, not "partner A" and an ID; and it still says the rest is as it was
// and a backup from before the damage has it.
func TestTheDamageReportNamesTheQuestionByItsTitle(t *testing.T) {
	st, d := damagedAnswer(t)
	en, err := LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	err = ExportWorkbook(context.Background(), st, d.Case.ID, filepath.Join(t.TempDir(), "w.pdf"), workbook.Options{})
	var damage *DamageError
	if !errors.As(err, &damage) {
		t.Fatalf("a workbook of a damaged couple: %v", err)
	}
	msg := err.Error()
	want := "Sam's answer to “" + en.Entry("CLAR-01").Title + "”"
	for _, s := range []string{want, "could not be opened", "The rest is as it was", "a backup from before the damage still has them"} {
		if !strings.Contains(msg, s) {
			t.Errorf("the report %q does not say %q", msg, s)
		}
	}
	if strings.Contains(msg, "CLAR-01") || strings.Contains(msg, "partner A") {
		t.Errorf("the report names things by their stored keys: %q", msg)
	}
}

// Every kind of damaged part has words in every language, and in Russian no English phrase is
// left: only the couple's names and codes are in Latin letters.
func TestEveryKindOfDamageIsSaidInEachLanguage(t *testing.T) {
	_, d := damagedAnswer(t)
	d.Commitments = []data.Commitment{{ID: 7, CatalogID: "PRED-01", AgreedA: true, AgreedB: true, Position: 1},
		{ID: 8, CustomText: "Walks", AgreedA: true, AgreedB: true, Position: 2}}
	d.Agreements = []data.Agreement{{ID: 3, Version: 2}}
	day, _ := data.ParseDate("2026-03-04")
	var parts []data.DamagedPart
	for _, k := range data.DamageKinds {
		parts = append(parts, data.DamagedPart{Kind: k, Partner: data.PartnerA, Question: "CLAR-01", Step: "STEP-01",
			Commitment: 7, Agreement: 3, Item: 1, Week: 2, Day: day, Decision: data.DecisionWelcome, Field: "x"})
	}
	parts = append(parts, data.DamagedPart{Kind: data.DamageCommitmentText, Commitment: 8})
	latin := regexp.MustCompile(`[A-Za-z]+`)
	code := regexp.MustCompile(`^[IVX]+$`) // the catalog's codes are Roman numerals in every language
	for _, lang := range []string{"en", "ru"} {
		c, err := LoadContent(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range parts {
			got := DescribeDamage(c, d, p)
			if got == "" || strings.Contains(got, "⟦") || strings.Contains(got, "%!") {
				t.Errorf("%s: %s reads %q", lang, p.Kind, got)
			}
			if lang != "ru" {
				continue
			}
			for _, w := range latin.FindAllString(got, -1) {
				if w != "Sam" && w != "PIN" && w != "x" && !code.MatchString(w) {
					t.Errorf("ru: %s reads %q, with %q in English", p.Kind, got, w)
				}
			}
		}
		if r := DamageReport(c, d, parts); strings.Contains(r, "⟦") || strings.Contains(r, "%!") {
			t.Errorf("%s: the report reads %q", lang, r)
		}
	}
}

// Without the couple at hand (an error about one value while no couple is open), partners are
// named by their roles, never by a letter.
func TestDamageReportOfNoCoupleNamesPartnersByRole(t *testing.T) {
	en, err := LoadContent("en")
	if err != nil {
		t.Fatal(err)
	}
	got := DescribeDamage(en, nil, data.DamagedPart{Kind: data.DamagePIN, Partner: data.PartnerB})
	if !strings.Contains(got, en.Roles.PartnerB) || !strings.Contains(got, "start a new PIN") {
		t.Errorf("a PIN with no couple to name it by: %q", got)
	}
}

// An error about one damaged value (here: a new passphrase cannot seal again what does not
// open) is said in the window's language too, naming the partner and the question.
func TestAnErrorAboutOneDamagedValueIsSaidInTheWindowsLanguage(t *testing.T) {
	st, d := damagedAnswer(t)
	err := st.Lock(context.Background(), d.Case.ID, "another long and kind passphrase")
	var value *data.ValueError
	if !errors.As(err, &value) {
		t.Fatalf("a new passphrase over a damaged answer: %v", err)
	}
	ru, err2 := LoadContent("ru")
	if err2 != nil {
		t.Fatal(err2)
	}
	report, ok := ReportDamage(ru, d, err)
	if want := "Sam: ответ на вопрос «" + ru.Entry("CLAR-01").Title + "»"; !ok || !strings.Contains(report, want) {
		t.Errorf("the report %q does not name %q", report, want)
	}
	if _, ok := ReportDamage(ru, d, errors.New("another error")); ok {
		t.Error("an error about no damaged value was taken for one")
	}
}
