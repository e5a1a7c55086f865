// `linchpin analyze` end to end: ingest a small case with the real binary, run every metric,
// and check the output's shape and that its figures are the library's on the loaded case.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "graph/analytics.h"
#include "store/case_store.h"

namespace linchpin::graph {
namespace {

namespace fs = std::filesystem;

std::string Linchpin(const std::string& args, int* rc = nullptr) {
  const std::string cmd = std::string(LINCHPIN_BIN) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int status = pclose(p);
  if (rc) *rc = WEXITSTATUS(status);
  return out;
}

// Two persons with two accounts each, two cells joined by P2 -> P3, a few unowned accounts.
//   cell A: P1(a1,a2) P2(b1,b2) x1      cell B: P3(c1) P4(d1) y1
class AnalyzeCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("linchpin-analyze-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "persons.csv") << "person_id,name,nationality\nP1,One,FR\nP2,Two,FR\nP3,Three,BE\nP4,Four,BE\n";
    std::ofstream(dir_ / "accounts.csv") << "account_id,platform,handle,owner\n"
                                            "a1,telegram,,P1\na2,signal,,P1\nb1,telegram,,P2\nb2,signal,,P2\n"
                                            "c1,telegram,,P3\nd1,telegram,,P4\nx1,telegram,,\ny1,telegram,,\n";
    std::ofstream ev(dir_ / "events.csv");
    ev << "time,platform,kind,source,target\n";
    const char* contacts[][2] = {{"a1", "b1"}, {"b2", "a2"}, {"a1", "x1"}, {"x1", "b1"}, {"b1", "c1"},
                                 {"c1", "d1"}, {"d1", "y1"}, {"y1", "c1"}, {"a2", "b2"}, {"c1", "y1"}};
    int minute = 0;
    for (const auto& c : contacts) {
      for (int i = 0; i < 2; ++i, ++minute) {
        ev << "2026-03-01T10:" << (minute < 10 ? "0" : "") << minute << ":00Z,"
           << (c[0][1] == '2' ? "signal" : "telegram") << ",message," << c[0] << "," << c[1] << "\n";
      }
    }
    ev.close();
    case_ = (dir_ / "test.lpcase").string();
    int rc = 0;
    const std::string out = Linchpin("ingest " + case_ + " " + (dir_ / "persons.csv").string() + " " +
                                (dir_ / "accounts.csv").string() + " " + (dir_ / "events.csv").string(), &rc);
    ASSERT_EQ(rc, 0) << out;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static std::map<std::string, double> Csv(const std::string& out) {
    std::istringstream in(out);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "entity,value");
    std::map<std::string, double> values;
    while (std::getline(in, line)) {
      const auto comma = line.rfind(',');
      values[line.substr(0, comma)] = line.substr(comma + 1).empty() ? NAN : std::stod(line.substr(comma + 1));
    }
    return values;
  }

