package couple

import "strings"

// The sections of questions a partner answers, by content section ID.
const (
	SectionClarifying     = "clarifying"
	SectionReflectRebuild = "reflection-rebuilding"
	SectionReflectHurt    = "reflection-hurt"
)

// QuestionSections are the question sections partner p answers: both the clarifying questions,
// the partner rebuilding trust their reflection, the hurt partner theirs (both when both rebuild).
func QuestionSections(r Rebuilder, p Partner) []string {
	secs := []string{SectionClarifying}
	if r.IsRebuilding(p) {
		secs = append(secs, SectionReflectRebuild)
	}
	if r.IsHurt(p) {
		secs = append(secs, SectionReflectHurt)
	}
	return secs
}

// Answers reports whether partner p answers the questions of section sec.
func Answers(r Rebuilder, p Partner, sec string) bool {
	for _, s := range QuestionSections(r, p) {
		if s == sec {
			return true
		}
	}
	return false
}

// Private is something one partner wrote for themselves: an answer or a note.
type Private struct {
	Author Partner
	Shared bool
}

// CanSee reports whether whoever is at the keyboard may read what author wrote: its author
// alone at the keyboard, or anyone once the author has shared it. With both at the keyboard an
// unshared text stays closed, since its author's partner is there too.
func (k Keyboard) CanSee(author Partner, shared bool) bool {
	p, one := k.Partner()
	return shared || (one && author == p)
}

// InPrint reports whether a private text goes into the couple's workbook, which both may read.
func InPrint(shared bool) bool { return shared }

// ClosesPrivate reports whether handing the keyboard from one to another closes what a partner
// opened with their PIN: any change of who is at the keyboard does, even back to the same
// partner later, since nobody can tell who sits there but the person who types the PIN.
func ClosesPrivate(from, to Keyboard) bool { return from != to }

// DeletionConfirmed reports whether what a person typed names both partners, as asked before a
// couple is deleted for good: both names, in either order, with or without "&" or "and", any
// case and spacing. A slip of the hand (a click, Enter) never deletes a couple.
func DeletionConfirmed(typed, nameA, nameB string) bool {
	words := func(s string) []string {
		var out []string
		for _, w := range strings.Fields(strings.ToLower(s)) {
			if w != "&" && w != "and" {
				out = append(out, w)
			}
		}
		return out
	}
	a, b, got := words(nameA), words(nameB), strings.Join(words(typed), " ")
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	ab := strings.Join(append(append([]string(nil), a...), b...), " ")
	ba := strings.Join(append(append([]string(nil), b...), a...), " ")
	return got == ab || got == ba
}
