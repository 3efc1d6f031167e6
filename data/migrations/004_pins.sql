-- Version 4: a partner's own PIN over their private answers.
CREATE TABLE pins (
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    partner      TEXT NOT NULL CHECK (partner IN ('A', 'B')),
    kdf          TEXT NOT NULL,
    check_value  BLOB NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (case_id, partner)
);

-- 1 when the answer's text is sealed with its author's PIN (a private answer of a partner
-- who set one); shared answers never are.
ALTER TABLE answers ADD COLUMN pin_sealed INTEGER NOT NULL DEFAULT 0;
