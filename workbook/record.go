package workbook

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"kintsugi/data"
)

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
	b.font(fontSans, "", 9.5)
	b.color(soft)
	status := b.c.Tf("wb.agreement.version", a.Version)
	if a.Frozen() {
		status += "  ·  " + b.c.T("wb.agreement.frozen")
	}
	b.pdf.MultiCell(b.bodyW, 5, b.clean(status), "", "L", false)
	b.color(ink)
	b.gap(2)
	for _, it := range a.Items {
		code := it.Code
		if code == "" {
			code = "C"
		}
		b.item(code, it.Text, 6)
		var details []string
		if it.Param > 0 {
			details = append(details, fmt.Sprintf("%d %s", it.Param, it.Unit))
		}
		details = append(details, b.c.Tf("wb.cost", b.c.CostLevel(it.Cost).Label))
		if !it.ReviewDate.IsZero() {
			details = append(details, b.c.T("wb.review.by")+" "+b.date(it.ReviewDate))
		}
		b.font(fontSans, "", 8.5)
		b.color(soft)
		b.pdf.SetX(b.margin + 13)
		b.pdf.MultiCell(b.bodyW-13, 5, b.clean(strings.Join(details, "  ·  ")), "", "L", false)
		b.color(ink)
	}
	b.agreementDates(a.StartDate, a.ReviewDate)
	b.signatures(a)
	if len(b.d.Agreements) > 1 {
		b.sub(b.c.T("wb.agreement.earlier"), 10)
		for _, old := range b.d.Agreements[:len(b.d.Agreements)-1] {
			line := b.c.Tf("wb.agreement.version", old.Version)
			if s := old.SignatureOf(data.PartnerB); old.Frozen() && s != nil {
				line += "  ·  " + b.c.Tf("wb.agreement.signed.on", b.date(data.DateOf(s.SignedAt)))
			}
			b.para(line)
		}
	}
}

func (b *book) blankAgreement() {
	b.para(b.c.T("wb.agreement.blank"))
	b.gap(3)
	for i := 1; i <= 10; i++ {
		b.ensure(10)
		y := b.pdf.GetY() + 2
		b.font(fontSans, "B", 10)
		b.color(gold)
		b.pdf.SetXY(b.margin, y)
		b.pdf.CellFormat(8, 6, fmt.Sprint(i), "", 0, "L", false, 0, "")
		b.labelled(b.margin+8, y, 24, b.c.T("wb.agreement.code"), "")
		b.labelled(b.margin+36, y, b.bodyW-36, "", "")
		b.pdf.SetY(y + 7)
	}
	b.agreementDates(data.Date{}, data.Date{})
	b.signatures(nil)
}

func (b *book) agreementDates(start, review data.Date) {
	b.ensure(14)
	y := b.pdf.GetY() + 5
	b.labelled(b.margin, y, 78, b.c.T("wb.agreement.start"), b.date(start))
	b.labelled(b.margin+b.bodyW/2+2, y, b.bodyW/2-2, b.c.T("wb.agreement.review"), b.date(review))
	b.pdf.SetY(y + 10)
}

// signatures are two columns, one per partner: the drawn signature or a line to sign on, the
// name, and the date.
func (b *book) signatures(a *data.Agreement) {
	const h = 46
	b.sub(b.c.T("wb.agreement.signatures"), h+4)
	b.gap(2)
	y := b.pdf.GetY()
	colW := b.bodyW/2 - 6
	for i, p := range data.Partners {
		x := b.margin + float64(i)*(b.bodyW/2+6)
		var sig *data.Signature
		if a != nil {
			sig = a.SignatureOf(p)
		}
		if sig != nil && len(sig.PNG) > 0 {
			b.signatureImage(sig, x, y, colW)
		}
		b.draw(soft)
		b.pdf.Line(x, y+24, x+colW, y+24)
		b.font(fontSans, "", 8.5)
		b.color(soft)
		b.pdf.SetXY(x, y+25)
		b.pdf.CellFormat(colW, 5, b.clean(b.c.Tf("wb.agreement.signature", b.name(p))), "", 0, "L", false, 0, "")
		typed, when := "", ""
		if sig != nil {
			typed, when = sig.TypedName, b.date(data.DateOf(sig.SignedAt))
		}
		b.labelled(x, y+32, colW, b.c.T("wb.agreement.name"), typed)
		b.labelled(x, y+40, colW, b.c.T("wb.agreement.date"), when)
	}
	b.color(ink)
	b.pdf.SetY(y + h + 4)
}

