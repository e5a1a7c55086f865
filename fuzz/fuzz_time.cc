// Fuzzes timestamp parsing (ISO 8601 with offset, epoch seconds or milliseconds): no crash or
// overflow (UBSan), and any time it accepts inside years 0000-9999 formats to text that parses
// back to the same instant — FormatTime and ParseTime are each other's inverse there.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace linchpin;
  static const TimeMs kFirst = *ParseTime("0000-01-01T00:00:00Z", TimeUnit::kSeconds);
  static const TimeMs kLast = *ParseTime("9999-12-31T23:59:59.999Z", TimeUnit::kSeconds);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const TimeUnit unit : {TimeUnit::kSeconds, TimeUnit::kMilliseconds}) {
    const auto t = ParseTime(text, unit);
    if (!t || *t < kFirst || *t > kLast) continue;
    const auto again = ParseTime(FormatTime(*t), unit);
    if (!again || *again != *t) __builtin_trap();
  }
  return 0;
}
