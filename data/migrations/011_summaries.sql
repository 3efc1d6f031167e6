-- One summary per couple for the list of couples: counts and yes/no facts (data/listing.go),
-- never a text anybody wrote, and nothing at all for a locked couple. Every change to what a
-- summary is made of marks its couple stale (the triggers below); the store's write recomputes
-- the stale summaries in the same transaction, so a committed summary is never out of date. A
-- summary still marked stale (a file written by hand, or this migration before the store filled
-- it) is computed afresh by the list, never trusted.
CREATE TABLE case_summaries (
    case_id  INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    facts    TEXT NOT NULL
);

-- No foreign key: a couple being deleted marks itself stale on its way out. The triggers test
-- before they insert, as INSERT OR IGNORE in a trigger takes the conflict rule of the statement
-- that fired it.
CREATE TABLE summaries_stale (case_id INTEGER PRIMARY KEY);

INSERT INTO summaries_stale (case_id) SELECT id FROM cases;

CREATE TRIGGER cases_summary_insert AFTER INSERT ON cases
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.id); END;

CREATE TRIGGER decisions_summary_insert AFTER INSERT ON decisions
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER decisions_summary_update AFTER UPDATE ON decisions
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER decisions_summary_delete AFTER DELETE ON decisions
BEGIN INSERT INTO summaries_stale (case_id) SELECT OLD.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = OLD.case_id); END;

CREATE TRIGGER incidents_summary_insert AFTER INSERT ON incidents
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER incidents_summary_update AFTER UPDATE ON incidents
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER incidents_summary_delete AFTER DELETE ON incidents
BEGIN INSERT INTO summaries_stale (case_id) SELECT OLD.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = OLD.case_id); END;

CREATE TRIGGER answers_summary_insert AFTER INSERT ON answers
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER answers_summary_update AFTER UPDATE ON answers
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER answers_summary_delete AFTER DELETE ON answers
BEGIN INSERT INTO summaries_stale (case_id) SELECT OLD.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = OLD.case_id); END;

CREATE TRIGGER rule_acks_summary_insert AFTER INSERT ON rule_acks
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER rule_acks_summary_update AFTER UPDATE ON rule_acks
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER rule_acks_summary_delete AFTER DELETE ON rule_acks
BEGIN INSERT INTO summaries_stale (case_id) SELECT OLD.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = OLD.case_id); END;

CREATE TRIGGER steps_summary_insert AFTER INSERT ON steps
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER steps_summary_update AFTER UPDATE ON steps
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER steps_summary_delete AFTER DELETE ON steps
BEGIN INSERT INTO summaries_stale (case_id) SELECT OLD.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = OLD.case_id); END;

CREATE TRIGGER commitments_summary_insert AFTER INSERT ON commitments
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER commitments_summary_update AFTER UPDATE ON commitments
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER commitments_summary_delete AFTER DELETE ON commitments
BEGIN INSERT INTO summaries_stale (case_id) SELECT OLD.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = OLD.case_id); END;

CREATE TRIGGER letters_summary_insert AFTER INSERT ON letters
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER letters_summary_update AFTER UPDATE ON letters
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER letters_summary_delete AFTER DELETE ON letters
BEGIN INSERT INTO summaries_stale (case_id) SELECT OLD.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = OLD.case_id); END;

CREATE TRIGGER agreements_summary_insert AFTER INSERT ON agreements
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER agreements_summary_update AFTER UPDATE ON agreements
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER agreements_summary_delete AFTER DELETE ON agreements
BEGIN INSERT INTO summaries_stale (case_id) SELECT OLD.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = OLD.case_id); END;

CREATE TRIGGER checkins_summary_insert AFTER INSERT ON checkins
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER checkins_summary_update AFTER UPDATE ON checkins
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER checkins_summary_delete AFTER DELETE ON checkins
BEGIN INSERT INTO summaries_stale (case_id) SELECT OLD.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = OLD.case_id); END;

CREATE TRIGGER locks_summary_insert AFTER INSERT ON locks
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER locks_summary_update AFTER UPDATE ON locks
BEGIN INSERT INTO summaries_stale (case_id) SELECT NEW.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = NEW.case_id); END;

CREATE TRIGGER locks_summary_delete AFTER DELETE ON locks
BEGIN INSERT INTO summaries_stale (case_id) SELECT OLD.case_id
 WHERE NOT EXISTS (SELECT 1 FROM summaries_stale WHERE case_id = OLD.case_id); END;

CREATE TRIGGER signatures_summary_insert AFTER INSERT ON signatures
BEGIN INSERT INTO summaries_stale (case_id)
 SELECT case_id FROM agreements WHERE id = NEW.agreement_id
 AND case_id NOT IN (SELECT case_id FROM summaries_stale); END;

CREATE TRIGGER signatures_summary_update AFTER UPDATE ON signatures
BEGIN INSERT INTO summaries_stale (case_id)
 SELECT case_id FROM agreements WHERE id = NEW.agreement_id
 AND case_id NOT IN (SELECT case_id FROM summaries_stale); END;

CREATE TRIGGER signatures_summary_delete AFTER DELETE ON signatures
BEGIN INSERT INTO summaries_stale (case_id)
 SELECT case_id FROM agreements WHERE id = OLD.agreement_id
 AND case_id NOT IN (SELECT case_id FROM summaries_stale); END;