func (b *book) signatureImage(sig *data.Signature, x, y, w float64) {
	name := fmt.Sprintf("signature-%s-%d", sig.Partner, sig.SignedAt.UnixNano())
	opt := fpdf.ImageOptions{ImageType: "PNG", ReadDpi: false}
	info := b.pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(widenBy(sig.PNG, b.images)))
	b.images++
	if info == nil || b.pdf.Error() != nil {
		b.pdf.ClearError() // an unreadable drawing leaves the signature line; the name still prints
		return
	}
	ih := 22.0
	iw := info.Width() / info.Height() * ih
	if iw > w {
		iw, ih = w, info.Height()/info.Width()*w
	}
	b.pdf.ImageOptions(name, x, y+23-ih, iw, ih, false, opt, 0, "")
}

func (b *book) letter() {
	b.listSection(SecLetter, data.SectionLetterPrompts, 10, nil)
	b.pdf.AddPage()
	text := ""
	if b.d != nil {
		text = b.d.Letter.Text
	}
	b.sub(b.c.T("wb.letter.yours"), 20)
	if strings.TrimSpace(text) == "" {
		b.writingLines(b.margin, b.bodyW, 52)
		return
	}
	b.gap(2)
	b.font(fontSerif, "", 11)
	b.color(ink)
	for i, p := range strings.Split(b.clean(text), "\n\n") {
		if i > 0 {
			b.gap(3)
		}
		b.pdf.MultiCell(b.bodyW, 6, p, "", "L", false)
	}
}

func (b *book) ritual() {
	sec := b.c.Section(data.SectionRitualPrompts)
	b.chapter(SecRitual, sec.Intro)
	if e := b.c.Entry("RIT-02"); e != nil {
		b.note(b.margin, b.bodyW, b.render(e.Text))
		b.gap(2)
	}
	for _, e := range sec.Entries {
		b.item(e.Code, b.render(e.Title), 20)
		b.indented(e.Text)
		b.writingLines(b.margin+13, b.bodyW-13, 3)
	}
}

func (b *book) help() {
	b.listSection(SecHelp, data.SectionHelp, 10, nil)
	b.gap(4)
	b.sub(b.c.T("wb.help.numbers"), 30)
	for _, label := range []string{"wb.help.emergency", "wb.help.abuse", "wb.help.counsellor", "wb.help.crisis"} {
		b.ensure(10)
		b.labelled(b.margin, b.pdf.GetY()+2, b.bodyW, b.c.T(label), "")
		b.gap(10)
	}
}

// widenBy returns the PNG with n transparent columns added on the right. fpdf writes images in
// the order of their pixel widths alone, so two signatures of the same width would come out in
// Go's random map order; one invisible column more each keeps the output byte-for-byte
// repeatable. A drawing that cannot be read is passed on as it is.
func widenBy(raw []byte, n int) []byte {
	if n == 0 {
		return raw
	}
	src, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		return raw
	}
	r := src.Bounds()
	dst := image.NewNRGBA(image.Rect(0, 0, r.Dx()+n, r.Dy()))
	draw.Draw(dst, image.Rect(0, 0, r.Dx(), r.Dy()), src, r.Min, draw.Src)
	var out bytes.Buffer
	if err := png.Encode(&out, dst); err != nil {
		return raw
	}
	return out.Bytes()
}
