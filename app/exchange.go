package app

import (
	"context"
	"fmt"
	"os"

	"kintsugi/data"
)

// MaxImportSize guards against reading a huge file into memory by mistake.
const MaxImportSize = 64 << 20

// ExportCouple writes one couple to path as a kintsugi-couple document (docs/export-format.md),
// encrypted with passphrase when one is given. The file appears whole or not at all, mode 0600.
func ExportCouple(ctx context.Context, st *data.Store, caseID int64, path, passphrase string) error {
	d, err := st.Dossier(ctx, caseID)
	if err != nil {
		return fmt.Errorf("export case %d: %w", caseID, err)
	}
	doc, err := data.EncodeDossier(d, passphrase)
	if err != nil {
		return fmt.Errorf("export case %d: %w", caseID, err)
	}
	return WriteFileAtomic(path, func(f *os.File) error {
		_, err := f.Write(doc)
		return err
	})
}

// ImportCouple reads a couple from path into st as a new couple. passphrase is asked only for
// an encrypted file; a couple that arrived encrypted is locked again with the same passphrase,
// so it is never left open on the new machine. A refused file leaves the database untouched.
func ImportCouple(ctx context.Context, st *data.Store, path string, passphrase func() (string, error)) (data.Case, error) {
	info, err := os.Stat(path)
	if err != nil {
		return data.Case{}, fmt.Errorf("import %s: %w", path, err)
	}
	if info.Size() > MaxImportSize {
		return data.Case{}, fmt.Errorf("import %s: %w", path, &data.InputError{Msg: "the file is far larger than any couple's export; it is not one"})
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return data.Case{}, fmt.Errorf("import %s: %w", path, err)
	}
	var used string
	d, err := data.DecodeDossier(raw, func() (string, error) {
		p, err := passphrase()
		used = p
		return p, err
	})
	if err != nil {
		return data.Case{}, fmt.Errorf("import %s: %w", path, err)
	}
	var c data.Case
	if used != "" { // locked in the same transaction that stores it
		c, err = st.ImportDossierLocked(ctx, d, used)
	} else {
		c, err = st.ImportDossier(ctx, d)
	}
	if err != nil {
		return data.Case{}, fmt.Errorf("import %s: %w", path, err)
	}
	return c, nil
}
