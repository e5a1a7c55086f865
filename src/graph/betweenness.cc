// Betweenness centrality: exact (Brandes) and sampled with a stated error bound.
//
// What: b(v) = sum over ordered pairs s != v != t of sigma_st(v) / sigma_st, the share of
// shortest paths through v, normalised by (n-1)(n-2) (networkx's normalized=True).
// How: Brandes (2001): one BFS per source counting shortest paths (sigma), then dependencies
// accumulated in reverse BFS order. We walk *successors* (dist = dist + 1) in the back-sweep
// instead of storing predecessor lists, so a source needs only four arrays of n. Sources run in
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

struct BrandesScratch {
  explicit BrandesScratch(uint32_t n) : dist(n, kNoHops), sigma(n, 0.0), delta(n, 0.0), sum(n, 0.0) {
    order.reserve(n);
  }
  std::vector<uint32_t> dist;
  std::vector<double> sigma, delta;
  std::vector<VertexId> order;  // BFS order, then walked backwards
  std::vector<double> sum;      // this thread's dependency sums
};

// Adds source s's dependencies delta_s(v) to s.sum.
void AccumulateSource(const Graph& g, VertexId source, BrandesScratch& s) {
  s.order.clear();
  s.order.push_back(source);
  s.dist[source] = 0;
  s.sigma[source] = 1;
  for (size_t head = 0; head < s.order.size(); ++head) {
    const VertexId v = s.order[head];
    for (VertexId w : g.out_neighbors(v)) {
      if (s.dist[w] == kNoHops) {
        s.dist[w] = s.dist[v] + 1;
        s.order.push_back(w);
      }
      if (s.dist[w] == s.dist[v] + 1) s.sigma[w] += s.sigma[v];
    }
  }
  for (size_t i = s.order.size(); i-- > 0;) {
    const VertexId v = s.order[i];
    double dep = 0;
    for (VertexId w : g.out_neighbors(v)) {
      if (s.dist[w] == s.dist[v] + 1) dep += s.sigma[v] / s.sigma[w] * (1.0 + s.delta[w]);
    }
    s.delta[v] = dep;
    if (v != source) s.sum[v] += dep;
  }
  for (VertexId v : s.order) {
    s.dist[v] = kNoHops;
    s.sigma[v] = 0;
    s.delta[v] = 0;
  }
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
