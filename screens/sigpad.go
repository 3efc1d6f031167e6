package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
)

// Colours of the signature pad: dark ink on light paper, in light and dark themes alike, as a
// signature on paper looks.
var (
	padPaper         = color.NRGBA{R: 0xFF, G: 0xFD, B: 0xF8, A: 0xff}
	padPaperDisabled = color.NRGBA{R: 0xEE, G: 0xEC, B: 0xE7, A: 0xff}
	padBorder        = color.NRGBA{R: 0xC9, G: 0xC2, B: 0xB2, A: 0xff}
	padInk           = color.NRGBA{R: 0x1f, G: 0x2a, B: 0x44, A: 0xff}
	padInkDisabled   = color.NRGBA{R: 0x1f, G: 0x2a, B: 0x44, A: 0x66}
	padGuide         = color.NRGBA{R: 0x8A, G: 0x80, B: 0x6C, A: 0xff}
	padGuideDisabled = color.NRGBA{R: 0x8A, G: 0x80, B: 0x6C, A: 0x66}
)

const padInkWidth = 2.5

// SignaturePad is a box to sign in with a mouse, a touchpad or a pen. It records the strokes
// drawn, in pad coordinates, and renders them as a PNG image for the agreement.
type SignaturePad struct {
	widget.BaseWidget

	// Placeholder is the faint hint under the signing line ("Sign here").
	Placeholder string
	// OnChanged runs after each change to the drawing: a stroke drawn, a dot, or Clear.
	OnChanged func()

	strokes  []app.Stroke
	drawing  bool
	disabled bool
}

var (
	_ fyne.Draggable     = (*SignaturePad)(nil)
	_ fyne.Tappable      = (*SignaturePad)(nil)
	_ fyne.Disableable   = (*SignaturePad)(nil)
	_ desktop.Cursorable = (*SignaturePad)(nil)
)

// NewSignaturePad returns an empty pad with the given faint hint under its line.
func NewSignaturePad(placeholder string) *SignaturePad {
	p := &SignaturePad{Placeholder: placeholder}
	p.ExtendBaseWidget(p)
	return p
}

// MinSize is about the size of a signature line on paper.
func (p *SignaturePad) MinSize() fyne.Size {
	p.ExtendBaseWidget(p)
	return fyne.NewSize(360, 120)
}

// Dragged extends the current stroke, starting a new one at the start of a drag.
func (p *SignaturePad) Dragged(ev *fyne.DragEvent) {
	if p.disabled {
		return
	}
	to := p.clamp(ev.Position)
	if !p.drawing {
		from := p.clamp(ev.Position.Subtract(ev.Dragged))
		p.strokes = append(p.strokes, app.Stroke{{X: from.X, Y: from.Y}})
		p.drawing = true
	}
	last := &p.strokes[len(p.strokes)-1]
	if prev := (*last)[len(*last)-1]; prev.X == to.X && prev.Y == to.Y {
		return
	}
	*last = append(*last, app.Point{X: to.X, Y: to.Y})
	p.Refresh()
	p.changed()
}

// DragEnd ends the current stroke.
func (p *SignaturePad) DragEnd() { p.drawing = false }

// Tapped puts a dot, as on the i of a name.
func (p *SignaturePad) Tapped(ev *fyne.PointEvent) {
	if p.disabled {
		return
	}
	at := p.clamp(ev.Position)
	p.strokes = append(p.strokes, app.Stroke{{X: at.X, Y: at.Y}})
	p.Refresh()
	p.changed()
}

// Cursor is a crosshair over the pad while it can be signed.
func (p *SignaturePad) Cursor() desktop.Cursor {
	if p.disabled {
		return desktop.DefaultCursor
	}
	return desktop.CrosshairCursor
}

// Clear removes everything drawn.
func (p *SignaturePad) Clear() {
	p.strokes, p.drawing = nil, false
	p.Refresh()
	p.changed()
}

// Empty reports whether nothing has been drawn.
func (p *SignaturePad) Empty() bool { return len(p.strokes) == 0 }

// Strokes returns a copy of what has been drawn.
func (p *SignaturePad) Strokes() []app.Stroke {
	out := make([]app.Stroke, len(p.strokes))
	for i, s := range p.strokes {
		out[i] = append(app.Stroke(nil), s...)
	}
	return out
}

// SetStrokes replaces the drawing, e.g. to carry an unsigned drawing over when a screen rebuilds.
func (p *SignaturePad) SetStrokes(strokes []app.Stroke) {
	p.strokes = nil
	for _, s := range strokes {
		if len(s) > 0 {
			p.strokes = append(p.strokes, append(app.Stroke(nil), s...))
		}
	}
	p.drawing = false
	p.Refresh()
}

// PNG renders the drawing as a transparent PNG image (nil when nothing is drawn).
func (p *SignaturePad) PNG() ([]byte, error) {
	size := p.Size()
	if size.Width <= 0 || size.Height <= 0 {
		size = p.MinSize()
	}
	return app.RenderSignature(p.strokes, size.Width, size.Height)
}

// Disable stops the pad taking input and mutes it.
func (p *SignaturePad) Disable() {
	if !p.disabled {
		p.disabled, p.drawing = true, false
		p.Refresh()
	}
}

// Enable lets the pad take input again.
func (p *SignaturePad) Enable() {
	if p.disabled {
		p.disabled = false
		p.Refresh()
	}
}

// Disabled reports whether the pad ignores input.
func (p *SignaturePad) Disabled() bool { return p.disabled }

func (p *SignaturePad) changed() {
	if p.OnChanged != nil {
		p.OnChanged()
	}
}

