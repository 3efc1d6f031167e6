package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// calmTheme is Fyne's default theme with a warm gold accent and softer surfaces. It follows the
// system's light or dark variant and its text size. Every pair of colours a person reads or must
// notice meets WCAG 2.2 AA (theme_test.go computes the ratios): 4.5:1 for text, 3:1 for borders
// and the focused entry's ring.
type calmTheme struct{ fyne.Theme }

func newCalmTheme() fyne.Theme { return calmTheme{theme.DefaultTheme()} }

// palette is one variant's colours; the light and dark ones are tuned together with the test.
type palette struct {
	background, input, button, foreground       color.NRGBA
	primary, onPrimary, focus, selection        color.NRGBA
	placeholder, disabled, border, separator    color.NRGBA
	success, onSuccess, warning, onWarning      color.NRGBA
	errorColour, onError, disabledButton, hover color.NRGBA
	ring                                        color.NRGBA // focusring.go
}

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

var (
	// Gold is darker in light and softer in dark than a pure gold so that text on it and it on the
	// page stay readable. Focus is a translucent ink: it darkens (light) or lightens (dark) any
	// control, gold buttons included, while the control's own text keeps its contrast.
	lightPalette = palette{
		background: rgb(0xFA, 0xF7, 0xF1), input: rgb(0xFF, 0xFE, 0xFB), button: rgb(0xEE, 0xE8, 0xDC),
		foreground: rgb(0x2E, 0x34, 0x40),
		primary:    rgb(0x8A, 0x6A, 0x1F), onPrimary: rgb(0xFF, 0xFF, 0xFF),
		focus:       color.NRGBA{R: 0x1B, G: 0x2A, B: 0x3A, A: 0x66},
		selection:   color.NRGBA{R: 0x8A, G: 0x6A, B: 0x1F, A: 0x30},
		placeholder: rgb(0x6B, 0x64, 0x59), disabled: rgb(0x6B, 0x64, 0x59),
		border: rgb(0x8F, 0x86, 0x77), separator: rgb(0xDD, 0xD5, 0xC6),
		success: rgb(0x3F, 0x6B, 0x4B), onSuccess: rgb(0xFF, 0xFF, 0xFF), // sage: kept, without shouting
		warning: rgb(0x9A, 0x52, 0x30), onWarning: rgb(0xFF, 0xFF, 0xFF), // terracotta: missed, without alarm
		errorColour: rgb(0xB3, 0x26, 0x1E), onError: rgb(0xFF, 0xFF, 0xFF),
		disabledButton: rgb(0xEE, 0xE8, 0xDC), hover: color.NRGBA{A: 0x12},
		ring: rgb(0x2E, 0x34, 0x40), // the ink of the text: plainly seen, never louder than it
	}
	darkPalette = palette{
		background: rgb(0x1E, 0x22, 0x2A), input: rgb(0x2A, 0x2F, 0x39), button: rgb(0x35, 0x3B, 0x47),
		foreground: rgb(0xEC, 0xE8, 0xE0),
		primary:    rgb(0xC9, 0xA6, 0x4E), onPrimary: rgb(0x1E, 0x22, 0x2A),
		focus:       color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0x38},
		selection:   color.NRGBA{R: 0xC9, G: 0xA6, B: 0x4E, A: 0x40},
		placeholder: rgb(0xAB, 0xA5, 0x9A), disabled: rgb(0xAB, 0xA5, 0x9A),
		border: rgb(0x87, 0x8D, 0x99), separator: rgb(0x3A, 0x40, 0x4C),
		success: rgb(0x76, 0xA8, 0x83), onSuccess: rgb(0x1E, 0x22, 0x2A),
		warning: rgb(0xE0, 0xA0, 0x80), onWarning: rgb(0x1E, 0x22, 0x2A),
		errorColour: rgb(0xF2, 0xB8, 0xB5), onError: rgb(0x1E, 0x22, 0x2A),
		disabledButton: rgb(0x35, 0x3B, 0x47), hover: color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0x12},
		ring: rgb(0xEC, 0xE8, 0xE0),
	}
)

// colorNameFocusRing is the colour of the ring the window draws around the focused control.
const colorNameFocusRing fyne.ThemeColorName = "kintsugiFocusRing"

func paletteFor(v fyne.ThemeVariant) *palette {
	if v == theme.VariantLight { // as Fyne's own palette decides: anything else is dark
		return &lightPalette
	}
	return &darkPalette
}

func (t calmTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	p := paletteFor(v)
	switch name {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return p.primary
	case theme.ColorNameForegroundOnPrimary:
		return p.onPrimary
	case theme.ColorNameFocus:
		return p.focus
	case colorNameFocusRing:
		return p.ring
	case theme.ColorNameSelection:
		return p.selection
	case theme.ColorNameBackground:
		return p.background
	case theme.ColorNameInputBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground:
		return p.input
	case theme.ColorNameButton:
		return p.button
	case theme.ColorNameDisabledButton:
		return p.disabledButton
	case theme.ColorNameForeground:
		return p.foreground
	case theme.ColorNamePlaceHolder:
		return p.placeholder
	case theme.ColorNameDisabled:
		return p.disabled
	case theme.ColorNameInputBorder:
		return p.border
	case theme.ColorNameSeparator:
		return p.separator
	case theme.ColorNameHover:
		return p.hover
	case theme.ColorNameSuccess:
		return p.success
	case theme.ColorNameForegroundOnSuccess:
		return p.onSuccess
	case theme.ColorNameWarning:
		return p.warning
	case theme.ColorNameForegroundOnWarning:
		return p.onWarning
	case theme.ColorNameError:
		return p.errorColour
	case theme.ColorNameForegroundOnError:
		return p.onError
	}
	return t.Theme.Color(name, v)
}

// fixedVariant shows a theme in one variant whatever the system prefers (for screenshots).
type fixedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (f fixedVariant) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(name, f.variant)
}
