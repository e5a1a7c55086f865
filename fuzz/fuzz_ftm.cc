// Fuzzes the FollowTheMoney reader: any bytes must give entities, bad rows or kEnd. The first
// input byte picks the refill size and the line limit.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/ftm_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace linchpin;
  if (size == 0) return 0;
  const size_t read_bytes = 1 + (data[0] & 0x3F);
  const ReaderLimits limits{(data[0] & 0x40) ? size_t{48} : size_t{64} << 10};
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto reader = FtmReader::Open(MemoryBytes(std::move(text)), limits, read_bytes);
  if (!reader.ok()) return 0;
  FtmEntity entity;
  RowError error;
  for (;;) {
    Result<ReadOutcome> outcome = (*reader)->Next(entity, error);
    if (!outcome.ok() || *outcome == ReadOutcome::kEnd) break;
    if (*outcome == ReadOutcome::kRow) {
      if (entity.id.empty() || entity.schema.empty()) __builtin_trap();
      for (const auto& [property, value] : entity.properties) {
        if (entity.Values(property).empty()) __builtin_trap();
      }
    } else if (error.message.empty()) {
      __builtin_trap();
    }
  }
  return 0;
}
