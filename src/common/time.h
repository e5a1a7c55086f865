// Time in Linchpin: int64 milliseconds since the Unix epoch, UTC. Parsing accepts what case files
// hold: ISO 8601 with an offset (or none, read as UTC), a date alone, or epoch seconds/milliseconds.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace linchpin {

using TimeMs = int64_t;
inline constexpr TimeMs kNoTime = std::numeric_limits<int64_t>::min();
inline constexpr TimeMs kSecondMs = 1000;
inline constexpr TimeMs kMinuteMs = 60 * kSecondMs;
inline constexpr TimeMs kHourMs = 60 * kMinuteMs;
inline constexpr TimeMs kDayMs = 24 * kHourMs;

enum class TimeUnit { kSeconds, kMilliseconds };

// Parses "2026-03-01T14:05:09Z", "2026-03-01 14:05:09.250+01:00", "2026-03-01T14:05+0100",
// "2026-03-01", or an integer epoch in `unit`. Returns nullopt on anything else, including
// out-of-range fields (month 13, 25:00). An ISO time without an offset is taken as UTC.
std::optional<TimeMs> ParseTime(std::string_view text, TimeUnit unit = TimeUnit::kSeconds);

// "2026-03-01T13:05:09Z", with ".250" when the milliseconds are not zero.
std::string FormatTime(TimeMs t);

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);

}  // namespace linchpin
