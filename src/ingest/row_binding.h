// RowBinding: which column of an input file holds each canonical field of a record kind, found
// once per header (or per growth of a JSON Lines key set). `--map time=Datetime` renames; the
// columns no canonical field claims are kept as the row's attributes (a JSON object).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "ingest/record_source.h"

namespace linchpin {

enum class RecordKind;

enum class Field {
  kPlatform, kPlatformClass,
  kPersonId, kName, kAliases, kBorn, kNationality, kLanguages, kStatus, kStatusTime,
  kAccountId, kHandle, kDisplayName, kPhone, kEmail, kOwner, kCreated, kClosed, kClosedReason,
  kTime, kKind, kSource, kTarget, kDuration, kSize, kContentHash,
  kIncidentId, kPlace, kCountry, kPerpetrators,
  kSince, kUntil, kEvidence,
  kCount
};

struct FieldSpec {
  Field field;
  std::string_view name;  // the canonical column name
  bool required;
};
// The canonical columns of a kind, in contract order (docs/formats.md).
const std::vector<FieldSpec>& FieldsOf(RecordKind kind);

class RowBinding {
 public:
  // `defaulted`: required fields the caller has a default for (--event-kind), so a file may
  // lack their column.
  static Result<RowBinding> Resolve(RecordKind kind, const std::vector<std::string>& columns,
                                    const std::vector<std::pair<std::string, std::string>>& map,
                                    const std::vector<Field>& defaulted = {});

  // The field's value in `row`, or "" when the file has no such column or the key was absent.
  std::string_view Get(const Row& row, Field f) const {
    const int i = index_[static_cast<size_t>(f)];
    if (i < 0 || static_cast<size_t>(i) >= row.fields.size()) return {};
    if (!row.present.empty() && !row.present[static_cast<size_t>(i)]) return {};
    return row.fields[static_cast<size_t>(i)];
  }
  int Index(Field f) const { return index_[static_cast<size_t>(f)]; }  // 0-based, -1 when absent
  uint32_t ColumnNumber(Field f) const {  // 1-based, 0 when absent
    return static_cast<uint32_t>(index_[static_cast<size_t>(f)] + 1);
  }
  std::string ColumnName(uint32_t column_number) const {
    return column_number > 0 && column_number <= columns_.size() ? columns_[column_number - 1] : "";
  }
  // The non-empty values of the unclaimed columns as {"col":"value",...}, or "" when none.
  // Inline for the common file without extra columns (the events hot path calls it per row).
  std::string ExtraAsJson(const Row& row) const { return extra_.empty() ? std::string() : ExtraColumnsJson(row); }

 private:
  std::string ExtraColumnsJson(const Row& row) const;

  std::vector<int> index_ = std::vector<int>(static_cast<size_t>(Field::kCount), -1);
  std::vector<std::string> columns_;
  std::vector<std::pair<size_t, std::string>> extra_;  // column index, its JSON-escaped key
};

// Appends `s` to `out` as the body of a JSON string (quotes not included).
void AppendJsonEscaped(std::string& out, std::string_view s);

}  // namespace linchpin
