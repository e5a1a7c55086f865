// Building the temporal graph: events -> directed entity pairs, grouped by a counting sort on the
// source entity and a per-source sort on (target, row). Because the EventTable is time-sorted,
// sorting a pair's rows ascending also sorts its events by time, so no stable sort is needed.
#include "graph/temporal_graph.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "graph/graph.h"

namespace linchpin::graph {

std::string_view ToString(EntityKind k) {
  switch (k) {
    case EntityKind::kPerson: return "person";
    case EntityKind::kAccount: return "account";
    case EntityKind::kPhone: return "phone";
    case EntityKind::kChannel: return "channel";
    case EntityKind::kOpaque: return "opaque";
    case EntityKind::kCluster: return "cluster";
  }
  return "opaque";
}

namespace {

EntityKind KindOfEndpoint(EndpointKind k) {
  switch (k) {
    case EndpointKind::kAccount: return EntityKind::kAccount;
    case EndpointKind::kPhone: return EntityKind::kPhone;
    case EndpointKind::kChannel: return EntityKind::kChannel;
    case EndpointKind::kOpaque: return EntityKind::kOpaque;
  }
  return EntityKind::kOpaque;
}

uint32_t AddEntity(EntityMap& m, std::string name, EntityInfo info) {
  m.names.push_back(std::move(name));
  m.info.push_back(info);
  return m.size() - 1;
}

}  // namespace

std::vector<EndpointId> EntityMap::EndpointsOf(VertexId entity) const {
  std::vector<EndpointId> out;
  for (EndpointId e = 0; e < entity_of_endpoint.size(); ++e) {
    if (entity_of_endpoint[e] == entity) out.push_back(e);
  }
  return out;
}

Status EntityMap::Validate(const CaseData& c) const {
  if (entity_of_endpoint.size() != c.endpoints.size()) {
    return Status::InvalidArgument("entity map covers " + std::to_string(entity_of_endpoint.size()) +
                                   " endpoints, the case has " + std::to_string(c.endpoints.size()));
  }
  if (names.size() != info.size()) {
    return Status::InvalidArgument("entity map: names and info differ in size");
  }
  for (uint32_t e : entity_of_endpoint) {
    if (e != kNoVertex && e >= names.size()) {
      return Status::InvalidArgument("entity map names entity " + std::to_string(e) + " of " +
                                     std::to_string(names.size()));
    }
  }
  return Status::Ok();
}

EntityMap EntitiesByOwner(const CaseData& c) {
  EntityMap m;
  m.entity_of_endpoint.assign(c.endpoints.size(), kNoVertex);
  std::unordered_map<std::string_view, uint32_t> person_index, entity_of_owner;
  for (uint32_t i = 0; i < c.persons.size(); ++i) person_index.emplace(c.persons[i].id, i);
  for (EndpointId e = 0; e < c.endpoints.size(); ++e) {
    const Endpoint& ep = c.endpoints[e];
    const bool owned = ep.kind == EndpointKind::kAccount && ep.account < c.accounts.size() &&
                       !c.accounts[ep.account].owner.empty();
    if (!owned) {
      m.entity_of_endpoint[e] = AddEntity(m, ep.key, {KindOfEndpoint(ep.kind), kNoIndex});
      continue;
    }
    const std::string& owner = c.accounts[ep.account].owner;
    auto [it, inserted] = entity_of_owner.emplace(owner, 0);
    if (inserted) {
      auto p = person_index.find(owner);
      it->second = AddEntity(m, owner, {EntityKind::kPerson,
                                        p == person_index.end() ? kNoIndex : p->second});
    }
    m.entity_of_endpoint[e] = it->second;
  }
  return m;
}

EntityMap EntitiesByAccount(const CaseData& c) {
  EntityMap m;
  m.entity_of_endpoint.resize(c.endpoints.size());
  m.names.reserve(c.endpoints.size());
  m.info.reserve(c.endpoints.size());
  for (EndpointId e = 0; e < c.endpoints.size(); ++e) {
    m.entity_of_endpoint[e] = AddEntity(m, c.endpoints[e].key, {KindOfEndpoint(c.endpoints[e].kind), kNoIndex});
  }
  return m;
}

// ---------------------------------------------------------------------------------------------

// Does the work of TemporalGraph::Build; a friend so the graph's members stay private.
class GraphBuilder {
 public:
  GraphBuilder(const CaseData& c, TemporalGraph& g) : c_(c), g_(g) {}

  void Run() {
    GroupEventsBySource();
    SortBucketsAndCountPairs();
    FillPairs();
    BuildInCsr();
    LinkReversePairs();
  }

 private:
  VertexId EntityOf(EndpointId e) const {
    return e < ent_.size() ? ent_[e] : kNoVertex;
  }

