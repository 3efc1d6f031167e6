-- Kintsugi schema, version 1.
-- Columns holding what a couple wrote (answers, descriptions, notes, the letter, signatures)
-- are BLOBs: they pass through the store's Sealer, which may encrypt them.

CREATE TABLE cases (
    id          INTEGER PRIMARY KEY,
    name_a      TEXT NOT NULL,
    name_b      TEXT NOT NULL,
    rebuilding  TEXT NOT NULL CHECK (rebuilding IN ('A', 'B', 'both')),
    start_date  TEXT NOT NULL DEFAULT '',
    paper       TEXT NOT NULL DEFAULT 'a4' CHECK (paper IN ('a4', 'letter')),
    language    TEXT NOT NULL DEFAULT 'en',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE incidents (
    case_id      INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    causes       TEXT NOT NULL DEFAULT '',
    description  BLOB,
    date         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE answers (
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    partner      TEXT NOT NULL CHECK (partner IN ('A', 'B')),
    question_id  TEXT NOT NULL,
    body         BLOB,
    shared       INTEGER NOT NULL DEFAULT 0,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (case_id, partner, question_id)
);

CREATE TABLE rule_acks (
    case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    rule_id  TEXT NOT NULL,
    partner  TEXT NOT NULL CHECK (partner IN ('A', 'B')),
    at       TEXT NOT NULL,
    PRIMARY KEY (case_id, rule_id, partner)
);

CREATE TABLE steps (
    case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    step_id  TEXT NOT NULL,
    done_on  TEXT NOT NULL DEFAULT '',
    note     BLOB,
    PRIMARY KEY (case_id, step_id)
);

CREATE TABLE commitments (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    catalog_id   TEXT NOT NULL DEFAULT '',
    custom_text  BLOB,
    param        INTEGER NOT NULL DEFAULT 0,
    cost         TEXT NOT NULL,
    agreed_a     INTEGER NOT NULL DEFAULT 0,
    agreed_b     INTEGER NOT NULL DEFAULT 0,
    review_date  TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX commitments_case ON commitments(case_id, position);
CREATE UNIQUE INDEX commitments_catalog ON commitments(case_id, catalog_id) WHERE catalog_id <> '';

CREATE TABLE agreements (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    start_date   TEXT NOT NULL DEFAULT '',
    review_date  TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    UNIQUE (case_id, version)
);

CREATE TABLE agreement_items (
    agreement_id   INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    commitment_id  INTEGER NOT NULL DEFAULT 0,
    catalog_id     TEXT NOT NULL DEFAULT '',
    code           TEXT NOT NULL DEFAULT '',
    text           BLOB,
    param          INTEGER NOT NULL DEFAULT 0,
    unit           TEXT NOT NULL DEFAULT '',
    cost           TEXT NOT NULL DEFAULT '',
    review_date    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agreement_id, position)
);

CREATE TABLE signatures (
    agreement_id  INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    partner       TEXT NOT NULL CHECK (partner IN ('A', 'B')),
    typed_name    BLOB,
    png           BLOB,
    signed_at     TEXT NOT NULL,
    PRIMARY KEY (agreement_id, partner)
);

-- A version both partners signed never changes, even through a bug in the Go code.
CREATE TRIGGER agreements_frozen BEFORE UPDATE ON agreements
WHEN (SELECT count(*) FROM signatures WHERE agreement_id = OLD.id) = 2
BEGIN SELECT RAISE(ABORT, 'agreement version is frozen'); END;

CREATE TRIGGER agreement_items_frozen_update BEFORE UPDATE ON agreement_items
WHEN (SELECT count(*) FROM signatures WHERE agreement_id = OLD.agreement_id) = 2
BEGIN SELECT RAISE(ABORT, 'agreement version is frozen'); END;

CREATE TRIGGER agreement_items_frozen_insert BEFORE INSERT ON agreement_items
WHEN (SELECT count(*) FROM signatures WHERE agreement_id = NEW.agreement_id) = 2
BEGIN SELECT RAISE(ABORT, 'agreement version is frozen'); END;

CREATE TRIGGER signatures_frozen BEFORE UPDATE ON signatures
WHEN (SELECT count(*) FROM signatures WHERE agreement_id = OLD.agreement_id) = 2
BEGIN SELECT RAISE(ABORT, 'agreement version is frozen'); END;

CREATE TABLE letters (
    case_id     INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    body        BLOB,
    status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready', 'given')),
    updated_at  TEXT NOT NULL
);

CREATE TABLE marks (
    case_id        INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    commitment_id  INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    day            TEXT NOT NULL,
    mark           TEXT NOT NULL CHECK (mark IN ('kept', 'missed', 'na')),
    PRIMARY KEY (commitment_id, day)
);
CREATE INDEX marks_case_day ON marks(case_id, day);

CREATE TABLE checkins (
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    week         INTEGER NOT NULL CHECK (week >= 1),
    trust        INTEGER NOT NULL DEFAULT -1 CHECK (trust BETWEEN -1 AND 10),
    went_well    BLOB,
    was_hard     BLOB,
    appreciated  BLOB,
    PRIMARY KEY (case_id, week)
);
