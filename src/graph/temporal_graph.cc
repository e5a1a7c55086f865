// Building the temporal graph: events -> directed entity pairs, grouped by a counting sort on the
// source entity (in two steps: into blocks of entities, then each block in cache) and a
// per-source sort on (target, row). Because the EventTable is time-sorted,
// sorting a pair's rows ascending also sorts its events by time, so no stable sort is needed.
#include "graph/temporal_graph.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <new>
#include <numeric>
#include <unordered_map>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "common/huge_pages.h"
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
  const uint32_t n = static_cast<uint32_t>(c.endpoints.size());
  // ResizeHuge: each array's pages mapped in with one call, not a fault per 4 KiB (7 MB at
  // 166k endpoints).
  ResizeHuge(m.entity_of_endpoint, n);
  std::iota(m.entity_of_endpoint.begin(), m.entity_of_endpoint.end(), 0u);
  ResizeHuge(m.names, n);
  ResizeHuge(m.info, n);
  // Millions of endpoints in a large case: fill the names in parallel.
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, 1 << 14), [&](const auto& r) {
    for (EndpointId e = r.begin(); e != r.end(); ++e) {
      m.names[e] = c.endpoints[e].key;
      m.info[e] = {KindOfEndpoint(c.endpoints[e].kind), kNoIndex};
    }
  });
  return m;
}

// ---------------------------------------------------------------------------------------------

namespace {

// How many pieces a parallel pass over `items` is cut into: one per thread, none smaller than
// 64k items (below that the extra histogram costs more than the thread saves).
uint32_t ChunksFor(size_t items) {
  const size_t threads = static_cast<size_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
  return static_cast<uint32_t>(std::clamp<size_t>(items >> 16, 1, threads));
}

// A stable parallel counting sort of the items [0, m) into `buckets` buckets. Items are cut into
// contiguous chunks; count(b, e, hist) adds the bucket of each item of [b, e) to hist, and
// place(b, e, cursor) puts each item at cursor[bucket]++. Chunk c's cursors start after every
// earlier chunk's items of the same bucket, so each bucket keeps the items' order. Fills
// offsets (buckets + 1), and calls ready(total items placed) before the first place. Positions
// are 32-bit: callers have fewer than 2^32 items.
template <class Offsets, class Count, class Place, class Ready>
void CountingSort(size_t m, uint32_t buckets, Offsets& offsets, Count count, Place place,
                  Ready ready) {
  const uint32_t chunks = ChunksFor(m);
  std::vector<uint32_t> hist(size_t{chunks} * buckets, 0);
  auto chunk_begin = [&](uint32_t c) { return m / chunks * c; };
  auto chunk_end = [&](uint32_t c) { return c + 1 == chunks ? m : m / chunks * (c + 1); };
  tbb::parallel_for(uint32_t{0}, chunks, [&](uint32_t c) {
    count(c, chunk_begin(c), chunk_end(c), hist.data() + size_t{c} * buckets);
  });
  offsets.resize(size_t{buckets} + 1);
  uint64_t at = 0;
  for (uint32_t b = 0; b < buckets; ++b) {
    offsets[b] = at;
    for (uint32_t c = 0; c < chunks; ++c) {
      const uint32_t k = hist[size_t{c} * buckets + b];
      hist[size_t{c} * buckets + b] = static_cast<uint32_t>(at);
      at += k;
    }
  }
  offsets[buckets] = at;
  ready(at);
  tbb::parallel_for(uint32_t{0}, chunks, [&](uint32_t c) {
    place(c, chunk_begin(c), chunk_end(c), hist.data() + size_t{c} * buckets);
  });
}

// v.resize(n) for scratch reused across a loop: to exactly n when it grows (resize could take
// twice that, and a HugeVector maps its pages in at once).
template <class T>
void ResizeScratch(HugeVector<T>& v, size_t n) {
  if (n > v.capacity()) {
    v = HugeVector<T>();
    v.reserve(n);
  }
  v.resize(n);
}

// Splits the buckets [0, n) of a CSR into ranges of about `grain` items each, for parallel loops
// over vertices whose cost is their list length (a hub's list would stall a vertex-count split).
template <class Body>
void ForBucketsByItems(std::span<const uint64_t> offsets, uint32_t n, Body body) {
  const uint64_t items = offsets[n];
  const uint32_t pieces = std::max<uint32_t>(1, static_cast<uint32_t>(std::min<uint64_t>(items >> 15, 1024)));
  tbb::parallel_for(uint32_t{0}, pieces, [&](uint32_t i) {
    auto at = [&](uint32_t k) {
      if (k == pieces) return n;
      return static_cast<uint32_t>(std::lower_bound(offsets.begin(), offsets.begin() + n, items / pieces * k) -
                                   offsets.begin());
    };
    const uint32_t b = at(i), e = at(i + 1);
    if (b < e) body(b, e);
  });
}

}  // namespace

