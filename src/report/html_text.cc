// Text helpers for the HTML report (see html_text.h).
#include "report/html_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace linchpin::report {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not valid.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t length = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4) length = 4;
  else return 0;
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  // Overlong three- and four-byte forms, surrogates, and code points above U+10FFFF.
  if (lead == 0xE0 && byte(i + 1) < 0xA0) return 0;
  if (lead == 0xED && byte(i + 1) > 0x9F) return 0;
  if (lead == 0xF0 && byte(i + 1) < 0x90) return 0;
  if (lead == 0xF4 && byte(i + 1) > 0x8F) return 0;
  return length;
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size();) {
    const char ch = text[i];
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
      continue;
    }
    if (length > 1) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: {
        const auto code = static_cast<unsigned char>(ch);
        if ((code >= 0x20 && code != 0x7F) || ch == '\t' || ch == '\n') out += ch;
      }
    }
    ++i;
  }
  return out;
}

std::string FormatUtc(TimeMs t) {
  if (t == kNoTime) return "unknown time";
  std::string iso = FormatTime(t);  // 2026-03-01T13:05:09Z or ...09.250Z
  iso[10] = ' ';
  iso.pop_back();
  return iso + " UTC";
}

std::string FormatDate(TimeMs t) {
  if (t == kNoTime) return "unknown date";
  return FormatTime(t).substr(0, 10);
}

std::string FormatOffset(TimeMs t, TimeMs reference) {
  if (t == kNoTime || reference == kNoTime) return "";
  const TimeMs gap = t > reference ? t - reference : reference - t;
  const char* side = t > reference ? "after" : "before";
  char buf[64];
  if (gap < kHourMs) {
    std::snprintf(buf, sizeof buf, "%lld min %s", static_cast<long long>(gap / kMinuteMs), side);
  } else if (gap < kDayMs) {
    std::snprintf(buf, sizeof buf, "%lld h %lld min %s", static_cast<long long>(gap / kHourMs),
                  static_cast<long long>(gap % kHourMs / kMinuteMs), side);
  } else {
    std::snprintf(buf, sizeof buf, "%lld d %lld h %s", static_cast<long long>(gap / kDayMs),
                  static_cast<long long>(gap % kDayMs / kHourMs), side);
  }
  return buf;
}

std::string FormatPercent(double fraction) {
  if (!std::isfinite(fraction)) return "n/a";
  const double clamped = std::clamp(fraction, 0.0, 1.0);
  return std::to_string(static_cast<int>(std::lround(clamped * 100))) + "%";
}

std::string FormatFixed(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string out = buf;
  if (out.find_first_not_of("-0.") == std::string::npos && out[0] == '-') out.erase(0, 1);  // "-0.0"
  return out;
}

std::string TruncateUtf8(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) return std::string(text.substr(0, i)) + "\xE2\x80\xA6";  // …
    ++chars;
  }
  return std::string(text);
}

}  // namespace linchpin::report
