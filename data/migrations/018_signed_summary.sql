-- Version 18: the list's summaries say whether the latest agreement version is signed by both
-- and still says what they signed (its digest, couple.Agreement.Signed). What that depends on
-- beyond the signatures, the items and the digest, now marks its couple stale too, so a change
-- made to the file by hand is judged at the next read. Every kept summary is recomputed (the
-- kept form changed, data/summaryfacts.go). (IF NOT EXISTS: a test that takes a database back
-- to an older schema runs this again.)
CREATE TRIGGER IF NOT EXISTS agreement_items_summary_insert AFTER INSERT ON agreement_items
BEGIN INSERT INTO summaries_stale (case_id)
 SELECT case_id FROM agreements WHERE id = NEW.agreement_id
 AND case_id NOT IN (SELECT case_id FROM summaries_stale); END;

CREATE TRIGGER IF NOT EXISTS agreement_items_summary_update AFTER UPDATE ON agreement_items
BEGIN INSERT INTO summaries_stale (case_id)
 SELECT case_id FROM agreements WHERE id IN (NEW.agreement_id, OLD.agreement_id)
 AND case_id NOT IN (SELECT case_id FROM summaries_stale); END;

CREATE TRIGGER IF NOT EXISTS agreement_items_summary_delete AFTER DELETE ON agreement_items
BEGIN INSERT INTO summaries_stale (case_id)
 SELECT case_id FROM agreements WHERE id = OLD.agreement_id
 AND case_id NOT IN (SELECT case_id FROM summaries_stale); END;

CREATE TRIGGER IF NOT EXISTS agreement_digests_summary_insert AFTER INSERT ON agreement_digests
BEGIN INSERT INTO summaries_stale (case_id)
 SELECT case_id FROM agreements WHERE id = NEW.agreement_id
 AND case_id NOT IN (SELECT case_id FROM summaries_stale); END;

CREATE TRIGGER IF NOT EXISTS agreement_digests_summary_update AFTER UPDATE ON agreement_digests
BEGIN INSERT INTO summaries_stale (case_id)
 SELECT case_id FROM agreements WHERE id IN (NEW.agreement_id, OLD.agreement_id)
 AND case_id NOT IN (SELECT case_id FROM summaries_stale); END;

CREATE TRIGGER IF NOT EXISTS agreement_digests_summary_delete AFTER DELETE ON agreement_digests
BEGIN INSERT INTO summaries_stale (case_id)
 SELECT case_id FROM agreements WHERE id = OLD.agreement_id
 AND case_id NOT IN (SELECT case_id FROM summaries_stale); END;

INSERT INTO summaries_stale (case_id) SELECT id FROM cases WHERE id NOT IN (SELECT case_id FROM summaries_stale);