// Does the work of TemporalGraph::Build; a friend so the graph's members stay private.
//
// Grouping is one stable counting sort of the events by source, then a sort of each source's few
// contacts by target (in cache), which leaves them ordered by (source, target, row). The contact
// records carry what the later passes need (row, the other end, time, platform and kind), so
// they read their input in order instead of chasing rows back into the event table.
class GraphBuilder {
 public:
  GraphBuilder(const CaseData& c, TemporalGraph& g) : c_(c), g_(g) {}

  void Run() {
    SortContactsBySource();
    SortEachSourceByTarget();
    FillPairs();
    BuildInCsr();  // and the reverse links
  }

 private:
  // One contact event during the sorts, grouped by source; `other` is the target. The time rides
  // along (as two words, keeping the record at 20 bytes) because reading it back by row at the
  // end would be one random access per pair into the event table (tried: 8% slower at 10M events;
  // again with the blocked sorts, 12-byte contacts with the time read by row and the in-arcs'
  // counts by pair: 1M loads 15% slower, 10M 17-30%).
  // `low_kind` holds the source's place in its block (12 bits, see BlockShift) above the kind.
  struct Contact {
    uint32_t row;
    VertexId other;
    uint32_t time_words[2];
    uint16_t platform;
    uint16_t low_kind;
    TimeMs time() const {
      TimeMs t;
      std::memcpy(&t, time_words, sizeof t);
      return t;
    }
    uint32_t kind() const { return low_kind & 15u; }
    uint32_t low() const { return low_kind >> 4; }
  };
  static_assert(sizeof(TimeMs) == 8 && sizeof(Contact) == 20 && kEventKindCount <= 16);
  // One in-arc while the in-CSR is sorted, `low` its target's place in its block; it lives in
  // by_source_'s storage once FillPairs is done with it (no fresh memory for it).
  struct InArc { PairId pair; VertexId source; uint32_t count; uint32_t low; };
  static_assert(sizeof(InArc) <= sizeof(Contact) && alignof(InArc) <= alignof(Contact));

  // Both sorts go by blocks of 2^shift consecutive entities, at most kMaxBlocks of them (more
  // only past 2^23 entities, when the shift reaches its 12 bits): a first pass scatters each item
  // into its block — a few thousand write streams, which stay in cache, where one stream per
  // entity missed the cache on nearly every write — and a second sorts each block, a few
  // thousand items, by entity inside the cache. Measured on the 1M-event bench graphs: the
  // scatter by entity was a sixth of the load's CPU time.
  static constexpr uint32_t kMaxBlocks = 2048;
  static constexpr uint32_t kMaxShift = 12;
  static uint32_t BlockShift(uint32_t n) {
    uint32_t shift = 0;
    while (shift < kMaxShift && ((uint64_t{n} + (uint64_t{1} << shift) - 1) >> shift) > kMaxBlocks) ++shift;
    return shift;
  }
  static uint32_t Blocks(uint32_t n, uint32_t shift) {
    return static_cast<uint32_t>((uint64_t{n} + (uint64_t{1} << shift) - 1) >> shift);
  }

