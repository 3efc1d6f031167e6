package screens

import (
	"context"
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintsugi/app"
	"kintsugi/couple"
	"kintsugi/data"
)

func init() { stepScreens[app.StepCommitments] = newCommitments }

// commitmentsScreen is the catalog, each partner's agreement to each item, the couple's own
// commitments, and what it all costs in freedom.
type commitmentsScreen struct {
	e          *env
	Agree      map[string]map[data.Partner]*widget.Check // by catalog ID, or "custom.<id>"
	Param      map[string]*widget.Entry
	Review     map[string]*DateEntry
	Message    map[string]*widget.Label
	Why        map[string]*widget.Label // why a monitoring commitment cannot be agreed yet
	Sections   *widget.Accordion
	Summary    *widget.Label
	CustomText *widget.Entry
	CustomCost *widget.Select
	AddCustom  *widget.Button
	CustomMsg  *widget.Label
	Delete     map[int64]*widget.Button
	items      map[string]data.Commitment
	costs      map[string]string // label to level
	badReview  map[string]bool   // the review date typed is out of range: the stored one stays
}

func newCommitments(e *env) stepScreen {
	s := &commitmentsScreen{e: e, Agree: map[string]map[data.Partner]*widget.Check{}, Param: map[string]*widget.Entry{},
		Review: map[string]*DateEntry{}, Message: map[string]*widget.Label{}, Why: map[string]*widget.Label{}, Summary: widget.NewLabel(""),
		Delete: map[int64]*widget.Button{}, items: map[string]data.Commitment{}, costs: map[string]string{}, badReview: map[string]bool{}}
	s.Summary.Wrapping = fyne.TextWrapWord
	for _, sec := range e.content.Catalog() {
		for _, entry := range sec.Entries {
			s.addCatalog(entry)
		}
	}
	for _, cm := range e.d.Commitments {
		if cm.CatalogID == "" {
			s.addCustom(cm)
		}
	}
	var labels []string
	for _, lvl := range data.CostLevels {
		label := e.content.CostLevel(lvl).Label
		labels = append(labels, label)
		s.costs[label] = lvl
	}
	s.CustomText = widget.NewEntry()
	s.CustomText.SetPlaceHolder(e.t("ui.commitments.custom.placeholder"))
	s.CustomCost = widget.NewSelect(labels, nil)
	s.CustomCost.SetSelected(labels[1])
	s.CustomMsg = newMessage()
	s.AddCustom = widget.NewButtonWithIcon(e.t("ui.commitments.custom.add"), theme.ContentAddIcon(), s.add)
	s.showSummary()
	return s
}

func (s *commitmentsScreen) current(id string) data.Commitment {
	for _, cm := range s.e.d.Commitments {
		if cm.CatalogID == id {
			return cm
		}
	}
	return data.Commitment{CaseID: s.e.caseID(), CatalogID: id}
}

func (s *commitmentsScreen) addCatalog(entry data.Entry) {
	e := s.e
	id := entry.ID
	cm := s.current(id)
	if cm.Cost == "" {
		cm.Cost = entry.Cost
	}
	if p := entry.Parameter; p != nil && cm.Param == 0 {
		cm.Param = p.Default
	}
	s.items[id] = cm
	s.Message[id] = newMessage()
	s.agreeChecks(id, cm)
	if p := entry.Parameter; p != nil {
		s.Param[id] = widget.NewEntry()
		s.Param[id].SetText(strconv.Itoa(cm.Param))
		s.Param[id].OnChanged = func(text string) { s.setParam(id, *p, text) }
	}
	if entry.Monitoring {
		review, msg := dateField(e, cm.ReviewDate, func(d data.Date) { s.setReview(id, d) })
		s.Review[id] = review
		s.Message[id] = msg
		s.Why[id] = note(e.t("ui.commitments.review.why"))
		s.lockUnlessReviewed(id)
	}
	s.showChanged(id)
}

// showChanged tells whoever is at the keyboard which terms changed since someone agreed, until
// both have agreed to the new terms.
func (s *commitmentsScreen) showChanged(key string) {
	cm, msg := s.items[key], s.Message[key]
	if msg == nil || len(cm.Changed) == 0 {
		return
	}
	terms := make([]string, len(cm.Changed))
	for i, t := range cm.Changed {
		terms[i] = s.e.t("ui.commitments.term." + t)
	}
	say(msg, s.e.tf("ui.commitments.changed", strings.Join(terms, ", ")))
}

func (s *commitmentsScreen) agreeChecks(key string, cm data.Commitment) {
	kp, alone := s.e.keyboard().Partner()
	s.Agree[key] = map[data.Partner]*widget.Check{}
	for _, p := range data.Partners {
		check := widget.NewCheck(s.e.tf("ui.commitments.agree", s.e.name(p)), func(on bool) { s.agree(key, p, on) })
		check.Checked = cm.AgreedBy(p)
		if alone && kp != p {
			check.Disable() // each partner agrees for themselves
		}
		s.Agree[key][p] = check
	}
}

