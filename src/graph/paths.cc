// Paths between two entities: shortest, k shortest, and time-respecting.
//
// Shortest — BFS from the source (hops; neighbour lists are sorted, so ties resolve to the
// lowest vertex ids and the answer is deterministic). O(n + m). Distances from one source
// (BfsDistances) use a parallel direction-optimising BFS, below; from many sources at once
// (MultiSourceBfs, BfsDistancesFrom) a multi-source BFS, 64 sources per batch, each arc read
// serving every source whose BFS is at that level. O(batches (n + m)) at best, O(sources m) worst.
// k shortest — Yen (1971): each next path deviates from a previous one at a spur vertex; the
// spur's continuation is a BFS that avoids the root's vertices and the arcs previous paths took
// from that root. Loopless paths by increasing hops. O(k n (n + m)).
// Time-respecting — "who could have passed this on": a path whose contacts happen in time order,
// each strictly after the one before (Kempe, Kleinberg & Kumar 2000; earliest-arrival journeys,
// Wu et al. 2014). Because the EventTable is sorted by time, one pass over the events in the
// window settles every entity's earliest arrival: an event u -> v at t reaches v when u was
// reached before t. O(E) time, O(n) memory; the path is read back through the event that first
// reached each entity, so every hop is an EventTable row.
#include <algorithm>
#include <cassert>
#include <atomic>
#include <set>

#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include "graph/analytics.h"

