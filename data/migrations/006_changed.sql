-- Version 6: which terms of a commitment changed since someone agreed to it, comma-separated,
-- so both partners are shown what changed until both agree again.
ALTER TABLE commitments ADD COLUMN changed TEXT NOT NULL DEFAULT '';
