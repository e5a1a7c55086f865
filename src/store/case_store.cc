#include "store/case_store.h"

#include <sqlite3.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <filesystem>
#include <numeric>

#include "common/strings.h"
#include "store/schema.h"
#include "store/segment.h"
#include "store/sqlite_util.h"

namespace linchpin {

namespace {

Status ConfigureConnection(sqlite3* db, bool writable) {
  // WAL: readers never block the writer, and a killed writer leaves the last commit intact.
  // synchronous=FULL: a commit that was reported survives a power cut too (we commit per file,
  // so the fsync is cheap). A generous busy timeout lets a reader and a writer share a case.
  sqlite3_busy_timeout(db, 10000);
  if (writable) {
    LP_RETURN_IF_ERROR(sql::Exec(db, "PRAGMA journal_mode=WAL"));
    LP_RETURN_IF_ERROR(sql::Exec(db, "PRAGMA synchronous=FULL"));
  }
  // A writer streams segments through the page cache once; a small cache keeps ingest's memory
  // flat however large the file (dirty pages spill to the WAL). Readers get more for the tables.
  LP_RETURN_IF_ERROR(sql::Exec(db, writable ? "PRAGMA cache_size=-8192" : "PRAGMA cache_size=-65536"));
  // Reads of event segments come straight from the mapped file instead of through read().
  LP_RETURN_IF_ERROR(sql::Exec(db, "PRAGMA mmap_size=17179869184"));  // up to 16 GiB
  return Status::Ok();
}

Status CreateOrCheckSchemaIn(sqlite3* db) {
  LP_RETURN_IF_ERROR(sql::Exec(db, kSchemaSql));
  LP_ASSIGN_OR_RETURN(auto get, sql::Stmt::Prepare(db, "SELECT value FROM meta WHERE key='schema_version'"));
  LP_ASSIGN_OR_RETURN(bool has, get.Step());
  if (!has) {
    const std::string insert = "INSERT INTO meta VALUES('schema_version','" +
                               std::to_string(kSchemaVersion) + "'),('application','linchpin')";
    return sql::Exec(db, insert.c_str());
  }
  if (get.Text(0) != std::to_string(kSchemaVersion)) {
    return Status::InvalidArgument("case file has schema version " + get.Text(0) +
                                   "; this linchpin reads version " + std::to_string(kSchemaVersion));
  }
  return Status::Ok();
}

// In one transaction: a process killed while it creates a case (the kill test does it) leaves
// an empty file, which the next run takes for a new case, never tables without the meta row
// that names them a case, which every later run refused. Deferred: on a case that has every
// table nothing is written, so opening one takes no write lock from an ingest under way.
Status CreateOrCheckSchema(sqlite3* db) {
  LP_RETURN_IF_ERROR(sql::Exec(db, "BEGIN"));
  Status st = CreateOrCheckSchemaIn(db);
  if (st.ok()) st = sql::Exec(db, "COMMIT");
  if (!st.ok()) sql::Exec(db, "ROLLBACK");
  return st;
}

// Errors met reading a case name its file, since one command may read a case and more files.
Status InCase(const std::string& path, const Status& st) {
  const std::string message = "'" + path + "': " + st.message();
  switch (st.code()) {
    case Status::Code::kIOError: return Status::IOError(message);
    case Status::Code::kCorruption: return Status::Corruption(message + " (the case file is damaged; use a backup copy)");
    default: return st;
  }
}

Status NotACase(const std::string& path) {
  return Status::InvalidArgument("'" + path + "' is not a Linchpin case file");
}

// A case has a meta table naming linchpin. An empty database passes only when `may_create`
// (a new case); anything else is refused before it is touched, so a mistyped path never adds
// our tables to another application's database.
Status CheckIsCase(sqlite3* db, const std::string& path, bool may_create) {
  auto tables = sql::Stmt::Prepare(db, "SELECT count(*), coalesce(sum(name='meta'),0) FROM sqlite_master");
  if (!tables.ok()) {
    // SQLite cannot read a schema: the file is not SQLite at all, or a case that was damaged.
    if (sqlite3_errcode(db) == SQLITE_NOTADB) return NotACase(path);
    return Status::Corruption(sqlite3_errmsg(db));
  }
  LP_ASSIGN_OR_RETURN(bool row, tables->Step());
  if (row && tables->Int(0) == 0 && may_create) return Status::Ok();
  if (!row || tables->Int(1) == 0) return NotACase(path);
  LP_ASSIGN_OR_RETURN(auto app, sql::Stmt::Prepare(db, "SELECT value FROM meta WHERE key='application'"));
  LP_ASSIGN_OR_RETURN(row, app.Step());
  if (!row || app.Text(0) != "linchpin") return NotACase(path);
  return Status::Ok();
}

Provenance ProvenanceAt(const sql::Stmt& s, int col, const std::vector<uint32_t>& source_index) {
  const int64_t id = s.Int(col);
  const uint32_t idx = id >= 0 && static_cast<size_t>(id) < source_index.size()
                           ? source_index[static_cast<size_t>(id)] : kNoIndex;
  return {idx, static_cast<uint32_t>(s.Int(col + 1))};
}

Status LoadSources(sqlite3* db, CaseData& c, std::vector<uint32_t>& source_index) {
  LP_ASSIGN_OR_RETURN(auto s, sql::Stmt::Prepare(db, "SELECT id, path FROM sources ORDER BY id"));
  while (true) {
    LP_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    const auto id = static_cast<size_t>(s.Int(0));
    if (source_index.size() <= id) source_index.resize(id + 1, kNoIndex);
    source_index[id] = static_cast<uint32_t>(c.sources.size());
    c.sources.push_back(s.Text(1));
  }
  return Status::Ok();
}

Status LoadPlatformsAndEndpoints(sqlite3* db, CaseData& c) {
  LP_ASSIGN_OR_RETURN(auto p, sql::Stmt::Prepare(db, "SELECT id, name, class FROM platforms ORDER BY id"));
  while (true) {
    LP_ASSIGN_OR_RETURN(bool row, p.Step());
    if (!row) break;
    if (p.Int(0) != static_cast<int64_t>(c.platforms.size())) {
      return Status::Corruption("platform ids are not contiguous");
    }
    c.platforms.push_back({p.Text(1), ParsePlatformClass(p.Text(2)).value_or(PlatformClass::kOther)});
  }
  LP_ASSIGN_OR_RETURN(auto e, sql::Stmt::Prepare(db, "SELECT id, key, kind FROM endpoints ORDER BY id"));
  while (true) {
    LP_ASSIGN_OR_RETURN(bool row, e.Step());
    if (!row) break;
    if (e.Int(0) != static_cast<int64_t>(c.endpoints.size())) {
      return Status::Corruption("endpoint ids are not contiguous");
    }
    Endpoint ep;
    ep.key = e.Text(1);
    const std::string kind = e.Text(2);
    ep.kind = kind == "account" ? EndpointKind::kAccount
              : kind == "phone" ? EndpointKind::kPhone
              : kind == "channel" ? EndpointKind::kChannel : EndpointKind::kOpaque;
    c.endpoints.push_back(std::move(ep));
  }
  return Status::Ok();
}

Status LoadRecords(sqlite3* db, CaseData& c, const std::vector<uint32_t>& src) {
  LP_ASSIGN_OR_RETURN(auto p, sql::Stmt::Prepare(db,
      "SELECT person_id, name, aliases, born, nationality, languages, status, status_time, "
      "attributes, source_id, line FROM persons ORDER BY person_id"));
  while (true) {
    LP_ASSIGN_OR_RETURN(bool row, p.Step());
    if (!row) break;
    Person x;
    x.id = p.Text(0); x.name = p.Text(1); x.aliases = SplitList(p.Text(2)); x.born = p.Text(3);
    x.nationality = p.Text(4); x.languages = SplitList(p.Text(5)); x.status = p.Text(6);
    x.status_time = p.IntOr(7, kNoTime); x.attributes_json = p.Text(8);
    x.provenance = ProvenanceAt(p, 9, src);
    c.persons.push_back(std::move(x));
  }
  LP_ASSIGN_OR_RETURN(auto a, sql::Stmt::Prepare(db,
      "SELECT account_id, platform, handle, display_name, phone, email, owner, created, closed, "
      "closed_reason, endpoint_id, attributes, source_id, line FROM accounts ORDER BY account_id"));
  while (true) {
    LP_ASSIGN_OR_RETURN(bool row, a.Step());
    if (!row) break;
    Account x;
    x.id = a.Text(0); x.platform = a.Text(1); x.handle = a.Text(2); x.display_name = a.Text(3);
    x.phone = a.Text(4); x.email = a.Text(5); x.owner = a.Text(6);
    x.created = a.IntOr(7, kNoTime); x.closed = a.IntOr(8, kNoTime); x.closed_reason = a.Text(9);
    x.endpoint = static_cast<EndpointId>(a.Int(10)); x.attributes_json = a.Text(11);
    x.provenance = ProvenanceAt(a, 12, src);
    if (x.endpoint >= c.endpoints.size()) return Status::Corruption("account " + x.id + " has no endpoint");
    c.endpoints[x.endpoint].account = static_cast<uint32_t>(c.accounts.size());
    c.accounts.push_back(std::move(x));
  }
  LP_ASSIGN_OR_RETURN(auto i, sql::Stmt::Prepare(db,
      "SELECT incident_id, time, kind, place, country, perpetrators, attributes, source_id, line "
      "FROM incidents ORDER BY time, incident_id"));
  while (true) {
    LP_ASSIGN_OR_RETURN(bool row, i.Step());
    if (!row) break;
    Incident x;
    x.id = i.Text(0); x.time = i.IntOr(1, kNoTime); x.kind = i.Text(2); x.place = i.Text(3);
    x.country = i.Text(4); x.perpetrators = SplitList(i.Text(5)); x.attributes_json = i.Text(6);
    x.provenance = ProvenanceAt(i, 7, src);
    c.incidents.push_back(std::move(x));
  }
  LP_ASSIGN_OR_RETURN(auto r, sql::Stmt::Prepare(db,
      "SELECT source, target, kind, since, until, evidence, attributes, source_id, line "
      "FROM relations ORDER BY id"));
  while (true) {
    LP_ASSIGN_OR_RETURN(bool row, r.Step());
    if (!row) break;
    Relation x;
    x.source = r.Text(0); x.target = r.Text(1); x.kind = r.Text(2);
    x.since = r.IntOr(3, kNoTime); x.until = r.IntOr(4, kNoTime); x.evidence = r.Text(5);
    x.attributes_json = r.Text(6); x.provenance = ProvenanceAt(r, 7, src);
    c.relations.push_back(std::move(x));
  }
  return Status::Ok();
}

// A corrupt or hand-edited segment must not send analyses out of bounds: ids must point into
// the endpoint and platform tables.
Status CheckReferences(const EventTable& e, size_t begin, size_t end, const CaseData& c) {
  const size_t endpoints = c.endpoints.size(), platforms = c.platforms.size();
  for (size_t i = begin; i < end; ++i) {
    if (e.source[i] >= endpoints || (e.target[i] != kNoEndpoint && e.target[i] >= endpoints) ||
        e.platform[i] >= platforms) {
      return Status::Corruption("event segment row " + std::to_string(i) +
                                " refers to a missing endpoint or platform");
    }
  }
  return Status::Ok();
}

// Reorders every loaded column by time; only needed when files' time ranges interleave.
void SortEventsByTime(EventTable& e) {
  std::vector<uint32_t> order(e.size());
  std::iota(order.begin(), order.end(), 0u);
  tbb::parallel_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return e.time[a] != e.time[b] ? e.time[a] < e.time[b] : a < b;
  });
  auto permute = [&order](auto& column) {
    if (column.empty()) return;
    std::remove_reference_t<decltype(column)> out(column.size());
    tbb::parallel_for(size_t{0}, order.size(), [&](size_t i) { out[i] = column[order[i]]; });
    column.swap(out);
  };
  permute(e.time); permute(e.source); permute(e.target); permute(e.platform); permute(e.kind);
  permute(e.duration_s); permute(e.size_bytes); permute(e.provenance); permute(e.content);
}

