// The temporal multigraph of a case: who contacted whom, when, on which platform — compact enough
// for hundreds of millions of events, and traceable: every pair keeps the EventTable rows behind it.
//
// Three layers, bottom up:
//   EntityMap      endpoint -> entity (a person owning accounts, else the account/phone/channel).
//   TemporalGraph  directed pairs (u -> v) with aggregates and their time-sorted events, plus the
//                  out- and in-CSR over entities. Built once per case; immutable afterwards.
//   Graph          the static CSR a kernel reads (graph/graph.h), obtained from a View.
//
// Views (ViewSpec): a time window, platforms, event kinds, directed or undirected, weighted by
// event count or not, a vertex subset. Design choice — a view *materialises* a compact CSR, and
// only when it must: the unfiltered directed view borrows the TemporalGraph's own arrays (no copy);
// any filter costs one linear pass over the pairs (binary search into a pair's events for a time
// window; platform/kind masks decide most pairs without touching events). We chose this over an
// edge predicate inside every kernel because kernels then run at raw CSR speed (PageRank touches
// each arc 20-100 times; a predicate would re-test the filter on each touch) and stay short.
//
// Thread safety: a built TemporalGraph is immutable; any number of threads may read it and make
// views concurrently. The graph borrows the CaseData it was built from (for event times and
// rows): the case must outlive the graph.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/huge_pages.h"
#include "common/status.h"
#include "common/time.h"
#include "model/case.h"

namespace linchpin::graph {

using VertexId = uint32_t;
using PairId = uint32_t;
inline constexpr VertexId kNoVertex = std::numeric_limits<uint32_t>::max();
inline constexpr PairId kNoPair = std::numeric_limits<uint32_t>::max();

// ---------------------------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------------------------

enum class EntityKind : uint8_t { kPerson, kAccount, kPhone, kChannel, kOpaque, kCluster };
std::string_view ToString(EntityKind k);

struct EntityInfo {
  EntityKind kind = EntityKind::kOpaque;
  uint32_t person = kNoIndex;  // index into CaseData::persons when kind == kPerson
};

// Which entity each endpoint belongs to. Entity resolution plugs in here: build an EntityMap from
// its clusters (kind kCluster), check it with Validate, and hand it to TemporalGraph::Build.
struct EntityMap {
  std::vector<uint32_t> entity_of_endpoint;  // by EndpointId; kNoVertex drops the endpoint
  std::vector<std::string> names;            // by entity; what the CLI prints and looks up
  std::vector<EntityInfo> info;              // by entity

  uint32_t size() const { return static_cast<uint32_t>(names.size()); }
  // The endpoints of one entity, by a scan (for reports and evidence, not for kernels).
  std::vector<EndpointId> EndpointsOf(VertexId entity) const;
  // Checks sizes and ranges against the case.
  Status Validate(const CaseData& c) const;
};

// A person for every account with a non-empty owner (named by the person id); every other
// endpoint stands for itself (named by its key). Persons without any endpoint are not entities:
// they have no communications to analyse. An owner id missing from persons.csv still makes a
// person entity (kind kPerson, person = kNoIndex) so accounts of one owner stay together.
EntityMap EntitiesByOwner(const CaseData& c);
// One entity per endpoint: the raw accounts, phones and channels (`--by account`).
EntityMap EntitiesByAccount(const CaseData& c);

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

inline constexpr uint16_t kAllKinds = (1u << kEventKindCount) - 1;

struct ViewSpec {
  TimeMs from = kNoTime;  // events with from <= time < to; kNoTime = unbounded
  TimeMs to = kNoTime;
  std::vector<uint16_t> platforms;  // indexes into CaseData::platforms; empty = all
  uint16_t kinds = kAllKinds;       // bit (1 << EventKind)
  bool directed = true;
  bool weighted = true;             // arc weight = number of events; false = every arc weighs 1
  std::vector<VertexId> vertices;   // induced sub-network; empty = all entities

  bool FiltersEvents() const { return from != kNoTime || to != kNoTime || !platforms.empty() ||
                                      kinds != kAllKinds; }
};

class Graph;  // graph/graph.h

// ---------------------------------------------------------------------------------------------
// The temporal graph
// ---------------------------------------------------------------------------------------------

struct BuildStats {
  uint64_t events = 0;          // rows in the case
  uint64_t contact_events = 0;  // events that became part of a pair
  uint64_t no_target = 0;       // posts and other events without a target
  uint64_t self_contacts = 0;   // both ends in one entity (e.g. a person's two accounts)
  uint64_t unmapped = 0;        // an end the entity map drops
};

class TemporalGraph {
 public:
  // Groups the contact events of `c` into directed entity pairs: O(E log d + n) time, d a
  // source's events (a stable counting sort by block of sources, each block by source in cache,
  // then each source's events sorted by target), parallel; 4 bytes per event plus about 56 bytes
  // per pair, and about 20 bytes per event of scratch while it builds. `c` must outlive the graph.
  static Result<std::unique_ptr<TemporalGraph>> Build(const CaseData& c, EntityMap entities);
  ~TemporalGraph();

