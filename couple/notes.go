package couple

// Weekly notes. Each partner keeps their own note on each week, private to its author until
// they share it, like a reflection answer. The check-in's three notes (what went well, what was
// hard, what was appreciated) are the couple's together: before each partner had a note of their
// own they were written on a screen both could see and change, and nobody recorded who typed
// them, so they are told as written together and are written with both at the keyboard.

// MayWriteWeekNote reports whether whoever is at the keyboard may write author's own note on a
// week: the author alone. With both at the keyboard, what they write is the note written together.
func MayWriteWeekNote(k Keyboard, author Partner) bool {
	p, one := k.Partner()
	return one && p == author
}

// MayWriteTogether reports whether whoever is at the keyboard may write the notes the couple
// writes together: both of them, side by side.
func MayWriteTogether(k Keyboard) bool { return k == KeyboardBoth }

// WeekNoteVisible reports whether whoever is at the keyboard may read author's note on a week:
// its author alone, or anyone once it is shared.
func WeekNoteVisible(k Keyboard, author Partner, shared bool) bool { return k.CanSee(author, shared) }
