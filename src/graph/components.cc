// Connected components: weak (Afforest) and strong (Tarjan).
//
// Weak — What: vertices joined by a path ignoring direction. How: Afforest (Sutton, Ben-Nun &
// Barak, IPDPS 2018, as in gapbs cc.cc): link every vertex to its first two neighbours only
// (lock-free union by smaller id with compare-and-swap, then pointer-jumping compression), which
// already settles the giant component; sample the most frequent root and skip its members in the
// final pass over the remaining arcs. On a power-law graph the final pass touches a small
// fraction of the arcs. A directed graph also links in-arcs in the final pass, since an arc from
// the giant component into a vertex is only seen from that vertex's side.
// Complexity: O(m) work, near-linear; parallel over vertices.
// Strong — What: maximal sets where every vertex reaches every other. How: Tarjan (1972) with an
// explicit stack (no recursion, so a 10M-vertex chain cannot overflow). O(n + m), serial.
// Verifier: VerifyWeakComponents checks every arc stays inside one label and that a plain queue
// BFS finds the same number of components.
#include <atomic>
#include <random>
#include <unordered_map>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "graph/analytics.h"

namespace linchpin::graph {

uint32_t Components::largest() const {
  uint32_t best = 0;
  for (uint32_t c = 1; c < size.size(); ++c) if (size[c] > size[best]) best = c;
  return best;
}

namespace {

using Parents = std::vector<VertexId>;

// Hooks the larger root under the smaller; retries when another thread moved a root first.
void Link(VertexId u, VertexId v, Parents& comp) {
  auto at = [&](VertexId x) { return std::atomic_ref<VertexId>(comp[x]); };
  VertexId p1 = at(u).load(std::memory_order_relaxed), p2 = at(v).load(std::memory_order_relaxed);
  while (p1 != p2) {
    const VertexId high = std::max(p1, p2), low = std::min(p1, p2);
    VertexId expected = high;
    const VertexId p_high = at(high).load(std::memory_order_relaxed);
    if (p_high == low) break;
    if (p_high == high && at(high).compare_exchange_strong(expected, low)) break;
    p1 = at(at(high).load(std::memory_order_relaxed)).load(std::memory_order_relaxed);
    p2 = at(low).load(std::memory_order_relaxed);
  }
}

// Pointer jumping until every vertex points at its root.
void Compress(Parents& comp) {
  auto load = [&](VertexId x) { return std::atomic_ref<VertexId>(comp[x]).load(std::memory_order_relaxed); };
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, static_cast<VertexId>(comp.size()), 16384),
                    [&](const auto& r) {
    for (VertexId v = r.begin(); v != r.end(); ++v) {
      VertexId parent = load(v), grandparent = load(parent);
      while (parent != grandparent) {
        std::atomic_ref<VertexId>(comp[v]).store(grandparent, std::memory_order_relaxed);
        parent = grandparent;
        grandparent = load(parent);
      }
    }
  });
}

VertexId MostFrequentRoot(const Parents& comp) {
  std::mt19937 rng(27491095);
  std::uniform_int_distribution<VertexId> pick(0, static_cast<VertexId>(comp.size()) - 1);
  std::unordered_map<VertexId, int> seen;
  for (int i = 0; i < 1024; ++i) ++seen[comp[pick(rng)]];
  VertexId best = comp[0];
  int best_count = 0;
  for (const auto& [root, count] : seen) {
    if (count > best_count || (count == best_count && root < best)) { best = root; best_count = count; }
  }
  return best;
}

// Labels 0..count-1 in order of each component's smallest vertex.
Components Relabel(const std::vector<VertexId>& root) {
  Components c;
  c.label.resize(root.size());
  std::vector<uint32_t> label_of_root(root.size(), kNoVertex);
  for (VertexId v = 0; v < root.size(); ++v) {
    uint32_t& l = label_of_root[root[v]];
    if (l == kNoVertex) {
      l = static_cast<uint32_t>(c.size.size());
      c.size.push_back(0);
    }
    c.label[v] = l;
    ++c.size[l];
  }
  return c;
}

}  // namespace

