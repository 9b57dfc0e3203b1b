-- Near copies get LSH band keys too, not only group heads: which copy of a
-- group is the head is now decided by a rule (earliest published day, then
-- smallest id: marsad.store.copies), so a stored copy can become a head, or
-- move to another head, when an earlier text arrives, and the lookup must find
-- it. The keys are computed from the stored signatures by
-- `marsad.store.signatures.index_copies`, which `marsad.store.migrate` runs
-- right after this file, in the same transaction. Groups already stored keep
-- their heads until a new document touches them.
DELETE FROM lsh_bands WHERE doc IN (SELECT id FROM documents WHERE near_duplicate_of IS NOT NULL);
