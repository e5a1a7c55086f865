// Fuzzes the JSON Lines reader: any bytes must give rows, bad rows or kEnd — never a crash. The
// first input byte picks the refill size and the line limit.
//
// Oracle: reading in small refills must give exactly what reading the whole input in one
// refill gives (rows, columns, lines, messages).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ingest/jsonl_reader.h"

namespace {

using namespace linchpin;

struct Outcome {
  ReadOutcome kind;
  uint64_t line;
  uint32_t column;
  std::string message;
  std::vector<std::string> fields;
  std::vector<bool> present;
  size_t column_count;
  bool operator==(const Outcome&) const = default;
};

std::vector<Outcome> ReadAll(const std::string& text, ReaderLimits limits, size_t read_bytes) {
  std::vector<Outcome> outcomes;
  JsonLinesReader reader(MemoryBytes(text), limits, read_bytes);
  Row row;
  RowError error;
  for (;;) {
    Result<ReadOutcome> outcome = reader.Next(row, error);
    if (!outcome.ok()) __builtin_trap();
    if (*outcome == ReadOutcome::kEnd) break;
    if (*outcome == ReadOutcome::kRow) {
      if (row.fields.size() != reader.columns().size()) __builtin_trap();
      if (row.present.size() != row.fields.size()) __builtin_trap();
      for (size_t i = 0; i < row.fields.size(); ++i) {
        if (!row.present[i] && !row.fields[i].empty()) __builtin_trap();
      }
      outcomes.push_back({*outcome, row.line, 0, {}, {row.fields.begin(), row.fields.end()},
                          row.present, reader.columns().size()});
    } else {
      if (error.message.empty()) __builtin_trap();
      outcomes.push_back(
          {*outcome, error.line, error.column, error.message, {}, {}, reader.columns().size()});
    }
  }
  if (reader.bytes_consumed() != text.size()) __builtin_trap();
  return outcomes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t read_bytes = 1 + (data[0] & 0x3F);
  const ReaderLimits limits{(data[0] & 0x40) ? size_t{24} : size_t{64} << 10};
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (ReadAll(text, limits, read_bytes) != ReadAll(text, limits, text.size() + 16)) {
    __builtin_trap();
  }
  return 0;
}
