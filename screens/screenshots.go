//go:build screenshots

// The screenshot renderer drives Fyne's test driver, which has no place in the app people run:
// it is built only with -tags screenshots (make screenshots, make test).

package screens

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"kintsugi/app"
)

// Screenshots renders the start screen and every step of the example couple to PNG files in
// dir, with Fyne's software renderer: no display needed, in the light variant or the dark one.
// It returns the files written.
func Screenshots(state *app.State, dir string, size fyne.Size, dark bool) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("screenshots: %w", err)
	}
	a := test.NewApp()
	defer a.Quit()
	// Inline, not on goroutines: the test driver runs fyne.Do on the caller's goroutine, so the
	// start screen reading each couple's progress in the background raced with the capture.
	w := newMainWindow(a, state, func(f func()) { f() })
	variant := theme.VariantLight
	if dark {
		variant = theme.VariantDark
	}
	a.Settings().SetTheme(fixedVariant{newCalmTheme(), variant})
	w.Win.Resize(size)
	var files []string
	shoot := func(name string) error {
		path := filepath.Join(dir, name+".png")
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("screenshots: %w", err)
		}
		defer f.Close()
		if err := png.Encode(f, w.Win.Canvas().Capture()); err != nil {
			return fmt.Errorf("screenshots: %s: %w", path, err)
		}
		files = append(files, path)
		return nil
	}
	if err := shoot("00-start"); err != nil {
		return files, err
	}
	c, err := state.OpenSample()
	if err != nil {
		return files, fmt.Errorf("screenshots: %w", err)
	}
	w.OpenCouple(c.ID)
	for i, step := range app.Journey {
		w.Couple.Show(step)
		switch step {
		case app.StepReflection: // answers are written by one partner at a time
			w.Couple.SetKeyboard(app.KeyboardA)
		case app.StepTracking:
			w.Couple.Current.(*trackingScreen).ShowWeek(app.SampleWeeks)
		}
		name := fmt.Sprintf("%02d-%s", i+1, step)
		if err := shoot(name); err != nil {
			return files, err
		}
		if scrollToEnd(w.Couple.body) {
			if err := shoot(name + "-end"); err != nil {
				return files, err
			}
		}
		w.Couple.SetKeyboard(app.KeyboardBoth)
	}
	state.Flush()
	// The list again, now with the example couple in it and what is due for them.
	w.ShowStart()
	if err := shoot("00-start-couples"); err != nil {
		return files, err
	}
	// The office's list: codes or initials, a search box; a search that finds nobody.
	w.SetOffice(true)
	defer w.app.Preferences().SetBool(prefOffice, false)
	if err := shoot("00-start-office"); err != nil {
		return files, err
	}
	w.Start.Search.SetText("zq")
	if err := shoot("00-start-office-search"); err != nil {
		return files, err
	}
	return files, nil
}

// scrollToEnd scrolls a step's page to its bottom; it reports whether there was more to see.
func scrollToEnd(o fyne.CanvasObject) bool {
	switch v := o.(type) {
	case *container.Scroll:
		if v.Content.MinSize().Height <= v.Size().Height {
			return false
		}
		v.ScrollToBottom()
		return true
	case *fyne.Container:
		for _, child := range v.Objects {
			if scrollToEnd(child) {
				return true
			}
		}
	}
	return false
}
