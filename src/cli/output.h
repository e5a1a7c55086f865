// How commands print: aligned tables for people, CSV for spreadsheets, JSON for programs.
// Every command that prints rows goes through these, so the three stay consistent.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace linchpin::cli {

using TableRow = std::vector<std::string>;

// Columns padded to their widest cell; numbers (cells that parse as numbers) right-aligned.
void PrintTable(std::ostream& out, const TableRow& header, const std::vector<TableRow>& rows);
// RFC 4180 (common/strings.h CsvQuote): a cell is quoted only when it must be.
void PrintCsvRow(std::ostream& out, const TableRow& row);
// 1234567 -> "1,234,567"
std::string WithThousands(int64_t n);
// 0.91234, 2 -> "0.91"
std::string Fixed(double x, int digits);

// Writes a file whole or not at all: `write` streams the content into a temporary file beside
// `path`, which is fsynced and renamed over `path` only when `write` and every write succeeded.
// A reader or a crash never sees half a file, and a failed run (a malformed input row, a full
// disk) leaves an earlier file as it was. Errors name `path`, not the temporary.
Status WriteFileAtomically(const std::string& path, const std::function<Status(std::ostream&)>& write);

}  // namespace linchpin::cli