namespace linchpin::graph {

namespace {

// Direction-optimising BFS (Beamer, Asanovic & Patterson, SC 2012; as gapbs bfs.cc). Top-down
// steps expand the frontier's out-arcs; once the frontier's arcs exceed the unexplored arcs /
// kAlpha, bottom-up steps let each unvisited vertex look for *one* parent among its in-arcs and
// stop at the first — on a small-world graph the two or three big middle levels then touch a
// fraction of the arcs. Back to top-down when the frontier shrinks below n / kBeta.
constexpr double kAlpha = 15, kBeta = 18;

// One parallel top-down step; returns the out-arcs of the new frontier.
uint64_t TopDownStep(const Graph& g, std::vector<uint32_t>& dist, std::vector<VertexId>& frontier, uint32_t level) {
  tbb::enumerable_thread_specific<std::vector<VertexId>> next;
  tbb::combinable<uint64_t> scout([] { return uint64_t{0}; });
  tbb::parallel_for(tbb::blocked_range<size_t>(0, frontier.size(), 64), [&](const auto& r) {
    auto& local = next.local();
    uint64_t arcs = 0;
    for (size_t i = r.begin(); i != r.end(); ++i) {
      for (VertexId w : g.out_neighbors(frontier[i])) {
        std::atomic_ref<uint32_t> d(dist[w]);
        uint32_t unvisited = kNoHops;
        if (d.load(std::memory_order_relaxed) == kNoHops && d.compare_exchange_strong(unvisited, level + 1)) {
          local.push_back(w);
          arcs += g.out_degree(w);
        }
      }
    }
    scout.local() += arcs;
  });
  frontier.clear();
  for (auto& local : next) frontier.insert(frontier.end(), local.begin(), local.end());
  return scout.combine(std::plus<>());
}

// A frontier as one bit per vertex: the bottom-up step reads it at random, once per in-arc it
// tries, and at 1 bit a vertex it stays in L1 (case-1M: 20 KiB, against 163 KiB as bytes).
using Bits = std::vector<uint64_t>;
inline bool TestBit(const Bits& b, VertexId v) { return (b[v >> 6] >> (v & 63)) & 1; }

// One parallel bottom-up step over the `in_frontier` bits; returns the new frontier's size.
// Tasks own whole 64-vertex words of `next`, so no write is shared.
uint64_t BottomUpStep(const Graph& g, std::vector<uint32_t>& dist, const Bits& in_frontier, Bits& next,
                      uint32_t level) {
  const uint32_t n = g.num_vertices();
  return tbb::parallel_reduce(
      tbb::blocked_range<size_t>(0, next.size(), 64), uint64_t{0},
      [&](const auto& r, uint64_t awake) {
        for (size_t word = r.begin(); word != r.end(); ++word) {
          uint64_t bits = 0;
          const VertexId vb = static_cast<VertexId>(word * 64);
          const VertexId ve = static_cast<VertexId>(std::min<uint64_t>(uint64_t{vb} + 64, n));
          for (VertexId v = vb; v != ve; ++v) {
            if (dist[v] != kNoHops) continue;
            for (VertexId u : g.in_neighbors(v)) {
              if (!TestBit(in_frontier, u)) continue;
              dist[v] = level + 1;
              bits |= uint64_t{1} << (v - vb);
              ++awake;
              break;
            }
          }
          next[word] = bits;
        }
        return awake;
      },
      std::plus<>());
}

}  // namespace

std::vector<uint32_t> BfsDistances(const Graph& g, VertexId source) {
  const uint32_t n = g.num_vertices();
  std::vector<uint32_t> dist(n, kNoHops);
  dist[source] = 0;
  std::vector<VertexId> frontier{source};
  uint64_t edges_to_check = g.num_arcs(), scout = g.out_degree(source);
  for (uint32_t level = 0; !frontier.empty(); ++level) {
    if (static_cast<double>(scout) > edges_to_check / kAlpha) {
      Bits bitmap((size_t{n} + 63) / 64, 0), next(bitmap.size(), 0);
      for (VertexId v : frontier) bitmap[v >> 6] |= uint64_t{1} << (v & 63);
      uint64_t awake = frontier.size(), previous;
      do {
        previous = awake;
        awake = BottomUpStep(g, dist, bitmap, next, level++);
        bitmap.swap(next);
      } while (awake >= previous || static_cast<double>(awake) > n / kBeta);
      --level;  // the loop header increments it again
      frontier.clear();
      for (size_t word = 0; word < bitmap.size(); ++word) {
        for (uint64_t bits = bitmap[word]; bits != 0; bits &= bits - 1) {
          frontier.push_back(static_cast<VertexId>(word * 64 + static_cast<unsigned>(__builtin_ctzll(bits))));
        }
      }
      scout = 1;
    } else {
      edges_to_check -= std::min(edges_to_check, scout);
      scout = TopDownStep(g, dist, frontier, level);
    }
  }
  return dist;
}

// ---------------------------------------------------------------------------------------------
// Multi-source BFS. A level is a top-down step (each frontier vertex ORs its mask into its
// arc heads' next masks, minus what they have seen) or, once the frontier's arcs pass
// m / kMsAlpha, a bottom-up step (each vertex not yet seen by every source ORs in its
// predecessors' masks and stops when it holds them all) — the direction choice of Beamer et al.
// applied to the batch, as Then et al. do. The frontier is kept as a vertex list so the sparse
// first and last levels cost their size, not n.

namespace {

// 5, not the single-source 15: a batch's bottom-up step gains more per arc (every source at once).
// Measured 5-10% less CPU than 15 on the bench graphs and on held-out seed-6 graphs (RESULTS.md).
constexpr double kMsAlpha = 5;

// Runs body(begin, end, out, scout) over [0, count), in parallel or not; returns the
// concatenated `out` vectors in `into` and the summed scouts.
template <typename Body>
uint64_t ForChunks(bool parallel, size_t count, size_t grain, std::vector<VertexId>& into, Body body) {
  into.clear();
  if (!parallel) {
    uint64_t scout = 0;
    body(size_t{0}, count, into, scout);
    return scout;
  }
  struct Local {
    std::vector<VertexId> out;
    uint64_t scout = 0;
  };
  tbb::enumerable_thread_specific<Local> locals;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, count, grain), [&](const auto& r) {
    Local& l = locals.local();
    body(r.begin(), r.end(), l.out, l.scout);
  });
  uint64_t scout = 0;
  for (auto& l : locals) {
    into.insert(into.end(), l.out.begin(), l.out.end());
    scout += l.scout;
  }
  return scout;
}

}  // namespace

