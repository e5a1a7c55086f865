// Key players (Borgatti 2006): which k actors to remove to break the network apart (KPP-Neg), and
// which k reach the most others (KPP-Pos).
//
// KPP-Neg — fragmentation F = 1 - sum_k s_k (s_k - 1) / (n (n - 1)) over the component sizes s_k
// left once the set is deleted (n = vertices left): the share of pairs that can no longer reach
// each other. Evaluated with a union-find over the surviving arcs, O(m alpha(n)).
// KPP-Pos — distance-weighted reach DR = (1/n) sum_v 1 / d(set, v), members counting 1, from one
// multi-source BFS, O(n + m).
// Search: both objectives are NP-hard to optimise exactly; Borgatti proposes swaps from starting
// sets. Starting sets: the greedy one (each step the candidate that most improves the
// objective); greedy completions of each high-degree candidate forced in first (within
// work_budget); and `restarts` seeded random sets. Each is refined by swapping a member for a
// non-member while that improves it (at most max_swap_rounds rounds); the best set wins.
// Candidates are all vertices, or on large graphs the max_candidates of highest degree.
// Candidate evaluations run in parallel. Complexity: O((k + rounds k) C m), C = candidates.
// Direction is ignored (a cut cell cannot talk either way).
#include <algorithm>
#include <iterator>
#include <numeric>
#include <random>

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include "graph/analytics.h"

