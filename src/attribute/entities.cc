// The entity map attribution uses by default (attribute.h): the graph engine's EntitiesByOwner,
// plus phone numbers folded into the person who owns an account listing that number.
//
// Why: events on phone platforms name E.164 numbers, which ingest keeps as phone endpoints apart
// from the accounts.csv row (account_id, phone, owner). A perpetrator's calls with a burner or
// with his mother would otherwise hang off an anonymous number instead of the person, and the
// family baseline and the burner evidence would both be lost. Only numbers whose account has an
// owner move; everything else keeps the entity EntitiesByOwner gave it.
//
// Second addition, for the case's subjects only (the perpetrators of incidents.csv): an account
// with no owner whose display name equals the display name of an account the perpetrator owns,
// when no other account in the case carries that name, is the perpetrator's. Recruits open new
// app accounts under their own name, and a seized phone does not reveal every one; a name unique
// in the case is strong evidence, and restricting the rule to subjects keeps a common name from
// merging strangers. Full entity resolution (src/resolve/) supersedes both rules.
#include <set>
#include <unordered_map>

#include "attribute/attribute.h"
#include "common/strings.h"

namespace linchpin::attribute {
namespace {

// Lower case, single spaces, no spaces at the ends: "  Paul  Wagner" -> "paul wagner".
std::string NormalName(std::string_view name) {
  std::string out;
  for (char ch : AsciiLower(TrimSpace(name))) {
    if (ch == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += ch;
  }
  return out;
}

void LinkSubjectAccounts(const CaseData& c, graph::EntityMap& m) {
  std::set<std::string_view> subjects;
  for (const Incident& i : c.incidents) subjects.insert(i.perpetrators.begin(), i.perpetrators.end());
  std::unordered_map<std::string, size_t> carriers;           // name -> accounts with it
  std::unordered_map<std::string, std::pair<uint32_t, size_t>> subject_name;  // name -> (entity, owned count)
  for (const Account& a : c.accounts) {
    const std::string name = NormalName(a.display_name);
    if (name.empty() || a.endpoint >= m.entity_of_endpoint.size()) continue;
    ++carriers[name];
    if (a.owner.empty() || !subjects.count(a.owner)) continue;
    auto [it, inserted] = subject_name.emplace(name, std::make_pair(m.entity_of_endpoint[a.endpoint], 0));
    if (!inserted && it->second.first != m.entity_of_endpoint[a.endpoint]) it->second.first = graph::kNoVertex;  // two subjects
    ++it->second.second;
  }
  for (const Account& a : c.accounts) {
    if (!a.owner.empty() || a.endpoint >= m.entity_of_endpoint.size()) continue;
    auto it = subject_name.find(NormalName(a.display_name));
    if (it == subject_name.end() || it->second.first == graph::kNoVertex) continue;
    if (carriers[it->first] != it->second.second + 1) continue;  // the name is not unique to them
    m.entity_of_endpoint[a.endpoint] = it->second.first;
  }
}

}  // namespace

graph::EntityMap EntitiesForAttribution(const CaseData& c) {
  graph::EntityMap m = graph::EntitiesByOwner(c);
  std::unordered_map<std::string_view, uint32_t> owner_of_phone;
  for (const Account& a : c.accounts) {
    if (a.phone.empty() || a.owner.empty() || a.endpoint >= m.entity_of_endpoint.size()) continue;
    owner_of_phone.emplace(a.phone, m.entity_of_endpoint[a.endpoint]);
  }
  LinkSubjectAccounts(c, m);
  if (owner_of_phone.empty()) return m;
  // The moved numbers' own entities stay in the map with no endpoint: ids of other entities
  // must not shift, and an entity without endpoints has no pairs, so no analysis sees it.
  for (EndpointId e = 0; e < c.endpoints.size(); ++e) {
    if (c.endpoints[e].kind != EndpointKind::kPhone) continue;
    auto it = owner_of_phone.find(c.endpoints[e].key);
    if (it != owner_of_phone.end() && it->second != graph::kNoVertex) m.entity_of_endpoint[e] = it->second;
  }
  return m;
}

}  // namespace linchpin::attribute
