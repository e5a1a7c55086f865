// PageRank, weighted and personalised.
//
// What: the stationary distribution of a walk that follows an out-arc with probability d (chosen
// in proportion to its weight, here the number of events) and otherwise jumps to the
// personalisation set (all vertices, or the analyst's seeds). A vertex without out-arcs hands its
// whole mass to the personalisation set, as networkx does, so scores sum to 1.
// How: pull-direction Gauss-Seidel sweeps (as PRPACK, igraph's solver, uses; Langville & Meyer
// 2006, ch. 7): each vertex sums contributions over its in-arcs, and a sweep reads the
// contributions already updated in the same sweep wherever it can, which takes about half the
// sweeps of the power iteration (case-1M 72 -> 39, rmat-1M 25 -> 20). To stay parallel and
// deterministic the vertices are cut into fixed chunks and levels (Sweep): a chunk is swept in
// order by one thread, the chunks of one level run in parallel reading each other's previous
// values, and levels run one after another. contribution[u] = d * rank[u] / strength_out[u]
// (pre-divided, so the inner loop is one add, or multiply-add when weighted) is written by the
// pass that computes rank[u]. The inner loop is compiled for weighted or not (all weights 1
// counts as not) and uniform or personalised teleport, to keep it tight.
// Between sweeps, once successive changes shrink by one steady ratio (one slow eigenvector left),
// an Aitken extrapolation removes that mode (Aitken below); where the sweep after it shows it did
// not help, it is undone. With the residual check from twice the tolerance (kCheckWithin):
// case-1M 39 -> 28 sweeps, rmat-1M 20 -> 13, case-10M 39 -> 28, rmat-10M 25 -> 14. Vertices
// that read an earlier chunk of their own level are swept again after each sweep (Rereads), so
// that no reciprocal pair is left iterating Jacobi-style at the rate d. The first
// sweeps read single-precision contributions (kSingleUntil), and each chunk's vertices are
// ordered by in-degree so the inner loop's exit branch is predicted (SortChunksByInDegree).
// Contributions end in double: float would put a rounding floor of ~1e-7 on the L1 change,
// above the tolerance.
// Stopping: as the power iteration did — the returned vector is one power iteration P x of a
// vector x whose residual |P x - x|_1 was below the tolerance (PageRank below).
// Complexity: O(m) per sweep; sweeps ~ log(tolerance) / log(rate), rate < d.
// Verifier: PageRankResidual — one serial push-style iteration, which must move scores by less
// than the tolerance (as gapbs's pr.cc verifier).
#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include <unistd.h>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_arena.h>

#include "common/huge_pages.h"
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

// 1 / out-strength, or 0 for a vertex without out-arcs (dangling), and whether every arc weighs
// 1 (a case where each pair is one event): then the weighted walk is the unweighted one, the
// strengths are the out-degrees, and the inner loop need not stream the weights. The check is
// an OR over the weights, which vectorises, where the check folded into each vertex's sum did
// not (rmat-1M, two threads, beside a build: 0.71-1.01 ms for the pass, 0.59-0.95 now; much of
// what is left is the fresh pages of `inverse`).
struct OutStrength {
  std::vector<double> inverse;
  bool unit = true;
};
bool AllWeightsOne(const Graph& g) {
  if (!g.weighted()) return true;
  const std::span<const uint32_t> w = g.in_weights();
  return tbb::parallel_reduce(
      tbb::blocked_range<size_t>(0, w.size(), size_t{1} << 16), true,
      [&](const auto& r, bool unit) {
        uint32_t other = 0;
        for (size_t a = r.begin(); a != r.end(); ++a) other |= w[a] ^ 1u;
        return unit && other == 0;
      },
      std::logical_and<bool>());
}
OutStrength InverseOutStrength(const Graph& g) {
  OutStrength s;
  s.unit = AllWeightsOne(g);
  s.inverse.resize(g.num_vertices());
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, g.num_vertices(), 4096), [&](const auto& r) {
    for (VertexId u = r.begin(); u != r.end(); ++u) {
      uint64_t sum = 0;
      if (s.unit) {
        sum = g.out_degree(u);
      } else {
        for (uint64_t a = g.out_begin(u); a < g.out_end(u); ++a) sum += g.out_weight(a);
      }
      s.inverse[u] = sum > 0 ? 1.0 / static_cast<double>(sum) : 0.0;
    }
  });
  return s;
}