  // The counting half of a sort inside one block of entities [vb, ve) whose `size` items start
  // at `first`: counts them by their place in the block (low(i) of the i-th), writes each
  // entity's start to starts[v], and leaves at[v - vb] that start less `base`: the cursor the
  // scatter then advances.
  template <class Low, class Starts>
  static void BlockStarts(uint32_t vb, uint32_t ve, uint64_t first, size_t size, uint64_t base, Low low, Starts& starts,
                          std::vector<uint32_t>& at) {
    std::fill_n(at.begin(), ve - vb, 0u);
    for (size_t i = 0; i < size; ++i) ++at[low(i)];
    uint64_t start = first;
    for (uint32_t v = vb; v != ve; ++v) {
      starts[v] = start;
      const uint32_t k = at[v - vb];
      at[v - vb] = static_cast<uint32_t>(start - base);
      start += k;
    }
  }

  VertexId EntityOf(EndpointId e) const {
    return e < ent_.size() ? ent_[e] : kNoVertex;
  }

  // The source and target entity of event i when it is a contact between two entities, and
  // what kind of event it is when it is not.
  enum class Skip : uint8_t { kNone, kNoTarget, kUnmapped, kSelf };
  Skip Classify(size_t i, VertexId& u, VertexId& v) const {
    const EventTable& ev = c_.events;
    if (ev.target[i] == kNoEndpoint) return Skip::kNoTarget;
    u = EntityOf(ev.source[i]);
    v = EntityOf(ev.target[i]);
    if (u == kNoVertex || v == kNoVertex) return Skip::kUnmapped;
    return u == v ? Skip::kSelf : Skip::kNone;
  }

  // Pass 1: the contact events by block of sources (a stable counting sort), `other` holding the
  // target, rows ascending within a block.
  void SortContactsBySource() {
    const EventTable& ev = c_.events;
    const uint32_t n = g_.num_entities();
    shift_ = BlockShift(n);
    const uint32_t low_mask = (1u << shift_) - 1;
    BuildStats& st = g_.stats_;
    st.events = ev.size();
    std::vector<BuildStats> chunk_stats(ChunksFor(ev.size()));
    auto count = [&](uint32_t c, size_t b, size_t e, uint32_t* hist) {
      BuildStats& cs = chunk_stats[c];
      for (size_t i = b; i < e; ++i) {
        VertexId u, v;
        switch (Classify(i, u, v)) {
          case Skip::kNone: ++hist[u >> shift_]; break;
          case Skip::kNoTarget: ++cs.no_target; break;
          case Skip::kUnmapped: ++cs.unmapped; break;
          case Skip::kSelf: ++cs.self_contacts; break;
        }
      }
    };
    auto place = [&](uint32_t, size_t b, size_t e, uint32_t* cursor) {
      for (size_t i = b; i < e; ++i) {
        VertexId u, v;
        if (Classify(i, u, v) != Skip::kNone) continue;
        Contact& c = by_source_[cursor[u >> shift_]++];
        c.row = static_cast<uint32_t>(i);
        c.other = v;
        std::memcpy(c.time_words, &ev.time[i], sizeof(TimeMs));
        c.platform = ev.platform[i];
        c.low_kind = static_cast<uint16_t>((u & low_mask) << 4 | static_cast<uint32_t>(ev.kind[i]));
      }
    };
    // The contact count is known only after counting; size the array between the two passes.
    CountingSort(ev.size(), Blocks(n, shift_), block_offsets_, count, place,
                 [&](uint64_t m) { by_source_.resize(m); });
    for (const BuildStats& cs : chunk_stats) {
      st.no_target += cs.no_target;
      st.unmapped += cs.unmapped;
      st.self_contacts += cs.self_contacts;
    }
    st.contact_events = by_source_.size();
  }

