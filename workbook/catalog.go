package workbook

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"kintsugi/data"
)

func (b *book) catalog() {
	b.chapter(SecCatalog, b.c.T("wb.catalog.intro"))
	b.costLegend()
	var bs []block
	for _, sec := range b.c.Catalog() {
		entries := sec.Entries
		if b.d != nil {
			entries = b.agreedIn(sec)
		}
		for i, e := range entries {
			bl := block{height: b.commitmentH(e)}
			e, cm := e, b.commitmentOf(e.ID)
			bl.print = func() { b.commitment(e, cm) }
			if i == 0 {
				title := strings.TrimSpace(sec.Code + "  " + b.render(sec.Title))
				var intro []string
				if b.d == nil && sec.Intro != "" {
					intro = b.wrap(stBody, b.render(sec.Intro), b.bodyW)
				}
				first := bl.print
				bl.height += b.subH(title) + linesH(stBody, intro)
				bl.print = func() {
					b.sub(title, 0)
					b.printLines(stBody, b.margin, b.bodyW, intro, -1)
					first()
				}
			}
			bs = append(bs, bl)
		}
	}
	if b.d != nil {
		bs = append(bs, b.customCommitments()...)
	}
	b.blocks(bs)
}

// agreedIn are the entries of a catalog section both partners agreed to.
func (b *book) agreedIn(sec *data.Section) []data.Entry {
	var out []data.Entry
	for _, e := range sec.Entries {
		if cm := b.commitmentOf(e.ID); cm != nil && cm.Agreed() {
			out = append(out, e)
		}
	}
	return out
}

func (b *book) commitmentOf(id string) *data.Commitment {
	if b.d == nil {
		return nil
	}
	for i, cm := range b.d.Commitments {
		if cm.CatalogID == id {
			return &b.d.Commitments[i]
		}
	}
	return nil
}

// commitmentParts measures a catalog item: its head and its caution.
func (b *book) commitmentParts(e data.Entry) (entryHead, []string) {
	head := b.measureEntry(e.Code, b.render(e.Title), b.render(e.Text), b.margin, b.bodyW).withNote(b, e.Note)
	var caution []string
	if e.Caution != "" {
		caution = b.wrap(stCaution, b.c.T("wb.caution")+" "+b.render(e.Caution), b.bodyW-gutter)
	}
	return head, caution
}

const metaH = 8.0 // the row of cost, amount and ticks under a commitment

func (b *book) commitmentH(e data.Entry) float64 {
	head, caution := b.commitmentParts(e)
	h := head.height + metaH + linesH(stCaution, caution)
	if e.Monitoring {
		h += 9
	}
	return h
}

// commitment prints one catalog item: code, title, text, its cost in freedom, its amount,
// a tick box for each partner, and for monitoring a caution and a review date.
func (b *book) commitment(e data.Entry, cm *data.Commitment) {
	head, caution := b.commitmentParts(e)
	head.print(b)
	x := b.margin + gutter
	y := b.y() + 1
	ticksX := b.margin + b.bodyW // where the first partner's name and box begin
	for i, p := range data.Partners {
		bx := b.margin + b.bodyW - 4.2 - float64(1-i)*30
		label := b.fit(stLabel, b.name(p), 22)
		b.use(stLabel)
		lw := b.textW(label)
		ticksX = min(ticksX, bx-lw-2)
		b.pdf.SetXY(bx-lw-2, y+1)
		b.put(lw, stLabel.lead, label, "L")
		b.box(bx, y+1.2, 4.2, cm != nil && cm.AgreedBy(p))
	}
	// The cost's name is as long as the language makes it ("Цена в свободе: Умеренная"); the
	// amount moves right for it and gives up width, so neither is cut.
	costEnd := b.cost(x, y, 60, e.Cost)
	if p := e.Parameter; p != nil {
		value := ""
		if cm != nil && cm.Param > 0 {
			value = fmt.Sprint(cm.Param)
		}
		fx := max(x+58, costEnd+3)
		unit := b.c.UnitLabel(b.render(p.Unit))
		b.use(stLabel)
		// 46 mm, or what a longer unit needs (its name takes at most 60% of the field) with
		// room left to write the amount; never past the partners' boxes.
		fw := max(46, (b.textW(unit)+2)/0.6)
		b.field(fx, y, min(fw, ticksX-3-fx), unit, value)
	}
	b.setY(y + metaH - 1)
	if caution != nil {
		b.printLines(stCaution, x, b.bodyW-gutter, caution, -1)
	}
	if e.Monitoring {
		review := ""
		if cm != nil {
			review = b.date(cm.ReviewDate)
		}
		b.field(x, b.y()+1.5, 70, b.c.T("wb.review.by"), review)
		b.gap(9)
	}
}

