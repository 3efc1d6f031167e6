package screens

import (
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// luminance is WCAG 2.2's relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over paints a translucent colour over an opaque one, as Fyne blends a button's focus.
func over(under, top color.Color) color.Color {
	ur, ug, ub, _ := under.RGBA()
	tr, tg, tb, ta := top.RGBA() // premultiplied
	mix := func(t, u uint32) uint16 { return uint16(t + u - u*ta/0xffff) }
	return color.RGBA64{R: mix(tr, ur), G: mix(tg, ug), B: mix(tb, ub), A: 0xffff}
}

// TestThemeMeetsWCAGContrast computes, from the theme itself, every pair a person must read (4.5:1)
// or notice (3:1) in both variants, including text on a focused button of each kind.
func TestThemeMeetsWCAGContrast(t *testing.T) {
	test.NewTempApp(t)
	th := newCalmTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
		focused := func(n fyne.ThemeColorName) color.Color { return over(c(n), c(theme.ColorNameFocus)) }
		pairs := []struct {
			what   string
			fg, bg color.Color
			min    float64
		}{
			{"text on the page", c(theme.ColorNameForeground), c(theme.ColorNameBackground), 4.5},
			{"text in a field", c(theme.ColorNameForeground), c(theme.ColorNameInputBackground), 4.5},
			{"text in a dialog", c(theme.ColorNameForeground), c(theme.ColorNameOverlayBackground), 4.5},
			{"text on a button", c(theme.ColorNameForeground), c(theme.ColorNameButton), 4.5},
			{"text on a focused button", c(theme.ColorNameForeground), focused(theme.ColorNameButton), 4.5},
			{"text on a gold button", c(theme.ColorNameForegroundOnPrimary), c(theme.ColorNamePrimary), 4.5},
			{"text on a focused gold button", c(theme.ColorNameForegroundOnPrimary), focused(theme.ColorNamePrimary), 4.5},
			{"text on a kept button", c(theme.ColorNameForegroundOnSuccess), c(theme.ColorNameSuccess), 4.5},
			{"text on a focused kept button", c(theme.ColorNameForegroundOnSuccess), focused(theme.ColorNameSuccess), 4.5},
			{"text on a missed button", c(theme.ColorNameForegroundOnWarning), c(theme.ColorNameWarning), 4.5},
			{"text on a danger button", c(theme.ColorNameForegroundOnError), c(theme.ColorNameError), 4.5},
			{"gold text and links", c(theme.ColorNamePrimary), c(theme.ColorNameBackground), 4.5},
			{"links in a dialog", c(theme.ColorNameHyperlink), c(theme.ColorNameOverlayBackground), 4.5},
			{"placeholder", c(theme.ColorNamePlaceHolder), c(theme.ColorNameInputBackground), 4.5},
			{"status text", c(theme.ColorNameDisabled), c(theme.ColorNameBackground), 4.5},
			{"warning text", c(theme.ColorNameWarning), c(theme.ColorNameBackground), 4.5},
			{"success text", c(theme.ColorNameSuccess), c(theme.ColorNameBackground), 4.5},
			{"error text", c(theme.ColorNameError), c(theme.ColorNameOverlayBackground), 4.5},
			{"focused field's ring", c(theme.ColorNamePrimary), c(theme.ColorNameInputBackground), 3},
			{"focused field's ring on the page", c(theme.ColorNamePrimary), c(theme.ColorNameBackground), 3},
			{"an empty checkbox", c(theme.ColorNameInputBorder), c(theme.ColorNameBackground), 3},
			{"a field's border", c(theme.ColorNameInputBorder), c(theme.ColorNameInputBackground), 3},
			{"the focus ring on the page", c(colorNameFocusRing), c(theme.ColorNameBackground), 3},
			{"the focus ring in a field's colour", c(colorNameFocusRing), c(theme.ColorNameInputBackground), 3},
			{"the focus ring beside a button", c(colorNameFocusRing), c(theme.ColorNameButton), 3},
		}
		for _, p := range pairs {
			if got := contrast(p.fg, p.bg); got < p.min {
				t.Errorf("%s, %s: %.2f:1, want at least %.1f:1", variantName(v), p.what, got, p.min)
			}
		}
		// Focus changes every kind of button enough to see (Fyne blends the focus colour over it).
		for _, n := range []fyne.ThemeColorName{theme.ColorNameButton, theme.ColorNamePrimary, theme.ColorNameSuccess} {
			if got := contrast(c(n), focused(n)); got < 1.2 {
				t.Errorf("%s: focus on a %s button changes it by %.2f:1 only", variantName(v), n, got)
			}
		}
	}
}

// TestFocusIsVisibleOnGoldButton renders a gold button focused and not: the pixels must differ
// (with the old theme the focus colour equalled the gold and nothing changed).
func TestFocusIsVisibleOnGoldButton(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		a := test.NewTempApp(t)
		a.Settings().SetTheme(fixedVariant{newCalmTheme(), v})
		for _, imp := range []widget.Importance{widget.HighImportance, widget.MediumImportance, widget.SuccessImportance} {
			b := widget.NewButton("Sign", func() {})
			b.Importance = imp
			other := widget.NewButton("Other", func() {})
			w := test.NewWindow(container2(b, other))
			w.Resize(fyne.NewSize(200, 120))
			w.Canvas().Focus(other)
			before := w.Canvas().Capture()
			w.Canvas().Focus(b)
			after := w.Canvas().Capture()
			if n := differing(before, after, b.Position(), b.Size()); n < int(b.Size().Width*b.Size().Height)/2 {
				t.Errorf("%s importance %d: focus changes %d pixels of the button", variantName(v), imp, n)
			}
			w.Close()
		}
	}
}

func differing(a, b image.Image, pos fyne.Position, size fyne.Size) int {
	n := 0
	for y := int(pos.Y) + 4; y < int(pos.Y+size.Height)-4; y++ {
		for x := int(pos.X) + 4; x < int(pos.X+size.Width)-4; x++ {
			if a.At(x, y) != b.At(x, y) {
				n++
			}
		}
	}
	return n
}

func container2(a, b fyne.CanvasObject) fyne.CanvasObject { return container.NewVBox(a, b) }

func variantName(v fyne.ThemeVariant) string {
	if v == theme.VariantLight {
		return "light"
	}
	return "dark"
}
