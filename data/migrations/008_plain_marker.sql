-- Version 8: a value of a couple without a lock that starts like a sealed value is stored with
-- the marker KSP1 in front, so a sealed value found without its couple's lock (the lock row
-- deleted) is told apart and refused as damage. The only such values until now were private
-- answers sealed with their author's PIN in a couple without a passphrase.
UPDATE answers SET body = CAST('KSP1' AS BLOB) || body
 WHERE pin_sealed = 1
   AND substr(body, 1, 4) = CAST('KSG1' AS BLOB)
   AND case_id NOT IN (SELECT case_id FROM locks);
