// The case's contacts between the entities an attribution report names — what the report's charts
// draw. The report gets entity *names* (as graph::EntitiesByOwner makes them) and EntityRefs; this
// file maps them back to endpoints and reads the events:
//   - ContactIndex: every entity the report names, with the directed event count between each two
//     of them over the whole case (one pass over the events; O(E) time, O(named endpoints) memory
//     beyond the case). Edge widths in the link charts come from here.
//   - RunUpContacts: the events of one incident's perpetrators in a window around the incident
//     (binary search into the time-sorted events, then a scan of the window only). The timelines
//     come from here.
// Pure: reads a CaseData, returns values.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "attribute/attribution.h"
#include "model/case.h"

namespace linchpin::report {

// The endpoints behind an entity, by the rule attribute::EntitiesForAttribution names entities
// with: a person id stands for the accounts it owns and the phone numbers those accounts list; any
// other name for the endpoint with that key. An EntityRef's
// own accounts (account ids or endpoint keys) and persons are added to what its name resolves to.
class EntityResolver {
 public:
  explicit EntityResolver(const CaseData& c);
  std::vector<EndpointId> EndpointsOf(const attribute::EntityRef& ref) const;
  std::vector<EndpointId> EndpointsOfName(std::string_view name) const;

 private:
  void AddAccountOrKey(std::string_view id, std::vector<EndpointId>& out) const;
  void AddOwnedBy(std::string_view person, std::vector<EndpointId>& out) const;

  const CaseData& case_;
  std::unordered_map<std::string_view, EndpointId> endpoint_of_key_;
  std::unordered_map<std::string_view, EndpointId> endpoint_of_account_;
  std::unordered_map<std::string_view, std::vector<EndpointId>> endpoints_of_owner_;
};

struct DirectedCount {
  uint32_t forward = 0;   // a -> b
  uint32_t backward = 0;  // b -> a
  uint32_t total() const { return forward + backward; }
};

class ContactIndex {
 public:
  // Registers every entity `report` names and counts the case's events between them.
  ContactIndex(const CaseData& c, const attribute::AttributionReport& report);

  // The dense id of a named entity, or kNoIndex.
  uint32_t Find(std::string_view name) const;
  // The named entity an endpoint belongs to, or kNoIndex (the endpoint of nobody in the report).
  uint32_t EntityOfEndpoint(EndpointId e) const {
    return e < entity_of_endpoint_.size() ? entity_of_endpoint_[e] : kNoIndex;
  }
  const std::string& name(uint32_t entity) const { return names_[entity]; }
  // Events between a and b in both directions, over the whole case.
  DirectedCount Between(uint32_t a, uint32_t b) const;

 private:
  uint32_t Register(const std::string& name, const std::vector<EndpointId>& endpoints);
  void RegisterReport(const EntityResolver& resolver, const attribute::AttributionReport& report);
  void CountEvents(const CaseData& c);

  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t> id_of_name_;
  std::vector<uint32_t> entity_of_endpoint_;
  std::map<std::pair<uint32_t, uint32_t>, uint32_t> directed_counts_;
};

// One contact event of a perpetrator in the run-up window.
struct RunUpContact {
  uint32_t row = 0;                // EventTable row
  TimeMs time = kNoTime;
  uint32_t counterpart = kNoIndex; // ContactIndex entity, or kNoIndex for someone the report doesn't name
  bool to_perpetrator = false;     // true when the counterpart contacted the perpetrator
  PlatformClass platform_class = PlatformClass::kOther;
};

// Events in [from, to) with a perpetrator at one end and someone else (not a co-perpetrator) at
// the other, in time order.
std::vector<RunUpContact> RunUpContacts(const CaseData& c, const ContactIndex& index,
                                        const std::vector<uint32_t>& perpetrators, TimeMs from,
                                        TimeMs to);

}  // namespace linchpin::report