namespace linchpin::graph {

namespace {

struct UnionFind {
  explicit UnionFind(uint32_t n) : parent(n), size(n, 1) { std::iota(parent.begin(), parent.end(), 0); }
  VertexId Find(VertexId v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  }
  void Union(VertexId a, VertexId b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (size[a] < size[b]) std::swap(a, b);
    parent[b] = a;
    size[a] += size[b];
  }
  std::vector<VertexId> parent;
  std::vector<uint32_t> size;
};

double FragmentationWithMask(const Graph& g, const std::vector<bool>& removed, uint32_t removed_count) {
  const uint32_t n = g.num_vertices();
  const double left = static_cast<double>(n) - removed_count;
  if (left < 2) return 1.0;
  UnionFind uf(n);
  for (VertexId u = 0; u < n; ++u) {
    if (removed[u]) continue;
    for (VertexId v : g.out_neighbors(u)) if (!removed[v]) uf.Union(u, v);
  }
  double connected_pairs = 0;
  for (VertexId v = 0; v < n; ++v) {
    if (!removed[v] && uf.Find(v) == v) connected_pairs += static_cast<double>(uf.size[v]) * (uf.size[v] - 1.0);
  }
  return 1.0 - connected_pairs / (left * (left - 1));
}

double ReachWithMask(const Graph& g, std::span<const VertexId> set) {
  const uint32_t n = g.num_vertices();
  if (n == 0) return 0;
  std::vector<uint32_t> dist(n, kNoHops);
  std::vector<VertexId> queue;
  for (VertexId s : set) if (dist[s] == kNoHops) { dist[s] = 0; queue.push_back(s); }
  double reach = 0;
  for (size_t head = 0; head < queue.size(); ++head) {
    const VertexId v = queue[head];
    reach += dist[v] == 0 ? 1.0 : 1.0 / dist[v];
    auto visit = [&](VertexId w) { if (dist[w] == kNoHops) { dist[w] = dist[v] + 1; queue.push_back(w); } };
    for (VertexId w : g.out_neighbors(v)) visit(w);
    if (g.directed()) for (VertexId w : g.in_neighbors(v)) visit(w);
  }
  return reach / n;
}

std::vector<VertexId> Candidates(const Graph& g, uint32_t max_candidates) {
  std::vector<VertexId> c(g.num_vertices());
  std::iota(c.begin(), c.end(), 0);
  if (c.size() <= max_candidates) return c;
  auto degree = [&](VertexId v) { return g.out_degree(v) + (g.directed() ? g.in_degree(v) : 0); };
  std::partial_sort(c.begin(), c.begin() + max_candidates, c.end(), [&](VertexId a, VertexId b) {
    return degree(a) != degree(b) ? degree(a) > degree(b) : a < b;
  });
  c.resize(max_candidates);
  std::sort(c.begin(), c.end());
  return c;
}

// Greedy then swaps, maximising score(set). Ties go to the lower vertex id (deterministic).
template <typename Score>
std::vector<VertexId> GreedyThenSwap(const Graph& g, const KeyPlayerOptions& o, Score score) {
  const std::vector<VertexId> candidates = Candidates(g, o.max_candidates);
  const uint32_t k = std::min<uint32_t>(o.k, static_cast<uint32_t>(candidates.size()));
  struct Best { double value; VertexId v; };
  auto better = [](const Best& a, const Best& b) {
    return a.value > b.value + 1e-12 || (a.value >= b.value - 1e-12 && a.v < b.v) ? a : b;
  };
  // The best candidate to put in `slot` of `set` (slot == set.size() appends).
  auto best_for_slot = [&](std::vector<VertexId> set, size_t slot) {
    return tbb::parallel_reduce(
        tbb::blocked_range<size_t>(0, candidates.size(), 1), Best{-1.0, kNoVertex},
        [&](const auto& r, Best best) {
          std::vector<VertexId> trial = set;
          if (slot == trial.size()) trial.push_back(kNoVertex);
          for (size_t i = r.begin(); i != r.end(); ++i) {
            const VertexId c = candidates[i];
            if (std::find(set.begin(), set.end(), c) != set.end()) continue;
            trial[slot] = c;
            best = better(Best{score(trial), c}, best);
          }
          return best;
        },
        better);
  };
  // Swap members for non-members while that improves the score (a local optimum of 1-swaps).
  auto refine = [&](std::vector<VertexId> set) {
    double current = score(set);
    for (int round = 0; round < o.max_swap_rounds; ++round) {
      bool improved = false;
      for (size_t slot = 0; slot < set.size(); ++slot) {
        const Best b = best_for_slot(set, slot);
        if (b.v != kNoVertex && b.value > current + 1e-12) {
          set[slot] = b.v;
          current = b.value;
          improved = true;
        }
      }
      if (!improved) break;
    }
    std::sort(set.begin(), set.end());
    return std::pair{current, set};
  };
  auto complete_greedily = [&](std::vector<VertexId> set) {
    while (set.size() < k) set.push_back(best_for_slot(set, set.size()).v);
    return set;
  };
  auto best = refine(complete_greedily({}));
  auto consider = [&](std::vector<VertexId> start) {
    auto found = refine(complete_greedily(std::move(start)));
    if (found.first > best.first + 1e-12) best = std::move(found);
  };
  if (k < 2) return best.second;
  // Single moves cannot find members that only matter together (two leaders whose joint removal
  // cuts a cell in two while either alone cuts nothing). So also force each high-degree candidate
  // in as the first member — for k = 2 on a small graph that is exhaustive — as far as a work
  // budget allows, and restart from seeded random sets, as Borgatti does.
  const double work_per_start = (k + static_cast<double>(o.max_swap_rounds) * k) * candidates.size() *
                                (static_cast<double>(g.num_arcs()) + g.num_vertices());
  const size_t forced = static_cast<size_t>(std::clamp(o.work_budget / work_per_start, 1.0,
                                                       static_cast<double>(candidates.size())));
  std::vector<VertexId> by_degree = candidates;
  auto degree = [&](VertexId v) { return g.out_degree(v) + (g.directed() ? g.in_degree(v) : 0); };
  std::stable_sort(by_degree.begin(), by_degree.end(), [&](VertexId a, VertexId b) { return degree(a) > degree(b); });
  for (size_t i = 0; i < forced; ++i) consider({by_degree[i]});
  std::mt19937_64 rng(o.seed);
  for (uint32_t r = 0; r < o.restarts; ++r) {
    std::vector<VertexId> start;
    std::sample(candidates.begin(), candidates.end(), std::back_inserter(start), k, rng);
    auto found = refine(start);
    if (found.first > best.first + 1e-12) best = std::move(found);
  }
  return best.second;
}

}  // namespace

double Fragmentation(const Graph& g, std::span<const VertexId> removed) {
  std::vector<bool> mask(g.num_vertices(), false);
  uint32_t count = 0;
  for (VertexId v : removed) if (!mask[v]) { mask[v] = true; ++count; }
  return FragmentationWithMask(g, mask, count);
}

double DistanceWeightedReach(const Graph& g, std::span<const VertexId> set) { return ReachWithMask(g, set); }

KeyPlayerResult KeyPlayersNeg(const Graph& g, const KeyPlayerOptions& o) {
  KeyPlayerResult r;
  r.before = Fragmentation(g, {});
  r.set = GreedyThenSwap(g, o, [&](std::span<const VertexId> s) { return Fragmentation(g, s); });
  r.after = Fragmentation(g, r.set);
  return r;
}

KeyPlayerResult KeyPlayersPos(const Graph& g, const KeyPlayerOptions& o) {
  KeyPlayerResult r;
  r.set = GreedyThenSwap(g, o, [&](std::span<const VertexId> s) { return DistanceWeightedReach(g, s); });
  r.after = DistanceWeightedReach(g, r.set);
  return r;
}

}  // namespace linchpin::graph
