-- Fusion in the store (marsad.store.fusion): which stored events (reports)
-- tell of one incident, the fused record of each incident, the links the
-- fuser found, its log, and the analysts' corrections. Ingesting a document
-- fuses its events in the same transaction that stores them.

-- Every stored event as a report `doc_id#event_index`: the fused event it is
-- in, or NULL with the reason it is not fused (the events of a near copy of
-- another document are not independent reports; an event fusion cannot read).
CREATE TABLE fusion_reports (
    report_id   TEXT PRIMARY KEY,
    doc_id      TEXT NOT NULL REFERENCES documents(doc_id),
    event_index INTEGER NOT NULL,
    event_id    TEXT,
    not_fused   TEXT,
    UNIQUE (doc_id, event_index)
);
CREATE INDEX fusion_reports_event ON fusion_reports(event_id);

-- One row per fused event: the derived contract fields (fatalities is the
-- conservative figure, as ACLED), the figure range, the disagreements between
-- sources, and the period the date spans (date_start..date_end) for filters.
CREATE TABLE fused_events (
    event_id         TEXT PRIMARY KEY,
    event_type       TEXT NOT NULL,
    sub_event_type   TEXT NOT NULL,
    event_date       TEXT,
    time_precision   INTEGER,
    date_end         TEXT,
    actor1           TEXT,
    actor2           TEXT,
    responsibility   TEXT NOT NULL,
    country_code     TEXT,
    admin1           TEXT,
    location         TEXT,
    latitude         REAL,
    longitude        REAL,
    geo_precision    INTEGER,
    fatalities       INTEGER,
    fatalities_high  INTEGER,
    injuries         INTEGER,
    fatalities_low   INTEGER,
    fatalities_best  INTEGER,
    injuries_low     INTEGER,
    injuries_best    INTEGER,
    injuries_high    INTEGER,
    reports          INTEGER NOT NULL,  -- how many reports
    documents        INTEGER NOT NULL,  -- from how many documents
    sources          TEXT NOT NULL,     -- JSON list of outlets
    contradictions   TEXT NOT NULL,     -- JSON list (marsad.fusion.derive)
    updated_at       TEXT NOT NULL
);
CREATE INDEX fused_events_country_date ON fused_events(country_code, event_date);
CREATE INDEX fused_events_date ON fused_events(event_date);

-- Links between reports of different documents (score and the agreements
-- behind it), kept so that reopening the store re-scores nothing.
CREATE TABLE fusion_links (
    a       TEXT NOT NULL,
    b       TEXT NOT NULL,
    score   REAL NOT NULL,
    reasons TEXT NOT NULL,  -- JSON list of strings
    PRIMARY KEY (a, b)
) WITHOUT ROWID;

-- Every decision: create, join, merge, split (marsad.fusion's log).
CREATE TABLE fusion_log (
    id       INTEGER PRIMARY KEY,
    time     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    event_id TEXT NOT NULL,
    reports  TEXT NOT NULL,  -- JSON list of report ids
    others   TEXT NOT NULL,  -- JSON list of event ids: merged from, or split into
    reason   TEXT NOT NULL
);
CREATE INDEX fusion_log_event ON fusion_log(event_id);

-- Analysts' corrections, by report id (an event stands for its smallest
-- report, so a correction stays with the same reports as events grow).
-- must_link and cannot_link name two reports, split one (b is NULL).
CREATE TABLE fusion_overrides (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('must_link', 'cannot_link', 'split')),
    a          TEXT NOT NULL,
    b          TEXT,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Who last wrote fusion state: a process keeps its fuser in memory and
-- reloads it when this token is not the one it wrote (another writer, or a
-- rolled-back transaction).
CREATE TABLE fusion_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
