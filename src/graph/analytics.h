// The network analytics: one kernel per .cc file in src/graph/, each opening with what it
// computes, the algorithm, its complexity and the paper it follows. Kernels take a Graph (a view
// of the TemporalGraph, graph/graph.h) in local vertex ids and return values by local id; the
// time-respecting paths and the exports read the TemporalGraph itself, since they need events.
//
// Conventions shared by every kernel, chosen to match networkx so the reference checks compare
// like with like:
//  - Distances are hops (unweighted); weights (event counts) are used by strength, PageRank,
//    eigenvector, community detection and Burt's constraint.
//  - On a directed graph, closeness and harmonic centrality use distances *to* the vertex.
//  - Betweenness is normalised by (n-1)(n-2) over ordered pairs (networkx normalized=True).
// Every kernel is safe to call from several threads on one Graph; parallel ones use TBB.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/graph.h"
#include "graph/temporal_graph.h"

namespace linchpin::graph {

// --- degree.cc -------------------------------------------------------------------------------
enum class Direction { kOut, kIn, kAll };
// Distinct neighbours (kAll on a directed graph = in + out, as networkx's DiGraph.degree).
std::vector<double> Degree(const Graph& g, Direction dir = Direction::kAll);
// Sum of arc weights, same directions.
std::vector<double> Strength(const Graph& g, Direction dir = Direction::kAll);

// --- pagerank.cc -----------------------------------------------------------------------------
struct PageRankOptions {
  double damping = 0.85;
  double tolerance = 1e-10;   // stop when the residual |P x - x|_1 is below this
  int max_iterations = 200;
  std::vector<VertexId> seeds;  // personalised PageRank: teleport uniformly to these; empty = all
};
struct PageRankResult {
  std::vector<double> score;  // sums to 1
  int iterations = 0;         // sweeps, the final power iteration included
  double residual = 0;        // |P x - x|_1 of the vector the last power iteration started from
};
PageRankResult PageRank(const Graph& g, const PageRankOptions& options = {});
// Verifier: the L1 change one serial push iteration makes to `score` (small when converged).
double PageRankResidual(const Graph& g, const PageRankOptions& options, std::span<const double> score);

// --- eigenvector.cc --------------------------------------------------------------------------
struct EigenvectorResult {
  std::vector<double> score;  // unit L2 norm, non-negative
  int iterations = 0;
  bool converged = false;
};
EigenvectorResult Eigenvector(const Graph& g, int max_iterations = 1000, double tolerance = 1e-12);

// --- closeness.cc ----------------------------------------------------------------------------
// Wasserman-Faust closeness ((r-1)/sum d) * ((r-1)/(n-1)), r = vertices that reach v, incl. v.
std::vector<double> Closeness(const Graph& g);
// Sum over u != v of 1 / d(u, v).
std::vector<double> Harmonic(const Graph& g);

// --- betweenness.cc --------------------------------------------------------------------------
std::vector<double> Betweenness(const Graph& g);  // exact (Brandes), normalised
struct SampledBetweenness {
  std::vector<double> score;  // normalised estimate
  uint32_t samples = 0;       // sources sampled
  double epsilon = 0, delta = 0;  // P(max_v |score - exact| > epsilon) <= delta; 0, 0 = exact
};
// The number of uniformly sampled sources that gives the (epsilon, delta) bound on n vertices.
uint32_t BetweennessSampleSize(uint32_t n, double epsilon, double delta);
SampledBetweenness BetweennessSampled(const Graph& g, double epsilon, double delta, uint64_t seed);
// Unnormalised dependency sums over the given sources (Brandes' inner loop); for benchmarks
// that compare against peers given the same sources.
std::vector<double> BetweennessFromSources(const Graph& g, std::span<const VertexId> sources);

// --- components.cc ---------------------------------------------------------------------------
struct Components {
  std::vector<uint32_t> label;  // 0..count-1, numbered by smallest member
  std::vector<uint32_t> size;   // by label
  uint32_t count() const { return static_cast<uint32_t>(size.size()); }
  uint32_t largest() const;     // label of the largest component
};
Components WeakComponents(const Graph& g);    // Afforest (Sutton et al. 2018), parallel
Components StrongComponents(const Graph& g);  // iterative Tarjan; = weak when undirected
// Verifier: every arc joins one weak label, and a plain BFS finds as many components.
bool VerifyWeakComponents(const Graph& g, const Components& c);

// --- kcore.cc --------------------------------------------------------------------------------
std::vector<uint32_t> CoreNumbers(const Graph& g);  // on the undirected graph
bool VerifyCoreNumbers(const Graph& g, std::span<const uint32_t> core);

// --- community.cc ----------------------------------------------------------------------------
struct CommunityOptions {
  uint64_t seed = 1;           // vertex visiting order; same seed, same answer
  double resolution = 1.0;
  int max_levels = 32;
  double refinement_randomness = 0.01;  // Leiden's theta (Traag et al. use 0.01)
};
struct Communities {
  std::vector<uint32_t> label;  // 0..count-1
  uint32_t count = 0;
  double modularity = 0;
  int levels = 0;
  int split_levels = 0;  // of those, the levels whose vertices moved in parts at once (community.cc)
};
Communities Louvain(const Graph& g, const CommunityOptions& options = {});
// Louvain with Leiden's refinement: every community is connected (Traag et al. 2019).
Communities Leiden(const Graph& g, const CommunityOptions& options = {});
// How many communities of a labelling are not connected on the undirected graph (the verifier of
// Leiden's guarantee; Louvain can leave some).
uint32_t DisconnectedCommunities(const Graph& g, std::span<const uint32_t> label);
// Newman-Girvan modularity of a labelling on the undirected weighted graph.
double Modularity(const Graph& g, std::span<const uint32_t> label, double resolution = 1.0);

// --- paths.cc --------------------------------------------------------------------------------
struct Path {
  std::vector<VertexId> vertices;  // source first
  uint32_t hops() const { return vertices.empty() ? 0 : static_cast<uint32_t>(vertices.size() - 1); }
};
// Hop distances from `source` (kNoHops when unreachable).
inline constexpr uint32_t kNoHops = std::numeric_limits<uint32_t>::max();
std::vector<uint32_t> BfsDistances(const Graph& g, VertexId source);

// Multi-source BFS (MS-BFS; Then, Kaufmann, Chirigati et al., VLDB 2015): up to 64 BFSs at once.
// Each vertex holds a 64-bit mask per state (seen, in this level's frontier, in the next), bit i
// for sources[i], so one pass over a frontier vertex's arcs serves every source whose bit it
// carries — the arcs of the shared middle levels are read once per batch, not once per source.
inline constexpr size_t kBfsBatch = 64;
// One level of a batch: `vertices` are first reached at `hops` (in no fixed order), and
// reached_by[v] has bit i set for each sources[i] that first reaches v there (so a vertex may
// appear at several levels, once per distinct distance).
struct BfsLevel {
  uint32_t hops = 0;
  std::span<const VertexId> vertices;
  std::span<const uint64_t> reached_by;  // indexed by vertex id; valid during the call only
};
class MultiSourceBfs {
 public:
  // reverse: follow in-arcs (distances *to* the sources). parallel: each level's steps run in
  // parallel with TBB; false for callers that run whole batches in parallel themselves.
  MultiSourceBfs(const Graph& g, bool reverse, bool parallel);
  // Runs one batch (1..kBfsBatch valid sources, duplicates allowed; asserted) and calls on_level
  // once per level, hops 0 (the sources) first. Reuses this object's O(n) scratch across batches.
  void Run(std::span<const VertexId> sources, const std::function<void(const BfsLevel&)>& on_level);