  // Pass 2, per block: its contacts by source (a stable counting sort into a scratch array in
  // cache, copied back), then each source's by (target, row), and its distinct targets — its
  // out-pairs, whose prefix sums are the out-CSR. A source's contacts are few and contiguous, so
  // this sorts in cache where a second counting sort (by target, before the one by source)
  // scattered every contact across memory once more and needed a second 20-byte-per-contact
  // array. Rows ascend within the block and are distinct, so (target, row) is a unique key and
  // an unstable sort keeps the time order of each pair's events.
  void SortEachSourceByTarget() {
    const uint32_t n = g_.num_entities();
    auto& out_off = g_.out_offsets_;
    out_off.resize(size_t{n} + 1);
    bucket_offsets_.resize(size_t{n} + 1);
    out_off[0] = 0;
    bucket_offsets_[n] = by_source_.size();
    const uint32_t blocks = Blocks(n, shift_);
    ForBucketsByItems(block_offsets_, blocks, [&](uint32_t bb, uint32_t be) {
      // Scratch as HugeVectors: a hub's block can take megabytes, which malloc would keep.
      HugeVector<uint64_t> keys, spare;
      HugeVector<Contact> sorted, scratch;
      std::vector<uint32_t> at(size_t{1} << shift_);
      for (uint32_t block = bb; block != be; ++block) {
        const uint32_t ub = block << shift_;
        const uint32_t ue = static_cast<uint32_t>(std::min<uint64_t>(n, uint64_t{ub} + (uint64_t{1} << shift_)));
        const uint64_t first = block_offsets_[block];
        Contact* b = by_source_.data() + first;
        const size_t size = block_offsets_[block + 1] - first;
        if (shift_ == 0) {
          bucket_offsets_[ub] = first;
        } else {
          BlockStarts(ub, ue, first, size, first, [&](size_t i) { return b[i].low(); }, bucket_offsets_, at);
          ResizeScratch(scratch, size);
          for (size_t i = 0; i < size; ++i) scratch[at[b[i].low()]++] = b[i];
          std::copy(scratch.begin(), scratch.end(), b);
        }
        for (uint32_t u = ub; u != ue; ++u) {
          Contact* cb = by_source_.data() + bucket_offsets_[u];
          Contact* ce = by_source_.data() + (u + 1 == ue ? first + size : bucket_offsets_[u + 1]);
          SortByTarget(cb, ce, keys, spare, sorted);
          uint64_t distinct = 0;
          for (const Contact* c = cb; c != ce; ++c) distinct += c == cb || c->other != c[-1].other;
          out_off[u + 1] = distinct;
        }
      }
    });
    std::partial_sum(out_off.begin(), out_off.end(), out_off.begin());
    block_offsets_ = HugeVector<uint64_t>();
  }

  // Sorts [b, e) by (other, row); rows already ascend, so only `other` is compared where it can be.
  static void SortByTarget(Contact* b, Contact* e, HugeVector<uint64_t>& keys, HugeVector<uint64_t>& spare,
                           HugeVector<Contact>& sorted) {
    auto before = [](const Contact& x, const Contact& y) { return x.other < y.other; };
    if (std::is_sorted(b, e, before)) return;  // input already in order: nothing to do
    const size_t d = static_cast<size_t>(e - b);
    if (d <= 32) {
      // Insertion sort on `other` alone is stable, so rows stay ascending within a target.
      for (Contact* i = b + 1; i != e; ++i) {
        const Contact x = *i;
        Contact* j = i;
        for (; j != b && x.other < j[-1].other; --j) *j = j[-1];
        *j = x;
      }
      return;
    }
    // Larger lists: sort 8-byte keys (target, position) — unique, so std::sort is enough; long
    // lists by a radix sort of them — then gather the 20-byte records once.
    ResizeScratch(keys, d);
    for (size_t i = 0; i < d; ++i) keys[i] = uint64_t{b[i].other} << 32 | i;
    if (d < kRadixSortFrom) {
      std::sort(keys.begin(), keys.end());
    } else {
      RadixSortByTarget(keys, spare);
    }
    ResizeScratch(sorted, d);
    for (size_t i = 0; i < d; ++i) sorted[i] = b[static_cast<uint32_t>(keys[i])];
    std::copy(sorted.begin(), sorted.end(), b);
  }

  // From this many contacts a source's keys are radix-sorted, 8 bits a pass (11 from 4096
  // contacts), as many passes as the targets' spread needs: two or three passes beat std::sort's
  // ~log2(d). Measured, CPU s: rmat-1M load with std::sort alone 0.157-0.161, 11-bit radix from
  // 4096 0.157-0.160, from 512 0.154-0.156, 8-bit from 128 0.151-0.156; a 4.6M-event simulated
  // case of 50k accounts (92 events a source), `analyze --metric degree` 0.60-0.63 -> 0.57-0.59.
  static constexpr size_t kRadixSortFrom = 128;
  static constexpr size_t kWideDigitsFrom = 4096;

