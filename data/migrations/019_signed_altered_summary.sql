-- Version 19: the list's summaries also say whether the newest agreement version both partners
-- signed was changed afterwards (couple.NewestSigned), so what is due is judged without reading
-- every couple's agreement on each list. Every kept summary is recomputed (the kept form
-- changed, data/summaryfacts.go); the triggers of version 18 keep it judged after that.
INSERT INTO summaries_stale (case_id) SELECT id FROM cases WHERE id NOT IN (SELECT case_id FROM summaries_stale);
