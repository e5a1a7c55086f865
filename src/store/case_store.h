// The case store: one case = one SQLite file (WAL mode) that a user can copy, back up and open
// with the sqlite3 shell. Persons, accounts, incidents, relations, platforms, endpoints, the
// ingest log and every row's provenance are ordinary tables; events are kept as time-sorted,
// zstd-compressed columnar segments (store/segment.h) so that loading 10M events runs at
// memory speed. Schema: docs/store.md.
//
// Thread safety: a CaseStore is used from one thread. Several processes may read one file;
// SQLite serialises writers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "model/case.h"

struct sqlite3;

namespace linchpin {

struct LoadOptions {
  bool events = true;
  bool event_provenance = false;  // EventTable::provenance
  bool content_hashes = false;    // EventTable::content + CaseData::content_hashes
};

struct CaseCounts {
  int64_t persons = 0, accounts = 0, phones = 0, channels = 0, endpoints = 0, events = 0,
          incidents = 0, relations = 0, sources = 0;
  TimeMs first_event = kNoTime, last_event = kNoTime;
};

// One ingested file, as the ingest log records it.
struct IngestLogEntry {
  int64_t id = 0;
  std::string at, path, kind, content_hash;
  std::string outcome;  // committed | failed | duplicate
  int64_t rows_accepted = 0, rows_rejected = 0;
  std::string message;
};

class CaseStore {
 public:
  enum class Mode {
    kReadOnly,
    kReadWrite,  // creates the case if the file is missing (ingest)
    kUpdate,     // writes to an existing case and never creates one (resolve's pins and results)
  };
  // Refuses, before writing anything, a path that holds no case: a missing file (unless
  // kReadWrite), a file that is not SQLite, and another application's SQLite database.
  static Result<std::unique_ptr<CaseStore>> Open(const std::string& path, Mode mode);
  ~CaseStore();
  CaseStore(const CaseStore&) = delete;
  CaseStore& operator=(const CaseStore&) = delete;

  const std::string& path() const { return path_; }
  Result<CaseData> Load(const LoadOptions& options = {}) const;
  Result<CaseCounts> Counts() const;
  Result<std::vector<IngestLogEntry>> IngestLog() const;

  // For the ingest writer (store/case_writer.h) and for tools that need raw SQL.
  sqlite3* db() const { return db_; }

 private:
  CaseStore(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  std::string path_;
  sqlite3* db_ = nullptr;
};

// Convenience: open read-only and load.
Result<CaseData> LoadCase(const std::string& path, const LoadOptions& options = {});

}  // namespace linchpin
