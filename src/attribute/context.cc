// The attribution Context: indexes built once per run (entities by name, relations between
// entities, when each endpoint was opened, rows by content hash, accounts by phone) and the small
// helpers every rule shares (the events of a tie in time order, neighbours, citations with
// provenance). Each index is one linear pass over the case, so a 100M-event case pays ~2 s in
// total, independent of the incident count.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "attribute/internal.h"
#include "model/case_names.h"

namespace linchpin::attribute::internal {
namespace {

constexpr VertexId kAmbiguousName = kNoVertex - 1;

uint64_t PairKey(VertexId a, VertexId b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | b;
}

}  // namespace

Context::Context(const CaseData& data, const TemporalGraph& graph) : c(data), tg(graph) {
  if (c.events.size() > 0) {
    first_event = c.events.time.front();
    last_event = c.events.time.back();
  }
  IndexNames();
  IndexRelations();
  IndexContent();
  IndexEndpointTimes();
  IndexChannels();
  for (uint32_t a = 0; a < c.accounts.size(); ++a) {
    if (!c.accounts[a].phone.empty()) accounts_by_phone_.emplace_back(c.accounts[a].phone, a);
  }
  std::sort(accounts_by_phone_.begin(), accounts_by_phone_.end());
}

void Context::IndexNames() {
  entity_by_name_.reserve(tg.num_entities());
  for (VertexId v = 0; v < tg.num_entities(); ++v) {
    auto [it, inserted] = entity_by_name_.emplace(tg.name(v), v);
    if (!inserted) it->second = kAmbiguousName;
  }
}

Result<VertexId> Context::FindEntity(std::string_view name) const {
  auto it = entity_by_name_.find(name);
  if (it == entity_by_name_.end()) return Status::NotFound("no entity named '" + std::string(name) + "'");
  if (it->second == kAmbiguousName) return tg.FindEntity(name);  // the graph's own error
  return it->second;
}

void Context::IndexRelations() {
  for (const Relation& r : c.relations) {
    auto a = FindEntity(r.source);
    auto b = FindEntity(r.target);
    if (!a.ok() || !b.ok() || *a == *b) continue;
    relations_.emplace(PairKey(*a, *b), r.kind);
  }
}

void Context::IndexContent() {
  if (!HasContent()) return;
  const auto& content = c.events.content;
  content_offsets_.assign(c.content_hashes.size() + 1, 0);
  for (uint32_t k : content) {
    if (k != kNoIndex && k < c.content_hashes.size()) ++content_offsets_[k + 1];
  }
  for (size_t i = 1; i < content_offsets_.size(); ++i) content_offsets_[i] += content_offsets_[i - 1];
  content_rows_.resize(content_offsets_.back());
  std::vector<uint64_t> next(content_offsets_.begin(), content_offsets_.end() - 1);
  // Rows ascend, so each hash's rows come out in time order.
  for (uint32_t row = 0; row < content.size(); ++row) {
    const uint32_t k = content[row];
    if (k != kNoIndex && k < c.content_hashes.size()) content_rows_[next[k]++] = row;
  }
}

void Context::IndexEndpointTimes() {
  opened_.assign(c.endpoints.size(), kNoTime);
  const EventTable& ev = c.events;
  // Events are time-sorted: the first time an endpoint is seen is its first event.
  for (size_t row = 0; row < ev.size(); ++row) {
    TimeMs& s = opened_[ev.source[row]];
    if (s == kNoTime) s = ev.time[row];
    if (ev.target[row] != kNoEndpoint) {
      TimeMs& t = opened_[ev.target[row]];
      if (t == kNoTime) t = ev.time[row];
    }
  }
  for (const Account& a : c.accounts) {
    if (a.endpoint < opened_.size() && a.created != kNoTime) {
      TimeMs& o = opened_[a.endpoint];
      o = o == kNoTime ? a.created : std::min(o, a.created);
    }
  }
}

void Context::IndexChannels() {
  const uint16_t inbound_only = (1u << static_cast<unsigned>(EventKind::kPost)) | (1u << static_cast<unsigned>(EventKind::kJoin));
  channel_.assign(tg.num_entities(), false);
  for (VertexId v = 0; v < tg.num_entities(); ++v) {
    if (tg.entities().info[v].kind == graph::EntityKind::kChannel) {
      channel_[v] = true;
      continue;
    }
    if (tg.out_begin(v) != tg.out_end(v) || tg.in_pairs(v).empty()) continue;
    bool only = true;
    for (PairId p : tg.in_pairs(v)) only &= (tg.pair_kind_mask(p) & ~inbound_only) == 0;
    channel_[v] = only;
  }
}

bool Context::PairHasClass(PairId p, PlatformClass cls) const {
  const uint64_t mask = tg.pair_platform_mask(p);
  for (size_t i = 0; i < c.platforms.size() && i < 63; ++i) {
    if ((mask >> i & 1) && c.platforms[i].cls == cls) return true;
  }
  if (mask >> 63 & 1) {
    for (uint32_t row : tg.pair_events(p)) {
      if (ClassOfRow(row) == cls) return true;
    }
  }
  return false;
}

std::vector<Contact> Context::Between(VertexId a, VertexId b) const {
  std::vector<Contact> out;
  const PairId ab = tg.FindPair(a, b), ba = tg.FindPair(b, a);
  const auto& time = c.events.time;
  if (ab != graph::kNoPair) {
    for (uint32_t row : tg.pair_events(ab)) out.push_back({row, time[row], true});
  }
  if (ba != graph::kNoPair) {
    for (uint32_t row : tg.pair_events(ba)) out.push_back({row, time[row], false});
  }
  std::sort(out.begin(), out.end(), [](const Contact& x, const Contact& y) {
    return x.time != y.time ? x.time < y.time : x.row < y.row;
  });
  return out;
}

std::vector<VertexId> Context::Neighbours(VertexId u) const {
  std::vector<VertexId> out;
  for (PairId p = tg.out_begin(u); p < tg.out_end(u); ++p) out.push_back(tg.pair_target(p));
  for (PairId p : tg.in_pairs(u)) out.push_back(tg.pair_source(p));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove(out.begin(), out.end(), u), out.end());
  return out;
}

