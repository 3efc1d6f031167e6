package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// PluralSep separates the plural forms of a counted text or a unit: "%d word|%d words".
const PluralSep = "|"

// CountSuffix ends the key of every text that is counted: its forms are chosen by Count.
const CountSuffix = ".count"

// pluralForms is how many plural forms lang writes, and pluralForm which of them fits n.
// Languages not named here count like English: one form for 1, another for the rest. A new
// language whose plurals differ (Polish, Arabic, …) gets its rule here, from the CLDR tables.
func pluralForms(lang string) int {
	switch lang {
	case "ru", "uk", "be":
		return 3
	}
	return 2
}

func pluralForm(lang string, n int) int {
	if n < 0 {
		n = -n
	}
	switch lang {
	case "ru", "uk", "be": // 1, 21, 101 раз; 2–4, 22–24 раза; 5–20, 25–30, 11–14 раз
		switch mod10, mod100 := n%10, n%100; {
		case mod10 == 1 && mod100 != 11:
			return 0
		case mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14):
			return 1
		default:
			return 2
		}
	}
	if n == 1 {
		return 0
	}
	return 1
}

// pick chooses the form of forms (separated by PluralSep) that fits n. A text with one form
// (a unit written before plurals, or one that does not change) is that form for every n.
func (c *Content) pick(forms string, n int) string {
	all := strings.Split(forms, PluralSep)
	i := pluralForm(c.Language, n)
	if i >= len(all) {
		i = len(all) - 1
	}
	return all[i]
}

// Count formats the counted text key for n by the language's plural rules: "1 слово",
// "2 слова", "5 слов". The key ends in CountSuffix.
func (c *Content) Count(key string, n int) string { return fmt.Sprintf(c.pick(c.T(key), n), n) }

// Amount is n with a unit whose forms follow the language's plurals: "3 раза в день".
func (c *Content) Amount(n int, unit string) string {
	return fmt.Sprintf("%d %s", n, c.pick(unit, n))
}

// UnitLabel is a unit's form beside a number not yet known, as in "___ times a day".
func (c *Content) UnitLabel(unit string) string { return c.pick(unit, 5) }

// Date is a day written out in the language: "25 November 2026", "25 ноября 2026".
func (c *Content) Date(t time.Time) string {
	return c.Tf("date.long", t.Day(), c.T(fmt.Sprintf("date.month.%d", int(t.Month()))), t.Year())
}

// DayMonth is a day and month without the year: "25 November", "25 ноября".
func (c *Content) DayMonth(t time.Time) string {
	return c.Tf("date.daymonth", t.Day(), c.T(fmt.Sprintf("date.month.%d", int(t.Month()))))
}

// Weekday is the short name of t's day of the week: "Mon", "Пн".
func (c *Content) Weekday(t time.Time) string {
	return c.T(fmt.Sprintf("date.weekday.%d", (int(t.Weekday())+6)%7))
}

// checkPlurals names counted texts and units whose number of forms does not fit the language.
func (c *Content) checkPlurals(add func(format string, args ...any)) {
	want := pluralForms(c.Language)
	for key, text := range c.Texts {
		if strings.HasSuffix(key, CountSuffix) {
			if n := len(strings.Split(text, PluralSep)); n != want {
				add("%s has %d plural forms, %s needs %d", key, n, c.Language, want)
			}
		}
	}
	for _, s := range c.Sections {
		for _, e := range s.Entries {
			if p := e.Parameter; p != nil {
				if n := len(strings.Split(p.Unit, PluralSep)); n != want {
					add("%s: unit %q has %d plural forms, %s needs %d", e.ID, p.Unit, n, c.Language, want)
				}
			}
		}
	}
}

