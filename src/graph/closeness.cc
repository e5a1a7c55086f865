// Closeness and harmonic centrality.
//
// What: how near a vertex is to the others. Closeness (Wasserman-Faust variant, networkx's
// default) = ((r-1) / sum of distances) * ((r-1) / (n-1)) over the r vertices that reach v
// (including v), which keeps scores comparable across components. Harmonic (Boldi-Vigna 2014)
// = sum of 1/d(u, v), robust to disconnection by construction.
// How: a BFS per vertex over the in-arcs (distances *to* v, as networkx), run as multi-source
// BFS (paths.cc) 64 targets at a time, so each arc read serves every target of the batch whose
// BFS is at that level; batches run in parallel, each thread reusing its own masks. A batch's
// levels give every target its count of vertices at each distance; both scores follow from those.
// Complexity: O(n m) time in the worst case, as one BFS per vertex (a vertex enters a batch's
// frontier once per distinct distance to its targets), O(n m / 64) at best; O(n) memory per
// thread. For the largest graphs use the sampled betweenness or PageRank instead.
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "graph/analytics.h"

namespace linchpin::graph {

namespace {

// What one target's BFS adds up: the vertices that reach it, their distances, and 1/distance.
struct Reach {
  double reached = 0, total = 0, harmonic = 0;
};

// The vertices in BFS order over arcs either way, component after component: a batch of 64
// consecutive ones is a neighbourhood, so a vertex tends to be at few distinct distances from
// its targets and sits in the batch's frontier at few levels (Then et al. group sources so too).
std::vector<VertexId> NeighbourhoodOrder(const Graph& g) {
  const uint32_t n = g.num_vertices();
  std::vector<VertexId> order;
  order.reserve(n);
  std::vector<bool> placed(n, false);
  for (VertexId root = 0; root < n; ++root) {
    if (placed[root]) continue;
    placed[root] = true;
    order.push_back(root);
    for (size_t head = order.size() - 1; head < order.size(); ++head) {
      const VertexId v = order[head];
      for (auto arcs : {g.out_neighbors(v), g.in_neighbors(v)}) {
        for (VertexId w : arcs) {
          if (!placed[w]) placed[w] = true, order.push_back(w);
        }
      }
    }
  }
  return order;
}

template <typename Score>
std::vector<double> ForEachVertexInBatches(const Graph& g, Score score) {
  const uint32_t n = g.num_vertices();
  std::vector<double> out(n, 0.0);
  const std::vector<VertexId> order = NeighbourhoodOrder(g);
  tbb::enumerable_thread_specific<MultiSourceBfs> bfs([&g] { return MultiSourceBfs(g, /*reverse=*/true, /*parallel=*/false); });
  const size_t batches = (size_t{n} + kBfsBatch - 1) / kBfsBatch;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, batches, 1), [&](const auto& r) {
    for (size_t b = r.begin(); b != r.end(); ++b) {
      const size_t first = b * kBfsBatch;
      const std::span<const VertexId> targets(order.data() + first, std::min<size_t>(kBfsBatch, n - first));
      std::vector<Reach> reach(targets.size());
      bfs.local().Run(targets, [&](const BfsLevel& level) {
        if (level.hops == 0) return;  // the targets themselves
        std::array<uint32_t, kBfsBatch> count{};
        for (VertexId v : level.vertices) {
          for (uint64_t bits = level.reached_by[v]; bits != 0; bits &= bits - 1) ++count[__builtin_ctzll(bits)];
        }
        for (size_t i = 0; i < targets.size(); ++i) {
          if (count[i] == 0) continue;
          reach[i].reached += count[i];
          reach[i].total += static_cast<double>(count[i]) * level.hops;
          reach[i].harmonic += count[i] / static_cast<double>(level.hops);
        }
      });
      for (size_t i = 0; i < targets.size(); ++i) out[targets[i]] = score(reach[i]);
    }
  });
  return out;
}

}  // namespace

std::vector<double> Closeness(const Graph& g) {
  const double n = g.num_vertices();
  return ForEachVertexInBatches(g, [n](const Reach& r) {
    if (r.total == 0 || n <= 1) return 0.0;
    return (r.reached / r.total) * (r.reached / (n - 1));
  });
}

std::vector<double> Harmonic(const Graph& g) {
  return ForEachVertexInBatches(g, [](const Reach& r) { return r.harmonic; });
}

}  // namespace linchpin::graph
