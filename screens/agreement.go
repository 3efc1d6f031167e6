package screens

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/couple"
	"kintsugi/data"
)

func init() { stepScreens[app.StepAgreement] = newAgreement }

// reviewWeeks is how long after the start an agreement is reviewed, unless the couple chooses.
const reviewWeeks = 12

// agreementScreen shows a version of the couple's agreement: what they both agreed, the dates,
// and a place for each to sign. The newest version is a draft until both have signed it; then it
// is frozen, and a change to the commitments starts a new version.
type agreementScreen struct {
	e        *env
	Versions []data.Agreement // oldest first
	Shown    *data.Agreement  // the version on screen, nil when there is nothing to sign
	Latest   bool             // whether Shown is the newest version
	Editable bool             // the newest version, not frozen, with something in it

	VersionPick   *widget.Select
	Start         *DateEntry
	Review        *DateEntry
	Names         map[data.Partner]*widget.Entry
	Pads          map[data.Partner]*SignaturePad
	Clear         map[data.Partner]*widget.Button
	Sign          map[data.Partner]*widget.Button
	Typed         map[data.Partner]*widget.Check // sign with the typed name alone, for who cannot draw
	Why           map[data.Partner]*widget.Label // why signing did not happen, beside the button
	NewVersion    *widget.Button
	GoCommitments *widget.Button
	Message       *widget.Label

	agreed  []data.AgreementItem
	signers *fyne.Container
	labels  []string
}

// agreementCarry is what a partner typed and drew but has not signed yet, kept across a rebuild.
type agreementCarry struct {
	names   map[data.Partner]string
	strokes map[data.Partner][]app.Stroke
	message string
}

func newAgreement(e *env) stepScreen { return newAgreementAt(e, 0, nil) }

// newAgreementAt builds the screen showing version (0 for the newest), bringing the newest
// version up to date with the agreed commitments first when it is still a draft.
func newAgreementAt(e *env, version int, carry *agreementCarry) *agreementScreen {
	s := &agreementScreen{e: e, Versions: append([]data.Agreement(nil), e.d.Agreements...),
		Names: map[data.Partner]*widget.Entry{}, Pads: map[data.Partner]*SignaturePad{},
		Clear: map[data.Partner]*widget.Button{}, Sign: map[data.Partner]*widget.Button{},
		Typed: map[data.Partner]*widget.Check{}, Why: map[data.Partner]*widget.Label{},
		Message: wrapped(""), signers: container.NewVBox()}
	s.Message.Importance = widget.WarningImportance
	s.Message.Hide()
	s.agreed = data.AgreementItems(e.content, e.d.Case, e.d.Commitments)
	if version == 0 {
		s.refreshDraft()
	}
	s.pick(version)

	s.Start, s.Review = NewDateEntry(e.content), NewDateEntry(e.content)
	if s.Shown != nil {
		s.Start.SetDate(s.Shown.StartDate)
		s.Review.SetDate(s.Shown.ReviewDate)
	}
	s.Start.OnChanged = func(string) { s.datesChanged(true) }
	s.Review.OnChanged = func(string) { s.datesChanged(false) }

	kp, one := e.keyboard().Partner()
	for _, p := range data.Partners {
		s.Names[p] = widget.NewEntry()
		s.Names[p].SetPlaceHolder(e.t("ui.agreement.name.placeholder"))
		s.Pads[p] = NewSignaturePad(e.t("ui.sigpad.hint"))
		s.Clear[p] = widget.NewButtonWithIcon(e.t("ui.agreement.clear"), theme.ContentClearIcon(), s.Pads[p].Clear)
		s.Sign[p] = widget.NewButtonWithIcon(e.t("ui.agreement.sign"), theme.ConfirmIcon(), func() { s.sign(p) })
		s.Sign[p].Importance = widget.HighImportance
		s.Typed[p] = widget.NewCheck(e.t("ui.agreement.typed"), nil)
		s.Why[p] = wrapped("")
		s.Why[p].Importance = widget.WarningImportance
		s.Why[p].Hide()
		s.Pads[p].OnChanged = func() { s.say(""); s.why(p, "") }
		if carry != nil {
			s.Names[p].SetText(carry.names[p])
			s.Pads[p].SetStrokes(carry.strokes[p])
		}
		if !s.Editable || (one && kp != p) {
			s.Names[p].Disable() // nobody signs for the other
			s.Pads[p].Disable()
			s.Clear[p].Disable()
			s.Sign[p].Disable()
			s.Typed[p].Disable()
		}
	}
	// Moving the dates withdraws a signature; only its owner may cause that when alone.
	if !s.Editable || one && s.Shown.SignatureOf(kp.Other()) != nil {
		s.Start.Disable()
		s.Review.Disable()
	}
	if carry != nil && carry.message != "" && s.Message.Text == "" {
		s.say(carry.message)
	}

	s.NewVersion = widget.NewButtonWithIcon(e.t("ui.agreement.new"), theme.DocumentCreateIcon(), s.startNewVersion)
	s.NewVersion.Importance = widget.HighImportance
	s.GoCommitments = widget.NewButtonWithIcon(e.t("ui.agreement.none.go"), theme.NavigateNextIcon(),
		func() { e.couple.Show(app.StepCommitments) })
	s.buildVersionPick()
	s.fillSigners()
	return s
}

