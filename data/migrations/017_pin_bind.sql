-- Version 17: the name a PIN's values are bound to (data/pins.go, pinAAD): a random one made
-- with the PIN and carried by an export, so a partner's PIN-sealed answers open again in another
-- database under another case ID. Empty for a PIN set before: bound to its couple's case ID.
-- The column pins.bind is added by this migration's Go step (data/store.go, goStep) only where
-- it is missing: SQLite has no ADD COLUMN IF NOT EXISTS, and a test that takes a database back
-- to an older schema runs this again.
SELECT 1;
