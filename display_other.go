//go:build !((linux || freebsd || openbsd || netbsd) && !android)

package main

// noDisplay is "" where the system always has a display for a desktop program (Windows, macOS).
func noDisplay() string { return "" }
