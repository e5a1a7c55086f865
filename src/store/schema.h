// The case file's SQL schema (documented for analysts in docs/store.md). Times are INTEGER
// milliseconds since the epoch, UTC; NULL where unknown. Every entity row carries its
// provenance: source_id (a row of `sources`) and the 1-based line in that file.
#pragma once

namespace linchpin {

inline constexpr int kSchemaVersion = 1;

inline constexpr const char* kSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per committed input file; `content_hash` makes re-ingesting a file a no-op.
CREATE TABLE IF NOT EXISTS sources(
  id INTEGER PRIMARY KEY, path TEXT NOT NULL, kind TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE, bytes INTEGER NOT NULL,
  rows_accepted INTEGER NOT NULL, rows_rejected INTEGER NOT NULL,
  started TEXT NOT NULL, finished TEXT NOT NULL);

-- Every ingest attempt, including failed and duplicate ones.
CREATE TABLE IF NOT EXISTS ingest_log(
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, path TEXT NOT NULL, kind TEXT,
  content_hash TEXT, outcome TEXT NOT NULL,  -- committed | failed | duplicate
  rows_accepted INTEGER, rows_rejected INTEGER, message TEXT);

CREATE TABLE IF NOT EXISTS platforms(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, class TEXT NOT NULL);

-- Anything an event names: an account, an E.164 phone, a channel or an opaque id.
CREATE TABLE IF NOT EXISTS endpoints(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
  source_id INTEGER, line INTEGER);

CREATE TABLE IF NOT EXISTS persons(
  person_id TEXT PRIMARY KEY, name TEXT, aliases TEXT, born TEXT, nationality TEXT,
  languages TEXT, status TEXT, status_time INTEGER, attributes TEXT,
  source_id INTEGER NOT NULL, line INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS accounts(
  account_id TEXT PRIMARY KEY, platform TEXT, handle TEXT, display_name TEXT, phone TEXT,
  email TEXT, owner TEXT, created INTEGER, closed INTEGER, closed_reason TEXT,
  endpoint_id INTEGER NOT NULL, attributes TEXT,
  source_id INTEGER NOT NULL, line INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS incidents(
  incident_id TEXT PRIMARY KEY, time INTEGER, kind TEXT, place TEXT, country TEXT,
  perpetrators TEXT, attributes TEXT, source_id INTEGER NOT NULL, line INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS relations(
  id INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, kind TEXT,
  since INTEGER, until INTEGER, evidence TEXT, attributes TEXT,
  source_id INTEGER NOT NULL, line INTEGER NOT NULL);

-- Events as compressed columnar segments (store/segment.h); `attributes` holds the extra
-- columns of the segment's rows as zstd-compressed JSON Lines, or NULL.
CREATE TABLE IF NOT EXISTS event_segments(
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, count INTEGER NOT NULL,
  t_min INTEGER NOT NULL, t_max INTEGER NOT NULL,
  time BLOB NOT NULL, source BLOB NOT NULL, target BLOB NOT NULL, platform BLOB NOT NULL,
  kind BLOB NOT NULL, duration BLOB NOT NULL, size BLOB NOT NULL, line BLOB NOT NULL,
  content BLOB NOT NULL, attributes BLOB);

CREATE VIEW IF NOT EXISTS phones AS SELECT id, key AS e164 FROM endpoints WHERE kind = 'phone';
CREATE VIEW IF NOT EXISTS channels AS SELECT id, key AS channel FROM endpoints WHERE kind = 'channel';
CREATE VIEW IF NOT EXISTS incident_perpetrators AS
  WITH RECURSIVE split(incident_id, person_id, rest) AS (
    SELECT incident_id, '', perpetrators || ';' FROM incidents
    UNION ALL
    SELECT incident_id, substr(rest, 1, instr(rest, ';') - 1), substr(rest, instr(rest, ';') + 1)
    FROM split WHERE rest <> '')
  SELECT incident_id, person_id FROM split WHERE person_id <> '';
)sql";

}  // namespace linchpin
