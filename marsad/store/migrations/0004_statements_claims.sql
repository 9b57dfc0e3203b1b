-- Statements, actor claims and figures per document (marsad.store.statements),
-- so that an actor profile over a large store is a query, not a re-extraction.
-- Written in the same transaction that stores the document. Standard SQL
-- only (TEXT / INTEGER / REAL, JSON kept as TEXT), for the PostgreSQL port.

-- Which documents have been read for statements (also those with none), so
-- that a store made before this migration can be filled in later.
CREATE TABLE statement_docs (
    doc_id     TEXT PRIMARY KEY REFERENCES documents(doc_id),
    statements INTEGER NOT NULL,
    claims     INTEGER NOT NULL,
    figures    INTEGER NOT NULL
);

-- One row per statement (marsad.statements.Statement).
CREATE TABLE statements (
    doc_id          TEXT NOT NULL REFERENCES documents(doc_id),
    statement_index INTEGER NOT NULL,
    kind            TEXT NOT NULL,     -- say, confirm, warn, deny, claim, according ...
    verb            TEXT NOT NULL,     -- as written
    meaning         TEXT NOT NULL,     -- the verb in English
    speaker_kind    TEXT,              -- person | actor | outlet | unnamed (NULL: not said)
    speaker_name    TEXT,
    speaker_key     TEXT,              -- Speaker.key(): groups one speaker across documents
    speaker         TEXT,              -- JSON Speaker (role, affiliation, span ...)
    content_start   INTEGER NOT NULL,
    content_end     INTEGER NOT NULL,
    content         TEXT NOT NULL,
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    said_on         TEXT,              -- YYYY-MM-DD
    date_precision  INTEGER,
    date_from       TEXT NOT NULL,     -- text | published
    chain           TEXT NOT NULL,     -- JSON [{name, kind}], publishing outlet first
    recipient       TEXT,
    event_indexes   TEXT NOT NULL,     -- JSON list of events.event_index (claims, denials)
    PRIMARY KEY (doc_id, statement_index)
);
CREATE INDEX statements_speaker ON statements(speaker_key);

-- The actors a statement's content names: "who talks about X" by index.
CREATE TABLE statement_actors (
    doc_id          TEXT NOT NULL,
    statement_index INTEGER NOT NULL,
    actor           TEXT NOT NULL,
    PRIMARY KEY (doc_id, statement_index, actor)
);
CREATE INDEX statement_actors_actor ON statement_actors(actor);

-- One row per actor fact (marsad.claims.Claim); never updated, only added.
CREATE TABLE actor_claims (
    doc_id          TEXT NOT NULL REFERENCES documents(doc_id),
    claim_index     INTEGER NOT NULL,
    actor           TEXT NOT NULL,
    kind            TEXT NOT NULL,     -- founded, strength, areas, leader, goal, ally, rival, designation
    value           TEXT NOT NULL,     -- JSON object (depends on kind)
    value_text      TEXT NOT NULL,
    speaker         TEXT,              -- JSON Speaker
    chain           TEXT NOT NULL,     -- JSON
    statement_index INTEGER,
    said_on         TEXT,
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    evidence        TEXT NOT NULL,
    PRIMARY KEY (doc_id, claim_index)
);
CREATE INDEX actor_claims_actor ON actor_claims(actor, kind);

-- Statistics that are not events (marsad.statements.Figure).
CREATE TABLE figures (
    doc_id          TEXT NOT NULL REFERENCES documents(doc_id),
    figure_index    INTEGER NOT NULL,
    low             REAL,
    high            REAL,
    unit            TEXT NOT NULL,
    qualifier       TEXT,
    scope_start     INTEGER NOT NULL,
    scope_end       INTEGER NOT NULL,
    scope           TEXT NOT NULL,
    evidence        TEXT NOT NULL,
    speaker         TEXT,              -- JSON Speaker
    statement_index INTEGER,
    said_on         TEXT,
    PRIMARY KEY (doc_id, figure_index)
);

-- How each document wrote each actor's name (the aliases a profile shows).
CREATE TABLE actor_aliases (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id),
    actor  TEXT NOT NULL,
    alias  TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (doc_id, actor, alias)
);
CREATE INDEX actor_aliases_actor ON actor_aliases(actor);
