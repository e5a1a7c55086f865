// RFC 4180 CSV parsing and quoting; see name_csv.h.
#include "resolve/names/name_csv.h"

#include <fstream>
#include <sstream>

#include "common/strings.h"

namespace linchpin::resolve {

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, std::string_view source_name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  size_t line = 1;
  record.line = 1;
  bool in_quotes = false, field_was_quoted = false, record_has_content = false;
  auto error = [&](const std::string& what) {
    return Status::ParseError(std::string(source_name) + ":" + std::to_string(line) + ": " + what);
  };
  auto end_field = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    field_was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    records.push_back(std::move(record));
    record = CsvRecord{};
    record_has_content = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      if (!field.empty() || field_was_quoted) return error("quote inside an unquoted field");
      in_quotes = field_was_quoted = record_has_content = true;
    } else if (c == ',') {
      end_field();
      record_has_content = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // the \n ends the record
    } else if (c == '\n') {
      if (record_has_content || !field.empty()) end_record();
      ++line;
      record.line = line;
    } else {
      if (field_was_quoted) return error("text after a closing quote");
      field.push_back(c);
      record_has_content = true;
    }
  }
  if (in_quotes) {
    line = record.line;  // point at the record that opened the quote, not the end of the file
    return error("unterminated quoted field");
  }
  if (record_has_content || !field.empty()) end_record();
  return records;
}

Result<std::vector<CsvRecord>> ReadCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read " + path);
  return ParseCsv(buffer.str(), path);
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line.push_back(',');
    line += CsvQuote(fields[i]);
  }
  line.push_back('\n');
  return line;
}

}  // namespace linchpin::resolve
