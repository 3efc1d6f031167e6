package screens

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"kintsugi/app"
	"kintsugi/data"
)

// The partner the letter was written to may answer it in writing: the reply is theirs until
// they share it, and the letter's writer reads it only then, marked with who wrote it.
func TestLetterReplyIsPrivateUntilShared(t *testing.T) {
	r := newRig(t)
	c := r.couple(app.StepLetter)
	c.SetKeyboard(app.KeyboardA) // Sam writes the letter
	s := c.Current.(*letterScreen)
	if s.Reply != nil {
		t.Fatal("the letter's writer is offered a reply to their own draft")
	}
	test.Type(s.Editor, "Dear Alex, I am sorry.")
	s.Status.SetSelected(s.labelOf[data.LetterReady])

	c.SetKeyboard(app.KeyboardB) // Alex reads it, and writes back
	s = c.Current.(*letterScreen)
	if s.Reply == nil || s.Reply.Editor == nil || s.Reply.Share == nil {
		t.Fatal("Alex has no place to reply to the letter")
	}
	const reply = "I read it twice. I am not ready to forgive, but I believe you mean it. 💛"
	test.Type(s.Reply.Editor, reply)
	if l := r.dossier().Letter; l.Reply != reply || l.ReplyShared || l.ReplyBy != data.PartnerB || l.Text != "Dear Alex, I am sorry." {
		t.Fatalf("stored %+v", l)
	}

	for _, k := range []app.Keyboard{app.KeyboardA, app.KeyboardBoth} {
		c.SetKeyboard(k)
		if s := c.Current.(*letterScreen); s.Reply != nil || shows(c.body, reply) {
			t.Fatalf("with %s at the keyboard, Alex's unshared reply is on the screen", k)
		}
	}

	c.SetKeyboard(app.KeyboardB)
	test.Tap(c.Current.(*letterScreen).Reply.Share)
	c.SetKeyboard(app.KeyboardA)
	s = c.Current.(*letterScreen)
	if s.Reply == nil || s.Reply.Read == nil || s.Reply.Read.Text != reply || s.Reply.Editor != nil ||
		!shows(c.body, r.state.Content().Tf("ui.letter.reply.by", "Alex")) {
		t.Fatal("Sam cannot read Alex's shared reply as Alex's, or can change it")
	}
}
