// Betweenness centrality: exact (Brandes) and sampled with a stated error bound.
//
// What: b(v) = sum over ordered pairs s != v != t of sigma_st(v) / sigma_st, the share of
// shortest paths through v, normalised by (n-1)(n-2) (networkx's normalized=True).
// How: Brandes (2001) — a BFS from the source counting shortest paths (sigma), then dependencies
// accumulated in reverse BFS order — run for 8 sources at once, as multi-source BFS does for
// distances (Then et al., VLDB 2015; MultiSourceBfs in paths.cc): the searches advance level by
// level together, each vertex carries masks with a bit (lane) per source and a sigma per lane,
// and one read of a vertex's arcs serves every lane that has it at that level, in both passes.
// The arc reads are what a search costs, and on small-world graphs sources share most levels
// (the forward pass reads each arc 2 to 3 times per 8 sources on the bench graphs, not 8). The
// back-sweep walks *successors* (one level further in the same lane) and skips vertices with
// none. Batches run in parallel; each thread keeps its own scratch and partial sums, merged at
// the end.
// Sampled: k sources drawn uniformly with replacement; each gives the unbiased estimate
// X_s(v) = n * delta_s(v) / ((n-1)(n-2)), which lies in [0, n/(n-1)] because delta_s(v) <= n-2.
// Hoeffding's inequality and a union bound over the n vertices give
//     P(max_v |mean X - b(v)| > eps) <= 2 n exp(-2 k eps^2 / R^2),   R = n / (n-1),
// so k = ceil(R^2 ln(2n / delta) / (2 eps^2)) sources guarantee the (eps, delta) bound
// (Brandes & Pich 2007 for source sampling; the bound is the plain Hoeffding one).
// Complexity: exact O(n m); sampled O(k m), k independent of the graph's size but for log n.
// When the bound needs k >= n sources, the sampled call computes the exact values instead
// (and reports epsilon = delta = 0).
#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "graph/analytics.h"

namespace linchpin::graph {

namespace {

// The out-lists the searches walk: the graph's own, or a copy relabelled hubs-first (Relabel).
struct Adjacency {
  const uint64_t* offsets = nullptr;
  const VertexId* targets = nullptr;
  std::span<const VertexId> neighbors(VertexId v) const {
    return {targets + offsets[v], static_cast<size_t>(offsets[v + 1] - offsets[v])};
  }
};

// Above this many vertices the searches run on a relabelled copy (RelabelledAdjacency).
constexpr uint32_t kRelabelVertices = 1u << 16;

// The out-lists with vertices numbered hubs first (HubsFirstOrder). 32 sources, CPU s on a
// loaded machine: rmat-10M 3.9-4.7 -> 3.4-4.0, its seed 7 5.6-5.8 -> 4.8-4.9; case-10M 9.5-12
// either way (a sort by exact degree: 10.0-12.5 there, scattering neighbours the ids kept close;
// only the vertices above 4x the mean degree moved: case the same, rmat-10M 3.7-4.6).
struct RelabelledAdjacency {
  std::vector<VertexId> old_of, new_of;
  std::vector<uint64_t> offsets;
  std::unique_ptr<VertexId[]> targets;  // written once by the fill: not zeroed first
  Adjacency view() const { return {offsets.data(), targets.get()}; }
};

RelabelledAdjacency Relabel(const Graph& g) {
  const uint32_t n = g.num_vertices();
  RelabelledAdjacency r;
  r.old_of = HubsFirstOrder(g);
  r.new_of.resize(n);
  for (VertexId i = 0; i < n; ++i) r.new_of[r.old_of[i]] = i;
  r.offsets.resize(size_t{n} + 1);
  r.offsets[0] = 0;
  for (VertexId i = 0; i < n; ++i) r.offsets[i + 1] = r.offsets[i] + g.out_degree(r.old_of[i]);
  r.targets.reset(new VertexId[r.offsets[n]]);
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 4096), [&](const auto& range) {
    for (VertexId i = range.begin(); i != range.end(); ++i) {
      VertexId* out = r.targets.get() + r.offsets[i];
      for (VertexId w : g.out_neighbors(r.old_of[i])) *out++ = r.new_of[w];
    }
  });
  return r;
}

