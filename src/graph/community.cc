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
#include <array>
#include <cassert>
#include <cmath>
#include <numeric>
#include <random>
#include <type_traits>

#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include "common/splitmix.h"
#include "graph/analytics.h"

namespace linchpin::graph {

namespace {

// The first level reads the input CSR in place (weight 1 on an unweighted graph): no copy of
// its arcs, and no weight array to stream when there is none. The graph is undirected, so its
// raw in-CSR is its out-CSR (graph.h).
template <bool kWeighted>
struct InputArcs {
  explicit InputArcs(const Graph& g)
      : n(g.num_vertices()), offsets(g.in_offsets().data()), targets(g.in_sources().data()),
        weights(g.in_weights().data()) {
    assert(!g.directed());
  }
  uint32_t n;
  const uint64_t* offsets;
  const VertexId* targets;
  const uint32_t* weights;
  uint32_t size() const { return n; }
  uint64_t begin(uint32_t v) const { return offsets[v]; }
  uint64_t end(uint32_t v) const { return offsets[v + 1]; }
  uint32_t target(uint64_t a) const { return targets[a]; }
  uint32_t weight(uint64_t a) const { return kWeighted ? weights[a] : 1u; }
  void PrefetchOffsets(uint32_t v) const { __builtin_prefetch(&offsets[v]); }
  void Prefetch(uint32_t v) const { __builtin_prefetch(&targets[offsets[v]]); }
};

// Weights are event counts, so every weight, link and degree sum is an integer, summed exactly
// in any order. W holds them: uint32_t while every sum fits (2m < 2^31: the largest is a
// sub-community's outside weight plus a vertex's, at most 2 * 2m), else uint64_t. Half the bytes
// of a double: the per-community sums and the aggregated arcs take half the cache and half the
// fresh pages (whose faults cost several microseconds each on the bench VM), and the gains,
// computed in double from the same integers, are the ones a double would give.
// An aggregated level: one vertex per part of the level below, arcs between parts summed. The
// weight inside a part is left out: no gain below depends on it (it is in the degree).
template <class W>
struct LevelArcs {
  std::vector<uint64_t> offsets;
  std::vector<uint32_t> neighbor;
  std::vector<W> weight_of;
  uint32_t size() const { return static_cast<uint32_t>(offsets.size() - 1); }
  uint64_t begin(uint32_t v) const { return offsets[v]; }
  uint64_t end(uint32_t v) const { return offsets[v + 1]; }
  uint32_t target(uint64_t a) const { return neighbor[a]; }
  W weight(uint64_t a) const { return weight_of[a]; }
  void PrefetchOffsets(uint32_t v) const { __builtin_prefetch(&offsets[v]); }
  void Prefetch(uint32_t v) const {
    __builtin_prefetch(&neighbor[offsets[v]]);
    __builtin_prefetch(&weight_of[offsets[v]]);
  }
};

// LocalMoving splits a large level's vertices into this many parts, moved at the same time.
constexpr uint32_t kParts = 2;

template <class W>
struct MovingPart;

// Buffers sized once for the first (largest) level and reused by every later one, so a level
// allocates nothing. Every array here is left zeroed / cleared where its users expect it.
template <class W>
struct Scratch {
  explicit Scratch(uint32_t n)
      : slot(n), queued(n, 0), queue(size_t{n} + kParts), id(n), touched(n), outside(n), order(n), arc_part(n), arc_weight(n) {}
  // Per community: the weight from the current vertex to it (all 0 between uses), and its degree
  // sum. Side by side, because the gain reads a community's tot right after its link: one miss.
  struct Slot {
    W link = 0, tot = 0;
  };
  std::vector<Slot> slot;
  std::vector<uint8_t> queued;   // LocalMoving's queue membership; all 0 between uses
  std::vector<uint32_t> queue, id, touched;
  std::vector<W> outside;
  std::vector<uint32_t> order;
  std::vector<double> odds;
  std::vector<Slot> spill = std::vector<Slot>(4, Slot{1, 0});  // links never 0: see LocalMoving
  std::vector<uint32_t> choices;
  // One vertex's arcs at a time (fewer than n: every level is a simple graph): the community or
  // part at the end of each, and its weight.
  std::vector<uint32_t> arc_part;
  std::vector<W> arc_weight;
  // LocalMoving's parts. On a split level each part after the first has its own slots, spill,
  // touched list and arc communities (made by PrepareSplit on the first split level: 16 bytes a
  // vertex), and `frozen` holds the communities as of the round's start.
  std::vector<MovingPart<W>> parts;
  std::vector<std::vector<Slot>> more_slots, more_spills;
  std::vector<std::vector<uint32_t>> more_touched, more_arc_parts;
  std::vector<std::vector<W>> more_arc_weights;
  std::vector<std::vector<double>> more_odds;
  std::vector<std::vector<uint32_t>> more_choices;
  std::vector<uint32_t> frozen;
  void PrepareSplit();
};

// One task's buffers for SumLinksByGroup: the slots (shared: the groups of tasks running at once
// are apart) and the task's own touched list and arc scratch. Part 0's are Scratch's own; part
// 1's those PrepareSplit made.
template <class W>
struct LinkBuffers {
  typename Scratch<W>::Slot* slot;
  uint32_t* touched;
  uint32_t* arc_group;
  W* arc_weight;
};
template <class W>
LinkBuffers<W> LinksOf(Scratch<W>& s, uint32_t part) {
  if (part == 0) return {s.slot.data(), s.touched.data(), s.arc_part.data(), s.arc_weight.data()};
  return {s.slot.data(), s.more_touched[part - 1].data(), s.more_arc_parts[part - 1].data(),
          s.more_arc_weights[part - 1].data()};
}

// Adds the weights of v's arcs, by the group `group_of` puts their far ends in, to
// b.slot[group].link, over the arcs whose far end `keep` accepts; each group whose link was 0 is
// listed in b.touched after the `touched_count` listed already. Returns the new count. Two
// passes, as in LocalMoving (here, in Aggregate and Refine, measured neither faster nor slower
// than one loop: the one loop both share).
template <class Arcs, class W, class GroupOf, class Keep>
size_t SumLinksByGroup(const Arcs& g, uint32_t v, GroupOf group_of, Keep keep, const LinkBuffers<W>& b,
                       size_t touched_count) {
  uint32_t* const arc_group = b.arc_group;
  W* const arc_weight = b.arc_weight;
  size_t kept = 0;
  for (uint64_t a = g.begin(v); a < g.end(v); ++a) {
    const uint32_t u = g.target(a);
    arc_group[kept] = group_of(u);  // kept only if accepted: no branch to mispredict
    arc_weight[kept] = g.weight(a);
    kept += keep(u);
  }
  typename Scratch<W>::Slot* const slot = b.slot;
  uint32_t* const touched = b.touched;
  for (size_t k = 0; k < kept; ++k) {
    const uint32_t c = arc_group[k];
    touched[touched_count] = c;  // kept only if new
    touched_count += slot[c].link == 0;
    slot[c].link += arc_weight[k];
  }
  return touched_count;
}

// k_i = sum_j A_ij on the input (no self-loops there); 2m their sum.
template <bool kWeighted>
std::vector<double> Degrees(const InputArcs<kWeighted>& g, double& total) {
  std::vector<double> degree(g.size());
  total = 0;
  for (uint32_t v = 0; v < g.size(); ++v) {
    double k = static_cast<double>(g.end(v) - g.begin(v));
    if (kWeighted) {
      k = 0;
      for (uint64_t a = g.begin(v); a < g.end(v); ++a) k += g.weight(a);
    }
    degree[v] = k;
    total += k;
  }
  return degree;
}

// How many visits ahead LocalMoving fetches a queued vertex's arcs, and its arc range.
constexpr size_t kFetchArcs = 6, kFetchOffsets = 14;
// On a level of at least kFetchFarFrom vertices, whose community and slot arrays (12 bytes a
// vertex) outgrow a core's L2, it also fetches the communities at the ends of the first
// kFetchFarArcs arcs kFetchCommunities visits ahead, and their slots kFetchSlots visit ahead.
// Leiden, case-10M: 9.42-9.45 -> 7.28-7.52 s; rmat-10M (hubs, in cache anyway) and 1M the same
// within the noise. Below, the fetches only cost instructions.
constexpr uint32_t kFetchFarFrom = 1u << 17;
constexpr size_t kFetchCommunities = 3, kFetchSlots = 1, kFetchFarArcs = 16;

// Those far fetches for vertex v: the communities at the ends of its first kFetchFarArcs arcs,
// or those communities' slots. (The same fetches in Aggregate, members ahead, measured slower at
// case-10M: not there.)
template <class Arcs, class CommunityOf>
void PrefetchCommunities(const Arcs& g, uint32_t v, CommunityOf community_of) {
  const uint64_t e = std::min(g.end(v), g.begin(v) + kFetchFarArcs);
  for (uint64_t a = g.begin(v); a < e; ++a) __builtin_prefetch(&community_of(g.target(a)));
}
template <class Arcs, class CommunityOf, class Slot>
void PrefetchSlots(const Arcs& g, uint32_t v, CommunityOf community_of, const Slot* slot) {
  const uint64_t e = std::min(g.end(v), g.begin(v) + kFetchFarArcs);
  for (uint64_t a = g.begin(v); a < e; ++a) __builtin_prefetch(&slot[community_of(g.target(a))]);
}

// One part of a level's vertices, moved by one task (MovePart): its queue, its view of each
// community's degree sum, and its scratch. An unsplit level is one part of every vertex.
template <class W>
struct alignas(128) MovingPart {
  using Slot = typename Scratch<W>::Slot;
  uint32_t lo = 0, size = 0;  // its vertices: [lo, lo + size)
  Slot* slot = nullptr;       // the link scratch (all 0 between visits), and tot as this part sees it
  Slot* spill = nullptr;      // four slots whose links are never 0
  uint32_t* touched = nullptr;
  uint32_t* arc_community = nullptr;
  uint32_t* queue = nullptr;  // a ring of size + 1: each of its vertices is in it at most once
  size_t head = 0, count = 0;
  bool moved_any = false;
  // What the merge after a round (split levels only) tells the other parts: the moves made, in
  // order, and the neighbours in other parts to queue.
  struct Move {
    uint32_t vertex, from, to;
    W weight;  // the vertex's degree
  };
  std::vector<Move> moves;
  std::vector<uint32_t> outbox;
  bool Owns(uint32_t v) const { return v - lo < size; }
  size_t RingIndex(size_t ahead) const {
    const size_t i = head + ahead, ring = size_t{size} + 1;
    return i >= ring ? i - ring : i;
  }
};

// Visits up to `budget` of part p's queued vertices, moving each to the neighbouring community
// of largest gain; returns the visits made. kSplit: other parts run at the same time, so the
// communities of their vertices are read from `frozen` (as of the round's start), community
// sums are p's own view (MergeRound adds the parts' changes up), and a move queues neighbours in
// other parts through p.outbox.
template <bool kSplit, class Arcs, class W>
uint64_t MovePart(const Arcs& g, const double* degree, double per_2m, uint32_t* community,
                  const uint32_t* frozen, uint8_t* queued, uint64_t budget, MovingPart<W>& p) {
  typename Scratch<W>::Slot* const slot = p.slot;
  typename Scratch<W>::Slot* const spill = p.spill;
  uint32_t* const touched = p.touched;
  uint32_t* const arc_community = p.arc_community;
  uint32_t* const queue = p.queue;
  const bool fetch_far = g.size() >= kFetchFarFrom;
  // The part's bounds and queue position in registers: the stores to `queued` (bytes, which may
  // alias anything) would otherwise reload and store them at every arc.
  const uint32_t lo = p.lo, size = p.size;
  const size_t ring = size_t{size} + 1;
  size_t head = p.head, count = p.count;
  auto owns = [&](uint32_t v) { return v - lo < size; };
  auto community_of = [&](uint32_t u) -> const uint32_t& { return kSplit && !owns(u) ? frozen[u] : community[u]; };
  auto at = [&](size_t ahead) {
    const size_t i = head + ahead;
    return i >= ring ? i - ring : i;
  };
  uint64_t visits = 0;
  for (; count > 0 && visits < budget; ++visits) {
    // The queue says which vertices come next, in an order with no locality: fetch their arc
    // ranges, then their arcs and degrees, ahead of time (the misses dominated this loop).
    if (count > kFetchArcs) {
      const uint32_t v = queue[at(kFetchArcs)];
      g.Prefetch(v);
      __builtin_prefetch(&degree[v]);
      if (count > kFetchOffsets) g.PrefetchOffsets(queue[at(kFetchOffsets)]);
    }
    if (fetch_far && count > kFetchCommunities) {
      PrefetchCommunities(g, queue[at(kFetchCommunities)], community_of);
    }
    if (fetch_far && count > kFetchSlots) PrefetchSlots(g, queue[at(kFetchSlots)], community_of, slot);
    const uint32_t i = queue[head];
    head = at(1);
    --count;
    queued[i] = 0;
    const uint32_t own = community[i];
    size_t touched_count = 0;
    // Two passes over i's arcs: the first reads their communities, the second sums the weights.
    // Apart, the community reads wait on nothing and their cache misses overlap; in one loop each
    // waited behind the read-add-write of a slot before it (Leiden, one thread: case-1M 9% and
    // rmat-1M 27% faster apart).
    const uint64_t first = g.begin(i), degree_i = g.end(i) - first;
    for (uint64_t a = 0; a < degree_i; ++a) arc_community[a] = community_of(g.target(first + a));
    // The weight to i's own community is summed apart, in a register: most arcs of a settled
    // vertex go there, and summing them in its slot makes each add wait for the last store. An
    // own arc's add goes to one of four spill slots in turn, whose links are never 0, so it is
    // never touched. (The compiler makes the choice a branch, which measured faster than forcing
    // a select: Leiden case-1M 0.163 -> 0.222 s, the slot's address then waiting on the load.)
    W to_own = 0;
    for (uint64_t a = 0; a < degree_i; ++a) {
      const uint32_t c = arc_community[a];
      const W w = g.weight(first + a);
      const bool mine = c == own;
      to_own += mine ? w : 0;
      W& to = mine ? spill[a & 3].link : slot[c].link;
      touched[touched_count] = c;  // kept only if new: no branch to mispredict
      touched_count += to == 0;
      to += w;
    }
    const W k_i = static_cast<W>(degree[i]);
    slot[own].tot -= k_i;
    const double scale = per_2m * degree[i];
    uint32_t best = own;
    double best_gain = static_cast<double>(to_own) - scale * static_cast<double>(slot[own].tot);
    for (size_t t = 0; t < touched_count; ++t) {
      const uint32_t c = touched[t];
      const double to_c = static_cast<double>(slot[c].link);
      slot[c].link = 0;
      // gain <= link (tot >= 0): a community linked no more than the best gain cannot win. (Its
      // tot is in the same line now; computing every gain without the branch measured slower.)
      if (to_c <= best_gain + 1e-12) continue;
      const double gain = to_c - scale * static_cast<double>(slot[c].tot);
      if (gain > best_gain + 1e-12) {  // a tie keeps the earlier: own first, then arc order
        best = c;
        best_gain = gain;
      }
    }
    slot[best].tot += k_i;
    if (best == own) continue;
    community[i] = best;
    p.moved_any = true;
    if constexpr (kSplit) {
      p.moves.push_back({i, own, best, k_i});
    }
    size_t tail = at(count);
    // arc_community still holds the neighbours' communities: only i has moved, and no arc of a
    // level leads back to its own vertex.
    for (uint64_t a = 0; a < degree_i; ++a) {
      const uint32_t j = g.target(first + a);
      if (kSplit && !owns(j)) {
        if (arc_community[a] != best) p.outbox.push_back(j);
        continue;
      }
      const bool add = !queued[j] & (arc_community[a] != best);
      queue[tail] = j;  // kept only if added: the ring has a free slot at its tail
      queued[j] |= add;
      tail += add;
      tail = tail == ring ? 0 : tail;
      count += add;
    }
  }
  p.head = head;
  p.count = count;
  return visits;
}

template <class W>
void Scratch<W>::PrepareSplit() {
  const size_t n = slot.size();
  more_slots.assign(kParts - 1, std::vector<Slot>(n));
  more_spills.assign(kParts - 1, std::vector<Slot>(4, Slot{1, 0}));
  more_touched.assign(kParts - 1, std::vector<uint32_t>(n));
  more_arc_parts.assign(kParts - 1, std::vector<uint32_t>(n));
  more_arc_weights.assign(kParts - 1, std::vector<W>(n));
  more_odds.resize(kParts - 1);
  more_choices.resize(kParts - 1);
}

// The start of a split level's next round, for part p: it learns the other parts' moves (into
// its view of the communities' sums), publishes its own (into `frozen`), and queues the vertices
// of its own that the others asked for, in part order. Each part writes only its own view, its
// own vertices' `frozen` and `queued` entries and its own queue, so the parts merge at the same
// time, and with the same result whichever threads run them.
template <class W>
void MergeRound(std::vector<MovingPart<W>>& parts, uint32_t q, uint32_t* frozen, uint8_t* queued) {
  MovingPart<W>& p = parts[q];
  for (uint32_t r = 0; r < parts.size(); ++r) {
    if (r == q) continue;
    for (const auto& m : parts[r].moves) {
      p.slot[m.from].tot -= m.weight;  // (W is unsigned: a sum may wrap for a moment, and comes back)
      p.slot[m.to].tot += m.weight;
    }
  }
  for (const auto& m : p.moves) frozen[m.vertex] = m.to;
  for (uint32_t r = 0; r < parts.size(); ++r) {
    if (r == q) continue;
    for (uint32_t j : parts[r].outbox) {
      if (!p.Owns(j) || queued[j]) continue;
      queued[j] = 1;
      p.queue[p.RingIndex(p.count++)] = j;
    }
  }
}

// Moves vertices between communities until none gains by moving; true if anything moved.
// Vertices are visited from a queue, first all in a seeded random order; a vertex that moves puts
// back in the queue its neighbours outside its new community, the only ones whose best move can
// have changed (Ozaki, Tezuka & Inaba 2016, "pruning" Louvain). Later sweeps then touch the few
// vertices near recent moves instead of every vertex again; it stops when the queue is empty,
// i.e. when no vertex has a move that raises Q, as the full sweeps did.
// A level of at least kSplitFrom vertices and kSplitFromArcs arcs is split into kParts ranges of
// consecutive ids with about as many arcs each, moved at the same time in rounds of kRoundVisits
// visits a part (MovePart, MergeRound). A part reads the others' communities and sums as of the
// round's start, so the partition differs from the unsplit search, but not with the threads: the
// parts, rounds and merges are the same on any number. It pays where the parts are loosely
// joined, as a case's ids are (a cell's people are ingested together): Leiden, two threads,
// case-1M 0.155 -> 0.131 s, case-10M 3.85 -> 3.22, case-50M 38.4 -> 28.0, the same modularity
// within +-0.0003 over seeds 1-6 and three generated cases. Where half the arcs cross (R-MAT's ids
// carry no locality, nor do case-10M's levels 2 and 3) it was slower, rmat-1M level 0 65 -> 109 ms
// and case-1M 0.132 -> 0.233 s with those levels split too, so a level is split only while a
// sample of its arcs crosses at most kSplitMaxCut. Rounds of 1024 to 16384 visits measured the
// same within the noise.
// `community` is the starting partition (ids below g.size()): singletons for Louvain, the
// previous level's communities for Leiden. `degree` includes the weight inside a vertex.
constexpr uint32_t kSplitFrom = 1u << 15;
constexpr uint64_t kSplitFromArcs = uint64_t{1} << 18;
constexpr uint64_t kRoundVisits = 4096;
constexpr double kSplitMaxCut = 0.4;

// The first vertex whose arcs start at or after arc number `arc`.
template <class Arcs>
uint32_t FirstVertexFromArc(const Arcs& g, uint64_t arc) {
  uint32_t lo = 0, hi = g.size();
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (g.begin(mid) < arc) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

// The part vertex v belongs to.
template <class W>
uint32_t PartOf(const std::vector<MovingPart<W>>& parts, uint32_t v) {
  uint32_t q = 0;
  while (q + 1 < parts.size() && v >= parts[q + 1].lo) ++q;
  return q;
}

// The share of arcs between different parts, over the arcs of every kCutSample-th vertex.
constexpr uint32_t kCutSample = 8;
template <class Arcs, class W>
double CutFraction(const Arcs& g, const std::vector<MovingPart<W>>& parts) {
  auto part_of = [&](uint32_t v) { return PartOf(parts, v); };
  uint64_t cut = 0, all = 0;
  for (uint32_t v = 0; v < g.size(); v += kCutSample) {
    const uint32_t q = part_of(v);
    for (uint64_t a = g.begin(v); a < g.end(v); ++a) cut += part_of(g.target(a)) != q;
    all += g.end(v) - g.begin(v);
  }
  return all == 0 ? 1.0 : static_cast<double>(cut) / static_cast<double>(all);
}

template <class Arcs, class W>
bool LocalMoving(const Arcs& g, const std::vector<double>& degree, double total, double gamma,
                 std::mt19937_64& rng, std::vector<uint32_t>& community, Scratch<W>& s) {
  const uint32_t n = g.size();
  std::vector<MovingPart<W>>& parts = s.parts;
  parts.resize(kParts);
  for (uint32_t q = 0; q < kParts; ++q) parts[q].lo = FirstVertexFromArc(g, g.end(n - 1) * q / kParts);
  const bool parts_apart = std::adjacent_find(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
                             return a.lo >= b.lo;
                           }) == parts.end() && parts.back().lo < n;
  const bool split = n >= kSplitFrom && g.end(n - 1) >= kSplitFromArcs && parts_apart &&
                     CutFraction(g, parts) <= kSplitMaxCut;
  const uint32_t part_count = split ? kParts : 1;
  parts.resize(part_count);
  if (split && s.more_slots.empty()) s.PrepareSplit();
  for (uint32_t q = 0; q < part_count; ++q) {
    MovingPart<W>& p = parts[q];
    p.size = (q + 1 < part_count ? parts[q + 1].lo : n) - p.lo;
    p.queue = s.queue.data() + p.lo + q;
    p.head = p.count = 0;
    p.moved_any = false;
    p.slot = q == 0 ? s.slot.data() : s.more_slots[q - 1].data();
    p.spill = q == 0 ? s.spill.data() : s.more_spills[q - 1].data();
    p.touched = q == 0 ? s.touched.data() : s.more_touched[q - 1].data();
    p.arc_community = q == 0 ? s.arc_part.data() : s.more_arc_parts[q - 1].data();
  }
  typename Scratch<W>::Slot* const slot = s.slot.data();
  for (uint32_t c = 0; c < n; ++c) slot[c].tot = 0;
  for (uint32_t v = 0; v < n; ++v) slot[community[v]].tot += static_cast<W>(degree[v]);
  // The seeded order, each part's share of it in its own queue.
  uint32_t* order = s.order.data();
  std::iota(order, order + n, 0u);
  std::shuffle(order, order + n, rng);
  for (uint32_t k = 0; k < n; ++k) {
    MovingPart<W>& p = parts[PartOf(parts, order[k])];
    p.queue[p.count++] = order[k];
  }
  uint8_t* queued = s.queued.data();
  std::fill_n(queued, n, uint8_t{1});
  const double per_2m = gamma / total;
  // Every move raises Q (on a split level, as far as its part can see), so this only bounds slow
  // convergence (as 100 full sweeps did).
  const uint64_t max_visits = uint64_t{100} * n;
  if (!split) {
    MovePart<false>(g, degree.data(), per_2m, community.data(), nullptr, queued, max_visits, parts[0]);
  } else {
    std::vector<uint32_t>& frozen = s.frozen;
    frozen.assign(community.begin(), community.end());
    for (uint32_t q = 1; q < part_count; ++q) {
      for (uint32_t c = 0; c < n; ++c) parts[q].slot[c].tot = slot[c].tot;
    }
    std::array<uint64_t, kParts> visits{};
    uint64_t total_visits = 0;
    auto queued_any = [&] {
      return std::any_of(parts.begin(), parts.end(), [](const auto& p) { return p.count > 0; });
    };
    while (total_visits < max_visits && queued_any()) {
      tbb::parallel_for(uint32_t{0}, part_count, [&](uint32_t q) {
        parts[q].moves.clear();
        parts[q].outbox.clear();
        visits[q] = MovePart<true>(g, degree.data(), per_2m, community.data(), frozen.data(), queued,
                                   kRoundVisits, parts[q]);
      });
      for (uint32_t q = 0; q < part_count; ++q) total_visits += visits[q];
      tbb::parallel_for(uint32_t{0}, part_count, [&](uint32_t q) { MergeRound(parts, q, frozen.data(), queued); });
    }
  }
  std::fill_n(queued, n, uint8_t{0});
  return std::any_of(parts.begin(), parts.end(), [](const auto& p) { return p.moved_any; });
}

// Renumbers communities 0..k-1 by first appearance; returns k.
template <class W>
uint32_t Compact(std::vector<uint32_t>& community, Scratch<W>& s) {
  uint32_t* id = s.id.data();
  std::fill_n(id, community.size(), kNoVertex);
  uint32_t next = 0;
  for (uint32_t& c : community) {
    if (id[c] == kNoVertex) id[c] = next++;
    c = id[c];
  }
  return next;
}

// The connected pieces of each community on this level, numbered 0..count-1 into `piece`;
// returns the count. Every vertex of a level is a connected set of input vertices (a refined
// part, or such a piece), so the pieces are connected on the input graph too.
template <class Arcs, class W>
uint32_t ConnectedPieces(const Arcs& g, const std::vector<uint32_t>& community, Scratch<W>& s,
                         std::vector<uint32_t>& piece) {
  const uint32_t n = g.size();
  piece.assign(n, kNoVertex);
  uint32_t* stack = s.queue.data();  // each vertex is pushed once
  uint32_t count = 0;
  for (uint32_t root = 0; root < n; ++root) {
    if (piece[root] != kNoVertex) continue;
    size_t top = 0;
    stack[top++] = root;
    piece[root] = count;
    while (top > 0) {
      const uint32_t v = stack[--top];
      for (uint64_t a = g.begin(v); a < g.end(v); ++a) {
        const uint32_t u = g.target(a);
        if (piece[u] == kNoVertex && community[u] == community[v]) {
          piece[u] = count;
          stack[top++] = u;
        }
      }
    }
    ++count;
  }
  return count;
}

// The vertices 0..n-1 grouped by part (ids below k), by a counting sort into s.order, each
// part's in ascending order; returns the offsets: part c is s.order[start[c]..start[c+1]).
template <class W>
std::vector<uint32_t> GroupByPart(const std::vector<uint32_t>& part, uint32_t n, uint32_t k, Scratch<W>& s) {
  std::vector<uint32_t> start(size_t{k} + 1, 0);
  for (uint32_t v = 0; v < n; ++v) ++start[part[v] + 1];
  for (uint32_t c = 0; c < k; ++c) start[c + 1] += start[c];
  uint32_t* fill = s.id.data();
  std::copy_n(start.begin(), k, fill);
  for (uint32_t v = 0; v < n; ++v) s.order[fill[part[v]]++] = v;
  return start;
}

// One vertex per part (0..k-1) into `out`; arcs between parts summed, in the order first met
// (deterministic). Members are grouped by a counting sort, not a map.
template <class Arcs, class W>
void Aggregate(const Arcs& g, const std::vector<double>& degree, const std::vector<uint32_t>& part,
               uint32_t k, Scratch<W>& s, LevelArcs<W>& out, std::vector<double>& out_degree) {
  const uint32_t n = g.size();
  const std::vector<uint32_t> start = GroupByPart(part, n, k, s);
  const uint32_t* order = s.order.data();
  out.offsets.resize(size_t{k} + 1);
  out.offsets[0] = 0;
  out.neighbor.clear();
  out.weight_of.clear();
  if (out.neighbor.capacity() == 0) {  // the first aggregate: room for as many arcs as its input
    out.neighbor.reserve(g.end(n - 1));
    out.weight_of.reserve(g.end(n - 1));
  }
  out_degree.assign(k, 0.0);
  typename Scratch<W>::Slot* const slot = s.slot.data();
  const uint32_t* touched = s.touched.data();
  const LinkBuffers<W> links = LinksOf(s, 0);
  for (uint32_t c = 0; c < k; ++c) {
    size_t touched_count = 0;
    double deg = 0;
    for (uint32_t m = start[c]; m < start[c + 1]; ++m) {
      // Members are in id order only within a part: fetch ahead, as LocalMoving does.
      if (m + kFetchOffsets < n) g.PrefetchOffsets(order[m + kFetchOffsets]);
      if (m + kFetchArcs < n) g.Prefetch(order[m + kFetchArcs]);
      const uint32_t v = order[m];
      deg += degree[v];
      touched_count = SumLinksByGroup(
          g, v, [&](uint32_t u) { return part[u]; }, [&](uint32_t u) { return part[u] != c; }, links, touched_count);
    }
    out_degree[c] = deg;
    for (size_t t = 0; t < touched_count; ++t) {
      const uint32_t d = touched[t];
      out.neighbor.push_back(d);
      out.weight_of.push_back(slot[d].link);
      slot[d].link = 0;
    }
    out.offsets[c + 1] = out.neighbor.size();
  }
}

// Leiden's refinement (Traag et al. 2019, Algorithm A.2 "MergeNodesSubset"): inside each
// community S of `community`, every vertex starts alone; in a seeded random order, a vertex still
// alone that is well connected to S (its weight into S - v at least gamma k_v (K_S - k_v) / 2m)
// joins a sub-community C of S that is itself well connected to S, or stays alone, with
// probability proportional to exp(gain / theta) over the choices with gain >= 0. A vertex joins
// only a sub-community it has an edge to, so every sub-community is connected. Writes the
// sub-community of every vertex into `refined` (ids are vertex ids, not compacted).
// Refining a community never looks outside it, and writes only its members' entries. So on a
// level LocalMoving split (`split`), each community draws from its own stream (SplitMixEngine,
// from one draw of `rng` and the community's index) and the communities are refined in two runs
// at once, those of the first half of the vertices and the rest: the same answer on any number of
// threads. Leiden on three generated 1M-edge cases, four runs each alternated, min / median:
// 0.144 / 0.151, 0.146 / 0.151, 0.148 / 0.149 -> 0.140 / 0.141, 0.136 / 0.137, 0.139 / 0.140 s,
// the same modularity within 0.0002. Other levels draw from `rng` in community
// order, as before: with streams there too, R-MAT (never split) took 1-8% longer, to a
// modularity 0.0001-0.0002 lower, over seeds 1-3.
template <class Arcs, class W>
void Refine(const Arcs& g, const std::vector<double>& degree, double total, const std::vector<uint32_t>& community,
            uint32_t k, double gamma, double theta, std::mt19937_64& rng, bool split, Scratch<W>& s,
            std::vector<uint32_t>& refined) {
  const uint32_t n = g.size();
  refined.resize(n);
  std::iota(refined.begin(), refined.end(), 0u);
  typename Scratch<W>::Slot* const slot = s.slot.data();  // link and degree sum of each sub-community
  for (uint32_t v = 0; v < n; ++v) slot[v].tot = static_cast<W>(degree[v]);
  W* outside = s.outside.data();  // each sub-community's weight to the rest of its S
  // The members of each community together (a counting sort), each community's in a seeded
  // random order. Refining a community never looks outside it, so this is the same search as one
  // random order over all vertices (igraph refines community by community too), and a
  // community's arcs and sums stay in cache while it is refined.
  const std::vector<uint32_t> start = GroupByPart(community, n, k, s);
  uint32_t* order = s.order.data();
  // "Still alone" is refined[v] == v with no one joined: a vertex someone joins is marked by
  // queued[] (zero on entry, cleared again on exit).
  uint8_t* joined = s.queued.data();
  const double per_2m = gamma / total;
  const uint64_t level_seed = split ? rng() : 0;
  auto well_connected = [&](double to_rest, double deg, double of_s) {
    return to_rest >= per_2m * deg * (of_s - deg) - 1e-12;
  };
  // Communities [from, to) with part `part`'s buffers.
  auto refine_communities = [&](uint32_t from, uint32_t to, uint32_t part) {
    const LinkBuffers<W> links = LinksOf(s, part);
    std::vector<double>& odds = part == 0 ? s.odds : s.more_odds[part - 1];
    std::vector<uint32_t>& choices = part == 0 ? s.choices : s.more_choices[part - 1];
    // One singleton v of community sc (degree sum K_S): stays alone or joins a sub-community.
    // `concurrent`: another run refines other communities at the same time, so refined[] is read
    // only inside S (outside, the other run may be writing it).
    auto refine_vertex = [&](uint32_t v, uint32_t sc, double community_degree, auto& draws, auto concurrent) {
      const W v_to_rest = outside[v];
      if (!well_connected(v_to_rest, degree[v], community_degree)) return;
      auto in_s = [&](uint32_t u) { return community[u] == sc; };
      auto sub_community = [&](uint32_t u) {
        if constexpr (decltype(concurrent)::value) return in_s(u) ? refined[u] : 0u;
        return refined[u];
      };
      const size_t touched_count = SumLinksByGroup(g, v, sub_community, in_s, links, 0);
      // Choices: stay alone (gain 0), or a well-connected sub-community with gain >= 0, the gain
      // in edge weight: w(v, C) - gamma k_v tot_C / 2m (= m dQ), as igraph's Leiden weighs it.
      // Over dQ itself exp(dQ / theta) would be flat on any large graph, and vertices would stay
      // alone as often as they merge: a level then only halves the graph (15 levels instead of 5
      // at 166k vertices).
      odds.assign(1, 0.0);
      choices.assign(1, v);
      double best = 0.0;
      for (size_t t = 0; t < touched_count; ++t) {
        const uint32_t c = links.touched[t];
        const double tot_c = static_cast<double>(slot[c].tot);
        const double gain = static_cast<double>(slot[c].link) - per_2m * degree[v] * tot_c;
        if (gain < 0 || !well_connected(static_cast<double>(outside[c]), tot_c, community_degree)) continue;
        choices.push_back(c);
        odds.push_back(gain);
        best = std::max(best, gain);
      }
      uint32_t chosen = v;
      if (choices.size() > 1) {
        double sum = 0;
        for (double& o : odds) sum += (o = std::exp((o - best) / theta));
        double x = std::uniform_real_distribution<double>(0.0, sum)(draws);
        size_t pick = 0;
        while (pick + 1 < odds.size() && x >= odds[pick]) x -= odds[pick++];
        chosen = choices[pick];
      }
      if (chosen != v) {
        const W w = slot[chosen].link;
        refined[v] = chosen;
        joined[chosen] = 1;
        slot[chosen].tot += static_cast<W>(degree[v]);
        outside[chosen] = outside[chosen] + v_to_rest - 2 * w;  // >= 0 at every step: w <= both
      }
      for (size_t t = 0; t < touched_count; ++t) slot[links.touched[t]].link = 0;
    };
    uint32_t* const end = order + start[to];
    auto refine_community = [&](uint32_t sc, auto& draws, auto concurrent) {
      uint32_t* const first = order + start[sc];
      uint32_t* const last = order + start[sc + 1];
      std::shuffle(first, last, draws);
      double community_degree = 0;  // K_S
      for (uint32_t* m = first; m < last; ++m) {
        if (m + kFetchOffsets < end) g.PrefetchOffsets(m[kFetchOffsets]);  // as in LocalMoving
        if (m + kFetchArcs < end) g.Prefetch(m[kFetchArcs]);
        const uint32_t v = *m;
        W w = 0;
        for (uint64_t a = g.begin(v); a < g.end(v); ++a) {
          if (community[g.target(a)] == sc) w += g.weight(a);
        }
        outside[v] = w;
        community_degree += degree[v];
      }
      for (uint32_t* m = first; m < last; ++m) {
        const uint32_t v = *m;
        if (refined[v] != v || joined[v]) continue;  // no longer a singleton
        refine_vertex(v, sc, community_degree, draws, concurrent);
      }
    };
    for (uint32_t sc = from; sc < to; ++sc) {
      if (start[sc + 1] - start[sc] < 2) continue;  // a community of one: its vertex stays alone
      if (split) {
        SplitMixEngine draws(level_seed, sc);
        refine_community(sc, draws, std::true_type{});
      } else {
        refine_community(sc, rng, std::false_type{});
      }
    }
  };
  if (split) {
    // The first community whose members start at or after the middle of the order.
    const uint32_t middle = static_cast<uint32_t>(std::lower_bound(start.begin(), start.end(), n / 2) - start.begin());
    const uint32_t cut = std::min(middle, k);
    tbb::parallel_invoke([&] { refine_communities(0, cut, 0); }, [&] { refine_communities(cut, k, 1); });
  } else {
    refine_communities(0, k, 0);
  }
  std::fill_n(joined, n, uint8_t{0});
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

// Where both algorithms start: the undirected graph, every vertex alone, the first level's
// degrees; `done` when there is nothing to search (no vertex, or no edge: every vertex stays
// alone). Later levels live in two LevelArcs used in turn, so their storage is reused too.
template <class W>
struct Search {
  Graph g;
  Communities result;
  std::vector<double> degree;  // of the current level's vertices
  double total = 0;            // 2m
  bool done = false;
  LevelArcs<W> level, next;
  std::vector<double> next_degree;
};

// `g` is undirected.
template <class W>
Search<W> StartSearch(const Graph& g) {
  Search<W> s{g, {}, {}, 0, false, {}, {}, {}};
  const uint32_t n = s.g.num_vertices();
  s.result.label.resize(n);
  std::iota(s.result.label.begin(), s.result.label.end(), 0u);
  s.degree = s.g.weighted() ? Degrees(InputArcs<true>(s.g), s.total) : Degrees(InputArcs<false>(s.g), s.total);
  s.done = n == 0 || s.total == 0;
  if (s.done) s.result.count = n;
  return s;
}

// The level just aggregated into s.next becomes the current one.
template <class W>
void NextLevel(Search<W>& s) {
  std::swap(s.level, s.next);
  std::swap(s.degree, s.next_degree);
}

// Labels numbered 0..k-1, and the modularity recomputed on the original graph.
template <class W>
Communities FinishSearch(Search<W>& s, Scratch<W>& scratch, double gamma) {
  s.result.count = Compact(s.result.label, scratch);
  s.result.modularity = Modularity(s.g, s.result.label, gamma);
  return std::move(s.result);
}

// Leiden's Q, from the level its partition was found on rather than another pass over the
// input's arcs: each level vertex's degree, less its weight to other communities, is its share
// of its community's inner weight. Weights are integers (event counts), so every sum is exact
// whatever its order, and the last sum runs in label order as Modularity()'s does: the same
// figure. `label` maps each community of the level to its final label.
template <class Arcs, class W>
double LevelModularity(const Arcs& g, const Search<W>& s, const std::vector<uint32_t>& community,
                       const uint32_t* label, uint32_t k, double gamma) {
  std::vector<double> inner(k, 0.0), tot(k, 0.0);
  for (uint32_t v = 0; v < g.size(); ++v) {
    const uint32_t c = community[v];
    double out = 0;
    for (uint64_t a = g.begin(v); a < g.end(v); ++a) {
      if (community[g.target(a)] != c) out += g.weight(a);
    }
    tot[label[c]] += s.degree[v];
    inner[label[c]] += s.degree[v] - out;
  }
  double q = 0;
  for (uint32_t c = 0; c < k; ++c) q += inner[c] / s.total - gamma * (tot[c] / s.total) * (tot[c] / s.total);
  return q;
}

// One Louvain level: move, then aggregate the communities into s.next; false when done.
template <class Arcs, class W>
bool LouvainLevel(const Arcs& g, Search<W>& s, const CommunityOptions& o, std::mt19937_64& rng, Scratch<W>& scratch,
                  std::vector<uint32_t>& community) {
  const uint32_t n = g.size();
  community.resize(n);
  std::iota(community.begin(), community.end(), 0u);
  const bool moved = LocalMoving(g, s.degree, s.total, o.resolution, rng, community, scratch);
  s.result.split_levels += scratch.parts.size() > 1;
  if (!moved) return false;
  const uint32_t k = Compact(community, scratch);
  for (uint32_t& l : s.result.label) l = community[l];
  if (k == n) return false;
  Aggregate(g, s.degree, community, k, scratch, s.next, s.next_degree);
  return true;
}

// One Leiden level: move from `community`, refine, aggregate the refined parts into s.next;
// `community` becomes the next level's starting partition (of those parts). False when done.
template <class Arcs, class W>
bool LeidenLevel(const Arcs& g, Search<W>& s, const CommunityOptions& o, std::mt19937_64& rng, Scratch<W>& scratch,
                 std::vector<uint32_t>& community, std::vector<uint32_t>& refined, std::vector<uint32_t>& spare) {
  const uint32_t n = g.size();
  LocalMoving(g, s.degree, s.total, o.resolution, rng, community, scratch);
  s.result.split_levels += scratch.parts.size() > 1;
  const uint32_t k = Compact(community, scratch);
  if (k == n) return false;  // every community one vertex: nothing left to aggregate
  Refine(g, s.degree, s.total, community, k, o.resolution, o.refinement_randomness, rng, scratch.parts.size() > 1,
         scratch, refined);
  uint32_t parts = Compact(refined, scratch);
  // No vertex was well connected enough to merge anywhere. Aggregating the same graph again
  // makes no progress; aggregating the communities (what igraph does here) can put together
  // the pieces of a community that a vertex leaving has disconnected, and then nothing splits
  // them again. So aggregate each community's connected pieces, and start the next level from
  // those: splitting pieces no edge joins only raises Q.
  if (parts == n) {
    parts = ConnectedPieces(g, community, scratch, refined);
    community = refined;
  }
  spare.resize(parts);
  for (uint32_t v = 0; v < n; ++v) spare[refined[v]] = community[v];
  for (uint32_t& l : s.result.label) l = refined[l];
  Aggregate(g, s.degree, refined, parts, scratch, s.next, s.next_degree);
  community.swap(spare);
  return true;
}

template <class W>
Communities RunLouvain(const Graph& g, const CommunityOptions& o) {
  Search<W> s = StartSearch<W>(g);
  if (s.done) return std::move(s.result);
  std::mt19937_64 rng(o.seed);
  Scratch<W> scratch(s.g.num_vertices());
  std::vector<uint32_t> community;
  int& levels = s.result.levels;
  for (levels = 0; levels < o.max_levels; ++levels) {
    const bool more = levels > 0        ? LouvainLevel(s.level, s, o, rng, scratch, community)
                      : s.g.weighted() ? LouvainLevel(InputArcs<true>(s.g), s, o, rng, scratch, community)
                                       : LouvainLevel(InputArcs<false>(s.g), s, o, rng, scratch, community);
    if (!more) break;
    NextLevel(s);
  }
  return FinishSearch(s, scratch, o.resolution);
}

template <class W>
Communities RunLeiden(const Graph& g, const CommunityOptions& o) {
  Search<W> s = StartSearch<W>(g);
  if (s.done) return std::move(s.result);
  std::mt19937_64 rng(o.seed);
  Scratch<W> scratch(s.g.num_vertices());
  // result.label maps each vertex to its vertex of the current level; `community` partitions
  // that level's vertices, starting from the previous level's communities.
  std::vector<uint32_t> community(s.g.num_vertices()), refined, spare;
  std::iota(community.begin(), community.end(), 0u);
  int& levels = s.result.levels;
  for (levels = 0; levels < o.max_levels; ++levels) {
    const bool more =
        levels > 0        ? LeidenLevel(s.level, s, o, rng, scratch, community, refined, spare)
        : s.g.weighted() ? LeidenLevel(InputArcs<true>(s.g), s, o, rng, scratch, community, refined, spare)
                         : LeidenLevel(InputArcs<false>(s.g), s, o, rng, scratch, community, refined, spare);
    if (!more) break;
    NextLevel(s);
  }
  // Stopped by max_levels: the starting partition of a level not searched may have a community
  // in pieces (see the fallback in LeidenLevel); keep the guarantee by splitting them.
  if (levels == o.max_levels && levels > 0) {
    ConnectedPieces(s.level, community, scratch, refined);
    community.swap(refined);
  }
  for (uint32_t& l : s.result.label) l = community[l];
  s.result.count = Compact(s.result.label, scratch);  // scratch.id: community -> label
  const uint32_t* label = scratch.id.data();
  const uint32_t k = s.result.count;
  s.result.modularity =
      levels > 0        ? LevelModularity(s.level, s, community, label, k, o.resolution)
      : s.g.weighted() ? LevelModularity(InputArcs<true>(s.g), s, community, label, k, o.resolution)
                       : LevelModularity(InputArcs<false>(s.g), s, community, label, k, o.resolution);
  return std::move(s.result);
}

// Whether the weight sums fit uint32_t: 2m < 2^31 (see LevelArcs).
bool NarrowWeights(const Graph& g) {
  constexpr uint64_t kLimit = uint64_t{1} << 31;
  if (!g.weighted()) return g.num_arcs() < kLimit;
  uint64_t total = 0;
  for (uint32_t w : g.in_weights().first(g.num_arcs())) total += w;
  return total < kLimit;
}

}  // namespace

Communities Louvain(const Graph& input, const CommunityOptions& o) {
  const Graph g = input.directed() ? input.Symmetrized() : input;
  return NarrowWeights(g) ? RunLouvain<uint32_t>(g, o) : RunLouvain<uint64_t>(g, o);
}

Communities Leiden(const Graph& input, const CommunityOptions& o) {
  const Graph g = input.directed() ? input.Symmetrized() : input;
  return NarrowWeights(g) ? RunLeiden<uint32_t>(g, o) : RunLeiden<uint64_t>(g, o);
}

}  // namespace linchpin::graph
