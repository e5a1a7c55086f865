// Community detection: Louvain modularity optimisation.
//
// What: a partition of the undirected weighted graph (weights = events) with high modularity
// Q = sum_c [ in_c / 2m - gamma (tot_c / 2m)^2 ], Newman & Girvan (2004) with resolution gamma.
// How: Louvain (Blondel et al. 2008). Local moving: visit vertices in a seeded random order and
// move each to the neighbouring community of largest gain k_i,c - gamma tot_c k_i / 2m, then
// revisit only the neighbours of vertices that moved (pruning), until no vertex gains by moving;
// then aggregate each community into one vertex (inner weight kept on the
// diagonal) and repeat on the smaller graph until no level improves Q. Deterministic for a seed:
// ties keep the current community, then the first one met in arc order.
// Known limit: Louvain can leave a community internally disconnected (Traag et al. 2019, the
// reason for Leiden); the labels returned are as found, and Modularity() is recomputed on the
// original graph so the figure reported is exact.
// Complexity: O(m) per pass; a few passes per level, levels ~ log n in practice.
#include <algorithm>
#include <numeric>
#include <random>

#include "graph/analytics.h"

namespace linchpin::graph {

namespace {

// A weighted undirected graph whose diagonal holds the weight inside aggregated vertices.
struct LevelGraph {
  std::vector<uint64_t> offsets;
  std::vector<uint32_t> neighbor;
  std::vector<double> weight;
  std::vector<double> loop;    // A_ii
  std::vector<double> degree;  // k_i = A_ii + sum_j A_ij
  double total = 0;            // 2m = sum_i k_i
  uint32_t size() const { return static_cast<uint32_t>(loop.size()); }
};

LevelGraph FromGraph(const Graph& g) {
  LevelGraph lg;
  const uint32_t n = g.num_vertices();
  lg.offsets.resize(size_t{n} + 1);
  for (VertexId v = 0; v <= n; ++v) lg.offsets[v] = v < n ? g.out_begin(v) : g.num_arcs();
  lg.neighbor.resize(g.num_arcs());
  lg.weight.resize(g.num_arcs());
  lg.loop.assign(n, 0.0);
  lg.degree.assign(n, 0.0);
  for (VertexId v = 0; v < n; ++v) {
    for (uint64_t a = g.out_begin(v); a < g.out_end(v); ++a) {
      lg.neighbor[a] = g.out_target(a);
      lg.weight[a] = g.out_weight(a);
      lg.degree[v] += g.out_weight(a);
    }
    lg.total += lg.degree[v];
  }
  return lg;
}

// Moves vertices between communities until none gains by moving; true if anything moved.
// Vertices are visited from a queue, first all in a seeded random order; a vertex that moves puts
// back in the queue its neighbours outside its new community, the only ones whose best move can
// have changed (Ozaki, Tezuka & Inaba 2016, "pruning" Louvain). Later sweeps then touch the few
// vertices near recent moves instead of every vertex again; it stops when the queue is empty,
// i.e. when no vertex has a move that raises Q, as the full sweeps did.
bool LocalMoving(const LevelGraph& g, double gamma, std::mt19937_64& rng,
                 std::vector<uint32_t>& community) {
  const uint32_t n = g.size();
  std::vector<double> tot(g.degree);  // each vertex starts alone
  std::vector<uint32_t> queue(n);     // a ring: every vertex is in it at most once
  std::iota(queue.begin(), queue.end(), 0);
  std::shuffle(queue.begin(), queue.end(), rng);
  std::vector<uint8_t> queued(n, 1);
  size_t head = 0, queued_count = n;
  std::vector<double> link(n, 0.0);   // weight from the current vertex to each community
  std::vector<uint32_t> touched;
  bool moved_any = false;
  // Every move raises Q, so this only bounds slow convergence (as 100 full sweeps did).
  const uint64_t max_visits = uint64_t{100} * n;
  for (uint64_t visits = 0; queued_count > 0 && visits < max_visits; ++visits) {
    const uint32_t i = queue[head];
    head = head + 1 == n ? 0 : head + 1;
    --queued_count;
    queued[i] = 0;
    const uint32_t own = community[i];
    touched.clear();
    touched.push_back(own);
    for (uint64_t a = g.offsets[i]; a < g.offsets[i + 1]; ++a) {
      const uint32_t c = community[g.neighbor[a]];
      if (link[c] == 0.0 && c != own) touched.push_back(c);
      link[c] += g.weight[a];
    }
    tot[own] -= g.degree[i];
    const double scale = gamma * g.degree[i] / g.total;
    uint32_t best = own;
    double best_gain = link[own] - scale * tot[own];
    for (uint32_t c : touched) {
      const double gain = link[c] - scale * tot[c];
      if (gain > best_gain + 1e-12) {  // a tie keeps the earlier: own first, then arc order
        best = c;
        best_gain = gain;
      }
    }
    tot[best] += g.degree[i];
    for (uint32_t c : touched) link[c] = 0.0;
    if (best == own) continue;
    community[i] = best;
    moved_any = true;
    for (uint64_t a = g.offsets[i]; a < g.offsets[i + 1]; ++a) {
      const uint32_t j = g.neighbor[a];
      if (queued[j] || community[j] == best) continue;
      queued[j] = 1;
      size_t tail = head + queued_count;
      if (tail >= n) tail -= n;
      queue[tail] = j;
      ++queued_count;
    }
  }
  return moved_any;
}

// Renumbers communities 0..k-1 by first appearance; returns k.
uint32_t Compact(std::vector<uint32_t>& community) {
  std::vector<uint32_t> id(community.size(), kNoVertex);
  uint32_t next = 0;
  for (uint32_t& c : community) {
    if (id[c] == kNoVertex) id[c] = next++;
    c = id[c];
  }
  return next;
}

// One vertex per community; arcs between communities summed, inner weight onto the diagonal.
LevelGraph Aggregate(const LevelGraph& g, const std::vector<uint32_t>& community, uint32_t k) {
  std::vector<std::vector<uint32_t>> members(k);
  for (uint32_t v = 0; v < g.size(); ++v) members[community[v]].push_back(v);
  LevelGraph out;
  out.offsets.assign(size_t{k} + 1, 0);
  out.loop.assign(k, 0.0);
  out.degree.assign(k, 0.0);
  out.total = g.total;
  std::vector<double> link(k, 0.0);
  std::vector<uint32_t> touched;
  for (uint32_t c = 0; c < k; ++c) {
    touched.clear();
    for (uint32_t v : members[c]) {
      out.loop[c] += g.loop[v];
      out.degree[c] += g.degree[v];
      for (uint64_t a = g.offsets[v]; a < g.offsets[v + 1]; ++a) {
        const uint32_t d = community[g.neighbor[a]];
        if (d == c) { out.loop[c] += g.weight[a]; continue; }
        if (link[d] == 0.0) touched.push_back(d);
        link[d] += g.weight[a];
      }
    }
    std::sort(touched.begin(), touched.end());
    for (uint32_t d : touched) {
      out.neighbor.push_back(d);
      out.weight.push_back(link[d]);
      link[d] = 0.0;
    }
    out.offsets[c + 1] = out.neighbor.size();
  }
  return out;
}

}  // namespace

double Modularity(const Graph& input, std::span<const uint32_t> label, double gamma) {
  const Graph g = input.directed() ? input.Symmetrized() : input;
  const uint32_t n = g.num_vertices();
  const uint32_t k = n == 0 ? 0 : *std::max_element(label.begin(), label.end()) + 1;
  std::vector<double> inner(k, 0.0), tot(k, 0.0);
  double total = 0;
  for (VertexId u = 0; u < n; ++u) {
    for (uint64_t a = g.out_begin(u); a < g.out_end(u); ++a) {
      const double w = g.out_weight(a);
      total += w;
      tot[label[u]] += w;
      if (label[u] == label[g.out_target(a)]) inner[label[u]] += w;
    }
  }
  if (total == 0) return 0.0;
  double q = 0;
  for (uint32_t c = 0; c < k; ++c) q += inner[c] / total - gamma * (tot[c] / total) * (tot[c] / total);
  return q;
}

Communities Louvain(const Graph& input, const CommunityOptions& o) {
  const Graph g = input.directed() ? input.Symmetrized() : input;
  Communities result;
  const uint32_t n = g.num_vertices();
  result.label.resize(n);
  std::iota(result.label.begin(), result.label.end(), 0);
  if (n == 0) return result;
  std::mt19937_64 rng(o.seed);
  LevelGraph level = FromGraph(g);
  if (level.total == 0) {  // no edges: every vertex alone
    result.count = n;
    return result;
  }
  for (result.levels = 0; result.levels < o.max_levels; ++result.levels) {
    std::vector<uint32_t> community(level.size());
    std::iota(community.begin(), community.end(), 0);
    if (!LocalMoving(level, o.resolution, rng, community)) break;
    const uint32_t k = Compact(community);
    for (uint32_t& l : result.label) l = community[l];
    if (k == level.size()) break;
    level = Aggregate(level, community, k);
  }
  result.count = Compact(result.label);
  result.modularity = Modularity(g, result.label, o.resolution);
  return result;
}

}  // namespace linchpin::graph