func (p *SignaturePad) clamp(pos fyne.Position) fyne.Position {
	size := p.Size()
	if size.Width <= 0 || size.Height <= 0 {
		size = p.MinSize()
	}
	return fyne.NewPos(min(max(pos.X, 0), size.Width), min(max(pos.Y, 0), size.Height))
}

// CreateRenderer draws paper, a signing line with its hint, and the ink.
func (p *SignaturePad) CreateRenderer() fyne.WidgetRenderer {
	p.ExtendBaseWidget(p)
	r := &sigpadRenderer{pad: p, paper: canvas.NewRectangle(padPaper), line: canvas.NewLine(padGuide),
		cross: canvas.NewText("×", padGuide), hint: canvas.NewText(p.Placeholder, padGuide)}
	r.paper.CornerRadius = 6
	r.paper.StrokeColor = padBorder
	r.paper.StrokeWidth = 1
	r.line.StrokeWidth = 1
	r.cross.TextSize = theme.TextSize() * 1.3
	r.hint.TextSize = theme.CaptionTextSize()
	r.hint.TextStyle = fyne.TextStyle{Italic: true}
	r.Refresh()
	return r
}

// sigpadRenderer keeps one canvas.Line per drawn segment and one circle per dot; while
// drawing it only adds the new segments, so long signatures stay smooth.
type sigpadRenderer struct {
	pad      *SignaturePad
	paper    *canvas.Rectangle
	line     *canvas.Line
	cross    *canvas.Text
	hint     *canvas.Text
	ink      []fyne.CanvasObject
	drawn    []int // points of each stroke already drawn
	disabled bool
	objects  []fyne.CanvasObject
}

func (r *sigpadRenderer) Layout(size fyne.Size) {
	r.paper.Resize(size)
	r.paper.Move(fyne.NewPos(0, 0))
	margin := float32(18)
	y := size.Height * 0.74
	r.line.Position1 = fyne.NewPos(margin, y)
	r.line.Position2 = fyne.NewPos(size.Width-margin, y)
	cs := r.cross.MinSize()
	r.cross.Move(fyne.NewPos(margin, y-cs.Height+2))
	r.cross.Resize(cs)
	hs := r.hint.MinSize()
	r.hint.Move(fyne.NewPos(margin, y+4))
	r.hint.Resize(hs)
}

func (r *sigpadRenderer) MinSize() fyne.Size { return r.pad.MinSize() }

func (r *sigpadRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *sigpadRenderer) Destroy() {}

func (r *sigpadRenderer) inkColor() color.Color {
	if r.disabled {
		return padInkDisabled
	}
	return padInk
}

// Refresh brings the ink up to date with the pad's strokes.
func (r *sigpadRenderer) Refresh() {
	p := r.pad
	restyle := r.disabled != p.disabled || r.hint.Text != p.Placeholder || r.objects == nil
	if restyle {
		r.disabled = p.disabled
		r.hint.Text = p.Placeholder
		paper, guide := color.Color(padPaper), color.Color(padGuide)
		if r.disabled {
			paper, guide = padPaperDisabled, padGuideDisabled
		}
		r.paper.FillColor = paper
		r.line.StrokeColor, r.cross.Color, r.hint.Color = guide, guide, guide
		r.Layout(p.Size())
		for _, o := range []fyne.CanvasObject{r.paper, r.line, r.cross, r.hint} {
			canvas.Refresh(o)
		}
	}
	// Strokes only grow while drawing; anything else (Clear, SetStrokes) redraws from scratch.
	rebuild := len(p.strokes) < len(r.drawn)
	for i := 0; !rebuild && i < len(r.drawn); i++ {
		rebuild = len(p.strokes[i]) < r.drawn[i]
	}
	if rebuild {
		r.ink, r.drawn = nil, nil
	}
	for len(r.drawn) < len(p.strokes) {
		r.drawn = append(r.drawn, 0)
	}
	var added []fyne.CanvasObject
	for i, s := range p.strokes {
		from := r.drawn[i]
		if from == len(s) {
			continue
		}
		if len(s) == 1 {
			dot := canvas.NewCircle(r.inkColor())
			rad := float32(padInkWidth) * 0.9
			dot.Move(fyne.NewPos(s[0].X-rad, s[0].Y-rad))
			dot.Resize(fyne.NewSize(2*rad, 2*rad))
			added = append(added, dot)
		}
		for j := max(from, 1); j < len(s); j++ {
			l := canvas.NewLine(r.inkColor())
			l.StrokeWidth = padInkWidth
			l.Position1 = fyne.NewPos(s[j-1].X, s[j-1].Y)
			l.Position2 = fyne.NewPos(s[j].X, s[j].Y)
			added = append(added, l)
		}
		r.drawn[i] = len(s)
	}
	r.ink = append(r.ink, added...)
	if restyle && !rebuild {
		for _, o := range r.ink {
			switch o := o.(type) {
			case *canvas.Line:
				o.StrokeColor = r.inkColor()
			case *canvas.Circle:
				o.FillColor = r.inkColor()
			}
			canvas.Refresh(o)
		}
	}
	r.objects = append([]fyne.CanvasObject{r.paper, r.line, r.cross, r.hint}, r.ink...)
	if rebuild {
		canvas.Refresh(p)
		return
	}
	if len(added) > 0 {
		// New ink is not yet known to any canvas, so refreshing it alone reaches nothing and the
		// window showed it only at its next repaint (after a focus change). Refreshing the guide
		// line, which the canvas knows, marks it dirty and the next frame draws the new ink.
		canvas.Refresh(r.line)
	}
}
