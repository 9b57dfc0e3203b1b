-- As ../0005_copies_in_band_index.sql: near copies get band keys too,
-- computed by `marsad.store.signatures.index_copies`, run right after this
-- file in the same transaction.
DELETE FROM lsh_bands WHERE doc IN (SELECT id FROM documents WHERE near_duplicate_of IS NOT NULL);
