package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

func TestLetterTypedTextIsStoredExactly(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepLetter)
	s := c.Current.(*letterScreen)
	typed := "Dear Alex,\nI lied to you. 🙏 对不起。 Ça me pèse. 💛"
	test.Type(s.Editor, typed)
	if got := r.dossier().Letter; got.Text != typed || got.Status != data.LetterDraft {
		t.Fatalf("stored letter = %q (%s), want %q (draft)", got.Text, got.Status, typed)
	}
	if s.Words.Text != "12 words" {
		t.Errorf("word count label = %q, want 12 words", s.Words.Text)
	}

	long := strings.Repeat("我抱歉 sorry ", 2000) // 20,000 characters
	if n := len([]rune(long)); n != 20000 {
		t.Fatalf("test text has %d characters", n)
	}
	// Lay the long text out first, then hand it to the screen as the entry would: the saver's
	// "saved" callback runs on its own goroutine under the test driver, and must not meet a
	// slow layout still running on this one.
	onChanged := s.Editor.OnChanged
	s.Editor.OnChanged = nil
	s.Editor.SetText(long)
	s.Editor.OnChanged = onChanged
	onChanged(s.Editor.Text)
	if got := r.dossier().Letter.Text; got != long {
		t.Fatalf("stored a %d-character letter, want the 20,000 characters typed", len([]rune(got)))
	}
	if s.WordCount() != 4000 || s.Words.Text != "4000 words" {
		t.Errorf("word count = %d, label %q; want 4000", s.WordCount(), s.Words.Text)
	}
	s.Editor.SetText("Sorry")
	if s.Words.Text != "1 word" {
		t.Errorf("word count label = %q, want 1 word", s.Words.Text)
	}

	// Coming back shows what was written.
	c.Show(app.StepWelcome)
	c.Show(app.StepLetter)
	if got := c.Current.(*letterScreen).Editor.Text; got != "Sorry" {
		t.Errorf("editor after coming back = %q", got)
	}
}

func TestLetterHintsForBlameAndExcuses(t *testing.T) {
	r := newRig(t)
	s := r.couple(app.StepLetter).Current.(*letterScreen)
	test.Type(s.Editor, "I'm sorry, but you never listen")
	if len(s.Hints.Objects) != 1 || strings.Join(s.Found, ",") != "but you,you never" {
		t.Fatalf("hints = %d cards, found %q; want one blame card naming both phrases", len(s.Hints.Objects), s.Found)
	}
	s.Editor.SetText("I'm sorry. I lied to you, and I will not do it again.")
	if len(s.Hints.Objects) != 0 || len(s.Found) != 0 {
		t.Fatalf("hint still shown after the phrase was removed: %q", s.Found)
	}
	s.Editor.SetText("I am SORRY IF you felt hurt. It wasn’t my fault.")
	if len(s.Hints.Objects) != 1 || strings.Join(s.Found, ",") != "if you felt,sorry if,it wasn't my fault" {
		t.Fatalf("excuse hints: %d cards, found %q", len(s.Hints.Objects), s.Found)
	}
	// Whole words only: "butyou", "you neverland" and "because yours" are not the phrases.
	s.Editor.SetText("Tobut youth; you neverland")
	if len(s.Found) != 0 {
		t.Errorf("matched inside words: %q", s.Found)
	}
	s.Editor.SetText("but\nyou know")
	if strings.Join(s.Found, ",") != "but you" {
		t.Errorf("a line break between words should still match: %q", s.Found)
	}
}

func TestLetterPhrasesComeFromContent(t *testing.T) {
	r := newRig(t)
	r.state.Content().Texts["ui.letter.hint.blame.phrases"] = "zebra crossing"
	s := r.couple(app.StepLetter).Current.(*letterScreen)
	s.Editor.SetText("I'm sorry, but you never listen near the Zebra  crossing")
	if strings.Join(s.Found, ",") != "zebra crossing" {
		t.Errorf("found %q, want only the phrase from the content file", s.Found)
	}
}

func TestLetterStatusSaved(t *testing.T) {
	r := newRig(t)
	s := r.couple(app.StepLetter).Current.(*letterScreen)
	test.Type(s.Editor, "Dear Alex")
	s.Status.SetSelected(r.state.Content().T("ui.letter.status.ready"))
	if got := r.dossier().Letter; got.Status != data.LetterReady || got.Text != "Dear Alex" {
		t.Fatalf("stored letter = %+v, want ready with its text", got)
	}
	test.Type(s.Editor, ".")
	if got := r.dossier().Letter; got.Status != data.LetterReady || got.Text != "Dear Alex." {
		t.Fatalf("typing after marking ready changed the status: %+v", got)
	}
	s.Status.SetSelected(r.state.Content().T("ui.letter.status.given"))
	if got := r.dossier().Letter.Status; got != data.LetterGiven {
		t.Errorf("status = %s, want given", got)
	}
}

func TestLetterHurtPartnerReadsOnlyWhenReady(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepLetter)
	test.Type(c.Current.(*letterScreen).Editor, "Dear Alex, a private draft")

	c.SetKeyboard(app.KeyboardB) // Alex, the hurt partner
	s := c.Current.(*letterScreen)
	if !s.Hidden || !s.ReadOnly || s.Editor.Text != "" {
		t.Fatalf("draft shown to the hurt partner: hidden=%v text=%q", s.Hidden, s.Editor.Text)
	}
	s.Editor.SetText("Alex writes over it")
	if got := r.dossier().Letter.Text; got != "Dear Alex, a private draft" {
		t.Fatalf("the hurt partner changed the letter: %q", got)
	}

	c.SetKeyboard(app.KeyboardA) // Sam writes and marks it ready
	s = c.Current.(*letterScreen)
	if s.ReadOnly || s.Editor.Disabled() || s.Editor.Text != "Dear Alex, a private draft" {
		t.Fatalf("the writer cannot edit: readOnly=%v text=%q", s.ReadOnly, s.Editor.Text)
	}
	s.Status.SetSelected(r.state.Content().T("ui.letter.status.ready"))

	c.SetKeyboard(app.KeyboardB)
	s = c.Current.(*letterScreen)
	if s.Hidden || !s.Editor.Disabled() || !s.Status.Disabled() || s.Editor.Text != "Dear Alex, a private draft" {
		t.Fatalf("ready letter for the hurt partner: hidden=%v disabled=%v text=%q", s.Hidden, s.Editor.Disabled(), s.Editor.Text)
	}
	test.Type(s.Editor, "!!")
	if got := r.dossier().Letter; got.Text != "Dear Alex, a private draft" || got.Status != data.LetterReady {
		t.Errorf("read-only letter changed: %+v", got)
	}
}
