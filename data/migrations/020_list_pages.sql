-- Version 20: the list of couples reads a page at a time, only the lines in view.
-- The kept summary also keeps the step the couple reached (judged by the app's rules when the
-- store has them, data.WithJudge; judge names those rules) and the dates what is due is judged
-- by (due), so a line costs one row, never a couple's facts decoded and judged again.
-- Who is rebuilding decides which questions count, so changing it marks the couple stale.
-- The indexes give the most recently active couples first without sorting them all, at home
-- and in an office (no example couple, no finished one), and count an office's clients from the
-- index alone.
-- The columns step, judge and due are added in Go (data/store.go, goStep), which skips a
-- column that exists: a test that takes a database back to an older schema runs this again.

CREATE TRIGGER IF NOT EXISTS cases_summary_update AFTER UPDATE OF rebuilding, rebuilding_sealed ON cases
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.id); END;

CREATE INDEX IF NOT EXISTS cases_recent ON cases (updated_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS cases_listed ON cases (example, finished, updated_at DESC, id DESC);

INSERT INTO summaries_stale (case_id) SELECT id FROM cases WHERE id NOT IN (SELECT case_id FROM summaries_stale);