// agree records partner p's own agreement, by the rules of the couple: only p, and a
// monitoring commitment only with a review date. The store applies the same rule again.
func (s *commitmentsScreen) agree(key string, p data.Partner, on bool) {
	cm := s.items[key]
	if cm.AgreedBy(p) == on {
		return
	}
	saved, err := s.e.state.AgreeCommitment(cm, p, on)
	if err != nil {
		s.Agree[key][p].SetChecked(cm.AgreedBy(p))
		if msg := s.Message[key]; msg != nil {
			say(msg, s.e.tf("ui.commitments.agree.failed", app.Reason(err)))
		}
		return
	}
	s.items[key] = saved
	if saved.Agreed() && s.Message[key] != nil {
		say(s.Message[key], "")
	}
	s.showSummary()
}

func (s *commitmentsScreen) setParam(id string, p data.Parameter, text string) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < p.Min || n > p.Max {
		say(s.Message[id], s.e.tf("ui.commitments.param.bad", s.e.content.UnitLabel(p.Unit), p.Min, p.Max))
		return
	}
	say(s.Message[id], "")
	s.change(id, func(cm *data.Commitment) { cm.Param = n })
}

// setReview stores a review date in range. One out of range is said and not stored: the date
// stored before stays (bad input loses nothing), and nobody can agree while the field shows a
// date that is not the one they would agree to.
func (s *commitmentsScreen) setReview(id string, d data.Date) {
	s.badReview[id] = couple.CheckNewReview(d, data.DateOf(app.Now())) != nil
	if s.badReview[id] {
		say(s.Message[id], s.e.tf("ui.commitments.review.range", s.e.content.Count("ui.months.count", couple.MaxReviewDays/30)))
	} else {
		s.change(id, func(cm *data.Commitment) { cm.ReviewDate = d })
	}
	s.lockUnlessReviewed(id)
	s.showSummary()
}

// lockUnlessReviewed keeps a monitoring commitment from being agreed until it has a review date.
func (s *commitmentsScreen) lockUnlessReviewed(id string) {
	kp, alone := s.e.keyboard().Partner()
	showIf(s.Why[id], s.items[id].ReviewDate.IsZero())
	for p, c := range s.Agree[id] {
		if s.items[id].ReviewDate.IsZero() || s.badReview[id] || (alone && kp != p) {
			c.Disable()
		} else {
			c.Enable()
		}
	}
}

// change edits a commitment's terms. New terms are agreed by nobody yet (couple.Revise, which
// the store applies as well): both ticks go, and both partners are told what changed.
func (s *commitmentsScreen) change(key string, edit func(*data.Commitment)) {
	prev := s.items[key]
	next := prev
	edit(&next)
	next, changed := couple.Revise(&prev, next)
	s.items[key] = next
	if len(changed) > 0 && (prev.AgreedA || prev.AgreedB) {
		for _, c := range s.Agree[key] {
			c.SetChecked(false)
		}
		s.showChanged(key)
		s.showSummary()
	}
	s.e.save("commitment."+key, func(ctx context.Context, st *data.Store) error {
		_, err := st.SaveCommitment(ctx, next)
		return err
	})
}

func (s *commitmentsScreen) addCustom(cm data.Commitment) {
	key := fmt.Sprintf("custom.%d", cm.ID)
	s.items[key] = cm
	s.Message[key] = newMessage()
	s.agreeChecks(key, cm)
	s.showChanged(key)
	id := cm.ID
	s.Delete[id] = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.confirmDelete(id) })
}

// add stores a commitment of the couple's own and shows it with the others.
func (s *commitmentsScreen) add() {
	text := strings.TrimSpace(s.CustomText.Text)
	if text == "" {
		say(s.CustomMsg, s.e.t("ui.commitments.custom.empty"))
		return
	}
	cm := data.Commitment{CaseID: s.e.caseID(), CustomText: text, Cost: s.costs[s.CustomCost.Selected]}
	s.e.save("custom.new", func(ctx context.Context, st *data.Store) error {
		_, err := st.SaveCommitment(ctx, cm)
		return err
	})
	s.e.couple.Show(app.StepCommitments)
}

func (s *commitmentsScreen) confirmDelete(id int64) {
	s.e.win.confirmRisky(s.e.t("ui.commitments.delete.title"), s.e.t("ui.commitments.delete"), s.e.t("ui.delete.do"), s.e.t("ui.cancel"),
		func(ok bool) {
			if ok {
				s.DeleteCustom(id)
			}
		})
}

