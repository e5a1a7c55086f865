// The entity map attribution uses by default (attribute.h): the graph engine's EntitiesByOwner,
// plus phone numbers folded into the person who owns an account listing that number.
//
// Why: events on phone platforms name E.164 numbers, which ingest keeps as phone endpoints apart
// from the accounts.csv row (account_id, phone, owner). A perpetrator's calls with a burner or
// with his mother would otherwise hang off an anonymous number instead of the person, and the
// family baseline and the burner evidence would both be lost. Only numbers whose account has an
// owner move; everything else keeps the entity EntitiesByOwner gave it.
//
// Second: an unowned account registered (accounts.csv `phone`) with a number that exactly one
// owner's account lists is that owner's — the same identity fact, seen from the account side: a
// recruit's new app account carries his own number, while its display name is often a nickname.
//
// Third, for the case's subjects only (the perpetrators of incidents.csv): an account
// with no owner whose display name equals the display name of an account the perpetrator owns,
// when no other account in the case carries that name, is the perpetrator's. Recruits open new
// app accounts under their own name, and a seized phone does not reveal every one; a name unique
// in the case is strong evidence, and restricting the rule to subjects keeps a common name from
// merging strangers; an account that writes after the subject's recorded death or arrest is not
// linked (a namesake's, or taken over). Full entity resolution (src/resolve/) supersedes the phone rule; the name
// rule also runs over a resolution (LinkSubjectAccountsByName, for the accounts it left alone),
// since resolution does not link an account on a display name alone, however unique: without
// it a perpetrator's new app account — the one a planner asked him to open — sits outside him.
#include <algorithm>
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

}  // namespace

void LinkSubjectAccountsByName(const CaseData& c, graph::EntityMap& m) {
  // Subjects, with when the case file says they died or were arrested (kNoTime: neither).
  std::unordered_map<std::string_view, TimeMs> subjects;
  for (const Incident& i : c.incidents) {
    for (const std::string& id : i.perpetrators) {
      TimeMs end = kNoTime;
      const uint32_t pi = c.FindPerson(id);
      if (pi != kNoIndex && (c.persons[pi].status == "dead" || c.persons[pi].status == "arrested")) end = c.persons[pi].status_time;
      subjects.emplace(id, end);
    }
  }
  struct Owned {
    uint32_t entity = graph::kNoVertex;
    size_t count = 0;
    TimeMs end = kNoTime;
  };
  std::unordered_map<std::string, size_t> carriers;  // name -> accounts with it
  std::unordered_map<std::string, Owned> subject_name;
  for (const Account& a : c.accounts) {
    const std::string name = NormalName(a.display_name);
    if (name.empty() || a.endpoint >= m.entity_of_endpoint.size()) continue;
    ++carriers[name];
    auto subject = a.owner.empty() ? subjects.end() : subjects.find(a.owner);
    if (subject == subjects.end()) continue;
    auto [it, inserted] = subject_name.emplace(name, Owned{m.entity_of_endpoint[a.endpoint], 0, subject->second});
    if (!inserted && it->second.entity != m.entity_of_endpoint[a.endpoint]) it->second.entity = graph::kNoVertex;  // two subjects
    ++it->second.count;
  }
  // Endpoints per entity: only an account its map left on its own moves (a resolution that
  // linked it to someone else had its reasons; over the owner map every unowned account is alone).
  std::vector<uint32_t> size(m.size(), 0);
  for (uint32_t e : m.entity_of_endpoint) {
    if (e < size.size()) ++size[e];
  }
  std::unordered_map<EndpointId, std::pair<uint32_t, TimeMs>> moves;  // endpoint -> (entity, subject's end)
  for (const Account& a : c.accounts) {
    if (!a.owner.empty() || a.endpoint >= m.entity_of_endpoint.size()) continue;
    const uint32_t own = m.entity_of_endpoint[a.endpoint];
    if (own >= size.size() || size[own] != 1) continue;
    auto it = subject_name.find(NormalName(a.display_name));
    if (it == subject_name.end() || it->second.entity == graph::kNoVertex) continue;
    if (carriers[it->first] != it->second.count + 1) continue;  // the name is not unique to them
    moves.emplace(a.endpoint, std::make_pair(it->second.entity, it->second.end));
  }
  // An account that writes more than an hour after its supposed owner died or was arrested is a
  // namesake's (or taken over): a unique name is the whole case for the link, and this refutes it.
  // One pass over the events after the earliest such end (events are in time order), only when
  // there is one.
  std::vector<TimeMs> until;  // by endpoint: last time it may write as the subject's
  TimeMs earliest = kNoTime;
  for (const auto& [endpoint, move] : moves) {
    if (move.second == kNoTime) continue;
    if (until.empty()) until.assign(c.endpoints.size(), kNoTime);
    until[endpoint] = move.second + kHourMs;
    earliest = earliest == kNoTime ? until[endpoint] : std::min(earliest, until[endpoint]);
  }
  if (!until.empty()) {
    const auto& time = c.events.time;
    for (size_t row = static_cast<size_t>(std::upper_bound(time.begin(), time.end(), earliest) - time.begin()); row < time.size(); ++row) {
      const TimeMs limit = until[c.events.source[row]];
      if (limit != kNoTime && time[row] > limit) moves.erase(c.events.source[row]);
    }
  }
  for (const auto& [endpoint, move] : moves) m.entity_of_endpoint[endpoint] = move.first;
}

graph::EntityMap EntitiesForAttribution(const CaseData& c) {
  graph::EntityMap m = graph::EntitiesByOwner(c);
  std::unordered_map<std::string_view, uint32_t> owner_of_phone;
  for (const Account& a : c.accounts) {
    if (a.phone.empty() || a.owner.empty() || a.endpoint >= m.entity_of_endpoint.size()) continue;
    owner_of_phone.emplace(a.phone, m.entity_of_endpoint[a.endpoint]);
  }
  // An unowned app or public account registered with a number that exactly one owner's account
  // lists is that owner's: registration with the number is the platform's own identity check
  // (SIM registration), and recruits open their new app accounts on their own phones. A number
  // two owners list proves nothing.
  std::unordered_map<std::string_view, uint32_t> sole_owner_of_phone;
  for (const auto& [phone, entity] : owner_of_phone) sole_owner_of_phone.emplace(phone, entity);
  for (const Account& a : c.accounts) {
    if (a.phone.empty() || a.owner.empty() || a.endpoint >= m.entity_of_endpoint.size()) continue;
    auto it = sole_owner_of_phone.find(a.phone);
    if (it != sole_owner_of_phone.end() && it->second != m.entity_of_endpoint[a.endpoint]) it->second = graph::kNoVertex;
  }
  for (const Account& a : c.accounts) {
    if (a.phone.empty() || !a.owner.empty() || a.endpoint >= m.entity_of_endpoint.size()) continue;
    if (c.endpoints[a.endpoint].kind == EndpointKind::kPhone) continue;  // the number itself: below
    auto it = sole_owner_of_phone.find(a.phone);
    if (it != sole_owner_of_phone.end() && it->second != graph::kNoVertex) m.entity_of_endpoint[a.endpoint] = it->second;
  }
  LinkSubjectAccountsByName(c, m);
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
