package workbook

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// Right-to-left text. fpdf lays glyphs out one after another, left to right, as they come: it
// neither joins Arabic letters nor reorders right-to-left runs. So Arabic is first shaped,
// each letter replaced by its joined form from the presentation forms (U+FB50-U+FEFF, which
// common fonts such as DejaVu Sans carry), and each printed line is put in visual order.

// arabicForm holds a letter's presentation forms: isolated, final, initial, medial; 0 where
// the letter has none (a letter with no initial form joins only to the letter before it).
type arabicForm [4]rune

const (
	formIsolated = iota
	formFinal
	formInitial
	formMedial
)

var arabicForms = map[rune]arabicForm{
	0x0621: {0xFE80, 0, 0, 0},
	0x0622: {0xFE81, 0xFE82, 0, 0}, 0x0623: {0xFE83, 0xFE84, 0, 0}, 0x0624: {0xFE85, 0xFE86, 0, 0},
	0x0625: {0xFE87, 0xFE88, 0, 0}, 0x0626: {0xFE89, 0xFE8A, 0xFE8B, 0xFE8C}, 0x0627: {0xFE8D, 0xFE8E, 0, 0},
	0x0628: {0xFE8F, 0xFE90, 0xFE91, 0xFE92}, 0x0629: {0xFE93, 0xFE94, 0, 0}, 0x062A: {0xFE95, 0xFE96, 0xFE97, 0xFE98},
	0x062B: {0xFE99, 0xFE9A, 0xFE9B, 0xFE9C}, 0x062C: {0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0}, 0x062D: {0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4},
	0x062E: {0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8}, 0x062F: {0xFEA9, 0xFEAA, 0, 0}, 0x0630: {0xFEAB, 0xFEAC, 0, 0},
	0x0631: {0xFEAD, 0xFEAE, 0, 0}, 0x0632: {0xFEAF, 0xFEB0, 0, 0}, 0x0633: {0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4},
	0x0634: {0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8}, 0x0635: {0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC}, 0x0636: {0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0},
	0x0637: {0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4}, 0x0638: {0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8}, 0x0639: {0xFEC9, 0xFECA, 0xFECB, 0xFECC},
	0x063A: {0xFECD, 0xFECE, 0xFECF, 0xFED0}, 0x0641: {0xFED1, 0xFED2, 0xFED3, 0xFED4}, 0x0642: {0xFED5, 0xFED6, 0xFED7, 0xFED8},
	0x0643: {0xFED9, 0xFEDA, 0xFEDB, 0xFEDC}, 0x0644: {0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0}, 0x0645: {0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4},
	0x0646: {0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8}, 0x0647: {0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC}, 0x0648: {0xFEED, 0xFEEE, 0, 0},
	0x0649: {0xFEEF, 0xFEF0, 0, 0}, 0x064A: {0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4},
	// Persian and Urdu letters
	0x0671: {0xFB50, 0xFB51, 0, 0}, 0x067E: {0xFB56, 0xFB57, 0xFB58, 0xFB59}, 0x0686: {0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D},
	0x0698: {0xFB8A, 0xFB8B, 0, 0}, 0x06A9: {0xFB8E, 0xFB8F, 0xFB90, 0xFB91}, 0x06AF: {0xFB92, 0xFB93, 0xFB94, 0xFB95},
	0x06CC: {0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF},
}

// lamAlef are the ligatures of lam with a following alef: isolated and final.
var lamAlef = map[rune][2]rune{0x0622: {0xFEF5, 0xFEF6}, 0x0623: {0xFEF7, 0xFEF8}, 0x0625: {0xFEF9, 0xFEFA}, 0x0627: {0xFEFB, 0xFEFC}}

const tatweel = 0x0640

// joinsAfter reports whether r joins to the letter after it; joinsBefore, to the one before.
func joinsAfter(r rune) bool  { return r == tatweel || arabicForms[r][formInitial] != 0 }
func joinsBefore(r rune) bool { return r == tatweel || arabicForms[r][formFinal] != 0 }

// transparent marks (harakat) sit on a letter and do not break its joining.
func transparent(r rune) bool { return unicode.Is(unicode.Mn, r) }

func hasArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// shapeArabic replaces Arabic letters by their joined forms, where drawable says a font draws
// the form; a letter whose form no font draws stays as it is, readable if unjoined.
func shapeArabic(s string, drawable func(rune) bool) string {
	if !hasArabic(s) {
		return s
	}
	rs := []rune(s)
	neighbour := func(i, step int) rune {
		for j := i + step; j >= 0 && j < len(rs); j += step {
			if !transparent(rs[j]) {
				return rs[j]
			}
		}
		return 0
	}
	var out strings.Builder
	out.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		forms, ok := arabicForms[r]
		if !ok {
			out.WriteRune(r)
			continue
		}
		prev := neighbour(i, -1)
		afterPrev := prev != 0 && joinsAfter(prev)
		if r == 0x0644 && i+1 < len(rs) {
			if lig, ok := lamAlef[rs[i+1]]; ok {
				form := lig[0]
				if afterPrev {
					form = lig[1]
				}
				if drawable(form) {
					out.WriteRune(form)
					i++
					continue
				}
			}
		}
		next := neighbour(i, 1)
		before := afterPrev && joinsBefore(r)
		after := next != 0 && joinsAfter(r) && joinsBefore(next)
		form := forms[formIsolated]
		switch {
		case before && after:
			form = forms[formMedial]
		case before:
			form = forms[formFinal]
		case after:
			form = forms[formInitial]
		}
		if form != 0 && drawable(form) {
			r = form
		}
		out.WriteRune(r)
	}
	return out.String()
}

// rightToLeft reports whether r belongs to a script written right to left.
func rightToLeft(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

func hasRightToLeft(s string) bool {
	for _, r := range s {
		if rightToLeft(r) {
			return true
		}
	}
	return false
}

// mirrored are the paired characters a right-to-left run shows facing the other way.
var mirrored = map[rune]rune{'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«'}

// A paragraph's base direction is the direction it is laid out in, and aligned by: the
// direction of its first strong character (rules P2 and P3 of UAX #9) for a couple's own words,
// the book's own (left to right: its languages are) for the book's words, names and all.
// Wrapping cuts a paragraph into lines that no longer show it (a line of an Arabic paragraph
// may start with a Latin word), so wrap opens each line holding right-to-left text with one of
// these marks, read back by put. clean removes both marks from any text it is given, so a line
// holds one only when wrap put it there.
const (
	rtlMark = "\u200F" // RIGHT-TO-LEFT MARK: the line's paragraph is right to left
	ltrMark = "\u200E" // LEFT-TO-RIGHT MARK: left to right, although it holds right-to-left text
)

// alignStart asks put to align a line at the start of its base direction: the left edge for
// left to right, the right edge for right to left. Unlike fpdf's "L", "C" and "R", it also
// reads an unmarked text as a couple's own words, in the direction of its first strong
// character.
const alignStart = "S"

// baseRightToLeft reports whether a paragraph's first strong character is right to left.
func baseRightToLeft(para string) bool {
	for _, r := range para {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.R, bidi.AL:
			return true
		case bidi.L:
			return false
		}
	}
	return false
}

// directionMark is the mark that opens each line of a paragraph: none when it holds no
// right-to-left text, as then there is nothing to lay out; own says the paragraph is a couple's
// own words, in its own direction, rather than the book's.
func directionMark(para string, own bool) string {
	switch {
	case !hasRightToLeft(para):
		return ""
	case own && baseRightToLeft(para):
		return rtlMark
	}
	return ltrMark
}

// splitMark takes a line's direction mark off. An unmarked line is the book's, left to right,
// or, when own, a couple's words in the direction of their first strong character.
func splitMark(line string, own bool) (text string, rtl bool) {
	switch {
	case strings.HasPrefix(line, rtlMark):
		return line[len(rtlMark):], true
	case strings.HasPrefix(line, ltrMark):
		return line[len(ltrMark):], false
	}
	return line, own && baseRightToLeft(line)
}

