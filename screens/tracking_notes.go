package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kintsugi/couple"
	"kintsugi/data"
)

// Each partner keeps their own note on a week, private until they share it (the rule is the
// couple's: couple.MayWriteWeekNote, couple.WeekNoteVisible). The check-in's three notes are
// written together, with both at the keyboard; a partner alone reads them.

// weekNotes are the widgets of the partners' own notes on the week shown.
type weekNotes struct {
	// Own is the note of the partner alone at the keyboard, Share shares it with the other;
	// both nil while someone else (or both) is at the keyboard, or the note is behind its PIN.
	Own   *TextArea
	Share *widget.Check
	// Read holds each partner's note open to whoever is at the keyboard (not their own, being
	// written), as text marked with its author; Private says a note is there, not shared.
	Read    map[data.Partner]*widget.Label
	Private map[data.Partner]*widget.Label
	// PIN and OpenPIN open the own note of a partner who keeps it behind their PIN.
	PIN     *widget.Entry
	OpenPIN *widget.Button
	PINMsg  *widget.Label
	// Renewal is the way back when the writer's PIN record is damaged; Lost deletes their note
	// sealed under a PIN since replaced (lost shows it), so that it can be written again.
	Renewal *pinRenewal
	Lost    *widget.Button
	lost    fyne.CanvasObject
	own     data.WeekNote
}

// loadNotes builds the own notes of the week for whoever is at the keyboard.
func (s *trackingScreen) loadNotes() {
	e := s.e
	k := e.keyboard()
	n := &weekNotes{Read: map[data.Partner]*widget.Label{}, Private: map[data.Partner]*widget.Label{}}
	s.Own = n
	for _, p := range data.Partners {
		wn := e.d.WeekNote(s.Week, p)
		if couple.MayWriteWeekNote(k, p) {
			s.loadOwn(n, wn)
			continue
		}
		switch {
		case couple.WeekNoteVisible(k, p, wn.Shared) && strings.TrimSpace(wn.Text) != "":
			n.Read[p] = wrapped(wn.Text)
		case strings.TrimSpace(wn.Text) != "" || wn.Protected || wn.Lost:
			n.Private[p] = note(e.tf("ui.tracking.own.private", e.name(p)))
		}
	}
}

// loadOwn makes the editor of the writer's own note, or asks for their PIN first.
func (s *trackingScreen) loadOwn(n *weekNotes, wn data.WeekNote) {
	e := s.e
	if open, err := e.state.PINOpen(e.caseID(), wn.Partner); err != nil || !open || wn.Protected {
		if n.Renewal = e.damagedPIN(wn.Partner, func() { s.ShowWeek(s.Week) }); n.Renewal != nil {
			return
		}
		n.PIN = widget.NewPasswordEntry()
		n.PINMsg = newMessage()
		n.OpenPIN = widget.NewButton(e.t("ui.pin.enter"), func() { s.enterPIN(wn.Partner, n.PIN.Text) })
		n.PIN.OnSubmitted = func(pin string) { s.enterPIN(wn.Partner, pin) }
		return
	}
	wn.CaseID = e.caseID()
	n.own = wn
	if wn.Lost {
		n.lost, n.Lost = e.lostText(func() {
			s.e.state.SaveWeekNote(data.WeekNote{CaseID: wn.CaseID, Week: wn.Week, Partner: wn.Partner})
			s.ShowWeek(s.Week)
		})
		return
	}
	n.Own = multiLine(wn.Text, 3, func(text string) {
		n.own.Text = text
		s.saveOwn()
	})
	n.Own.SetPlaceHolder(e.t("ui.tracking.own.placeholder"))
	n.Share = widget.NewCheck(e.tf("ui.tracking.own.share", e.name(wn.Partner.Other())), func(on bool) {
		n.own.Shared = on
		s.saveOwn()
	})
	n.Share.Checked = wn.Shared
}

// enterPIN opens the writer's PIN-protected texts and shows the week again.
func (s *trackingScreen) enterPIN(p data.Partner, pin string) {
	if err := s.e.state.EnterPIN(s.e.caseID(), p, pin); err != nil {
		say(s.Own.PINMsg, s.e.pinRefused(err))
		s.Own.PIN.SetText("")
		return
	}
	s.ShowWeek(s.Week)
}

func (s *trackingScreen) saveOwn() { s.e.state.SaveWeekNote(s.Own.own) }

// notesView lays out the week's notes: the writer's own first, then the other's, then what
// both wrote together.
func (s *trackingScreen) notesView() []fyne.CanvasObject {
	e := s.e
	n := s.Own
	var out []fyne.CanvasObject
	if p, alone := e.keyboard().Partner(); alone {
		own := []fyne.CanvasObject{subheading(e.tf("ui.tracking.own", e.name(p)))}
		switch {
		case n.Own != nil:
			own = append(own, n.Own, n.Share)
		case n.lost != nil:
			own = append(own, n.lost)
		case n.Renewal != nil:
			own = append(own, n.Renewal.view())
		default:
			own = append(own, wrapped(e.tf("ui.tracking.own.closed", e.name(p))),
				container.NewBorder(nil, nil, nil, n.OpenPIN, n.PIN), n.PINMsg)
		}
		out = append(out, card(own...))
	}
	for _, p := range data.Partners {
		if l := n.Read[p]; l != nil {
			out = append(out, card(subheading(e.tf("ui.tracking.own.by", e.name(p))), l))
		} else if l := n.Private[p]; l != nil {
			out = append(out, l)
		}
	}
	if !couple.MayWriteTogether(e.keyboard()) {
		out = append(out, s.togetherRead())
	} else {
		out = append(out, subheading(e.t("ui.tracking.together")), container.NewGridWithColumns(3,
			container.NewBorder(wrapped(e.t("ui.tracking.went_well")), nil, nil, nil, s.Notes[0]),
			container.NewBorder(wrapped(e.t("ui.tracking.was_hard")), nil, nil, nil, s.Notes[1]),
			container.NewBorder(wrapped(e.t("ui.tracking.appreciated")), nil, nil, nil, s.Notes[2])))
		out = append(out, note(e.t("ui.tracking.own.choose")))
	}
	return out
}

// togetherRead shows a partner alone what both wrote together, as text.
func (s *trackingScreen) togetherRead() fyne.CanvasObject {
	e := s.e
	parts := []fyne.CanvasObject{subheading(e.t("ui.tracking.together"))}
	texts := []struct{ key, text string }{{"ui.tracking.went_well", s.checkIn.WentWell},
		{"ui.tracking.was_hard", s.checkIn.WasHard}, {"ui.tracking.appreciated", s.checkIn.Appreciated}}
	any := false
	for _, t := range texts {
		if strings.TrimSpace(t.text) == "" {
			continue
		}
		any = true
		title := widget.NewLabelWithStyle(e.t(t.key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		parts = append(parts, title, wrapped(t.text))
	}
	if !any {
		parts = append(parts, note(e.t("ui.tracking.together.none")))
	}
	return card(parts...)
}
