// Reading and writing resolution results in the case file. See resolution_store.h.
#include "resolve/linking/resolution_store.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "store/case_writer.h"
#include "store/sqlite_util.h"

namespace linchpin::resolve {
namespace {

const char* MergeKindName(MergeKind k) {
  switch (k) {
    case MergeKind::kPinned: return "pinned";
    case MergeKind::kOwner: return "owner";
    case MergeKind::kScored: return "scored";
  }
  return "scored";
}

// sql::Stmt binds integers and text; a number bound as text lands as REAL in a REAL column
// (SQLite's type affinity), which is what the sqlite3 shell then shows.
std::string Real(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", x);
  return buf;
}

bool TableExists(sqlite3* db, const char* table) {
  auto stmt = sql::Stmt::Prepare(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?");
  if (!stmt.ok()) return false;
  stmt->Bind(1, std::string_view(table));
  auto row = stmt->Step();
  return row.ok() && *row;
}

// An entity's merges with their reasons: the `evidence` of EntityJson and of resolved_entities.
nlohmann::ordered_json MergesJson(const ResolvedEntity& e) {
  auto evidence = nlohmann::ordered_json::array();
  for (const ResolvedMerge& m : e.merges) {
    evidence.push_back({{"a", m.a}, {"b", m.b}, {"kind", MergeKindName(m.kind)}, {"confidence", m.probability},
                        {"reasons", EvidenceJson(m.evidence)}});
  }
  return evidence;
}

Status WriteEntities(sqlite3* db, const CaseData& c, const Resolution& r, const std::string& now) {
  LP_ASSIGN_OR_RETURN(sql::Stmt put_entity, sql::Stmt::Prepare(db, "INSERT INTO resolved_entities VALUES(?,?,?,?,?,?)"));
  LP_ASSIGN_OR_RETURN(sql::Stmt put_member, sql::Stmt::Prepare(db, "INSERT INTO resolved_members VALUES(?,?,?)"));
  for (const ResolvedEntity& e : r.entities) {
    LP_RETURN_IF_ERROR(put_entity.Bind(1, e.name).Bind(2, Real(e.confidence)).Bind(3, static_cast<int64_t>(e.accounts.size()))
                           .Bind(4, static_cast<int64_t>(e.persons.size())).Bind(5, MergesJson(e).dump())
                           .Bind(6, now).Run());
    for (uint32_t a : e.accounts) LP_RETURN_IF_ERROR(put_member.Bind(1, std::string_view("account")).Bind(2, c.accounts[a].id).Bind(3, e.name).Run());
    for (uint32_t p : e.persons) LP_RETURN_IF_ERROR(put_member.Bind(1, std::string_view("person")).Bind(2, c.persons[p].id).Bind(3, e.name).Run());
  }
  return Status::Ok();
}

Status WriteTakeoversAndConflicts(sqlite3* db, const CaseData& c, const Resolution& r) {
  LP_ASSIGN_OR_RETURN(sql::Stmt put_takeover, sql::Stmt::Prepare(db, "INSERT INTO takeovers VALUES(?,?,?,?)"));
  for (const Takeover& t : r.takeovers) {
    LP_RETURN_IF_ERROR(put_takeover.Bind(1, c.accounts[t.account].id).Bind(2, t.time)
                           .Bind(3, Real(t.confidence)).Bind(4, EvidenceJson(t.evidence).dump()).Run());
  }
  LP_ASSIGN_OR_RETURN(sql::Stmt put_conflict, sql::Stmt::Prepare(db, "INSERT INTO resolution_conflicts VALUES(?,?,?,?,?)"));
  for (const ResolvedConflict& k : r.conflicts) {
    LP_RETURN_IF_ERROR(put_conflict.Bind(1, k.a).Bind(2, k.b).Bind(3, Real(k.probability))
                           .Bind(4, k.reason).Bind(5, EvidenceJson(k.evidence).dump()).Run());
  }
  return Status::Ok();
}

}  // namespace

nlohmann::ordered_json EvidenceJson(const std::vector<Evidence>& evidence) {
  auto out = nlohmann::ordered_json::array();
  for (const Evidence& e : evidence) out.push_back({{"feature", e.feature}, {"detail", e.detail}, {"bits", e.bits}});
  return out;
}

nlohmann::ordered_json EntityJson(const CaseData& c, const ResolvedEntity& e) {
  nlohmann::ordered_json j;
  j["entity"] = e.name;
  auto& accounts = j["accounts"] = nlohmann::ordered_json::array();
  for (uint32_t a : e.accounts) accounts.push_back(c.accounts[a].id);
  auto& persons = j["persons"] = nlohmann::ordered_json::array();
  for (uint32_t p : e.persons) persons.push_back(c.persons[p].id);
  j["confidence"] = e.confidence;
  j["evidence"] = MergesJson(e);
  return j;
}

nlohmann::ordered_json TakeoverJson(const CaseData& c, const Takeover& t) {
  return {{"account", c.accounts[t.account].id}, {"time", FormatTime(t.time)}, {"confidence", t.confidence},
          {"evidence", EvidenceJson(t.evidence)}};
}

nlohmann::ordered_json ConflictJson(const ResolvedConflict& k) {
  return {{"a", k.a}, {"b", k.b}, {"confidence", k.probability}, {"reason", k.reason}, {"evidence", EvidenceJson(k.evidence)}};
}

Status EnsureResolutionSchema(CaseStore& store) { return sql::Exec(store.db(), kResolutionSchemaSql); }

Status AddPin(CaseStore& store, const PinSpec& pin) {
  LP_RETURN_IF_ERROR(EnsureResolutionSchema(store));
  const bool ordered = pin.a < pin.b;
  LP_ASSIGN_OR_RETURN(sql::Stmt put, sql::Stmt::Prepare(store.db(), "INSERT OR REPLACE INTO resolution_pins VALUES(?,?,?,?)"));
  return put.Bind(1, ordered ? pin.a : pin.b).Bind(2, ordered ? pin.b : pin.a)
      .Bind(3, std::string_view(pin.kind == Pin::Kind::kMerge ? "merge" : "split")).Bind(4, NowIso()).Run();
}

Result<std::vector<PinSpec>> LoadPins(const CaseStore& store) {
  std::vector<PinSpec> pins;
  if (!TableExists(store.db(), "resolution_pins")) return pins;
  LP_ASSIGN_OR_RETURN(sql::Stmt q, sql::Stmt::Prepare(store.db(), "SELECT a, b, kind FROM resolution_pins ORDER BY created, a, b"));
  for (;;) {
    LP_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    pins.push_back({q.Text(2) == "split" ? Pin::Kind::kSplit : Pin::Kind::kMerge, q.Text(0), q.Text(1)});
  }
  return pins;
}

Status WriteResolution(CaseStore& store, const CaseData& c, const Resolution& r) {
  sqlite3* db = store.db();
  LP_RETURN_IF_ERROR(EnsureResolutionSchema(store));
  // A million entities and members land in three B-trees keyed by name, in no order: with the
  // writer's small page cache most inserts re-read a page that was just spilled.
  LP_ASSIGN_OR_RETURN(sql::Stmt get_cache, sql::Stmt::Prepare(db, "PRAGMA cache_size"));
  LP_ASSIGN_OR_RETURN(const bool has_cache, get_cache.Step());
  const std::string restore_sql = "PRAGMA cache_size=" + std::to_string(has_cache ? get_cache.Int(0) : -8192);
  LP_RETURN_IF_ERROR(sql::Exec(db, "PRAGMA cache_size=-262144"));  // 256 MiB, for this write only
  struct RestoreCache {
    sqlite3* db;
    const std::string& sql;
    ~RestoreCache() { sql::Exec(db, sql.c_str()); }
  } restore{db, restore_sql};
  LP_ASSIGN_OR_RETURN(sql::Transaction tx, sql::Transaction::Begin(db));
  LP_RETURN_IF_ERROR(sql::Exec(db, "DELETE FROM resolved_entities; DELETE FROM resolved_members; DELETE FROM takeovers; "
                                   "DELETE FROM resolution_conflicts;"));
  LP_RETURN_IF_ERROR(WriteEntities(db, c, r, NowIso()));
  LP_RETURN_IF_ERROR(WriteTakeoversAndConflicts(db, c, r));
  return tx.Commit();
}

Result<Resolution> LoadResolution(const CaseStore& store, const CaseData& c) {
  if (!TableExists(store.db(), "resolved_members")) return Status::NotFound("the case has not been resolved (run `linchpin resolve`)");
  Resolution r;
  std::unordered_map<std::string, uint32_t> entity_index, account_index, person_index;
  for (uint32_t a = 0; a < c.accounts.size(); ++a) account_index.emplace(c.accounts[a].id, a);
  for (uint32_t p = 0; p < c.persons.size(); ++p) person_index.emplace(c.persons[p].id, p);
  r.entity_of_account.assign(c.accounts.size(), kNoIndex);
  r.entity_of_person.assign(c.persons.size(), kNoIndex);
  LP_ASSIGN_OR_RETURN(sql::Stmt q, sql::Stmt::Prepare(store.db(), "SELECT member_kind, member_id, entity FROM resolved_members ORDER BY entity, member_kind, member_id"));
  for (;;) {
    LP_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    const bool is_account = q.Text(0) == "account";
    auto& index = is_account ? account_index : person_index;
    auto member = index.find(q.Text(1));
    if (member == index.end()) continue;
    auto [it, inserted] = entity_index.emplace(q.Text(2), static_cast<uint32_t>(r.entities.size()));
    if (inserted) r.entities.push_back({q.Text(2), {}, {}, 1.0, {}});
    ResolvedEntity& e = r.entities[it->second];
    (is_account ? e.accounts : e.persons).push_back(member->second);
    (is_account ? r.entity_of_account : r.entity_of_person)[member->second] = it->second;
  }
  for (uint32_t a = 0; a < c.accounts.size(); ++a) {
    if (r.entity_of_account[a] != kNoIndex) continue;
    r.entity_of_account[a] = static_cast<uint32_t>(r.entities.size());
    r.entities.push_back({c.accounts[a].id, {a}, {}, 1.0, {}});
  }
  for (uint32_t p = 0; p < c.persons.size(); ++p) {
    if (r.entity_of_person[p] != kNoIndex) continue;
    r.entity_of_person[p] = static_cast<uint32_t>(r.entities.size());
    r.entities.push_back({c.persons[p].id, {}, {p}, 1.0, {}});
  }
  if (TableExists(store.db(), "takeovers")) {
    LP_ASSIGN_OR_RETURN(sql::Stmt t, sql::Stmt::Prepare(store.db(), "SELECT account_id, time, confidence FROM takeovers ORDER BY time, account_id"));
    for (;;) {
      LP_ASSIGN_OR_RETURN(const bool row, t.Step());
      if (!row) break;
      auto account = account_index.find(t.Text(0));
      if (account == account_index.end()) continue;
      r.takeovers.push_back({account->second, t.Int(1), t.Real(2), {}});
    }
  }
  return r;
}

}  // namespace linchpin::resolve