  // Stable LSD radix sort of keys (target << 32 | position) on the target, 8 or 11 bits a pass
  // and only as many passes as the targets' spread needs. Positions ascend in the input, so the
  // result is sorted by the whole key. `spare` is scratch.
  static void RadixSortByTarget(HugeVector<uint64_t>& keys, HugeVector<uint64_t>& spare) {
    const uint32_t bits = keys.size() >= kWideDigitsFrom ? 11 : 8, bins = 1u << bits;
    uint32_t lo = std::numeric_limits<uint32_t>::max(), hi = 0;
    for (uint64_t k : keys) {
      lo = std::min(lo, static_cast<uint32_t>(k >> 32));
      hi = std::max(hi, static_cast<uint32_t>(k >> 32));
    }
    const uint32_t spread_bits = hi == lo ? 0 : 32 - static_cast<uint32_t>(__builtin_clz(hi - lo));
    ResizeScratch(spare, keys.size());
    uint64_t* from = keys.data();
    uint64_t* to = spare.data();
    std::array<uint32_t, 1u << 11> start;
    for (uint32_t shift = 0; shift < spread_bits; shift += bits) {
      auto digit = [&](uint64_t k) { return ((static_cast<uint32_t>(k >> 32) - lo) >> shift) & (bins - 1); };
      std::fill_n(start.begin(), bins, 0u);
      for (size_t i = 0; i < keys.size(); ++i) ++start[digit(from[i])];
      uint32_t at = 0;
      for (uint32_t& c : std::span(start).first(bins)) {
        const uint32_t k = c;
        c = at;
        at += k;
      }
      for (size_t i = 0; i < keys.size(); ++i) to[start[digit(from[i])]++] = from[i];
      std::swap(from, to);
    }
    if (from != keys.data()) std::copy(from, from + keys.size(), keys.data());
  }

  void FillPairs() {
    const uint32_t n = g_.num_entities();
    const auto& out_off = g_.out_offsets_;
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
    g_.event_offsets_[pairs] = static_cast<uint32_t>(by_source_.size());
    g_.event_rows_.resize(by_source_.size());
    ForBucketsByItems(bucket_offsets_, n, [&](uint32_t ub, uint32_t ue) {
      for (uint32_t u = ub; u != ue; ++u) {
        PairId p = static_cast<PairId>(out_off[u]);
        const uint64_t b = bucket_offsets_[u], e = bucket_offsets_[u + 1];
        for (uint64_t i = b; i < e;) {
          const VertexId v = by_source_[i].other;
          uint64_t platforms = 0;
          uint16_t kinds = 0;
          const uint64_t first = i;
          for (; i < e && by_source_[i].other == v; ++i) {
            const Contact& c = by_source_[i];
            g_.event_rows_[i] = c.row;
            platforms |= uint64_t{1} << std::min<uint16_t>(c.platform, 63);
            kinds |= static_cast<uint16_t>(1u << c.kind());
          }
          g_.source_[p] = u;
          g_.target_[p] = v;
          g_.count_[p] = static_cast<uint32_t>(i - first);
          // Rows ascend within a pair and the event table is time-sorted: first and last row
          // hold the first and last contact.
          g_.first_[p] = by_source_[first].time();
          g_.last_[p] = by_source_[i - 1].time();
          g_.platform_mask_[p] = platforms;
          g_.kind_mask_[p] = kinds;
          g_.event_offsets_[p] = static_cast<uint32_t>(first);
          ++p;
        }
      }
    });
    // (Handing bucket_offsets_'s pages to in_offsets_ saved ~0.3 ms at 1M but read 0.6 B/edge
    // more RSS on rmat-1M, for reasons not found: not kept.)
    bucket_offsets_ = HugeVector<uint64_t>();  // (not "= {}": that would clear and keep the memory)
  }

