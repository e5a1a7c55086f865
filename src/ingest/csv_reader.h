// CsvReader: a streaming RFC 4180 reader behind OpenCsv (record_source.h).
//
// Why a hand-written scanner: ingest must outrun the sqlite3 shell's .import several times over,
// so the common case — unquoted ASCII fields — is one table lookup per byte with a sentinel at
// the end of the buffer (no bounds check in the inner loop), and fields are string_views into
// the buffer. Only quoted fields with "" escapes are copied, into a per-row scratch string.
//
// Memory: one fixed buffer of max_record_bytes + read_bytes (+2: a CR awaiting its LF, and the
// sentinel). A record over max_record_bytes is never buffered whole: the reader skips to the next
// record boundary with a small state machine, discarding bytes as it goes, and reports the
// record as a kBadRow (with no raw text, however it was found).
//
// Errors (kBadRow, reading continues with the next record): wrong field count, unterminated
// quoted field at end of input, a quote inside an unquoted field, text after a closing quote, a
// bare CR, invalid UTF-8 (with the byte offset in the field), an oversized record. Only the
// first problem of a record is reported. Row::present is left empty: every CSV field is present.
//
// Dialect: comma-separated; a field may be quoted with '"', a quote inside is written "";
// quoted fields may hold commas, CR and LF. Records end at LF or CRLF (a bare CR outside quotes
// is an error: CR-only line endings are not supported). A UTF-8 byte-order mark at the start is
// skipped. Completely empty lines are skipped (a trailing blank line is common and never data).
// Every field must be valid UTF-8.
//
// Thread-compatibility: one reader per thread; no shared state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/record_source.h"

namespace linchpin {

// The first ill-formed UTF-8 sequence in `text`: its byte offset (0-based) and what is wrong
// ("invalid lead byte 0xff", "truncated sequence", "overlong encoding", ...).
struct Utf8Error {
  size_t offset = 0;
  std::string problem;
};
std::optional<Utf8Error> FindInvalidUtf8(std::string_view text);

class CsvReader final : public RecordSource {
 public:
  static constexpr size_t kDefaultReadBytes = 1 << 20;

  // Reads and checks the header row. `read_bytes` is how much is read from `bytes` per refill;
  // tests and fuzzers make it small to exercise records that straddle refills.
  static Result<std::unique_ptr<CsvReader>> Open(std::unique_ptr<ByteSource> bytes,
                                                 ReaderLimits limits = {},
                                                 size_t read_bytes = kDefaultReadBytes);

  const std::vector<std::string>& columns() const override { return columns_; }
  uint64_t columns_version() const override { return 1; }
  uint64_t header_line() const override { return header_line_; }
  Result<ReadOutcome> Next(Row& row, RowError& error) override;
  uint64_t bytes_consumed() const override { return buffer_file_offset_ + pos_; }

  CsvReader(std::unique_ptr<ByteSource> bytes, ReaderLimits limits, size_t read_bytes);

 private:
  enum class Scan { kRecord, kNeedMore, kEndOfInput };
  // What ScanRecord found about the record at pos_ (valid when it returns kRecord).
  struct ScannedRecord {
    size_t end = 0;         // buffer offset just past the record's text (before its terminator)
    size_t next = 0;        // buffer offset where the next record starts
    uint64_t newlines = 0;  // LFs inside quoted fields: the record spans newlines + 1 lines
    uint32_t error_column = 0;
    std::string error;  // the first problem found; empty if the record is well formed
  };

  Status ReadHeader();
  Status Refill();
  // One record, with no check of its field count (the header has none to check against).
  Result<ReadOutcome> NextRecord(Row& row, RowError& error);
  Scan ScanRecord(std::vector<std::string_view>& fields, ScannedRecord& record);
  // The common case in one pass, 16 bytes at a time: a record of unquoted ASCII fields whose LF
  // is in the buffer. False (fields untouched) for anything else, which ScanRecord then reads.
  bool ScanPlainRecord(std::vector<std::string_view>& fields, ScannedRecord& record) const;
  const char* ScanQuotedField(const char* p, uint32_t column, std::string_view& value,
                              ScannedRecord& record, bool& need_more);
  const char* ScanUnquotedField(const char* p, uint32_t column, ScannedRecord& record,
                                bool& need_more);
  std::string_view Unescape(std::string_view as_written);
  void Consume(const ScannedRecord& record);
  Result<ReadOutcome> SkipOversizedRecord(RowError& error);
  std::string OversizedMessage(uint64_t record_bytes) const;
  static void SetError(ScannedRecord& record, uint32_t column, std::string message);
  static void CheckUtf8(std::string_view text, uint32_t column, ScannedRecord& record);

  std::unique_ptr<ByteSource> bytes_;
  ReaderLimits limits_;
  size_t read_bytes_;
  std::unique_ptr<char[]> buffer_;  // capacity_ + 1: the +1 holds the '\n' sentinel
  size_t capacity_ = 0;
  size_t pos_ = 0;       // start of the next record
  size_t data_end_ = 0;  // bytes [pos_, data_end_) are read but not consumed
  bool eof_ = false;
  uint64_t buffer_file_offset_ = 0;  // file offset of buffer_[0]
  uint64_t line_ = 1;                // physical line at pos_
  std::string scratch_;              // unescaped quoted fields of the current row
  std::vector<std::string> columns_;
  uint64_t header_line_ = 1;
};

}  // namespace linchpin
