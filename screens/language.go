package screens

import (
	"fyne.io/fyne/v2"

	"kintsugi/app"
)

// PrefLanguage is the preference holding the window's language when a person chose one; until
// then the window follows the system's.
const PrefLanguage = "language"

// languageMenu lists the languages, each named in itself, the current one checked.
func (w *Window) languageMenu() *fyne.MenuItem {
	item := fyne.NewMenuItem(w.state.Content().T("ui.menu.language"), nil)
	choices, err := app.LanguageChoices()
	if err != nil {
		return item
	}
	var langs []*fyne.MenuItem
	for _, l := range choices {
		it := fyne.NewMenuItem(l.Name, func() { w.SetLanguage(l.Code) })
		it.Checked = l.Code == w.state.Content().Language
		langs = append(langs, it)
	}
	item.ChildMenu = fyne.NewMenu("", langs...)
	return item
}

// SetLanguage switches the window to language code at once, keeps the choice for the next
// start, and shows again where the person was. A couple's workbook keeps its own language.
func (w *Window) SetLanguage(code string) {
	c, err := app.LoadContent(code)
	if err != nil {
		w.showError(err)
		return
	}
	w.state.Flush()
	w.app.Preferences().SetString(PrefLanguage, code)
	w.state.SetContent(c)
	w.Win.SetTitle(c.T("ui.app.title"))
	w.Win.SetMainMenu(w.menu())
	if w.Couple != nil {
		w.OpenCouple(w.Couple.d.Case.ID)
		return
	}
	w.ShowStart()
}
