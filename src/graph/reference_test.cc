// Every kernel against networkx / python-igraph (src/graph/reference.py, run with /usr/bin/python3)
// on real covert networks (../shared/data/covert-networks, read in place) and on seeded random
// directed graphs. Skips, saying why, when Python or the data are missing.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "graph/analytics.h"
#include "graph/test_graphs.h"

namespace linchpin::graph {
namespace {

using nlohmann::json;

void ExpectClose(const std::vector<double>& ours, const json& theirs, double tol, const std::string& what) {
  ASSERT_TRUE(theirs.is_array()) << what << ": " << theirs.dump().substr(0, 200);
  ASSERT_EQ(ours.size(), theirs.size()) << what;
  for (size_t v = 0; v < ours.size(); ++v) {
    if (theirs[v].is_null()) {
      EXPECT_TRUE(std::isnan(ours[v])) << what << " vertex " << v;
      continue;
    }
    const double t = theirs[v].get<double>();
    EXPECT_NEAR(ours[v], t, tol * std::max(1.0, std::fabs(t))) << what << " vertex " << v;
  }
}

template <typename T>
std::vector<double> AsDouble(const std::vector<T>& v) { return {v.begin(), v.end()}; }

json ToJson(const std::vector<VertexId>& v) { return json(std::vector<uint32_t>(v.begin(), v.end())); }

class ReferenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::PythonAvailable()) GTEST_SKIP() << "/usr/bin/python3 with networkx and igraph not found";
  }

  void CompareGraph(const testing::EdgeList& el, bool directed) {
    SCOPED_TRACE(el.name + (directed ? " (directed)" : " (undirected)"));
    auto built = testing::Build(el);
    const Graph g = built.View(directed);
    const uint32_t n = g.num_vertices();

    // Ours first, so the reference can be asked about our answers (partitions, sets).
    const auto pr = PageRank(g);
    PageRankOptions personal;
    personal.seeds = {0, n / 2};
    const auto ppr = PageRank(g, personal);
    const Communities comm = Louvain(g);
    const Communities leiden = Leiden(g);
    const auto brokerage = Brokerage(g, comm.label);
    KeyPlayerOptions kp;
    std::vector<json> neg_sets, pos_sets;
    std::vector<KeyPlayerResult> neg, pos;
    for (uint32_t k : {1u, 2u}) {
      kp.k = k;
      neg.push_back(KeyPlayersNeg(g, kp));
      pos.push_back(KeyPlayersPos(g, kp));
      neg_sets.push_back(ToJson(neg.back().set));
      pos_sets.push_back(ToJson(pos.back().set));
    }
    std::vector<std::pair<VertexId, VertexId>> queries{{0, n - 1}, {1, n / 2}, {n / 3, 2 * n / 3}};

    std::string metrics = "degree,strength,pagerank,closeness,harmonic,betweenness,components_weak,kcore,"
                          "modularity,louvain,brokerage,fragmentation,reach,shortest";
    if (directed) metrics += ",components_strong";
    else metrics += ",eigenvector,constraint";
    json args;
    args["modularity"]["labels"] = comm.label;
    args["brokerage"]["groups"] = comm.label;
    args["fragmentation"]["sets"] = neg_sets;
    args["reach"]["sets"] = pos_sets;
    args["shortest"]["k"] = 6;
    for (const auto& [s, t] : queries) args["shortest"]["queries"].push_back({s, t});
    if (n <= 80) {  // exhaustive search over all pairs in Python stays quick
      args["fragmentation"]["best_k"] = 2;
      args["reach"]["best_k"] = 2;
    }
    json ref = testing::Reference(metrics, el, directed, args);
    ASSERT_FALSE(ref.contains("error")) << ref.dump();

    ExpectClose(Degree(g), ref["degree"]["values"], 1e-12, "degree");
    ExpectClose(Strength(g), ref["strength"]["values"], 1e-12, "strength");
    ExpectClose(pr.score, ref["pagerank"]["values"], 1e-8, "pagerank vs networkx");
    ExpectClose(pr.score, ref["pagerank"]["igraph"], 1e-6, "pagerank vs igraph");
    ExpectClose(Closeness(g), ref["closeness"]["values"], 1e-9, "closeness");
    ExpectClose(Harmonic(g), ref["harmonic"]["values"], 1e-9, "harmonic");
    ExpectClose(Betweenness(g), ref["betweenness"]["values"], 1e-9, "betweenness");
    ExpectClose(AsDouble(WeakComponents(g).label), ref["components_weak"]["labels"], 0, "weak components");
    ExpectClose(AsDouble(CoreNumbers(g)), ref["kcore"]["values"], 0, "core numbers");
    if (directed) {
      // Both number components by their smallest vertex, so labels must agree exactly.
      ExpectClose(AsDouble(StrongComponents(g).label), ref["components_strong"]["labels"], 0, "strong components");
    } else {
      const auto ev = Eigenvector(g);
      EXPECT_TRUE(ev.converged);
      ExpectClose(ev.score, ref["eigenvector"]["values"], 1e-6, "eigenvector");
      ExpectClose(Constraint(g), ref["constraint"]["values"], 1e-9, "constraint");
    }
    // Communities: our figure is the true modularity of our partition, and as good as the peers'.
    EXPECT_NEAR(comm.modularity, ref["modularity"]["value"].get<double>(), 1e-9);
    const double best_peer = std::max(ref["louvain"]["networkx"].get<double>(), ref["louvain"]["igraph"].get<double>());
    EXPECT_GE(comm.modularity, best_peer - 0.02) << "networkx " << ref["louvain"]["networkx"] << ", igraph "
                                                 << ref["louvain"]["igraph"];
    // Leiden: connected communities, as good as igraph's Leiden and the Louvain peers.
    EXPECT_EQ(DisconnectedCommunities(g, leiden.label), 0u);
    EXPECT_GE(leiden.modularity, std::max(best_peer, ref["louvain"]["igraph_leiden"].get<double>()) - 0.02)
        << "igraph Leiden " << ref["louvain"]["igraph_leiden"];
    // Gould-Fernandez against a brute-force enumeration of every triple.
    const json& bf = ref["brokerage"]["counts"];
    for (VertexId v = 0; v < n; ++v) {
      for (int r = 0; r < kBrokerRoleCount; ++r) {
        ASSERT_EQ(brokerage[v][r], bf[v][r].get<uint64_t>()) << "vertex " << v << " role " << r;
      }
    }
    // Key players: our figures are networkx's for our sets, and the search finds the optimum
    // that exhaustive search finds on the small graphs.
    for (size_t i = 0; i < neg.size(); ++i) {
      EXPECT_NEAR(neg[i].after, ref["fragmentation"]["values"][i].get<double>(), 1e-12);
      EXPECT_NEAR(pos[i].after, ref["reach"]["values"][i].get<double>(), 1e-12);
    }
    if (ref["fragmentation"].contains("best")) {
      EXPECT_NEAR(neg[1].after, ref["fragmentation"]["best"].get<double>(), 1e-12) << "KPP-Neg k=2 is optimal";
      EXPECT_NEAR(pos[1].after, ref["reach"]["best"].get<double>(), 1e-12) << "KPP-Pos k=2 is optimal";
    }
    ComparePaths(g, queries, ref["shortest"]);
  }

  void ComparePaths(const Graph& g, const std::vector<std::pair<VertexId, VertexId>>& queries, const json& ref) {
    ASSERT_EQ(ref["results"].size(), queries.size());
    for (size_t q = 0; q < queries.size(); ++q) {
      const auto [s, t] = queries[q];
      const json& r = ref["results"][q];
      auto p = ShortestPath(g, s, t);
      if (r["hops"].is_null()) {
        EXPECT_FALSE(p) << s << "->" << t;
        continue;
      }
      ASSERT_TRUE(p) << s << "->" << t;
      EXPECT_EQ(p->hops(), r["hops"].get<uint32_t>());
      const auto k = KShortestPaths(g, s, t, 6);
      ASSERT_EQ(k.size(), r["k_hops"].size());
      for (size_t i = 0; i < k.size(); ++i) {
        EXPECT_EQ(k[i].hops(), r["k_hops"][i].get<uint32_t>()) << "path " << i;
        for (size_t h = 0; h + 1 < k[i].vertices.size(); ++h) {
          EXPECT_TRUE(g.HasArc(k[i].vertices[h], k[i].vertices[h + 1]));
        }
      }
    }
  }
};

