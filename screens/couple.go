package screens

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/data"
)

// stepScreen is one step of the journey.
type stepScreen interface {
	View() fyne.CanvasObject
}

// stepScreens builds each step's screen.
var stepScreens = map[string]func(e *env) stepScreen{}

// env is what a step's screen works with: the couple's data as it was when the screen was
// built, and the ways to save and to find words.
type env struct {
	state   *app.State
	win     *Window
	content *data.Content
	d       *data.Dossier
	couple  *Couple
}

func (e *env) t(key string) string                                          { return e.content.T(key) }
func (e *env) tf(key string, args ...any) string                            { return e.content.Tf(key, args...) }
func (e *env) render(text string) string                                    { return e.content.Render(text, e.d.Case.Names()) }
func (e *env) caseID() int64                                                { return e.d.Case.ID }
func (e *env) keyboard() app.Keyboard                                       { return e.state.Keyboard() }
func (e *env) name(p data.Partner) string                                   { return e.d.Case.NameOf(p) }
func (e *env) save(key string, fn func(context.Context, *data.Store) error) { e.state.Save(key, fn) }

// Couple is a couple's journey: a sidebar of steps, a header, and the current step.
type Couple struct {
	view      fyne.CanvasObject
	win       *Window
	d         *data.Dossier
	Sidebar   *widget.List
	Keyboard  *widget.Select
	Saved     *widget.Label
	Due       *widget.Label // what the couple's rhythm asks for today, hidden when nothing
	built     string        // the step the body shows, to keep its scroll when it is rebuilt
	Back      *widget.Button
	Help      *widget.Button
	HideNow   *widget.Button
	Lock      *widget.Label
	Prev      *widget.Button
	Next      *widget.Button
	Step      string
	Current   stepScreen
	body      *fyne.Container
	progress  map[string]float64
	keyboards map[string]app.Keyboard
}

func newCouple(w *Window, d *data.Dossier) *Couple {
	c := &Couple{win: w, d: d, body: container.NewStack()}
	t := w.state.Content().T
	c.Sidebar = widget.NewList(func() int { return len(app.Journey) }, c.newStepRow, c.updateStepRow)
	c.Sidebar.OnSelected = func(i widget.ListItemID) {
		if app.Journey[i] != c.Step {
			c.Show(app.Journey[i])
		}
	}
	c.Back = widget.NewButtonWithIcon(t("ui.couple.back"), theme.NavigateBackIcon(), w.backToStart)
	c.Help = widget.NewButtonWithIcon(t("ui.couple.help"), theme.HelpIcon(), func() { showHelp(w) })
	c.Saved = widget.NewLabel(t("ui.saved.never"))
	c.HideNow = widget.NewButtonWithIcon(t("ui.menu.hide"), theme.VisibilityOffIcon(), w.Hide)
	c.Lock = widget.NewLabel("")
	c.Lock.Importance = widget.SuccessImportance
	labelA, labelB := d.Case.NameA, d.Case.NameB
	if strings.EqualFold(strings.TrimSpace(labelA), strings.TrimSpace(labelB)) { // two people, one name
		labelA, labelB = w.state.Content().Tf("ui.keyboard.same.a", labelA), w.state.Content().Tf("ui.keyboard.same.b", labelB)
	}
	c.keyboards = map[string]app.Keyboard{labelA: app.KeyboardA, labelB: app.KeyboardB, t("ui.keyboard.both"): app.KeyboardBoth}
	c.Keyboard = widget.NewSelect([]string{labelA, labelB, t("ui.keyboard.both")}, c.keyboardChanged)
	c.Keyboard.SetSelected(t("ui.keyboard.both"))
	c.Prev = widget.NewButtonWithIcon(t("ui.couple.prev"), theme.NavigateBackIcon(), func() { c.move(-1) })
	c.Next = widget.NewButtonWithIcon(t("ui.couple.next"), theme.NavigateNextIcon(), func() { c.move(1) })
	c.Next.IconPlacement = widget.ButtonIconTrailingText
	w.state.OnSaved(func(at time.Time, err error) {
		w.activity.touch()
		fyne.Do(func() { c.showSaved(at, err) })
	})
	c.refreshProgress()

	names := widget.NewLabelWithStyle(d.Case.Title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	names.Truncation = fyne.TextTruncateEllipsis
	header := container.NewBorder(nil, nil, c.Back,
		container.NewHBox(c.Lock, widget.NewLabel(t("ui.keyboard.label")), c.Keyboard, c.Saved, c.HideNow, c.Help), names)
	footer := container.NewBorder(nil, nil, c.Prev, c.Next)
	split := container.NewHSplit(c.Sidebar, container.NewBorder(nil, footer, nil, nil, c.body))
	split.Offset = 0.24
	// One line per item, never wrapped: a wrapped label in the header is measured as one line
	// and ran into the page under it.
	c.Due = widget.NewLabel("")
	c.Due.Truncation = fyne.TextTruncateEllipsis
	c.Due.Importance = widget.HighImportance
	// The header first among the objects: Tab follows their order, and a keyboard reaches the
	// header (back, who is at the keyboard, hide, help) before the steps, as the eye does.
	top := container.NewVBox(header, c.Due, widget.NewSeparator())
	c.view = container.New(layout.NewBorderLayout(top, nil, nil, nil), top, split)
	c.showLocked()
	c.refreshDue()
	return c
}

// newStepRow is a step's name with how far it is done: nothing yet, a small bar, or a check.
func (c *Couple) newStepRow() fyne.CanvasObject {
	label := widget.NewLabel("")
	label.Truncation = fyne.TextTruncateEllipsis
	bar := widget.NewProgressBar()
	bar.TextFormatter = func() string { return "" }
	done := widget.NewIcon(theme.NewPrimaryThemedResource(theme.ConfirmIcon()))
	marks := container.NewStack(container.NewCenter(container.NewGridWrap(fyne.NewSize(40, 6), bar)), done)
	return container.NewBorder(nil, nil, nil, container.NewCenter(container.NewGridWrap(fyne.NewSize(44, 20), marks)), label)
}

func (c *Couple) updateStepRow(i widget.ListItemID, o fyne.CanvasObject) {
	step := app.Journey[i]
	row := o.(*fyne.Container)
	row.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d. %s", i+1, c.win.state.Content().T("ui.step."+step)))
	marks := row.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*fyne.Container)
	barBox, done := marks.Objects[0], marks.Objects[1]
	bar := barBox.(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*widget.ProgressBar)
	p := c.progress[step]
	bar.SetValue(p)
	showIf(barBox, p > 0 && p < 1)
	showIf(done, p >= 1)
}

