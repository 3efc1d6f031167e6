package couple

import "fmt"

// Letter statuses: the partner rebuilding trust writes a draft, marks it ready, then gives it.
const (
	LetterDraft = "draft"
	LetterReady = "ready"
	LetterGiven = "given"
)

// LetterStatuses in the order the letter moves through them.
var LetterStatuses = []string{LetterDraft, LetterReady, LetterGiven}

// CheckLetterStatus refuses a status that is not one of LetterStatuses ("" is a draft).
func CheckLetterStatus(status string) error {
	switch status {
	case "", LetterDraft, LetterReady, LetterGiven:
		return nil
	}
	return refuse(fmt.Sprintf("letter status must be draft, ready or given, not %q", status))
}

// MayWriteLetter reports whether whoever is at the keyboard may change the apology letter: the
// partner rebuilding trust writes it, alone or with the other beside them.
func MayWriteLetter(k Keyboard, r Rebuilder) bool {
	if p, one := k.Partner(); one {
		return r.IsRebuilding(p)
	}
	return k == KeyboardBoth
}

// LetterVisible reports whether whoever is at the keyboard may read the letter: its writers
// always, the hurt partner alone only once it is no longer a draft.
func LetterVisible(k Keyboard, r Rebuilder, status string) bool {
	if p, one := k.Partner(); one && !r.IsRebuilding(p) {
		return status != "" && status != LetterDraft
	}
	return true
}
