#include "cli/output.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "common/strings.h"

namespace linchpin::cli {

namespace {
// "1,234" counts too: tables print counts with thousands separators.
bool LooksNumeric(const std::string& s) {
  std::string digits;
  for (char c : s) {
    if (c != ',') digits += c;
  }
  if (digits.empty()) return false;
  double d = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), d);
  return ec == std::errc() && end == digits.data() + digits.size();
}

// Display width in code points, so names in Arabic or with accents line up.
size_t Width(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}
}  // namespace

void PrintTable(std::ostream& out, const TableRow& header, const std::vector<TableRow>& rows) {
  std::vector<size_t> width(header.size(), 0);
  for (size_t i = 0; i < header.size(); ++i) width[i] = Width(header[i]);
  for (const auto& r : rows) {
    for (size_t i = 0; i < r.size() && i < width.size(); ++i) width[i] = std::max(width[i], Width(r[i]));
  }
  auto print = [&](const TableRow& r, bool is_header) {
    for (size_t i = 0; i < width.size(); ++i) {
      const std::string cell = i < r.size() ? r[i] : "";
      const std::string pad(width[i] - Width(cell), ' ');
      const bool right = !is_header && LooksNumeric(cell);
      if (i > 0) out << "  ";
      if (right) out << pad << cell;
      else if (i + 1 < width.size()) out << cell << pad;
      else out << cell;
    }
    out << '\n';
  };
  print(header, true);
  TableRow rule;
  for (size_t w : width) rule.emplace_back(w, '-');
  print(rule, true);
  for (const auto& r : rows) print(r, false);
}

void PrintCsvRow(std::ostream& out, const TableRow& row) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out << ',';
    out << CsvQuote(row[i]);
  }
  out << '\n';
}

std::string WithThousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string Fixed(double x, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

}  // namespace linchpin::cli