MultiSourceBfs::MultiSourceBfs(const Graph& g, bool reverse, bool parallel)
    : g_(g), reverse_(reverse), parallel_(parallel),
      seen_(g.num_vertices(), 0), visit_(g.num_vertices(), 0), visit_next_(g.num_vertices(), 0) {}

void MultiSourceBfs::Run(std::span<const VertexId> sources, const std::function<void(const BfsLevel&)>& on_level) {
  if (sources.empty()) return;
  const uint32_t n = g_.num_vertices();
  assert(sources.size() <= kBfsBatch && "callers split the sources into batches (BfsDistancesFrom)");
  assert(std::all_of(sources.begin(), sources.end(), [&](VertexId s) { return s < n; }));
  // Forward arcs are the ones a BFS follows; backward ones are what a bottom-up step reads.
  auto forward = [&](VertexId v) { return reverse_ ? g_.in_neighbors(v) : g_.out_neighbors(v); };
  auto backward = [&](VertexId v) { return reverse_ ? g_.out_neighbors(v) : g_.in_neighbors(v); };
  const uint64_t all = sources.size() >= 64 ? ~uint64_t{0} : (uint64_t{1} << sources.size()) - 1;
  std::fill(seen_.begin(), seen_.end(), 0);  // visit_ and visit_next_ are left zero by the last run
  frontier_.clear();
  uint64_t scout = 0;
  for (size_t i = 0; i < sources.size(); ++i) {
    const VertexId s = sources[i];
    if (visit_[s] == 0) {
      frontier_.push_back(s);
      scout += forward(s).size();
    }
    visit_[s] |= uint64_t{1} << i;
    seen_[s] |= uint64_t{1} << i;
  }
  for (uint32_t hops = 0;; ++hops) {
    on_level(BfsLevel{hops, frontier_, visit_});
    if (static_cast<double>(scout) > g_.num_arcs() / kMsAlpha) {
      scout = ForChunks(parallel_, n, 1024, next_, [&](size_t b, size_t e, std::vector<VertexId>& out, uint64_t& sc) {
        for (size_t w = b; w != e; ++w) {
          const uint64_t s = seen_[w];
          if (s == all) continue;
          uint64_t m = 0;
          for (VertexId u : backward(static_cast<VertexId>(w))) {
            m |= visit_[u];
            if ((m | s) == all) break;
          }
          m &= ~s;
          if (m == 0) continue;
          visit_next_[w] = m;
          seen_[w] = s | m;
          out.push_back(static_cast<VertexId>(w));
          sc += forward(static_cast<VertexId>(w)).size();
        }
      });
    } else {
      // Heads take only the bits they have not seen, so every head whose next mask went from
      // zero to non-zero is new at this level; seen is read-only until the step is over.
      ForChunks(parallel_, frontier_.size(), 64, next_, [&](size_t b, size_t e, std::vector<VertexId>& out, uint64_t&) {
        for (size_t i = b; i != e; ++i) {
          const uint64_t mv = visit_[frontier_[i]];
          for (VertexId w : forward(frontier_[i])) {
            const uint64_t add = mv & ~seen_[w];
            if (add == 0) continue;
            // Other threads OR into the same masks: read them atomically too.
            const uint64_t next = parallel_ ? std::atomic_ref<uint64_t>(visit_next_[w]).load(std::memory_order_relaxed)
                                            : visit_next_[w];
            if ((next & add) == add) continue;
            uint64_t before;
            if (parallel_) {
              before = std::atomic_ref<uint64_t>(visit_next_[w]).fetch_or(add, std::memory_order_relaxed);
            } else {
              before = visit_next_[w];
              visit_next_[w] |= add;
            }
            if (before == 0) out.push_back(w);
          }
        }
      });
      scout = ForChunks(parallel_, next_.size(), 256, none_, [&](size_t b, size_t e, std::vector<VertexId>&, uint64_t& sc) {
        for (size_t i = b; i != e; ++i) {
          seen_[next_[i]] |= visit_next_[next_[i]];
          sc += forward(next_[i]).size();
        }
      });
    }
    for (VertexId v : frontier_) visit_[v] = 0;
    visit_.swap(visit_next_);
    frontier_.swap(next_);
    if (frontier_.empty()) return;
  }
}

