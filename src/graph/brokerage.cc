// Brokerage: Gould-Fernandez roles and Burt's constraint.
//
// Gould & Fernandez (1989) — What: for each vertex j, how often it is the middle of an open
// two-path i -> j -> k (i != k and no arc i -> k, so j's mediation matters), classified by the
// groups (country, community, ...) of i, j, k:
//   coordinator     g(i) = g(j) = g(k)      consultant  g(i) = g(k) != g(j)   (itinerant broker)
//   gatekeeper      g(i) != g(j) = g(k)     representative  g(i) = g(j) != g(k)
//   liaison         all three differ
// On an undirected graph each path counts in both directions, as with a symmetric matrix in
// UCINET or statnet's brokerage(). How: for each broker, every (in-neighbour, out-neighbour)
// pair, with a binary search for the closing arc. O(sum_j in(j) out(j) log d), brokers in
// parallel.
// Burt (1992) — What: constraint c(i) = sum_j (p_ij + sum_q p_iq p_qj)^2 over i's neighbours,
// where p_ij = (w_ij + w_ji) / sum_k (w_ik + w_ki): high when i's contacts are all tied to each
// other (no structural holes). How: on the symmetrised graph, for each i mark p_i. in a dense
// array and walk two steps. O(sum_i sum_{q in N(i)} d(q)), vertices in parallel. As networkx,
// an isolate's constraint is NaN.
#include <cmath>
#include <limits>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "graph/analytics.h"

namespace linchpin::graph {

std::string_view ToString(BrokerRole r) {
  switch (r) {
    case BrokerRole::kCoordinator: return "coordinator";
    case BrokerRole::kConsultant: return "consultant";
    case BrokerRole::kGatekeeper: return "gatekeeper";
    case BrokerRole::kRepresentative: return "representative";
    case BrokerRole::kLiaison: return "liaison";
  }
  return "liaison";
}

namespace {

BrokerRole Classify(uint32_t gi, uint32_t gj, uint32_t gk) {
  if (gi == gj && gj == gk) return BrokerRole::kCoordinator;
  if (gi == gk) return BrokerRole::kConsultant;
  if (gj == gk) return BrokerRole::kGatekeeper;
  if (gi == gj) return BrokerRole::kRepresentative;
  return BrokerRole::kLiaison;
}

}  // namespace

std::vector<BrokerCounts> Brokerage(const Graph& g, std::span<const uint32_t> group) {
  std::vector<BrokerCounts> counts(g.num_vertices(), BrokerCounts{});
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, g.num_vertices(), 64), [&](const auto& r) {
    for (VertexId j = r.begin(); j != r.end(); ++j) {
      for (VertexId i : g.in_neighbors(j)) {
        for (VertexId k : g.out_neighbors(j)) {
          if (k == i || g.HasArc(i, k)) continue;
          ++counts[j][static_cast<int>(Classify(group[i], group[j], group[k]))];
        }
      }
    }
  });
  return counts;
}

std::vector<double> Constraint(const Graph& input) {
  const Graph g = input.directed() ? input.Symmetrized() : input;
  const uint32_t n = g.num_vertices();
  std::vector<double> strength(n, 0.0), result(n, std::numeric_limits<double>::quiet_NaN());
  for (VertexId v = 0; v < n; ++v) {
    for (uint64_t a = g.out_begin(v); a < g.out_end(v); ++a) strength[v] += g.out_weight(a);
  }
  struct Scratch {
    explicit Scratch(uint32_t n) : p(n, 0.0), indirect(n, 0.0), is_neighbor(n, false) {}
    std::vector<double> p, indirect;
    std::vector<bool> is_neighbor;
  };
  tbb::enumerable_thread_specific<Scratch> scratch([n] { return Scratch(n); });
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 64), [&](const auto& r) {
    Scratch& s = scratch.local();
    for (VertexId i = r.begin(); i != r.end(); ++i) {
      if (g.out_degree(i) == 0 || strength[i] == 0) continue;
      for (uint64_t a = g.out_begin(i); a < g.out_end(i); ++a) {
        s.p[g.out_target(a)] = g.out_weight(a) / strength[i];
        s.is_neighbor[g.out_target(a)] = true;
      }
      for (VertexId q : g.out_neighbors(i)) {
        for (uint64_t a = g.out_begin(q); a < g.out_end(q); ++a) {
          const VertexId j = g.out_target(a);
          if (j != i && s.is_neighbor[j]) s.indirect[j] += s.p[q] * g.out_weight(a) / strength[q];
        }
      }
      double c = 0;
      for (VertexId j : g.out_neighbors(i)) {
        const double local = s.p[j] + s.indirect[j];
        c += local * local;
        s.p[j] = s.indirect[j] = 0;
        s.is_neighbor[j] = false;
      }
      result[i] = c;
    }
  });
  return result;
}

}  // namespace linchpin::graph