// costLabel is a cost level's name as printed beside its dots, and its width.
func (b *book) costLabel(level string) (string, float64) {
	label := b.c.Tf("wb.cost", b.c.CostLevel(level).Label)
	b.use(stLabel)
	return label, b.textW(label)
}

// cost shows a cost level as four dots, filled up to the level, and its name in at most maxW;
// it returns where the name ends.
func (b *book) cost(x, y, maxW float64, level string) float64 {
	rank := data.CostRank(level)
	for i := range len(data.CostLevels) {
		cx := x + 1.2 + float64(i)*3.2
		b.draw(gold)
		b.pdf.SetLineWidth(0.25)
		if i <= rank {
			b.fill(gold)
			b.pdf.Circle(cx, y+3.3, 1.1, "FD")
		} else {
			b.pdf.Circle(cx, y+3.3, 1.1, "D")
		}
	}
	b.pdf.SetLineWidth(0.2)
	label, w := b.costLabel(level)
	w = min(w+0.5, maxW)
	b.oneLine(stLabel, x+14, y+1, w, label, "L")
	return x + 14 + w
}

// costLegend says what each number of gold dots means, once, before the first commitment.
func (b *book) costLegend() {
	labelW := 48.0 // room for the dots and the widest level's name, in every language
	for _, l := range b.c.CostLevels {
		_, w := b.costLabel(l.ID)
		labelW = max(labelW, 14+w+3-gutter)
	}
	type row struct {
		level string
		text  []string
	}
	var rows []row
	h := 0.0
	for _, l := range b.c.CostLevels {
		r := row{l.ID, b.wrap(stPrompt, l.Description, b.bodyW-labelW-gutter)}
		rows = append(rows, r)
		h += max(linesH(stPrompt, r.text), 6.6) + 1
	}
	b.sub(b.c.T("wb.cost.legend"), h)
	for _, r := range rows {
		y := b.y()
		b.cost(b.margin, y-0.6, labelW+gutter-16, r.level)
		b.setY(y)
		b.printLines(stPrompt, b.margin+gutter+labelW, b.bodyW-labelW-gutter, r.text, -1)
		b.setY(max(b.y(), y+6.6) + 1)
	}
	b.gap(2)
}

// customCommitments are a couple's own agreed commitments, numbered C.1, C.2, ...
func (b *book) customCommitments() []block {
	var bs []block
	codes := b.c.CommitmentCodes(b.d.Agreed())
	for _, cm := range b.d.Agreed() {
		if cm.CatalogID != "" {
			continue
		}
		head := b.measureEntryWith(stEntry, codes[cm.ID], cm.CustomText, "", b.margin, b.bodyW, true)
		cost := cm.Cost
		bl := block{height: head.height + metaH, print: func() {
			head.print(b)
			b.cost(b.margin+gutter, b.y()+1, b.bodyW-gutter-14, cost)
			b.gap(metaH)
		}}
		if len(bs) == 0 {
			title := b.c.T("wb.catalog.own")
			bl.height += b.subH(title)
			first := bl.print
			bl.print = func() {
				b.sub(title, 0)
				first()
			}
		}
		bs = append(bs, bl)
	}
	return bs
}

func (b *book) agreement() {
	b.chapter(SecAgreement, b.c.T("wb.agreement.intro"))
	var a *data.Agreement
	if b.d != nil {
		a = b.d.LatestAgreement()
	}
	if a == nil {
		b.blankAgreement()
		return
	}
	status := b.c.Tf("wb.agreement.version", a.Version)
	switch {
	case a.Altered():
		status += "  ·  " + b.c.T("wb.agreement.altered")
	case a.Frozen():
		status += "  ·  " + b.c.T("wb.agreement.frozen")
	default:
		status += "  ·  " + b.c.T("wb.agreement.draft")
	}
	b.flow(stLabelB, b.margin, b.bodyW, status)
	b.gap(1)
	if a.Altered() { // before the items, so nobody reads them as agreed
		b.warning(b.c.T("wb.agreement.altered.warning"))
		b.gap(2)
	}
	codes := b.c.ItemCodes(a.Items)
	for i, it := range a.Items {
		code := codes[i]
		var details []string
		if it.Param > 0 {
			details = append(details, b.c.Amount(it.Param, b.render(it.Unit)))
		}
		details = append(details, b.c.Tf("wb.cost", b.c.CostLevel(it.Cost).Label))
		if !it.ReviewDate.IsZero() {
			details = append(details, b.c.T("wb.review.by")+" "+b.date(it.ReviewDate))
		}
		// An item the couple wrote is in its own direction; the catalog's, in the book's.
		head := b.measureEntryWith(stBody, code, it.Text, "", b.margin, b.bodyW, it.CatalogID == "")
		detail := b.wrap(stLabel, strings.Join(details, "  ·  "), b.bodyW-gutter)
		b.ensure(head.height + linesH(stLabel, detail))
		head.print(b)
		b.printLines(stLabel, b.margin+gutter, b.bodyW-gutter, detail, -1)
	}
	b.agreementDates(a.StartDate, a.ReviewDate, status)
	if a.Altered() {
		b.alteredSignatures(a)
	} else {
		b.signatures(a)
	}
	if len(b.d.Agreements) > 1 {
		b.sub(b.c.T("wb.agreement.earlier"), 3*stBody.lead)
		for _, old := range b.d.Agreements[:len(b.d.Agreements)-1] {
			line := b.c.Tf("wb.agreement.version", old.Version)
			switch {
			case old.Altered():
				b.flow(stCaution, b.margin, b.bodyW, line+"  ·  "+b.c.T("wb.agreement.altered"))
				continue
			case old.Frozen():
				line += "  ·  " + b.c.Tf("wb.agreement.signed.on", b.date(data.DateOf(lastSigned(old))))
			}
			b.flow(stBody, b.margin, b.bodyW, line)
		}
	}
}

