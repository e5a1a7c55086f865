// The entity map attribution uses by default (attribute.h): the graph engine's EntitiesByOwner,
// plus phone numbers folded into the person who owns an account listing that number.
//
// Why: events on phone platforms name E.164 numbers, which ingest keeps as phone endpoints apart
// from the accounts.csv row (account_id, phone, owner). A perpetrator's calls with a burner or
// with his mother would otherwise hang off an anonymous number instead of the person, and the
// family baseline and the burner evidence would both be lost. Only numbers whose account has an
// owner move; everything else keeps the entity EntitiesByOwner gave it.
#include <unordered_map>

#include "attribute/attribute.h"

namespace linchpin::attribute {

graph::EntityMap EntitiesForAttribution(const CaseData& c) {
  graph::EntityMap m = graph::EntitiesByOwner(c);
  std::unordered_map<std::string_view, uint32_t> owner_of_phone;
  for (const Account& a : c.accounts) {
    if (a.phone.empty() || a.owner.empty() || a.endpoint >= m.entity_of_endpoint.size()) continue;
    owner_of_phone.emplace(a.phone, m.entity_of_endpoint[a.endpoint]);
  }
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
