-- Version 12: a locked couple's shape is sealed too: the causes, who is rebuilding, the trust
-- scores, the daily marks, the decisions, and each commitment's and agreement item's catalog ID,
-- code, amount, unit and cost. Most are sealed where they are (a BLOB in place of the text or
-- number); the three whose column only takes a few known values get a sealed twin, and the plain
-- column then holds the same neutral value for every locked couple. Existing locked couples are
-- sealed at their next unlock, the first moment their key is at hand (lock.go, shape.go).
ALTER TABLE cases ADD COLUMN rebuilding_sealed BLOB;
ALTER TABLE checkins ADD COLUMN trust_sealed BLOB;
ALTER TABLE marks ADD COLUMN mark_sealed BLOB;