  // Counting sort of the contact events by source entity; rows stay ascending within a bucket.
  void GroupEventsBySource() {
    const EventTable& ev = c_.events;
    const uint32_t n = g_.num_entities();
    BuildStats& st = g_.stats_;
    st.events = ev.size();
    bucket_offsets_.assign(size_t{n} + 1, 0);
    for (size_t i = 0; i < ev.size(); ++i) {
      if (ev.target[i] == kNoEndpoint) { ++st.no_target; continue; }
      const VertexId u = EntityOf(ev.source[i]), v = EntityOf(ev.target[i]);
      if (u == kNoVertex || v == kNoVertex) { ++st.unmapped; continue; }
      if (u == v) { ++st.self_contacts; continue; }
      ++bucket_offsets_[u + 1];
    }
    std::partial_sum(bucket_offsets_.begin(), bucket_offsets_.end(), bucket_offsets_.begin());
    st.contact_events = bucket_offsets_[n];
    rows_.resize(st.contact_events);
    std::vector<uint64_t> cursor(bucket_offsets_.begin(), bucket_offsets_.end() - 1);
    for (size_t i = 0; i < ev.size(); ++i) {
      if (ev.target[i] == kNoEndpoint) continue;
      const VertexId u = EntityOf(ev.source[i]), v = EntityOf(ev.target[i]);
      if (u == kNoVertex || v == kNoVertex || u == v) continue;
      rows_[cursor[u]++] = static_cast<uint32_t>(i);
    }
  }

  // Within each source's bucket, order rows by (target, row) and count distinct targets.
  void SortBucketsAndCountPairs() {
    const uint32_t n = g_.num_entities();
    pairs_of_source_.assign(n, 0);
    tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, 256), [&](const auto& range) {
      std::vector<std::pair<VertexId, uint32_t>> scratch;
      for (uint32_t u = range.begin(); u != range.end(); ++u) {
        const uint64_t b = bucket_offsets_[u], e = bucket_offsets_[u + 1];
        if (b == e) continue;
        scratch.clear();
        for (uint64_t i = b; i < e; ++i) scratch.emplace_back(EntityOf(c_.events.target[rows_[i]]), rows_[i]);
        std::sort(scratch.begin(), scratch.end());
        uint32_t distinct = 0;
        for (size_t i = 0; i < scratch.size(); ++i) {
          rows_[b + i] = scratch[i].second;
          if (i == 0 || scratch[i].first != scratch[i - 1].first) ++distinct;
        }
        pairs_of_source_[u] = distinct;
      }
    });
  }

  void FillPairs() {
    const uint32_t n = g_.num_entities();
    auto& out_off = g_.out_offsets_;
    out_off.assign(size_t{n} + 1, 0);
    for (uint32_t u = 0; u < n; ++u) out_off[u + 1] = out_off[u] + pairs_of_source_[u];
    const uint64_t pairs = out_off[n];
    assert(pairs < kNoPair && "more pairs than PairId can number");
    g_.source_.resize(pairs);
    g_.target_.resize(pairs);
    g_.count_.resize(pairs);
    g_.first_.resize(pairs);
    g_.last_.resize(pairs);
    g_.platform_mask_.resize(pairs);
    g_.kind_mask_.resize(pairs);
    g_.event_offsets_.resize(pairs + 1);
    g_.event_offsets_[pairs] = rows_.size();
    const EventTable& ev = c_.events;
    tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, 256), [&](const auto& range) {
      for (uint32_t u = range.begin(); u != range.end(); ++u) {
        PairId p = static_cast<PairId>(out_off[u]) - 1;
        VertexId last_target = kNoVertex;
        for (uint64_t i = bucket_offsets_[u]; i < bucket_offsets_[u + 1]; ++i) {
          const uint32_t row = rows_[i];
          const VertexId v = EntityOf(ev.target[row]);
          if (v != last_target) {
            ++p;
            last_target = v;
            g_.source_[p] = u;
            g_.target_[p] = v;
            g_.count_[p] = 0;
            g_.first_[p] = ev.time[row];
            g_.platform_mask_[p] = 0;
            g_.kind_mask_[p] = 0;
            g_.event_offsets_[p] = i;
          }
          ++g_.count_[p];
          g_.last_[p] = ev.time[row];
          g_.platform_mask_[p] |= uint64_t{1} << std::min<uint16_t>(ev.platform[row], 63);
          g_.kind_mask_[p] |= static_cast<uint16_t>(1u << static_cast<unsigned>(ev.kind[row]));
        }
      }
    });
    g_.event_rows_ = std::move(rows_);
    bucket_offsets_ = {};
  }

  // Counting sort of pair ids by target; scanning pairs in (source, target) order keeps each
  // in-list sorted by source.
  void BuildInCsr() {
    const uint32_t n = g_.num_entities();
    const uint32_t pairs = g_.num_pairs();
    auto& in_off = g_.in_offsets_;
    in_off.assign(size_t{n} + 1, 0);
    for (PairId p = 0; p < pairs; ++p) ++in_off[g_.target_[p] + 1];
    std::partial_sum(in_off.begin(), in_off.end(), in_off.begin());
    g_.in_pairs_.resize(pairs);
    g_.in_sources_.resize(pairs);
    g_.in_counts_.resize(pairs);
    std::vector<uint64_t> cursor(in_off.begin(), in_off.end() - 1);
    for (PairId p = 0; p < pairs; ++p) {
      const uint64_t slot = cursor[g_.target_[p]]++;
      g_.in_pairs_[slot] = p;
      g_.in_sources_[slot] = g_.source_[p];
      g_.in_counts_[slot] = g_.count_[p];
    }
  }

  void LinkReversePairs() {
    g_.reverse_.resize(g_.num_pairs());
    tbb::parallel_for(tbb::blocked_range<PairId>(0, g_.num_pairs(), 4096), [&](const auto& range) {
      for (PairId p = range.begin(); p != range.end(); ++p) {
        g_.reverse_[p] = g_.FindPair(g_.target_[p], g_.source_[p]);
      }
    });
  }

  const CaseData& c_;
  TemporalGraph& g_;
  std::span<const uint32_t> ent_ = g_.entities_.entity_of_endpoint;
  std::vector<uint64_t> bucket_offsets_;
  std::vector<uint32_t> rows_;
  std::vector<uint32_t> pairs_of_source_;
};

