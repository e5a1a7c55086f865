// What the case calls an entity, for the people reading a table, a chart or a report: a person's
// name from persons.csv, else the display name (or @handle) its accounts carry in accounts.csv.
// Ids stay the key everywhere (JSON, CSV, evidence); a name is only ever shown beside its id,
// since two people can share one.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "model/case.h"

namespace linchpin {

// The name of rows of persons.csv and accounts.csv (indices into CaseData::persons and
// ::accounts): the first of `person_rows` with a name; else the display name most of
// `account_rows` share (the first such on a tie, in the order given), else the first "@handle";
// "" when none. No index is built, so callers that hold rows pay nothing per case.
std::string CaseName(const CaseData& c, std::span<const uint32_t> person_rows, std::span<const uint32_t> account_rows);

// CaseName() by ingested ids, through an index of every person and account id.
class CaseNames {
 public:
  explicit CaseNames(const CaseData& c);  // keeps a reference: `c` must outlive it

  // CaseName() of these ids; ids the case does not hold are skipped.
  std::string Of(std::span<const std::string> persons, std::span<const std::string> accounts) const;

  // An id alone, as a person or as an account.
  std::string Of(const std::string& id) const { return Of({&id, 1}, {&id, 1}); }

 private:
  const CaseData& c_;
  std::unordered_map<std::string_view, uint32_t> person_of_id_, account_of_id_;
};

}  // namespace linchpin
