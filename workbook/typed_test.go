package workbook_test

import (
	"os"
	"strings"
	"testing"

	domain "kintsugi/couple"
	"kintsugi/workbook"
)

// TestTypedSignaturePrintsAsTyped: a partner who signed with the keyboard has their name printed
// on the signature line, said to be typed, not an empty line to sign on.
func TestTypedSignaturePrintsAsTyped(t *testing.T) {
	c := content(t)
	cp := storeCouple(t)
	sig := &cp.d.Agreements[0].Signatures[1]
	sig.TypedName, sig.PNG = "Jonas Ünal-Østergaard", nil
	// As if signed so: what both signed is now this, or it would read as altered after signing.
	cp.d.Agreements[0].Digest = domain.AgreementDigest(cp.d.Agreements[0])
	path := write(t, cp.d, workbook.Options{Weeks: 1})
	if keep := os.Getenv("KEEP_PDF"); keep != "" {
		b, _ := os.ReadFile(path)
		_ = os.WriteFile(keep, b, 0o600)
	}
	f := flat(pdfText(t, path))
	if n := strings.Count(f, "Jonas Ünal-Østergaard"); n < 2 {
		t.Errorf("the typed name prints %d times, want on the line and as the name", n)
	}
	if strings.Count(f, flat(c.T("wb.agreement.typed"))) != 1 {
		t.Errorf("the typed signature is not said to be typed (once): %q", c.T("wb.agreement.typed"))
	}
}