// refreshDraft makes the newest version say what the couple agreed, if it is not signed by both:
// a first version when there is none, or the draft rewritten when the commitments changed.
func (s *agreementScreen) refreshDraft() {
	e := s.e
	var latest *data.Agreement
	if n := len(s.Versions); n > 0 {
		latest = &s.Versions[n-1]
	}
	if !couple.NeedsRedraft(latest, s.agreed) {
		return
	}
	a := data.Agreement{CaseID: e.caseID(), Items: s.agreed}
	if latest != nil {
		a.StartDate, a.ReviewDate = latest.StartDate, latest.ReviewDate
	}
	if a.StartDate.IsZero() {
		a.StartDate = e.d.Case.StartDate
		if a.StartDate.IsZero() {
			a.StartDate = data.DateOf(app.Now())
		}
	}
	if a.ReviewDate.IsZero() {
		a.ReviewDate = a.StartDate.AddDays(7 * reviewWeeks)
	}
	e.state.Flush()
	saved, err := e.state.SaveAgreement(a)
	if err != nil {
		s.warn(e.tf("ui.agreement.failed", err))
		return
	}
	if latest != nil {
		if names := s.signerNames(*latest); names != "" {
			s.warn(e.tf("ui.agreement.withdrawn.commitments", names))
		}
		s.Versions[len(s.Versions)-1] = saved
	} else {
		s.Versions = append(s.Versions, saved)
	}
}

// pick chooses the version to show; 0 or an unknown number is the newest.
func (s *agreementScreen) pick(version int) {
	n := len(s.Versions)
	if n == 0 {
		return
	}
	s.Shown, s.Latest = &s.Versions[n-1], true
	for i := range s.Versions {
		if s.Versions[i].Version == version && i < n-1 {
			s.Shown, s.Latest = &s.Versions[i], false
		}
	}
	s.Editable = s.Latest && !s.Shown.Frozen() && len(s.Shown.Items) > 0
	if len(s.Shown.Items) == 0 {
		s.Shown = nil // an emptied draft: nothing to sign (earlier versions stay in the picker)
	}
}

// signerNames lists who has signed a version, "Sam" or "Sam and Alex"; "" when nobody has.
func (s *agreementScreen) signerNames(a data.Agreement) string {
	var names []string
	for _, p := range data.Partners {
		if a.SignatureOf(p) != nil {
			names = append(names, s.e.name(p))
		}
	}
	return strings.Join(names, s.e.t("ui.agreement.and"))
}

