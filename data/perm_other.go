//go:build !windows

package data

// privateACL is for Windows only (perm_windows.go); elsewhere mode 0600 does its work.
func privateACL(string) error { return nil }
