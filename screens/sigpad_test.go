package screens

import (
	"bytes"
	"image/png"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// drawOn signs a pad as a hand would: one continuous stroke of several drag events, then a dot.
func drawOn(p *SignaturePad) {
	pos := fyne.NewPos(30, 70)
	for i := 0; i < 12; i++ {
		d := fyne.Delta{DX: 20, DY: float32(i%3*8) - 8}
		pos = pos.Add(d)
		p.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: d})
	}
	p.DragEnd()
	p.Tapped(&fyne.PointEvent{Position: fyne.NewPos(120, 30)})
}

func TestSignaturePadDrawClearAndRender(t *testing.T) {
	test.NewTempApp(t)
	pad := NewSignaturePad("Sign here")
	w := test.NewTempWindow(t, pad)
	w.Resize(fyne.NewSize(420, 160))
	changes := 0
	pad.OnChanged = func() { changes++ }
	if !pad.Empty() {
		t.Fatal("a new pad is not empty")
	}
	if img, err := pad.PNG(); img != nil || err != nil {
		t.Fatalf("an empty pad rendered %d bytes, %v", len(img), err)
	}
	at := fyne.NewPos(pad.Position().X+100, pad.Position().Y+60)
	test.Drag(w.Canvas(), at, 40, 10)
	test.Drag(w.Canvas(), at.Add(fyne.NewPos(60, 0)), 30, -10)
	strokes := pad.Strokes()
	if len(strokes) != 2 || len(strokes[0]) != 2 || changes != 2 {
		t.Fatalf("two drags made %d strokes (%v), %d changes", len(strokes), strokes, changes)
	}
	if p := strokes[0][1]; p.X <= strokes[0][0].X {
		t.Errorf("stroke does not follow the drag: %v", strokes[0])
	}
	drawOn(pad)
	if got := len(pad.Strokes()); got != 4 {
		t.Fatalf("strokes = %d, want 4 (two drags, a stroke and a dot)", got)
	}
	raw, err := pad.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("signature is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 600 || b.Dy() != 200 {
		t.Errorf("signature image is %v", b)
	}
	inked := 0
	for y := 0; y < 200; y++ {
		for x := 0; x < 600; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a > 0 {
				inked++
			}
		}
	}
	if inked < 200 {
		t.Errorf("only %d inked pixels in the signature", inked)
	}
	// Points outside the pad stay on it.
	pad.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(-50, 9999)}, Dragged: fyne.Delta{DX: 1, DY: 1}})
	pad.DragEnd()
	s := pad.Strokes()
	for _, pt := range s[len(s)-1] {
		if pt.X < 0 || pt.Y < 0 || pt.X > pad.Size().Width || pt.Y > pad.Size().Height {
			t.Errorf("point %v lies outside the pad %v", pt, pad.Size())
		}
	}
	pad.Clear()
	if !pad.Empty() || len(pad.Strokes()) != 0 {
		t.Error("Clear left strokes")
	}
	if ms := pad.MinSize(); ms.Width < 300 || ms.Height < 100 {
		t.Errorf("pad min size %v is too small to sign in", ms)
	}
}

func TestSignaturePadDisabledIgnoresInput(t *testing.T) {
	test.NewTempApp(t)
	pad := NewSignaturePad("Sign here")
	w := test.NewTempWindow(t, pad)
	w.Resize(fyne.NewSize(420, 160))
	pad.Disable()
	drawOn(pad)
	test.Drag(w.Canvas(), fyne.NewPos(100, 60), 40, 10)
	if !pad.Empty() || !pad.Disabled() {
		t.Fatal("a disabled pad took a signature")
	}
	pad.Enable()
	drawOn(pad)
	if pad.Empty() {
		t.Fatal("an enabled pad took no signature")
	}
}
