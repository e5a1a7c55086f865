// Fuzzes the CSV reader: any bytes must give rows, bad rows or a clean error Status — never a
// crash, a hang or a read outside the buffer. The first input byte picks the refill size and the
// record limit, so records straddle refills and hit the oversized-record path.
//
// Two oracles:
// - the same input read in one refill (the whole input in the buffer) must give exactly the
//   same rows, lines and messages as when read in small refills: refill boundaries are where a
//   streaming parser goes wrong;
// - ReferenceParse, a plain byte-at-a-time RFC 4180 parser of the whole input written to be
//   obviously right rather than fast, must agree on every record: which are well formed, their
//   fields and their first lines.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/csv_reader.h"

namespace {

using namespace linchpin;

struct Outcome {
  ReadOutcome kind;
  uint64_t line;
  uint32_t column;
  std::string message;
  std::vector<std::string> fields;
  std::string raw;
  bool operator==(const Outcome&) const = default;
};

// Reads everything; the header (or the open error) comes first.
std::vector<Outcome> ReadAll(const std::string& text, ReaderLimits limits, size_t read_bytes) {
  std::vector<Outcome> outcomes;
  auto reader = CsvReader::Open(MemoryBytes(text), limits, read_bytes);
  if (!reader.ok()) {
    outcomes.push_back({ReadOutcome::kEnd, 0, 0, reader.status().message(), {}, {}});
    return outcomes;
  }
  const std::vector<std::string>& columns = (*reader)->columns();
  outcomes.push_back({ReadOutcome::kEnd, 1, 0, "header", columns, {}});
  Row row;
  RowError error;
  for (;;) {
    Result<ReadOutcome> outcome = (*reader)->Next(row, error);
    if (!outcome.ok()) __builtin_trap();  // memory never fails to read
    if (*outcome == ReadOutcome::kEnd) break;
    if (*outcome == ReadOutcome::kRow) {
      // Invariants a caller relies on: the field count matches and every field is valid UTF-8.
      if (row.fields.size() != columns.size()) __builtin_trap();
      for (std::string_view field : row.fields) {
        if (FindInvalidUtf8(field)) __builtin_trap();
      }
      if (row.raw.size() > limits.max_record_bytes) __builtin_trap();
      outcomes.push_back({*outcome,
                          row.line,
                          0,
                          {},
                          {row.fields.begin(), row.fields.end()},
                          std::string(row.raw)});
    } else {
      if (error.message.empty()) __builtin_trap();
      outcomes.push_back(
          {*outcome, error.line, error.column, error.message, {}, std::string(error.raw)});
    }
  }
  if ((*reader)->bytes_consumed() != text.size()) __builtin_trap();
  return outcomes;
}

// One record as the reference sees it.
struct ReferenceRecord {
  std::vector<std::string> fields;
  bool well_formed = true;
  uint64_t line = 0;
};

bool EndsRecordAt(std::string_view s, size_t i) {  // LF, or a CR before LF or end of input
  return s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] == '\n'));
}

std::vector<ReferenceRecord> ReferenceParse(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  std::vector<ReferenceRecord> records;
  size_t i = 0;
  uint64_t line = 1;
  while (i < s.size()) {
    ReferenceRecord record;
    record.line = line;
    const size_t start = i;
    for (;;) {  // one field per pass
      std::string field;
      if (i < s.size() && s[i] == '"') {
        ++i;
        bool closed = false;
        while (i < s.size() && !closed) {
          if (s[i] == '"' && i + 1 < s.size() && s[i + 1] == '"') {
            field += '"';
            i += 2;
          } else if (s[i] == '"') {
            closed = true;
            ++i;
          } else {
            field += s[i++];
          }
        }
        if (!closed) record.well_formed = false;
        // Anything between the closing quote and the field's end makes the record malformed.
        while (i < s.size() && s[i] != ',' && !EndsRecordAt(s, i)) {
          record.well_formed = false;
          ++i;
        }
      } else {
        while (i < s.size() && s[i] != ',' && !EndsRecordAt(s, i)) {
          if (s[i] == '"' || s[i] == '\r') record.well_formed = false;
          field += s[i++];
        }
      }
      record.fields.push_back(std::move(field));
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    const bool blank = i == start;
    if (i < s.size() && s[i] == '\r') ++i;
    if (i < s.size() && s[i] == '\n') ++i;
    for (size_t k = start; k < i; ++k) line += s[k] == '\n';
    if (!blank) records.push_back(std::move(record));
  }
  return records;
}

bool AllValidUtf8(const std::vector<std::string>& fields) {
  for (const std::string& field : fields) {
    if (FindInvalidUtf8(field)) return false;
  }
  return true;
}

// With no record over the limit, the reader must say exactly what the reference says.
void CheckAgainstReference(const std::string& text, const std::vector<Outcome>& outcomes) {
  const std::vector<ReferenceRecord> records = ReferenceParse(text);
  if (records.empty()) {
    if (outcomes.size() != 1 || outcomes[0].message != "empty file (no header row)") {
      __builtin_trap();
    }
    return;
  }
  const ReferenceRecord& header = records[0];
  const bool header_ok = header.well_formed && AllValidUtf8(header.fields);
  if (header_ok != (outcomes[0].message == "header")) __builtin_trap();
  if (!header_ok) return;
  if (outcomes[0].fields != header.fields) __builtin_trap();
  if (outcomes.size() != records.size()) __builtin_trap();
  for (size_t i = 1; i < records.size(); ++i) {
    const ReferenceRecord& expected = records[i];
    const Outcome& got = outcomes[i];
    const bool row_ok = expected.well_formed && AllValidUtf8(expected.fields) &&
                        expected.fields.size() == header.fields.size();
    if (got.line != expected.line) __builtin_trap();
    if (row_ok != (got.kind == ReadOutcome::kRow)) __builtin_trap();
    if (row_ok && got.fields != expected.fields) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t read_bytes = 1 + (data[0] & 0x3F);
  const ReaderLimits limits{(data[0] & 0x40) ? size_t{16} : size_t{64} << 10};
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::vector<Outcome> streamed = ReadAll(text, limits, read_bytes);
  const std::vector<Outcome> whole = ReadAll(text, limits, text.size() + 16);
  if (streamed != whole) __builtin_trap();
  if (text.size() <= limits.max_record_bytes) CheckAgainstReference(text, whole);
  return 0;
}
