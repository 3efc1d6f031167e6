-- Version 22: a digest of each PIN's check value (pins.check_sum, SHA-256 of the check value as
-- sealed with the PIN's key, before any wrapping in the couple's key). Over a couple that is not
-- locked, that check value is stored bare, and a damaged byte in it read exactly like a wrong
-- PIN: its partner was told "wrong PIN" for ever, with no way to start a new one. The digest
-- tells damage from a wrong PIN; it says nothing of the PIN (the check value is in the file
-- already). Rows from before stay without one (NULL) and behave as they did.
-- The column is added by this migration's Go step (data/store.go, goStep) only where it is
-- missing, like 021.
SELECT 1;
