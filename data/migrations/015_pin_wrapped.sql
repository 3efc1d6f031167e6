-- Version 15: a PIN's check value over a locked couple is sealed with the couple's key as well
-- (wrapped = 1), so a copied file offers nothing to try PINs against without the passphrase,
-- also for a PIN set before the couple was locked. A couple locked before this has its PINs'
-- check values wrapped at its next unlock, the first moment its key is at hand.
ALTER TABLE pins ADD COLUMN wrapped INTEGER NOT NULL DEFAULT 0;
