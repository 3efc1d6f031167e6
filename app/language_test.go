package app

import "testing"

func TestWindowLanguageFollowsTheChoiceThenTheSystem(t *testing.T) {
	for _, c := range []struct{ chosen, system, want string }{
		{"", "ru-RU", "ru"},
		{"", "ru_RU.UTF-8", "ru"},
		{"", "RU", "ru"},
		{"", "en-GB", "en"},
		{"", "fr-FR", "en"}, // no French content: English
		{"", "", "en"},
		{"en", "ru-RU", "en"}, // the person's choice wins over the system
		{"ru", "en-US", "ru"},
		{"xx", "ru-RU", "ru"}, // a choice whose content is gone falls back to the system
	} {
		if got := WindowLanguage(c.chosen, c.system); got != c.want {
			t.Errorf("WindowLanguage(%q, %q) = %q, want %q", c.chosen, c.system, got, c.want)
		}
	}
}

func TestLanguageChoicesNameEachLanguageInItself(t *testing.T) {
	choices, err := LanguageChoices()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, c := range choices {
		names[c.Code] = c.Name
	}
	if names["en"] != "English" || names["ru"] != "Русский" {
		t.Errorf("choices = %v", choices)
	}
}
