// PageRank, weighted and personalised.
//
// What: the stationary distribution of a walk that follows an out-arc with probability d (chosen
// in proportion to its weight, here the number of events) and otherwise jumps to the
// personalisation set (all vertices, or the analyst's seeds). A vertex without out-arcs hands its
// whole mass to the personalisation set, as networkx does, so scores sum to 1.
// How: pull-direction power iteration (Page et al. 1999): each vertex sums contributions over its
// in-arcs, so iterations parallelise over vertices without atomics. contribution[u] =
// d * rank[u] / strength_out[u] (pre-divided, so the inner loop is one add, or multiply-add when
// weighted) is written by the same pass that computes rank[u], with the dangling mass, so an
// iteration is one pass over vertices and arcs. The inner loop is compiled for weighted or not
// (all weights 1 counts as not) and uniform or personalised teleport, to keep it tight.
// Contributions stay double: float would put a rounding floor of ~1e-7 on the L1 change, above
// the tolerance.
// Complexity: O(m) per iteration; iterations ~ log(tolerance) / log(d).
// Verifier: PageRankResidual — one serial push-style iteration, which must move scores by less
// than the tolerance (as gapbs's pr.cc verifier).
#include <algorithm>
#include <cmath>
#include <numeric>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include "graph/analytics.h"

namespace linchpin::graph {

namespace {

std::vector<double> TeleportVector(const Graph& g, const PageRankOptions& o) {
  const uint32_t n = g.num_vertices();
  if (o.seeds.empty()) return std::vector<double>(n, 1.0 / n);
  std::vector<double> p(n, 0.0);
  for (VertexId s : o.seeds) p[s] = 1.0;
  const double total = std::accumulate(p.begin(), p.end(), 0.0);
  for (double& x : p) x /= total;
  return p;
}

// 1 / out-strength, or 0 for a vertex without out-arcs (dangling).
std::vector<double> InverseOutStrength(const Graph& g) {
  std::vector<double> s(g.num_vertices());
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, g.num_vertices(), 4096), [&](const auto& r) {
    for (VertexId u = r.begin(); u != r.end(); ++u) {
      double sum = 0;
      for (uint64_t a = g.out_begin(u); a < g.out_end(u); ++a) sum += g.out_weight(a);
      s[u] = sum > 0 ? 1.0 / sum : 0.0;
    }
  });
  return s;
}

// Whether every arc weighs 1 (a case where each pair is one event): then the weighted walk is the
// unweighted one, and the inner loop need not stream the weights.
bool AllUnitWeights(const Graph& g) {
  if (!g.weighted()) return true;
  return tbb::parallel_reduce(
      tbb::blocked_range<VertexId>(0, g.num_vertices(), 4096), true,
      [&](const auto& r, bool all) {
        for (VertexId v = r.begin(); all && v != r.end(); ++v) {
          for (uint64_t a = g.in_begin(v); a < g.in_end(v); ++a) all = all && g.in_weight(a) == 1;
        }
        return all;
      },
      std::logical_and<bool>());
}

// The in-CSR the pull loop reads: the graph's own, or a copy with vertices relabelled by
// out-degree. The loop's cost is its random reads of contribution[source]; on a power-law graph
// a few vertices are most sources, and numbering them first packs their contributions into a
// few cache-resident pages, where the graph's own ids scatter them over the whole array.
struct PullCsr {
  const uint64_t* offsets = nullptr;
  const VertexId* sources = nullptr;
  const uint32_t* weights = nullptr;  // null: every arc weighs 1
  std::vector<VertexId> old_of;       // relabelled id -> graph id; empty when not relabelled
  // Vertices from here on have no out-arcs (relabelling puts them last): no arc reads their
  // contribution, so the loop neither computes nor stores it. n when not relabelled.
  uint32_t first_dangling = 0;
  std::vector<uint64_t> offset_store;
  std::vector<VertexId> source_store;
  std::vector<uint32_t> weight_store;
};

