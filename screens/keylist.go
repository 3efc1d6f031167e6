package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyList is a list a keyboard can use whole: Enter opens the line the keyboard is on, as Space
// does (Fyne's list knows Space only), and Home, End, Page Up and Page Down cross a list of
// hundreds of couples in a few presses where the arrows alone take hundreds.
type keyList struct {
	widget.List
	// at is the line the keyboard is on: Fyne keeps its own private, so every move goes
	// through here (a tap moves both).
	at int
	// OnChosen opens line id, chosen by a tap or by the keyboard.
	OnChosen func(id widget.ListItemID)
	// showing is which line each line widget shows now (Fyne reuses them as the list
	// scrolls): the focus ring goes around the line the keyboard is on.
	showing map[fyne.CanvasObject]widget.ListItemID
	lineOf  map[widget.ListItemID]fyne.CanvasObject // the widget that last took each line
}

func newKeyList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *keyList {
	l := &keyList{showing: map[fyne.CanvasObject]widget.ListItemID{}, lineOf: map[widget.ListItemID]fyne.CanvasObject{}}
	l.Length, l.CreateItem = length, create
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		l.showing[o], l.lineOf[id] = id, o
		update(id, o)
	}
	l.OnSelected = func(id widget.ListItemID) {
		l.at = id
		l.UnselectAll() // chosen, not kept selected: the same line opens again next time
		if l.OnChosen != nil {
			l.OnChosen(id)
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey moves through the lines or opens the one the keyboard is on.
func (l *keyList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if l.at >= 0 && l.at < l.Length() {
			l.Select(l.at)
		}
	case fyne.KeyUp:
		l.MoveTo(l.at - 1)
	case fyne.KeyDown:
		l.MoveTo(l.at + 1)
	case fyne.KeyHome:
		l.MoveTo(0)
	case fyne.KeyEnd:
		l.MoveTo(l.Length() - 1)
	case fyne.KeyPageUp:
		l.MoveTo(l.at - l.page())
	case fyne.KeyPageDown:
		l.MoveTo(l.at + l.page())
	default:
		l.List.TypedKey(ev)
	}
}

// MoveTo puts the keyboard on line i (kept within the list) and scrolls the least that shows it.
func (l *keyList) MoveTo(i int) {
	n := l.Length()
	if n == 0 {
		l.at = 0
		return
	}
	l.at = min(max(i, 0), n-1)
	l.Highlight(l.at)
}

// page is how many lines (all of them list lines) the list shows at once, less one so a page move keeps one line in view.
func (l *keyList) page() int {
	th := l.Theme()
	h := newListLine().MinSize().Height + th.Size(theme.SizeNamePadding)
	return max(int(l.Size().Height/h)-1, 1)
}

// focusTarget is the line the keyboard is on, when it is in view: Fyne marks it only with its
// faint hover colour, so the focus ring goes around it rather than around the whole list.
func (l *keyList) focusTarget() fyne.CanvasObject {
	// The widget that last took the line, if it still shows it (Fyne reuses line widgets).
	if o := l.lineOf[l.at]; o != nil && l.showing[o] == l.at && o.Visible() {
		return o
	}
	return nil
}
