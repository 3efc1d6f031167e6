-- Version 21: private texts sealed under a PIN that was replaced because its record was damaged
-- (data/pins.go, ReplaceDamagedPIN). Nobody holds their key any more: they stay in the file,
-- sealed, with pin_lost = 1 on answers, week_notes and letter_replies, and read as "could not be
-- opened" until their author deletes them or writes over them (which sets it back to 0).
-- The columns are added by this migration's Go step (data/store.go, goStep) only where they are
-- missing: SQLite has no ADD COLUMN IF NOT EXISTS, and a test that takes a database back to an
-- older schema runs this again.
SELECT 1;
