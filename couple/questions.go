package couple

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
