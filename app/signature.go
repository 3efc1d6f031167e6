package app

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
)

// Stroke is one continuous line of a drawn signature, in pad coordinates.
type Stroke []Point

// Point is a position on the signature pad.
type Point struct{ X, Y float32 }

// SignatureSize is the pixel size of a stored signature image (wide, like a signature line).
var SignatureSize = image.Pt(600, 200)

var inkColor = color.NRGBA{R: 0x1f, G: 0x2a, B: 0x44, A: 0xff}

// RenderSignature draws strokes made on a pad of size padW x padH into a transparent PNG of
// SignatureSize, scaled to fit. It returns nil when there is nothing drawn.
func RenderSignature(strokes []Stroke, padW, padH float32) ([]byte, error) {
	if len(strokes) == 0 || padW <= 0 || padH <= 0 {
		return nil, nil
	}
	img := image.NewNRGBA(image.Rectangle{Max: SignatureSize})
	sx := float32(SignatureSize.X) / padW
	sy := float32(SignatureSize.Y) / padH
	scale := min(sx, sy)
	const radius = 2.6
	for _, st := range strokes {
		for i := range st {
			a := st[i]
			b := a
			if i+1 < len(st) {
				b = st[i+1]
			}
			drawSegment(img, a.X*scale, a.Y*scale, b.X*scale, b.Y*scale, radius)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode signature: %w", err)
	}
	return buf.Bytes(), nil
}

// drawSegment stamps soft discs along a segment: simple, and smooth enough for handwriting.
func drawSegment(img *image.NRGBA, x0, y0, x1, y1, r float32) {
	dist := float32(math.Hypot(float64(x1-x0), float64(y1-y0)))
	steps := int(dist/(r/2)) + 1
	for i := 0; i <= steps; i++ {
		t := float32(i) / float32(steps)
		stampDisc(img, x0+(x1-x0)*t, y0+(y1-y0)*t, r)
	}
}

func stampDisc(img *image.NRGBA, cx, cy, r float32) {
	b := img.Bounds()
	for y := int(cy - r - 1); y <= int(cy+r+1); y++ {
		for x := int(cx - r - 1); x <= int(cx+r+1); x++ {
			if !(image.Point{x, y}).In(b) {
				continue
			}
			d := float32(math.Hypot(float64(float32(x)+0.5-cx), float64(float32(y)+0.5-cy)))
			cov := min(max(r-d+0.5, 0), 1)
			if cov == 0 {
				continue
			}
			i := img.PixOffset(x, y)
			alpha := uint8(cov * 255)
			if alpha > img.Pix[i+3] {
				img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = inkColor.R, inkColor.G, inkColor.B, alpha
			}
		}
	}
}

// handwriting makes a flowing, signature-like set of strokes; seed varies the shape.
func handwriting(seed int, w, h float32) []Stroke {
	var main Stroke
	loops := 5 + seed%3
	for i := 0; i <= 240; i++ {
		t := float64(i) / 240
		x := 0.06 + 0.8*t
		y := 0.55 + 0.22*math.Sin(t*math.Pi*float64(loops)+float64(seed)) - 0.18*math.Sin(t*math.Pi*2*float64(loops)+0.7)*math.Exp(-3*t)
		main = append(main, Point{float32(x) * w, float32(y) * h})
	}
	underline := Stroke{{0.1 * w, 0.85 * h}, {0.5 * w, 0.82 * h}, {0.92 * w, 0.78 * h}}
	return []Stroke{main, underline}
}