std::vector<std::vector<uint32_t>> BfsDistancesFrom(const Graph& g, std::span<const VertexId> sources) {
  std::vector<std::vector<uint32_t>> dist(sources.size(), std::vector<uint32_t>(g.num_vertices(), kNoHops));
  MultiSourceBfs bfs(g, /*reverse=*/false, /*parallel=*/true);
  for (size_t first = 0; first < sources.size(); first += kBfsBatch) {
    const auto batch = sources.subspan(first, std::min(kBfsBatch, sources.size() - first));
    bfs.Run(batch, [&](const BfsLevel& level) {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, level.vertices.size(), 256), [&](const auto& r) {
        for (size_t j = r.begin(); j != r.end(); ++j) {
          const VertexId v = level.vertices[j];
          for (uint64_t bits = level.reached_by[v]; bits != 0; bits &= bits - 1) {
            dist[first + static_cast<size_t>(__builtin_ctzll(bits))][v] = level.hops;
          }
        }
      });
    });
  }
  return dist;
}

namespace {

// BFS from `source` to `target` avoiding `blocked_vertex` and the arcs in `blocked_arcs`.
std::optional<Path> ConstrainedBfs(const Graph& g, VertexId source, VertexId target,
                                   const std::vector<bool>& blocked_vertex,
                                   const std::set<std::pair<VertexId, VertexId>>& blocked_arcs) {
  std::vector<VertexId> parent(g.num_vertices(), kNoVertex);
  std::vector<VertexId> queue{source};
  parent[source] = source;
  for (size_t head = 0; head < queue.size() && parent[target] == kNoVertex; ++head) {
    const VertexId v = queue[head];
    for (VertexId w : g.out_neighbors(v)) {
      if (parent[w] != kNoVertex || blocked_vertex[w]) continue;
      if (!blocked_arcs.empty() && blocked_arcs.count({v, w})) continue;
      parent[w] = v;
      queue.push_back(w);
    }
  }
  if (parent[target] == kNoVertex) return std::nullopt;
  Path p;
  for (VertexId v = target; v != source; v = parent[v]) p.vertices.push_back(v);
  p.vertices.push_back(source);
  std::reverse(p.vertices.begin(), p.vertices.end());
  return p;
}

// Candidate order for Yen: fewer hops first, then lexicographic — a deterministic total order.
struct ByHopsThenIds {
  bool operator()(const Path& a, const Path& b) const {
    if (a.vertices.size() != b.vertices.size()) return a.vertices.size() < b.vertices.size();
    return a.vertices < b.vertices;
  }
};

}  // namespace

std::optional<Path> ShortestPath(const Graph& g, VertexId source, VertexId target) {
  return ConstrainedBfs(g, source, target, std::vector<bool>(g.num_vertices(), false), {});
}

std::vector<Path> KShortestPaths(const Graph& g, VertexId source, VertexId target, uint32_t k) {
  std::vector<Path> found;
  if (k == 0) return found;
  auto first = ShortestPath(g, source, target);
  if (!first) return found;
  found.push_back(std::move(*first));
  std::set<Path, ByHopsThenIds> candidates;
  std::vector<bool> blocked(g.num_vertices(), false);
  while (found.size() < k) {
    const Path previous = found.back();
    for (size_t i = 0; i + 1 < previous.vertices.size(); ++i) {
      const VertexId spur = previous.vertices[i];
      const std::span<const VertexId> root(previous.vertices.data(), i + 1);
      std::set<std::pair<VertexId, VertexId>> blocked_arcs;
      for (const Path& p : found) {
        if (p.vertices.size() > i + 1 && std::equal(root.begin(), root.end(), p.vertices.begin())) {
          blocked_arcs.insert({p.vertices[i], p.vertices[i + 1]});
        }
      }
      for (size_t j = 0; j < i; ++j) blocked[root[j]] = true;
      if (auto spur_path = ConstrainedBfs(g, spur, target, blocked, blocked_arcs)) {
        Path total;
        total.vertices.assign(root.begin(), root.end() - 1);
        total.vertices.insert(total.vertices.end(), spur_path->vertices.begin(), spur_path->vertices.end());
        if (std::none_of(found.begin(), found.end(), [&](const Path& p) { return p.vertices == total.vertices; })) {
          candidates.insert(std::move(total));
        }
      }
      for (size_t j = 0; j < i; ++j) blocked[root[j]] = false;
    }
    if (candidates.empty()) break;
    found.push_back(*candidates.begin());
    candidates.erase(candidates.begin());
  }
  return found;
}

