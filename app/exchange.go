package app

import (
	"context"
	"fmt"
	"io"
	"os"

	"kintsugi/data"
)

// ExportCouple writes one couple to path as a kintsugi-couple document (docs/export-format.md),
// encrypted with passphrase when one is given. The file appears whole or not at all, mode 0600.
func ExportCouple(ctx context.Context, st *data.Store, caseID int64, path, passphrase string) error {
	d, err := st.Dossier(ctx, caseID)
	if err != nil {
		return fmt.Errorf("export case %d: %w", caseID, err)
	}
	if err := Damaged(st, d); err != nil { // an export never silently lacks a part
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
	raw, err := readImportFile(path)
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

// readImportFile reads an export file: only a regular file (never a device, FIFO or folder,
// which could be endless or never answer), and never more than data.MaxExchangeFileSize bytes,
// whatever the file claims its size is.
func readImportFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &data.InputError{Msg: "it is not a regular file (a folder, device or pipe); give the exported file itself", Key: data.RefusedNotOurs}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil { // what was opened, in case the path changed since
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &data.InputError{Msg: "it is not a regular file (a folder, device or pipe); give the exported file itself", Key: data.RefusedNotOurs}
	}
	raw, err := io.ReadAll(io.LimitReader(f, data.MaxExchangeFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > data.MaxExchangeFileSize {
		return nil, &data.InputError{Msg: fmt.Sprintf("the file is larger than any couple's export (%d MiB); it is not one", data.MaxExchangeFileSize>>20),
			Key: data.RefusedTooLarge, Args: []any{data.MaxExchangeFileSize >> 20}}
	}
	return raw, nil
}
