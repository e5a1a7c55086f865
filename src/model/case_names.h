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

class CaseNames {
 public:
  explicit CaseNames(const CaseData& c);  // keeps a reference: `c` must outlive it

  // The name of the first of `persons` that persons.csv names; else the display name most of
  // `accounts` share (the first such on a tie, in the order given), else the first "@handle";
  // "" when the case names none of them. Ids the case does not hold are skipped.
  std::string Of(std::span<const std::string> persons, std::span<const std::string> accounts) const;

  // An id alone, as a person or as an account.
  std::string Of(const std::string& id) const { return Of({&id, 1}, {&id, 1}); }

 private:
  const CaseData& c_;
  std::unordered_map<std::string_view, uint32_t> person_of_id_, account_of_id_;
};

}  // namespace linchpin
