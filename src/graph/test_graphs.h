// Test helpers for graph_tests: cases built from edge lists, the covert networks of
// ../shared/data/covert-networks, and the bridge to tests-side reference.py (networkx/igraph).
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "graph/analytics.h"
#include "graph/temporal_graph.h"
#include "model/case.h"

namespace linchpin::graph::testing {

struct WeightedEdge {
  VertexId u, v;
  uint32_t w = 1;
};

struct EdgeList {
  std::string name;
  uint32_t n = 0;
  std::vector<std::string> names;
  std::vector<WeightedEdge> edges;
};

// A case whose endpoints are the vertices (opaque ids, in order) and where an edge of weight w
// is w events u -> v, one minute apart, all on platform "phone", kind call.
inline CaseData CaseFromEdges(const EdgeList& g) {
  CaseData c;
  c.platforms.push_back({"phone", PlatformClass::kPhone});
  for (uint32_t v = 0; v < g.n; ++v) {
    std::string name = "v";  // appended, not "v" + ..., which trips GCC 12's -Wrestrict bug
    name += std::to_string(v);
    c.endpoints.push_back({g.names.empty() ? name : g.names[v], EndpointKind::kOpaque, kNoIndex});
  }
  TimeMs t = 1'700'000'000'000;
  for (const auto& e : g.edges) {
    for (uint32_t i = 0; i < e.w; ++i) {
      c.events.time.push_back(t += kMinuteMs);
      c.events.source.push_back(e.u);
      c.events.target.push_back(e.v);
      c.events.platform.push_back(0);
      c.events.kind.push_back(EventKind::kCall);
      c.events.duration_s.push_back(-1);
      c.events.size_bytes.push_back(-1);
    }
  }
  return c;
}

// A case and its graph, kept together because the graph borrows the case.
struct Built {
  std::unique_ptr<CaseData> c;
  std::unique_ptr<TemporalGraph> tg;
  Graph View(bool directed, bool weighted = true) const {
    ViewSpec s;
    s.directed = directed;
    s.weighted = weighted;
    return tg->View(s).value();
  }
};

inline Built Build(const EdgeList& g) {
  Built b;
  b.c = std::make_unique<CaseData>(CaseFromEdges(g));
  b.tg = std::move(TemporalGraph::Build(*b.c, EntitiesByAccount(*b.c))).value();
  return b;
}

inline Graph SimpleGraph(uint32_t n, std::vector<std::pair<VertexId, VertexId>> edges, bool directed) {
  return Graph::FromEdges(n, edges, {}, directed);
}

// A seeded random directed graph with a few hubs, weights 1..5.
inline EdgeList RandomGraph(uint32_t n, uint32_t m, uint64_t seed) {
  EdgeList g{"random-" + std::to_string(seed), n, {}, {}};
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<uint32_t> any(0, n - 1), hub(0, n / 10), weight(1, 5);
  for (uint32_t i = 0; i < m; ++i) {
    VertexId u = (i % 3 == 0) ? hub(rng) : any(rng), v = any(rng);
    if (u != v) g.edges.push_back({u, v, weight(rng)});
  }
  return g;
}

// ---- Covert networks ------------------------------------------------------------------------

inline std::string SharedData() { return LINCHPIN_SHARED_DATA; }

inline std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (ch == '"') {
      if (quoted && i + 1 < line.size() && line[i + 1] == '"') { out.back() += '"'; ++i; }
      else quoted = !quoted;
    } else if (ch == ',' && !quoted) {
      out.emplace_back();
    } else if (ch != '\r') {
      out.back() += ch;
    }
  }
  return out;
}

