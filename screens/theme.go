package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// calmTheme is Fyne's default theme with a warm gold accent and softer surfaces. It follows the
// system's light or dark variant and its text size.
type calmTheme struct{ fyne.Theme }

func newCalmTheme() fyne.Theme { return calmTheme{theme.DefaultTheme()} }

var (
	gold      = color.NRGBA{R: 0xB0, G: 0x8D, B: 0x34, A: 0xff}
	goldLight = color.NRGBA{R: 0xD4, G: 0xB2, B: 0x5A, A: 0xff}
)

func (t calmTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	dark := v != theme.VariantLight // as Fyne's own palette decides
	switch name {
	case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink:
		if dark {
			return goldLight
		}
		return gold
	case theme.ColorNameSelection:
		if dark {
			return color.NRGBA{R: 0xD4, G: 0xB2, B: 0x5A, A: 0x40}
		}
		return color.NRGBA{R: 0xB0, G: 0x8D, B: 0x34, A: 0x30}
	case theme.ColorNameBackground:
		if dark {
			return color.NRGBA{R: 0x1E, G: 0x22, B: 0x2A, A: 0xff}
		}
		return color.NRGBA{R: 0xFA, G: 0xF7, B: 0xF1, A: 0xff}
	case theme.ColorNameInputBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground:
		if dark {
			return color.NRGBA{R: 0x2A, G: 0x2F, B: 0x39, A: 0xff}
		}
		return color.NRGBA{R: 0xFF, G: 0xFE, B: 0xFB, A: 0xff}
	case theme.ColorNameSuccess:
		return color.NRGBA{R: 0x5E, G: 0x8C, B: 0x6A, A: 0xff} // sage: kept, without shouting
	case theme.ColorNameWarning:
		return color.NRGBA{R: 0xC0, G: 0x73, B: 0x4A, A: 0xff} // terracotta: missed, without alarm
	case theme.ColorNameForeground:
		if dark {
			return color.NRGBA{R: 0xEC, G: 0xE8, B: 0xE0, A: 0xff}
		}
		return color.NRGBA{R: 0x2E, G: 0x34, B: 0x40, A: 0xff}
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
