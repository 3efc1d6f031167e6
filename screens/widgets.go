package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/data"
)

// heading is a step's title.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// subheading titles a part of a step.
func subheading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// para is wrapped body text; blank lines in text start new paragraphs.
func para(text string) fyne.CanvasObject {
	parts := strings.Split(strings.TrimSpace(text), "\n\n")
	if len(parts) == 1 {
		return wrapped(parts[0])
	}
	box := container.NewVBox()
	for _, p := range parts {
		box.Add(wrapped(p))
	}
	return box
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(strings.TrimSpace(text))
	l.Wrapping = fyne.TextWrapWord
	return l
}

// note is quieter text: help and cautions.
func note(text string) *widget.Label {
	l := wrapped(text)
	l.TextStyle = fyne.TextStyle{Italic: true}
	l.Importance = widget.MediumImportance
	return l
}

// goldRule is a thin accent line under a heading.
func goldRule() fyne.CanvasObject {
	r := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	r.SetMinSize(fyne.NewSize(48, 2))
	return container.NewHBox(r)
}

// page lays out a step: a heading, then content that scrolls.
func page(title, intro string, body ...fyne.CanvasObject) fyne.CanvasObject {
	top := []fyne.CanvasObject{heading(title), goldRule()}
	if intro != "" {
		top = append(top, para(intro))
	}
	content := container.NewVBox(append(top, body...)...)
	return container.NewVScroll(container.NewPadded(content))
}

// card groups related controls on a softly tinted background.
func card(objects ...fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = 6
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	return container.NewStack(bg, container.NewPadded(container.NewVBox(objects...)))
}

// dateField is an entry for a day in the couple's language (DateEntry). What is typed always
// stays in the entry; only a date it can read as one day (or an empty one, to clear it) reaches
// onDate, and otherwise msg says why, or the entry's Ask which day is meant. The screen places
// the entry's Ask just above msg.
func dateField(e *env, initial data.Date, onDate func(data.Date)) (*DateEntry, *widget.Label) {
	entry := NewDateEntry(e.content)
	entry.SetDate(initial)
	msg := newMessage()
	entry.OnChanged = func(text string) {
		d, err := entry.Date()
		if entry.Asking() {
			say(msg, "")
			return
		}
		if err != nil {
			say(msg, e.tf("ui.date.bad", text))
			return
		}
		say(msg, "")
		onDate(d)
	}
	return entry, msg
}

// TextArea is a multi-line entry that wraps words and lets Tab and Shift+Tab move focus on.
// Fyne's multi-line entry takes Tab as a character, which traps a keyboard-only person in the
// first text box they reach (WCAG 2.1.2); a tab character in a letter or an answer serves no one.
type TextArea struct {
	widget.Entry
}

// NewTextArea returns an empty, word-wrapping TextArea.
func NewTextArea() *TextArea {
	t := &TextArea{}
	t.MultiLine = true
	t.Wrapping = fyne.TextWrapWord
	t.ExtendBaseWidget(t)
	return t
}

// AcceptsTab reports false, so the window moves focus on Tab instead of typing it.
func (t *TextArea) AcceptsTab() bool { return false }

// multiLine is a text area that wraps and shows rows lines.
func multiLine(text string, rows int, onChanged func(string)) *TextArea {
	entry := NewTextArea()
	entry.SetMinRowsVisible(rows)
	entry.SetText(text)
	entry.OnChanged = onChanged
	return entry
}

// newMessage is a label for a problem with what was typed; hidden while there is none, so it
// leaves no gap.
func newMessage() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.WarningImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// say shows text in a message label, or hides the label when text is empty.
func say(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}
