package app

import (
	"slices"
	"strings"

	"kintsugi/assets"
	"kintsugi/data"
)

// WindowLanguage picks the language the window speaks: the one chosen in the settings when
// Kintsugi has content for it, else the system's (a locale such as "ru-RU" or "ru_RU.UTF-8"),
// else English.
func WindowLanguage(chosen, systemLocale string) string {
	langs, err := data.Languages(assets.FS)
	if err != nil {
		return "en"
	}
	for _, l := range []string{chosen, baseLanguage(systemLocale)} {
		if l != "" && slices.Contains(langs, l) {
			return l
		}
	}
	return "en"
}

// baseLanguage is the language part of a locale: "ru" of "ru-RU", "ru_RU.UTF-8" or "RU".
func baseLanguage(locale string) string {
	if i := strings.IndexAny(locale, "-_.@"); i >= 0 {
		locale = locale[:i]
	}
	return strings.ToLower(locale)
}

// LanguageChoice is a language the window can speak, named in itself ("Русский").
type LanguageChoice struct{ Code, Name string }

// LanguageChoices lists the embedded languages, each named in its own words.
func LanguageChoices() ([]LanguageChoice, error) {
	langs, err := data.Languages(assets.FS)
	if err != nil {
		return nil, err
	}
	out := make([]LanguageChoice, 0, len(langs))
	for _, l := range langs {
		c, err := LoadContent(l)
		if err != nil {
			return nil, err
		}
		out = append(out, LanguageChoice{Code: l, Name: c.LanguageName})
	}
	return out, nil
}
