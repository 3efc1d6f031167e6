package data_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"kintsugi/couple"
	"kintsugi/data"
)

// A weekly note and the reply to the letter are their author's, and a PIN closes them while
// private, like an answer: set after they were written, it seals them; shared, they stay open.
func TestOwnNotesAndReplyBehindTheirAuthorsPIN(t *testing.T) {
	st, path := openTemp(t)
	ctx := context.Background()
	c := newCase(t, st) // Sam (A) rebuilding trust, Alex (B) hurt
	alex, sam := data.KeyboardOf(data.PartnerB), data.KeyboardOf(data.PartnerA)
	must(t, st.SaveWeekNote(ctx, alex, data.WeekNote{CaseID: c.ID, Week: 2, Partner: data.PartnerB, Text: "ALEX-WEEK-PRIVATE"}))
	must(t, st.SaveWeekNote(ctx, alex, data.WeekNote{CaseID: c.ID, Week: 3, Partner: data.PartnerB, Text: "ALEX-WEEK-SHARED", Shared: true}))
	if err := st.SaveLetterReply(ctx, alex, c.ID, "too early", false); err == nil {
		t.Error("a reply to a letter still in draft was stored")
	}
	must(t, st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "Dear Alex,", Status: data.LetterReady}))
	if err := st.SaveLetterReply(ctx, sam, c.ID, "forged", true); err == nil {
		t.Error("the letter's writer wrote its reply")
	}
	must(t, st.SaveLetterReply(ctx, alex, c.ID, "ALEX-REPLY", false))
	must(t, st.SetPIN(ctx, c.ID, data.PartnerB, "2468"))
	disk := onDisk(t, path)
	for _, s := range []string{"ALEX-WEEK-PRIVATE", "ALEX-REPLY"} {
		if bytes.Contains(disk, []byte(s)) {
			t.Errorf("%s is readable on disk after Alex set a PIN", s)
		}
	}
	st.ForgetAll()
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	if n := d.WeekNote(2, data.PartnerB); !n.Protected || n.Text != "" {
		t.Errorf("Alex's private note without the PIN: %+v", n)
	}
	if n := d.WeekNote(3, data.PartnerB); n.Protected || n.Text != "ALEX-WEEK-SHARED" {
		t.Errorf("a shared note needs no PIN: %+v", n)
	}
	if !d.Letter.ReplyProtected || d.Letter.Reply != "" || d.Letter.ReplyBy != data.PartnerB || d.Letter.Text != "Dear Alex," {
		t.Errorf("the reply without the PIN: %+v", d.Letter)
	}
	if err := st.SaveWeekNote(ctx, alex, data.WeekNote{CaseID: c.ID, Week: 4, Partner: data.PartnerB, Text: "x"}); !errors.Is(err, data.ErrPINNeeded) {
		t.Errorf("a private note written without the PIN: %v", err)
	}
	must(t, st.EnterPIN(ctx, c.ID, data.PartnerB, "2468"))
	d, err = st.Dossier(ctx, c.ID)
	must(t, err)
	if n := d.WeekNote(2, data.PartnerB); n.Text != "ALEX-WEEK-PRIVATE" || d.Letter.Reply != "ALEX-REPLY" {
		t.Errorf("with the PIN: note %+v, reply %q", n, d.Letter.Reply)
	}
	// Writing the letter again keeps its reply.
	must(t, st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "Dear Alex, again", Status: data.LetterGiven}))
	if l, err := st.Letter(ctx, c.ID); err != nil || l.Reply != "ALEX-REPLY" {
		t.Errorf("the letter saved again lost its reply: %q %v", l.Reply, err)
	}
	var in *couple.InputError
	if err := st.SaveWeekNote(ctx, sam, data.WeekNote{CaseID: c.ID, Week: 2, Partner: data.PartnerB, Text: "forged"}); !errors.As(err, &in) {
		t.Errorf("Sam wrote Alex's note: %v", err)
	}
}

// An export and import keep each partner's weekly notes and the reply as they were: their
// texts, their authors, and which are private and which shared.
func TestOwnNotesAndReplyKeepTheirPrivacyThroughExport(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	c := newCase(t, st)
	sam, alex := data.KeyboardOf(data.PartnerA), data.KeyboardOf(data.PartnerB)
	must(t, st.SaveWeekNote(ctx, sam, data.WeekNote{CaseID: c.ID, Week: 2, Partner: data.PartnerA, Text: "Sam's own, private ✍️"}))
	must(t, st.SaveWeekNote(ctx, alex, data.WeekNote{CaseID: c.ID, Week: 2, Partner: data.PartnerB, Text: "Alex's, shared", Shared: true}))
	must(t, st.SaveLetter(ctx, data.Letter{CaseID: c.ID, Text: "Dear Alex,", Status: data.LetterGiven}))
	must(t, st.SaveLetterReply(ctx, alex, c.ID, "Alex's reply, private", false))
	d, err := st.Dossier(ctx, c.ID)
	must(t, err)
	doc, err := data.EncodeDossier(d, "")
	must(t, err)
	back, err := data.DecodeDossier(doc, nil)
	must(t, err)
	to, _ := openWith(t, "to.db")
	got, err := to.ImportDossier(ctx, back)
	must(t, err)
	d2, err := to.Dossier(ctx, got.ID)
	must(t, err)
	if n := d2.WeekNote(2, data.PartnerA); n.Text != "Sam's own, private ✍️" || n.Shared {
		t.Errorf("Sam's private note came back as %+v", n)
	}
	if n := d2.WeekNote(2, data.PartnerB); n.Text != "Alex's, shared" || !n.Shared {
		t.Errorf("Alex's shared note came back as %+v", n)
	}
	if l := d2.Letter; l.Reply != "Alex's reply, private" || l.ReplyShared || l.ReplyBy != data.PartnerB {
		t.Errorf("the private reply came back as %q, shared %v, by %q", l.Reply, l.ReplyShared, l.ReplyBy)
	}
	if couple.WeekNoteVisible(data.KeyboardOf(data.PartnerB), data.PartnerA, d2.WeekNote(2, data.PartnerA).Shared) ||
		couple.ReplyVisible(data.KeyboardOf(data.PartnerA), d2.Letter.ReplyBy, d2.Letter.ReplyShared) {
		t.Error("after the import, a private text is open to the other partner")
	}
}