// lastSigned is when the second signature made a version final.
func lastSigned(a data.Agreement) (t0 time.Time) {
	for _, s := range a.Signatures {
		if s.SignedAt.After(t0) {
			t0 = s.SignedAt
		}
	}
	return t0
}

// agreementRows is how many commitments a blank agreement has lines for.
const agreementRows = 10

// blankVersions is how many blank agreements the paper workbook offers: a changed agreement is
// a new version, written and signed afresh.
const blankVersions = 3

// blankAgreement has numbered lines to write the chosen commitments on, each with its review
// date, once per version.
func (b *book) blankAgreement() {
	b.flow(stBody, b.margin, b.bodyW, b.c.T("wb.agreement.blank"))
	for v := 1; v <= blankVersions; v++ {
		if v > 1 {
			b.newPage()
			b.flow(stSub, b.margin, b.bodyW, b.title(SecAgreement))
		}
		b.gap(2)
		status := b.c.Tf("wb.agreement.version", v)
		b.flow(stLabelB, b.margin, b.bodyW, status)
		b.gap(2)
		const rowH = 10.0
		reviewW := 46.0
		for i := 1; i <= agreementRows; i++ {
			b.ensure(rowH)
			y := b.y()
			b.oneLine(stCode, b.margin, y+1, 8, fmt.Sprint(i), "L")
			b.field(b.margin+8, y, 28, b.c.T("wb.agreement.code"), "")
			b.field(b.margin+40, y, b.bodyW-40-reviewW-4, "", "")
			b.field(b.margin+b.bodyW-reviewW, y, reviewW, b.c.T("wb.review.by"), "")
			b.setY(y + rowH)
		}
		b.agreementDates(data.Date{}, data.Date{}, status)
		b.signatures(nil)
	}
}

// sigH is the height of the signatures under their heading.
const sigH = 50.0

// agreementDates are the start and review dates, kept on one page with the signatures. When
// they go over to a new page, the agreement's title and version head it, so the page that is
// signed says what it belongs to.
func (b *book) agreementDates(start, review data.Date, status string) {
	b.ensure(16 + b.subH(b.c.T("wb.agreement.signatures")) + sigH)
	if b.atTop() {
		b.flow(stSub, b.margin, b.bodyW, b.title(SecAgreement))
		if status != "" {
			b.flow(stLabelB, b.margin, b.bodyW, status)
		}
		b.gap(2)
	}
	y := b.y() + 6
	half := b.bodyW/2 - 6
	b.field(b.margin, y, half, b.c.T("wb.agreement.start"), b.date(start))
	b.field(b.margin+b.bodyW/2+6, y, half, b.c.T("wb.agreement.review"), b.date(review))
	b.setY(y + 10)
}