// signedOn is the day the second signature was given.
func signedOn(a data.Agreement) data.Date {
	var last time.Time
	for _, sig := range a.Signatures {
		if sig.SignedAt.After(last) {
			last = sig.SignedAt
		}
	}
	return data.DateOf(last.Local())
}

func (s *agreementScreen) buildVersionPick() {
	if len(s.Versions) < 2 {
		return
	}
	byLabel := map[string]int{}
	selected := ""
	for i := len(s.Versions) - 1; i >= 0; i-- {
		a := s.Versions[i]
		label := s.e.tf("ui.agreement.version.draft", a.Version)
		if a.Altered() {
			label = s.e.tf("ui.agreement.version.altered", a.Version)
		} else if a.Frozen() {
			label = s.e.tf("ui.agreement.version.signed", a.Version, s.e.content.Date(signedOn(a).Time()))
		}
		s.labels = append(s.labels, label)
		byLabel[label] = a.Version
		if s.Shown != nil && s.Shown.ID == a.ID || s.Shown == nil && i == len(s.Versions)-1 {
			selected = label
		}
	}
	s.VersionPick = widget.NewSelect(s.labels, nil)
	s.VersionPick.SetSelected(selected)
	s.VersionPick.OnChanged = func(label string) {
		v := byLabel[label]
		if v == s.Versions[len(s.Versions)-1].Version {
			v = 0
		}
		s.e.couple.rebuild(func(e *env) stepScreen { return newAgreementAt(e, v, nil) })
	}
}

// datesChanged saves valid new dates into the draft. When the start moves and the review date
// was the default, the review date moves with it.
func (s *agreementScreen) datesChanged(startMoved bool) {
	e := s.e
	if !s.Editable || s.Start.Disabled() {
		return
	}
	start, err1 := s.Start.Date()
	review, err2 := s.Review.Date()
	if s.Start.Asking() || s.Review.Asking() {
		s.say("") // the question under the dates says what is needed
		return
	}
	if err1 != nil || err2 != nil || start.IsZero() || review.IsZero() {
		s.warn(e.t("ui.agreement.date.bad"))
		return
	}
	if startMoved && start != s.Shown.StartDate && review == s.Shown.ReviewDate &&
		review == s.Shown.StartDate.AddDays(7*reviewWeeks) {
		s.Review.SetDate(start.AddDays(7 * reviewWeeks)) // comes back here
		return
	}
	if !start.Before(review) {
		s.warn(e.t("ui.agreement.date.order"))
		return
	}
	s.say("")
	if start == s.Shown.StartDate && review == s.Shown.ReviewDate {
		return
	}
	s.Shown.StartDate, s.Shown.ReviewDate = start, review
	a := data.Agreement{CaseID: e.caseID(), StartDate: start, ReviewDate: review, Items: s.Shown.Items}
	e.save("agreement.draft", func(ctx context.Context, st *data.Store) error {
		_, err := st.SaveAgreement(ctx, a)
		return err
	})
	if names := s.signerNames(*s.Shown); names != "" {
		s.Shown.Signatures = nil
		s.warn(e.tf("ui.agreement.withdrawn.dates", names))
		s.fillSigners()
	}
}

// warn shows what needs attention; say shows quieter news, or nothing for "".
func (s *agreementScreen) warn(msg string) { s.show(msg, widget.WarningImportance) }

func (s *agreementScreen) say(msg string) { s.show(msg, widget.MediumImportance) }

func (s *agreementScreen) show(msg string, imp widget.Importance) {
	s.Message.Importance = imp
	s.Message.SetText(msg)
	if msg == "" {
		s.Message.Hide()
	} else {
		s.Message.Show()
	}
}

