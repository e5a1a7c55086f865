// Small ASCII string helpers shared by every layer (case-insensitive names, ';'-lists).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace linchpin {

std::string AsciiLower(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// Spaces and tabs at both ends. Inline: ingest calls it on every field of every row.
inline std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
// "a; b;;c" -> {"a", "b", "c"}: the ';'-separated lists of the canonical CSV files.
std::vector<std::string> SplitList(std::string_view s, char sep = ';');
std::string JoinList(const std::vector<std::string>& items, char sep = ';');
// One CSV field, RFC 4180: quoted (with "" for a quote) only when it holds a comma, quote, CR
// or LF. Every CSV writer in Linchpin goes through this.
std::string CsvQuote(std::string_view field);

}  // namespace linchpin
