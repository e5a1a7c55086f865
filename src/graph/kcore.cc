// k-core decomposition (core numbers).
//
// What: core(v) = the largest k such that v belongs to a subgraph where every vertex has at
// least k neighbours. Peeling order exposes a network's dense nucleus — often the cell itself.
// How: Batagelj & Zaversnik (2003) bucket peeling: vertices sorted by degree in a bucket array;
// repeatedly take the vertex of least current degree, fix its core number, and move each
// neighbour of higher degree one bucket down by swapping it with the first vertex of its bucket.
// Every step is O(1), so the whole decomposition is O(n + m). Runs on the undirected graph
// (direction ignored, parallel arcs merged), as networkx.core_number.
// Verifier: VerifyCoreNumbers re-peels with a plain min-heap and compares.
#include <algorithm>
#include <functional>
#include <queue>

#include "graph/analytics.h"

namespace linchpin::graph {

namespace {
const Graph& Undirected(const Graph& g, Graph& storage) {
  if (!g.directed()) return g;
  storage = g.Symmetrized();
  return storage;
}
}  // namespace

std::vector<uint32_t> CoreNumbers(const Graph& input) {
  Graph storage;
  const Graph& g = Undirected(input, storage);
  const uint32_t n = g.num_vertices();
  std::vector<uint32_t> degree(n), bucket_start, position(n), order(n);
  uint32_t max_degree = 0;
  for (VertexId v = 0; v < n; ++v) max_degree = std::max(max_degree, degree[v] = g.out_degree(v));
  // Counting sort of vertices by degree: order[] holds them, bucket_start[d] where degree d begins.
  bucket_start.assign(size_t{max_degree} + 2, 0);
  for (VertexId v = 0; v < n; ++v) ++bucket_start[degree[v] + 1];
  for (uint32_t d = 1; d < bucket_start.size(); ++d) bucket_start[d] += bucket_start[d - 1];
  {
    std::vector<uint32_t> cursor(bucket_start.begin(), bucket_start.end() - 1);
    for (VertexId v = 0; v < n; ++v) {
      position[v] = cursor[degree[v]]++;
      order[position[v]] = v;
    }
  }
  for (uint32_t i = 0; i < n; ++i) {
    const VertexId v = order[i];  // least current degree among the unpeeled; degree[v] is final
    for (VertexId u : g.out_neighbors(v)) {
      if (degree[u] <= degree[v]) continue;
      // Move u to the front of its bucket, then shrink the bucket by one: u drops a degree.
      const uint32_t du = degree[u];
      const uint32_t front = bucket_start[du];
      const VertexId w = order[front];
      if (w != u) {
        std::swap(order[front], order[position[u]]);
        position[w] = position[u];
        position[u] = front;
      }
      ++bucket_start[du];
      --degree[u];
    }
  }
  return degree;
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