// One layer of a covert network, undirected, with its nodes file's vertex set when there is one.
inline std::optional<EdgeList> LoadCovert(const std::string& folder, const std::string& edges_file,
                                          const std::string& nodes_file) {
  const std::string dir = SharedData() + "/covert-networks/" + folder + "/";
  std::ifstream edges(dir + edges_file);
  if (!edges) return std::nullopt;
  EdgeList g{folder + "/" + edges_file, 0, {}, {}};
  std::map<std::string, VertexId> id;
  auto vertex = [&](const std::string& name) {
    auto [it, inserted] = id.emplace(name, g.n);
    if (inserted) { g.names.push_back(name); ++g.n; }
    return it->second;
  };
  std::string line;
  if (std::ifstream nodes(dir + nodes_file); nodes) {
    std::getline(nodes, line);
    while (std::getline(nodes, line)) {
      auto cells = SplitCsvLine(line);
      if (cells.size() >= 2) vertex(cells[1]);
    }
  }
  std::getline(edges, line);  // header
  const bool has_weight = SplitCsvLine(line).size() >= 3;
  while (std::getline(edges, line)) {
    auto cells = SplitCsvLine(line);
    if (cells.size() < 2) continue;
    uint32_t w = 1;
    if (has_weight && cells.size() >= 3 && !cells[2].empty()) w = std::max(1, static_cast<int>(std::stod(cells[2])));
    g.edges.push_back({vertex(cells[0]), vertex(cells[1]), w});
  }
  return g;
}

struct CovertLayer { const char* folder; const char* edges; const char* nodes; };
inline constexpr CovertLayer kCovertLayers[] = {
    {"madrid-train-bombing-rodriguez", "edges.csv", "nodes.csv"},
    {"jemaah-islamiyah-bali-koschade", "JI_KOSCHADE.edges.csv", "nodes.csv"},
    {"caviar-drug-wiretap", "CAVIAR_FULL.edges.csv", "CAVIAR_FULL.nodes.csv"},
    {"hijackers-911-krebs", "9_11_HIJACKERS_ASSOCIATES.edges.csv", "9_11_HIJACKERS_ASSOCIATES.nodes.csv"},
    {"noordin-top-everton", "NOORDINTOP_COMMUNICATIONS.edges.csv", "nodes.csv"},
    {"n17-rhodes", "RHODESBOMBING.edges.csv", "nodes.csv"},
};

inline std::vector<EdgeList> CovertNetworks() {
  std::vector<EdgeList> out;
  for (const auto& l : kCovertLayers) {
    if (auto g = LoadCovert(l.folder, l.edges, l.nodes)) out.push_back(std::move(*g));
  }
  return out;
}

// ---- The reference script -------------------------------------------------------------------

inline bool PythonAvailable() {
  return std::filesystem::exists("/usr/bin/python3") &&
         std::system("/usr/bin/python3 -c 'import networkx, igraph' >/dev/null 2>&1") == 0;
}

// Writes the graph ("n directed" then "u v w" lines), runs reference.py METRIC FILE ARGS and
// returns its JSON answer.
inline nlohmann::json Reference(const std::string& metric, const EdgeList& g, bool directed,
                                const nlohmann::json& args = nlohmann::json::object()) {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path();
  const std::string base = (dir / ("linchpin-graph-ref-" + std::to_string(::getpid()) + "-" + std::to_string(counter++))).string();
  {
    std::ofstream f(base + ".txt");
    f << g.n << ' ' << (directed ? 1 : 0) << '\n';
    for (const auto& e : g.edges) f << e.u << ' ' << e.v << ' ' << e.w << '\n';
  }
  {
    std::ofstream f(base + ".args.json");
    f << args.dump();
  }
  const std::string cmd = std::string("/usr/bin/python3 ") + LINCHPIN_SOURCE_DIR + "/src/graph/reference.py " +
                          metric + " " + base + ".txt " + base + ".args.json > " + base + ".out";
  const int rc = std::system(cmd.c_str());
  std::ifstream out(base + ".out");
  std::stringstream ss;
  ss << out.rdbuf();
  std::filesystem::remove(base + ".txt");
  std::filesystem::remove(base + ".args.json");
  std::filesystem::remove(base + ".out");
  if (rc != 0) return nlohmann::json{{"error", "reference.py failed: " + cmd}};
  return nlohmann::json::parse(ss.str());
}

}  // namespace linchpin::graph::testing
