// k-core decomposition (core numbers).
//
// What: core(v) = the largest k such that v belongs to a subgraph where every vertex has at
// least k neighbours. Peeling order exposes a network's dense nucleus — often the cell itself.
// How: level-synchronous peeling (the serial form of Julienne's / PKC's frontier peeling).
// At level k every unpeeled vertex has current degree >= k; those at exactly k form the
// frontier, and peeling them can drop neighbours to k, which join the same frontier. A vertex's
// current degree when peeled is its core number. Per arc this touches one counter and does no
// bucket bookkeeping (Batagelj & Zaversnik's position/order swaps cost three more random
// accesses and a mispredicted branch per arc), and the loops are branch-free. The unpeeled
// vertices are kept as a list in id order that each level's scan compacts, so frontier
// adjacency lists are read roughly in memory order. Work stays O(n + m): the scans after a
// non-empty level k visit only vertices with core >= k, so over all levels they sum to
// O(n + sum_v core(v)) and core(v) <= degree(v). Serial on purpose: the figure we are held
// to is CPU seconds, which a second thread can only add to, and most levels' frontiers are a
// handful of vertices (a parallel frontier per level was not tried). Runs on the undirected
// graph (direction ignored, parallel arcs merged), as networkx.core_number.
// The counters are 16-bit from 2^19 vertices while the graph has fewer than 2^31 arcs: the per-arc
// decrement is a random access into them, and at 8.4M vertices half the bytes cut rmat-50M's
// time by ~1.2x.
// No core number reaches 2^16 - 1 there (a k-core holds at least k^2 arcs); a vertex of higher
// degree reads 2^16 - 1 until its decrements bring it below, counted in a side table. Isolated
// vertices (core 0; 58% of rmat-50M's ids) are never queued or scanned.
// Verifier: VerifyCoreNumbers re-peels with a plain min-heap and compares.
#include <algorithm>
#include <functional>
#include <limits>
#include <memory>
#include <queue>

#include "graph/analytics.h"

