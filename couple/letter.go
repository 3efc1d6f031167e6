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

// ReplyAuthor is who answers the apology letter in writing: the hurt partner, and false when
// both rebuild trust (then each wrote the letter to the other, and the reply is theirs together).
func ReplyAuthor(r Rebuilder) (Partner, bool) {
	switch r {
	case RebuilderA:
		return PartnerB, true
	case RebuilderB:
		return PartnerA, true
	}
	return "", false
}

// ReplyVisible reports whether whoever is at the keyboard may read a reply written by author
// ("" when it is the couple's together): like a reflection answer, its author alone until they
// share it; the letter's writer reads it then.
func ReplyVisible(k Keyboard, author Partner, shared bool) bool {
	return author == "" || k.CanSee(author, shared)
}

// MayWriteReply reports whether whoever is at the keyboard may write the reply: the hurt partner
// (ReplyAuthor; alone, or with the other once the reply is shared and open to both), only to a
// letter given to them to read (no longer a draft), and never over a reply they cannot read
// (written by prevAuthor, "" if none or together, before who rebuilds trust was changed).
func MayWriteReply(k Keyboard, r Rebuilder, letterStatus string, prevAuthor Partner, shared bool) error {
	if letterStatus == "" || letterStatus == LetterDraft {
		return refuse("the letter is still a draft: a reply waits until it is ready to read")
	}
	author, one := ReplyAuthor(r)
	switch {
	case !k.Valid():
		return ErrNotYours
	case !ReplyVisible(k, prevAuthor, shared):
		return refuse("the reply to the letter is private to its author until they share it")
	case one && (!k.Speaks(author) || !k.CanSee(author, shared)):
		return refuse("the reply to the letter is written by the partner it was written to: they need to be at the keyboard")
	}
	return nil
}
