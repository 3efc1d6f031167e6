package data_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"kintsugi/assets"
	"kintsugi/data"
)

func loadLang(t testing.TB, lang string) *data.Content {
	t.Helper()
	c, err := data.LoadContent(assets.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRussianCountsFollowRussianPlurals(t *testing.T) {
	ru := loadLang(t, "ru")
	for n, want := range map[int]string{
		0: "0 слов", 1: "1 слово", 2: "2 слова", 4: "4 слова", 5: "5 слов", 11: "11 слов", 12: "12 слов",
		14: "14 слов", 21: "21 слово", 22: "22 слова", 25: "25 слов", 101: "101 слово", 111: "111 слов", 112: "112 слов",
	} {
		if got := ru.Count("ui.letter.words.count", n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	unit := ru.Entry("PRED-04").Parameter.Unit
	for n, want := range map[int]string{1: "1 раз в день", 3: "3 раза в день", 5: "5 раз в день", 12: "12 раз в день"} {
		if got := ru.Amount(n, unit); got != want {
			t.Errorf("Amount(%d) = %q, want %q", n, got, want)
		}
	}
	if got := ru.Amount(2, ru.Entry("PRED-14").Parameter.Unit); got != "2 часа в неделю" {
		t.Errorf("Amount(2 hours) = %q", got)
	}
}

func TestEnglishCountsSayOneAndMany(t *testing.T) {
	en := loadLang(t, "en")
	if got := en.Count("ui.letter.words.count", 1); got != "1 word" {
		t.Errorf("Count(1) = %q", got)
	}
	if got := en.Count("ui.letter.words.count", 0); got != "0 words" {
		t.Errorf("Count(0) = %q", got)
	}
	if got := en.Amount(1, en.Entry("PRED-04").Parameter.Unit); got != "1 time a day" {
		t.Errorf("Amount(1) = %q", got)
	}
	if got := en.Amount(3, "times a day"); got != "3 times a day" { // a unit stored before plurals
		t.Errorf("Amount of a one-form unit = %q", got)
	}
}

func TestDatesAreWrittenInTheReadersLanguage(t *testing.T) {
	day := time.Date(2026, time.November, 25, 10, 0, 0, 0, time.UTC)
	ru, en := loadLang(t, "ru"), loadLang(t, "en")
	for _, c := range []struct{ got, want string }{
		{ru.Date(day), "25 ноября 2026"}, {ru.DayMonth(day), "25 ноября"}, {ru.Weekday(day), "Ср"},
		{ru.Date(day.AddDate(0, -10, 0)), "25 января 2026"},
		{en.Date(day), "25 November 2026"}, {en.Weekday(day), "Wed"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestContentWithTheWrongNumberOfPluralFormsIsRefused(t *testing.T) {
	raw, err := assets.File("content/ru.json")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(raw), "%d слово|%d слова|%d слов", "%d слово|%d слов", 1)
	if _, err := data.ParseContent([]byte(broken)); err == nil || !strings.Contains(err.Error(), "ui.letter.words.count") {
		t.Errorf("two forms for Russian: err = %v", err)
	}
	broken = strings.Replace(string(raw), "раз в день|раза в день|раз в день", "раз в день|раза в день", 1)
	if _, err := data.ParseContent([]byte(broken)); err == nil || !strings.Contains(err.Error(), "PRED-04") {
		t.Errorf("a unit with two forms in Russian: err = %v", err)
	}
}

// TestDatesReadAsTheLanguageWritesThem: what Date shows reads back, and so do the shorter ways
// a person types a day in each language; what is not a day is refused.
func TestDatesReadAsTheLanguageWritesThem(t *testing.T) {
	march14 := data.NewDate(2026, 3, 14)
	for lang, typed := range map[string][]string{
		"en": {"14 March 2026", "14 march 2026", "14 Mar 2026", "14 mar. 2026", "14.03.2026", "14/3/2026", "2026-03-14", " 14  March  2026 "},
		"ru": {"14 марта 2026", "14 Марта 2026", "14 мар 2026", "14.03.2026", "14/3/2026", "2026-03-14", "14 март 2026"},
	} {
		c := loadLang(t, lang)
		for _, s := range typed {
			if d, err := c.ParseDate(s); err != nil || d != march14 {
				t.Errorf("%s: %q reads as %v, %v", lang, s, d, err)
			}
		}
		for day := data.NewDate(2026, 1, 1); day.Before(data.NewDate(2027, 1, 1)); day = day.AddDays(1) {
			if d, err := c.ParseDate(c.Date(day.Time())); err != nil || d != day {
				t.Fatalf("%s: %q as shown reads as %v, %v", lang, c.Date(day.Time()), d, err)
			}
		}
		for _, s := range []string{"14 Ma 2026", "31.02.2026", "14 2026", "March 2026", "14 Smarch 2026", "0.1.2026", "14.13.2026", "14.3.26", "tomorrow", "2026-03-1", "2026/03/14"} {
			if d, err := c.ParseDate(s); err == nil {
				t.Errorf("%s: %q read as %v", lang, s, d)
			}
		}
		if d, err := c.ParseDate("  "); err != nil || !d.IsZero() {
			t.Errorf("%s: blank reads as %v, %v", lang, d, err)
		}
	}
}

// TestNumericDatesAreReadOnlyAsTheyCanBe: a date that can be read one way only is read that
// way, in either order in English (13/4/2026, 4/13/2026) and with the month in words before or
// after the day; a numeric date English readers write both day first and month first, which
// reads as two different days (3/4/2026), is never guessed: ParseDate refuses it and names both
// days. Russian writes numeric dates day first only (ГОСТ Р 7.0.97), so 3.4.2026 is 3 April.
func TestNumericDatesAreReadOnlyAsTheyCanBe(t *testing.T) {
	apr3, apr13 := data.NewDate(2026, 4, 3), data.NewDate(2026, 4, 13)
	for _, tc := range []struct {
		lang  string
		one   map[string]data.Date // read one way only
		two   map[string][2]data.Date
		wrong []string
	}{
		{"en",
			map[string]data.Date{"13/4/2026": apr13, "4/13/2026": apr13, "13.04.2026": apr13, "04-13-2026": apr13,
				"2026-04-03": apr3, "3 April 2026": apr3, "April 3, 2026": apr3, "Apr 3 2026": apr3, "apr. 13, 2026": apr13,
				"4/4/2026": data.NewDate(2026, 4, 4), "31/12/2026": data.NewDate(2026, 12, 31), "12/31/2026": data.NewDate(2026, 12, 31),
				"30/1/2026": data.NewDate(2026, 1, 30), "2/29/2028": data.NewDate(2028, 2, 29)},
			map[string][2]data.Date{"3/4/2026": {apr3, data.NewDate(2026, 3, 4)}, "03.04.2026": {apr3, data.NewDate(2026, 3, 4)},
				"3-4-2026": {apr3, data.NewDate(2026, 3, 4)}, " 1/12/2026 ": {data.NewDate(2026, 12, 1), data.NewDate(2026, 1, 12)}},
			[]string{"31/31/2026", "0/5/2026", "30/2/2026", "2/30/2026", "3/4/26", "4 March", "Smarch 4 2026", "April 31, 2026", "April 2026 3", "3/April/x"},
		},
		{"ru",
			map[string]data.Date{"3/4/2026": apr3, "03.04.2026": apr3, "3.4.2026": apr3, "13.04.2026": apr13, "2026-04-03": apr3,
				"3 апреля 2026": apr3, "апреля 3 2026": apr3, "1.12.2026": data.NewDate(2026, 12, 1)},
			nil,
			[]string{"4/13/2026", "31.31.2026", "30.02.2026", "3.4.26", "3 апреля", "апрель 2026"},
		},
	} {
		c := loadLang(t, tc.lang)
		for typed, want := range tc.one {
			if d, err := c.ParseDate(typed); err != nil || d != want {
				t.Errorf("%s: %q reads as %v, %v; want %s", tc.lang, typed, d, err, want)
			}
		}
		for typed, want := range tc.two {
			d, err := c.ParseDate(typed)
			var amb *data.AmbiguousDateError
			if !errors.As(err, &amb) || amb.Readings != want || !d.IsZero() {
				t.Errorf("%s: %q gives %v, %v; want a question between %s and %s", tc.lang, typed, d, err, want[0], want[1])
			}
		}
		for _, typed := range tc.wrong {
			d, err := c.ParseDate(typed)
			var amb *data.AmbiguousDateError
			if err == nil || errors.As(err, &amb) {
				t.Errorf("%s: %q read as %v, %v; want it refused", tc.lang, typed, d, err)
			}
		}
	}
}

// FuzzParseDate: whatever is typed into a date field reads as one real day that reads back the
// same when shown, or as two different real days to choose from, or is refused; it never
// panics and never turns into a day it does not name.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"3/4/2026", "13/4/2026", "4/13/2026", "April 3, 2026", "3 апреля 2026", "2026-04-03", "31.02.2026", "", "1/1/1000", "12/12/9999", "+3/-4/2026"} {
		f.Add(s)
	}
	langs := []*data.Content{loadLang(f, "en"), loadLang(f, "ru")}
	f.Fuzz(func(t *testing.T, typed string) {
		for _, c := range langs {
			d, err := c.ParseDate(typed)
			var two *data.AmbiguousDateError
			switch {
			case errors.As(err, &two):
				if !d.IsZero() || two.Readings[0] == two.Readings[1] || two.Readings[0].IsZero() || two.Readings[1].IsZero() {
					t.Fatalf("%s: %q asks between %s and %s, returns %s", c.Language, typed, two.Readings[0], two.Readings[1], d)
				}
				for _, r := range two.Readings {
					if back, err := c.ParseDate(c.Date(r.Time())); err != nil || back != r {
						t.Fatalf("%s: %q offers %s, which reads back as %s, %v", c.Language, typed, r, back, err)
					}
				}
			case err != nil:
				if !d.IsZero() {
					t.Fatalf("%s: %q refused but returns %s", c.Language, typed, d)
				}
			case d.IsZero():
				if strings.TrimSpace(typed) != "" {
					t.Fatalf("%s: %q reads as no day", c.Language, typed)
				}
			default:
				if back, err := c.ParseDate(c.Date(d.Time())); err != nil || back != d {
					t.Fatalf("%s: %q reads as %s, shown as %q, which reads back as %s, %v", c.Language, typed, d, c.Date(d.Time()), back, err)
				}
			}
		}
	})
}
