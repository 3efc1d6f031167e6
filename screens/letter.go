package screens

import (
	"context"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/couple"
	"kintsugi/data"
)

func init() { stepScreens[app.StepLetter] = newLetter }

// letterStatuses in the order the status picker offers them.
var letterStatuses = couple.LetterStatuses

// letterScreen is where the partner rebuilding trust writes the apology letter, with the
// prompts beside it and gentle hints when words start to blame or excuse.
type letterScreen struct {
	e      *env
	Editor *TextArea
	Words  *widget.Label
	Status *widget.Select
	// Hints holds a card for each kind of wording noticed; Found lists the phrases noticed.
	Hints *fyne.Container
	Found []string
	// ReadOnly is true while the hurt partner alone is at the keyboard; Hidden while the letter
	// is still a draft then (its text is not shown at all).
	ReadOnly bool
	Hidden   bool
	// Reply is the reply of the partner the letter was written to (letter_reply.go), nil when
	// there is nothing of it for whoever is at the keyboard.
	Reply *letterReply

	text     string
	status   string
	checks   []letterCheck
	statusOf map[string]string // label -> status
	labelOf  map[string]string // status -> label
}

// letterCheck is one kind of wording to notice: its phrases come from the content file.
type letterCheck struct {
	kind    string
	phrases []string
	res     []*regexp.Regexp
}

func newLetter(e *env) stepScreen {
	s := &letterScreen{e: e, text: e.d.Letter.Text, status: e.d.Letter.Status,
		statusOf: map[string]string{}, labelOf: map[string]string{}}
	if s.status == "" {
		s.status = data.LetterDraft
	}
	// The letter is the rebuilding partner's to write; the other reads it once it is ready.
	k, r := e.keyboard(), e.d.Case.Rebuilding
	s.ReadOnly = !couple.MayWriteLetter(k, r)
	s.Hidden = !couple.LetterVisible(k, r, s.status)
	for _, kind := range []string{"blame", "excuse"} {
		s.checks = append(s.checks, newLetterCheck(kind, e.t("ui.letter.hint."+kind+".phrases")))
	}

	s.Editor = NewTextArea()
	s.Editor.SetMinRowsVisible(8)
	s.Editor.SetPlaceHolder(e.render(e.t("ui.letter.placeholder")))
	if !s.Hidden {
		s.Editor.SetText(s.text)
	}
	s.Words = widget.NewLabel("")
	s.Hints = container.NewVBox()

	var labels []string
	for _, st := range letterStatuses {
		l := e.t("ui.letter.status." + st)
		labels = append(labels, l)
		s.statusOf[l], s.labelOf[st] = st, l
	}
	s.Status = widget.NewSelect(labels, nil)
	s.Status.SetSelected(s.labelOf[s.status])
	s.Status.OnChanged = s.statusChanged
	s.Editor.OnChanged = s.textChanged
	if s.ReadOnly {
		s.Editor.Disable()
		s.Status.Disable()
	}
	s.Reply = s.loadReply()
	s.update()
	return s
}

// newLetterCheck compiles "a|b|c": each phrase case-insensitive, matched as whole words, with
// any run of spaces or line breaks between its words.
func newLetterCheck(kind, list string) letterCheck {
	c := letterCheck{kind: kind}
	for _, p := range strings.Split(list, "|") {
		words := strings.Fields(normalizeQuotes(p))
		if len(words) == 0 {
			continue
		}
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		re, err := regexp.Compile(`(?i)(?:^|[^\pL\pN_])` + strings.Join(words, `\s+`) + `(?:$|[^\pL\pN_])`)
		if err != nil {
			continue
		}
		c.phrases = append(c.phrases, strings.Join(strings.Fields(strings.TrimSpace(p)), " "))
		c.res = append(c.res, re)
	}
	return c
}

// normalizeQuotes turns typographic apostrophes into plain ones, so "wasn’t" reads as "wasn't".
func normalizeQuotes(s string) string {
	return strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u02BC", "'").Replace(s)
}

// find returns the phrases of the check that occur in text, in content order.
func (c letterCheck) find(text string) []string {
	var out []string
	for i, re := range c.res {
		if re.MatchString(text) {
			out = append(out, c.phrases[i])
		}
	}
	return out
}