// A batch's lanes: bit l of a mask stands for the batch's l-th source. With 8 lanes a vertex's
// per-lane values are one 64-byte line, so an arc touch reads or writes one line for all sources.
// (16 lanes, two lines: case-1M 0.29 CPU s against 0.25, rmat-1M 0.15 against 0.12. The timings
// in this file: 32 sources, graph_bench, on a busy 2-core VM.)
using LaneMask = uint8_t;
constexpr unsigned kLanes = 8 * sizeof(LaneMask);

// A vertex's value per lane: sigma (shortest paths from the lane's source) in the forward pass,
// overwritten by coef = (1 + delta) / sigma once the back-sweep has its delta (sigma is not read
// again), so one array serves both passes. Lanes that did not reach the vertex hold what an
// earlier batch left, and the lane masks keep it out of every sum.
struct alignas(64) LaneValues {
  double value[kLanes];
};

// Lane arithmetic without a branch per lane (how many lanes an arc carries varies from arc to
// arc, so such branches are mispredicted): each pair of lanes is one SSE2 register, masked by its
// two bits of the lane mask. Against a loop over the mask's bits: case-1M 0.26 -> 0.25 CPU s,
// rmat-1M 0.14 -> 0.12. Elsewhere the lanes are selected one by one (no branch either: a
// select the compiler turns into a mask).
#if defined(__SSE2__)
inline __m128d PairMask(LaneMask mask, unsigned pair) {
  alignas(16) static constexpr uint64_t kPairMasks[4][2] = {{0, 0}, {~0ull, 0}, {0, ~0ull}, {~0ull, ~0ull}};
  return _mm_load_pd(reinterpret_cast<const double*>(kPairMasks[(mask >> (2 * pair)) & 3]));
}

// to[l] += from[l] for the lanes in mask.
inline void AddLanes(double* to, const double* from, LaneMask mask) {
  for (unsigned pair = 0; pair < kLanes / 2; ++pair) {
    const __m128d add = _mm_and_pd(_mm_load_pd(from + 2 * pair), PairMask(mask, pair));
    _mm_store_pd(to + 2 * pair, _mm_add_pd(_mm_load_pd(to + 2 * pair), add));
  }
}

// to[l] = 0 for the lanes in mask.
inline void ClearLanes(double* to, LaneMask mask) {
  for (unsigned pair = 0; pair < kLanes / 2; ++pair) {
    _mm_store_pd(to + 2 * pair, _mm_andnot_pd(PairMask(mask, pair), _mm_load_pd(to + 2 * pair)));
  }
}
#else
inline void AddLanes(double* to, const double* from, LaneMask mask) {
  for (unsigned l = 0; l < kLanes; ++l) to[l] += (mask >> l) & 1 ? from[l] : 0.0;
}
inline void ClearLanes(double* to, LaneMask mask) {
  for (unsigned l = 0; l < kLanes; ++l) to[l] = (mask >> l) & 1 ? 0.0 : to[l];
}
#endif

template <typename Body>
inline void ForLanes(LaneMask mask, Body body) {
  for (unsigned bits = mask; bits != 0; bits &= bits - 1) body(static_cast<unsigned>(__builtin_ctz(bits)));
}

// Per thread: 64 + 8 + 2 bytes a vertex, and 6 bytes per level entry (a vertex is an entry once
// per distinct distance from the batch's sources: 2 to 3 times on average on case-1M).
struct BatchScratch {
  explicit BatchScratch(uint32_t n) : values(n), seen(n, 0), next(n, 0), sum(n, 0.0) {}
  std::vector<LaneValues> values;
  std::vector<LaneMask> seen;          // lanes that reached the vertex before the current level
  std::vector<LaneMask> next;          // forward: lanes reaching it at the next level; back: see BackwardLevels
  std::vector<VertexId> order;         // each level's vertices, level after level
  std::vector<LaneMask> order_lanes;   // the lanes for which order[i] is at that level
  std::vector<LaneMask> order_fanout;  // those of them that lead on to the next level
  std::vector<size_t> level_end;       // end of each level in order
  std::vector<double> sum;             // this thread's dependency sums
};

// How many places ahead in the level order the passes fetch a vertex's arcs (the order is known
// before the vertices are expanded).
constexpr size_t kFetchArcs = 4;

// The level's next masks are final: they become its record, and seen takes them in only now, so
// that every parent at the level before added its sigma.
void CloseLevel(BatchScratch& s, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    const VertexId v = s.order[i];
    s.order_lanes.push_back(s.next[v]);
    s.seen[v] |= s.next[v];
    s.next[v] = 0;
  }
  s.level_end.push_back(end);
}

