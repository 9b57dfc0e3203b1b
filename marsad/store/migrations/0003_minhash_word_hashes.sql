-- MinHash signatures changed their hash scheme (marsad.dedup.minhash:
-- words hashed once with BLAKE2b and mixed into shingle hashes, multiply-shift
-- permutations, instead of datasketch's SHA-1 per shingle). Signatures and band
-- keys written before would never match new ones, so they are cleared here and
-- recomputed from documents.text by `marsad.store.signatures.rebuild`, which
-- `marsad.store.migrate` runs right after this file, in the same transaction.
DELETE FROM lsh_bands;
DELETE FROM minhash;
