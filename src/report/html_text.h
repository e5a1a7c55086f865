// Text helpers for the HTML report: escaping (every string from a case file is untrusted and goes
// through EscapeHtml before it reaches the page), display formats for times, percentages and
// numbers, and truncation that never cuts a UTF-8 sequence in half.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/time.h"

namespace linchpin::report {

// Escapes & < > " ' so the result is safe both as element text and as a quoted attribute value.
// Control characters other than tab and newline are dropped (they are invalid in HTML text), and
// bytes that are not valid UTF-8 become U+FFFD so one bad byte cannot garble a whole page.
std::string EscapeHtml(std::string_view text);

// "2026-03-01 13:05:09 UTC", or "unknown time" for kNoTime.
std::string FormatUtc(TimeMs t);
// "2026-03-01".
std::string FormatDate(TimeMs t);
// The signed gap of `t` relative to `reference`, as analysts say it: "3 d 4 h before",
// "12 min before", "2 h after".
std::string FormatOffset(TimeMs t, TimeMs reference);
// 0.873 -> "87%"; values are clamped to [0, 1].
std::string FormatPercent(double fraction);
// Fixed-point with `decimals` digits, locale-independent ("2.35", "-0.4").
std::string FormatFixed(double value, int decimals);

// At most `max_chars` code points, with "…" appended when something was cut.
std::string TruncateUtf8(std::string_view text, size_t max_chars);

}  // namespace linchpin::report