// ---------------------------------------------------------------------------------------------

EarliestArrival EarliestArrivalFrom(const TemporalGraph& tg, VertexId source, const ViewSpec& view) {
  const EventTable& ev = tg.case_data().events;
  const auto& entity_of = tg.entities().entity_of_endpoint;
  const uint32_t n = tg.num_entities();
  EarliestArrival r;
  r.arrival.assign(n, kNoTime);
  r.via.assign(n, kNoIndex);
  r.arrival[source] = kAtSource;
  std::vector<bool> platform_ok(tg.case_data().platforms.size(), view.platforms.empty());
  for (uint16_t p : view.platforms) platform_ok[p] = true;
  std::vector<bool> in_view(n, view.vertices.empty());
  for (VertexId v : view.vertices) in_view[v] = true;
  const TimeMs from = view.from == kNoTime ? std::numeric_limits<TimeMs>::min() : view.from;
  const TimeMs to = view.to == kNoTime ? std::numeric_limits<TimeMs>::max() : view.to;
  size_t row = std::lower_bound(ev.time.begin(), ev.time.end(), from) - ev.time.begin();
  // A contact u -> v at t passes on what u held strictly before t.
  auto relax = [&](VertexId u, VertexId v, TimeMs t, uint32_t event_row) {
    if (r.arrival[u] == kNoTime || r.arrival[u] >= t || r.arrival[v] != kNoTime) return;
    r.arrival[v] = t;
    r.via[v] = event_row;
  };
  for (; row < ev.size() && ev.time[row] < to; ++row) {
    if (ev.target[row] == kNoEndpoint) continue;
    if (!((view.kinds >> static_cast<unsigned>(ev.kind[row])) & 1u) || !platform_ok[ev.platform[row]]) continue;
    const VertexId u = entity_of[ev.source[row]], v = entity_of[ev.target[row]];
    if (u == kNoVertex || v == kNoVertex || u == v || !in_view[u] || !in_view[v]) continue;
    relax(u, v, ev.time[row], static_cast<uint32_t>(row));
    if (!view.directed) relax(v, u, ev.time[row], static_cast<uint32_t>(row));
  }
  return r;
}

std::optional<TemporalPath> TimeRespectingPath(const TemporalGraph& tg, VertexId source,
                                               VertexId target, const ViewSpec& view) {
  const EarliestArrival ea = EarliestArrivalFrom(tg, source, view);
  if (ea.arrival[target] == kNoTime) return std::nullopt;
  const EventTable& ev = tg.case_data().events;
  const auto& entity_of = tg.entities().entity_of_endpoint;
  TemporalPath path;
  path.arrival = ea.arrival[target];
  for (VertexId v = target; v != source;) {
    const uint32_t row = ea.via[v];
    path.entities.push_back(v);
    path.events.push_back(row);
    const VertexId a = entity_of[ev.source[row]], b = entity_of[ev.target[row]];
    v = (b == v) ? a : b;  // the end that passed it on (either end when undirected)
  }
  path.entities.push_back(source);
  std::reverse(path.entities.begin(), path.entities.end());
  std::reverse(path.events.begin(), path.events.end());
  return path;
}

}  // namespace linchpin::graph
