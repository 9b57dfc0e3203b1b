-- Statements, actor claims, figures and aliases, PostgreSQL spelling of
-- ../0004_statements_claims.sql (same tables and meaning; read the comments
-- there; spelling as in 0001: text compared bytewise, DOUBLE PRECISION).

CREATE TABLE statement_docs (
    doc_id     TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(doc_id),
    statements INTEGER NOT NULL,
    claims     INTEGER NOT NULL,
    figures    INTEGER NOT NULL
);

CREATE TABLE statements (
    doc_id          TEXT COLLATE "C" NOT NULL REFERENCES documents(doc_id),
    statement_index INTEGER NOT NULL,
    kind            TEXT COLLATE "C" NOT NULL,
    verb            TEXT COLLATE "C" NOT NULL,
    meaning         TEXT COLLATE "C" NOT NULL,
    speaker_kind    TEXT COLLATE "C",
    speaker_name    TEXT COLLATE "C",
    speaker_key     TEXT COLLATE "C",
    speaker         TEXT COLLATE "C",
    content_start   INTEGER NOT NULL,
    content_end     INTEGER NOT NULL,
    content         TEXT COLLATE "C" NOT NULL,
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    said_on         TEXT COLLATE "C",
    date_precision  INTEGER,
    date_from       TEXT COLLATE "C" NOT NULL,
    chain           TEXT COLLATE "C" NOT NULL,
    recipient       TEXT COLLATE "C",
    event_indexes   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (doc_id, statement_index)
);
CREATE INDEX statements_speaker ON statements(speaker_key);

CREATE TABLE statement_actors (
    doc_id          TEXT COLLATE "C" NOT NULL,
    statement_index INTEGER NOT NULL,
    actor           TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (doc_id, statement_index, actor)
);
CREATE INDEX statement_actors_actor ON statement_actors(actor);

CREATE TABLE actor_claims (
    doc_id          TEXT COLLATE "C" NOT NULL REFERENCES documents(doc_id),
    claim_index     INTEGER NOT NULL,
    actor           TEXT COLLATE "C" NOT NULL,
    kind            TEXT COLLATE "C" NOT NULL,
    value           TEXT COLLATE "C" NOT NULL,
    value_text      TEXT COLLATE "C" NOT NULL,
    speaker         TEXT COLLATE "C",
    chain           TEXT COLLATE "C" NOT NULL,
    statement_index INTEGER,
    said_on         TEXT COLLATE "C",
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    evidence        TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (doc_id, claim_index)
);
CREATE INDEX actor_claims_actor ON actor_claims(actor, kind);

CREATE TABLE figures (
    doc_id          TEXT COLLATE "C" NOT NULL REFERENCES documents(doc_id),
    figure_index    INTEGER NOT NULL,
    low             DOUBLE PRECISION,
    high            DOUBLE PRECISION,
    unit            TEXT COLLATE "C" NOT NULL,
    qualifier       TEXT COLLATE "C",
    scope_start     INTEGER NOT NULL,
    scope_end       INTEGER NOT NULL,
    scope           TEXT COLLATE "C" NOT NULL,
    evidence        TEXT COLLATE "C" NOT NULL,
    speaker         TEXT COLLATE "C",
    statement_index INTEGER,
    said_on         TEXT COLLATE "C",
    PRIMARY KEY (doc_id, figure_index)
);

CREATE TABLE actor_aliases (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(doc_id),
    actor  TEXT COLLATE "C" NOT NULL,
    alias  TEXT COLLATE "C" NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (doc_id, actor, alias)
);
CREATE INDEX actor_aliases_actor ON actor_aliases(actor);
