package workbook

import (
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

// visual puts one line in the order it is seen, left to right (rule L2 of UAX #9): each
// stretch above the paragraph's level turned round, right-to-left text letter by letter (a
// letter keeps its marks after it), numbers and Latin words inside it whole. rtl says the
// line's paragraph is right to left. A line without right-to-left text is returned as it is.
func visual(line string, rtl bool) string {
	if !hasRightToLeft(line) {
		return line
	}
	var p bidi.Paragraph
	in, opt := line, bidi.DefaultDirection(bidi.RightToLeft) // sets the paragraph's level
	if !rtl {
		// The package has no option that sets a left-to-right level: a leading left-to-right
		// mark, a strong character, sets it, and is taken off again below.
		in, opt = ltrMark+line, bidi.DefaultDirection(bidi.LeftToRight)
	}
	if _, err := p.SetString(in, opt); err != nil {
		return line
	}
	o, err := p.Order()
	if err != nil {
		return line
	}
	// The package tells a run's direction, not its level. Without embeddings (clean removes
	// them) the levels are few: in a right-to-left paragraph, 1 for right-to-left text and 2
	// for the rest; in a left-to-right one, 0 for left-to-right text, 1 for right-to-left text
	// and 2 for numbers that follow it, which the package gives as left to right.
	var units []unit
	for i := range o.NumRuns() {
		r := o.Run(i)
		s := r.String()
		switch {
		case r.Direction() == bidi.RightToLeft:
			units = append(units, unit{s, 1})
		case rtl:
			units = append(units, unit{s, 2})
		case len(units) > 0 && units[len(units)-1].level == 1:
			units = append(units, numbersAfter(s)...)
		default:
			units = append(units, unit{s, 0})
		}
	}
	var out strings.Builder
	out.Grow(len(in))
	for i := 0; i < len(units); {
		if units[i].level == 0 {
			out.WriteString(units[i].text)
			i++
			continue
		}
		j := i
		for j < len(units) && units[j].level > 0 {
			j++
		}
		for k := j - 1; k >= i; k-- {
			if units[k].level == 1 {
				out.WriteString(reverseClusters(units[k].text))
			} else {
				out.WriteString(units[k].text)
			}
		}
		i = j
	}
	return strings.TrimPrefix(out.String(), ltrMark)
}

// unit is a stretch of a line at one bidirectional level.
type unit struct {
	text  string
	level int
}

// numbersAfter splits a left-to-right run that follows right-to-left text in a left-to-right
// paragraph. Numbers at its start belong to that text (rules W2 and I1 of UAX #9: level 2), and
// so do the spaces and signs between them (N1: level 1), so "אבג 12 34" reads "34 12 גבא"; the
// rest, from the space after the last number or from the first Latin letter, stays in place.
func numbersAfter(s string) []unit {
	class := func(r rune) bidi.Class { p, _ := bidi.LookupRune(r); return p.Class() }
	isNumber := func(c bidi.Class) bool { return c == bidi.EN || c == bidi.AN }
	rs := []rune(s)
	var units []unit
	i, end := 0, 0 // end: just after the last number so far
	for i < len(rs) {
		c := class(rs[i])
		if c == bidi.L {
			break
		}
		if isNumber(c) || c == bidi.ET {
			// A number, with the signs inside it (12.5, 1,000) and around it ($12, 50%).
			j, digits := i, false
			for j < len(rs) {
				cj := class(rs[j])
				inside := (cj == bidi.CS || cj == bidi.ES) && digits && j+1 < len(rs) && isNumber(class(rs[j+1]))
				if !isNumber(cj) && cj != bidi.ET && cj != bidi.NSM && !inside {
					break
				}
				digits = digits || isNumber(cj)
				j++
			}
			if !digits {
				break // a sign alone is no number: it stays where it is
			}
			if end < i {
				units = append(units, unit{string(rs[end:i]), 1})
			}
			units = append(units, unit{string(rs[i:j]), 2})
			i, end = j, j
			continue
		}
		i++
	}
	if end < len(rs) {
		units = append(units, unit{string(rs[end:]), 0})
	}
	return units
}

// reverseClusters reverses s letter by letter, each letter keeping the marks that follow it,
// and mirrors paired characters.
func reverseClusters(s string) string {
	var clusters [][]rune
	for _, r := range s {
		if transparent(r) && len(clusters) > 0 {
			last := len(clusters) - 1
			clusters[last] = append(clusters[last], r)
			continue
		}
		if m, ok := mirrored[r]; ok {
			r = m
		}
		clusters = append(clusters, []rune{r})
	}
	var out strings.Builder
	out.Grow(len(s))
	for i := len(clusters) - 1; i >= 0; i-- {
		out.WriteString(string(clusters[i]))
	}
	return out.String()
}
