package workbook

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"kintsugi/assets"
)

type face struct {
	family, style, file string
	ttf                 []byte
}

// fontSet is the embedded faces and which characters they can draw.
type fontSet struct {
	faces   []face
	covered []bool // indexed by rune, for the Basic Multilingual Plane
}

var (
	fontsOnce sync.Once
	fonts     *fontSet
	fontsErr  error
)

// loadFonts reads the embedded fonts once per process; every workbook shares them.
func loadFonts() (*fontSet, error) {
	fontsOnce.Do(func() { fonts, fontsErr = readFonts() })
	return fonts, fontsErr
}

func readFonts() (*fontSet, error) {
	fs := &fontSet{faces: []face{
		{fontSerif, "", assets.SerifRegular, nil},
		{fontSerif, "I", assets.SerifItalic, nil},
		{fontSans, "", assets.SansRegular, nil},
		{fontSans, "B", assets.SansBold, nil},
	}}
	for i := range fs.faces {
		b, err := assets.File(fs.faces[i].file)
		if err != nil {
			return nil, fmt.Errorf("workbook: font %s: %w", fs.faces[i].file, err)
		}
		fs.faces[i].ttf = b
	}
	var err error
	if fs.covered, err = coverage(fs.faces); err != nil {
		return nil, err
	}
	return fs, nil
}

// coverage marks the characters every face can draw, so text never asks a face for a glyph it
// lacks (which would print as nothing, or worse).
func coverage(faces []face) ([]bool, error) {
	covered := make([]bool, 0x10000)
	for i := range covered {
		covered[i] = true
	}
	var buf sfnt.Buffer
	for _, f := range faces {
		font, err := sfnt.Parse(f.ttf)
		if err != nil {
			return nil, fmt.Errorf("workbook: font %s: %w", f.file, err)
		}
		for r := range covered {
			if !covered[r] {
				continue
			}
			if g, err := font.GlyphIndex(&buf, rune(r)); err != nil || g == 0 {
				covered[r] = false
			}
		}
	}
	return covered, nil
}

// substitute stands for a character the fonts cannot draw: visible, so nothing vanishes.
const substitute = '?'

// clean makes any text printable: invalid bytes, control and invisible formatting characters
// go; tabs become spaces; characters the fonts lack become a visible substitute.
func (b *book) clean(text string) string {
	text = strings.ToValidUTF8(text, string(substitute))
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out strings.Builder
	out.Grow(len(text))
	for _, r := range text {
		switch {
		case r == '\n':
			out.WriteRune(r)
		case r == '\t':
			out.WriteString("    ")
		case r == '\r' || r == '\u2028' || r == '\u2029':
			out.WriteRune('\n')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			// invisible: NUL, zero-width and direction marks
		case unicode.Is(unicode.Mn, r) && int(r) < len(b.fonts.covered) && !b.fonts.covered[r]:
			// a combining mark the fonts lack would print as a stray box; its base letter stays
		case int(r) < len(b.fonts.covered) && b.fonts.covered[r]:
			out.WriteRune(r)
		default:
			out.WriteRune(substitute)
		}
	}
	return out.String()
}