func (s *letterScreen) textChanged(text string) {
	if s.ReadOnly || text == s.text {
		return
	}
	s.text = text
	s.update()
	s.store()
}

func (s *letterScreen) statusChanged(label string) {
	st, ok := s.statusOf[label]
	if s.ReadOnly || !ok || st == s.status {
		return
	}
	s.status = st
	s.store()
}

// store saves text and status together, under one key.
func (s *letterScreen) store() {
	l := data.Letter{CaseID: s.e.caseID(), Text: s.text, Status: s.status}
	s.e.save("letter", func(ctx context.Context, st *data.Store) error { return st.SaveLetter(ctx, l) })
}

// WordCount counts the words of the letter as it stands.
func (s *letterScreen) WordCount() int { return len(strings.Fields(s.text)) }

// update refreshes the word count and the hints after the text changed.
func (s *letterScreen) update() {
	if s.Hidden {
		return
	}
	s.Words.SetText(s.e.content.Count("ui.letter.words.count", s.WordCount()))
	if s.ReadOnly {
		return
	}
	text := normalizeQuotes(s.text)
	s.Found = nil
	var cards []fyne.CanvasObject
	for _, c := range s.checks {
		found := c.find(text)
		if len(found) == 0 {
			continue
		}
		s.Found = append(s.Found, found...)
		quoted := make([]string, len(found))
		for i, f := range found {
			quoted[i] = s.e.tf("ui.letter.hint.quote", f)
		}
		title := widget.NewLabelWithStyle(s.e.tf("ui.letter.hint."+c.kind+".title", strings.Join(quoted, ", ")),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		icon := widget.NewIcon(theme.InfoIcon())
		cards = append(cards, card(container.NewBorder(nil, nil, container.NewVBox(icon), nil,
			container.NewVBox(title, wrapped(s.e.render(s.e.t("ui.letter.hint."+c.kind)))))))
	}
	s.Hints.Objects = cards
	s.Hints.Refresh()
}

func (s *letterScreen) View() fyne.CanvasObject {
	e := s.e
	prompts := e.content.Section(data.SectionLetterPrompts)
	top := container.NewVBox(heading(e.t("ui.step.letter")), goldRule())
	var center fyne.CanvasObject
	switch {
	case s.Hidden:
		top.Add(para(e.render(e.t("ui.letter.hidden.intro"))))
		center = container.NewVScroll(container.NewVBox(card(subheading(e.t("ui.letter.hidden.title")),
			wrapped(e.render(e.t("ui.letter.hidden"))))))
	case s.ReadOnly:
		// The editor stays disabled; the letter is shown as plain text, which reads better
		// than a greyed-out field.
		top.Add(para(e.render(e.t("ui.letter.readonly"))))
		letter := widget.NewLabel(s.text)
		letter.Wrapping = fyne.TextWrapWord
		status := widget.NewLabel(e.tf("ui.letter.status.is", s.labelOf[s.status]))
		read := container.NewVBox(card(letter))
		if reply := s.replyView(); reply != nil {
			read.Add(reply)
		}
		center = container.NewBorder(nil, container.NewBorder(nil, nil, s.Words, status), nil, nil,
			container.NewVScroll(read))
	default:
		top.Add(para(e.render(e.t("ui.letter.intro"))))
		row := container.NewBorder(nil, nil, s.Words, container.NewHBox(widget.NewLabel(e.t("ui.letter.status")), s.Status))
		// The editor fills the column; when hints need more room, the column scrolls.
		below := container.NewVBox(row, s.Hints)
		if reply := s.replyView(); reply != nil {
			below.Add(reply)
		}
		left := container.NewVScroll(container.NewBorder(nil, below, nil, nil, s.Editor))
		side := container.NewVBox(subheading(prompts.Title))
		for _, p := range prompts.Entries {
			t := widget.NewLabelWithStyle(e.render(p.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			t.Wrapping = fyne.TextWrapWord
			side.Add(container.NewVBox(t, wrapped(e.render(p.Text))))
		}
		split := container.NewHSplit(left, container.NewVScroll(side))
		split.Offset = 0.62
		center = split
	}
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, center))
}
