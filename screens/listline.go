package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// listLine is one line of the list of couples: a name in bold, a detail beside it, each cut
// with an ellipsis when its part of the line is too narrow, and what is due (if anything) at the
// end, whole and in the accent colour, where no long detail can cut it off. Two plain texts, where two labels
// cost the first frame of a full list a third more: a label lays its text out as rich text
// and shapes every cut it tries.
type listLine struct {
	widget.BaseWidget
	Name, Detail, Due string
	// nameCol, when set, is the width of the names' column the whole list shares, so every
	// detail starts at the same place whatever the length of the name before it.
	nameCol *float32
}

func newListLine() *listLine {
	l := &listLine{}
	l.ExtendBaseWidget(l)
	return l
}

// Set shows name, detail and due.
func (l *listLine) Set(name, detail, due string) {
	if l.Name == name && l.Detail == detail && l.Due == due {
		return
	}
	l.Name, l.Detail, l.Due = name, detail, due
	l.Refresh()
}

func (l *listLine) CreateRenderer() fyne.WidgetRenderer {
	r := &listLineRenderer{l: l, name: canvas.NewText("", nil), detail: canvas.NewText("", nil), due: canvas.NewText("", nil)}
	r.name.TextStyle.Bold = true
	// A renderer can be made again for a line that keeps its size (Fyne drops renderers not
	// drawn for a minute); Resize then lays nothing out, so the new one cuts its texts now.
	r.size = l.Size()
	r.Refresh()
	return r
}

type listLineRenderer struct {
	l                 *listLine
	name, detail, due *canvas.Text
	size              fyne.Size
}

func (r *listLineRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.name, r.detail, r.due}
}
func (r *listLineRenderer) Destroy() {}

// MinSize is a label's height; the width is the line's to give, so a long name never widens
// the window.
func (r *listLineRenderer) MinSize() fyne.Size {
	th := r.l.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	h := fyne.MeasureText("M", th.Size(theme.SizeNameText), fyne.TextStyle{Bold: true}).Height
	return fyne.NewSize(4*pad, h+2*pad)
}

// Layout puts what is due at the end, whole, gives the name what it needs up to a quarter of the
// line and the detail the rest, so the step reached at the detail's end shows whole in every
// language; name and detail are cut to fit.
func (r *listLineRenderer) Layout(size fyne.Size) {
	r.size = size
	if size.Width <= 0 {
		return // not on screen yet: nothing to cut
	}
	th := r.l.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	gap := th.Size(theme.SizeNamePadding)
	r.due.Text = r.l.Due
	dueW := float32(0)
	if r.l.Due != "" {
		dueW = r.due.MinSize().Width + 2*pad + gap
	}
	rest := max(size.Width-dueW, 0)
	col := nameWidth(th, r.l.Name)
	if r.l.nameCol != nil && *r.l.nameCol > 0 {
		col = *r.l.nameCol
	}
	nameW := min((rest-gap)/4, col)
	x := float32(0)
	for _, c := range []struct {
		t    *canvas.Text
		full string
		w    float32
	}{{r.name, r.l.Name, nameW}, {r.detail, r.l.Detail, rest - gap - nameW}, {r.due, r.l.Due, dueW - gap}} {
		switch c.t {
		case r.name:
			c.t.Text = fitText(c.full, c.w-2*pad, c.t.TextSize, c.t.TextStyle)
		case r.detail:
			c.t.Text = fitDetail(c.full, c.w-2*pad, c.t.TextSize, c.t.TextStyle)
		}
		h := c.t.MinSize().Height
		c.t.Move(fyne.NewPos(x+pad, (size.Height-h)/2))
		c.t.Resize(fyne.NewSize(max(c.w-2*pad, 0), h))
		x += c.w + gap
	}
}

// nameWidth is the width a list line's name takes whole, padding included.
func nameWidth(th fyne.Theme, name string) float32 {
	return fyne.MeasureText(name, th.Size(theme.SizeNameText), fyne.TextStyle{Bold: true}).Width + 2*th.Size(theme.SizeNameInnerPadding)
}

func (r *listLineRenderer) Refresh() {
	th := r.l.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	for _, t := range []*canvas.Text{r.name, r.detail, r.due} {
		t.Color = th.Color(theme.ColorNameForeground, v)
		t.TextSize = th.Size(theme.SizeNameText)
	}
	r.due.Color = th.Color(theme.ColorNamePrimary, v) // as a label of high importance
	r.Layout(r.size)
	r.name.Refresh()
	r.detail.Refresh()
	r.due.Refresh()
}

// fitDetail is the detail cut to width before its last part (after the last "·": the step
// reached), so that part shows whole as long as it fits on its own, in any language.
func fitDetail(s string, width, size float32, style fyne.TextStyle) string {
	i := strings.LastIndex(s, "·")
	if i <= 0 || fyne.MeasureText(s, size, style).Width <= width {
		return fitText(s, width, size, style)
	}
	head, tail := strings.TrimRight(s[:i], " "), " "+s[i:]
	room := width - fyne.MeasureText(tail, size, style).Width
	if room <= fyne.MeasureText("…", size, style).Width {
		return fitText(s, width, size, style)
	}
	return fitText(head, room, size, style) + tail
}

// fitText is s, or as much of its beginning as fits in width followed by an ellipsis. Widths
// are measured through Fyne's cache; a cut is found in a few measures, not one per letter.
func fitText(s string, width, size float32, style fyne.TextStyle) string {
	if s == "" || fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	const ellipsis = "…"
	runes := []rune(s)
	lo, hi := 0, len(runes) // lo fits, hi does not
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fyne.MeasureText(string(runes[:mid])+ellipsis, size, style).Width <= width {
			lo = mid
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return ellipsis
	}
	return strings.TrimRight(string(runes[:lo]), " ") + ellipsis // "26…", not "26 …"
}