Components WeakComponents(const Graph& g) {
  const uint32_t n = g.num_vertices();
  if (n == 0) return {};
  constexpr uint32_t kNeighbourRounds = 2;
  Parents comp(n);
  for (VertexId v = 0; v < n; ++v) comp[v] = v;
  for (uint32_t r = 0; r < kNeighbourRounds; ++r) {
    tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 16384), [&](const auto& range) {
      for (VertexId u = range.begin(); u != range.end(); ++u) {
        if (r < g.out_degree(u)) Link(u, g.out_target(g.out_begin(u) + r), comp);
      }
    });
    Compress(comp);
  }
  const VertexId giant = MostFrequentRoot(comp);
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 16384), [&](const auto& range) {
    for (VertexId u = range.begin(); u != range.end(); ++u) {
      if (std::atomic_ref<VertexId>(comp[u]).load(std::memory_order_relaxed) == giant) continue;
      for (uint64_t a = g.out_begin(u) + kNeighbourRounds; a < g.out_end(u); ++a) Link(u, g.out_target(a), comp);
      if (g.directed()) for (VertexId v : g.in_neighbors(u)) Link(u, v, comp);
    }
  });
  Compress(comp);
  return Relabel(comp);
}

Components StrongComponents(const Graph& g) {
  const uint32_t n = g.num_vertices();
  std::vector<uint32_t> index(n, kNoVertex), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<VertexId> stack, root_of(n, kNoVertex);
  struct Frame { VertexId v; uint64_t next_arc; };
  std::vector<Frame> calls;
  uint32_t next_index = 0;
  for (VertexId start = 0; start < n; ++start) {
    if (index[start] != kNoVertex) continue;
    calls.push_back({start, g.out_begin(start)});
    index[start] = low[start] = next_index++;
    stack.push_back(start);
    on_stack[start] = true;
    while (!calls.empty()) {
      Frame& f = calls.back();
      if (f.next_arc < g.out_end(f.v)) {
        const VertexId w = g.out_target(f.next_arc++);
        if (index[w] == kNoVertex) {
          index[w] = low[w] = next_index++;
          stack.push_back(w);
          on_stack[w] = true;
          calls.push_back({w, g.out_begin(w)});
        } else if (on_stack[w]) {
          low[f.v] = std::min(low[f.v], index[w]);
        }
        continue;
      }
      const VertexId v = f.v;
      calls.pop_back();
      if (!calls.empty()) low[calls.back().v] = std::min(low[calls.back().v], low[v]);
      if (low[v] != index[v]) continue;
      VertexId w;
      do {  // v is a root: pop its component
        w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        root_of[w] = v;
      } while (w != v);
    }
  }
  return Relabel(root_of);
}

bool VerifyWeakComponents(const Graph& g, const Components& c) {
  const uint32_t n = g.num_vertices();
  if (c.label.size() != n) return false;
  for (VertexId u = 0; u < n; ++u) {
    for (VertexId v : g.out_neighbors(u)) if (c.label[u] != c.label[v]) return false;
  }
  std::vector<bool> seen(n, false);
  std::vector<VertexId> queue;
  uint32_t count = 0;
  for (VertexId s = 0; s < n; ++s) {
    if (seen[s]) continue;
    ++count;
    queue.assign(1, s);
    seen[s] = true;
    for (size_t head = 0; head < queue.size(); ++head) {
      const VertexId v = queue[head];
      auto visit = [&](VertexId w) { if (!seen[w]) { seen[w] = true; queue.push_back(w); } };
      for (VertexId w : g.out_neighbors(v)) visit(w);
      for (VertexId w : g.in_neighbors(v)) visit(w);
    }
  }
  return count == c.count();
}

}  // namespace linchpin::graph
