-- As ../0003_minhash_word_hashes.sql: signatures of the old hash scheme are
-- cleared and recomputed by `marsad.store.signatures.rebuild`, run right
-- after this file in the same transaction.
DELETE FROM lsh_bands;
DELETE FROM minhash;