// sign stores partner p's typed name and drawn signature on the draft, then shows the result.
func (s *agreementScreen) sign(p data.Partner) {
	e := s.e
	if !s.Editable || s.Pads[p].Disabled() {
		return
	}
	name := strings.TrimSpace(s.Names[p].Text)
	typed := s.Typed[p].Checked
	switch {
	case name == "":
		s.why(p, e.tf("ui.agreement.need.name", e.name(p)))
		return
	case s.Pads[p].Empty() && !typed:
		s.why(p, e.tf("ui.agreement.need.drawing", e.name(p)))
		return
	}
	var img []byte // a typed signature is the name alone, recorded without a drawing
	if !typed {
		var err error
		if img, err = s.Pads[p].PNG(); err != nil || len(img) == 0 {
			s.why(p, e.tf("ui.agreement.failed", err))
			return
		}
	}
	s.why(p, "")
	e.state.Flush() // dates typed a moment ago are in the draft before it is signed
	versions, err := e.state.Agreements()
	if err != nil {
		s.warn(e.tf("ui.agreement.failed", err))
		return
	}
	if n := len(versions); n == 0 || versions[n-1].ID != s.Shown.ID || versions[n-1].Frozen() {
		s.warn(e.t("ui.agreement.stale"))
		return
	}
	if err := couple.MaySign(e.keyboard(), p, versions[len(versions)-1]); err != nil {
		s.why(p, app.Reason(err)) // each partner signs only for themselves
		return
	}
	caseID, id, k := e.caseID(), s.Shown.ID, e.keyboard()
	sig := data.Signature{Partner: p, TypedName: name, PNG: img}
	e.save("agreement.sign."+string(p), func(ctx context.Context, st *data.Store) error {
		return st.Sign(ctx, k, caseID, id, sig)
	})
	e.state.Flush()
	carry := &agreementCarry{names: map[data.Partner]string{}, strokes: map[data.Partner][]app.Stroke{},
		message: e.tf("ui.agreement.signed.thanks", e.name(p))}
	for _, o := range data.Partners {
		if o != p {
			carry.names[o], carry.strokes[o] = s.Names[o].Text, s.Pads[o].Strokes()
		}
	}
	e.couple.rebuild(func(e *env) stepScreen { return newAgreementAt(e, 0, carry) })
}

// why says, beside partner p's Sign button where their eyes are, why signing did not happen.
func (s *agreementScreen) why(p data.Partner, msg string) {
	l := s.Why[p]
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
	s.signers.Refresh() // lay the card out again around the shown or hidden line
}

// startNewVersion writes the agreed commitments into a new version after a signed one.
func (s *agreementScreen) startNewVersion() {
	e := s.e
	n := len(s.Versions)
	if n == 0 || !s.Versions[n-1].Frozen() || len(s.agreed) == 0 {
		return
	}
	prev := s.Versions[n-1]
	start := data.DateOf(app.Now())
	if start.Before(prev.StartDate) {
		start = prev.StartDate
	}
	e.state.Flush()
	_, err := e.state.SaveAgreement(data.Agreement{CaseID: e.caseID(), StartDate: start,
		ReviewDate: start.AddDays(7 * reviewWeeks), Items: s.agreed})
	if err != nil {
		s.warn(e.tf("ui.agreement.failed", err))
		return
	}
	e.couple.rebuild(func(e *env) stepScreen { return newAgreementAt(e, 0, nil) })
}

