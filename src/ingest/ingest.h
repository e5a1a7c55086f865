// Ingest: streams input files into a case. Each file is one transaction (store/case_writer.h):
// with --on-error=fail (the default) a malformed row aborts the file and nothing of it is
// committed; with --on-error=skip the good rows commit and the rejected ones go, with their
// reasons, to a rejects file. A file whose content was already ingested is a no-op.
//
// Formats (docs/formats.md): the canonical CSV files (persons, accounts, events, incidents,
// relations, platforms), JSON Lines with the same fields, and FollowTheMoney entity JSON Lines.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "store/case_store.h"

namespace linchpin {

enum class OnError { kFail, kSkip };

// The canonical record kinds, named as their CSV files are.
enum class RecordKind { kPlatforms, kPersons, kAccounts, kIncidents, kRelations, kEvents, kFtm };
std::string_view ToString(RecordKind k);
std::optional<RecordKind> ParseRecordKind(std::string_view s);
// "events.csv", "events-2024.jsonl", "persons.ndjson" -> the kind; nullopt when the name says none.
std::optional<RecordKind> KindFromFileName(std::string_view path);

enum class InputFormat { kAuto, kCsv, kJsonLines };

struct IngestOptions {
  std::optional<RecordKind> kind;     // --kind; else from the file name
  InputFormat format = InputFormat::kAuto;
  // --map canonical=file_column pairs, for files whose columns are named differently.
  std::vector<std::pair<std::string, std::string>> column_map;
  TimeUnit time_unit = TimeUnit::kSeconds;  // for integer timestamps
  std::string region;                 // default region for national phone numbers (FR, GB, ...)
  std::string default_platform = "unknown";  // events without a platform column
  std::string default_event_kind;     // events without a kind column ("" = the column is required)
  OnError on_error = OnError::kFail;
  std::string rejects_dir;            // where <file>.rejects.csv goes in skip mode ("" = cwd)
  size_t max_record_bytes = 1 << 20;  // longer records are rejected
};

struct FileReport {
  enum class Outcome { kCommitted, kDuplicate, kFailed };
  std::string path;
  RecordKind kind = RecordKind::kEvents;
  Outcome outcome = Outcome::kFailed;
  int64_t rows_accepted = 0, rows_rejected = 0;
  int64_t rows_ignored = 0;           // FollowTheMoney entities of schemas Linchpin does not map
  std::string rejects_path;           // set when rows were rejected in skip mode
  std::vector<std::string> unclassed_platforms;  // new, of unknown name, classed other (CaseWriter)
  Status error;                       // why it failed
};

// Called after each file with its report (the CLI prints it).
using FileCallback = std::function<void(const FileReport&)>;

// Ingests `paths` in dependency order (platforms, persons, accounts, incidents, relations, then
// events and FollowTheMoney), so that events find the accounts they name. First checks that
// every path is a file whose kind is known, committing nothing if one is not; then stops at the
// first file that fails, and files committed before it stay. Returns that file's error, or OK.
Status IngestFiles(CaseStore& store, const std::vector<std::string>& paths,
                   const IngestOptions& options, const FileCallback& on_file);

// One file. Fills `report`; returns its error (also in report.error).
Status IngestFile(CaseStore& store, const std::string& path, const IngestOptions& options,
                  FileReport& report);

// Where skip mode writes a file's rejected rows: <rejects_dir>/<file name>.rejects.csv.
std::string RejectsPathFor(const std::string& path, const IngestOptions& options);

}  // namespace linchpin
