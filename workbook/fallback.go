package workbook

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"

	"kintsugi/data"
)

// Noto Sans and Serif cover Latin, Greek and Cyrillic. For other scripts (Chinese, Japanese,
// Korean, Arabic, Hebrew, Thai...) the workbook borrows a font installed on the machine, as the
// window's own text rendering does, and embeds the glyphs it uses: the text stays real,
// selectable and searchable text. Nothing is bundled for them: a CJK font alone is 10-20 MB.
//
// fpdf reads TrueType outlines only and addresses characters of the Basic Multilingual Plane
// only, so fonts with other outlines (CFF, colour bitmaps) and characters beyond the BMP (most
// emoji) cannot be printed; Unprintable names them, so the app can say so before printing.
// .otf files and collections (.ttc: Windows' and macOS's CJK fonts) are used when their
// outlines are TrueType, a collection's first such font taken out as a file of its own.

// fallback is one font found on the machine.
type fallback struct {
	path   string
	family string // as registered with fpdf: fb0, fb1, ...
	ttf    []byte
	font   *sfnt.Font
	// checked and usable: whether fpdf can embed it, tried only once the font is needed, as
	// trying means parsing the whole file.
	checked, usable bool
}

// fallbacks finds and reads fonts on demand, once per process.
type fallbacks struct {
	mu      sync.Mutex
	scanned bool
	paths   []string    // candidate files, preferred first
	loaded  []*fallback // read so far, in the order of paths
	next    int         // the next path to read
	held    int         // bytes of fonts read and kept, bounded by maxHeld
	byRune  map[rune]int
	buf     sfnt.Buffer
}

var machineFonts = &fallbacks{byRune: map[rune]int{}}

// preferred are fonts known to cover many characters with TrueType outlines, looked for first.
var preferred = []string{
	"DroidSansFallbackFull.ttf", "DroidSansFallback.ttf", "NotoSansArabic-Regular.ttf", "NotoNaskhArabic-Regular.ttf",
	"NotoSansHebrew-Regular.ttf", "NotoSansThai-Regular.ttf", "NotoSansDevanagari-Regular.ttf", "DejaVuSans.ttf",
	"FreeSerif.ttf", "FreeSans.ttf", "Arial Unicode.ttf", "ARIALUNI.TTF", "arialuni.ttf", "simhei.ttf", "simsun.ttf",
	"malgun.ttf", "meiryo.ttf", "msgothic.ttf", "arial.ttf", "segoeui.ttf", "tahoma.ttf",
}

// fontDirs are where systems keep fonts.
func fontDirs() []string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		dirs := []string{filepath.Join(os.Getenv("WINDIR"), "Fonts")}
		if local := os.Getenv("LOCALAPPDATA"); local != "" {
			dirs = append(dirs, filepath.Join(local, "Microsoft", "Windows", "Fonts"))
		}
		return dirs
	case "darwin":
		return []string{"/System/Library/Fonts", "/Library/Fonts", filepath.Join(home, "Library", "Fonts")}
	}
	return []string{"/usr/share/fonts", "/usr/local/share/fonts", filepath.Join(home, ".local", "share", "fonts"),
		filepath.Join(home, ".fonts")}
}

// scan lists the TrueType files in the font folders, preferred names first.
func (f *fallbacks) scan() {
	f.scanned = true
	var found []string
	for _, dir := range fontDirs() {
		_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && fontFile(path) {
				found = append(found, path)
			}
			return nil // an unreadable folder is skipped, not an error
		})
	}
	rank := func(p string) int {
		if i := slices.IndexFunc(preferred, func(n string) bool { return strings.EqualFold(n, filepath.Base(p)) }); i >= 0 {
			return i
		}
		return len(preferred)
	}
	slices.SortStableFunc(found, func(a, b string) int { return rank(a) - rank(b) })
	f.paths = found
}

// maxHeld bounds the memory the search keeps: a machine with thousands of fonts is searched
// only as far as its first 128 MB of them, preferred fonts first.
const maxHeld = 128 << 20

