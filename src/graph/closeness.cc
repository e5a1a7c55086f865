// Closeness and harmonic centrality.
//
// What: how near a vertex is to the others. Closeness (Wasserman-Faust variant, networkx's
// default) = ((r-1) / sum of distances) * ((r-1) / (n-1)) over the r vertices that reach v
// (including v), which keeps scores comparable across components. Harmonic (Boldi-Vigna 2014)
// = sum of 1/d(u, v), robust to disconnection by construction.
// How: one BFS per vertex over the in-arcs (distances *to* v, as networkx), sources in parallel,
// each thread reusing its own distance array and queue.
// Complexity: O(n m) time, O(n) memory per thread. For the largest graphs use the sampled
// betweenness or PageRank instead.
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "graph/analytics.h"

namespace linchpin::graph {

namespace {

struct BfsScratch {
  explicit BfsScratch(uint32_t n) : dist(n, kNoHops) { queue.reserve(n); }
  std::vector<uint32_t> dist;
  std::vector<VertexId> queue;
};

// Calls visit(distance) for every vertex that reaches `target`, target excluded.
template <typename Visit>
void ForEachDistanceTo(const Graph& g, VertexId target, BfsScratch& s, Visit visit) {
  s.queue.clear();
  s.queue.push_back(target);
  s.dist[target] = 0;
  for (size_t head = 0; head < s.queue.size(); ++head) {
    const VertexId v = s.queue[head];
    for (VertexId u : g.in_neighbors(v)) {
      if (s.dist[u] != kNoHops) continue;
      s.dist[u] = s.dist[v] + 1;
      visit(s.dist[u]);
      s.queue.push_back(u);
    }
  }
  for (VertexId v : s.queue) s.dist[v] = kNoHops;  // reset only what was touched
}

template <typename PerVertex>
std::vector<double> ForEachVertexParallel(const Graph& g, PerVertex per_vertex) {
  const uint32_t n = g.num_vertices();
  std::vector<double> out(n, 0.0);
  tbb::enumerable_thread_specific<BfsScratch> scratch([n] { return BfsScratch(n); });
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 16), [&](const auto& r) {
    BfsScratch& s = scratch.local();
    for (VertexId v = r.begin(); v != r.end(); ++v) out[v] = per_vertex(v, s);
  });
  return out;
}

}  // namespace

std::vector<double> Closeness(const Graph& g) {
  const double n = g.num_vertices();
  return ForEachVertexParallel(g, [&](VertexId v, BfsScratch& s) {
    double total = 0, reached = 0;
    ForEachDistanceTo(g, v, s, [&](uint32_t d) { total += d; reached += 1; });
    if (total == 0 || n <= 1) return 0.0;
    return (reached / total) * (reached / (n - 1));
  });
}

std::vector<double> Harmonic(const Graph& g) {
  return ForEachVertexParallel(g, [&](VertexId v, BfsScratch& s) {
    double sum = 0;
    ForEachDistanceTo(g, v, s, [&](uint32_t d) { sum += 1.0 / d; });
    return sum;
  });
}

}  // namespace linchpin::graph
