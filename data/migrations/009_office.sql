-- Version 9: a therapist's office. A code the therapist chose shows in the list instead of the
-- names; a finished couple is kept out of the active list; the therapist's own notes per couple
-- are sealed with the couple's data (a BLOB, through the store's sealer) and never printed.
ALTER TABLE cases ADD COLUMN code TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN finished INTEGER NOT NULL DEFAULT 0;

CREATE TABLE therapist_notes (
    case_id     INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    body        BLOB,
    updated_at  TEXT NOT NULL
);
