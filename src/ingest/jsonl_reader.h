// Line-oriented readers: LineReader splits a ByteSource into lines under a memory bound, and
// JsonLinesReader (behind OpenJsonLines in record_source.h) turns each line's JSON object into a
// Row. The FollowTheMoney reader (ftm_reader.h) shares LineReader.
//
// Why a SAX parse rather than a DOM: nlohmann's SAX callbacks hand over keys in the order
// written (columns are numbered in first-seen order), numbers as written (a float's own token,
// so "1.50" stays "1.50"), and let a nested object stop the parse at once.
//
// Conversion of values: a string as-is; a number as written; true/false; null = absent
// (present=false); an array of scalars = its items joined with ';' (nulls inside are dropped;
// an empty array is absent). A nested object, or an array holding an object or array, is a
// kBadRow. Keys first seen in a bad row do not become columns. A repeated key keeps its last
// value. Blank lines are skipped; a UTF-8 byte-order mark at the start is skipped; a CR before
// the LF is ignored.
//
// Thread-compatibility: one reader per thread; no shared state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/record_source.h"

namespace linchpin {

// Splits bytes into lines in one fixed buffer of max_line_bytes + read_bytes. A longer line is
// never buffered whole: it is skipped to its LF and reported as kTooLong.
class LineReader {
 public:
  static constexpr size_t kDefaultReadBytes = 1 << 20;
  enum class Outcome { kLine, kTooLong, kEnd };
  struct Line {
    std::string_view text;  // without the LF or a CR before it; valid until the next Next()
    uint64_t number = 0;    // 1-based physical line
    uint64_t length = 0;    // bytes in the line (kTooLong: how many were skipped)
  };

  LineReader(std::unique_ptr<ByteSource> bytes, size_t max_line_bytes,
             size_t read_bytes = kDefaultReadBytes);
  // A Status only for an I/O failure.
  Result<Outcome> Next(Line& line);
  uint64_t bytes_consumed() const { return buffer_file_offset_ + pos_; }
  size_t max_line_bytes() const { return max_line_bytes_; }

 private:
  Status Refill();
  Result<Outcome> SkipLongLine(Line& line);
  Outcome TakeLine(size_t line_end, size_t next, Line& line);

  std::unique_ptr<ByteSource> bytes_;
  size_t max_line_bytes_;
  size_t read_bytes_;
  size_t capacity_;
  std::unique_ptr<char[]> buffer_;
  size_t pos_ = 0;  // start of the next line
  size_t data_end_ = 0;
  bool eof_ = false;
  bool started_ = false;  // the byte-order mark check happens on the first Next()
  uint64_t buffer_file_offset_ = 0;
  uint64_t line_ = 1;
};

// "line of 5242880 bytes exceeds the limit of 1048576 bytes (max_record_bytes); skipped"
std::string LineTooLongMessage(uint64_t length, size_t limit);

// An nlohmann exception's what() made readable: "parse error at column 7: syntax error ...".
std::string JsonErrorMessage(const char* what);

// True when the line holds only JSON whitespace.
bool IsBlankLine(std::string_view line);

// The next non-blank line of a JSON Lines file (kRow), an over-long one reported in `error`
// (kBadRow), or kEnd — the loop both the JSON Lines and the FollowTheMoney readers start with.
Result<ReadOutcome> NextRecordLine(LineReader& lines, LineReader::Line& line, RowError& error);

class JsonLinesReader final : public RecordSource {
 public:
  explicit JsonLinesReader(std::unique_ptr<ByteSource> bytes, ReaderLimits limits = {},
                           size_t read_bytes = LineReader::kDefaultReadBytes);

  const std::vector<std::string>& columns() const override { return columns_; }
  uint64_t columns_version() const override { return columns_version_; }
  Result<ReadOutcome> Next(Row& row, RowError& error) override;
  uint64_t bytes_consumed() const override { return lines_.bytes_consumed(); }

 private:
  class RowBuilder;  // the SAX handler; defined in the .cc to keep nlohmann out of this header
  friend class RowBuilder;

  // Parses one line into values_/has_value_; returns false with error filled on a bad line.
  bool ParseLine(std::string_view text, RowError& error);
  size_t ColumnFor(const std::string& name);  // index of a known or newly seen key
  const std::string& ColumnName(size_t index) const;
  void CommitNewColumns();
  void FillRow(Row& row) const;

  LineReader lines_;
  std::vector<std::string> columns_;
  std::unordered_map<std::string, size_t> column_index_;
  uint64_t columns_version_ = 0;
  // Per-row storage behind Row::fields (indexed by column, new columns after the known ones).
  std::vector<std::string> values_;
  std::vector<bool> has_value_;
  std::vector<std::string> new_columns_;  // keys first seen in the current line
};

}  // namespace linchpin
