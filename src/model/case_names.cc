#include "model/case_names.h"

#include <algorithm>
#include <vector>

namespace linchpin {

CaseNames::CaseNames(const CaseData& c) : c_(c) {
  person_of_id_.reserve(c.persons.size());
  account_of_id_.reserve(c.accounts.size());
  for (uint32_t i = 0; i < c.persons.size(); ++i) person_of_id_.emplace(c.persons[i].id, i);
  for (uint32_t i = 0; i < c.accounts.size(); ++i) account_of_id_.emplace(c.accounts[i].id, i);
}

std::string CaseName(const CaseData& c, std::span<const uint32_t> person_rows, std::span<const uint32_t> account_rows) {
  for (uint32_t p : person_rows) {
    if (!c.persons[p].name.empty()) return c.persons[p].name;
  }
  // Accounts of one entity usually show one name; the most common is what the others corroborate
  // (a subscriber name written "DURAND, Camille" beside two apps saying "Camille Durand").
  std::vector<std::pair<std::string_view, int>> display_names;
  std::string_view handle;
  for (uint32_t row : account_rows) {
    const Account& a = c.accounts[row];
    if (handle.empty()) handle = a.handle;
    if (a.display_name.empty()) continue;
    auto same = std::find_if(display_names.begin(), display_names.end(), [&](const auto& d) { return d.first == a.display_name; });
    if (same == display_names.end()) {
      display_names.emplace_back(a.display_name, 1);
    } else {
      ++same->second;
    }
  }
  if (!display_names.empty()) {
    auto best = display_names.begin();
    for (auto it = display_names.begin(); it != display_names.end(); ++it) {
      if (it->second > best->second) best = it;
    }
    return std::string(best->first);
  }
  return handle.empty() ? "" : "@" + std::string(handle);
}

std::string CaseNames::Of(std::span<const std::string> persons, std::span<const std::string> accounts) const {
  std::vector<uint32_t> person_rows, account_rows;
  for (const std::string& id : persons) {
    if (auto it = person_of_id_.find(id); it != person_of_id_.end()) person_rows.push_back(it->second);
  }
  for (const std::string& id : accounts) {
    if (auto it = account_of_id_.find(id); it != account_of_id_.end()) account_rows.push_back(it->second);
  }
  return CaseName(c_, person_rows, account_rows);
}

}  // namespace linchpin
