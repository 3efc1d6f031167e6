-- Version 14: the digest of exactly what both partners signed (couple.AgreementDigest), kept for
-- every agreement version signed by both. For a locked couple it is sealed and bound to its
-- agreement like every sensitive value, so it can be neither read nor forged without the
-- passphrase. Versions signed before this version get theirs from this migration's Go step
-- (couples without a passphrase) or at their couple's next unlock (locked couples): made_at says
-- when each digest was made, which for those is after the signing. (IF NOT EXISTS: a test that
-- takes a database back to an older schema runs this again.)
CREATE TABLE IF NOT EXISTS agreement_digests (
    agreement_id  INTEGER PRIMARY KEY REFERENCES agreements(id) ON DELETE CASCADE,
    digest        BLOB NOT NULL,
    made_at       TEXT NOT NULL
);

CREATE TRIGGER IF NOT EXISTS agreement_digests_frozen BEFORE UPDATE ON agreement_digests
WHEN NOT EXISTS (SELECT 1 FROM resealing)
BEGIN SELECT RAISE(ABORT, 'agreement digest is frozen'); END;