// signatures are two columns, one per partner: the drawn signature or a line to sign on, the
// name and the date.
func (b *book) signatures(a *data.Agreement) {
	const h = sigH
	b.sub(b.c.T("wb.agreement.signatures"), h)
	y := b.y() + 2
	colW := b.bodyW/2 - 6
	for i, p := range data.Partners {
		x := b.margin + float64(i)*(b.bodyW/2+6)
		var sig *data.Signature
		if a != nil {
			sig = a.SignatureOf(p)
		}
		switch {
		case sig != nil && len(sig.PNG) > 0:
			b.signatureImage(a.Version, sig, x, y, colW)
		case sig != nil: // signed with the keyboard: the name as typed, said to be typed
			b.oneLine(style{fontSerif, "I", 13, 6.4, pen}, x, y+10, colW, sig.TypedName, alignStart)
			b.oneLine(stNote, x, y+17.5, colW, b.c.T("wb.agreement.typed"), "L")
		}
		b.draw(soft)
		b.pdf.SetLineWidth(0.3)
		b.pdf.Line(x, y+24, x+colW, y+24)
		b.pdf.SetLineWidth(0.2)
		b.oneLine(stLabel, x, y+25, colW, b.c.Tf("wb.agreement.signature", b.name(p)), "L")
		typed, when := "", ""
		if sig != nil {
			typed, when = sig.TypedName, b.date(data.DateOf(sig.SignedAt))
		}
		b.field(x, y+32, colW, b.c.T("wb.agreement.name"), typed)
		b.field(x, y+41, colW, b.c.T("wb.agreement.date"), when)
	}
	b.setY(y + h)
}

// alteredSignatures stands where the signatures of a version changed after both signed it would
// be. They are not printed: under a text they did not sign they would read as consent to it. Who
// signed, and when, is said, with why the signatures are left out.
func (b *book) alteredSignatures(a *data.Agreement) {
	var said []string
	for _, p := range data.Partners {
		if sig := a.SignatureOf(p); sig != nil {
			said = append(said, b.c.Tf("wb.agreement.altered.signed", b.name(p), b.date(data.DateOf(sig.SignedAt))))
		}
	}
	said = append(said, b.c.T("wb.agreement.altered.signatures"))
	title := b.c.T("wb.agreement.signatures")
	b.sub(title, b.warningH(strings.Join(said, " ")))
	b.warning(strings.Join(said, " "))
}

// warningPad is the room between a warning's frame and its text.
const warningPad = 2.5

// warningLines wraps a warning's text, opened by the caution's word, inside its frame.
func (b *book) warningLines(text string) []string {
	return b.wrap(stCaution, b.c.T("wb.caution")+" "+text, b.bodyW-2*warningPad)
}

// warningH is the height of a warning with its frame.
func (b *book) warningH(text string) float64 {
	return linesH(stCaution, b.warningLines(text)) + 2*warningPad
}

// warning prints what a reader must not miss in the caution's style, framed in ink: it stands
// out on paper printed in grey as much as in colour.
func (b *book) warning(text string) {
	lines := b.warningLines(text)
	h := linesH(stCaution, lines) + 2*warningPad
	b.ensure(h)
	y := b.y()
	b.draw(ink)
	b.pdf.SetLineWidth(0.6)
	b.pdf.Rect(b.margin, y, b.bodyW, h, "D")
	b.pdf.SetLineWidth(0.2)
	b.setY(y + warningPad)
	b.printLines(stCaution, b.margin+warningPad, b.bodyW-2*warningPad, lines, -1)
	b.setY(y + h)
}

// signatureImage places a drawn signature on its line, scaled to fit.
func (b *book) signatureImage(version int, sig *data.Signature, x, y, w float64) {
	name := fmt.Sprintf("signature-%d-%s", version, sig.Partner)
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	info := b.pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(b.uniqueWidth(sig.PNG)))
	if info == nil || b.pdf.Error() != nil || info.Width() <= 0 || info.Height() <= 0 {
		b.pdf.ClearError() // an unreadable drawing leaves the line to sign on; the name still prints
		return
	}
	ih := 22.0
	iw := info.Width() / info.Height() * ih
	if iw > w {
		iw, ih = w, info.Height()/info.Width()*w
	}
	b.pdf.ImageOptions(name, x, y+23-ih, iw, ih, false, opt, 0, "")
}

// uniqueWidth returns the PNG widened by transparent columns, invisible on paper, until no other
// image in the book has its pixel width. fpdf writes images in the order of their widths alone,
// so two signatures of the same width would come out in Go's random map order and the same
// workbook would not give the same bytes twice. A drawing that cannot be read is passed on.
func (b *book) uniqueWidth(raw []byte) []byte {
	if b.imageWidths == nil {
		b.imageWidths = map[int]bool{}
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		return raw
	}
	w := cfg.Width
	for b.imageWidths[w] {
		w++
	}
	b.imageWidths[w] = true
	if w == cfg.Width {
		return raw
	}
	src, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		return raw
	}
	r := src.Bounds()
	dst := image.NewNRGBA(image.Rect(0, 0, w, r.Dy()))
	draw.Draw(dst, image.Rect(0, 0, r.Dx(), r.Dy()), src, r.Min, draw.Src)
	var out bytes.Buffer
	if err := png.Encode(&out, dst); err != nil {
		return raw
	}
	return out.Bytes()
}
