// Community detection: Louvain and Leiden modularity optimisation.
//
// What: a partition of the undirected weighted graph (weights = events) with high modularity
// Q = sum_c [ in_c / 2m - gamma (tot_c / 2m)^2 ], Newman & Girvan (2004) with resolution gamma.
// How: Louvain (Blondel et al. 2008). Local moving: visit vertices in a seeded random order and
// move each to the neighbouring community of largest gain k_i,c - gamma tot_c k_i / 2m, then
// revisit only the neighbours of vertices that moved (pruning), until no vertex gains by moving;
// then aggregate each community into one vertex (inner weight kept on the
// diagonal) and repeat on the smaller graph until no level improves Q. Deterministic for a seed:
// ties keep the current community, then the first one met in arc order.
// Louvain can leave a community internally disconnected, or held together only through a vertex
// that has since moved out (Traag, Waltman & van Eck, Sci. Rep. 9:5233, 2019). Leiden adds a
// refinement between moving and aggregating: inside each community, vertices start alone and
// merge only into well-connected sub-communities, and the aggregate is built from those, with the
// community as the starting partition of the next level. Its communities are connected (tested).
// Modularity() is recomputed on the original graph, so the figure reported is exact either way.
// Complexity: O(m) per pass; a few passes per level, levels ~ log n in practice.
#include <algorithm>
#include <cmath>
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
// `community` is the starting partition (ids below g.size()): singletons for Louvain, the
// previous level's communities for Leiden.
bool LocalMoving(const LevelGraph& g, double gamma, std::mt19937_64& rng,
                 std::vector<uint32_t>& community) {
  const uint32_t n = g.size();
  std::vector<double> tot(n, 0.0);
  for (uint32_t v = 0; v < n; ++v) tot[community[v]] += g.degree[v];
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

// Leiden's refinement (Traag et al. 2019, Algorithm A.2 "MergeNodesSubset"): inside each
// community S of `community`, every vertex starts alone; in a seeded random order, a vertex still
// alone that is well connected to S (its weight into S - v at least gamma k_v (K_S - k_v) / 2m)
// joins a sub-community C of S that is itself well connected to S, or stays alone, with
// probability proportional to exp(gain / theta) over the choices with gain >= 0. A vertex joins
// only a sub-community it has an edge to, so every sub-community is connected. Returns the
// sub-community of every vertex (ids are vertex ids, not compacted).
std::vector<uint32_t> Refine(const LevelGraph& g, const std::vector<uint32_t>& community, uint32_t k, double gamma,
                             double theta, std::mt19937_64& rng) {
  const uint32_t n = g.size();
  std::vector<double> community_degree(k, 0.0);
  for (uint32_t v = 0; v < n; ++v) community_degree[community[v]] += g.degree[v];
  std::vector<uint32_t> refined(n);
  std::iota(refined.begin(), refined.end(), 0);
  std::vector<double> tot(g.degree);      // degree sum of each sub-community
  std::vector<double> outside(n, 0.0);    // each sub-community's weight to the rest of its S
  for (uint32_t v = 0; v < n; ++v) {
    for (uint64_t a = g.offsets[v]; a < g.offsets[v + 1]; ++a) {
      if (g.neighbor[a] != v && community[g.neighbor[a]] == community[v]) outside[v] += g.weight[a];
    }
  }
  std::vector<uint8_t> alone(n, 1);
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<double> link(n, 0.0);       // weight from v to each sub-community
  std::vector<uint32_t> touched;
  std::vector<double> odds;
  std::vector<uint32_t> choices;
  const double per_2m = gamma / g.total;
  auto well_connected = [&](double to_rest, double degree, double of_s) {
    return to_rest >= per_2m * degree * (of_s - degree) - 1e-12;
  };
  for (uint32_t v : order) {
    if (!alone[v]) continue;  // someone joined it: it is no longer a singleton
    const uint32_t s = community[v];
    const double v_to_rest = outside[v];
    if (!well_connected(v_to_rest, g.degree[v], community_degree[s])) continue;
    touched.clear();
    for (uint64_t a = g.offsets[v]; a < g.offsets[v + 1]; ++a) {
      const uint32_t u = g.neighbor[a];
      if (u == v || community[u] != s) continue;
      const uint32_t c = refined[u];
      if (link[c] == 0.0) touched.push_back(c);
      link[c] += g.weight[a];
    }
    // Choices: stay alone (gain 0), or a well-connected sub-community with gain >= 0, the gain in
    // edge weight: w(v, C) - gamma k_v tot_C / 2m (= m dQ), as igraph's Leiden weighs it. Over
    // dQ itself exp(dQ / theta) would be flat on any large graph, and vertices would stay alone
    // as often as they merge: a level then only halves the graph (15 levels instead of 5 at
    // 166k vertices).
    odds.assign(1, 0.0);
    choices.assign(1, v);
    double best = 0.0;
    for (uint32_t c : touched) {
      const double gain = link[c] - per_2m * g.degree[v] * tot[c];
      if (gain < 0 || !well_connected(outside[c], tot[c], community_degree[s])) continue;
      choices.push_back(c);
      odds.push_back(gain);
      best = std::max(best, gain);
    }
    uint32_t chosen = v;
    if (choices.size() > 1) {
      double sum = 0;
      for (double& o : odds) sum += (o = std::exp((o - best) / theta));
      double x = std::uniform_real_distribution<double>(0.0, sum)(rng);
      size_t pick = 0;
      while (pick + 1 < odds.size() && x >= odds[pick]) x -= odds[pick++];
      chosen = choices[pick];
    }
    if (chosen != v) {
      const double w = link[chosen];
      refined[v] = chosen;
      alone[chosen] = 0;
      alone[v] = 0;
      tot[chosen] += g.degree[v];
      outside[chosen] += v_to_rest - 2 * w;
    }
    for (uint32_t c : touched) link[c] = 0.0;
  }
  return refined;
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

uint32_t DisconnectedCommunities(const Graph& input, std::span<const uint32_t> label) {
  const Graph g = input.directed() ? input.Symmetrized() : input;
  const uint32_t n = g.num_vertices();
  const uint32_t k = n == 0 ? 0 : *std::max_element(label.begin(), label.end()) + 1;
  // A breadth-first search that never leaves its community; a community reached from a second
  // start vertex is in pieces.
  std::vector<uint8_t> seen(n, 0), started(k, 0), split(k, 0);
  std::vector<VertexId> stack;
  for (VertexId s = 0; s < n; ++s) {
    if (seen[s]) continue;
    if (started[label[s]]) split[label[s]] = 1;
    started[label[s]] = 1;
    seen[s] = 1;
    stack.assign(1, s);
    while (!stack.empty()) {
      const VertexId u = stack.back();
      stack.pop_back();
      for (uint64_t a = g.out_begin(u); a < g.out_end(u); ++a) {
        const VertexId v = g.out_target(a);
        if (!seen[v] && label[v] == label[u]) {
          seen[v] = 1;
          stack.push_back(v);
        }
      }
    }
  }
  return static_cast<uint32_t>(std::count(split.begin(), split.end(), 1));
}

namespace {

// Where both algorithms start: the undirected graph, every vertex alone, the first level; `done`
// when there is nothing to search (no vertex, or no edge: every vertex stays alone).
struct Search {
  Graph g;
  Communities result;
  LevelGraph level;
  bool done = false;
};

Search StartSearch(const Graph& input) {
  Search s{input.directed() ? input.Symmetrized() : input, {}, {}, false};
  const uint32_t n = s.g.num_vertices();
  s.result.label.resize(n);
  std::iota(s.result.label.begin(), s.result.label.end(), 0);
  if (n > 0) s.level = FromGraph(s.g);
  s.done = n == 0 || s.level.total == 0;
  if (s.done) s.result.count = n;
  return s;
}

// Labels numbered 0..k-1, and the modularity recomputed on the original graph.
Communities FinishSearch(Search& s, double gamma) {
  s.result.count = Compact(s.result.label);
  s.result.modularity = Modularity(s.g, s.result.label, gamma);
  return std::move(s.result);
}

}  // namespace

Communities Louvain(const Graph& input, const CommunityOptions& o) {
  Search s = StartSearch(input);
  if (s.done) return std::move(s.result);
  std::mt19937_64 rng(o.seed);
  Communities& result = s.result;
  LevelGraph& level = s.level;
  for (result.levels = 0; result.levels < o.max_levels; ++result.levels) {
    std::vector<uint32_t> community(level.size());
    std::iota(community.begin(), community.end(), 0);
    if (!LocalMoving(level, o.resolution, rng, community)) break;
    const uint32_t k = Compact(community);
    for (uint32_t& l : result.label) l = community[l];
    if (k == level.size()) break;
    level = Aggregate(level, community, k);
  }
  return FinishSearch(s, o.resolution);
}

Communities Leiden(const Graph& input, const CommunityOptions& o) {
  Search s = StartSearch(input);
  if (s.done) return std::move(s.result);
  std::mt19937_64 rng(o.seed);
  Communities& result = s.result;
  LevelGraph& level = s.level;
  // result.label maps each vertex to its vertex of the current level; `community` partitions
  // that level's vertices, starting from the previous level's communities.
  std::vector<uint32_t> community(level.size());
  std::iota(community.begin(), community.end(), 0);
  for (result.levels = 0; result.levels < o.max_levels; ++result.levels) {
    LocalMoving(level, o.resolution, rng, community);
    const uint32_t k = Compact(community);
    if (k == level.size()) break;  // every community one vertex: nothing left to aggregate
    std::vector<uint32_t> refined = Refine(level, community, k, o.resolution, o.refinement_randomness, rng);
    uint32_t parts = Compact(refined);
    // No vertex was well connected enough to merge anywhere: aggregate the communities
    // themselves, as Louvain does, rather than the same graph again.
    if (parts == level.size()) {
      refined = community;
      parts = k;
    }
    std::vector<uint32_t> next(parts);
    for (uint32_t v = 0; v < level.size(); ++v) next[refined[v]] = community[v];
    for (uint32_t& l : result.label) l = refined[l];
    level = Aggregate(level, refined, parts);
    community = std::move(next);
  }
  for (uint32_t& l : result.label) l = community[l];
  return FinishSearch(s, o.resolution);
}

}  // namespace linchpin::graph
