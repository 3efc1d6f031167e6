package data_test

import (
	"strings"
	"testing"
	"time"

	"kintsugi/assets"
	"kintsugi/data"
)

func loadLang(t *testing.T, lang string) *data.Content {
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
