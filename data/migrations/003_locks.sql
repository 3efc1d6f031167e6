-- Version 3: couples locked with a passphrase.
CREATE TABLE locks (
    case_id      INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    kdf          TEXT NOT NULL,   -- Argon2id parameters and salt, as JSON
    check_value  BLOB NOT NULL,   -- a known value sealed with the key: proves a passphrase right
    created_at   TEXT NOT NULL
);

-- While a row is here (only inside the transaction that re-seals a couple's values under a new
-- key), signed agreements accept their own values re-sealed. Nothing else changes them.
CREATE TABLE resealing (active INTEGER NOT NULL);

DROP TRIGGER agreements_frozen;
DROP TRIGGER agreement_items_frozen_update;
DROP TRIGGER signatures_frozen;

CREATE TRIGGER agreements_frozen BEFORE UPDATE ON agreements
WHEN (SELECT count(*) FROM signatures WHERE agreement_id = OLD.id) = 2
BEGIN SELECT RAISE(ABORT, 'agreement version is frozen'); END;

CREATE TRIGGER agreement_items_frozen_update BEFORE UPDATE ON agreement_items
WHEN (SELECT count(*) FROM signatures WHERE agreement_id = OLD.agreement_id) = 2
 AND NOT EXISTS (SELECT 1 FROM resealing)
BEGIN SELECT RAISE(ABORT, 'agreement version is frozen'); END;

CREATE TRIGGER signatures_frozen BEFORE UPDATE ON signatures
WHEN (SELECT count(*) FROM signatures WHERE agreement_id = OLD.agreement_id) = 2
 AND NOT EXISTS (SELECT 1 FROM resealing)
BEGIN SELECT RAISE(ABORT, 'agreement version is frozen'); END;
