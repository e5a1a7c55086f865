// Contacts between the entities an attribution report names (see contacts.h).
#include "report/contacts.h"

#include <algorithm>

namespace linchpin::report {

EntityResolver::EntityResolver(const CaseData& c) : case_(c) {
  for (EndpointId e = 0; e < c.endpoints.size(); ++e) endpoint_of_key_.emplace(c.endpoints[e].key, e);
  for (const Account& a : c.accounts) {
    if (a.endpoint != kNoEndpoint) endpoint_of_account_.emplace(a.id, a.endpoint);
    if (a.owner.empty()) continue;
    auto& owned = endpoints_of_owner_[a.owner];
    if (a.endpoint != kNoEndpoint) owned.push_back(a.endpoint);
    // As attribute::EntitiesForAttribution: the phone number an owned account lists is the
    // owner's too (calls name numbers, not account ids).
    if (auto phone = endpoint_of_key_.find(a.phone); !a.phone.empty() && phone != endpoint_of_key_.end()) {
      owned.push_back(phone->second);
    }
  }
}

void EntityResolver::AddAccountOrKey(std::string_view id, std::vector<EndpointId>& out) const {
  if (auto a = endpoint_of_account_.find(id); a != endpoint_of_account_.end()) {
    out.push_back(a->second);
  } else if (auto k = endpoint_of_key_.find(id); k != endpoint_of_key_.end()) {
    out.push_back(k->second);
  }
}

void EntityResolver::AddOwnedBy(std::string_view person, std::vector<EndpointId>& out) const {
  if (auto it = endpoints_of_owner_.find(person); it != endpoints_of_owner_.end()) {
    out.insert(out.end(), it->second.begin(), it->second.end());
  }
}

std::vector<EndpointId> EntityResolver::EndpointsOfName(std::string_view name) const {
  std::vector<EndpointId> out;
  AddOwnedBy(name, out);
  // EntitiesByOwner names an unowned endpoint by its key; an owned account is never its own entity.
  if (out.empty()) {
    if (auto k = endpoint_of_key_.find(name); k != endpoint_of_key_.end()) out.push_back(k->second);
  }
  return out;
}

std::vector<EndpointId> EntityResolver::EndpointsOf(const attribute::EntityRef& ref) const {
  std::vector<EndpointId> out = EndpointsOfName(ref.entity);
  for (const std::string& account : ref.accounts) AddAccountOrKey(account, out);
  for (const std::string& person : ref.persons) AddOwnedBy(person, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// ---------------------------------------------------------------------------------------------

ContactIndex::ContactIndex(const CaseData& c, const attribute::AttributionReport& report) {
  entity_of_endpoint_.assign(c.endpoints.size(), kNoIndex);
  RegisterReport(EntityResolver(c), report);
  CountEvents(c);
}

uint32_t ContactIndex::Register(const std::string& name, const std::vector<EndpointId>& endpoints) {
  auto [it, inserted] = id_of_name_.emplace(name, static_cast<uint32_t>(names_.size()));
  if (inserted) names_.push_back(name);
  for (EndpointId e : endpoints) {
    // An endpoint claimed by two entities (overlapping clusters) stays with the first: the
    // report names the first in its own order of importance (perpetrators, then handlers).
    if (e < entity_of_endpoint_.size() && entity_of_endpoint_[e] == kNoIndex) entity_of_endpoint_[e] = it->second;
  }
  return it->second;
}

void ContactIndex::RegisterReport(const EntityResolver& resolver,
                                  const attribute::AttributionReport& report) {
  auto by_ref = [&](const attribute::EntityRef& ref) { Register(ref.entity, resolver.EndpointsOf(ref)); };
  auto by_name = [&](const std::string& name) {
    if (!name.empty()) Register(name, resolver.EndpointsOfName(name));
  };
  for (const auto& incident : report.incidents) {
    for (const auto& p : incident.perpetrators) by_ref(p);
  }
  for (const auto& incident : report.incidents) {
    for (const auto& h : incident.handlers) by_ref(h.who);
    for (const auto& x : incident.introductions) {
      by_name(x.introducer);
      by_name(x.a);
      by_name(x.b);
    }
  }
  for (const auto& link : report.chain_of_command) {
    by_name(link.superior);
    by_name(link.subordinate);
  }
  for (const auto& target : report.disruption) by_ref(target.who);
}

void ContactIndex::CountEvents(const CaseData& c) {
  const EventTable& ev = c.events;
  for (size_t i = 0; i < ev.size(); ++i) {
    const uint32_t s = EntityOfEndpoint(ev.source[i]);
    if (s == kNoIndex) continue;
    const uint32_t t = EntityOfEndpoint(ev.target[i]);
    if (t == kNoIndex || t == s) continue;
    ++directed_counts_[{s, t}];
  }
}

uint32_t ContactIndex::Find(std::string_view name) const {
  auto it = id_of_name_.find(std::string(name));
  return it == id_of_name_.end() ? kNoIndex : it->second;
}

DirectedCount ContactIndex::Between(uint32_t a, uint32_t b) const {
  DirectedCount out;
  if (auto it = directed_counts_.find({a, b}); it != directed_counts_.end()) out.forward = it->second;
  if (auto it = directed_counts_.find({b, a}); it != directed_counts_.end()) out.backward = it->second;
  return out;
}

// ---------------------------------------------------------------------------------------------

std::vector<RunUpContact> RunUpContacts(const CaseData& c, const ContactIndex& index,
                                        const std::vector<uint32_t>& perpetrators, TimeMs from,
                                        TimeMs to) {
  std::vector<RunUpContact> out;
  const EventTable& ev = c.events;
  auto is_perpetrator = [&](uint32_t entity) {
    return entity != kNoIndex &&
           std::find(perpetrators.begin(), perpetrators.end(), entity) != perpetrators.end();
  };
  auto platform_class = [&](size_t row) {
    const uint16_t p = ev.platform[row];
    return p < c.platforms.size() ? c.platforms[p].cls : PlatformClass::kOther;
  };
  const size_t begin = std::lower_bound(ev.time.begin(), ev.time.end(), from) - ev.time.begin();
  for (size_t row = begin; row < ev.size() && ev.time[row] < to; ++row) {
    if (ev.target[row] == kNoEndpoint) continue;  // a post reaches no one in particular
    const uint32_t s = index.EntityOfEndpoint(ev.source[row]);
    const uint32_t t = index.EntityOfEndpoint(ev.target[row]);
    const bool source_is_perp = is_perpetrator(s), target_is_perp = is_perpetrator(t);
    if (source_is_perp == target_is_perp) continue;  // neither end, or perpetrators among themselves
    RunUpContact contact;
    contact.row = static_cast<uint32_t>(row);
    contact.time = ev.time[row];
    contact.counterpart = source_is_perp ? t : s;
    contact.to_perpetrator = target_is_perp;
    contact.platform_class = platform_class(row);
    out.push_back(contact);
  }
  return out;
}

}  // namespace linchpin::report