TimeMs Context::FirstContact(VertexId a, VertexId b) const {
  TimeMs first = kNoTime;
  for (PairId p : {tg.FindPair(a, b), tg.FindPair(b, a)}) {
    if (p == graph::kNoPair) continue;
    if (first == kNoTime || tg.pair_first(p) < first) first = tg.pair_first(p);
  }
  return first;
}

const std::string* Context::RelationBetween(VertexId a, VertexId b) const {
  auto it = relations_.find(PairKey(a, b));
  return it == relations_.end() ? nullptr : &it->second;
}

VertexId Context::ChannelAdmin(VertexId channel) const {
  if (!IsChannel(channel)) return kNoVertex;
  const uint16_t post = 1u << static_cast<unsigned>(EventKind::kPost);
  VertexId best = kNoVertex;
  uint32_t best_count = 0;
  for (PairId p : tg.in_pairs(channel)) {
    if (!(tg.pair_kind_mask(p) & post)) continue;
    uint32_t posts = 0;
    for (uint32_t row : tg.pair_events(p)) posts += c.events.kind[row] == EventKind::kPost;
    if (posts > best_count) {
      best_count = posts;
      best = tg.pair_source(p);
    }
  }
  return best;
}

TimeMs Context::OpenedAt(EndpointId e) const { return e < opened_.size() ? opened_[e] : kNoTime; }

std::span<const uint32_t> Context::RowsWithContent(uint32_t content) const {
  if (content == kNoIndex || content + 1 >= content_offsets_.size()) return {};
  return {content_rows_.data() + content_offsets_[content], content_rows_.data() + content_offsets_[content + 1]};
}