  static inline fs::path dir_;
  static inline std::string case_;
};

TEST_F(AnalyzeCliTest, RowsCarryWhatTheCaseCallsTheEntity) {
  int rc = 0;
  const std::string out = Linchpin("analyze " + case_ + " --metric degree --json", &rc);
  ASSERT_EQ(rc, 0) << out;
  std::map<std::string, std::string> label;
  const nlohmann::json rows = nlohmann::json::parse(out)["values"];
  for (const auto& row : rows) label[row["entity"].get<std::string>()] = row.value("label", "");
  ASSERT_TRUE(label.contains("P1") && label.contains("P3") && label.contains("x1")) << out;
  EXPECT_EQ(label.at("P1"), "One");
  EXPECT_EQ(label.at("P3"), "Three");
  EXPECT_EQ(label.at("x1"), "");  // unowned, no display name: no label rather than a made-up one
  // By account, an account is labelled with its owner's name; the table shows it in a column.
  const std::string table = Linchpin("analyze " + case_ + " --metric degree --by account", &rc);
  ASSERT_EQ(rc, 0) << table;
  EXPECT_NE(table.find("rank  entity  name"), std::string::npos) << table;
  std::istringstream lines(table);
  bool a1_named = false;
  for (std::string line; std::getline(lines, line);) a1_named |= line.find(" a1 ") != std::string::npos && line.find("One") != std::string::npos;
  EXPECT_TRUE(a1_named) << table;
}

TEST_F(AnalyzeCliTest, PerEntityMetricsPrintOneRowPerEntity) {
  for (const char* metric : {"degree", "in-degree", "out-degree", "strength", "pagerank", "eigenvector", "closeness",
                             "harmonic", "betweenness", "betweenness-sampled", "kcore", "constraint"}) {
    int rc = 0;
    const std::string out = Linchpin("analyze " + case_ + " --metric " + metric + " --csv", &rc);
    ASSERT_EQ(rc, 0) << metric << ": " << out;
    EXPECT_EQ(Csv(out).size(), 6u) << metric << ": P1..P4, x1, y1\n" << out;
  }
}

TEST_F(AnalyzeCliTest, FiguresAreTheLibrarysOnTheLoadedCase) {
  const CaseData c = LoadCase(case_).value();
  auto tg = TemporalGraph::Build(c, EntitiesByOwner(c)).value();
  const Graph g = tg->View({}).value();
  const auto pr = PageRank(g).score;
  const auto cli = Csv(Linchpin("analyze " + case_ + " --metric pagerank --csv"));
  for (VertexId v = 0; v < g.num_vertices(); ++v) EXPECT_NEAR(cli.at(tg->name(v)), pr[v], 1e-5) << tg->name(v);
  // --by account: the four person accounts split back out.
  EXPECT_EQ(Csv(Linchpin("analyze " + case_ + " --metric degree --by account --csv")).size(), 8u);
  // A window with only the first two contacts (a1 -> b1, b2 -> a2; two events each) leaves P1 -- P2.
  const auto windowed = Csv(Linchpin("analyze " + case_ + " --metric strength --csv --to 2026-03-01T10:03:00Z"));
  EXPECT_EQ(windowed.at("P1"), 4);
  EXPECT_EQ(windowed.at("P2"), 4);
  EXPECT_EQ(windowed.at("P3"), 0);
  const auto signal = Csv(Linchpin("analyze " + case_ + " --metric strength --csv --platform signal"));
  EXPECT_EQ(signal.at("P1"), 4);
  EXPECT_EQ(signal.at("x1"), 0);
}

TEST_F(AnalyzeCliTest, SummariesAndPaths) {
  using nlohmann::json;
  json comp = json::parse(Linchpin("analyze " + case_ + " --metric components --json"));
  EXPECT_EQ(comp["summary"]["components"], 1);
  json comm = json::parse(Linchpin("analyze " + case_ + " --metric community --json"));
  EXPECT_GE(comm["summary"]["communities"].get<int>(), 2);
  EXPECT_EQ(comm["summary"]["algorithm"], "leiden");
  EXPECT_EQ(comm["summary"]["disconnected_communities"], 0);
  json louvain = json::parse(Linchpin("analyze " + case_ + " --metric community --algorithm louvain --json"));
  EXPECT_EQ(louvain["summary"]["algorithm"], "louvain");
  int rc = 0;
  EXPECT_NE(Linchpin("analyze " + case_ + " --metric community --algorithm spectral", &rc).find("--algorithm"), std::string::npos);
  EXPECT_NE(rc, 0);
  json path = json::parse(Linchpin("analyze " + case_ + " --metric shortest-path --source P1 --target y1 --json"));
  EXPECT_EQ(path["summary"]["paths"][0]["hops"], 3);  // P1 - P2 - P3 - y1
  json kp = json::parse(Linchpin("analyze " + case_ + " --metric key-players --k 1 --json"));
  EXPECT_TRUE(kp["summary"]["set"] == json::array({"P2"}) || kp["summary"]["set"] == json::array({"P3"}))
      << "P2 and P3 are the bridge's two ends; either cut is optimal: " << kp.dump();
  EXPECT_GT(kp["summary"]["fragmentation_after"].get<double>(), 0.4);
  json tp = json::parse(Linchpin("analyze " + case_ + " --metric time-path --source P1 --target P4 --json"));
  ASSERT_TRUE(tp["summary"]["path"].is_array()) << tp.dump();
  EXPECT_EQ(tp["summary"]["path"].size(), 3u);  // P1 -> P2 (10:00) -> P3 (10:08) -> P4 (10:10)
  json none = json::parse(Linchpin("analyze " + case_ + " --metric time-path --source P4 --target P1 --json"));
  EXPECT_TRUE(none["summary"]["path"].is_null()) << "nothing flows back from P4 to P1 in time order";
  const std::string brokers = Linchpin("analyze " + case_ + " --metric brokerage --group-by country --csv");
  EXPECT_EQ(brokers.substr(0, brokers.find('\n')), "entity,total,coordinator,consultant,gatekeeper,representative,liaison");
  const std::string gexf = Linchpin("analyze " + case_ + " --metric ego --center P2 --format gexf");
  EXPECT_NE(gexf.find("<gexf"), std::string::npos);
  EXPECT_NE(gexf.find("label=\"P3\""), std::string::npos);
}

TEST_F(AnalyzeCliTest, UserErrorsAreReported) {
  int rc = 0;
  EXPECT_NE(Linchpin("analyze " + case_ + " --metric nonsense", &rc).find("unknown metric"), std::string::npos);
  EXPECT_EQ(rc, 1);
  // A near miss names the metric meant: case and separators aside, or a few letters off.
  EXPECT_NE(Linchpin("analyze " + case_ + " --metric keyplayers", &rc).find("(did you mean 'key-players'?)"),
            std::string::npos);
  EXPECT_NE(Linchpin("analyze " + case_ + " --metric communities", &rc).find("(did you mean 'community'?)"),
            std::string::npos);
  EXPECT_EQ(Linchpin("analyze " + case_ + " --metric foo", &rc).find("did you mean"), std::string::npos);
  EXPECT_NE(Linchpin("analyze " + case_ + " --metric shortest-path --source P1 --target nobody", &rc).find("no entity named"),
            std::string::npos);
  EXPECT_EQ(rc, 1);
  EXPECT_NE(Linchpin("analyze " + case_ + " --metric pagerank --platform fax", &rc).find("no platform"), std::string::npos);
  EXPECT_EQ(rc, 1);
}

// --out was read by the exports only: a ranking asked for in a file went to the terminal.
TEST_F(AnalyzeCliTest, OutTakesEveryMetricsOutput) {
  const std::string path = (dir_ / "ranks.csv").string();
  int rc = 0;
  const std::string printed = Linchpin("analyze " + case_ + " --metric degree --csv --out " + path, &rc);
  ASSERT_EQ(rc, 0) << printed;
  EXPECT_EQ(printed.find("entity,value"), std::string::npos) << "went to the file: " << printed;
  std::ifstream in(path);
  const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(Csv(written).size(), 6u) << written;
  EXPECT_NE(Linchpin("analyze " + case_ + " --metric degree --out " + (dir_ / "no" / "x.csv").string(), &rc)
                .find("cannot write"), std::string::npos);
  EXPECT_EQ(rc, 1);
}

// `--by auto` follows `linchpin resolve`: owners before it, the stored resolution after it;
// `--by resolved` on an unresolved case says what to run. On a copy: resolve writes the case.
TEST_F(AnalyzeCliTest, ByResolvedUsesTheStoredResolution) {
  const std::string copy = (dir_ / "resolved.lpcase").string();
  fs::copy_file(case_, copy, fs::copy_options::overwrite_existing);
  const std::string degree = "analyze " + copy + " --metric degree --csv";
  int rc = 0;
  EXPECT_NE(Linchpin(degree + " --by resolved", &rc).find("linchpin resolve"), std::string::npos);
  EXPECT_EQ(rc, 1);
  EXPECT_EQ(Linchpin(degree + " --by auto", &rc), Linchpin(degree + " --by person"));
  EXPECT_EQ(rc, 0);
  const std::string resolved = Linchpin("resolve " + copy, &rc);
  ASSERT_EQ(rc, 0) << resolved;
  const std::string by_resolved = Linchpin(degree + " --by resolved", &rc);
  ASSERT_EQ(rc, 0) << by_resolved;
  EXPECT_EQ(Linchpin(degree + " --by auto"), by_resolved);
  // Resolution never splits an account: at most one row per account, and the two-account
  // persons of the case files are one entity each.
  const auto rows = Csv(by_resolved);
  EXPECT_LE(rows.size(), 8u);
  EXPECT_LT(rows.size(), Csv(Linchpin(degree + " --by account")).size());
}

}  // namespace
}  // namespace linchpin::graph