// fillSigners lays out each partner's part: the pad to sign, or the signature given.
func (s *agreementScreen) fillSigners() {
	e := s.e
	s.signers.Objects = nil
	if s.Shown == nil {
		s.signers.Refresh()
		return
	}
	if s.Shown.Altered() {
		s.signers.Add(card(subheading(e.t("ui.agreement.signatures")), s.alteredSigners()))
		s.signers.Refresh()
		return
	}
	if s.Shown.Frozen() {
		grid := container.NewGridWithColumns(2)
		for _, p := range data.Partners {
			grid.Add(s.signatureView(p, *s.Shown.SignatureOf(p)))
		}
		s.signers.Add(card(subheading(e.t("ui.agreement.signatures")), grid))
		s.signers.Refresh()
		return
	}
	if !s.Latest {
		s.signers.Refresh()
		return
	}
	kp, one := e.keyboard().Partner()
	for _, p := range data.Partners {
		if sig := s.Shown.SignatureOf(p); sig != nil {
			s.signers.Add(card(subheading(e.tf("ui.agreement.signer.done", e.name(p))), s.signatureView(p, *sig)))
			continue
		}
		side := container.NewVBox(widget.NewLabel(e.t("ui.agreement.name")), s.Names[p], s.Typed[p],
			container.NewHBox(s.Clear[p], s.Sign[p]), s.Why[p])
		if one && kp != p {
			side.Add(note(e.tf("ui.agreement.other", e.name(p))))
		}
		s.signers.Add(card(subheading(e.tf("ui.agreement.signer", e.name(p))),
			container.NewBorder(nil, nil, container.NewVBox(s.Pads[p]), nil, container.NewPadded(side))))
	}
	s.signers.Refresh()
}

// alteredSigners stands for the signatures of a version changed after both signed it: who
// signed and when, but not the signatures, which would read as consent to a text not signed.
func (s *agreementScreen) alteredSigners() fyne.CanvasObject {
	var said []string
	for _, p := range data.Partners {
		if sig := s.Shown.SignatureOf(p); sig != nil {
			said = append(said, s.e.tf("ui.agreement.altered.signed", s.e.name(p), s.e.content.Date(sig.SignedAt.Local())))
		}
	}
	l := wrapped(strings.Join(append(said, s.e.t("ui.agreement.altered.signatures")), " "))
	l.Importance = widget.WarningImportance
	return l
}

// signatureView is a given signature: the drawing on paper, the typed name and the day.
func (s *agreementScreen) signatureView(p data.Partner, sig data.Signature) fyne.CanvasObject {
	paper := canvas.NewRectangle(padPaper)
	paper.CornerRadius = 6
	paper.StrokeColor, paper.StrokeWidth = padBorder, 1
	paper.SetMinSize(fyne.NewSize(240, 80))
	// Ink on paper in both themes, as the pad draws it.
	typed := canvas.NewText(s.e.t("ui.agreement.typed.note"), padInk)
	typed.TextStyle = fyne.TextStyle{Italic: true}
	var drawing fyne.CanvasObject = container.NewStack(paper, container.NewCenter(typed))
	if len(sig.PNG) > 0 {
		img := canvas.NewImageFromReader(bytes.NewReader(sig.PNG), fmt.Sprintf("signature-%d-%s.png", s.Shown.ID, p))
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(240, 80))
		drawing = container.NewStack(paper, container.NewPadded(img))
	}
	name := widget.NewLabelWithStyle(sig.TypedName, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	when := widget.NewLabel(s.e.tf("ui.agreement.signed.on", s.e.content.Date(sig.SignedAt.Local())))
	return container.NewVBox(container.NewHBox(drawing), container.NewVBox(name, when))
}