Context::EntityRecords Context::RecordsOf(VertexId v) const {
  EntityRecords r;
  const graph::EntityInfo& info = tg.entities().info[v];
  if (info.kind == graph::EntityKind::kPerson) r.persons.push_back(tg.name(v));
  for (EndpointId e : tg.entities().EndpointsOf(v)) {
    const Endpoint& ep = c.endpoints[e];
    if (ep.kind == EndpointKind::kAccount && ep.account < c.accounts.size()) {
      r.accounts.push_back(ep.account);
      const std::string& owner = c.accounts[ep.account].owner;
      if (!owner.empty() && std::find(r.persons.begin(), r.persons.end(), owner) == r.persons.end()) {
        r.persons.push_back(owner);
      }
    } else {
      r.other_keys.push_back(ep.key);
    }
    // A phone endpoint stands for the accounts.csv rows that list its number.
    if (ep.kind != EndpointKind::kPhone) continue;
    auto it = std::lower_bound(accounts_by_phone_.begin(), accounts_by_phone_.end(), std::make_pair(std::string_view(ep.key), uint32_t{0}));
    for (; it != accounts_by_phone_.end() && it->first == ep.key; ++it) r.accounts.push_back(it->second);
  }
  // In id order, once each, as Ref lists them.
  std::sort(r.accounts.begin(), r.accounts.end(), [&](uint32_t a, uint32_t b) {
    return c.accounts[a].id != c.accounts[b].id ? c.accounts[a].id < c.accounts[b].id : a < b;
  });
  r.accounts.erase(std::unique(r.accounts.begin(), r.accounts.end()), r.accounts.end());
  return r;
}

EntityRef Context::Ref(VertexId v) const {
  EntityRecords records = RecordsOf(v);
  EntityRef ref;
  ref.entity = tg.name(v);
  ref.persons = std::move(records.persons);
  for (uint32_t a : records.accounts) ref.accounts.push_back(c.accounts[a].id);
  ref.accounts.insert(ref.accounts.end(), records.other_keys.begin(), records.other_keys.end());
  std::sort(ref.accounts.begin(), ref.accounts.end());
  ref.accounts.erase(std::unique(ref.accounts.begin(), ref.accounts.end()), ref.accounts.end());
  return ref;
}

std::string Context::Label(VertexId v) const {
  const EntityRecords records = RecordsOf(v);
  std::vector<uint32_t> person_rows;
  for (const std::string& id : records.persons) {
    if (const uint32_t p = c.FindPerson(id); p != kNoIndex) person_rows.push_back(p);
  }
  return CaseName(c, person_rows, records.accounts);
}

EventRef Context::Cite(uint32_t row) const {
  const EventTable& ev = c.events;
  EventRef r;
  r.row = row;
  r.time = ev.time[row];
  r.platform = PlatformOfRow(row);
  r.kind = std::string(ToString(ev.kind[row]));
  r.source = c.endpoints[ev.source[row]].key;
  if (ev.target[row] != kNoEndpoint) r.target = c.endpoints[ev.target[row]].key;
  if (!ev.provenance.empty()) {
    const Provenance& p = ev.provenance[row];
    if (p.source < c.sources.size()) r.file = c.sources[p.source];
    r.line = p.line;
  }
  return r;
}

std::string Context::Describe(uint32_t row) const {
  const EventRef r = Cite(row);
  std::string s = r.kind + " on " + r.platform + ", " + r.source + " -> " + (r.target.empty() ? "(none)" : r.target) +
                  ", " + FormatTime(r.time);
  if (!r.file.empty()) s += " (" + r.file + ":" + std::to_string(r.line) + ")";
  return s;
}

std::string Span(TimeMs d) {
  char buf[64];
  const double ad = std::abs(static_cast<double>(d));
  if (ad < 2 * kMinuteMs) {
    std::snprintf(buf, sizeof buf, "%lld seconds", static_cast<long long>(d / kSecondMs));
  } else if (ad < 2 * kHourMs) {
    std::snprintf(buf, sizeof buf, "%lld minutes", static_cast<long long>(d / kMinuteMs));
  } else if (ad < 2 * kDayMs) {
    std::snprintf(buf, sizeof buf, "%.1f hours", static_cast<double>(d) / kHourMs);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f days", static_cast<double>(d) / kDayMs);
  }
  return buf;
}

}  // namespace linchpin::attribute::internal