// The in-CSR the pull loop reads: a copy of the graph's, with vertices relabelled hubs first
// (HubsFirstOrder) above kRelabelVertices. The loop's cost is its random reads of
// contribution[source]; on a power-law graph a few vertices are most sources, and numbering them
// first packs their contributions into a few cache-resident pages, where the graph's own ids
// scatter them over the whole array. By degree class, not exact out-degree as before, which
// scattered a case's cells over the array: CPU s on one thread, same sweeps, case-10M seeds 1, 2,
// 6 and 7 1.29 / 1.24 / 1.95 / 2.24 -> 1.13 / 1.17 / 1.71 / 2.12 (seed 6 42 sweeps, not 44); on
// two (back to back, beside a build on the other core), case-10M 1.32 / 1.41 -> 1.32 / 1.33
// (min / median of 9) and case-50M 10.9 / 11.5 -> 10.5 / 11.4. R-MAT's ids carry no locality:
// rmat-10M seeds 1-3 0.53 / 0.58 / 0.58 -> 0.58 / 0.59 / 0.59, seeds 1 and 3 one sweep more
// (15, their last change just above the check).
// A source in the target's own chunk is stored as n + source, where the sweep keeps
// the chunk's staged contributions (new for the vertices already updated; Sweep), so the inner
// loop is one load per arc from one base whichever array the arc reads. (Before, each vertex
// listed its own-chunk arcs first and kept their count, a second loop per vertex.)
struct PullCsr {
  const uint64_t* offsets = nullptr;
  const VertexId* sources = nullptr;
  const uint32_t* weights = nullptr;  // null: every arc weighs 1
  std::vector<VertexId> old_of;       // relabelled id -> graph id; empty when not relabelled
  // Vertices from here on have no out-arcs (relabelling puts them last): no arc reads their
  // contribution, so the loop neither computes nor stores it. n when not relabelled.
  uint32_t first_dangling = 0;
  std::vector<uint64_t> offset_store;
  // Not zeroed before the fill writes them (that was a serial pass over 4 bytes an arc each):
  // HugeVector maps large buffers in at once and leaves them as the kernel zeroed them.
  HugeVector<VertexId> source_store;
  HugeVector<uint32_t> weight_store;
};

// Sweeps cut the vertices into chunks of this many, fixed by the graph alone: a chunk is updated
// by one thread, in order (Gauss-Seidel inside it), and its L1 change and dangling mass are kept
// apart and added in chunk order, so the sums — and with them the iteration count and every
// score — are the same on any number of threads.
constexpr uint32_t kChunk = 2048;
// Chunks per level. One would be a serial Gauss-Seidel sweep (no parallelism); more chunks per
// level read more sources' old values. Measured (sweeps, 1 thread CPU s): case-1M 1: 40, 0.114;
// 2: 39, 0.115; 4: 39, 0.118; 8: 39, 0.114; rmat-1M 1: 17, 0.040; 2: 20, 0.044; 4: 22, 0.046;
// 8: 24, 0.048 (the Jacobi-across-chunks power iteration before: 72, 0.155 and 25, 0.041). Two
// keeps both cores of this machine busy; a many-core machine would want wider levels.
// Tried and dropped (session 16), against the barrier a level ends with: (a) the levels' chunks
// synchronised by per-chunk done flags instead of one parallel_for a level, each chunk publishing
// its own values and snapshotting the next level's partner; (b) no levels, any chunk starting once
// the chunk two before it is done, reading its two neighbours' snapshots. Case-10M, two threads,
// CPU s min / median of 9, quiet machine: levels 1.44 / 1.51, (a) 1.57 / 1.61, (b) 1.51 / 1.61
// (and case-1M 28 -> 58 sweeps: a stale neighbour on both sides slowed the slowest mode, 0.72 ->
// 0.84 a sweep).
// The second thread's extra CPU (1.30 on one thread) is not idle spinning, then, but the two
// cores sharing the caches and the memory. Both also needed a staging copy: writing the new
// values in place into the array the arcs read at random cost a third more a sweep (1.31 ->
// 1.71 on one thread, same sweeps).
constexpr uint32_t kChunksPerLevel = 2;

// The sweeps read single-precision contributions until their change falls below this (relative
// to the iterate's sum), then double. A float's rounding (6e-8 relative) puts a floor of about
// 1e-7 under the change, far above the tolerance: the sweeps that only need the leading digits
// stream half the bytes (case-10M, 1 thread: 0.036-0.038 CPU s a float sweep, 0.045-0.047 a
// double one). Ranks and sums stay double. At 1e-5, 1e-6 and 3e-7 every graph measured took
// the same sweeps (case and rmat 1M seeds 1-10, 10M seeds 1, 6 and 7, 1M weighted and
// personalised, case-10M personalised), to residuals within 1% of each other; at 1e-7 case-10M
// took 38 instead of 28 (the floor blurs the ratios the extrapolation waits for). 3e-7 turns 5 of
// case-10M's 13 double sweeps into float ones: 1.37-1.39 -> 1.23-1.35 CPU s on one thread.
constexpr double kSingleUntil = 3e-7;
// An extrapolation from a change at least this large keeps the float sweeps (until kSingleUntil);
// from a smaller one they switch to double with it, as every extrapolation did before. R-MAT's
// comes at a change of ~2.5e-3 (sweep 7 of rmat-10M), and 4 of its 6 double sweeps became float:
// rmat-10M 0.76 / 0.81 -> 0.69 / 0.76 CPU s on one thread and 0.70 / 0.73 -> 0.66 / 0.71 on two
// (min / median, loaded machine, runs alternated), same sweeps and residuals below the
// tolerance (2.1e-10 against 4.9e-12) on every graph of kSingleUntil's list; the case graphs'
// extrapolations come below 1e-7 and are unchanged.
constexpr double kSingleAfterAitken = 30 * kSingleUntil;

