package app

import (
	"fmt"
	"os"
	"strings"
	"time"

	"kintsugi/couple"
	"kintsugi/data"
)

// CalendarICS writes the couple's rhythm as an iCalendar file (RFC 5545) that any calendar app
// imports, with no account and no network: the weekly check-in, on the last day of each tracking
// week until the review, and the review dates of the agreement and of each monitoring commitment.
// A calendar is often synced to a server, so the events name no one and say nothing of what
// was agreed: only "Kintsugi" and what to sit down for.
func CalendarICS(d *data.Dossier, c *data.Content, now time.Time) []byte {
	var b strings.Builder
	line := func(s string) { b.WriteString(fold(s) + "\r\n") }
	stamp := now.UTC().Format("20060102T150405Z")
	event := func(uid string, day data.Date, summary, rule string) {
		line("BEGIN:VEVENT")
		line(fmt.Sprintf("UID:kintsugi-%d-%s@kintsugi.local", d.Case.ID, uid))
		line("DTSTAMP:" + stamp)
		line("DTSTART;VALUE=DATE:" + day.Time().Format("20060102"))
		if rule != "" {
			line("RRULE:" + rule)
		}
		line("SUMMARY:" + icsText(summary))
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Kintsugi//Kintsugi//" + strings.ToUpper(c.Language))
	line("CALSCALE:GREGORIAN")
	// The newest version signed by both, else the newest draft. One changed after both signed
	// gives no rhythm at all: its dates are not what they agreed (couple.NewestSigned).
	signed, altered := couple.NewestSigned(d.Agreements)
	if signed == nil && len(d.Agreements) > 0 {
		signed = &d.Agreements[len(d.Agreements)-1]
	}
	if signed != nil && !altered && !signed.StartDate.IsZero() {
		// The check-in closes a tracking week, which runs Monday to Sunday.
		first := signed.StartDate
		for first.Weekday() != time.Sunday {
			first = first.AddDays(1)
		}
		rule := "FREQ=WEEKLY"
		if !signed.ReviewDate.IsZero() && first.Before(signed.ReviewDate) {
			rule += ";UNTIL=" + signed.ReviewDate.Time().Format("20060102")
		}
		event(fmt.Sprintf("checkin-%d", signed.Version), first, c.T("ics.checkin"), rule)
		if !signed.ReviewDate.IsZero() {
			event(fmt.Sprintf("review-%d", signed.Version), signed.ReviewDate, c.T("ics.review"), "")
		}
	}
	for _, cm := range d.Agreed() {
		if e := c.Entry(cm.CatalogID); e != nil && e.Monitoring && !cm.ReviewDate.IsZero() {
			event(fmt.Sprintf("commitment-%d", cm.ID), cm.ReviewDate, c.T("ics.monitoring"), "")
		}
	}
	line("END:VCALENDAR")
	return []byte(b.String())
}

// ExportCalendar writes the open couple's calendar file to path, readable by its owner only.
func ExportCalendar(d *data.Dossier, c *data.Content, path string) error {
	ics := CalendarICS(d, c, Now())
	if err := WriteFileAtomic(path, func(f *os.File) error { _, err := f.Write(ics); return err }); err != nil {
		return fmt.Errorf("write calendar %s: %w", path, err)
	}
	return nil
}

// icsText escapes a TEXT value (RFC 5545 3.3.11).
func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", "").Replace(s)
}

// fold breaks a content line into lines of at most 75 octets, never inside a UTF-8 character.
func fold(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		size := len(string(r))
		if n+size > 75 {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	return b.String()
}
