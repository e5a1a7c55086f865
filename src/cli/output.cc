#include "cli/output.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>

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

Status WriteFileAtomically(const std::string& path, const std::function<Status(std::ostream&)>& write) {
  auto io_error = [&](const char* what) {
    return Status::IOError(std::string(what) + " " + path + ": " + std::strerror(errno));
  };
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  std::ofstream file(temp, std::ios::binary | std::ios::trunc);
  if (!file) return io_error("cannot write");
  Status st = write(file);
  file.close();
  if (st.ok() && !file) st = io_error("cannot write");
  if (st.ok()) {  // the bytes on disk before the name points at them
    const int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) st = io_error("cannot sync");
    if (fd >= 0) ::close(fd);
  }
  if (st.ok() && std::rename(temp.c_str(), path.c_str()) != 0) st = io_error("cannot rename onto");
  if (!st.ok()) std::remove(temp.c_str());
  return st;
}

}  // namespace linchpin::cli