// The residual check (one power iteration) runs once a sweep's relative change is below this
// times the tolerance: the residual |P x - x|_1 of a swept iterate measured 0.3-0.6 of its last
// change (case-1M 0.36, its seed 2 0.62, rmat-1M 0.30), so checking only below the tolerance
// spent one or two sweeps more than needed (case-1M s1-s5 29, 56, 29, 30, 30 -> 28, 54, 28, 28,
// 29; rmat-1M 14 -> 13 on each). At 3 times a check failed and cost a sweep on two of the five.
constexpr double kCheckWithin = 2;

// Below this many vertices relabelling is not worth it. It pays even where
// the contributions fit a core's L2 (2 MiB): case-1M (166k vertices) 0.158-0.176 -> 0.149-0.152
// CPU s, rmat-1M (131k) 0.043-0.045 -> 0.038-0.042, same iterations, from skipping the dangling
// tail and packing the hubs' contributions into L1. Below 64k vertices (512 KiB) it was not tried.
constexpr uint32_t kRelabelVertices = 1u << 16;

// `order` stably sorted by key(v), highest first (a counting sort).
template <typename Key>
std::vector<VertexId> SortDescending(const std::vector<VertexId>& order, Key key) {
  uint32_t max_key = 0;
  for (VertexId v : order) max_key = std::max(max_key, key(v));
  std::vector<uint32_t> start(size_t{max_key} + 2, 0);
  for (VertexId v : order) ++start[max_key - key(v) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<VertexId> sorted(order.size());
  for (VertexId v : order) sorted[start[max_key - key(v)]++] = v;
  return sorted;
}

// Inside each chunk (and apart on either side of the dangling tail's start), vertices by
// in-degree, lowest first, capped at 255: the inner loop's trip count then repeats from one vertex
// to the next, and its exit branch is predicted instead of missed about once a vertex. The
// levels, which set how fast the sweeps converge, keep their vertices. CPU s, same sweeps:
// case-1M 0.066-0.070 -> 0.044-0.046, rmat-1M 0.026-0.030 -> 0.023-0.028 (14 sweeps, not 13).
// Sorting every out-degree's vertices by in-degree instead (across chunks) was as cheap a sweep
// but changed the convergence: case-1M 29 -> 35 sweeps ascending, 65 descending.
void SortChunksByInDegree(const Graph& g, uint32_t first_dangling, std::vector<VertexId>& old_of) {
  constexpr uint32_t kCap = 255;
  const uint32_t n = static_cast<uint32_t>(old_of.size());
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, (n + kChunk - 1) / kChunk), [&](const auto& r) {
    for (uint32_t chunk = r.begin(); chunk != r.end(); ++chunk) {
      const uint32_t b = chunk * kChunk, e = std::min(n, b + kChunk),
                     split = std::clamp(first_dangling, b, e);
      for (const auto& [from, to] : {std::pair{b, split}, std::pair{split, e}}) {
        if (to - from < 2) continue;
        const std::vector<VertexId> part(old_of.begin() + from, old_of.begin() + to);
        const std::vector<VertexId> sorted =
            SortDescending(part, [&](VertexId v) { return kCap - std::min(kCap, g.in_degree(v)); });
        std::copy(sorted.begin(), sorted.end(), old_of.begin() + from);
      }
    }
  });
}

