// graph_bench — times Linchpin's graph kernels on one edge list, for bench/graph_vs_peers.sh.
//
//   graph_bench generate rmat|case EDGES SEED OUT   write distinct directed pairs "u v", one a line
//   graph_bench run FILE SOURCES_FILE [THREADS]     load the file as a case and time each kernel
//
// `rmat` is a power-law R-MAT graph (Chakrabarti et al. 2004; a=0.57, b=c=0.19), `case` a
// simulated case: cells of 5-40 people talking mostly among themselves, most replies returned,
// and a heavy-tailed set of hubs (brokers, public accounts) everyone reaches. `run` prints one
// JSON object per line: {"tool","kernel","seconds",...}. Load = parse + TemporalGraph::Build +
// the views the kernels use; each kernel's time excludes load. The same SOURCES_FILE (vertex ids)
// feeds the sampled betweenness and shortest paths of every tool.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include <sys/resource.h>

#include <tbb/global_control.h>
#include <tbb/info.h>

#include "graph/analytics.h"
#include "graph/temporal_graph.h"

namespace {

using linchpin::graph::VertexId;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// User + system time of the whole process (all threads): robust to other jobs on the machine.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Wall and CPU time of one phase.
struct Timer {
  Clock::time_point wall = Clock::now();
  double cpu = CpuSeconds();
  double WallSeconds() const { return Seconds(wall); }
  double CpuUsed() const { return CpuSeconds() - cpu; }
};

long RssBytes() {
  std::ifstream f("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  f >> pages_total >> pages_resident;
  return pages_resident * 4096;
}

// ---- Generators -----------------------------------------------------------------------------

std::vector<std::pair<VertexId, VertexId>> Rmat(uint64_t edges, uint64_t seed) {
  int scale = 1;
  while ((uint64_t{1} << scale) * 8 < edges) ++scale;  // average degree about 8
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::unordered_set<uint64_t> seen;
  std::vector<std::pair<VertexId, VertexId>> out;
  while (out.size() < edges) {
    uint64_t src = 0, dst = 0;
    for (int bit = 0; bit < scale; ++bit) {
      const double r = u(rng);
      const int quadrant = r < 0.57 ? 0 : r < 0.76 ? 1 : r < 0.95 ? 2 : 3;
      src = (src << 1) | (quadrant >> 1);
      dst = (dst << 1) | (quadrant & 1);
    }
    if (src == dst || !seen.insert(src << 32 | dst).second) continue;
    out.emplace_back(static_cast<VertexId>(src), static_cast<VertexId>(dst));
  }
  return out;
}

std::vector<std::pair<VertexId, VertexId>> SimulatedCase(uint64_t edges, uint64_t seed) {
  const uint64_t people = edges / 6;
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<uint32_t> cell_size(5, 40);
  std::vector<uint32_t> cell_start;  // cells are consecutive id ranges
  for (uint64_t v = 0; v < people; v += cell_size(rng)) cell_start.push_back(static_cast<uint32_t>(v));
  cell_start.push_back(static_cast<uint32_t>(people));
  std::uniform_real_distribution<double> u(0, 1);
  std::unordered_set<uint64_t> seen;
  std::vector<std::pair<VertexId, VertexId>> out;
  auto add = [&](uint64_t a, uint64_t b) {
    if (a != b && out.size() < edges && seen.insert(a << 32 | b).second) out.emplace_back(a, b);
  };
  std::uniform_int_distribution<size_t> pick_cell(0, cell_start.size() - 2);
  while (out.size() < edges) {
    const size_t c = pick_cell(rng);
    const uint64_t b = cell_start[c], size = cell_start[c + 1] - b;
    const uint64_t a = b + static_cast<uint64_t>(u(rng) * size);
    uint64_t t;
    const double r = u(rng);
    if (r < 0.7) t = b + static_cast<uint64_t>(u(rng) * size);                 // inside the cell
    else if (r < 0.9) t = static_cast<uint64_t>(std::pow(u(rng), 3.0) * people);  // a hub (low ids)
    else t = static_cast<uint64_t>(u(rng) * people);                            // anyone
    add(a, t);
    if (u(rng) < 0.6) add(t, a);  // the reply
  }
  return out;
}

int Generate(const std::string& kind, uint64_t edges, uint64_t seed, const std::string& path) {
  const auto e = kind == "rmat" ? Rmat(edges, seed) : SimulatedCase(edges, seed);
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return 1;
  for (const auto& [u, v] : e) std::fprintf(f, "%u %u\n", u, v);
  return std::fclose(f) == 0 ? 0 : 1;
}

// ---- Run ------------------------------------------------------------------------------------

// Reads "u v" lines; the vertex count is the largest id + 1.
std::vector<std::pair<VertexId, VertexId>> ReadEdges(const std::string& path, uint32_t& n) {
  std::ifstream f(path, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::vector<std::pair<VertexId, VertexId>> edges;
  edges.reserve(data.size() / 12);
  const char* p = data.data();
  const char* end = p + data.size();
  n = 0;
  auto number = [&](VertexId& x) {
    while (p < end && (*p < '0' || *p > '9')) ++p;
    if (p == end) return false;
    x = 0;
    while (p < end && *p >= '0' && *p <= '9') x = x * 10 + static_cast<VertexId>(*p++ - '0');
    return true;
  };
  VertexId u, v;
  while (number(u) && number(v)) {
    edges.emplace_back(u, v);
    n = std::max({n, u + 1, v + 1});
  }
  return edges;
}

linchpin::CaseData CaseOf(uint32_t n, const std::vector<std::pair<VertexId, VertexId>>& edges) {
  linchpin::CaseData c;
  c.platforms.push_back({"phone", linchpin::PlatformClass::kPhone});
  c.endpoints.resize(n);
  for (uint32_t v = 0; v < n; ++v) c.endpoints[v].key = std::to_string(v);
  auto& ev = c.events;
  ev.time.resize(edges.size());
  ev.source.resize(edges.size());
  ev.target.resize(edges.size());
  ev.platform.assign(edges.size(), 0);
  ev.kind.assign(edges.size(), linchpin::EventKind::kCall);
  for (size_t i = 0; i < edges.size(); ++i) {
    ev.time[i] = static_cast<linchpin::TimeMs>(i);
    ev.source[i] = edges[i].first;
    ev.target[i] = edges[i].second;
  }
  return c;
}

void Report(const char* kernel, const Timer& t, const std::string& extra = "") {
  std::printf("{\"tool\": \"linchpin\", \"kernel\": \"%s\", \"seconds\": %.6f, \"cpu_seconds\": %.6f%s}\n", kernel,
              t.WallSeconds(), t.CpuUsed(), extra.c_str());
  std::fflush(stdout);
}

int Run(const std::string& path, const std::string& sources_path, int threads) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  const long rss_before = RssBytes();
  Timer load;
  auto t = Clock::now();
  uint32_t n = 0;
  const auto edges = ReadEdges(path, n);
  linchpin::CaseData c = CaseOf(n, edges);
  const double parse_s = Seconds(t);
  auto built = linchpin::graph::TemporalGraph::Build(c, linchpin::graph::EntitiesByAccount(c));
  if (!built.ok()) return 1;
  const auto& tg = **built;
  linchpin::graph::ViewSpec directed_spec, undirected_spec;
  undirected_spec.directed = false;
  undirected_spec.weighted = false;
  const auto directed = tg.View(directed_spec).value();
  const auto undirected = tg.View(undirected_spec).value();
  const long rss_after = RssBytes();
  const double m = static_cast<double>(edges.size());
  char extra[512];
  std::snprintf(extra, sizeof extra,
                ", \"vertices\": %u, \"edges\": %zu, \"parse_seconds\": %.6f, \"rss_bytes_per_edge\": %.1f, "
                "\"graph_bytes_per_edge\": %.1f, \"threads\": %d",
                n, edges.size(), parse_s, (rss_after - rss_before) / m, (tg.MemoryBytes() + undirected.MemoryBytes()) / m,
                threads);
  Report("load", load, extra);

  std::vector<VertexId> sources;
  {
    std::ifstream f(sources_path);
    for (VertexId s; f >> s;) if (s < n) sources.push_back(s);
  }
  linchpin::graph::PageRankOptions pr_options;
  pr_options.tolerance = 1e-9;
  Timer pr_t;
  const auto pr = linchpin::graph::PageRank(directed, pr_options);
  const double pr_s = pr_t.WallSeconds();
  std::snprintf(extra, sizeof extra, ", \"iterations\": %d, \"arcs_per_second_per_core\": %.0f", pr.iterations,
                static_cast<double>(directed.num_arcs()) * pr.iterations / pr_s / threads);
  Report("pagerank", pr_t, extra);

  Timer cc_t;
  const auto wcc = linchpin::graph::WeakComponents(directed);
  Report("components", cc_t, ", \"count\": " + std::to_string(wcc.count()));

  Timer core_t;
  const auto core = linchpin::graph::CoreNumbers(undirected);
  Report("kcore", core_t, ", \"max_core\": " + std::to_string(*std::max_element(core.begin(), core.end())));

  Timer comm_t;
  const auto comm = linchpin::graph::Louvain(undirected);
  std::snprintf(extra, sizeof extra, ", \"communities\": %u, \"modularity\": %.4f", comm.count, comm.modularity);
  Report("community", comm_t, extra);

  Timer bc_t;
  const auto bc = linchpin::graph::BetweennessFromSources(undirected, sources);
  Report("betweenness_sampled", bc_t, ", \"sources\": " + std::to_string(sources.size()));

  Timer sp_t;
  uint64_t reached = 0;
  for (VertexId s : sources) {
    for (uint32_t d : linchpin::graph::BfsDistances(directed, s)) reached += d != linchpin::graph::kNoHops;
  }
  Report("shortest_paths", sp_t, ", \"sources\": " + std::to_string(sources.size()) + ", \"reached\": " + std::to_string(reached));
  (void)bc;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() == 5 && a[0] == "generate") return Generate(a[1], std::stoull(a[2]), std::stoull(a[3]), a[4]);
  if ((a.size() == 3 || a.size() == 4) && a[0] == "run") {
    return Run(a[1], a[2], a.size() == 4 ? std::stoi(a[3]) : tbb::info::default_concurrency());
  }
  std::fprintf(stderr, "usage: graph_bench generate rmat|case EDGES SEED OUT | run FILE SOURCES_FILE [THREADS]\n");
  return 2;
}
