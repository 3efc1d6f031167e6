package screens

import (
	"image"
	"image/color"
	"math"
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
//
// Fyne lays controls out theme.Padding() (4) apart, side by side and one above another, so the
// ring reaches 3 beyond a control: a gap of 1, in the page's colour, keeps it apart from the
// control (the ring's colour is the text's, under 3:1 against a gold button), and a stroke of
// 2. It then stays 1 clear of a neighbour; at 3+2 it lay over the neighbour.
const (
	ringGap    = 1 // between the control's bounds and the ring's stroke
	ringStroke = 2
)

// focusRing is a layer above a window's content holding the ring. It is no widget, so taps,
// hovers and scrolls reach the controls under it.
//
// The ring is drawn pixel by pixel (a Raster), on whole pixels: a stroked canvas.Rectangle puts
// its stroke inside its bounds in the window (OpenGL) but across them in the software painter
// of screenshots and tests, so one of the two always drew the ring 1 pixel off, onto the
// neighbour or onto the control.
type focusRing struct {
	win fyne.Window
	// Rect is the ring: the rectangle it fills to its edges, hidden when nothing shows it.
	Rect   *canvas.Raster
	colour color.NRGBA // the ring's colour, as last drawn
	layer  *fyne.Container
	// clip, when set, names the area an object is seen through (a scrolled page), so the ring
	// never draws over what surrounds it.
	clip func(fyne.CanvasObject) fyne.CanvasObject
	// inDialog rings live in one of our dialogs: they show while a dialog is on top, where the
	// window's ring hides, and may draw anywhere in the window (around the dialog's buttons).
	inDialog bool
	// what was last placed, so that a look that finds nothing changed costs nothing
	focused               fyne.Focusable
	layerAt, pos, clipPos fyne.Position
	size, clipSize        fyne.Size
}

func newFocusRing(win fyne.Window) *focusRing {
	r := &focusRing{win: win}
	r.Rect = canvas.NewRaster(r.draw)
	r.Rect.ScaleMode = canvas.ImageScalePixels
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
	size := obj.Size()
	clipPos, clipSize := layerAt, r.layer.Size()
	// A list rings the line the keyboard is on, cut to the list (and the ring's width around it).
	var listPos fyne.Position
	var listSize fyne.Size
	lined := false
	if t, ok := f.(interface{ focusTarget() fyne.CanvasObject }); ok {
		if line := t.focusTarget(); line != nil {
			if lineAt := d.AbsolutePositionForObject(line); !lineAt.IsZero() {
				listPos, listSize, lined = at, size, true
				at, size = lineAt, line.Size()
			}
		}
	}
	if r.inDialog {
		clipPos, clipSize = fyne.NewPos(0, 0), c.Size()
	}
	if r.clip != nil {
		if area := r.clip(obj); area != nil {
			clipPos, clipSize = d.AbsolutePositionForObject(area), area.Size()
		}
	}
	if lined {
		out := float32(ringGap + ringStroke)
		clipPos, clipSize = intersect(clipPos, clipSize, listPos.SubtractXY(out, out), listSize.AddWidthHeight(2*out, 2*out))
	}
	if f == r.focused && layerAt == r.layerAt && at == r.pos && size == r.size && clipPos == r.clipPos &&
		clipSize == r.clipSize && r.Rect.Visible() && r.colour == ringColour() {
		return
	}
	r.focused, r.layerAt, r.pos, r.size, r.clipPos, r.clipSize = f, layerAt, at, size, clipPos, clipSize
	r.place(layerAt, at, size, clipPos, clipSize)
}

// place draws the ring ringGap outside the control at pos and size, cut to the clip area (a
// control half scrolled away gets a ring around the part that shows, none when nothing shows).
// Positions are the window's; the ring lands on whole pixels, the control's edges rounded as the
// window rounds them, so the gap and the stroke are exactly as wide everywhere.
func (r *focusRing) place(layerAt, pos fyne.Position, size fyne.Size, clipPos fyne.Position, clipSize fyne.Size) {
	scale := float64(r.win.Canvas().Scale())
	px := func(v float32) float64 { return math.Round(float64(v) * scale) }
	out := math.Round((ringGap + ringStroke) * scale)
	x0, y0 := max(px(pos.X)-out, px(clipPos.X)), max(px(pos.Y)-out, px(clipPos.Y))
	x1 := min(px(pos.X+size.Width)+out, px(clipPos.X+clipSize.Width))
	y1 := min(px(pos.Y+size.Height)+out, px(clipPos.Y+clipSize.Height))
	if x1-x0 < 2*out || y1-y0 < 2*out {
		r.Rect.Hide()
		return
	}
	unit := func(v float64) float32 { return float32(v / scale) }
	r.colour = ringColour()
	r.Rect.Move(fyne.NewPos(unit(x0)-layerAt.X, unit(y0)-layerAt.Y))
	r.Rect.Resize(fyne.NewSize(unit(x1-x0), unit(y1-y0)))
	r.Rect.Show()
	r.Rect.Refresh()
}

// draw paints the ring into w by h pixels: a rounded outline ringStroke wide along the edges,
// its corners following the controls' own, smoothed, and clear inside.
func (r *focusRing) draw(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	scale := float64(r.win.Canvas().Scale())
	stroke := math.Round(ringStroke * scale)
	radius := float64(theme.InputRadiusSize()+ringGap+ringStroke) * scale
	radius = min(radius, float64(min(w, h))/2)
	hw, hh := float64(w)/2, float64(h)/2
	for y := range h {
		for x := 0; x < w; x++ {
			// Inside the ring, away from the corners, nothing is drawn: go across.
			if x == int(stroke) && float64(y) >= radius && float64(y) < float64(h)-radius {
				x = w - int(stroke) - 1
				continue
			}
			px, py := float64(x)+0.5-hw, float64(y)+0.5-hh
			outer := roundedBoxDistance(px, py, hw, hh, radius)
			inner := roundedBoxDistance(px, py, hw-stroke, hh-stroke, max(radius-stroke, 0))
			cover := clamp01(0.5-outer) - clamp01(0.5-inner)
			if cover <= 0 {
				continue
			}
			c := r.colour
			c.A = uint8(math.Round(float64(c.A) * min(cover, 1)))
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

// roundedBoxDistance is how far (px, py) lies outside a box of half-size hw by hh centred on
// the origin with corners of radius rad; negative inside.
func roundedBoxDistance(px, py, hw, hh, rad float64) float64 {
	qx, qy := math.Abs(px)-(hw-rad), math.Abs(py)-(hh-rad)
	return math.Hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - rad
}

func clamp01(v float64) float64 { return min(max(v, 0), 1) }

// ringColour is the theme's ring colour in the variant shown.
func ringColour() color.NRGBA {
	return color.NRGBAModel.Convert(theme.Color(colorNameFocusRing)).(color.NRGBA)
}

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

// intersect is the part two rectangles share (empty when they share nothing).
func intersect(aPos fyne.Position, aSize fyne.Size, bPos fyne.Position, bSize fyne.Size) (fyne.Position, fyne.Size) {
	x0, y0 := max(aPos.X, bPos.X), max(aPos.Y, bPos.Y)
	x1, y1 := min(aPos.X+aSize.Width, bPos.X+bSize.Width), min(aPos.Y+aSize.Height, bPos.Y+bSize.Height)
	return fyne.NewPos(x0, y0), fyne.NewSize(max(x1-x0, 0), max(y1-y0, 0))
}