func showIf(o fyne.CanvasObject, visible bool) {
	if visible {
		o.Show()
	} else {
		o.Hide()
	}
}

func (c *Couple) refreshProgress() {
	d, err := c.win.state.StoredDossier(c.d.Case.ID)
	if err != nil {
		return
	}
	c.updateProgress(d)
}

func (c *Couple) updateProgress(d *data.Dossier) {
	c.d = d
	c.progress = map[string]float64{}
	for _, s := range app.Journey {
		c.progress[s] = app.Progress(c.win.state.Content(), d, s)
	}
	c.Sidebar.Refresh()
}

func (c *Couple) showSaved(at time.Time, err error) {
	if err != nil {
		c.Saved.SetText(c.win.state.Content().T("ui.saved.failed"))
		c.win.showError(err)
		return
	}
	c.Saved.SetText(c.win.state.Content().Tf("ui.saved.at", at.Local().Format("15:04:05")))
	c.refreshProgress()
}

// Show builds and shows a step's screen from the couple's current data.
func (c *Couple) Show(step string) {
	c.Step = step
	make := stepScreens[step]
	if make == nil {
		make = func(e *env) stepScreen { return placeholder{wrapped(e.t("ui.step." + step))} }
	}
	c.rebuild(make)
	for i, s := range app.Journey {
		if s == step {
			c.Sidebar.Select(i)
			c.Prev.Disable()
			c.Next.Disable()
			if i > 0 {
				c.Prev.Enable()
			}
			if i < len(app.Journey)-1 {
				c.Next.Enable()
			}
		}
	}
}

// rebuild replaces the current screen with a new one built on freshly saved data.
func (c *Couple) rebuild(make func(*env) stepScreen) {
	c.win.activity.touch()
	d, err := c.win.state.Dossier()
	if err != nil {
		c.win.showError(err)
		return
	}
	c.d = d
	c.Current = make(&env{state: c.win.state, win: c.win, content: c.win.state.Content(), d: d, couple: c})
	view := c.Current.View()
	var old fyne.CanvasObject
	if len(c.body.Objects) > 0 && c.built == c.Step {
		old = c.body.Objects[0]
	}
	c.body.Objects = []fyne.CanvasObject{view}
	c.body.Refresh()
	if old != nil {
		keepScroll(old, view)
	}
	c.built = c.Step
	c.updateProgress(d)
	if c.Due != nil {
		c.refreshDue()
	}
}

type placeholder struct{ view fyne.CanvasObject }

func (p placeholder) View() fyne.CanvasObject { return p.view }

func (c *Couple) move(delta int) {
	for i, s := range app.Journey {
		if s == c.Step && i+delta >= 0 && i+delta < len(app.Journey) {
			c.Show(app.Journey[i+delta])
			return
		}
	}
}

// keyboardChanged rebuilds the step, so nothing private stays on screen for the wrong person.
func (c *Couple) keyboardChanged(choice string) {
	k, ok := c.keyboards[choice]
	if !ok || k == c.win.state.Keyboard() {
		return
	}
	c.win.state.SetKeyboard(k)
	if c.Step != "" {
		c.Show(c.Step)
	}
}

// SetKeyboard switches who is at the keyboard, as choosing in the header does.
func (c *Couple) SetKeyboard(k app.Keyboard) {
	for label, v := range c.keyboards {
		if v == k {
			c.Keyboard.SetSelected(label)
		}
	}
}

// showLocked marks in the header whether this couple is protected by a passphrase.
func (c *Couple) showLocked() {
	locked, err := c.win.state.IsLocked(c.d.Case.ID)
	if err == nil && locked {
		c.Lock.SetText(c.win.state.Content().T("ui.couple.locked"))
		c.Lock.Show()
	} else {
		c.Lock.Hide()
	}
}

// showHelp shows where to get help; it is one tap away on every screen.
func showHelp(w *Window) {
	c := w.state.Content()
	var b strings.Builder
	b.WriteString(c.Section(data.SectionHelp).Intro)
	for _, e := range c.Section(data.SectionHelp).Entries {
		fmt.Fprintf(&b, "\n\n**%s**\n\n%s", e.Title, e.Text) // Fyne's markdown keeps no hard line break
	}
	text := widget.NewRichTextFromMarkdown(b.String())
	text.Wrapping = fyne.TextWrapWord
	read := newKeyScroll(text)
	read.Scroll.SetMinSize(fyne.NewSize(520, 380))
	d := w.tell(c.Section(data.SectionHelp).Title, read)
	d.keys(read)
	// The text has the keyboard first: reading it is what the dialog is for.
	w.afterEvent(func() {
		if d.open {
			w.Win.Canvas().Focus(read)
		}
	})
}