 private:
  const Graph& g_;
  bool reverse_, parallel_;
  std::vector<uint64_t> seen_, visit_, visit_next_;
  std::vector<VertexId> frontier_, next_, none_;  // none_: a step that lists no vertices
};
// Hop distances from each of `sources` (any number; batches of kBfsBatch), equal to one
// BfsDistances per source: result[i][v] = d(sources[i], v) or kNoHops.
std::vector<std::vector<uint32_t>> BfsDistancesFrom(const Graph& g, std::span<const VertexId> sources);
std::optional<Path> ShortestPath(const Graph& g, VertexId source, VertexId target);
// Up to k loopless paths by increasing hops (Yen 1971); ties in an order that is deterministic.
std::vector<Path> KShortestPaths(const Graph& g, VertexId source, VertexId target, uint32_t k);

struct TemporalPath {
  std::vector<VertexId> entities;  // source first
  std::vector<uint32_t> events;    // EventTable rows, strictly increasing in time
  TimeMs arrival = kNoTime;
};
// The source's arrival: it holds the information from before any event.
inline constexpr TimeMs kAtSource = std::numeric_limits<TimeMs>::min() + 1;
struct EarliestArrival {
  std::vector<TimeMs> arrival;   // by entity; kNoTime when never reached, kAtSource for the source
  std::vector<uint32_t> via;     // the event row that first reached it; kNoIndex for the source
};
// A chain of contacts in time order (each event strictly after the one before) from `source`,
// inside the view's window, platforms, kinds and vertex subset; direction as the view says.
// One pass over the time-sorted events: O(E).
EarliestArrival EarliestArrivalFrom(const TemporalGraph& tg, VertexId source, const ViewSpec& view);
std::optional<TemporalPath> TimeRespectingPath(const TemporalGraph& tg, VertexId source,
                                               VertexId target, const ViewSpec& view);

// --- brokerage.cc ----------------------------------------------------------------------------
enum class BrokerRole { kCoordinator, kConsultant, kGatekeeper, kRepresentative, kLiaison };
inline constexpr int kBrokerRoleCount = 5;
std::string_view ToString(BrokerRole r);
using BrokerCounts = std::array<uint64_t, kBrokerRoleCount>;
// Gould-Fernandez roles of each vertex as the broker j of open two-paths i -> j -> k (i != k,
// no arc i -> k), by the groups of i, j and k. An undirected graph counts both directions.
std::vector<BrokerCounts> Brokerage(const Graph& g, std::span<const uint32_t> group);
// Burt's constraint (NaN for an isolate), on the undirected weighted graph.
std::vector<double> Constraint(const Graph& g);

// --- keyplayer.cc ----------------------------------------------------------------------------
struct KeyPlayerOptions {
  uint32_t k = 3;
  uint64_t seed = 1;
  uint32_t max_candidates = 400;  // above this many vertices, try only the highest-degree ones
  int max_swap_rounds = 8;
  uint32_t restarts = 8;          // random starting sets besides the greedy one (seeded)
  double work_budget = 2e8;       // arc visits allowed for forced-first-member starts
};
struct KeyPlayerResult {
  std::vector<VertexId> set;
  double before = 0;  // KPP-Neg: fragmentation with nothing removed; KPP-Pos: 0
  double after = 0;   // KPP-Neg: fragmentation once the set is removed; KPP-Pos: reach of the set
};
// Borgatti's F = 1 - sum_k s_k (s_k - 1) / (n (n - 1)) over the components left once `removed`
// is deleted (n = vertices left); 1 when fewer than two remain.
double Fragmentation(const Graph& g, std::span<const VertexId> removed);
// Borgatti's distance-weighted reach: mean over vertices of 1 / d(set, v) (1 for members).
double DistanceWeightedReach(const Graph& g, std::span<const VertexId> set);
KeyPlayerResult KeyPlayersNeg(const Graph& g, const KeyPlayerOptions& options);
KeyPlayerResult KeyPlayersPos(const Graph& g, const KeyPlayerOptions& options);

// --- export.cc -------------------------------------------------------------------------------
// Entities within `hops` of `center`, ignoring direction, `center` first (hops 1 = ego network).
Result<std::vector<VertexId>> Neighbourhood(const TemporalGraph& tg, VertexId center,
                                            uint32_t hops, const ViewSpec& view);
enum class ExportFormat { kCsv, kGraphMl, kGexf };
Result<ExportFormat> ParseExportFormat(std::string_view name);
// The view's pairs among `entities` with their aggregates, as CSV (source,target,count,first,
// last,platforms,reciprocal), GraphML or GEXF (Gephi opens both).
Status WriteNetwork(const TemporalGraph& tg, std::span<const VertexId> entities,
                    const ViewSpec& view, ExportFormat format, std::ostream& out);

}  // namespace linchpin::graph
