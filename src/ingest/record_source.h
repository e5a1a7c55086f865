// A RecordSource streams the rows of one input file (CSV or JSON Lines) as positional fields
// under a header, never holding the whole file in memory. Ingest maps the header to the
// canonical columns once, then converts rows; malformed rows are reported as values so that
// --on-error=skip can continue past them.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace linchpin {

// Where bytes come from: a file, or memory (tests and fuzzers).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes into buf; returns 0 at end of input.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};
Result<std::unique_ptr<ByteSource>> OpenFileBytes(const std::string& path);
std::unique_ptr<ByteSource> MemoryBytes(std::string data);

// The refill step of the readers' fixed buffers: moves the unread bytes [pos, end) to the front
// of `buffer` (advancing `file_offset` by what was dropped), then reads from `bytes` until
// `end` reaches min(capacity, end + read_bytes) or the input ends (`eof`).
Status RefillBuffer(ByteSource& bytes, char* buffer, size_t capacity, size_t read_bytes,
                    size_t& pos, size_t& end, uint64_t& file_offset, bool& eof);

// Up to six integers computed from a row ahead of its consumer, on the prefetch thread (see
// Prefetch): stateless work moved off the consumer's thread. Their meaning is the preparer's;
// `ok` false means the consumer does the work itself (and reports any error in the row).
struct RowScalars {
  bool ok = false;
  std::array<int64_t, 6> values{};
};

struct Row {
  uint64_t line = 0;                     // 1-based physical line where the record starts
  std::vector<std::string_view> fields;  // by column index; valid until the next Next() call
  std::vector<bool> present;             // JSON Lines only: false where the key was absent
  std::string_view raw;                  // the record as written, for the rejects file
  const RowScalars* scalars = nullptr;   // set by a Prefetch given a preparer; valid as `fields`
};

// A record the reader could not make into a row. Reading can continue after it.
struct RowError {
  uint64_t line = 0;
  uint32_t column = 0;                   // 1-based; 0 when it is not about one column
  std::string message;                   // "unterminated quoted field", "invalid UTF-8", ...
  std::string_view raw;                  // the record as written, for the rejects file; empty
                                         // for one over max_record_bytes. Valid until Next().
};

enum class ReadOutcome { kRow, kBadRow, kEnd };

// Limits that keep memory bounded whatever the input.
struct ReaderLimits {
  size_t max_record_bytes = 1 << 20;     // a longer record is rejected and skipped, not buffered
};

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // Column names. CSV: the header row. JSON Lines: the keys seen so far, in first-seen order;
  // it only grows, and columns_version() changes when it does.
  virtual const std::vector<std::string>& columns() const = 0;
  virtual uint64_t columns_version() const = 0;
  // The physical line the column names were read from, for errors about them: CSV's header row
  // (line 1 unless blank lines precede it). 0 for JSON Lines, whose columns come from its rows
  // (an error about them names the row's line).
  virtual uint64_t header_line() const { return 0; }
  // kRow fills `row`; kBadRow fills `error`; kEnd at end of input. A Status only for I/O
  // failure or an unusable file (e.g. no header), after which the source is finished.
  virtual Result<ReadOutcome> Next(Row& row, RowError& error) = 0;
  virtual uint64_t bytes_consumed() const = 0;  // for progress
  // A hint for prefetching only: the scalars of the row `ahead` rows after the last one Next()
  // returned, when that row is already read and was prepared (see Prefetch); null otherwise.
  // Valid until the next Next().
  virtual const RowScalars* PeekScalars(size_t ahead) const {
    (void)ahead;
    return nullptr;
  }
};

// RFC 4180 CSV (quotes, "" escapes, embedded newlines, CRLF or LF, optional UTF-8 BOM). The
// first record is the header; an empty input or one without a header is an error Status.
// Every field is validated as UTF-8. A record whose field count differs from the header's is
// a kBadRow ("expected 8 fields, found 7").
Result<std::unique_ptr<RecordSource>> OpenCsv(std::unique_ptr<ByteSource> bytes,
                                              ReaderLimits limits = {});

// One JSON object per line; scalar values become fields (numbers as written, true/false,
// null = absent); an array of scalars becomes its items joined with ';'. Blank lines are skipped.
Result<std::unique_ptr<RecordSource>> OpenJsonLines(std::unique_ptr<ByteSource> bytes,
                                                    ReaderLimits limits = {});

}  // namespace linchpin
