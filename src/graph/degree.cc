// Degree and strength.
//
// What: per vertex, the number of distinct neighbours (degree) or the sum of arc weights
// (strength, here the number of events), out, in or both.
// How: a read of the CSR offsets (degree) or one pass over the arc weights (strength).
// Complexity: O(n) for degree, O(m) for strength. Reference: Freeman (1978), Barrat et al. (2004).
#include "graph/analytics.h"

namespace linchpin::graph {

std::vector<double> Degree(const Graph& g, Direction dir) {
  std::vector<double> d(g.num_vertices());
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    if (!g.directed() || dir == Direction::kOut) d[v] = g.out_degree(v);
    else if (dir == Direction::kIn) d[v] = g.in_degree(v);
    else d[v] = g.out_degree(v) + g.in_degree(v);
  }
  return d;
}

std::vector<double> Strength(const Graph& g, Direction dir) {
  std::vector<double> s(g.num_vertices(), 0.0);
  const bool out = !g.directed() || dir != Direction::kIn;
  const bool in = g.directed() && dir != Direction::kOut;
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    if (out) for (uint64_t a = g.out_begin(v); a < g.out_end(v); ++a) s[v] += g.out_weight(a);
    if (in) for (uint64_t a = g.in_begin(v); a < g.in_end(v); ++a) s[v] += g.in_weight(a);
  }
  return s;
}

}  // namespace linchpin::graph
