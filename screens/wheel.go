package screens

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A multi-line Entry scrolls its own text inside, and Fyne gives the mouse wheel to the
// innermost scrollable under the pointer: over a text box the page stopped scrolling, even when
// the box had nothing to scroll. TextArea lays a thin layer over the Entry that only takes the
// wheel (taps, drags and the cursor still reach the Entry beneath) and passes it on: to the
// Entry's own scroll while its text is taller than the box, else to the page holding it.

// CreateRenderer is the Entry's renderer with the wheel layer on top.
func (t *TextArea) CreateRenderer() fyne.WidgetRenderer {
	t.ExtendBaseWidget(t)
	r := t.Entry.CreateRenderer()
	return &textAreaRenderer{WidgetRenderer: r, wheel: newWheelPass(t, r)}
}

type textAreaRenderer struct {
	fyne.WidgetRenderer
	wheel *wheelPass
}

func (r *textAreaRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.wheel.Move(fyne.NewPos(0, 0))
	r.wheel.Resize(size)
}

func (r *textAreaRenderer) Objects() []fyne.CanvasObject {
	objs := r.WidgetRenderer.Objects()
	return append(objs[:len(objs):len(objs)], r.wheel)
}

// wheelPass is the layer: scrollable, and nothing else.
type wheelPass struct {
	widget.BaseWidget
	area  *TextArea
	inner fyne.WidgetRenderer // the Entry's renderer, which holds its own scroll
}

func newWheelPass(area *TextArea, inner fyne.WidgetRenderer) *wheelPass {
	w := &wheelPass{area: area, inner: inner}
	w.ExtendBaseWidget(w)
	return w
}

func (w *wheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{})
}

// Scrolled hands the wheel to the text box's own scroll when it has more text than it shows,
// else to the page.
func (w *wheelPass) Scrolled(ev *fyne.ScrollEvent) {
	if w.area.overflows() {
		for _, o := range w.inner.Objects() {
			if s, ok := o.(fyne.Scrollable); ok {
				s.Scrolled(ev)
				return
			}
		}
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(w.area); c != nil {
		if page := scrollHolding(c.Content(), w.area); page != nil {
			page.Scrolled(ev)
		}
	}
}

// overflows reports whether the text needs more lines than the box shows (measured paragraph by
// paragraph; word wrapping may take a line more, which only makes the page scroll a little early).
func (t *TextArea) overflows() bool {
	th := t.Theme()
	pad := 2 * (th.Size(theme.SizeNameInnerPadding) + th.Size(theme.SizeNameInputBorder))
	width := t.Size().Width - pad
	if width <= 0 {
		return false
	}
	size := th.Size(theme.SizeNameText)
	lineHeight := fyne.MeasureText("M", size, t.TextStyle).Height
	lines := 0
	for _, p := range splitLines(t.Text) {
		w := fyne.MeasureText(p, size, t.TextStyle).Width
		lines += max(1, int(math.Ceil(float64(w/width))))
	}
	return float32(lines)*lineHeight > t.Size().Height-pad
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// scrollHolding is the innermost container.Scroll under o whose content holds target, looking
// through containers, scrolls and splits (the shapes a step's page is built of).
func scrollHolding(o, target fyne.CanvasObject) *container.Scroll {
	var found *container.Scroll
	var walk func(o fyne.CanvasObject, in *container.Scroll) bool
	walk = func(o fyne.CanvasObject, in *container.Scroll) bool {
		if o == nil {
			return false
		}
		if o == target {
			found = in
			return true
		}
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				if walk(c, in) {
					return true
				}
			}
		case *container.Scroll:
			return walk(v.Content, v)
		case *container.Split:
			return walk(v.Leading, in) || walk(v.Trailing, in)
		}
		return false
	}
	walk(o, nil)
	return found
}