// The in-CSR in the sweep's order and layout: relabelled hubs first above kRelabelVertices,
// a source in its target's chunk stored as n + source.
PullCsr MakePullCsr(const Graph& g, bool weighted) {
  const uint32_t n = g.num_vertices();
  PullCsr c;
  std::vector<VertexId> new_of;
  if (n < kRelabelVertices) {
    c.first_dangling = n;
  } else {
    c.old_of = HubsFirstOrder(g);
    c.first_dangling = static_cast<uint32_t>(
        std::count_if(c.old_of.begin(), c.old_of.end(), [&](VertexId v) { return g.out_degree(v) > 0; }));
  }
  if (!c.old_of.empty()) {
    SortChunksByInDegree(g, c.first_dangling, c.old_of);
    new_of.resize(n);
    for (VertexId i = 0; i < n; ++i) new_of[c.old_of[i]] = i;
  }
  const bool relabelled = !c.old_of.empty();
  c.offset_store.resize(size_t{n} + 1);
  c.offset_store[0] = 0;
  for (VertexId i = 0; i < n; ++i) {
    c.offset_store[i + 1] = c.offset_store[i] + g.in_degree(relabelled ? c.old_of[i] : i);
  }
  c.source_store.resize(c.offset_store[n]);
  if (weighted) c.weight_store.resize(c.offset_store[n]);
  // n + source must fit a VertexId; above 2^31 vertices own-chunk arcs read the published
  // (previous sweep's) values, Jacobi inside a chunk: slower to converge, still correct.
  const bool stage = n <= (1u << 31);
  // The relabelled order visits the graph's in-lists at random: each vertex's offset is fetched
  // 2 * kAhead places ahead and its list kAhead places ahead, so the fill does not wait on
  // either. case-10M, 1 thread: 0.18-0.20 -> 0.12-0.16 CPU s for the copy.
  const std::span<const uint64_t> in_offsets = g.in_offsets();
  const std::span<const VertexId> in_sources = g.in_sources();
  constexpr VertexId kAhead = 8;
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, kChunk), [&](const auto& r) {
    for (VertexId i = r.begin(); i != r.end(); ++i) {
      if (relabelled && i + 2 * kAhead < r.end()) __builtin_prefetch(&in_offsets[c.old_of[i + 2 * kAhead]]);
      if (relabelled && i + kAhead < r.end()) __builtin_prefetch(&in_sources[in_offsets[c.old_of[i + kAhead]]]);
      const VertexId v = relabelled ? c.old_of[i] : i;
      const uint64_t chunk_begin = i / kChunk * kChunk;
      uint64_t out = c.offset_store[i];
      for (uint64_t a = g.in_begin(v); a < g.in_end(v); ++a, ++out) {
        const VertexId u = relabelled ? new_of[g.in_source(a)] : g.in_source(a);
        c.source_store[out] = stage && u - chunk_begin < kChunk ? n + u : u;
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

// The levels of a Gauss-Seidel sweep: vertex ranges [levels[j], levels[j + 1]) of
// kChunksPerLevel chunks, updated one after another, a level's chunks in parallel. A vertex
// reads the new contribution of every source in an earlier level or earlier in its own chunk, and
// the previous sweep's of the rest (other chunks of its level included, which is what lets them
// run on any threads with the same answer).
std::vector<VertexId> SweepLevels(uint32_t n) {
  std::vector<VertexId> levels;
  for (uint64_t b = 0; b < n; b += uint64_t{kChunk} * kChunksPerLevel) {
    levels.push_back(static_cast<VertexId>(b));
  }
  levels.push_back(n);
  return levels;
}

// The vertices a sweep updates a second time once its levels are done: those with an in-arc from
// an earlier chunk of their own level, whose contribution the first pass read a sweep late. Why:
// a reciprocal pair (a case's two people who call only each other) swept in order converges by
// d^2 = 0.72 a sweep, but one split across a level's two chunks, each end reading the other's
// last value, by d and -d alternately. That was the slowest mode on the case graphs whose cells
// a chunk boundary happened to split (case-1M seed 2, case-10M seeds 6 and 7: 54, 42 and 51 sweeps
// against 28), and the extrapolation, reading +0.85 for the mixture, made it worse. Read again
// after the sweep, the second end has the value a serial sweep would have given it, and the
// pair converges by d^2 again: those three take 28 sweeps, the others the same as before (rmat-10M
// 15 -> 13). They are few (case-10M 3.7k of 1.67M vertices, rmat-10M 18k), in id order, serially:
// one may read another. Reread between levels instead (so later levels read the second value),
// they converged the same and were no cheaper (case-10M, two threads, min / median of 9, back to
// back on a machine with a build running: 1.13 / 1.20 CPU s against 1.12 / 1.17), with a serial
// step at every level.
struct Rereads {
  std::vector<VertexId> vertices;  // ascending
  std::vector<double> before;      // their ranks before the sweep (Sweep's scratch)
};

Rereads FindRereads(const PullCsr& g, uint32_t n, std::span<const VertexId> levels) {
  std::vector<uint8_t> reread(n, 0);
  tbb::parallel_for(size_t{0}, levels.size() - 1, [&](size_t j) {
    const VertexId level_end = std::min(levels[j + 1], g.first_dangling);
    const VertexId second_chunk =
        static_cast<VertexId>(std::min<uint64_t>(uint64_t{levels[j]} + kChunk, level_end));
    for (VertexId v = second_chunk; v < level_end; ++v) {
      const VertexId chunk_begin = v / kChunk * kChunk;
      for (uint64_t a = g.offsets[v]; a < g.offsets[v + 1]; ++a) {
        const VertexId u = g.sources[a];  // (n + u for a source in v's own chunk: not one)
        if (u >= levels[j] && u < chunk_begin) {
          reread[v] = 1;
          break;
        }
      }
    }
  });
  Rereads r;
  for (VertexId v = 0; v < n; ++v) {
    if (reread[v]) r.vertices.push_back(v);
  }
  r.before.resize(r.vertices.size());
  return r;
}

// Iteration state: rank[v], and contribution[u] = d * rank[u] / strength_out[u], what u hands
// each unit of out-weight, in values[u] (published: what other chunks read).
struct Iterate {
  explicit Iterate(uint32_t n)
      : rank(n), values(2 * size_t{n}), single(2 * size_t{n}), scratch(2 * size_t{n}) {}
  std::vector<double> rank;
  // values[n + u]: u's staged contribution, read by u's own chunk and published when u's level
  // ends. Writing the published values in place instead (each level's copied aside for its other
  // chunk) took a third more CPU per sweep on case-10M (1 thread: 2.33-2.56 s against 1.76-1.95).
  HugeVector<double> values;
  // The same in single precision, which the first sweeps read (kSingleUntil) while in_single.
  HugeVector<float> single;
  bool in_single = true;
  // The power iteration's input (the contributions, twice, for the sources stored as n + u), or
  // around an extrapolation the iterates it extrapolated from (x_prev, then x).
  HugeVector<double> scratch;
  double dangling = 0;  // rank held by vertices without out-arcs, as of the last sweep
};

struct Sums {
  double change = 0;    // L1 change of the ranks
  double dangling = 0;  // new rank on vertices without out-arcs
  double mass = 0;      // new rank in all
};

// Adds the chunks' sums in chunk order (so on any number of threads the same), and keeps the
// dangling mass for the next sweep's teleport.
Sums Total(const std::vector<Sums>& chunk_sums, Iterate& it) {
  Sums total;
  for (const Sums& c : chunk_sums) {
    total.change += c.change;
    total.dangling += c.dangling;
    total.mass += c.mass;
  }
  it.dangling = total.dangling;
  return total;
}

// One sweep over `levels`: rank[v] = teleport_mass * teleport[v] + sum over in-arcs of weight *
// read[source], level by level; a chunk stages its contributions and a level publishes them when
// it ends; then the rereads (Rereads) are swept again. Gauss-Seidel: `read` is it.values.
// Power iteration: `read` is a copy of the published contributions (twice, so own-chunk sources
// read them too: scratch), the one level {0, n} and no rereads.
template <bool kWeighted, bool kUniform, typename Value>
Sums Sweep(const PullCsr& g, uint32_t n, std::span<const VertexId> levels, Rereads* rereads,
           const Value* read, Value* published, double teleport_mass, Iterate& it,
           const std::vector<double>& inv_strength, const std::vector<double>& teleport,
           double damping, std::vector<Sums>& chunk_sums) {
  const double uniform = teleport_mass / n;
  Value* staged = published + n;
  auto rank_of = [&](VertexId v) {
    const uint64_t e = g.offsets[v + 1];
    uint64_t a = g.offsets[v];
    // Two partial sums: one chain of dependent adds would cost an add's latency per arc.
    double sum0 = 0, sum1 = 0;
    for (; a + 1 < e; a += 2) {  // (a float contribution widens to double exactly)
      const double c0 = read[g.sources[a]], c1 = read[g.sources[a + 1]];
      sum0 += kWeighted ? c0 * g.weights[a] : c0;
      sum1 += kWeighted ? c1 * g.weights[a + 1] : c1;
    }
    if (a < e) sum0 += kWeighted ? read[g.sources[a]] * g.weights[a] : read[g.sources[a]];
    return (kUniform ? uniform : teleport_mass * teleport[v]) + (sum0 + sum1);
  };
  const uint32_t chunks = (n + kChunk - 1) / kChunk;
  chunk_sums.assign(chunks, Sums{});
  const size_t reread_count = rereads ? rereads->vertices.size() : 0;
  for (size_t i = 0; i != reread_count; ++i) rereads->before[i] = it.rank[rereads->vertices[i]];
  for (size_t j = 0; j + 1 < levels.size(); ++j) {
    // Levels start on chunk boundaries (SweepLevels), so a chunk lies in one level.
    const uint32_t first = levels[j] / kChunk, last = (levels[j + 1] + kChunk - 1) / kChunk;
    tbb::parallel_for(tbb::blocked_range<uint32_t>(first, last, 1), [&](const auto& r) {
      for (uint32_t c = r.begin(); c != r.end(); ++c) {
        Sums acc;
        const VertexId begin = c * kChunk, end = std::min(n, begin + kChunk);
        const VertexId split = std::clamp(g.first_dangling, begin, end);
        std::copy(published + begin, published + split, staged + begin);
        for (VertexId v = begin; v != split; ++v) {
          const double rank = rank_of(v);
          acc.change += std::fabs(rank - it.rank[v]);
          acc.mass += rank;
          it.rank[v] = rank;
          staged[v] = static_cast<Value>(damping * rank * inv_strength[v]);
          if (inv_strength[v] == 0) acc.dangling += rank;
        }
        for (VertexId v = split; v != end; ++v) {  // relabelled dangling tail: no contribution
          const double rank = rank_of(v);
          acc.change += std::fabs(rank - it.rank[v]);
          acc.mass += rank;
          it.rank[v] = rank;
          acc.dangling += rank;
        }
        chunk_sums[c] = acc;
      }
    }, tbb::simple_partitioner());
    const VertexId publish_end = std::min(levels[j + 1], g.first_dangling);
    if (levels[j] < publish_end) {
      std::copy(staged + levels[j], staged + publish_end, published + levels[j]);
    }
  }
  for (size_t i = 0; i != reread_count; ++i) {
    const VertexId v = rereads->vertices[i];
    const double rank = rank_of(v), first_pass = it.rank[v], before = rereads->before[i];
    Sums& sums = chunk_sums[v / kChunk];
    sums.change += std::fabs(rank - before) - std::fabs(first_pass - before);
    sums.mass += rank - first_pass;
    if (inv_strength[v] == 0) sums.dangling += rank - first_pass;
    it.rank[v] = rank;
    published[v] = static_cast<Value>(damping * rank * inv_strength[v]);
  }
  return Total(chunk_sums, it);
}

// rank[v] = new_rank(v) for every v, the contributions to match; returns the new mass and
// dangling mass (change left 0).
template <typename NewRank>
Sums Reset(const PullCsr& g, uint32_t n, Iterate& it, const std::vector<double>& inv_strength,
           double damping, std::vector<Sums>& chunk_sums, NewRank new_rank) {
  const uint32_t chunks = (n + kChunk - 1) / kChunk;
  chunk_sums.assign(chunks, Sums{});
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, chunks, 1), [&](const auto& r) {
    for (uint32_t c = r.begin(); c != r.end(); ++c) {
      Sums acc;
      for (VertexId v = c * kChunk, end = std::min(n, v + kChunk); v != end; ++v) {
        const double rank = new_rank(v);
        it.rank[v] = rank;
        acc.mass += rank;
        if (v < g.first_dangling) {
          const double contribution = damping * rank * inv_strength[v];
          if (it.in_single) {
            it.single[v] = static_cast<float>(contribution);
          } else {
            it.values[v] = contribution;
          }
        }
        if (inv_strength[v] == 0) acc.dangling += rank;
      }
      chunk_sums[c] = acc;
    }
  });
  return Total(chunk_sums, it);
}

// Aitken extrapolation of the sweeps' slowest mode (Kamvar, Haveliwala, Manning & Golub 2003 do
// it for the power iteration). Once its error is one eigenvector shrinking by rho a sweep, the
// L1 change of successive sweeps shrinks by the same rho, and x + rho / (1 - rho) * (x - x_prev)
// removes that mode: on the case graphs the changes settle at a ratio of 0.72 from about sweep 22
// (while the faster modes have died out) and one extrapolation cuts the residual 15-fold; R-MAT's
// settle at 0.31 from sweep 6. When the changes are not one mode — case-1M seed 2's ratio creeps
// towards d, a uniform random graph's holds early while other modes are as large, and there
// extrapolating made the residual 2-10x worse — the sweep after it does not drop, and it is
// undone and not tried again. (Seed 2's creep was the pairs Rereads now fixes.) Tried and dropped
// (session 16): rho read as the projection of a sweep's step on the last one (sign included; it
// settled at 0.72 from sweep 14, where the L1 ratio did at 24), the step extrapolated at once;
// with the rereads, case-10M still took 28 sweeps (the changes crept back up to ~0.7 a sweep after
// it). And, before the rereads, a two-term fit of the last three steps (a minimal polynomial
// extrapolation): case-10M seeds 1, 6, 7 27, 40, 38 sweeps (28, 42, 51). Keeping each vertex's
// last steps cost 10-15% a sweep either way.
struct Aitken {
  static constexpr double kSteady = 0.01;    // successive ratios this close (relative) ...
  static constexpr int kSteadyRuns = 2;      // ... twice running: one mode
  static constexpr double kMaxRatio = 0.95;  // above it the factor (19) would amplify the rest
  static constexpr double kMustDrop = 0.5;   // the next change below this * rho * the last
  bool enabled = true;
  int watched = 0;  // sweeps' changes seen since the start, a check or an extrapolation
  double last_change = 0, last_ratio = 0;
  int steady_run = 0;  // changes in a row whose ratio matched the one before
  bool armed = false;  // the next sweep's step is extrapolated (its start saved in scratch)
  double ratio = 0;    // rho of the extrapolation armed or being judged
  double factor = 0;   // rho / (1 - rho) of the extrapolation being judged; 0: none
  double before = 0;   // the change of the sweep it extrapolated

  void Restart() { watched = 0, armed = false, factor = 0, steady_run = 0; }
  // Records a sweep's relative change; true when the next sweep should be extrapolated.
  bool Watch(double change) {
    const double r = watched > 0 ? change / last_change : 0;
    const bool steady = watched >= 2 && std::fabs(r - last_ratio) < kSteady * r && r < kMaxRatio;
    steady_run = steady ? steady_run + 1 : 0;
    ++watched;
    last_change = change;
    last_ratio = r;
    if (enabled && steady_run >= kSteadyRuns) ratio = r;
    return enabled && steady_run >= kSteadyRuns;
  }
};

}  // namespace

