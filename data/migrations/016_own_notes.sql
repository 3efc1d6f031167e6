-- Version 16: each partner's own note on a week, and the hurt partner's reply to the letter.
--
-- A weekly note is its author's, private like a reflection answer until shared (and sealed with
-- its author's PIN while private, pin_sealed = 1). The check-in's three notes stay where they
-- are, in checkins, and are shown as written together: until now they were one text on a
-- screen both partners could see and change, and nobody recorded who typed them. Naming one
-- partner as their author (the hurt partner, say, because the trust score sits in the same row)
-- would claim what the data does not know; moving them would also need the couple's key to
-- re-seal them, which this file cannot hold.
-- IF NOT EXISTS: tests that turn a database back to an older schema keep these tables.
CREATE TABLE IF NOT EXISTS week_notes (
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    week        INTEGER NOT NULL CHECK (week >= 1),
    partner     TEXT NOT NULL CHECK (partner IN ('A', 'B')),
    body        BLOB,
    shared      INTEGER NOT NULL DEFAULT 0,
    pin_sealed  INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (case_id, week, partner)
);

-- The reply to the apology letter: its author (written_by, '' when both rebuild trust and it is
-- theirs together), private to them until shared, sealed with their PIN while private.
CREATE TABLE IF NOT EXISTS letter_replies (
    case_id     INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    written_by  TEXT NOT NULL DEFAULT '' CHECK (written_by IN ('', 'A', 'B')),
    body        BLOB,
    shared      INTEGER NOT NULL DEFAULT 0,
    pin_sealed  INTEGER NOT NULL DEFAULT 0
);