namespace linchpin::graph {

namespace {
constexpr size_t kPrefetchAhead = 8;  // 2, 8 and 16 measured: 8 is best, by a little
// The list's address needs the queued vertex's offset, itself a random read: fetch that further
// ahead, so the fetch of the list does not wait for it.
constexpr size_t kOffsetsAhead = 16;
// From kFetchCountersFrom vertices, whose counters outgrow the caches, the counters of the first
// kFetchCounters neighbours kCountersAhead vertices ahead too (case-10M, median CPU s 0.22-0.27
// -> 0.17; rmat-10M, whose hubs' counters stay cached, the same; below, at 1M, no faster).
constexpr uint32_t kFetchCountersFrom = uint32_t{1} << 19;
constexpr size_t kCountersAhead = 4, kFetchCounters = 16;

const Graph& Undirected(const Graph& g, Graph& storage) {
  if (!g.directed()) return g;
  storage = g.Symmetrized();
  return storage;
}
}  // namespace

// The peeling, with Counter-wide degree counters (uint16_t or uint32_t). A vertex of degree
// kSaturated or more holds kSaturated (it cannot be at or next to any level: core numbers stay
// below kSaturated - 1) and, in excess[v], the decrements left until it reads kSaturated - 1.
template <class Counter>
std::vector<uint32_t> Peel(const Graph& g) {
  constexpr uint32_t kSaturated = std::numeric_limits<Counter>::max();
  const uint32_t n = g.num_vertices();
  const uint64_t* const offsets = g.out_offsets().data();
  std::vector<uint32_t> core(n);
  // count[v]: v's degree among the unpeeled while v is unpeeled, its core number once peeled.
  // Scratch is written before it is read: skip zero-filling (and faulting in) what is unused.
  std::unique_ptr<Counter[]> narrow;
  if constexpr (sizeof(Counter) < sizeof(uint32_t)) narrow = std::make_unique_for_overwrite<Counter[]>(n);
  Counter* const count = narrow ? narrow.get() : reinterpret_cast<Counter*>(core.data());
  std::unique_ptr<uint32_t[]> excess;  // by vertex, for the saturated ones only
  auto alive = std::make_unique_for_overwrite<VertexId[]>(n);  // unpeeled, in id order
  // This level's peel queue; a vertex joins it at most once, and the one spare slot takes the
  // branch-free store past the end when all n are queued.
  auto frontier = std::make_unique_for_overwrite<VertexId[]>(size_t{n} + 1);
  size_t live = 0;
  uint64_t max_degree = 0;
  for (VertexId v = 0; v < n; ++v) {
    const uint64_t d = offsets[v + 1] - offsets[v];
    max_degree = std::max(max_degree, d);
    count[v] = static_cast<Counter>(std::min<uint64_t>(d, kSaturated));
    if (d >= kSaturated) [[unlikely]] {
      if (!excess) excess = std::make_unique_for_overwrite<uint32_t[]>(n);
      excess[v] = static_cast<uint32_t>(d - (kSaturated - 1));
    }
    alive[live] = v;
    live += d > 0;  // an isolated vertex is peeled already: core 0
  }
  auto before = std::make_unique_for_overwrite<Counter[]>(max_degree);  // one list's counters
  const bool fetch_counters = n >= kFetchCountersFrom;
  uint32_t floor = 1;  // every unpeeled vertex has degree >= floor; peeled ones < floor
  while (true) {
    // Scan: queue the vertices at degree == floor, keep those above it (the rest are peeled),
    // and note the least degree kept in case floor is an empty level. Branch-free: the
    // outcomes are data-random.
    size_t kept = 0, tail = 0;
    uint32_t least = std::numeric_limits<uint32_t>::max();
    for (size_t i = 0; i < live; ++i) {
      const VertexId v = alive[i];
      const uint32_t d = count[v];
      const bool above = d > floor;
      alive[kept] = v;
      kept += above;
      frontier[tail] = v;
      tail += d == floor;
      least = std::min(least, above ? d : std::numeric_limits<uint32_t>::max());
    }
    live = kept;
    if (tail == 0) {  // no vertex at floor: jump to the least degree and queue those
      if (live == 0) break;
      floor = least;
      for (size_t i = 0; i < live; ++i) {
        frontier[tail] = alive[i];
        tail += count[alive[i]] == floor;
      }
    }
    // Peel the level. A neighbour above the level loses one; reaching the level queues it
    // (exactly once: only the step from level + 1 queues). Peeled neighbours sit at or below
    // the level and are left alone, so their core numbers stay fixed.
    // The queue jumps around memory, so fetch the lists a few vertices ahead (~20% faster).
    // Once every vertex kept above the level is queued too, no counter is left to lower: the
    // rest of the queue is the top core, whose lists need not be read (R-MAT's hubs sit there,
    // a third of all arcs at 1M edges; skipping the unread part saves ~8% there).
    const uint32_t level = floor;
    const size_t queued_by_scan = tail;
    for (size_t head = 0; head < tail; ++head) {
      if (tail - queued_by_scan == live) break;
      if (head + kOffsetsAhead < tail) __builtin_prefetch(&offsets[frontier[head + kOffsetsAhead]]);
      if (head + kPrefetchAhead < tail) {
        __builtin_prefetch(g.out_neighbors(frontier[head + kPrefetchAhead]).data());
      }
      if (fetch_counters && head + kCountersAhead < tail) {
        const std::span<const VertexId> ahead = g.out_neighbors(frontier[head + kCountersAhead]);
        for (size_t k = 0, e = std::min(ahead.size(), kFetchCounters); k < e; ++k) __builtin_prefetch(&count[ahead[k]]);
      }
      // Two passes: the counters first, then the decrements. The reads wait on nothing and
      // their misses overlap; in one loop each waited behind the stores before it (one thread,
      // median CPU s: case-10M 0.274 -> 0.241, rmat-10M 0.319 -> 0.202; 1M a little faster).
      // A list names each neighbour once, so a counter read ahead is still current.
      const std::span<const VertexId> list = g.out_neighbors(frontier[head]);
      for (size_t k = 0; k < list.size(); ++k) before[k] = count[list[k]];
      for (size_t k = 0; k < list.size(); ++k) {
        const VertexId u = list[k];
        const uint32_t d = before[k];
        count[u] = static_cast<Counter>(d - (d > level));
        frontier[tail] = u;
        tail += d == level + 1;
        // Saturated (never true for 32-bit counters): undo the step until the excess is spent.
        if (d == kSaturated) [[unlikely]] {
          if (--excess[u] > 0) count[u] = static_cast<Counter>(kSaturated);
        }
      }
    }
    floor = level + 1;
  }
  if constexpr (sizeof(Counter) < sizeof(uint32_t)) std::copy_n(count, n, core.begin());
  return core;
}

std::vector<uint32_t> CoreNumbers(const Graph& input) {
  Graph storage;
  const Graph& g = Undirected(input, storage);
  // 16-bit counters pay once 32-bit ones outgrow a core's L2 (2 MiB here): below, case-1M ran
  // 3-6% slower with them (the copy out and the saturation test, for no fewer misses). A k-core
  // holds at least k^2 arcs (k neighbours each, one of them maybe itself), so below 2^31 arcs
  // every core number is under 46341 and the levels stay clear of the saturated value.
  constexpr uint32_t kNarrowFromVertices = uint32_t{1} << 19;
  if (g.num_vertices() >= kNarrowFromVertices && g.num_arcs() < (uint64_t{1} << 31)) return Peel<uint16_t>(g);
  return Peel<uint32_t>(g);
}

bool VerifyCoreNumbers(const Graph& input, std::span<const uint32_t> core) {
  Graph storage;
  const Graph& g = Undirected(input, storage);
  const uint32_t n = g.num_vertices();
  if (core.size() != n) return false;
  std::vector<uint32_t> degree(n);
  std::vector<bool> removed(n, false);
  using Item = std::pair<uint32_t, VertexId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  for (VertexId v = 0; v < n; ++v) heap.emplace(degree[v] = g.out_degree(v), v);
  uint32_t k = 0;
  while (!heap.empty()) {
    const auto [d, v] = heap.top();
    heap.pop();
    if (removed[v] || d != degree[v]) continue;  // stale entry
    removed[v] = true;
    k = std::max(k, d);
    if (core[v] != k) return false;
    for (VertexId u : g.out_neighbors(v)) {
      if (!removed[u]) heap.emplace(--degree[u], u);
    }
  }
  return true;
}

}  // namespace linchpin::graph
