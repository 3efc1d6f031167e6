//go:build (linux || freebsd || openbsd || netbsd) && !android

package main

import "os"

// noDisplay says why no window can open here, or "" when a display is there. Without one,
// GLFW fails deep inside Fyne with "NotInitialized", which tells a person nothing; on a server
// or over ssh the commands still work, so the message points to them.
func noDisplay() string {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return "there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); " +
			"the commands work without one: run 'kintsugi help'"
	}
	return ""
}
