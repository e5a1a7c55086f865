// Betweenness centrality: exact (Brandes) and sampled with a stated error bound.
//
// What: b(v) = sum over ordered pairs s != v != t of sigma_st(v) / sigma_st, the share of
// shortest paths through v, normalised by (n-1)(n-2) (networkx's normalized=True).
// How: Brandes (2001): one BFS per source counting shortest paths (sigma), then dependencies
// accumulated in reverse BFS order. We walk *successors* (dist = dist + 1) in the back-sweep
// (recorded in the forward pass) instead of predecessor lists. Sources run in
// parallel; each thread keeps its own scratch and partial sums, merged at the end.
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
#include <limits>
#include <memory>
#include <random>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

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

// What the forward search keeps of each vertex, in one 16-byte record: a hop count and a path
// count read together per arc touch one cache line, not two (at 10M edges every array is far
// larger than the caches, and the arcs' random reads dominate).
// `dist` is stamped: base + hops for the source being searched, and any value below base (a
// previous source's, or 0) means not reached yet — so no pass over the reached vertices resets
// the records between sources (that pass was one random 16-byte write per reached vertex).
struct VertexState {
  uint32_t dist = 0;
  uint32_t pos = 0;  // place in the BFS order
  double sigma = 0;
};

struct BrandesScratch {
  explicit BrandesScratch(uint32_t n) : state(n), sum(n, 0.0) {
    order.reserve(n);
    sigma_at.reserve(n);
    succ_end.reserve(n);
  }
  std::vector<VertexState> state;
  std::vector<VertexId> order;     // BFS order, then walked backwards
  std::vector<double> sigma_at;    // sigma of order[i] (final once it is dequeued)
  std::vector<double> coef_at;     // (1 + delta) / sigma of order[i], once its dependency is final
  std::vector<uint32_t> succ;      // each visited vertex's successors (one hop further), as places in order
  std::vector<uint64_t> succ_end;  // end of order[i]'s successors in succ
  std::vector<double> sum;         // this thread's dependency sums
  uint32_t base = 1;               // the stamp of the hop count 0 (VertexState)
};

// How many places ahead in the BFS order the forward search fetches a vertex's arcs (the order
// is known before the vertices are reached), and the records of the first kFetchStatesMax heads
// of the next vertex's arcs (already fetched: the record reads are the search's misses).
constexpr size_t kFetchArcs = 4;
constexpr size_t kFetchStates = 1;
constexpr size_t kFetchStatesMax = 64;

// Adds source s's dependencies delta_s(v) to s.sum. The forward BFS records each vertex's
// successors (the arcs of the shortest-path DAG), so the back-sweep reads only those instead of
// testing the hop count of every neighbour again; and delta(v) = sigma(v) * sum over successors
// w of coef(w), coef(w) = (1 + delta(w)) / sigma(w), so it reads one value per successor.
// Successors are recorded by their place in the BFS order, so the back-sweep's sigma and coef
// arrays are indexed by place: written in order, and read near the place being summed, instead
// of at random vertex ids. The record costs up to 4 bytes per arc of scratch per thread.
void AccumulateSource(const Adjacency& g, uint32_t n, VertexId source, BrandesScratch& s) {
  if (s.base > std::numeric_limits<uint32_t>::max() - n) {  // base + hops could wrap: restamp
    std::fill(s.state.begin(), s.state.end(), VertexState{});
    s.base = 1;
  }
  const uint32_t base = s.base;
  s.order.clear();
  s.order.push_back(source);
  s.state[source] = {base, 0, 1.0};
  s.sigma_at.clear();
  s.succ.clear();
  s.succ_end.clear();
  for (size_t head = 0; head < s.order.size(); ++head) {
    if (head + kFetchArcs < s.order.size()) __builtin_prefetch(g.neighbors(s.order[head + kFetchArcs]).data());
    if (head + kFetchStates < s.order.size()) {
      const std::span<const VertexId> ahead = g.neighbors(s.order[head + kFetchStates]);
      for (size_t k = 0, e = std::min(ahead.size(), kFetchStatesMax); k < e; ++k) __builtin_prefetch(&s.state[ahead[k]]);
    }
    const VertexId v = s.order[head];
    const VertexState sv = s.state[v];
    const uint32_t next = sv.dist + 1;
    s.sigma_at.push_back(sv.sigma);  // every predecessor of v was dequeued before it
    for (VertexId w : g.neighbors(v)) {
      VertexState& sw = s.state[w];
      if (sw.dist < base) {  // not reached from this source yet
        sw = {next, static_cast<uint32_t>(s.order.size()), 0.0};
        s.order.push_back(w);
      }
      if (sw.dist == next) {
        sw.sigma += sv.sigma;
        s.succ.push_back(sw.pos);
      }
    }
    s.succ_end.push_back(s.succ.size());
  }
  const size_t count = s.order.size();
  s.coef_at.resize(count);
  for (size_t i = count; i-- > 0;) {
    double coef_sum = 0;
    for (uint64_t k = i == 0 ? 0 : s.succ_end[i - 1]; k < s.succ_end[i]; ++k) coef_sum += s.coef_at[s.succ[k]];
    const double dep = s.sigma_at[i] * coef_sum;
    s.coef_at[i] = (1.0 + dep) / s.sigma_at[i];
    if (i != 0) s.sum[s.order[i]] += dep;  // order[0] is the source
  }
  // The next source's hop 0 lies past this one's deepest vertex (the last in BFS order).
  s.base = s.state[s.order.back()].dist + 1;
}

std::vector<double> DependencySums(const Graph& g, std::span<const VertexId> sources) {
  const uint32_t n = g.num_vertices();
  const bool relabel = n >= kRelabelVertices;
  const RelabelledAdjacency relabelled = relabel ? Relabel(g) : RelabelledAdjacency{};
  const Adjacency adjacency = relabel ? relabelled.view()
                                      : Adjacency{g.out_offsets().data(), g.out_targets().data()};
  tbb::enumerable_thread_specific<BrandesScratch> scratch([n] { return BrandesScratch(n); });
  tbb::parallel_for(tbb::blocked_range<size_t>(0, sources.size(), 1), [&](const auto& r) {
    BrandesScratch& s = scratch.local();
    for (size_t i = r.begin(); i != r.end(); ++i) {
      AccumulateSource(adjacency, n, relabel ? relabelled.new_of[sources[i]] : sources[i], s);
    }
  });
  std::vector<double> total(n, 0.0);
  for (const BrandesScratch& s : scratch) {
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
