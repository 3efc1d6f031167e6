//go:build screenshots

package screens

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"kintsugi/app"
	"kintsugi/data"
)

// TestScreenshotsRenderEveryStep renders the example couple (set SHOTS=dir to keep the files).
func TestScreenshotsRenderEveryStep(t *testing.T) {
	dir := os.Getenv("SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	r := newRig(t)
	// Couples in the database: the start screen reads how far each has come while it is shot.
	for _, names := range [][2]string{{"Sam", "Alex"}, {"Noor", "Jonas"}} {
		if _, err := r.st.CreateCase(context.Background(), data.Case{NameA: names[0], NameB: names[1], Rebuilding: data.RebuilderA}); err != nil {
			t.Fatal(err)
		}
	}
	files, err := Screenshots(r.state, dir, fyne.NewSize(1100, 740), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < len(app.Journey)+1 {
		t.Fatalf("%d screenshots for %d steps and the start", len(files), len(app.Journey))
	}
	for i, step := range app.Journey {
		name := filepath.Join(dir, fmt.Sprintf("%02d-%s.png", i+1, step))
		if _, err := os.Stat(name); err != nil {
			t.Errorf("no screenshot of %s: %v", step, err)
		}
	}
	for _, f := range files {
		img := decode(t, f)
		if img.Bounds().Dx() != 1100 || img.Bounds().Dy() != 740 {
			t.Errorf("%s is %v", f, img.Bounds())
		}
		if uniform(img) {
			t.Errorf("%s is a blank image", f)
		}
	}
}

func decode(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

func uniform(img image.Image) bool {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			if img.At(x, y) != first {
				return false
			}
		}
	}
	return true
}

// TestScreenshotsDark renders the dark variant: the page is the dark palette's background.
func TestScreenshotsDark(t *testing.T) {
	r := newRig(t)
	files, err := Screenshots(r.state, t.TempDir(), fyne.NewSize(1100, 740), true)
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	img := decode(t, files[0])
	count := map[color.NRGBA]int{}
	for y := 0; y < img.Bounds().Dy(); y += 4 {
		for x := 0; x < img.Bounds().Dx(); x += 4 {
			count[color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)]++
		}
	}
	var most color.NRGBA
	for c, n := range count {
		if n > count[most] {
			most = c
		}
	}
	if most != darkPalette.background {
		t.Errorf("the dark start screen is mostly %v, not the dark background %v", most, darkPalette.background)
	}
}
