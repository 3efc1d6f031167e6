package workbook_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kintsugi/data"
	"kintsugi/workbook"
)

// alteredCouple is a couple whose agreement both signed (each with a drawing), then had an
// item's amount changed in the database file behind the app's back.
func alteredCouple(t *testing.T) *data.Dossier {
	t.Helper()
	ctx := context.Background()
	c := content(t)
	path := filepath.Join(t.TempDir(), "kintsugi.db")
	st, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	start := data.NewDate(2026, 3, 4)
	cs, err := st.CreateCase(ctx, data.Case{NameA: "Noor", NameB: "Jonas", Rebuilding: data.RebuilderB, StartDate: start, Paper: data.PaperA4, Language: "en"})
	must(err)
	_, err = st.SaveCommitment(ctx, data.Commitment{CaseID: cs.ID, CatalogID: "PRED-04", Param: 3, Cost: c.Entry("PRED-04").Cost, AgreedA: true, AgreedB: true})
	must(err)
	cms, err := st.Commitments(ctx, cs.ID)
	must(err)
	ag, err := st.SaveAgreement(ctx, data.Agreement{CaseID: cs.ID, StartDate: start, ReviewDate: start.AddDays(90), Items: data.AgreementItems(c, cs, cms)})
	must(err)
	for i, p := range data.Partners {
		must(st.Sign(ctx, data.KeyboardOf(p), cs.ID, ag.ID, data.Signature{Partner: p, TypedName: cs.NameOf(p), PNG: signature(t, i+2)}))
	}
	// As someone editing the file would: the trigger that guards a signed version goes first.
	for _, q := range []string{"DROP TRIGGER IF EXISTS agreement_items_frozen_update", "UPDATE agreement_items SET param = 6 WHERE param = 3"} {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	must(st.Close())
	again, err := data.Open(ctx, path)
	must(err)
	t.Cleanup(func() { again.Close() })
	d, err := again.Dossier(ctx, cs.ID)
	must(err)
	if a := d.LatestAgreement(); a == nil || !a.Altered() {
		t.Fatal("the changed agreement does not read as altered")
	}
	return d
}

// An agreement changed after both signed it says so before its items, in the caution's style,
// and its signatures are not printed under a text they were not given to.
func TestAlteredAgreementIsNotPrintedAsSigned(t *testing.T) {
	c := content(t)
	d := alteredCouple(t)
	path := write(t, d, workbook.Options{Sections: []string{workbook.SecAgreement}})
	text := pdfText(t, path)
	f := flat(text)
	warning := flat(c.T("wb.caution") + " " + c.T("wb.agreement.altered.warning"))
	at := strings.Index(f, warning)
	if at < 0 {
		t.Fatalf("no warning that the agreement was changed:\n%s", text)
	}
	if item := strings.Index(f, "6 times a day"); item < 0 || item < at {
		t.Errorf("the changed item is not printed after the warning (item at %d, warning at %d)", item, at)
	}
	if !strings.Contains(f, flat(c.T("wb.agreement.altered.signatures"))) {
		t.Error("the signatures' place does not say why they are not printed")
	}
	for _, name := range []string{"Noor", "Jonas"} {
		if !strings.Contains(f, flat(c.Tf("wb.agreement.altered.signed", name, "4 March 2026"))) &&
			!regexp.MustCompile(regexp.QuoteMeta(name)+` signed on \d+ \w+ \d{4}\.`).MatchString(f) {
			t.Errorf("who signed (%s), and when, is not said", name)
		}
		if strings.Contains(f, flat(c.Tf("wb.agreement.signature", name))) {
			t.Errorf("a line for %s's signature is printed under the changed text", name)
		}
	}
	if imgs := poppler(t, "pdfimages", "-list", path); regexp.MustCompile(`(?m)^\s*\d+\s+\d+\s+image\s`).MatchString(imgs) {
		t.Errorf("a drawn signature is printed under the changed text:\n%s", imgs)
	}
}
