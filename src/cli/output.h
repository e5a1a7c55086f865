// How commands print: aligned tables for people, CSV for spreadsheets, JSON for programs.
// Every command that prints rows goes through these, so the three stay consistent.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

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

}  // namespace linchpin::cli
