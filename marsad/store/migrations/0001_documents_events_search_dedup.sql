-- The first schema: documents, their events, full-text search and de-duplication.
-- Later stages (fusion, actor profiles) add their tables in new numbered files.

-- `id` is a stable integer key for the search index (VACUUM may renumber
-- implicit rowids); `doc_id` is the document's identity everywhere else.
CREATE TABLE documents (
    id                INTEGER PRIMARY KEY,
    doc_id            TEXT NOT NULL UNIQUE,
    source            TEXT NOT NULL,
    title             TEXT,
    outlet            TEXT,
    published         TEXT,            -- YYYY-MM-DD
    url               TEXT,
    language          TEXT NOT NULL,
    text              TEXT NOT NULL,   -- clean text; evidence offsets refer to it
    original          TEXT,            -- NULL when identical to text
    offsets           TEXT NOT NULL,   -- JSON [[clean_start, orig_start, length], ...]
    removed           TEXT NOT NULL,   -- JSON list of removed blocks
    meta              TEXT NOT NULL,   -- JSON object
    content_hash      TEXT,            -- exact-duplicate key (marsad.dedup.content_hash)
    near_duplicate_of TEXT REFERENCES documents(doc_id),
    ingested_at       TEXT NOT NULL
);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE INDEX documents_near_duplicate_of ON documents(near_duplicate_of);
CREATE INDEX documents_published ON documents(published);

-- Exact copies under another id: the text is stored once (in `documents`);
-- here only who else published it, and when.
CREATE TABLE duplicates (
    doc_id       TEXT PRIMARY KEY,
    duplicate_of TEXT NOT NULL REFERENCES documents(doc_id),
    source       TEXT NOT NULL,
    title        TEXT,
    outlet       TEXT,
    published    TEXT,
    url          TEXT,
    meta         TEXT NOT NULL,
    ingested_at  TEXT NOT NULL
);
CREATE INDEX duplicates_duplicate_of ON duplicates(duplicate_of);

-- One row per extracted event; columns are the contract's fields (EVENTS.md).
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    doc_id          TEXT NOT NULL REFERENCES documents(doc_id),
    event_index     INTEGER NOT NULL,
    event_type      TEXT NOT NULL,
    sub_event_type  TEXT NOT NULL,
    event_date      TEXT,
    time_precision  INTEGER,
    actor1          TEXT,
    actor2          TEXT,
    responsibility  TEXT NOT NULL,
    country_code    TEXT,
    admin1          TEXT,
    location        TEXT,
    latitude        REAL,
    longitude       REAL,
    geo_precision   INTEGER,
    fatalities      INTEGER,
    fatalities_high INTEGER,
    injuries        INTEGER,
    evidence        TEXT NOT NULL,  -- JSON [{start, end, text}, ...]
    UNIQUE (doc_id, event_index)
);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_type ON events(event_type, sub_event_type);

-- Events counted once: those of documents that are not near copies of another.
CREATE VIEW counted_events AS
    SELECT e.* FROM events e JOIN documents d ON d.doc_id = e.doc_id
    WHERE d.near_duplicate_of IS NULL;

-- Full-text search over expanded normalised readings (marsad.store.fts):
-- contentless, since the readings are derived from documents.text on demand.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body, content='', tokenize='unicode61 remove_diacritics 0'
);

-- Near-duplicate detection: each document's MinHash signature, and the LSH
-- band keys of group heads (documents that are no near copy) with an index,
-- so that candidates are found by lookup. Keyed by
-- documents.id, not doc_id (often a long URL): these tables have a row per
-- band per document.
CREATE TABLE minhash (
    doc       INTEGER PRIMARY KEY REFERENCES documents(id),
    signature BLOB NOT NULL
);
CREATE TABLE lsh_bands (
    band INTEGER NOT NULL,
    key  INTEGER NOT NULL,
    doc  INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band, key, doc)
) WITHOUT ROWID;