// visual puts one line in the order it is seen, left to right: its characters' levels resolved
// by the implicit rules of UAX #9 (W1-W7, N0-N2, I1-I2, and L1 for spaces at its end), then each
// stretch at a level or above turned round, from the highest level down (L2), a letter keeping
// its marks after it and a paired character at an odd level facing the other way (L4). rtl says
// the line's paragraph is right to left. clean takes embeddings and isolates out of the text, so
// there are none to handle. A line without right-to-left text is returned as it is.
//
// golang.org/x/text/unicode/bidi resolves paired brackets wrongly (golang/go#72089: in
// "אבג (דהו) abc" it gives the closing bracket the level of the Latin text after it, so it
// printed facing the wrong way at the wrong end); hence the rules here, on its classes alone.
func visual(line string, rtl bool) string {
	if !hasRightToLeft(line) {
		return line
	}
	rs := []rune(line)
	levels := bidiLevels(rs, rtl)
	type cluster struct {
		runes []rune
		level int
	}
	var cs []cluster
	for i, r := range rs {
		if transparent(r) && len(cs) > 0 {
			cs[len(cs)-1].runes = append(cs[len(cs)-1].runes, r)
			continue
		}
		if m, ok := mirrored[r]; ok && levels[i]%2 == 1 {
			r = m
		}
		cs = append(cs, cluster{[]rune{r}, levels[i]})
	}
	top, lowestOdd := 0, 99
	for _, c := range cs {
		top = max(top, c.level)
		if c.level%2 == 1 {
			lowestOdd = min(lowestOdd, c.level)
		}
	}
	for lv := top; lv >= lowestOdd; lv-- {
		for i := 0; i < len(cs); {
			if cs[i].level < lv {
				i++
				continue
			}
			j := i
			for j < len(cs) && cs[j].level >= lv {
				j++
			}
			slices.Reverse(cs[i:j])
			i = j
		}
	}
	var out strings.Builder
	out.Grow(len(line))
	for _, c := range cs {
		out.WriteString(string(c.runes))
	}
	return out.String()
}

// bidiLevels resolves the level of each character of a line without embeddings, in a paragraph
// at level 0 (left to right) or 1 (right to left).
func bidiLevels(rs []rune, rtl bool) []int {
	para, e := 0, bidi.L // the paragraph's level, and its direction as a strong type
	if rtl {
		para, e = 1, bidi.R
	}
	orig := make([]bidi.Class, len(rs))
	t := make([]bidi.Class, len(rs))
	for i, r := range rs {
		p, _ := bidi.LookupRune(r)
		orig[i] = p.Class()
		t[i] = orig[i]
		switch t[i] {
		case bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
			t[i] = bidi.BN // clean takes them out; any left are ignored
		}
	}
	n := len(t)
	// W1: a mark (or an ignored character) takes the type of what it sits on.
	for i := range t {
		if t[i] == bidi.NSM || t[i] == bidi.BN {
			if i == 0 {
				t[i] = e
			} else {
				t[i] = t[i-1]
			}
		}
	}
	// W2, W3: a European number after Arabic letters is an Arabic number; Arabic letters are R.
	last := e
	for i := range t {
		switch t[i] {
		case bidi.L, bidi.R, bidi.AL:
			last = t[i]
		case bidi.EN:
			if last == bidi.AL {
				t[i] = bidi.AN
			}
		}
	}
	for i := range t {
		if t[i] == bidi.AL {
			t[i] = bidi.R
		}
	}
	// W4: one separator between two numbers of a kind joins them.
	for i := 1; i+1 < n; i++ {
		switch {
		case t[i] == bidi.ES && t[i-1] == bidi.EN && t[i+1] == bidi.EN:
			t[i] = bidi.EN
		case t[i] == bidi.CS && t[i-1] == t[i+1] && (t[i-1] == bidi.EN || t[i-1] == bidi.AN):
			t[i] = t[i-1]
		}
	}
	// W5: signs next to a European number belong to it ($12, 50%).
	for i := 0; i < n; {
		if t[i] != bidi.ET {
			i++
			continue
		}
		j := i
		for j < n && t[j] == bidi.ET {
			j++
		}
		if (i > 0 && t[i-1] == bidi.EN) || (j < n && t[j] == bidi.EN) {
			for k := i; k < j; k++ {
				t[k] = bidi.EN
			}
		}
		i = j
	}
	// W6, W7: other separators and signs are neutral; a European number after Latin is Latin.
	last = e
	for i := range t {
		switch t[i] {
		case bidi.ES, bidi.ET, bidi.CS:
			t[i] = bidi.ON
		case bidi.L, bidi.R:
			last = t[i]
		case bidi.EN:
			if last == bidi.L {
				t[i] = bidi.L
			}
		}
	}
	pairedBrackets(rs, t, e)
	// N1, N2: a stretch of neutrals between two of one direction takes it (numbers count as
	// right to left); any other, the paragraph's.
	strong := func(c bidi.Class) bidi.Class {
		if c == bidi.EN || c == bidi.AN {
			return bidi.R
		}
		return c
	}
	neutral := func(c bidi.Class) bool {
		return c == bidi.B || c == bidi.S || c == bidi.WS || c == bidi.ON
	}
	for i := 0; i < n; {
		if !neutral(t[i]) {
			i++
			continue
		}
		j := i
		for j < n && neutral(t[j]) {
			j++
		}
		before, after := e, e
		if i > 0 {
			before = strong(t[i-1])
		}
		if j < n {
			after = strong(t[j])
		}
		dir := e
		if before == after {
			dir = before
		}
		for k := i; k < j; k++ {
			t[k] = dir
		}
		i = j
	}
	// I1, I2, and L1: spaces at the end of the line go back to the paragraph's level.
	levels := make([]int, n)
	for i := range t {
		switch {
		case t[i] == bidi.R && para == 0:
			levels[i] = 1
		case (t[i] == bidi.EN || t[i] == bidi.AN) && para == 0:
			levels[i] = 2
		case t[i] != bidi.R && para == 1:
			levels[i] = 2
		default:
			levels[i] = para
		}
	}
	for i := n - 1; i >= 0 && (orig[i] == bidi.WS || orig[i] == bidi.BN); i-- {
		levels[i] = para
	}
	return levels
}