  const CaseData& case_data() const { return *case_; }
  const EntityMap& entities() const { return entities_; }
  const BuildStats& stats() const { return stats_; }
  uint32_t num_entities() const { return entities_.size(); }
  uint32_t num_pairs() const { return static_cast<uint32_t>(target_.size()); }
  const std::string& name(VertexId v) const { return entities_.names[v]; }
  // The entity with this name: NotFound, or InvalidArgument when two entities share the name.
  Result<VertexId> FindEntity(std::string_view name) const;

  // --- Pairs: ids are dense, sorted by (source, target); pair p is also out-arc p. ---
  VertexId pair_source(PairId p) const { return source_[p]; }
  VertexId pair_target(PairId p) const { return target_[p]; }
  uint32_t pair_count(PairId p) const { return count_[p]; }
  TimeMs pair_first(PairId p) const { return first_[p]; }
  TimeMs pair_last(PairId p) const { return last_[p]; }
  // Bit i for platform i < 63; bit 63 stands for every platform >= 63 (then read the events).
  uint64_t pair_platform_mask(PairId p) const { return platform_mask_[p]; }
  uint16_t pair_kind_mask(PairId p) const { return kind_mask_[p]; }
  // The pair v -> u of u -> v, or kNoPair when the contact was never returned.
  PairId pair_reverse(PairId p) const { return reverse_[p]; }
  bool pair_reciprocal(PairId p) const { return reverse_[p] != kNoPair; }
  // The EventTable rows of the pair, in time order.
  std::span<const uint32_t> pair_events(PairId p) const {
    return {event_rows_.data() + event_offsets_[p], event_rows_.data() + event_offsets_[p + 1]};
  }
  // The pair u -> v, or kNoPair. O(log out-degree).
  PairId FindPair(VertexId u, VertexId v) const;
  // Events of pair p inside the view's window, platforms and kinds.
  uint32_t CountInView(PairId p, const ViewSpec& spec) const;

  // --- Adjacency over entities. ---
  // Out-pairs of u: the PairIds [out_begin(u), out_end(u)).
  PairId out_begin(VertexId u) const { return static_cast<PairId>(out_offsets_[u]); }
  PairId out_end(VertexId u) const { return static_cast<PairId>(out_offsets_[u + 1]); }
  // In-pairs of v, as PairIds sorted by source.
  std::span<const PairId> in_pairs(VertexId v) const {
    return {in_pairs_.data() + in_offsets_[v], in_pairs_.data() + in_offsets_[v + 1]};
  }

  // A static CSR for kernels (see the header comment for when this copies).
  Result<Graph> View(const ViewSpec& spec) const;
  // Bytes held by the graph (not the case).
  size_t MemoryBytes() const;

 private:
  friend class GraphBuilder;
  TemporalGraph() = default;
  Graph FullDirected(bool weighted) const;
  Graph FullUndirected(bool weighted) const;

  const CaseData* case_ = nullptr;
  EntityMap entities_;
  BuildStats stats_;
  // Pair columns. On huge pages (common/huge_pages.h): built once and large, they would cost a
  // page fault per 4 KiB otherwise.
  HugeVector<VertexId> source_, target_;
  HugeVector<uint32_t> count_;
  HugeVector<TimeMs> first_, last_;
  HugeVector<uint64_t> platform_mask_;
  HugeVector<uint16_t> kind_mask_;
  HugeVector<PairId> reverse_;
  HugeVector<uint32_t> event_offsets_;  // num_pairs + 1; events < 2^32 (Build checks)
  HugeVector<uint32_t> event_rows_;
  // CSR.
  HugeVector<uint64_t> out_offsets_, in_offsets_;  // num_entities + 1
  HugeVector<PairId> in_pairs_;
  HugeVector<VertexId> in_sources_;  // source_[in_pairs_[i]], kept for locality
  HugeVector<uint32_t> in_counts_;   // count_[in_pairs_[i]]
  // The build's spent contact array (20 bytes per contact event), its pages kept mapped for the
  // undirected CSR (8 bytes per arc, at most 16 per contact), which is built from them on first
  // use and lets the rest go (a graph that never makes that view keeps them until it goes).
  mutable HugePageReserve spare_;
  // The unfiltered undirected CSR, built on first use and shared by every view that needs it.
  mutable std::once_flag undirected_once_;
  mutable std::shared_ptr<const struct CsrStorage> undirected_;
};

}  // namespace linchpin::graph
