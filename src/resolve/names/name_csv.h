// A small RFC 4180 CSV reader and writer for the name evaluation data (the labelled bench, the
// OFAC CSV edition, the yente fixtures): quoted fields, "" escapes, embedded commas and
// newlines, CRLF or LF, a UTF-8 BOM.
//
// Why local: the project's streaming reader (ingest/record_source.h, OpenCsv) requires a header
// row, while the OFAC files have none; and resolve sits below ingest in the layer order. These
// files are small (≤ 2 MB), so whole-file reading is fine. `names compare --pairs`, which reads
// user files of any size, uses OpenCsv.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace linchpin::resolve {

struct CsvRecord {
  size_t line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

// Parses a whole CSV text. An unterminated quote or a stray quote inside an unquoted field is
// a ParseError naming `source_name` and the line.
Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, std::string_view source_name);

// Reads and parses a file; IOError names the file.
Result<std::vector<CsvRecord>> ReadCsvFile(const std::string& path);

// Fields quoted with common/strings.h CsvQuote, joined, with "\n".
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace linchpin::resolve