// openers are the opening brackets of the pairs rule N0 knows, and the closing one of each.
var openers = map[rune]rune{'(': ')', '[': ']', '{': '}'}

// pairedBrackets applies rule N0: a pair of brackets takes the direction of the text inside it
// when that is the paragraph's, or the other direction when only it is inside and the text
// before the pair has it too; otherwise the paragraph's. So "(דהו)" in a Latin line stays one
// piece, brackets and all.
func pairedBrackets(rs []rune, t []bidi.Class, e bidi.Class) {
	type pair struct{ open, close int }
	var pairs []pair
	var stack []int
	for i, r := range rs {
		if t[i] != bidi.ON {
			continue
		}
		if _, ok := openers[r]; ok {
			if len(stack) == 63 { // BD16: no more pairs are looked for
				break
			}
			stack = append(stack, i)
			continue
		}
		for k := len(stack) - 1; k >= 0; k-- {
			if openers[rs[stack[k]]] == r {
				pairs = append(pairs, pair{stack[k], i})
				stack = stack[:k]
				break
			}
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return a.open - b.open })
	dirOf := func(c bidi.Class) bidi.Class {
		switch c {
		case bidi.L:
			return bidi.L
		case bidi.R, bidi.EN, bidi.AN:
			return bidi.R
		}
		return bidi.ON
	}
	opposite := bidi.R
	if e == bidi.R {
		opposite = bidi.L
	}
	for _, p := range pairs {
		found := bidi.ON
		for k := p.open + 1; k < p.close && found != e; k++ {
			if d := dirOf(t[k]); d != bidi.ON {
				found = d
			}
		}
		dir := found
		if found == opposite {
			context := e
			for k := p.open - 1; k >= 0; k-- {
				if d := dirOf(t[k]); d != bidi.ON {
					context = d
					break
				}
			}
			if context != opposite {
				dir = e
			}
		}
		if dir != bidi.ON {
			t[p.open], t[p.close] = dir, dir
		}
	}
}
