// CaseWriter: writes one input file into a case inside a single SQLite transaction, so a file
// is either wholly in the case or not at all — whatever happens to the process (the kill test
// in store/durability_test.cc proves it). Events are buffered into segments of kSegmentEvents
// and written as they fill, so memory stays bounded whatever the file's size. A full segment is
// sorted and compressed on a worker thread while the next one fills (compression is a fifth of
// ingest's CPU); the worker never touches SQLite, whose statements stay on the caller's thread.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/string_map.h"
#include "model/case.h"
#include "store/case_store.h"
#include "store/segment.h"
#include "store/sqlite_util.h"

namespace linchpin {

struct SourceFile {
  std::string path;          // as the user named it
  std::string kind;          // persons, accounts, events, ..., jsonl:<kind>, ftm
  std::string content_hash;  // of the file's bytes; a committed hash makes re-ingest a no-op
  int64_t bytes = 0;
};

class CaseWriter {
 public:
  // Starts the file's transaction. AlreadyExists when a file with this content is committed.
  // `file.content_hash` may be empty when the caller hashes the bytes as it reads them: then
  // `hash_now` is called, inside the transaction, only if a committed file has the same size
  // (the one case in which this file can be a duplicate), and Commit takes the hash read.
  using HashNow = std::function<Result<std::string>()>;
  static Result<std::unique_ptr<CaseWriter>> Begin(CaseStore& store, const SourceFile& file,
                                                   const HashNow& hash_now = {});
  ~CaseWriter();  // rolls back unless Commit() succeeded

  uint32_t source_id() const { return source_id_; }

  // Finds or declares a platform; an explicit class overrides the default or an earlier one.
  Result<uint16_t> Platform(std::string_view name, std::optional<PlatformClass> cls = {});
  PlatformClass ClassOf(uint16_t platform) const { return platforms_[platform].cls; }
  // Platforms this file introduced with no class of their own and a name Linchpin does not know,
  // so classed other: a typo ("telegarm") or a platform platforms.csv should class. Ingest reports
  // them, since the class weighs in attribution.
  const std::vector<std::string>& unclassed_platforms() const { return unclassed_platforms_; }

  struct EndpointRef { EndpointId id; EndpointKind kind; };
  std::optional<EndpointRef> FindEndpoint(std::string_view key) const;
  // Returns the endpoint for `key`, creating it with `kind` if new. An opaque endpoint that
  // turns out to be an account (accounts.csv ingested after events.csv) is upgraded.
  Result<EndpointId> Endpoint(std::string_view key, EndpointKind kind, uint32_t line);

  Status PutPerson(const Person& p);
  Status PutAccount(Account& a);  // sets a.endpoint
  Status PutIncident(const Incident& i);
  Status PutRelation(const Relation& r);
  Status AddEvent(TimeMs time, EndpointId source, EndpointId target, uint16_t platform,
                  EventKind kind, int32_t duration_s, int64_t size_bytes, uint32_t line,
                  std::string_view content_hash, std::string_view attributes_json);

  // Flushes the last segment, records the file in `sources` and the ingest log, and commits.
  // `hash_read` and `bytes_read` describe the bytes as read: the hash is the file's when Begin
  // had none; both check that the file did not change between Begin and the end of reading.
  Status Commit(int64_t rows_accepted, int64_t rows_rejected, std::string_view hash_read = {},
                int64_t bytes_read = -1);
  int64_t events_written() const { return events_written_; }

 private:
  CaseWriter(CaseStore& store, sql::Transaction tx) : store_(store), tx_(std::move(tx)) {}
  Status Prepare(const SourceFile& file, const HashNow& hash_now);
  Status CheckDuplicate(const HashNow& hash_now);
  Status FlushSegment();        // hands the filling segment to the encoder
  Status WriteEncodedSegment();  // waits for the encoder and inserts its segment, if any

  CaseStore& store_;
  sql::Transaction tx_;
  SourceFile file_;
  std::string started_;
  uint32_t source_id_ = 0;
  std::vector<linchpin::Platform> platforms_;
  StringMap<uint16_t> platform_ids_;
  std::vector<std::string> unclassed_platforms_;
  StringMap<EndpointRef> endpoints_;
  EndpointId next_endpoint_ = 0;
  SegmentBuilder segment_;   // filling
  SegmentBuilder encoding_;  // being encoded by `encoded_`'s task; cleared once written
  static constexpr int kZstdLevel = 1;  // ingest speed matters more than the last 10% of size
  SegmentEncoder encoder_{kZstdLevel};  // used by `encoded_`'s task only, one segment at a time
  int64_t events_written_ = 0;
  sql::Stmt put_endpoint_, upgrade_endpoint_, put_person_, put_account_, put_incident_,
      put_relation_, put_segment_, put_platform_;
  std::future<EncodedSegment> encoded_;  // declared last: its destructor waits for the task,
                                         // which uses encoding_ and encoder_
};

// Records an ingest attempt that did not commit (failed, or a duplicate) in its own transaction.
Status LogIngestAttempt(CaseStore& store, const SourceFile& file, std::string_view outcome,
                        int64_t rows_accepted, int64_t rows_rejected, std::string_view message);

// Current wall-clock time as ISO 8601 UTC (for the ingest log).
std::string NowIso();

}  // namespace linchpin
