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
#include <cmath>
#include <random>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "graph/analytics.h"

namespace linchpin::graph {

namespace {

// What the forward search keeps of each vertex, in one 16-byte record: a hop count and a path
// count read together per arc touch one cache line, not two (at 10M edges every array is far
// larger than the caches, and the arcs' random reads dominate).
struct VertexState {
  uint32_t dist = kNoHops;
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
};

// How many places ahead in the BFS order the forward search fetches a vertex's arcs (the order
// is known before the vertices are reached).
constexpr size_t kFetchArcs = 4;

// Adds source s's dependencies delta_s(v) to s.sum. The forward BFS records each vertex's
// successors (the arcs of the shortest-path DAG), so the back-sweep reads only those instead of
// testing the hop count of every neighbour again; and delta(v) = sigma(v) * sum over successors
// w of coef(w), coef(w) = (1 + delta(w)) / sigma(w), so it reads one value per successor.
// Successors are recorded by their place in the BFS order, so the back-sweep's sigma and coef
// arrays are indexed by place: written in order, and read near the place being summed, instead
// of at random vertex ids. The record costs up to 4 bytes per arc of scratch per thread.
void AccumulateSource(const Graph& g, VertexId source, BrandesScratch& s) {
  s.order.clear();
  s.order.push_back(source);
  s.state[source] = {0, 0, 1.0};
  s.sigma_at.clear();
  s.succ.clear();
  s.succ_end.clear();
  for (size_t head = 0; head < s.order.size(); ++head) {
    if (head + kFetchArcs < s.order.size()) __builtin_prefetch(g.out_neighbors(s.order[head + kFetchArcs]).data());
    const VertexId v = s.order[head];
    const VertexState sv = s.state[v];
    const uint32_t next = sv.dist + 1;
    s.sigma_at.push_back(sv.sigma);  // every predecessor of v was dequeued before it
    for (VertexId w : g.out_neighbors(v)) {
      VertexState& sw = s.state[w];
      if (sw.dist == kNoHops) {
        sw.dist = next;
        sw.pos = static_cast<uint32_t>(s.order.size());
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
  for (VertexId v : s.order) s.state[v] = VertexState{};
}

std::vector<double> DependencySums(const Graph& g, std::span<const VertexId> sources) {
  const uint32_t n = g.num_vertices();
  tbb::enumerable_thread_specific<BrandesScratch> scratch([n] { return BrandesScratch(n); });
  tbb::parallel_for(tbb::blocked_range<size_t>(0, sources.size(), 1), [&](const auto& r) {
    BrandesScratch& s = scratch.local();
    for (size_t i = r.begin(); i != r.end(); ++i) AccumulateSource(g, sources[i], s);
  });
  std::vector<double> total(n, 0.0);
  for (const BrandesScratch& s : scratch) {
    for (VertexId v = 0; v < n; ++v) total[v] += s.sum[v];
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