// Below this many vertices relabelling is not worth its copy of the in-CSR. It pays even where
// the contributions fit a core's L2 (2 MiB): case-1M (166k vertices) 0.158-0.176 -> 0.149-0.152
// CPU s, rmat-1M (131k) 0.043-0.045 -> 0.038-0.042, same iterations, from skipping the dangling
// tail and packing the hubs' contributions into L1. Below 64k vertices (512 KiB) it was not tried.
constexpr uint32_t kRelabelVertices = 1u << 16;

PullCsr MakePullCsr(const Graph& g, bool weighted) {
  const uint32_t n = g.num_vertices();
  PullCsr c;
  if (n < kRelabelVertices) {
    c.offsets = g.in_offsets().data();
    c.sources = g.in_sources().data();
    c.weights = weighted ? g.in_weights().data() : nullptr;
    c.first_dangling = n;
    return c;
  }
  // Counting sort by out-degree, highest first; ties keep id order.
  uint32_t max_degree = 0;
  for (VertexId v = 0; v < n; ++v) max_degree = std::max(max_degree, g.out_degree(v));
  std::vector<uint32_t> start(size_t{max_degree} + 2, 0);
  for (VertexId v = 0; v < n; ++v) ++start[max_degree - g.out_degree(v) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  c.old_of.resize(n);
  std::vector<VertexId> new_of(n);
  for (VertexId v = 0; v < n; ++v) {
    const VertexId id = start[max_degree - g.out_degree(v)]++;
    c.old_of[id] = v;
    new_of[v] = id;
  }
  c.first_dangling = static_cast<uint32_t>(
      std::count_if(c.old_of.begin(), c.old_of.end(), [&](VertexId v) { return g.out_degree(v) > 0; }));
  c.offset_store.resize(size_t{n} + 1);
  c.offset_store[0] = 0;
  for (VertexId i = 0; i < n; ++i) c.offset_store[i + 1] = c.offset_store[i] + g.in_degree(c.old_of[i]);
  c.source_store.resize(c.offset_store[n]);
  if (weighted) c.weight_store.resize(c.offset_store[n]);
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 4096), [&](const auto& r) {
    for (VertexId i = r.begin(); i != r.end(); ++i) {
      const VertexId v = c.old_of[i];
      uint64_t out = c.offset_store[i];
      for (uint64_t a = g.in_begin(v); a < g.in_end(v); ++a, ++out) {
        c.source_store[out] = new_of[g.in_source(a)];
        if (weighted) c.weight_store[out] = g.in_weight(a);
      }
    }
  });
  c.offsets = c.offset_store.data();
  c.sources = c.source_store.data();
  c.weights = weighted ? c.weight_store.data() : nullptr;
  return c;
}

// `values` by graph id, reordered to the pull CSR's ids.
std::vector<double> ToPullIds(const PullCsr& c, std::vector<double> values) {
  if (c.old_of.empty() || values.empty()) return values;
  std::vector<double> out(values.size());
  for (size_t i = 0; i < out.size(); ++i) out[i] = values[c.old_of[i]];
  return out;
}

// The state of one power iteration, double-buffered: `contribution[u]` = d * rank[u] /
// strength_out[u], what u hands each unit of out-weight.
struct Iterate {
  explicit Iterate(uint32_t n) : rank(n), contribution(n) {}
  std::vector<double> rank, contribution;
  double dangling = 0;  // rank held by vertices without out-arcs
};

