package data

import "unicode"

// HasControl reports whether s holds a character that moves or hides text instead of showing
// it: C0 and C1 controls (line breaks, tabs, escape), line and paragraph separators, and the
// bidirectional embeddings, overrides and isolates that can make a name read as something else.
// The marks right-to-left names need (U+200E, U+200F, U+061C) are text, not control.
func HasControl(s string) bool {
	for _, r := range s {
		if IsControl(r) {
			return true
		}
	}
	return false
}

// IsControl is HasControl for one character.
func IsControl(r rune) bool {
	switch {
	case unicode.IsControl(r), r == '\u2028', r == '\u2029':
		return true
	case r == '\u200e', r == '\u200f', r == '\u061c':
		return false
	}
	return unicode.Is(unicode.Bidi_Control, r)
}
