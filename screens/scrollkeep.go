package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// pageScroll finds the scrolling page under o (page() makes one per step), or nil.
func pageScroll(o fyne.CanvasObject) *container.Scroll {
	switch v := o.(type) {
	case *container.Scroll:
		return v
	case *fyne.Container:
		for _, child := range v.Objects {
			if s := pageScroll(child); s != nil {
				return s
			}
		}
	}
	return nil
}

// keepScroll puts the new page where the old one was: a step rebuilt after adding a commitment,
// switching who is at the keyboard or signing stays where the person was reading, instead of
// jumping to the top.
func keepScroll(old, fresh fyne.CanvasObject) {
	from, to := pageScroll(old), pageScroll(fresh)
	if from == nil || to == nil || from.Offset.Y == 0 {
		return
	}
	to.Offset = from.Offset
	to.Refresh()
}