  // The in-CSR: pair ids by target, by blocks as the contacts were (a stable counting sort of
  // the pairs into blocks of targets, then each block by target, written straight into the three
  // columns). Pairs are in (source, target) order and both sorts are stable, so each in-list
  // comes out sorted by source. The arcs are 16-byte records in by_source_'s pages, spent by now
  // and already mapped.
  void BuildInCsr() {
    const uint32_t n = g_.num_entities();
    const uint32_t pairs = g_.num_pairs();
    const uint32_t low_mask = (1u << shift_) - 1;
    InArc* arcs = new (by_source_.data()) InArc[pairs];
    CountingSort(pairs, Blocks(n, shift_), block_offsets_, [&](uint32_t, size_t b, size_t e, uint32_t* hist) {
      for (size_t p = b; p < e; ++p) ++hist[g_.target_[p] >> shift_];
    }, [&](uint32_t, size_t b, size_t e, uint32_t* cursor) {
      for (size_t p = b; p < e; ++p) {
        const VertexId t = g_.target_[p];
        arcs[cursor[t >> shift_]++] = {static_cast<PairId>(p), g_.source_[p], g_.count_[p], t & low_mask};
      }
    }, [](uint64_t) {});
    auto& in_off = g_.in_offsets_;
    in_off.resize(size_t{n} + 1);
    in_off[n] = pairs;
    g_.in_pairs_.resize(pairs);
    g_.in_sources_.resize(pairs);
    g_.in_counts_.resize(pairs);
    g_.reverse_.resize(pairs);
    ForBucketsByItems(block_offsets_, Blocks(n, shift_), [&](uint32_t bb, uint32_t be) {
      std::vector<uint32_t> at(size_t{1} << shift_);
      for (uint32_t block = bb; block != be; ++block) {
        const uint32_t vb = block << shift_;
        const uint32_t ve = static_cast<uint32_t>(std::min<uint64_t>(n, uint64_t{vb} + (uint64_t{1} << shift_)));
        const uint64_t first = block_offsets_[block], last = block_offsets_[block + 1];
        BlockStarts(vb, ve, first, last - first, 0, [&](size_t i) { return arcs[first + i].low; }, in_off, at);
        for (uint64_t i = first; i < last; ++i) {
          const uint32_t to = at[arcs[i].low]++;
          g_.in_pairs_[to] = arcs[i].pair;
          g_.in_sources_[to] = arcs[i].source;
          g_.in_counts_[to] = arcs[i].count;
        }
        for (uint32_t v = vb; v != ve; ++v) LinkReversePairs(v, v + 1 == ve ? last : in_off[v + 1]);
      }
    });
    block_offsets_ = HugeVector<uint64_t>();
    // The contacts' pages go to the undirected view (FullUndirected) rather than back to the
    // system: mapping in fresh ones would cost ~1.1 us a page, their reuse ~0.1 (zeroing).
    // (Not MADV_FREE'd meanwhile: writing to such pages again cost more than it saved.) The
    // peak is the same either way: the contacts coexisted with every other array just now.
    ScopedHugePageReuse keep(g_.spare_);
    by_source_ = HugeVector<Contact>();
  }

  // The reverse of u -> v is v -> u, an in-pair of u. Both of u's lists are sorted by the other
  // end, so one merge of the two links each of u's out-pairs (no search); in_end is where u's
  // in-list ends (in_offsets_[u + 1], which another thread may not have written yet).
  void LinkReversePairs(VertexId u, uint64_t in_end) {
    uint64_t o = g_.out_offsets_[u], i = g_.in_offsets_[u];
    const uint64_t oe = g_.out_offsets_[u + 1];
    // Branch-free steps: reverse_[o] is written at every step, and the last write before o
    // moves on is the right one (a match, or kNoPair once the in-list has passed it).
    while (o < oe && i < in_end) {
      const VertexId t = g_.target_[o], s = g_.in_sources_[i];
      g_.reverse_[o] = t == s ? g_.in_pairs_[i] : kNoPair;
      o += t <= s;
      i += s <= t;
    }
    for (; o < oe; ++o) g_.reverse_[o] = kNoPair;
  }

