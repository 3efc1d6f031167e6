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