Status LoadEvents(sqlite3* db, const LoadOptions& opt, const std::vector<uint32_t>& src,
                  CaseData& c) {
  LP_ASSIGN_OR_RETURN(auto s, sql::Stmt::Prepare(db,
      "SELECT source_id, count, t_min, t_max, time, source, target, platform, kind, duration, "
      "size, line, content FROM event_segments ORDER BY t_min, id"));
  std::vector<EncodedSegment> segs;
  std::vector<uint32_t> seg_source;
  while (true) {
    LP_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    EncodedSegment g;
    const int64_t sid = s.Int(0);
    seg_source.push_back(sid >= 0 && static_cast<size_t>(sid) < src.size() ? src[sid] : kNoIndex);
    g.count = s.Int(1); g.t_min = s.Int(2); g.t_max = s.Int(3);
    g.time = s.Blob(4); g.source = s.Blob(5); g.target = s.Blob(6); g.platform = s.Blob(7);
    g.kind = s.Blob(8); g.duration = s.Blob(9); g.size = s.Blob(10);
    if (opt.event_provenance) g.line = s.Blob(11);
    if (opt.content_hashes) g.content = s.Blob(12);
    segs.push_back(std::move(g));
  }
  std::vector<size_t> offset(segs.size() + 1, 0);
  bool sorted = true;
  for (size_t i = 0; i < segs.size(); ++i) {
    offset[i + 1] = offset[i] + static_cast<size_t>(segs[i].count);
    if (i > 0 && segs[i].t_min < segs[i - 1].t_max) sorted = false;
  }
  EventTable& e = c.events;
  const size_t n = offset.back();
  // Sizing the columns zeroes hundreds of MB, page fault by page fault: spread it over cores.
  tbb::parallel_invoke([&] { e.time.resize(n); }, [&] { e.source.resize(n); },
                       [&] { e.target.resize(n); }, [&] { e.platform.resize(n); },
                       [&] { e.kind.resize(n); }, [&] { e.duration_s.resize(n); },
                       [&] { e.size_bytes.resize(n); },
                       [&] { if (opt.event_provenance) e.provenance.resize(n); },
                       [&] { if (opt.content_hashes) e.content.resize(n); });

  std::vector<Status> status(segs.size());
  std::vector<std::vector<std::string>> dicts(opt.content_hashes ? segs.size() : 0);
  tbb::parallel_for(size_t{0}, segs.size(), [&](size_t i) {
    status[i] = DecodeSegmentColumns(segs[i], e, offset[i], opt.event_provenance, seg_source[i]);
    if (status[i].ok()) status[i] = CheckReferences(e, offset[i], offset[i + 1], c);
    if (status[i].ok() && opt.content_hashes) {
      std::vector<uint32_t> local;
      status[i] = DecodeContent(segs[i].content, segs[i].count, dicts[i], local);
      for (size_t k = 0; k < local.size(); ++k) e.content[offset[i] + k] = local[k];
    }
  });
  for (const auto& st : status) LP_RETURN_IF_ERROR(st);

  if (opt.content_hashes) {  // Merge segment dictionaries into one, so equal hashes share an id.
    std::unordered_map<std::string, uint32_t> global;
    for (size_t i = 0; i < segs.size(); ++i) {
      std::vector<uint32_t> remap(dicts[i].size());
      for (size_t k = 0; k < dicts[i].size(); ++k) {
        auto [it, inserted] = global.try_emplace(dicts[i][k], static_cast<uint32_t>(c.content_hashes.size()));
        if (inserted) c.content_hashes.push_back(dicts[i][k]);
        remap[k] = it->second;
      }
      for (size_t k = offset[i]; k < offset[i + 1]; ++k) {
        if (e.content[k] != kNoIndex) e.content[k] = remap[e.content[k]];
      }
    }
  }
  if (!sorted) SortEventsByTime(e);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<CaseStore>> CaseStore::Open(const std::string& path, Mode mode) {
  // SQLite's own words for these ("unable to open database file", "disk I/O error") would send
  // the analyst looking for a hardware fault.
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (exists && std::filesystem::is_directory(path, ec)) {
    return Status::InvalidArgument("'" + path + "' is a folder, not a case file");
  }
  if (!exists && mode != Mode::kReadWrite) {
    return Status::NotFound("no case file '" + path + "' (`linchpin ingest` creates one)");
  }
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (!exists && !folder.empty() && !std::filesystem::is_directory(folder, ec)) {
    return Status::NotFound("cannot create case '" + path + "': there is no folder " + folder.string());
  }
  sqlite3* db = nullptr;
  const int flags = mode == Mode::kReadOnly    ? SQLITE_OPEN_READONLY
                    : mode == Mode::kReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                               : SQLITE_OPEN_READWRITE;
  if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IOError("cannot open case '" + path + "': " + msg);
  }
  std::unique_ptr<CaseStore> store(new CaseStore(path, db));
  // Checked before the connection is configured, since setting WAL mode already writes.
  Status st = CheckIsCase(db, path, mode == Mode::kReadWrite);
  if (st.ok()) st = ConfigureConnection(db, mode != Mode::kReadOnly);
  if (st.ok() && mode != Mode::kReadOnly) st = CreateOrCheckSchema(db);
  if (!st.ok()) return InCase(path, st);
  return store;
}