// One pull iteration: next.rank[v] = teleport_mass * teleport[v] + sum over in-arcs of weight *
// contribution[source]. The next iteration's contributions and dangling mass are computed in the
// same pass over v (no separate pass over the vertices). Returns the L1 change.
template <bool kWeighted, bool kUniform>
double PullIteration(const PullCsr& g, uint32_t n, const Iterate& cur, Iterate& next,
                     const std::vector<double>& inv_strength, const std::vector<double>& teleport, double damping) {
  const double teleport_mass = (1.0 - damping) + damping * cur.dangling;
  const double uniform = teleport_mass / n;
  const double* contribution = cur.contribution.data();
  using Sums = std::pair<double, double>;  // L1 change, next dangling mass
  const Sums sums = tbb::parallel_reduce(
      tbb::blocked_range<VertexId>(0, n, 2048), Sums{0.0, 0.0},
      [&](const auto& r, Sums acc) {
        auto rank_of = [&](VertexId v) {
          // Two partial sums: one chain of dependent adds would cost an add's latency per arc.
          double sum0 = 0, sum1 = 0;
          const uint64_t e = g.offsets[v + 1];
          uint64_t a = g.offsets[v];
          for (; a + 1 < e; a += 2) {
            const double c0 = contribution[g.sources[a]], c1 = contribution[g.sources[a + 1]];
            sum0 += kWeighted ? c0 * g.weights[a] : c0;
            sum1 += kWeighted ? c1 * g.weights[a + 1] : c1;
          }
          if (a < e) sum0 += kWeighted ? contribution[g.sources[a]] * g.weights[a] : contribution[g.sources[a]];
          const double rank = (kUniform ? uniform : teleport_mass * teleport[v]) + (sum0 + sum1);
          next.rank[v] = rank;
          acc.first += std::fabs(rank - cur.rank[v]);
          return rank;
        };
        const VertexId split = std::clamp(g.first_dangling, r.begin(), r.end());
        for (VertexId v = r.begin(); v != split; ++v) {
          const double rank = rank_of(v);
          next.contribution[v] = damping * rank * inv_strength[v];
          if (inv_strength[v] == 0) acc.second += rank;
        }
        for (VertexId v = split; v != r.end(); ++v) acc.second += rank_of(v);
        return acc;
      },
      [](Sums a, Sums b) { return Sums{a.first + b.first, a.second + b.second}; });
  next.dangling = sums.second;
  return sums.first;
}

}  // namespace

PageRankResult PageRank(const Graph& g, const PageRankOptions& o) {
  const uint32_t n = g.num_vertices();
  PageRankResult result;
  if (n == 0) return result;
  const bool uniform = o.seeds.empty();
  const bool weighted = !AllUnitWeights(g);
  const PullCsr csr = MakePullCsr(g, weighted);
  const std::vector<double> teleport = uniform ? std::vector<double>() : ToPullIds(csr, TeleportVector(g, o));
  const std::vector<double> inv_strength = ToPullIds(csr, InverseOutStrength(g));
  Iterate cur(n), next(n);
  cur.rank.assign(n, 1.0 / n);
  for (VertexId u = 0; u < n; ++u) {
    cur.contribution[u] = o.damping * cur.rank[u] * inv_strength[u];
    if (inv_strength[u] == 0) cur.dangling += cur.rank[u];
  }
  auto iteration = weighted ? (uniform ? PullIteration<true, true> : PullIteration<true, false>)
                            : (uniform ? PullIteration<false, true> : PullIteration<false, false>);
  for (result.iterations = 1; result.iterations <= o.max_iterations; ++result.iterations) {
    result.residual = iteration(csr, n, cur, next, inv_strength, teleport, o.damping);
    std::swap(cur, next);
    if (result.residual < o.tolerance) break;
  }
  result.iterations = std::min(result.iterations, o.max_iterations);
  if (csr.old_of.empty()) {
    result.score = std::move(cur.rank);
  } else {
    result.score.resize(n);
    for (VertexId i = 0; i < n; ++i) result.score[csr.old_of[i]] = cur.rank[i];
  }
  return result;
}

double PageRankResidual(const Graph& g, const PageRankOptions& o, std::span<const double> score) {
  const uint32_t n = g.num_vertices();
  const std::vector<double> teleport = TeleportVector(g, o);
  std::vector<double> next(n, 0.0);
  double dangling = 0;
  for (VertexId u = 0; u < n; ++u) {
    double strength = 0;
    for (uint64_t a = g.out_begin(u); a < g.out_end(u); ++a) strength += g.out_weight(a);
    if (strength == 0) { dangling += score[u]; continue; }
    for (uint64_t a = g.out_begin(u); a < g.out_end(u); ++a) {
      next[g.out_target(a)] += o.damping * score[u] * g.out_weight(a) / strength;
    }
  }
  double change = 0;
  for (VertexId v = 0; v < n; ++v) {
    next[v] += ((1.0 - o.damping) + o.damping * dangling) * teleport[v];
    change += std::fabs(next[v] - score[v]);
  }
  return change;
}

}  // namespace linchpin::graph