namespace {

// What the sweeps read, built from the graph before they start: the relabelled pull CSR and the
// per-vertex arrays in its order.
struct PullProblem {
  uint32_t n = 0;
  bool uniform = true, weighted = false;
  PullCsr csr;
  std::vector<double> teleport;  // empty when uniform
  std::vector<double> inv_strength;
  std::vector<VertexId> levels;
  Rereads rereads;
};

PullProblem PreparePageRank(const Graph& g, const PageRankOptions& o) {
  PullProblem p;
  p.n = g.num_vertices();
  p.uniform = o.seeds.empty();
  OutStrength strength = InverseOutStrength(g);
  p.weighted = !strength.unit;
  p.csr = MakePullCsr(g, p.weighted);
  if (!p.uniform) p.teleport = ToPullIds(p.csr, TeleportVector(g, o));
  p.inv_strength = ToPullIds(p.csr, std::move(strength.inverse));
  p.levels = SweepLevels(p.n);
  p.rereads = FindRereads(p.csr, p.n, p.levels);
  return p;
}

PageRankResult SolvePageRank(PullProblem& p, const PageRankOptions& o) {
  const uint32_t n = p.n;
  PageRankResult result;
  const bool uniform = p.uniform, weighted = p.weighted;
  const PullCsr& csr = p.csr;
  const std::vector<double>& teleport = p.teleport;
  const std::vector<double>& inv_strength = p.inv_strength;
  Iterate it(n);
  std::vector<Sums> chunk_sums;
  Reset(csr, n, it, inv_strength, o.damping, chunk_sums, [&](VertexId) { return 1.0 / n; });
  auto sweep = weighted ? (uniform ? Sweep<true, true, double> : Sweep<true, false, double>)
                        : (uniform ? Sweep<false, true, double> : Sweep<false, false, double>);
  auto sweep_single = weighted ? (uniform ? Sweep<true, true, float> : Sweep<true, false, float>)
                               : (uniform ? Sweep<false, true, float> : Sweep<false, false, float>);
  const std::vector<VertexId>& levels = p.levels;
  const std::array<VertexId, 2> one_level{0, n};
  Rereads& rereads = p.rereads;
  // Gauss-Seidel sweeps of x = P x, P the whole walk: the teleport mass (1 - d) * mass + d *
  // dangling is the previous sweep's, and the rest is read as fresh as the levels allow. (The
  // power iteration's (1 - d) + d * dangling assumes the iterate sums to 1, which only it
  // preserves; with it Gauss-Seidel was slower than the power iteration on rmat-1M, 77 sweeps
  // against 25, held back by the total mass.) The iterate's sum drifts, so a sweep's change is
  // measured relative to it. When that falls near the tolerance (kCheckWithin), x is scaled to
  // sum 1 and one power iteration measures its residual |P x - x|_1 — the figure the power
  // iteration stopped on — and returns P x if it is below the tolerance, as accurate as the power
  // iteration's answer; else the sweeps resume. Aitken extrapolations between sweeps only move x.
  double mass = 1.0;
  bool gauss_seidel = true;
  Aitken aitken;
  for (result.iterations = 1; result.iterations <= o.max_iterations; ++result.iterations) {
    if (!gauss_seidel) {
      std::copy(it.values.begin(), it.values.begin() + n, it.scratch.begin());
      std::copy(it.values.begin(), it.values.begin() + n, it.scratch.begin() + n);
      result.residual = sweep(csr, n, one_level, nullptr, it.scratch.data(), it.values.data(),
                              (1.0 - o.damping) + o.damping * it.dangling, it, inv_strength,
                              teleport, o.damping, chunk_sums)
                            .change;
      if (result.residual < o.tolerance) break;
      gauss_seidel = true;
      aitken.Restart();
      continue;
    }
    if (aitken.armed) std::copy(it.rank.begin(), it.rank.end(), it.scratch.begin());
    const double c = (1.0 - o.damping) * mass + o.damping * it.dangling;
    const Sums s = it.in_single ? sweep_single(csr, n, levels, &rereads, it.single.data(), it.single.data(),
                                               c, it, inv_strength, teleport, o.damping, chunk_sums)
                                : sweep(csr, n, levels, &rereads, it.values.data(), it.values.data(), c, it,
                                        inv_strength, teleport, o.damping, chunk_sums);
    result.residual = s.change / s.mass;
    mass = s.mass;
    const bool check = result.residual < kCheckWithin * o.tolerance;
    if (it.in_single && (result.residual < kSingleUntil || check)) {
      it.in_single = false;
      Reset(csr, n, it, inv_strength, o.damping, chunk_sums,
            [&](VertexId v) { return it.rank[v]; });
    }
    if (check) {
      const double scale = 1.0 / s.mass;
      Reset(csr, n, it, inv_strength, o.damping, chunk_sums,
            [&](VertexId v) { return it.rank[v] * scale; });
      mass = 1.0;
      gauss_seidel = false;
    } else if (aitken.factor != 0) {  // the sweep after an extrapolation
      aitken.Restart();
      const bool missed = result.residual > Aitken::kMustDrop * aitken.ratio * aitken.before;
      if (missed) {  // back to x: this sweep is lost
        mass = Reset(csr, n, it, inv_strength, o.damping, chunk_sums, [&](VertexId v) {
                 return it.scratch[n + v];
               }).mass;
        aitken.enabled = false;
      } else {
        aitken.Watch(result.residual);
      }
    } else if (aitken.armed) {
      aitken.armed = false;
      aitken.factor = aitken.ratio / (1 - aitken.ratio);
      aitken.before = result.residual;
      // The extrapolation cuts the change 15-20x: in single precision only while that leaves it
      // well above the float's floor (kSingleAfterAitken).
      if (aitken.before < kSingleAfterAitken) it.in_single = false;
      mass = Reset(csr, n, it, inv_strength, o.damping, chunk_sums, [&](VertexId v) {
               it.scratch[n + v] = it.rank[v];  // kept to undo it
               return it.rank[v] + aitken.factor * (it.rank[v] - it.scratch[v]);
             }).mass;
    } else {
      aitken.armed = aitken.Watch(result.residual);
      // The armed sweep's step is the one extrapolated: in double unless it is far above the
      // float's floor (rmat-50M's second extrapolation, armed at a change of 3.1e-7, took one
      // sweep more from a float step).
      if (aitken.armed && it.in_single && result.residual < kSingleAfterAitken) {
        it.in_single = false;
        mass = Reset(csr, n, it, inv_strength, o.damping, chunk_sums, [&](VertexId v) { return it.rank[v]; }).mass;
      }
    }
  }
  result.iterations = std::min(result.iterations, o.max_iterations);
  // Scores sum to 1 (to rounding after a power iteration; exactly the scale if the iteration cap
  // stopped a sweep).
  const double scale = 1.0 / std::accumulate(it.rank.begin(), it.rank.end(), 0.0);
  for (double& x : it.rank) x *= scale;
  if (csr.old_of.empty()) {
    result.score = std::move(it.rank);
  } else {
    result.score.resize(n);
    for (VertexId i = 0; i < n; ++i) result.score[csr.old_of[i]] = it.rank[i];
  }
  return result;
}

// One core's L2 cache in bytes (1 MiB where the system does not say).
size_t L2CacheBytes() {
#if defined(_SC_LEVEL2_CACHE_SIZE)
  const long bytes = ::sysconf(_SC_LEVEL2_CACHE_SIZE);
  if (bytes > 0) return static_cast<size_t>(bytes);
#endif
  return size_t{1} << 20;
}

}  // namespace

// A second thread pays only once the contributions outgrow one core's L2 cache. Below, both
// cores read the whole array at random and each level's published values move between their
// caches, for no time saved: case-1M (1.3 MB of contributions, 2 MiB L2) 0.044 s wall on one
// thread against 0.041-0.048 s on two at 1.8x the CPU, rmat-1M 0.022 against 0.019-0.023 s at
// 1.4x; case-3M (4 MB) 0.40 -> 0.25 s, rmat-3M 0.12 -> 0.09 s, case-10M 1.29 -> 0.83 s. The
// scores are the same on any number of threads (Sweep), so this changes only the time. The
// preparation (PreparePageRank: the relabelled copy and its arrays) runs on every thread either
// way: at 1M edges it is nearly half the time, and it has no levels to wait on.
PageRankResult PageRank(const Graph& g, const PageRankOptions& o) {
  if (g.num_vertices() == 0) return {};
  PullProblem p = PreparePageRank(g, o);
  if (size_t{g.num_vertices()} * sizeof(double) > L2CacheBytes()) return SolvePageRank(p, o);
  tbb::task_arena one_thread(1);
  return one_thread.execute([&] { return SolvePageRank(p, o); });
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