// Level-synchronous BFS for every lane at once, the batch's sources at level 0: a head takes the
// lanes of its tail that have not seen it, and the tail's sigma in those lanes.
void ForwardLevels(const Adjacency& g, std::span<const VertexId> sources, BatchScratch& s) {
  s.order.clear();
  s.order_lanes.clear();
  s.order_fanout.clear();
  s.level_end.clear();
  for (size_t lane = 0; lane < sources.size(); ++lane) {
    const VertexId v = sources[lane];
    if (s.next[v] == 0) s.order.push_back(v);
    s.next[v] |= LaneMask(1u << lane);
    s.values[v].value[lane] = 1.0;
  }
  for (size_t begin = 0, end; (end = s.order.size()) != begin; begin = end) {
    CloseLevel(s, begin, end);
    for (size_t i = begin; i < end; ++i) {
      if (i + kFetchArcs < end) __builtin_prefetch(g.neighbors(s.order[i + kFetchArcs]).data());
      const VertexId v = s.order[i];
      const LaneMask tail = s.order_lanes[i];
      const double* sigma_v = s.values[v].value;
      LaneMask fanout = 0;
      for (VertexId w : g.neighbors(v)) {
        const LaneMask reach = tail & ~s.seen[w];
        if (reach == 0) continue;
        const LaneMask before = s.next[w];
        if (before == 0) s.order.push_back(w);
        s.next[w] = before | reach;
        fanout |= reach;
        double* sigma_w = s.values[w].value;
        ClearLanes(sigma_w, reach & ~before);  // w's first parent in those lanes
        AddLanes(sigma_w, sigma_v, reach);
      }
      s.order_fanout.push_back(fanout);
    }
  }
}

// Marks the lanes of a level's entries in `next` (on) or clears them.
void MarkLevel(BatchScratch& s, size_t level, bool on) {
  for (size_t i = level == 0 ? 0 : s.level_end[level - 1]; i < s.level_end[level]; ++i) {
    s.next[s.order[i]] = on ? s.order_lanes[i] : 0;
  }
}

// Dependencies from the deepest level up: delta(v) = sigma(v) * sum of coef(w) over the arcs to
// w one level further in the same lane, coef(w) = (1 + delta(w)) / sigma(w), so an arc costs one
// read of w's line. While a level is summed, `next` holds the lanes of the level below it. An
// entry whose lanes lead nowhere (a leaf of every lane's DAG) has delta 0 without reading its
// arcs (case-1M 0.30 -> 0.24 CPU s, rmat-1M 0.125 -> 0.115). Level 0 is skipped: it holds the
// sources, whose deltas count for nobody. A source drawn twice in a batch has two lanes, so every
// vertex it reaches counts its delta once per lane.
void BackwardLevels(const Adjacency& g, BatchScratch& s) {
  for (size_t level = s.level_end.size(); level-- > 1;) {
    const size_t begin = s.level_end[level - 1], end = s.level_end[level];
    for (size_t i = begin; i < end; ++i) {
      if (i + kFetchArcs < end) __builtin_prefetch(g.neighbors(s.order[i + kFetchArcs]).data());
      const VertexId v = s.order[i];
      const LaneMask fanout = s.order_fanout[i];
      alignas(16) double coef_sum[kLanes] = {};
      if (fanout != 0) {
        for (VertexId w : g.neighbors(v)) {
          const LaneMask below = fanout & s.next[w];
          if (below != 0) AddLanes(coef_sum, s.values[w].value, below);
        }
      }
      double* value = s.values[v].value;
      double dependency = 0;
      ForLanes(s.order_lanes[i], [&](unsigned l) {
        const double delta = value[l] * coef_sum[l];
        value[l] = (1.0 + delta) / value[l];
        dependency += delta;
      });
      s.sum[v] += dependency;
    }
    if (level + 1 < s.level_end.size()) MarkLevel(s, level + 1, false);
    MarkLevel(s, level, true);
  }
  if (s.level_end.size() > 1) MarkLevel(s, 1, false);
}

