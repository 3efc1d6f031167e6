package data

// CommitmentCodes gives each agreed commitment the code the window and the workbook both show:
// a catalog commitment its entry's code, a couple's own C.1, C.2, ... numbered in the order
// agreed lists them (Dossier.Agreed), so the same commitment has one code everywhere.
func (c *Content) CommitmentCodes(agreed []Commitment) map[int64]string {
	out := make(map[int64]string, len(agreed))
	own := 0
	for _, cm := range agreed {
		if e := c.Entry(cm.CatalogID); e != nil {
			out[cm.ID] = e.Code
			continue
		}
		own++
		out[cm.ID] = c.Tf("wb.custom.code", own)
	}
	return out
}

// ItemCodes gives each item of an agreement version its code, as CommitmentCodes does for the
// agreed commitments: the catalog's code, or C.1, C.2, ... for the couple's own in the order
// the version lists them.
func (c *Content) ItemCodes(items []AgreementItem) []string {
	out := make([]string, len(items))
	own := 0
	for i, it := range items {
		if it.CatalogID != "" {
			out[i] = it.Code
			continue
		}
		own++
		out[i] = c.Tf("wb.custom.code", own)
	}
	return out
}