Result<std::unique_ptr<TemporalGraph>> TemporalGraph::Build(const CaseData& c, EntityMap entities) {
  LP_RETURN_IF_ERROR(entities.Validate(c));
  if (c.events.size() >= kNoIndex) {
    return Status::InvalidArgument("a case of " + std::to_string(c.events.size()) +
                                   " events exceeds the graph's 32-bit event rows");
  }
  std::unique_ptr<TemporalGraph> g(new TemporalGraph());
  g->case_ = &c;
  g->entities_ = std::move(entities);
  GraphBuilder(c, *g).Run();
  return g;
}

TemporalGraph::~TemporalGraph() = default;

Result<VertexId> TemporalGraph::FindEntity(std::string_view name) const {
  VertexId found = kNoVertex;
  for (VertexId v = 0; v < num_entities(); ++v) {
    if (entities_.names[v] != name) continue;
    if (found != kNoVertex) {
      return Status::InvalidArgument("two entities are named '" + std::string(name) +
                                     "'; use --by account to tell them apart");
    }
    found = v;
  }
  if (found == kNoVertex) return Status::NotFound("no entity named '" + std::string(name) + "'");
  return found;
}

PairId TemporalGraph::FindPair(VertexId u, VertexId v) const {
  auto b = target_.begin() + out_offsets_[u], e = target_.begin() + out_offsets_[u + 1];
  auto it = std::lower_bound(b, e, v);
  return it != e && *it == v ? static_cast<PairId>(it - target_.begin()) : kNoPair;
}

size_t TemporalGraph::MemoryBytes() const {
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  return bytes(source_) + bytes(target_) + bytes(count_) + bytes(first_) + bytes(last_) +
         bytes(platform_mask_) + bytes(kind_mask_) + bytes(reverse_) + bytes(event_offsets_) +
         bytes(event_rows_) + bytes(out_offsets_) + bytes(in_offsets_) + bytes(in_pairs_) +
         bytes(in_sources_) + bytes(in_counts_) + (undirected_ ? undirected_->MemoryBytes() : 0);
}

// ---------------------------------------------------------------------------------------------
// Views

namespace {

// A ViewSpec compiled for fast per-pair tests.
struct EventFilter {
  EventFilter(const ViewSpec& s, size_t num_platforms)
      : from(s.from == kNoTime ? std::numeric_limits<TimeMs>::min() : s.from),
        to(s.to == kNoTime ? std::numeric_limits<TimeMs>::max() : s.to),
        kinds(s.kinds) {
    if (s.platforms.empty()) {
      all_platforms = true;
      return;
    }
    allowed.assign(std::max<size_t>(num_platforms, 64), false);
    for (uint16_t p : s.platforms) {
      allowed[p] = true;
      // Bit 63 is shared by platforms >= 63, so it can only say "maybe".
      if (p < 63) platform_mask |= uint64_t{1} << p;
    }
  }
  TimeMs from, to;
  uint16_t kinds;
  bool all_platforms = false;
  uint64_t platform_mask = 0;  // platforms < 63 that are allowed
  std::vector<bool> allowed;
};

}  // namespace

