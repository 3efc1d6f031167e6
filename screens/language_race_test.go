package screens

import (
	"testing"
)

// TestLanguageSwitchWhileBackgroundReadsContent: the language changes on the UI goroutine while
// background work (the list of couples, a save's message) reads the content. Under
// go test -race ./screens -run LanguageSwitch the detector finds nothing: the content is swapped
// atomically, and every read sees a whole language.
func TestLanguageSwitchWhileBackgroundReadsContent(t *testing.T) {
	r := newRig(t)
	en := r.state.Content().T("ui.app.title")
	stop, reads := make(chan struct{}), make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				reads <- n
				return
			default:
			}
			c := r.state.Content()
			if c.Language != "en" && c.Language != "ru" || c.T("ui.app.title") == "" {
				t.Errorf("a read saw %q", c.Language)
			}
			n++
		}
	}()
	for i := range 6 {
		r.win.SetLanguage([]string{"ru", "en"}[i%2])
	}
	close(stop)
	if n := <-reads; n == 0 {
		t.Error("the background never read the content")
	}
	if got := r.state.Content().T("ui.app.title"); got != en {
		t.Errorf("after switching back: %q", got)
	}
}
