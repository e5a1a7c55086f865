// Resolution results in the case file, next to the ingested tables, so that later analyses
// (`analyze`, `attribute`) read resolved entities instead of re-resolving, and so that analysts'
// pins survive every re-run.
//
// Tables (created on first write; the ingest schema in store/schema.h is not touched):
//   resolved_entities(entity, confidence, accounts, persons, evidence JSON, resolved_at)
//   resolved_members(member_kind 'account'|'person', member_id, entity)   one row per record
//   takeovers(account_id, time, confidence, evidence JSON)
//   resolution_conflicts(a, b, probability, reason, evidence JSON)       refused merges
//   resolution_pins(a, b, kind 'merge'|'split', created)                 analysts' decisions
// A pin is keyed by its unordered pair (a < b): pinning the other way replaces the earlier pin.
// WriteResolution replaces the previous results in one transaction; it never touches pins.
//
// Thread safety: as CaseStore (one thread per store).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "resolve/linking/resolve.h"
#include "store/case_store.h"

namespace linchpin::resolve {

inline constexpr const char* kResolutionSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS resolved_entities(
  entity TEXT PRIMARY KEY, confidence REAL NOT NULL, accounts INTEGER NOT NULL,
  persons INTEGER NOT NULL, evidence TEXT NOT NULL, resolved_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS resolved_members(
  member_kind TEXT NOT NULL, member_id TEXT NOT NULL, entity TEXT NOT NULL,
  PRIMARY KEY(member_kind, member_id));
CREATE INDEX IF NOT EXISTS resolved_members_entity ON resolved_members(entity);
CREATE TABLE IF NOT EXISTS takeovers(
  account_id TEXT NOT NULL, time INTEGER NOT NULL, confidence REAL NOT NULL, evidence TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS resolution_conflicts(
  a TEXT NOT NULL, b TEXT NOT NULL, probability REAL NOT NULL, reason TEXT NOT NULL, evidence TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS resolution_pins(
  a TEXT NOT NULL, b TEXT NOT NULL, kind TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY(a, b));
)sql";

// Creates the tables when missing (needs a read-write store).
Status EnsureResolutionSchema(CaseStore& store);

// Records a pin (replacing an earlier pin of the same pair).
Status AddPin(CaseStore& store, const PinSpec& pin);
// All pins; empty when the table does not exist yet.
Result<std::vector<PinSpec>> LoadPins(const CaseStore& store);

// Replaces the stored resolution with `r`.
Status WriteResolution(CaseStore& store, const CaseData& c, const Resolution& r);

// The stored resolution as entity names and members, and its takeovers (no evidence); NotFound
// when the case was never resolved. Members the case no longer holds are skipped; records the resolution did not
// see (ingested later) stay on their own.
Result<Resolution> LoadResolution(const CaseStore& store, const CaseData& c);

// JSON of one entity / takeover / conflict, as `resolve --json` prints and the tables store.
nlohmann::ordered_json EntityJson(const CaseData& c, const ResolvedEntity& e);
nlohmann::ordered_json TakeoverJson(const CaseData& c, const Takeover& t);
nlohmann::ordered_json ConflictJson(const ResolvedConflict& k);
nlohmann::ordered_json EvidenceJson(const std::vector<Evidence>& evidence);

}  // namespace linchpin::resolve