// DeleteCustom removes one of the couple's own commitments.
func (s *commitmentsScreen) DeleteCustom(id int64) {
	caseID := s.e.caseID()
	s.e.save(fmt.Sprintf("custom.delete.%d", id), func(ctx context.Context, st *data.Store) error {
		return st.DeleteCommitment(ctx, caseID, id)
	})
	s.e.couple.Show(app.StepCommitments)
}

// showSummary says how many commitments both agreed to, by cost, and what that asks.
func (s *commitmentsScreen) showSummary() {
	all := make([]data.Commitment, 0, len(s.items))
	for _, cm := range s.items {
		all = append(all, cm)
	}
	weight, total, counts := couple.Weight(all)
	var parts []string
	for _, lvl := range data.CostLevels {
		if counts[lvl] > 0 {
			parts = append(parts, s.e.tf("ui.commitments.summary.part", strings.ToLower(s.e.content.CostLevel(lvl).Label), counts[lvl]))
		}
	}
	if total == 0 {
		s.Summary.SetText(s.e.t("ui.commitments.summary.none"))
		return
	}
	s.Summary.SetText(s.e.tf("ui.commitments.summary", total, strings.Join(parts, ", ")) + " " + s.e.t("ui.commitments.weight."+weight))
}

func (s *commitmentsScreen) View() fyne.CanvasObject {
	e := s.e
	acc := widget.NewAccordion()
	s.Sections = acc
	acc.MultiOpen = true
	for _, sec := range e.content.Catalog() {
		box := container.NewVBox(para(sec.Intro))
		for _, entry := range sec.Entries {
			box.Add(s.catalogCard(entry))
		}
		acc.Append(widget.NewAccordionItem(sec.Code+".  "+sec.Title, box))
	}
	acc.Open(0)
	own := container.NewVBox()
	for _, cm := range e.d.Commitments {
		if cm.CatalogID == "" {
			key := fmt.Sprintf("custom.%d", cm.ID)
			text := wrapped(cm.CustomText)
			cost := widget.NewLabel(e.tf("ui.commitments.cost", e.content.CostLevel(cm.Cost).Label))
			cost.TextStyle = fyne.TextStyle{Italic: true}
			own.Add(card(container.NewBorder(nil, nil, nil, container.NewHBox(costDots(cm.Cost), cost, s.Delete[cm.ID]), text),
				s.Message[key], container.NewHBox(s.Agree[key][data.PartnerA], s.Agree[key][data.PartnerB])))
		}
	}
	add := container.NewBorder(nil, nil, nil, container.NewHBox(s.CustomCost, s.AddCustom), s.CustomText)
	acc.Append(widget.NewAccordionItem(e.t("ui.commitments.custom"), container.NewVBox(own, add, s.CustomMsg)))
	return page(e.t("ui.step.commitments"), e.t("ui.commitments.intro"), card(s.Summary), acc)
}

func (s *commitmentsScreen) catalogCard(entry data.Entry) fyne.CanvasObject {
	e := s.e
	id := entry.ID
	title := widget.NewLabelWithStyle(entry.Code+"  "+e.render(entry.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	cost := widget.NewLabel(e.tf("ui.commitments.cost", e.content.CostLevel(entry.Cost).Label))
	cost.TextStyle = fyne.TextStyle{Italic: true}
	parts := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, container.NewHBox(costDots(entry.Cost), cost), title),
		wrapped(e.render(entry.Text))}
	if p := entry.Parameter; p != nil {
		parts = append(parts, container.NewHBox(container.NewGridWrap(fyne.NewSize(80, s.Param[id].MinSize().Height), s.Param[id]), widget.NewLabel(e.content.UnitLabel(p.Unit))))
	}
	if entry.Caution != "" {
		icon := widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
		parts = append(parts, container.NewBorder(nil, nil, container.NewVBox(icon), nil, note(e.render(entry.Caution))))
	}
	if entry.Monitoring {
		parts = append(parts, container.NewHBox(widget.NewLabel(e.t("ui.commitments.review")),
			container.NewGridWrap(s.Review[id].MinSize(), s.Review[id])), s.Review[id].Ask, s.Why[id])
	}
	parts = append(parts, s.Message[id], container.NewHBox(s.Agree[id][data.PartnerA], s.Agree[id][data.PartnerB]))
	return card(parts...)
}

// costDots shows a cost level as one to four theme.Color(theme.ColorNamePrimary) dots out of four.
func costDots(level string) fyne.CanvasObject {
	n := data.CostRank(level) + 1
	row := container.NewHBox()
	for i := range data.CostLevels {
		dot := canvas.NewCircle(color.Transparent)
		dot.StrokeColor = theme.Color(theme.ColorNamePrimary)
		dot.StrokeWidth = 1.5
		if i < n {
			dot.FillColor = theme.Color(theme.ColorNamePrimary)
		}
		row.Add(container.NewGridWrap(fyne.NewSize(10, 10), dot))
	}
	return container.NewCenter(row)
}
