//go:build windows

package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// privateACL is Windows' counterpart of mode 0600. Modes do not apply there: a file takes the
// access list of its folder, which in a profile folder also lets SYSTEM and the administrators
// in, and in a folder chosen elsewhere may let in anyone. So the database and its -wal and -shm
// files get an access list of their own, protected from inheritance, with one entry: full
// control for the account running Kintsugi. Administrators can still take ownership of a file;
// no access list stops that, and the README says so.
func privateACL(path string) error {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return fmt.Errorf("make %s yours alone: who is running: %w", filepath.Base(path), err)
	}
	acl, err := windows.ACLFromEntries([]windows.EXPLICIT_ACCESS{{
		AccessPermissions: windows.GENERIC_ALL,
		AccessMode:        windows.SET_ACCESS,
		Inheritance:       windows.NO_INHERITANCE,
		Trustee: windows.TRUSTEE{
			TrusteeForm:  windows.TRUSTEE_IS_SID,
			TrusteeType:  windows.TRUSTEE_IS_USER,
			TrusteeValue: windows.TrusteeValueFromSID(u.User.Sid),
		},
	}}, nil)
	if err != nil {
		return fmt.Errorf("make %s yours alone: %w", filepath.Base(path), err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		err := windows.SetNamedSecurityInfo(p, windows.SE_FILE_OBJECT,
			windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, acl, nil)
		if errors.Is(err, windows.ERROR_NOT_SUPPORTED) || errors.Is(err, windows.ERROR_INVALID_FUNCTION) {
			continue // a drive with no access lists (FAT, exFAT, some shares): nothing to set
		}
		if err != nil {
			return fmt.Errorf("make %s yours alone: %w", filepath.Base(p), err)
		}
	}
	return nil
}
