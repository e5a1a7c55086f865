// Resolution -> graph::EntityMap. See entity_map.h.
#include "resolve/linking/entity_map.h"

#include "resolve/linking/features.h"

namespace linchpin::resolve {
namespace {

graph::EntityKind EndpointEntityKind(EndpointKind k) {
  switch (k) {
    case EndpointKind::kAccount: return graph::EntityKind::kAccount;
    case EndpointKind::kPhone: return graph::EntityKind::kPhone;
    case EndpointKind::kChannel: return graph::EntityKind::kChannel;
    case EndpointKind::kOpaque: break;
  }
  return graph::EntityKind::kOpaque;
}

}  // namespace

graph::EntityMap ToEntityMap(const CaseData& c, const Resolution& r) {
  graph::EntityMap m;
  m.entity_of_endpoint.assign(c.endpoints.size(), graph::kNoVertex);
  const std::vector<uint32_t> account_of = EndpointAccounts(c);
  std::vector<uint32_t> vertex_of_entity(r.entities.size(), graph::kNoVertex);
  auto add = [&](std::string name, graph::EntityInfo info) {
    m.names.push_back(std::move(name));
    m.info.push_back(info);
    return m.size() - 1;
  };
  for (EndpointId e = 0; e < c.endpoints.size(); ++e) {
    const uint32_t account = account_of[e];
    const ResolvedEntity* entity = account == kNoIndex ? nullptr : &r.entities[r.entity_of_account[account]];
    const bool merged = entity && (entity->accounts.size() + entity->persons.size() > 1);
    if (!merged) {
      m.entity_of_endpoint[e] = add(c.endpoints[e].key, {EndpointEntityKind(c.endpoints[e].kind), kNoIndex});
      continue;
    }
    uint32_t& vertex = vertex_of_entity[r.entity_of_account[account]];
    if (vertex == graph::kNoVertex) {
      vertex = add(entity->name, {graph::EntityKind::kCluster, entity->persons.empty() ? kNoIndex : entity->persons.front()});
    }
    m.entity_of_endpoint[e] = vertex;
  }
  return m;
}

}  // namespace linchpin::resolve
