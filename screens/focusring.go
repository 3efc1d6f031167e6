package screens

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Fyne shows focus by blending one colour over a button and as a halo around a check or radio,
// and no single colour makes both 3:1 visible without ruining the text on a focused gold button
// (WCAG 2.2 2.4.11, 1.4.11). So the window draws its own ring, in the ring colour (3:1 against
// the page in both variants), just outside whatever has focus.
const (
	ringGap    = 3 // between the control's bounds and the ring's stroke
	ringStroke = 2
)

// focusRing is a layer above a window's content holding one outlined rectangle. It is no widget,
// so taps, hovers and scrolls reach the controls under it.
type focusRing struct {
	win   fyne.Window
	Rect  *canvas.Rectangle
	layer *fyne.Container
	// clip, when set, names the area an object is seen through (a scrolled page), so the ring
	// never draws over what surrounds it.
	clip func(fyne.CanvasObject) fyne.CanvasObject
	// inDialog rings live in one of our dialogs: they show while a dialog is on top, where the
	// window's ring hides, and may draw anywhere in the window (around the dialog's buttons).
	inDialog bool
	// what was last placed, so that a look that finds nothing changed costs nothing
	focused        fyne.Focusable
	pos, clipPos   fyne.Position
	size, clipSize fyne.Size
}

func newFocusRing(win fyne.Window) *focusRing {
	r := &focusRing{win: win, Rect: canvas.NewRectangle(nil)}
	r.Rect.FillColor = nil
	r.Rect.StrokeWidth = ringStroke
	r.Rect.CornerRadius = theme.InputRadiusSize() + ringGap
	r.Rect.Hide()
	r.layer = container.NewWithoutLayout(r.Rect)
	return r
}

// withFocusRing is the one way a screen becomes a window's content: the content with the ring
// drawn above it.
func withFocusRing(r *focusRing, content fyne.CanvasObject) fyne.CanvasObject {
	r.focused = nil // a new screen: place the ring again on the next look
	r.Rect.Hide()
	return container.NewStack(content, r.layer)
}

// Update places the ring around the focused control, or hides it when nothing in the content
// has focus (a dialog on top has its own ring, see askDialog) or the control is not shown.
func (r *focusRing) Update() {
	c := r.win.Canvas()
	f := c.Focused()
	obj, ok := f.(fyne.CanvasObject)
	d := fyne.CurrentApp().Driver()
	// The driver gives (0,0) for an object it cannot find among what is shown (a screen left
	// behind, a hidden tab); no control of ours sits at the window's very corner.
	at := d.AbsolutePositionForObject(obj)
	if !ok || (c.Overlays().Top() != nil) != r.inDialog || !obj.Visible() || at.IsZero() {
		r.focused = nil
		if r.Rect.Visible() {
			r.Rect.Hide()
		}
		return
	}
	layerAt := d.AbsolutePositionForObject(r.layer)
	pos, size := at.Subtract(layerAt), obj.Size()
	clipPos, clipSize := fyne.NewPos(0, 0), r.layer.Size()
	if r.inDialog {
		clipPos, clipSize = fyne.NewPos(-layerAt.X, -layerAt.Y), c.Size()
	}
	if r.clip != nil {
		if area := r.clip(obj); area != nil {
			clipPos, clipSize = d.AbsolutePositionForObject(area).Subtract(layerAt), area.Size()
		}
	}
	if f == r.focused && pos == r.pos && size == r.size && clipPos == r.clipPos && clipSize == r.clipSize &&
		r.Rect.Visible() && r.Rect.StrokeColor == ringColour() {
		return
	}
	r.focused, r.pos, r.size, r.clipPos, r.clipSize = f, pos, size, clipPos, clipSize
	r.place(pos, size, clipPos, clipSize)
}

// place draws the ring ringGap outside pos and size, cut to the clip area (a control half
// scrolled away gets a ring around the part that shows, none when nothing shows).
func (r *focusRing) place(pos fyne.Position, size fyne.Size, clipPos fyne.Position, clipSize fyne.Size) {
	out := float32(ringGap + ringStroke)
	x0, y0 := max(pos.X-out, clipPos.X), max(pos.Y-out, clipPos.Y)
	x1 := min(pos.X+size.Width+out, clipPos.X+clipSize.Width)
	y1 := min(pos.Y+size.Height+out, clipPos.Y+clipSize.Height)
	if x1-x0 < 2*out || y1-y0 < 2*out {
		r.Rect.Hide()
		return
	}
	r.Rect.StrokeColor = ringColour()
	r.Rect.Move(fyne.NewPos(x0, y0))
	r.Rect.Resize(fyne.NewSize(x1-x0, y1-y0))
	r.Rect.Show()
	r.Rect.Refresh()
}

// ringColour is the theme's ring colour in the variant shown.
func ringColour() color.Color { return theme.Color(colorNameFocusRing) }

// watch looks a few times a second: Fyne has no focus-change event, and scrolling or a relayout
// moves the focused control without one. It stops when the window closes.
func (r *focusRing) watch(every time.Duration, also func()) {
	ticker := time.NewTicker(every)
	stop := make(chan struct{})
	r.win.SetOnClosed(func() { close(stop) })
	go func() {
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				fyne.Do(func() {
					if also != nil {
						also()
					}
					r.Update()
				})
			case <-stop:
				return
			}
		}
	}()
}
