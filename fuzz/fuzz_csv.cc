// Fuzzes the CSV reader: any bytes must give rows, bad rows or a clean error Status — never a
// crash, a hang or a read outside the buffer. The first input byte picks the refill size and the
// record limit, so records straddle refills and hit the oversized-record path.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace linchpin;
  if (size == 0) return 0;
  const size_t read_bytes = 1 + (data[0] & 0x3F);
  const ReaderLimits limits{(data[0] & 0x40) ? size_t{16} : size_t{1} << 20};
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto reader = CsvReader::Open(MemoryBytes(std::move(text)), limits, read_bytes);
  if (!reader.ok()) return 0;
  const size_t columns = (*reader)->columns().size();
  Row row;
  RowError error;
  for (;;) {
    Result<ReadOutcome> outcome = (*reader)->Next(row, error);
    if (!outcome.ok() || *outcome == ReadOutcome::kEnd) break;
    if (*outcome == ReadOutcome::kRow) {
      // Invariants a caller relies on: the field count matches and every field is valid UTF-8.
      if (row.fields.size() != columns) __builtin_trap();
      for (std::string_view field : row.fields) {
        if (FindInvalidUtf8(field)) __builtin_trap();
      }
      if (row.raw.size() > limits.max_record_bytes) __builtin_trap();
    } else if (error.message.empty()) {
      __builtin_trap();
    }
  }
  if ((*reader)->bytes_consumed() != size - 1) __builtin_trap();
  return 0;
}
