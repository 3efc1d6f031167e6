-- Version 2: each partner's decisions along the way (confirming the welcome and safety note,
-- deciding whether to go on after talking it through).
CREATE TABLE decisions (
    case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    partner  TEXT NOT NULL CHECK (partner IN ('A', 'B')),
    value    TEXT NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (case_id, key, partner)
);
