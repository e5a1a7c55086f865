// Fuzzes the CSV reader: any bytes must give rows, bad rows or a clean error Status — never a
// crash, a hang or a read outside the buffer. The first input byte picks the refill size and the
// record limit, so records straddle refills and hit the oversized-record path.
//
// Oracle: the same input read in one refill (the whole input in the buffer) must give exactly
// the same rows, lines and messages as when read in small refills. Refill boundaries are where
// a streaming parser goes wrong, and this catches any way they can change the result.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ingest/csv_reader.h"

namespace {

using namespace linchpin;

struct Outcome {
  ReadOutcome kind;
  uint64_t line;
  uint32_t column;
  std::string message;
  std::vector<std::string> fields;
  std::string raw;
  bool operator==(const Outcome&) const = default;
};

// Reads everything; the header (or the open error) comes first.
std::vector<Outcome> ReadAll(const std::string& text, ReaderLimits limits, size_t read_bytes) {
  std::vector<Outcome> outcomes;
  auto reader = CsvReader::Open(MemoryBytes(text), limits, read_bytes);
  if (!reader.ok()) {
    outcomes.push_back({ReadOutcome::kEnd, 0, 0, reader.status().message(), {}, {}});
    return outcomes;
  }
  const std::vector<std::string>& columns = (*reader)->columns();
  outcomes.push_back({ReadOutcome::kEnd, 1, 0, "header", columns, {}});
  Row row;
  RowError error;
  for (;;) {
    Result<ReadOutcome> outcome = (*reader)->Next(row, error);
    if (!outcome.ok()) __builtin_trap();  // memory never fails to read
    if (*outcome == ReadOutcome::kEnd) break;
    if (*outcome == ReadOutcome::kRow) {
      // Invariants a caller relies on: the field count matches and every field is valid UTF-8.
      if (row.fields.size() != columns.size()) __builtin_trap();
      for (std::string_view field : row.fields) {
        if (FindInvalidUtf8(field)) __builtin_trap();
      }
      if (row.raw.size() > limits.max_record_bytes) __builtin_trap();
      outcomes.push_back({*outcome, row.line, 0, {}, {row.fields.begin(), row.fields.end()},
                          std::string(row.raw)});
    } else {
      if (error.message.empty()) __builtin_trap();
      outcomes.push_back({*outcome, error.line, error.column, error.message, {},
                          std::string(error.raw)});
    }
  }
  if ((*reader)->bytes_consumed() != text.size()) __builtin_trap();
  return outcomes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t read_bytes = 1 + (data[0] & 0x3F);
  const ReaderLimits limits{(data[0] & 0x40) ? size_t{16} : size_t{64} << 10};
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::vector<Outcome> streamed = ReadAll(text, limits, read_bytes);
  const std::vector<Outcome> whole = ReadAll(text, limits, text.size() + 16);
  if (streamed != whole) __builtin_trap();
  return 0;
}