// Adds the dependencies of up to kLanes sources (repeats allowed: each lane counts) to s.sum, and
// leaves the masks zero for the next batch by touching only the vertices this one reached.
void AccumulateBatch(const Adjacency& g, std::span<const VertexId> sources, BatchScratch& s) {
  ForwardLevels(g, sources, s);
  BackwardLevels(g, s);
  for (VertexId v : s.order) s.seen[v] = 0;
}

// Sources per batch: kLanes, or fewer when that would leave threads without a batch.
size_t BatchSize(size_t sources) {
  const size_t threads = static_cast<size_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
  return std::clamp<size_t>((sources + threads - 1) / threads, 1, kLanes);
}

std::vector<double> DependencySums(const Graph& g, std::span<const VertexId> sources) {
  const uint32_t n = g.num_vertices();
  const bool relabel = n >= kRelabelVertices;
  const RelabelledAdjacency relabelled = relabel ? Relabel(g) : RelabelledAdjacency{};
  const Adjacency adjacency = relabel ? relabelled.view()
                                      : Adjacency{g.out_offsets().data(), g.out_targets().data()};
  // Sorted: on the relabelled copy a batch then holds sources of one degree class (hubs first):
  // hubs lie near one another, so their lanes reach vertices at the same levels and share the arc
  // reads (case-1M: 2.5 -> 3.1 lanes per level entry; CPU s 0.30 -> 0.25, rmat-1M 0.15 -> 0.12).
  std::vector<VertexId> local(sources.begin(), sources.end());
  if (relabel) {
    for (VertexId& v : local) v = relabelled.new_of[v];
  }
  std::sort(local.begin(), local.end());
  const std::span<const VertexId> all(local);
  const size_t batch = BatchSize(all.size());
  const size_t batches = (all.size() + batch - 1) / batch;
  tbb::enumerable_thread_specific<BatchScratch> scratch([n] { return BatchScratch(n); });
  tbb::parallel_for(tbb::blocked_range<size_t>(0, batches, 1), [&](const auto& r) {
    BatchScratch& s = scratch.local();
    for (size_t b = r.begin(); b != r.end(); ++b) {
      AccumulateBatch(adjacency, all.subspan(b * batch, std::min(batch, all.size() - b * batch)), s);
    }
  });
  std::vector<double> total(n, 0.0);
  for (const BatchScratch& s : scratch) {
    for (VertexId v = 0; v < n; ++v) total[relabel ? relabelled.old_of[v] : v] += s.sum[v];
  }
  return total;
}

double NormalisingFactor(uint32_t n) {
  return n > 2 ? 1.0 / ((static_cast<double>(n) - 1) * (static_cast<double>(n) - 2)) : 0.0;
}

}  // namespace

std::vector<double> BetweennessFromSources(const Graph& g, std::span<const VertexId> sources) {
  return DependencySums(g, sources);
}

std::vector<double> Betweenness(const Graph& g) {
  std::vector<VertexId> all(g.num_vertices());
  for (VertexId v = 0; v < g.num_vertices(); ++v) all[v] = v;
  std::vector<double> b = DependencySums(g, all);
  const double scale = NormalisingFactor(g.num_vertices());
  for (double& x : b) x *= scale;
  return b;
}

uint32_t BetweennessSampleSize(uint32_t n, double epsilon, double delta) {
  if (n < 3) return n;
  const double range = static_cast<double>(n) / (n - 1);
  const double k = range * range * std::log(2.0 * n / delta) / (2.0 * epsilon * epsilon);
  return static_cast<uint32_t>(std::min(std::ceil(k), 4e9));
}

SampledBetweenness BetweennessSampled(const Graph& g, double epsilon, double delta, uint64_t seed) {
  const uint32_t n = g.num_vertices();
  SampledBetweenness result;
  result.epsilon = epsilon;
  result.delta = delta;
  result.samples = BetweennessSampleSize(n, epsilon, delta);
  if (result.samples >= n) {  // the bound asks for more sources than exist: be exact instead
    result.score = Betweenness(g);
    result.samples = n;
    result.epsilon = 0;
    result.delta = 0;
    return result;
  }
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<VertexId> pick(0, n - 1);
  std::vector<VertexId> sources(result.samples);
  for (VertexId& s : sources) s = pick(rng);
  result.score = DependencySums(g, sources);
  const double scale = NormalisingFactor(n) * n / result.samples;
  for (double& x : result.score) x *= scale;
  return result;
}

}  // namespace linchpin::graph