CaseStore::~CaseStore() { sqlite3_close(db_); }

Result<CaseData> CaseStore::Load(const LoadOptions& options) const {
  // One read transaction, so the snapshot is consistent even while another process ingests.
  LP_RETURN_IF_ERROR(sql::Exec(db_, "BEGIN"));
  CaseData c;
  std::vector<uint32_t> source_index;
  Status st = LoadSources(db_, c, source_index);
  if (st.ok()) st = LoadPlatformsAndEndpoints(db_, c);
  if (st.ok()) st = LoadRecords(db_, c, source_index);
  if (st.ok() && options.events) st = LoadEvents(db_, options, source_index, c);
  sql::Exec(db_, "COMMIT");
  if (!st.ok()) return InCase(path_, st);
  return c;
}

Result<CaseCounts> CaseStore::Counts() const {
  CaseCounts k;
  struct Q { const char* sql; int64_t* out; };
  const Q queries[] = {
      {"SELECT count(*) FROM persons", &k.persons},
      {"SELECT count(*) FROM accounts", &k.accounts},
      {"SELECT count(*) FROM endpoints WHERE kind='phone'", &k.phones},
      {"SELECT count(*) FROM endpoints WHERE kind='channel'", &k.channels},
      {"SELECT count(*) FROM endpoints", &k.endpoints},
      {"SELECT coalesce(sum(count),0) FROM event_segments", &k.events},
      {"SELECT count(*) FROM incidents", &k.incidents},
      {"SELECT count(*) FROM relations", &k.relations},
      {"SELECT count(*) FROM sources", &k.sources},
      {"SELECT coalesce(min(t_min),-9223372036854775808) FROM event_segments", &k.first_event},
      {"SELECT coalesce(max(t_max),-9223372036854775808) FROM event_segments", &k.last_event},
  };
  for (const auto& q : queries) {
    auto s = sql::Stmt::Prepare(db_, q.sql);
    if (!s.ok()) return InCase(path_, s.status());
    const Result<bool> row = s->Step();
    if (!row.ok()) return InCase(path_, row.status());
    *q.out = *row ? s->Int(0) : 0;
  }
  return k;
}

Result<std::vector<IngestLogEntry>> CaseStore::IngestLog() const {
  LP_ASSIGN_OR_RETURN(auto s, sql::Stmt::Prepare(db_,
      "SELECT id, at, path, coalesce(kind,''), coalesce(content_hash,''), outcome, "
      "coalesce(rows_accepted,0), coalesce(rows_rejected,0), coalesce(message,'') "
      "FROM ingest_log ORDER BY id"));
  std::vector<IngestLogEntry> out;
  while (true) {
    LP_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    IngestLogEntry e;
    e.id = s.Int(0); e.at = s.Text(1); e.path = s.Text(2); e.kind = s.Text(3);
    e.content_hash = s.Text(4); e.outcome = s.Text(5); e.rows_accepted = s.Int(6);
    e.rows_rejected = s.Int(7); e.message = s.Text(8);
    out.push_back(std::move(e));
  }
  return out;
}

Result<CaseData> LoadCase(const std::string& path, const LoadOptions& options) {
  LP_ASSIGN_OR_RETURN(auto store, CaseStore::Open(path, CaseStore::Mode::kReadOnly));
  return store->Load(options);
}

}  // namespace linchpin
