-- Version 5: the example couple the app makes to show itself is marked as such, so it is found
-- by this mark and never by its names (a real couple may be called Sam and Alex too).
ALTER TABLE cases ADD COLUMN example INTEGER NOT NULL DEFAULT 0;
