// Fuzzes the JSON Lines reader: any bytes must give rows, bad rows or kEnd — never a crash. The
// first input byte picks the refill size and the line limit.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/jsonl_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace linchpin;
  if (size == 0) return 0;
  const size_t read_bytes = 1 + (data[0] & 0x3F);
  const ReaderLimits limits{(data[0] & 0x40) ? size_t{24} : size_t{1} << 20};
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  JsonLinesReader reader(MemoryBytes(std::move(text)), limits, read_bytes);
  Row row;
  RowError error;
  for (;;) {
    Result<ReadOutcome> outcome = reader.Next(row, error);
    if (!outcome.ok() || *outcome == ReadOutcome::kEnd) break;
    if (*outcome == ReadOutcome::kRow) {
      if (row.fields.size() != reader.columns().size()) __builtin_trap();
      if (row.present.size() != row.fields.size()) __builtin_trap();
      for (size_t i = 0; i < row.fields.size(); ++i) {
        if (!row.present[i] && !row.fields[i].empty()) __builtin_trap();
      }
    } else if (error.message.empty()) {
      __builtin_trap();
    }
  }
  if (reader.bytes_consumed() != size - 1) __builtin_trap();
  return 0;
}