func (s *agreementScreen) View() fyne.CanvasObject {
	e := s.e
	var body []fyne.CanvasObject
	if s.VersionPick != nil {
		// Wide enough for the longest choice, so no version reads "Version 2 (…".
		w := float32(0)
		for _, l := range s.labels {
			w = max(w, fyne.MeasureText(l, theme.TextSize(), fyne.TextStyle{}).Width)
		}
		pick := container.NewGridWrap(fyne.NewSize(w+4*theme.Padding()+theme.IconInlineSize()+8, s.VersionPick.MinSize().Height), s.VersionPick)
		body = append(body, container.NewHBox(widget.NewLabel(e.t("ui.agreement.version.pick")), pick))
	}
	body = append(body, s.Message)
	if s.Shown == nil {
		body = append(body, card(subheading(e.t("ui.agreement.none.title")), wrapped(e.render(e.t("ui.agreement.none"))),
			container.NewHBox(s.GoCommitments)))
		return page(e.t("ui.step.agreement"), e.render(e.t("ui.agreement.intro")), body...)
	}
	a := s.Shown
	status := e.t("ui.agreement.status.draft")
	switch {
	case a.Altered():
		status = e.t("ui.agreement.status.altered")
	case a.Frozen():
		status = e.tf("ui.agreement.status.frozen", e.content.Date(signedOn(*a).Time()))
	case len(a.Signatures) > 0:
		p := a.Signatures[0].Partner
		status = e.tf("ui.agreement.status.one", e.name(p), e.name(p.Other()))
	}
	statusLabel := note(status)
	if a.Altered() { // a warning, not a quiet note: what is shown is not what was signed
		statusLabel = wrapped(status)
		statusLabel.Importance = widget.WarningImportance
	}
	parts := []fyne.CanvasObject{subheading(e.tf("ui.agreement.version", a.Version)), statusLabel}
	if !s.Latest {
		parts = append(parts, note(e.tf("ui.agreement.earlier", s.Versions[len(s.Versions)-1].Version)))
	}
	parts = append(parts, widget.NewSeparator())
	codes := e.content.ItemCodes(a.Items)
	for i, it := range a.Items {
		parts = append(parts, s.itemView(it, codes[i]))
	}
	parts = append(parts, widget.NewSeparator(), s.datesView())
	body = append(body, card(parts...))
	if s.Latest && a.Frozen() && len(s.agreed) > 0 && !couple.SameTerms(a.Items, s.agreed) {
		changed := "ui.agreement.changed"
		if a.Altered() { // it is not a signed version any more, and must not be called one
			changed = "ui.agreement.changed.altered"
		}
		body = append(body, card(subheading(e.t("ui.agreement.changed.title")), wrapped(e.t(changed)),
			container.NewHBox(s.NewVersion)))
	}
	body = append(body, s.signers)
	return page(e.t("ui.step.agreement"), e.render(e.t("ui.agreement.intro")), body...)
}

// itemView is one line of the agreement: its code, what it says and its details.
func (s *agreementScreen) itemView(it data.AgreementItem, code string) fyne.CanvasObject {
	e := s.e
	codeLabel := widget.NewLabelWithStyle(code, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var details []string
	if it.Param > 0 {
		details = append(details, e.content.Amount(it.Param, it.Unit))
	}
	if it.Cost != "" {
		details = append(details, e.tf("ui.agreement.item.cost", strings.ToLower(e.content.CostLevel(it.Cost).Label)))
	}
	if !it.ReviewDate.IsZero() {
		details = append(details, e.tf("ui.agreement.item.review", e.content.Date(it.ReviewDate.Time())))
	}
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: it.Text, Style: widget.RichTextStyleParagraph}}
	if len(details) > 0 {
		segs = append(segs, &widget.TextSegment{Text: strings.Join(details, e.t("ui.agreement.item.sep")),
			Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText}})
	}
	text := widget.NewRichText(segs...)
	text.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(64, codeLabel.MinSize().Height), codeLabel), nil, text)
}

// datesView shows the start and review dates: to edit on a draft, as text once signed.
func (s *agreementScreen) datesView() fyne.CanvasObject {
	e := s.e
	if !s.Editable || s.Start.Disabled() { // the other's dates to read, not greyed-out fields
		return wrapped(e.tf("ui.agreement.dates.fixed", dateText(e.content, s.Shown.StartDate), dateText(e.content, s.Shown.ReviewDate)))
	}
	grid := container.NewGridWithColumns(2,
		container.NewBorder(nil, nil, widget.NewLabel(e.t("ui.agreement.start")), nil, s.Start),
		container.NewBorder(nil, nil, widget.NewLabel(e.t("ui.agreement.review")), nil, s.Review))
	return container.NewVBox(grid, s.Start.Ask, s.Review.Ask, note(e.t("ui.agreement.dates.help")))
}