namespace {

uint32_t CountWithFilter(const TemporalGraph& g, PairId p, const EventFilter& f) {
  const TimeMs first = g.pair_first(p), last = g.pair_last(p);
  const uint64_t platforms = g.pair_platform_mask(p);
  const uint16_t kinds = g.pair_kind_mask(p);
  if (last < f.from || first >= f.to) return 0;
  if ((kinds & f.kinds) == 0) return 0;
  if (!f.all_platforms && (platforms & f.platform_mask) == 0 && (platforms >> 63) == 0) return 0;
  const bool whole_time = first >= f.from && last < f.to;
  const bool whole_kinds = (kinds & ~f.kinds) == 0;
  const bool whole_platforms = f.all_platforms || (platforms & ~f.platform_mask) == 0;
  if (whole_time && whole_kinds && whole_platforms) return g.pair_count(p);
  // Slow path: narrow to the window by binary search on time, then test each event.
  const EventTable& ev = g.case_data().events;
  auto rows = g.pair_events(p);
  auto before = [&](uint32_t r, TimeMs t) { return ev.time[r] < t; };
  auto b = std::lower_bound(rows.begin(), rows.end(), f.from, before);
  auto e = std::lower_bound(b, rows.end(), f.to, before);
  if (whole_kinds && whole_platforms) return static_cast<uint32_t>(e - b);
  uint32_t n = 0;
  for (auto it = b; it != e; ++it) {
    const bool kind_ok = (f.kinds >> static_cast<unsigned>(ev.kind[*it])) & 1u;
    const bool platform_ok = f.all_platforms || f.allowed[ev.platform[*it]];
    n += kind_ok && platform_ok;
  }
  return n;
}

}  // namespace

uint32_t TemporalGraph::CountInView(PairId p, const ViewSpec& spec) const {
  return CountWithFilter(*this, p, EventFilter(spec, case_->platforms.size()));
}

Graph TemporalGraph::FullDirected(bool weighted) const {
  return Graph::Borrow(num_entities(), /*directed=*/true, weighted, out_offsets_, target_, count_,
                       in_offsets_, in_sources_, in_counts_);
}

Graph TemporalGraph::FullUndirected(bool weighted) const {
  std::call_once(undirected_once_, [&] {
    std::vector<std::pair<VertexId, VertexId>> arcs(num_pairs());
    for (PairId p = 0; p < num_pairs(); ++p) arcs[p] = {source_[p], target_[p]};
    undirected_ = BuildCsr(num_entities(), arcs, count_, /*symmetric=*/true);
  });
  return Graph::FromStorage(undirected_, num_entities(), /*directed=*/false, weighted);
}

Result<Graph> TemporalGraph::View(const ViewSpec& spec) const {
  for (uint16_t p : spec.platforms) {
    if (p >= case_->platforms.size()) {
      return Status::InvalidArgument("view names platform " + std::to_string(p) + " of " +
                                     std::to_string(case_->platforms.size()));
    }
  }
  if (spec.from != kNoTime && spec.to != kNoTime && spec.from >= spec.to) {
    return Status::InvalidArgument("empty time window: --from must be before --to");
  }
  if (!spec.FiltersEvents() && spec.vertices.empty()) {
    return spec.directed ? FullDirected(spec.weighted) : FullUndirected(spec.weighted);
  }
  // Local ids for the vertex subset (sorted, so Graph::local can binary-search).
  std::vector<VertexId> subset = spec.vertices;
  std::sort(subset.begin(), subset.end());
  subset.erase(std::unique(subset.begin(), subset.end()), subset.end());
  if (!subset.empty() && subset.back() >= num_entities()) {
    return Status::InvalidArgument("view names entity " + std::to_string(subset.back()) +
                                   " of " + std::to_string(num_entities()));
  }
  std::vector<VertexId> local_of;
  if (!subset.empty()) {
    local_of.assign(num_entities(), kNoVertex);
    for (VertexId i = 0; i < subset.size(); ++i) local_of[subset[i]] = i;
  }
  auto local = [&](VertexId v) { return local_of.empty() ? v : local_of[v]; };
  const EventFilter filter(spec, case_->platforms.size());
  std::vector<std::pair<VertexId, VertexId>> arcs;
  std::vector<uint32_t> weights;
  for (PairId p = 0; p < num_pairs(); ++p) {
    const VertexId u = local(source_[p]), v = local(target_[p]);
    if (u == kNoVertex || v == kNoVertex) continue;
    const uint32_t w = spec.FiltersEvents() ? CountWithFilter(*this, p, filter) : count_[p];
    if (w == 0) continue;
    arcs.emplace_back(u, v);
    weights.push_back(w);
  }
  const uint32_t n = subset.empty() ? num_entities() : static_cast<uint32_t>(subset.size());
  auto storage = BuildCsr(n, arcs, weights, /*symmetric=*/!spec.directed);
  storage->entity_of = std::move(subset);
  return Graph::FromStorage(std::move(storage), n, spec.directed, spec.weighted);
}

}  // namespace linchpin::graph