  const CaseData& c_;
  TemporalGraph& g_;
  std::span<const uint32_t> ent_ = g_.entities_.entity_of_endpoint;
  HugeVector<Contact> by_source_;
  uint32_t shift_ = 0;                   // BlockShift(entities)
  HugeVector<uint64_t> block_offsets_;   // by_source_'s blocks, then the in-arcs'
  HugeVector<uint64_t> bucket_offsets_;  // by_source_'s sources
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
         bytes(in_sources_) + bytes(in_counts_) + (undirected_ ? undirected_->MemoryBytes() : 0) +
         spare_.bytes();
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

// The undirected CSR is, per vertex, the union of its out-list (targets) and in-list (sources).
// Both are sorted, so a merge yields the sorted, duplicate-free list with the weights of u->v and
// v->u added (what BuildCsr gives for the symmetric arcs) in one linear pass and no sort.
Graph TemporalGraph::FullUndirected(bool weighted) const {
  std::call_once(undirected_once_, [&] {
    const uint32_t n = num_entities();
    auto merge = [&](VertexId u, auto&& emit) {
      uint64_t o = out_offsets_[u], i = in_offsets_[u];
      const uint64_t oe = out_offsets_[u + 1], ie = in_offsets_[u + 1];
      // Without branches on the comparison, which goes either way at random (half the
      // merge's time was mispredictions on R-MAT graphs).
      while (o < oe && i < ie) {
        const VertexId t = target_[o], s = in_sources_[i];
        const uint32_t wo = count_[o], wi = in_counts_[i];
        emit(std::min(t, s), (t <= s ? wo : 0) + (s <= t ? wi : 0));
        o += t <= s;
        i += s <= t;
      }
      for (; o < oe; ++o) emit(target_[o], count_[o]);
      for (; i < ie; ++i) emit(in_sources_[i], in_counts_[i]);
    };
    // The arrays come out of the build's spent contact pages while they last (the spare holds
    // 20 bytes per contact, the arrays need at most 16 per pair plus the offsets); the rest of
    // the spare is unmapped at the end.
    ScopedHugePageReuse reuse(spare_);
    auto csr = std::make_shared<CsrStorage>();
    // One merge pass writes the offsets with the lists. Vertex u's list starts at out- plus
    // in-degree of the vertices before it, less their out-pairs that are returned (the reverse
    // is in an in-list too): pairs ascend by source, so that is the returned pairs before
    // out_offsets_[u]. Each piece's start takes one count over its part of reverse_ (a
    // vectorised read; a per-vertex size pass and a prefix sum over the vertices did it before).
    const uint32_t pieces = std::max<uint32_t>(1, static_cast<uint32_t>(std::min<uint64_t>(out_offsets_[n] >> 15, 1024)));
    std::vector<uint32_t> cut(pieces + 1, n);
    for (uint32_t k = 0; k < pieces; ++k) {
      cut[k] = static_cast<uint32_t>(std::lower_bound(out_offsets_.begin(), out_offsets_.begin() + n,
                                                      out_offsets_[n] / pieces * k) - out_offsets_.begin());
    }
    std::vector<uint64_t> returned(pieces + 1, 0);
    tbb::parallel_for(uint32_t{0}, pieces, [&](uint32_t k) {
      uint64_t r = 0;
      for (uint64_t p = out_offsets_[cut[k]], e = out_offsets_[cut[k + 1]]; p < e; ++p) r += reverse_[p] != kNoPair;
      returned[k + 1] = r;
    });
    std::partial_sum(returned.begin(), returned.end(), returned.begin());
    auto& off = csr->out_offsets;
    off.resize(size_t{n} + 1);
    off[n] = out_offsets_[n] + in_offsets_[n] - returned[pieces];
    csr->out_targets.resize(off[n]);
    csr->out_weights.resize(off[n]);
    tbb::parallel_for(uint32_t{0}, pieces, [&](uint32_t k) {
      uint64_t at = out_offsets_[cut[k]] + in_offsets_[cut[k]] - returned[k];
      VertexId* targets = csr->out_targets.data();
      uint32_t* weights = csr->out_weights.data();
      for (VertexId u = cut[k]; u < cut[k + 1]; ++u) {
        off[u] = at;
        merge(u, [&](VertexId v, uint32_t w) {
          targets[at] = v;
          weights[at] = w;
          ++at;
        });
      }
    });
    undirected_ = std::move(csr);
    spare_.Release();
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
