package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kintsugi/couple"
	"kintsugi/data"
)

// The partner the letter was written to may answer it in writing, private to them until they
// share it (couple.MayWriteReply, couple.ReplyVisible). The letter's writer reads it once shared;
// until then they are not told a reply exists, since a reply kept private may never be meant to
// be sent, and knowing it is there would ask for it.

// letterReply is the reply section of the letter screen.
type letterReply struct {
	// Editor and Share are there for whoever may write the reply now; Read shows a shared reply
	// to the letter's writer. PIN and OpenPIN open a reply kept behind its author's PIN.
	Editor  *TextArea
	Share   *widget.Check
	Read    *widget.Label
	PIN     *widget.Entry
	OpenPIN *widget.Button
	PINMsg  *widget.Label
	// Renewal is the way back when its author's PIN record is damaged; Lost deletes a reply
	// sealed under a PIN since replaced (lost shows it), so that it can be written again.
	Renewal *pinRenewal
	Lost    *widget.Button
	lost    fyne.CanvasObject
	author  data.Partner
	text    string
	shared  bool
}

// loadReply builds the reply section for whoever is at the keyboard; nil when it has nothing
// to show them.
func (s *letterScreen) loadReply() *letterReply {
	e := s.e
	l, k, r := e.d.Letter, e.keyboard(), e.d.Case.Rebuilding
	author, _ := couple.ReplyAuthor(r)
	if l.Reply != "" || l.ReplyProtected || l.ReplyShared || l.ReplyLost {
		author = l.ReplyBy
	}
	rp := &letterReply{author: author, text: l.Reply, shared: l.ReplyShared}
	if s.Hidden || !couple.ReplyVisible(k, author, l.ReplyShared) {
		return nil
	}
	if couple.MayWriteReply(k, r, l.Status, author, l.ReplyShared) != nil {
		if strings.TrimSpace(l.Reply) == "" {
			return nil
		}
		rp.Read = wrapped(l.Reply)
		return rp
	}
	if open, err := e.state.PINOpen(e.caseID(), author); author != "" && (err != nil || !open || l.ReplyProtected) {
		if rp.Renewal = e.damagedPIN(author, func() { s.e.couple.Show(s.e.couple.Step) }); rp.Renewal != nil {
			return rp
		}
		rp.PIN, rp.PINMsg = widget.NewPasswordEntry(), newMessage()
		rp.OpenPIN = widget.NewButton(e.t("ui.pin.enter"), func() { s.enterReplyPIN(rp.PIN.Text) })
		rp.PIN.OnSubmitted = s.enterReplyPIN
		return rp
	}
	if l.ReplyLost {
		rp.lost, rp.Lost = e.lostText(func() {
			e.state.SaveLetterReply("", false)
			e.couple.Show(e.couple.Step)
		})
		return rp
	}
	rp.Editor = multiLine(l.Reply, 6, func(text string) {
		rp.text = text
		e.state.SaveLetterReply(rp.text, rp.shared)
	})
	rp.Editor.SetPlaceHolder(e.t("ui.letter.reply.placeholder"))
	if _, one := couple.ReplyAuthor(r); one {
		rp.Share = widget.NewCheck(e.tf("ui.letter.reply.share", e.name(author.Other())), func(on bool) {
			rp.shared = on
			e.state.SaveLetterReply(rp.text, rp.shared)
		})
		rp.Share.Checked = l.ReplyShared
	}
	return rp
}

// enterReplyPIN opens the reply's author's PIN-protected texts and shows the letter again.
func (s *letterScreen) enterReplyPIN(pin string) {
	if err := s.e.state.EnterPIN(s.e.caseID(), s.Reply.author, pin); err != nil {
		say(s.Reply.PINMsg, s.e.pinRefused(err))
		s.Reply.PIN.SetText("")
		return
	}
	s.e.couple.Show(s.e.couple.Step)
}

// replyView lays out the reply section, or nil when there is none.
func (s *letterScreen) replyView() fyne.CanvasObject {
	e, rp := s.e, s.Reply
	if rp == nil {
		return nil
	}
	switch {
	case rp.Read != nil:
		return card(subheading(e.tf("ui.letter.reply.by", e.name(rp.author))), rp.Read)
	case rp.Renewal != nil:
		return rp.Renewal.view()
	case rp.lost != nil:
		return card(subheading(e.t("ui.letter.reply.title")), rp.lost)
	case rp.PIN != nil:
		return card(subheading(e.t("ui.letter.reply.title")), wrapped(e.tf("ui.letter.reply.closed", e.name(rp.author))),
			container.NewBorder(nil, nil, nil, rp.OpenPIN, rp.PIN), rp.PINMsg)
	}
	parts := []fyne.CanvasObject{subheading(e.t("ui.letter.reply.title"))}
	if rp.Share != nil {
		parts = append(parts, note(e.render(e.t("ui.letter.reply.intro"))), rp.Editor, rp.Share)
	} else {
		parts = append(parts, note(e.t("ui.letter.reply.together")), rp.Editor)
	}
	return card(parts...)
}