// forRune returns the first machine font that draws r, or nil.
func (f *fallbacks) forRune(r rune) *fallback {
	if r > 0xFFFF || unicode.IsControl(r) {
		return nil // fpdf addresses the Basic Multilingual Plane only
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if i, ok := f.byRune[r]; ok {
		if i < 0 {
			return nil
		}
		return f.loaded[i]
	}
	if !f.scanned {
		f.scan()
	}
	for i, fb := range f.loaded {
		if f.covers(fb, r) && fb.embeddable() {
			f.byRune[r] = i
			return fb
		}
	}
	for f.next < len(f.paths) && f.held < maxHeld {
		fb := f.read(f.paths[f.next])
		f.next++
		if fb == nil {
			continue
		}
		f.held += len(fb.ttf)
		fb.family = "fb" + strings.Repeat("x", len(f.loaded)) // distinct names: fb, fbx, fbxx...
		f.loaded = append(f.loaded, fb)
		if f.covers(fb, r) && fb.embeddable() {
			f.byRune[r] = len(f.loaded) - 1
			return fb
		}
	}
	f.byRune[r] = -1
	return nil
}

func (f *fallbacks) covers(fb *fallback, r rune) bool {
	g, err := fb.font.GlyphIndex(&f.buf, r)
	return err == nil && g != 0
}

// fontFile reports whether path names a font file that may hold TrueType outlines: .ttf, and
// .otf and collections (.ttc, .otc) too, whose fonts are taken when their outlines are TrueType.
func fontFile(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".ttf" || ext == ".otf" || ext == ".ttc" || ext == ".otc"
}

// read loads a font file with TrueType outlines, the only kind fpdf embeds; from a collection,
// the first such font in it.
func (f *fallbacks) read(path string) *fallback {
	ttf, err := os.ReadFile(path)
	if err != nil || len(ttf) > 96<<20 { // a collection holds several fonts
		return nil
	}
	if bytes.HasPrefix(ttf, []byte("ttcf")) {
		ttf = fromCollection(ttf)
	}
	if len(ttf) > 32<<20 || !hasTable(ttf, "glyf") {
		return nil
	}
	font, err := sfnt.Parse(ttf)
	if err != nil {
		return nil
	}
	return &fallback{path: path, ttf: ttf, font: font}
}

// embeddable reports, trying once, whether fpdf can embed the font.
func (fb *fallback) embeddable() bool {
	if !fb.checked {
		fb.checked, fb.usable = true, fpdfAccepts(fb.ttf)
	}
	return fb.usable
}

// fromCollection returns the first font of a font collection (.ttc) with TrueType outlines, as
// a font file of its own: its table directory, then its tables, each at its new place. nil
// when there is none or the collection is damaged.
func fromCollection(ttc []byte) []byte {
	u32 := func(b []byte, at int) (int, bool) {
		if at < 0 || at+4 > len(b) {
			return 0, false
		}
		return int(b[at])<<24 | int(b[at+1])<<16 | int(b[at+2])<<8 | int(b[at+3]), true
	}
	fonts, ok := u32(ttc, 8)
	if !ok {
		return nil
	}
	for i := range min(fonts, 64) {
		at, ok := u32(ttc, 12+4*i)
		if !ok || at+12 > len(ttc) {
			return nil
		}
		n := int(ttc[at+4])<<8 | int(ttc[at+5])
		if at+12+16*n > len(ttc) {
			return nil
		}
		dir := append([]byte(nil), ttc[at:at+12+16*n]...)
		if !hasTable(dir, "glyf") {
			continue
		}
		out := append([]byte(nil), dir...)
		damaged := false
		for t := range n {
			rec := 12 + 16*t
			off, ok1 := u32(dir, rec+8)
			length, ok2 := u32(dir, rec+12)
			if !ok1 || !ok2 || off+length > len(ttc) || length < 0 {
				damaged = true
				break
			}
			for len(out)%4 != 0 {
				out = append(out, 0)
			}
			place := len(out)
			out[rec+8], out[rec+9], out[rec+10], out[rec+11] = byte(place>>24), byte(place>>16), byte(place>>8), byte(place)
			out = append(out, ttc[off:off+length]...)
		}
		if !damaged {
			return out
		}
	}
	return nil
}

// hasTable reports whether a TrueType file's table directory lists tag.
func hasTable(ttf []byte, tag string) bool {
	if len(ttf) < 12 {
		return false
	}
	n := int(ttf[4])<<8 | int(ttf[5])
	for i := range n {
		at := 12 + 16*i
		if at+4 > len(ttf) {
			return false
		}
		if bytes.Equal(ttf[at:at+4], []byte(tag)) {
			return true
		}
	}
	return false
}

// fpdfAccepts tries the font in a throwaway document, so that a font fpdf cannot read is
// skipped here rather than failing a workbook.
func fpdfAccepts(ttf []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("probe", "", ttf)
	return pdf.Error() == nil
}

// run is a stretch of a line in one font: the style's own (fb == nil) or a machine font.
type run struct {
	text string
	fb   *fallback
}

// runs splits s where the font changes; nil when the style's own font draws all of it.
func (b *book) runs(s string) []run {
	mixed := false
	for _, r := range s {
		if r < rune(len(b.fonts.covered)) && !b.fonts.covered[r] {
			mixed = true
			break
		}
	}
	if !mixed {
		return nil
	}
	var out []run
	var cur strings.Builder
	var curFb *fallback
	for _, r := range s {
		var fb *fallback
		if r < rune(len(b.fonts.covered)) && !b.fonts.covered[r] {
			fb = machineFonts.forRune(r)
		}
		if fb != curFb && cur.Len() > 0 {
			out = append(out, run{cur.String(), curFb})
			cur.Reset()
		}
		curFb = fb
		cur.WriteRune(r)
	}
	return append(out, run{cur.String(), curFb})
}

// useFallback selects a machine font at the current style's size, registering it with this
// document the first time.
func (b *book) useFallback(fb *fallback) {
	if !slices.Contains(b.registered, fb.family) {
		b.pdf.AddUTF8FontFromBytes(fb.family, "", fb.ttf)
		b.registered = append(b.registered, fb.family)
	}
	b.pdf.SetFont(fb.family, "", b.font.size)
}

// textW is the width of s in the current style, each part measured in the font that draws it.
func (b *book) textW(s string) float64 {
	s, _ = splitMark(s, false)
	rs := b.runs(s)
	if rs == nil {
		return b.pdf.GetStringWidth(s)
	}
	w := 0.0
	for _, r := range rs {
		w += b.runW(r)
	}
	return w
}

func (b *book) runW(r run) float64 {
	if r.fb == nil {
		return b.pdf.GetStringWidth(r.text)
	}
	k := b.font
	b.useFallback(r.fb)
	w := b.pdf.GetStringWidth(r.text)
	b.pdf.SetFont(k.family, k.face, k.size)
	return w
}

// put prints s in a cell of width w at the current position, like fpdf's CellFormat without a
// border, switching fonts where a machine font draws part of it; align is fpdf's, or
// alignStart.
func (b *book) put(w, h float64, s, align string) {
	s, rtl := splitMark(s, align == alignStart)
	s = visual(s, rtl) // right-to-left runs as they are seen
	if align == alignStart {
		align = "L"
		if rtl {
			align = "R"
		}
	}
	rs := b.runs(s)
	if rs == nil {
		b.pdf.CellFormat(w, h, s, "", 0, align, false, 0, "")
		return
	}
	x, y := b.pdf.GetXY()
	total := b.textW(s)
	switch align {
	case "C":
		x += (w - total) / 2
	case "R":
		x += w - total
	}
	k := b.font
	for _, r := range rs {
		rw := b.runW(r)
		if r.fb != nil {
			b.useFallback(r.fb)
		}
		b.pdf.SetXY(x, y)
		b.pdf.CellFormat(rw, h, r.text, "", 0, "L", false, 0, "")
		if r.fb != nil {
			b.pdf.SetFont(k.family, k.face, k.size)
		}
		x += rw
	}
}

// Unprintable lists, in order of first appearance, the characters in a couple's words that no
// font can draw, neither the workbook's own nor one on this machine: they would print as a
// replacement mark. Invisible characters (controls, joiners, variation selectors) are left out.
func Unprintable(d *data.Dossier) []rune {
	fs, err := loadFonts()
	if err != nil || d == nil {
		return nil
	}
	seen := map[rune]bool{}
	var out []rune
	eachString(reflect.ValueOf(d), func(s string) {
		for _, r := range s {
			if seen[r] || r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) ||
				unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.IsSpace(r) ||
				(r >= 0x1F3FB && r <= 0x1F3FF) {
				continue
			}
			seen[r] = true
			if (r < rune(len(fs.covered)) && fs.covered[r]) || machineFonts.forRune(r) != nil {
				continue
			}
			out = append(out, r)
		}
	})
	return out
}

// eachString calls fn with every string held in v, however deeply; byte slices (drawn
// signatures, sealed values) are not text and are skipped.
func eachString(v reflect.Value, fn func(string)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			eachString(v.Elem(), fn)
		}
	case reflect.String:
		fn(v.String())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				eachString(v.Field(i), fn)
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		for i := range v.Len() {
			eachString(v.Index(i), fn)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			eachString(v.MapIndex(k), fn)
		}
	}
}

// DescribeRunes names characters for a message: each as itself and its code point.
func DescribeRunes(rs []rune) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%c (U+%04X)", r, r)
	}
	return strings.Join(parts, ", ")
}
