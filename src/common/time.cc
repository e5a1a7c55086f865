#include "common/time.h"

#include <charconv>
#include <cstdio>

namespace linchpin {

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly n digits at s[pos..]; advances pos.
bool Digits(std::string_view s, size_t& pos, size_t n, unsigned& out) {
  if (pos + n > s.size()) return false;
  unsigned v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  out = v;
  pos += n;
  return true;
}

std::optional<TimeMs> ParseEpoch(std::string_view s, TimeUnit unit) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  if (unit == TimeUnit::kMilliseconds) return v;
  // Guard the multiplication: epochs beyond year ~292 million overflow.
  if (v > INT64_MAX / 1000 || v < INT64_MIN / 1000 + 1) return std::nullopt;
  return v * 1000;
}

std::optional<TimeMs> ParseIso(std::string_view s) {
  size_t p = 0;
  unsigned year = 0, month = 0, day = 0;
  if (!Digits(s, p, 4, year) || p >= s.size() || s[p++] != '-') return std::nullopt;
  if (!Digits(s, p, 2, month) || p >= s.size() || s[p++] != '-') return std::nullopt;
  if (!Digits(s, p, 2, day)) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  int64_t ms = DaysFromCivil(year, month, day) * kDayMs;
  if (p == s.size()) return ms;

  if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') return std::nullopt;
  ++p;
  unsigned hh = 0, mm = 0, ss = 0;
  if (!Digits(s, p, 2, hh) || p >= s.size() || s[p++] != ':') return std::nullopt;
  if (!Digits(s, p, 2, mm)) return std::nullopt;
  if (p < s.size() && s[p] == ':') {
    ++p;
    if (!Digits(s, p, 2, ss)) return std::nullopt;
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;  // 60: a leap second, folded below.
  if (ss == 60) ss = 59;
  ms += hh * kHourMs + mm * kMinuteMs + ss * kSecondMs;

  if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
    ++p;
    const size_t start = p;
    unsigned frac_ms = 0, scale = 100;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      frac_ms += static_cast<unsigned>(s[p] - '0') * scale;
      scale /= 10;
      ++p;
    }
    if (p == start) return std::nullopt;
    ms += frac_ms;
  }
  if (p == s.size()) return ms;  // No offset: UTC, documented in docs/formats.md.

  if (s[p] == 'Z' || s[p] == 'z') return p + 1 == s.size() ? std::optional<TimeMs>(ms) : std::nullopt;
  if (s[p] != '+' && s[p] != '-') return std::nullopt;
  const int sign = s[p++] == '+' ? 1 : -1;
  unsigned oh = 0, om = 0;
  if (!Digits(s, p, 2, oh)) return std::nullopt;
  if (p < s.size() && s[p] == ':') ++p;
  if (p < s.size() && !Digits(s, p, 2, om)) return std::nullopt;
  if (p != s.size() || oh > 23 || om > 59) return std::nullopt;
  return ms - sign * static_cast<int64_t>(oh * kHourMs + om * kMinuteMs);
}

}  // namespace

std::optional<TimeMs> ParseTime(std::string_view text, TimeUnit unit) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  // An ISO date always has '-' at index 4; a bare integer (possibly negative) never does.
  if (text.size() >= 10 && text[4] == '-') return ParseIso(text);
  return ParseEpoch(text, unit);
}

std::string FormatTime(TimeMs t) {
  if (t == kNoTime) return "";
  int64_t days = t / kDayMs;
  int64_t rem = t % kDayMs;
  if (rem < 0) {
    rem += kDayMs;
    --days;
  }
  int64_t y = 0;
  unsigned m = 0, d = 0;
  CivilFromDays(days, y, m, d);
  const int64_t hh = rem / kHourMs, mm = rem / kMinuteMs % 60, ss = rem / kSecondMs % 60,
                msec = rem % 1000;
  char buf[48];
  if (msec != 0) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                  static_cast<long long>(y), m, d, static_cast<long long>(hh),
                  static_cast<long long>(mm), static_cast<long long>(ss),
                  static_cast<long long>(msec));
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ",
                  static_cast<long long>(y), m, d, static_cast<long long>(hh),
                  static_cast<long long>(mm), static_cast<long long>(ss));
  }
  return buf;
}

}  // namespace linchpin
