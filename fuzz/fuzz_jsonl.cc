// Fuzzes the JSON Lines reader: any bytes must give rows, bad rows or kEnd — never a crash. The
// first input byte picks the refill size and the line limit.
//
// Two oracles:
// - reading in small refills must give exactly what reading the whole input in one refill
//   gives (rows, columns, lines, messages);
// - each line, parsed again as a DOM by nlohmann (a different path through the library from
//   the reader's SAX handler), must agree: an acceptable object is a row whose fields match it,
//   anything else is a bad row.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ingest/jsonl_reader.h"

namespace {

using namespace linchpin;

struct Outcome {
  ReadOutcome kind;
  uint64_t line;
  uint32_t column;
  std::string message;
  std::vector<std::string> fields;
  std::vector<bool> present;
  size_t column_count;
  bool operator==(const Outcome&) const = default;
};

using Json = nlohmann::ordered_json;

bool IsScalar(const Json& value) { return !value.is_object() && !value.is_array(); }

// What the reader must accept: an object whose values are scalars or arrays of scalars.
bool Acceptable(const Json& document) {
  if (!document.is_object()) return false;
  for (const auto& [key, value] : document.items()) {
    if (value.is_object()) return false;
    if (value.is_array()) {
      for (const Json& item : value) {
        if (!IsScalar(item)) return false;
      }
    }
  }
  return true;
}

// The reader's row for `line` must hold exactly the document's values.
void CheckRowAgainstDom(std::string_view line, const Row& row,
                        const std::vector<std::string>& columns) {
  const Json document = Json::parse(line.begin(), line.end(), nullptr, false);
  if (document.is_discarded() || !Acceptable(document)) __builtin_trap();
  size_t present = 0;
  for (const auto& [key, value] : document.items()) {
    size_t column = 0;
    while (column < columns.size() && columns[column] != key) ++column;
    if (column == columns.size()) __builtin_trap();
    const bool absent =
        value.is_null() ||
        (value.is_array() &&
         std::all_of(value.begin(), value.end(), [](const Json& item) { return item.is_null(); }));
    if (row.present[column] == absent) __builtin_trap();
    present += !absent;
    const std::string_view field = row.fields[column];
    if (value.is_string() && field != value.get<std::string>()) __builtin_trap();
    if (value.is_boolean() && field != (value.get<bool>() ? "true" : "false")) __builtin_trap();
    if ((value.is_number_integer() || value.is_number_unsigned()) && field != value.dump()) {
      __builtin_trap();
    }
  }
  if (present != static_cast<size_t>(std::count(row.present.begin(), row.present.end(), true))) {
    __builtin_trap();
  }
}

std::vector<Outcome> ReadAll(const std::string& text, ReaderLimits limits, size_t read_bytes) {
  std::vector<Outcome> outcomes;
  JsonLinesReader reader(MemoryBytes(text), limits, read_bytes);
  Row row;
  RowError error;
  for (;;) {
    Result<ReadOutcome> outcome = reader.Next(row, error);
    if (!outcome.ok()) __builtin_trap();
    if (*outcome == ReadOutcome::kEnd) break;
    if (*outcome == ReadOutcome::kRow) {
      if (row.fields.size() != reader.columns().size()) __builtin_trap();
      if (row.present.size() != row.fields.size()) __builtin_trap();
      for (size_t i = 0; i < row.fields.size(); ++i) {
        if (!row.present[i] && !row.fields[i].empty()) __builtin_trap();
      }
      CheckRowAgainstDom(row.raw, row, reader.columns());
      outcomes.push_back({*outcome,
                          row.line,
                          0,
                          {},
                          {row.fields.begin(), row.fields.end()},
                          row.present,
                          reader.columns().size()});
    } else {
      if (error.message.empty()) __builtin_trap();
      if (!error.raw.empty()) {  // a line the reader refused must not be an acceptable object
        const Json document = Json::parse(error.raw.begin(), error.raw.end(), nullptr, false);
        if (!document.is_discarded() && Acceptable(document)) __builtin_trap();
      }
      outcomes.push_back(
          {*outcome, error.line, error.column, error.message, {}, {}, reader.columns().size()});
    }
  }
  if (reader.bytes_consumed() != text.size()) __builtin_trap();
  return outcomes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t read_bytes = 1 + (data[0] & 0x3F);
  const ReaderLimits limits{(data[0] & 0x40) ? size_t{24} : size_t{64} << 10};
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (ReadAll(text, limits, read_bytes) != ReadAll(text, limits, text.size() + 16)) {
    __builtin_trap();
  }
  return 0;
}
