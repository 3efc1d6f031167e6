-- Version 7: a step's note is its author's, private like a reflection answer until shared.
ALTER TABLE steps ADD COLUMN note_shared INTEGER NOT NULL DEFAULT 0;
