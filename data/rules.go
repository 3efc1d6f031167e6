package data

import (
	"fmt"
	"sync"

	"kintsugi/assets"
	"kintsugi/couple"
)

// catalogOf adapts the content to what the couple's rules ask of the catalog, with the couple's
// names filled into the texts.
type catalogOf struct {
	c     *Content
	names Names
}

func (k catalogOf) Item(id string) (code, text, unit string, ok bool) {
	e := k.c.Entry(id)
	if e == nil || !k.c.IsCatalog(id) {
		return "", "", "", false
	}
	if e.Parameter != nil {
		unit = e.Parameter.Unit
	}
	return e.Code, k.c.Render(e.Text, k.names), unit, true
}

func (k catalogOf) Monitoring(id string) bool {
	e := k.c.Entry(id)
	return e != nil && e.Monitoring
}

// CatalogFor is the content's catalog as the couple's rules see it, for couple cs.
func (c *Content) CatalogFor(cs Case) couple.Catalog { return catalogOf{c: c, names: cs.Names()} }

// builtin is the embedded English content. Which catalog commitments check on a partner is the
// same in every language, so the store asks it whatever language a couple uses: a rule that
// needs the catalog holds even where no content was passed in (the command line, import).
var builtin = sync.OnceValues(func() (*Content, error) { return LoadContent(assets.FS, "en") })

// monitoring reports whether catalog commitment id checks on a partner.
func monitoring(id string) (bool, error) {
	if id == "" {
		return false, nil
	}
	c, err := builtin()
	if err != nil {
		return false, fmt.Errorf("read the catalog: %w", err)
	}
	e := c.Entry(id)
	return e != nil && e.Monitoring, nil
}

// checkCommitment applies every rule a stored commitment keeps, today being the store's today.
func (s *Store) checkCommitment(c Commitment) error {
	mon, err := monitoring(c.CatalogID)
	if err != nil {
		return err
	}
	return couple.CheckCommitment(c, mon, DateOf(s.now()))
}
