package workbook

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"kintsugi/assets"
)

// Font families as registered with fpdf: serif for reading, sans for headings and labels.
const (
	fontSerif = "serif"
	fontSans  = "sans"
)

type face struct {
	family, style, file string
	ttf                 []byte
}

// fontSet is the embedded faces and which characters all of them can draw.
type fontSet struct {
	faces   []face
	covered []bool // indexed by rune, for the Basic Multilingual Plane
}

var (
	fontsOnce sync.Once
	fonts     *fontSet
	fontsErr  error
)

// loadFonts reads the embedded fonts and their coverage once per process.
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

// coverage marks the characters every face can draw, read from the fonts' own character maps,
// so that text never asks a face for a glyph it lacks (which would print as nothing).
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

// substitute stands for characters the fonts cannot draw (emoji, scripts they lack): the
// standard replacement character, visible, so that nothing vanishes without a trace.
const substitute = '\uFFFD'

// clean makes any text printable: invalid bytes, control and invisible formatting characters
// go; tabs become spaces; line and paragraph separators become newlines; a run of characters
// the fonts lack becomes one substitute.
func (b *book) clean(text string) string {
	if isPlain(text) {
		return text
	}
	text = shapeArabic(text, b.drawable)
	var out strings.Builder
	out.Grow(len(text))
	lastSub := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size <= 1 {
			r = -1 // not text: shown as the substitute, like a character the fonts lack
		}
		if r == '\r' && i+size < len(text) && text[i+size] == '\n' {
			i += size
			continue // \r\n is one line break
		}
		i += size
		sub := false
		switch {
		case r == '\n':
			out.WriteByte('\n')
		case r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			out.WriteByte('\n')
		case r == '\t':
			out.WriteString("  ")
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue // invisible: NUL, zero-width joiners, direction marks
		case r >= 0 && r < rune(len(b.fonts.covered)) && b.fonts.covered[r]:
			out.WriteRune(r)
		case r >= 0 && machineFonts.forRune(r) != nil:
			out.WriteRune(r) // drawn by a font found on the machine
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Sk, r) && r >= 0x1F3FB && r <= 0x1F3FF:
			continue // a combining mark or skin tone no font has; its base stays
		default:
			if r >= 0 {
				if b.missing == nil {
					b.missing = map[rune]bool{}
				}
				b.missing[r] = true
			}
			sub = true
			if !lastSub {
				out.WriteRune(substitute)
			}
		}
		lastSub = sub
	}
	return out.String()
}

// drawable reports whether the workbook's fonts or a font on the machine draw r.
func (b *book) drawable(r rune) bool {
	return r >= 0 && r < rune(len(b.fonts.covered)) && b.fonts.covered[r] || machineFonts.forRune(r) != nil
}

// isPlain reports whether text is printable ASCII and newlines: most content is, and then
// clean has nothing to do.
func isPlain(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if (c < ' ' && c != '\n') || c > '~' {
			return false
		}
	}
	return true
}

// isBreakSpace reports whether a line may break at r: spaces, but not the no-break ones.
func isBreakSpace(r rune) bool {
	return r == ' ' || (unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' && r != '\u2007')
}

// paraBreak in a wrapped text marks the gap between two paragraphs.
const paraBreak = "\x00"

// wrap cleans text and breaks it into lines no wider than w in the given style. A blank line in
// the text separates paragraphs (paraBreak in the result); a single newline starts a new line.
// A word wider than the line is broken between characters, so nothing ever overflows. The text
// is the book's own, laid out left to right whatever names it holds; wrapOwn wraps a couple's.
func (b *book) wrap(st style, text string, w float64) []string {
	return b.wrapDir(st, text, w, false)
}

// wrapOwn wraps a couple's own words: each line (a newline ends a paragraph, as in Unicode's
// bidirectional algorithm) is laid out in its own direction and prints aligned at its start,
// an Arabic or Hebrew one at the right, its first words on the first line.
func (b *book) wrapOwn(st style, text string, w float64) []string {
	return b.wrapDir(st, text, w, true)
}

func (b *book) wrapDir(st style, text string, w float64, own bool) []string {
	b.use(st)
	text = b.clean(text)
	var out []string
	pendingBreak := false
	space := b.textW(" ")
	for _, raw := range strings.Split(text, "\n") {
		words := strings.FieldsFunc(raw, isBreakSpace)
		if len(words) == 0 {
			pendingBreak = len(out) > 0
			continue
		}
		if pendingBreak {
			out = append(out, paraBreak)
			pendingBreak = false
		}
		first := len(out)
		var line strings.Builder
		lineW := 0.0
		flush := func() {
			if line.Len() > 0 {
				out = append(out, line.String())
				line.Reset()
				lineW = 0
			}
		}
		for _, word := range words {
			ww := b.textW(word)
			if line.Len() > 0 && lineW+space+ww <= w {
				line.WriteByte(' ')
				line.WriteString(word)
				lineW += space + ww
				continue
			}
			flush()
			if ww <= w {
				line.WriteString(word)
				lineW = ww
				continue
			}
			pieces := b.breakWord(word, w)
			out = append(out, pieces[:len(pieces)-1]...)
			line.WriteString(pieces[len(pieces)-1])
			lineW = b.textW(pieces[len(pieces)-1])
		}
		flush()
		if mark := directionMark(raw, own); mark != "" {
			for i := first; i < len(out); i++ {
				out[i] = mark + out[i]
			}
		}
	}
	return out
}

// breakWord cuts a word too wide for the line into pieces that fit, between characters.
func (b *book) breakWord(word string, w float64) []string {
	var pieces []string
	widths := map[rune]float64{}
	start, pw := 0, 0.0
	for i, r := range word {
		rw, ok := widths[r]
		if !ok {
			rw = b.textW(string(r))
			widths[r] = rw
		}
		if pw+rw > w && i > start {
			pieces = append(pieces, word[start:i])
			start, pw = i, 0
		}
		pw += rw
	}
	return append(pieces, word[start:])
}

// fit shortens text to one line of width w in the given style, ending it with an ellipsis
// when it had to be cut. It measures a bounded prefix by halving, so even a pasted novel costs
// a few dozen measurements.
func (b *book) fit(st style, text string, w float64) string {
	b.use(st)
	s := b.clean(strings.Join(strings.FieldsFunc(text, isBreakSpace), " "))
	if b.textW(s) <= w {
		return s
	}
	const longestLine = 400 // more characters than any line of the page can hold
	r := []rune(s)
	r = r[:min(len(r), longestLine)]
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if b.textW(string(r[:mid])+"…") <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimSpace(string(r[:lo])) + "…"
}

// initialsOf is up to three initials of a name, for small boxes.
func initialsOf(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		out = append(out, r)
		if len(out) == 3 {
			break
		}
	}
	return strings.ToUpper(string(out))
}