// ParseDate reads a day as a person writes it in the language, the way Date shows it or
// shorter: "14 March 2026", "14 mar 2026", "March 14, 2026", "14 марта 2026", "14.03.2026",
// "14/3/2026", or 2026-03-14 whole. A month is its name in the language or its first three
// letters or more, before or after the day; the empty text is the zero Date. A numeric date is
// read in the orders the language's readers write (numericOrders): one that reads as two
// different days is refused with an *AmbiguousDateError naming both, never guessed.
func (c *Content) ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	if d, err := ParseDate(s); err == nil {
		return d, nil
	}
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == '.' || r == ',' || r == '/' || r == '-'
	})
	bad := fmt.Errorf("date %q: write the day, month and year", s)
	if len(fields) != 3 {
		return Date{}, bad
	}
	year, err := strconv.Atoi(fields[2])
	if err != nil || year < 1000 || year > 9999 {
		// Year first is read only whole (2026-03-14, above): 2026-03-1 is 2026-03-14 half typed.
		return Date{}, bad
	}
	if m := c.monthNamed(fields[1]); m > 0 {
		return dayOf(year, m, fields[0], bad)
	}
	if m := c.monthNamed(fields[0]); m > 0 {
		return dayOf(year, m, fields[1], bad)
	}
	a, err1 := strconv.Atoi(fields[0])
	b, err2 := strconv.Atoi(fields[1])
	if err1 != nil || err2 != nil {
		return Date{}, bad
	}
	var readings []Date
	for _, monthFirst := range numericOrders(c.Language) {
		day, month := a, b
		if monthFirst {
			day, month = b, a
		}
		if d, ok := validDate(year, month, day); ok && (len(readings) == 0 || readings[0] != d) {
			readings = append(readings, d)
		}
	}
	switch len(readings) {
	case 0:
		return Date{}, bad
	case 1:
		return readings[0], nil
	}
	return Date{}, &AmbiguousDateError{Text: s, Readings: [2]Date{readings[0], readings[1]}}
}

// numericOrders are the orders in which people who write lang write a numeric date: false for
// day first, true for month first. Russian, Ukrainian and Belarusian write day first only (the
// national standards, ГОСТ Р 7.0.97 in Russia: 03.04.2026 is 3 April to every reader).
// English is written both ways (3/4/2026 is 3 April in Britain, 4 March in the United States), so
// is every language not named here until someone who writes it says otherwise: a question
// asked once costs less than a day stored wrong without a word.
func numericOrders(lang string) []bool {
	switch lang {
	case "ru", "uk", "be":
		return []bool{false}
	}
	return []bool{false, true}
}

// dayOf is the day written in digits in month of year, or bad when that day is not in the month.
func dayOf(year, month int, day string, bad error) (Date, error) {
	n, err := strconv.Atoi(day)
	if err != nil {
		return Date{}, bad
	}
	if d, ok := validDate(year, month, n); ok {
		return d, nil
	}
	return Date{}, bad
}

// validDate is the day, when month and day name one (31 February would roll over into March).
func validDate(year, month, day int) (Date, bool) {
	if month < 1 || month > 12 || day < 1 {
		return Date{}, false
	}
	d := NewDate(year, time.Month(month), day)
	return d, d.Time().Day() == day
}

// monthNamed is the month (1-12) a word names in the language, or 0: the whole name or its
// first three letters or more, in any case.
func (c *Content) monthNamed(word string) int {
	if utf8.RuneCountInString(word) < 3 {
		return 0
	}
	for m := 1; m <= 12; m++ {
		if strings.HasPrefix(strings.ToLower(c.T(fmt.Sprintf("date.month.%d", m))), word) {
			return m
		}
	}
	return 0
}

// AmbiguousDateError is a numeric date the language's readers write both day first and month
// first that reads as two different days (3/4/2026: 3 April or 4 March). Which one is meant is
// the writer's to say, never a guess.
type AmbiguousDateError struct {
	Text     string
	Readings [2]Date // day first, then month first
}

func (e *AmbiguousDateError) Error() string {
	return fmt.Sprintf("date %q reads as %s or %s: write the month in words", e.Text, e.Readings[0], e.Readings[1])
}
