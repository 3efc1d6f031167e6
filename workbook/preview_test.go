package workbook_test

import (
	"os"
	"path/filepath"
	"testing"

	"kintsugi/data"
	"kintsugi/workbook"
)

// TestPreview writes example workbooks to the folder named by KINTSUGI_WORKBOOK_PREVIEW, to look
// at them: blank A4 and Letter, and the example couple.
func TestPreview(t *testing.T) {
	dir := os.Getenv("KINTSUGI_WORKBOOK_PREVIEW")
	if dir == "" {
		t.Skip("set KINTSUGI_WORKBOOK_PREVIEW to a folder to write example workbooks there")
	}
	examples := []struct {
		name string
		d    *data.Dossier
		opt  workbook.Options
	}{
		{"blank-a4.pdf", nil, workbook.Options{}},
		{"blank-letter.pdf", nil, workbook.Options{Paper: data.PaperLetter, Weeks: 3}},
		{"case.pdf", sample(t), workbook.Options{Weeks: 12}},
		{"year.pdf", year(), workbook.Options{Weeks: 52}},
		{"couple-letter.pdf", storeCouple(t).d, workbook.Options{Paper: data.PaperLetter, Weeks: 2}},
		{"hostile.pdf", hostileCouple(), workbook.Options{Weeks: 3}},
	}
	for _, ex := range examples {
		src := write(t, ex.d, ex.opt)
		raw, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, ex.name), raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