TEST_F(ReferenceTest, CovertNetworks) {
  const auto networks = testing::CovertNetworks();
  if (networks.empty()) GTEST_SKIP() << "no covert networks under " << testing::SharedData();
  for (const auto& el : networks) CompareGraph(el, /*directed=*/false);
}

TEST_F(ReferenceTest, RandomDirectedGraphs) {
  for (uint64_t seed : {21, 22}) CompareGraph(testing::RandomGraph(150, 600, seed), /*directed=*/true);
}

TEST_F(ReferenceTest, RandomUndirectedGraph) {
  CompareGraph(testing::RandomGraph(400, 1200, 23), /*directed=*/false);
}

TEST_F(ReferenceTest, PersonalisedPageRank) {
  const auto el = testing::RandomGraph(300, 1500, 31);
  auto built = testing::Build(el);
  const Graph g = built.View(true);
  PageRankOptions o;
  o.seeds = {3, 17, 150};
  json args;
  args["pagerank"]["seeds"] = ToJson(o.seeds);
  json ref = testing::Reference("pagerank", el, true, args);
  ExpectClose(PageRank(g, o).score, ref["pagerank"]["values"], 1e-8, "personalised pagerank");
}

TEST_F(ReferenceTest, ExportsOpenInNetworkx) {
  const auto networks = testing::CovertNetworks();
  if (networks.empty()) GTEST_SKIP() << "no covert networks";
  const auto& el = networks.front();
  auto built = testing::Build(el);
  std::vector<VertexId> all(built.tg->num_entities());
  for (VertexId v = 0; v < all.size(); ++v) all[v] = v;
  uint64_t total = 0;
  for (const auto& e : el.edges) total += e.w;
  for (auto [format, metric] : {std::pair{ExportFormat::kGraphMl, "read_graphml"}, std::pair{ExportFormat::kGexf, "read_gexf"}}) {
    const auto path = std::filesystem::temp_directory_path() / ("linchpin-export-" + std::to_string(::getpid()) + "." + metric);
    {
      std::ofstream f(path);
      ASSERT_TRUE(WriteNetwork(*built.tg, all, {}, format, f).ok());
    }
    json args;
    args[metric]["path"] = path.string();
    json ref = testing::Reference(metric, el, false, args)[metric];
    std::filesystem::remove(path);
    ASSERT_FALSE(ref.contains("error")) << ref.dump();
    EXPECT_EQ(ref["nodes"].get<uint32_t>(), el.n) << metric;
    EXPECT_EQ(ref["edges"].get<uint64_t>(), built.tg->num_pairs()) << metric;
    EXPECT_EQ(ref["weight"].get<double>(), static_cast<double>(total)) << metric;
    std::vector<std::string> names = el.names;
    std::sort(names.begin(), names.end());
    EXPECT_EQ(ref["labels"].get<std::vector<std::string>>(), names) << metric;
  }
}

}  // namespace
}  // namespace linchpin::graph
