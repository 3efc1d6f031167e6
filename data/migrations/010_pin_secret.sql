-- Version 10: a PIN set over a locked couple is keyed from the PIN and a random secret sealed
-- with the couple's key (sealed like every value, bound to its row), so guessing the PIN from a
-- copied file needs the passphrase too. Empty for a PIN over a couple without a passphrase.
ALTER TABLE pins ADD COLUMN secret BLOB;
