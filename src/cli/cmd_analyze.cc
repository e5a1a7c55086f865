// linchpin analyze CASE --metric NAME — network analytics on a case's temporal graph
// (graph/analytics.h): who matters in this network, and who connects these people.
//
// The view: --from/--to (inclusive, as `events`), --platform, --kind,
// --by auto|resolved|person|account (auto: `linchpin resolve`'s entities when stored, else person),
// --directed/--undirected (each metric has a natural default), --unweighted. Per-entity metrics
// print a ranked table, or `entity,value` CSV with one row per entity, or JSON.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "cli/commands.h"
#include "cli/entities.h"
#include "cli/output.h"
#include "common/strings.h"
#include "graph/analytics.h"
#include "model/case_names.h"
#include "store/case_store.h"

namespace linchpin::cli {

namespace {

using graph::Graph;
using graph::TemporalGraph;
using graph::VertexId;
using Json = nlohmann::ordered_json;

struct AnalyzeArgs {
  std::string case_path, metric, from, to, by = "auto", group_by = "community", algorithm = "leiden";
  std::vector<std::string> platforms, kinds, seeds;
  std::string source, target, center, format = "csv", out;
  size_t top = 0;
  uint32_t k = 3, hops = 1;
  uint64_t seed = 1;
  double epsilon = 0.01, delta = 0.1;
  bool json = false, csv = false, directed = false, undirected = false, unweighted = false;
};

// What a metric hands back for printing: per-entity values and/or a summary.
struct Answer {
  std::vector<std::string> columns{"value"};  // per-entity value columns
  std::vector<std::vector<double>> values;    // by local vertex; one vector per column
  Json summary = Json::object();
  std::string text;                           // printed as is (exports)
};

struct Context {
  const AnalyzeArgs& args;
  const CaseData& c;
  const TemporalGraph& tg;
  graph::ViewSpec view;
  Graph g;
};

Result<graph::ViewSpec> MakeView(const AnalyzeArgs& a, const CaseData& c, bool directed) {
  graph::ViewSpec v;
  LP_ASSIGN_OR_RETURN(const TimeWindow window, ParseTimeWindow(a.from, a.to));
  v.from = window.from;
  if (window.to != kNoTime) v.to = window.to + 1;  // the view's end is exclusive
  for (const std::string& name : a.platforms) {
    const uint32_t p = c.FindPlatform(AsciiLower(name));
    if (p == kNoIndex) return Status::NotFound("no platform '" + name + "' in " + a.case_path);
    v.platforms.push_back(static_cast<uint16_t>(p));
  }
  if (!a.kinds.empty()) {
    v.kinds = 0;
    for (const std::string& name : a.kinds) {
      auto k = ParseEventKind(name);
      if (!k) return Status::InvalidArgument("--kind: unknown event kind '" + name + "'");
      v.kinds |= static_cast<uint16_t>(1u << static_cast<unsigned>(*k));
    }
  }
  v.directed = a.directed ? true : a.undirected ? false : directed;
  v.weighted = !a.unweighted;
  return v;
}

Result<VertexId> Local(const Context& cx, const std::string& name, const char* flag) {
  if (name.empty()) return Status::InvalidArgument(std::string(flag) + " is required for --metric " + cx.args.metric);
  LP_ASSIGN_OR_RETURN(VertexId e, cx.tg.FindEntity(name));
  const VertexId v = cx.g.local(e);
  if (v == graph::kNoVertex) return Status::NotFound("'" + name + "' is not in the view");
  return v;
}

std::string Name(const Context& cx, VertexId local) { return cx.tg.name(cx.g.entity(local)); }

Json PathJson(const Context& cx, const graph::Path& p) {
  Json names = Json::array();
  for (VertexId v : p.vertices) names.push_back(Name(cx, v));
  return {{"hops", p.hops()}, {"entities", names}};
}

// --- Metrics -------------------------------------------------------------------------------

Result<Answer> PerEntity(std::vector<double> values) {
  Answer a;
  a.values.push_back(std::move(values));
  return a;
}

Result<Answer> PageRankMetric(const Context& cx) {
  graph::PageRankOptions o;
  for (const std::string& s : cx.args.seeds) {
    LP_ASSIGN_OR_RETURN(VertexId v, Local(cx, s, "--seed-entities"));
    o.seeds.push_back(v);
  }
  auto r = graph::PageRank(cx.g, o);
  Answer a;
  a.summary = {{"iterations", r.iterations}, {"residual", r.residual}, {"personalised", !o.seeds.empty()}};
  a.values.push_back(std::move(r.score));
  return a;
}

Result<Answer> SampledBetweennessMetric(const Context& cx) {
  if (cx.args.epsilon <= 0 || cx.args.epsilon >= 1 || cx.args.delta <= 0 || cx.args.delta >= 1) {
    return Status::InvalidArgument("--epsilon and --delta must lie in (0, 1)");
  }
  auto r = graph::BetweennessSampled(cx.g, cx.args.epsilon, cx.args.delta, cx.args.seed);
  Answer a;
  a.summary = {{"samples", r.samples}, {"epsilon", r.epsilon}, {"delta", r.delta},
               {"guarantee", "P(max |estimate - exact| > epsilon) <= delta"}};
  a.values.push_back(std::move(r.score));
  return a;
}

Result<Answer> ComponentsMetric(const graph::Components& comp) {
  Answer a;
  a.columns = {"component"};
  a.values.emplace_back(comp.label.begin(), comp.label.end());
  std::vector<uint32_t> sizes = comp.size;
  std::sort(sizes.rbegin(), sizes.rend());
  sizes.resize(std::min<size_t>(sizes.size(), 10));
  a.summary = {{"components", comp.count()}, {"largest_sizes", sizes}};
  return a;
}

// --algorithm: Leiden (connected communities) by default, Louvain as igraph's multilevel and Gephi.
Result<graph::Communities> Communities(const Context& cx) {
  graph::CommunityOptions o;
  o.seed = cx.args.seed;
  if (cx.args.algorithm == "leiden") return graph::Leiden(cx.g, o);
  if (cx.args.algorithm == "louvain") return graph::Louvain(cx.g, o);
  return Status::InvalidArgument("--algorithm: expected leiden or louvain, got '" + cx.args.algorithm + "'");
}

Result<Answer> CommunityMetric(const Context& cx) {
  LP_ASSIGN_OR_RETURN(graph::Communities r, Communities(cx));
  Answer a;
  a.columns = {"community"};
  a.values.emplace_back(r.label.begin(), r.label.end());
  a.summary = {{"communities", r.count}, {"modularity", r.modularity}, {"levels", r.levels}, {"algorithm", cx.args.algorithm},
               {"disconnected_communities", graph::DisconnectedCommunities(cx.g, r.label)}};
  return a;
}

Result<Answer> ShortestPathsMetric(const Context& cx, uint32_t k) {
  LP_ASSIGN_OR_RETURN(VertexId s, Local(cx, cx.args.source, "--source"));
  LP_ASSIGN_OR_RETURN(VertexId t, Local(cx, cx.args.target, "--target"));
  Answer a;
  Json paths = Json::array();
  for (const auto& p : graph::KShortestPaths(cx.g, s, t, k)) paths.push_back(PathJson(cx, p));
  a.summary = {{"source", cx.args.source}, {"target", cx.args.target}, {"paths", paths}};
  return a;
}

Result<Answer> TimePathMetric(const Context& cx) {
  LP_ASSIGN_OR_RETURN(VertexId s, cx.tg.FindEntity(cx.args.source));
  LP_ASSIGN_OR_RETURN(VertexId t, cx.tg.FindEntity(cx.args.target));
  Answer a;
  a.summary = {{"source", cx.args.source}, {"target", cx.args.target}};
  auto p = graph::TimeRespectingPath(cx.tg, s, t, cx.view);
  if (!p) {
    a.summary["path"] = nullptr;
    return a;
  }
  Json hops = Json::array();
  const EventTable& ev = cx.c.events;
  for (size_t i = 0; i < p->events.size(); ++i) {
    const uint32_t row = p->events[i];
    hops.push_back({{"from", cx.tg.name(p->entities[i])}, {"to", cx.tg.name(p->entities[i + 1])},
                    {"time", FormatTime(ev.time[row])}, {"platform", cx.c.platforms[ev.platform[row]].name},
                    {"kind", std::string(ToString(ev.kind[row]))}, {"event_row", row}});
  }
  a.summary["arrival"] = FormatTime(p->arrival);
  a.summary["path"] = hops;
  return a;
}

// Groups for brokerage: communities (--algorithm), or a person attribute (nationality).
Result<std::vector<uint32_t>> Groups(const Context& cx) {
  if (cx.args.group_by == "community") {
    LP_ASSIGN_OR_RETURN(graph::Communities r, Communities(cx));
    return std::move(r.label);
  }
  if (cx.args.group_by != "country" && cx.args.group_by != "nationality") {
    return Status::InvalidArgument("--group-by: expected community or country, got '" + cx.args.group_by + "'");
  }
  std::map<std::string, uint32_t> id;
  std::vector<uint32_t> group(cx.g.num_vertices());
  for (VertexId v = 0; v < cx.g.num_vertices(); ++v) {
    const auto& info = cx.tg.entities().info[cx.g.entity(v)];
    const std::string country = info.person < cx.c.persons.size() ? cx.c.persons[info.person].nationality : "";
    group[v] = id.emplace(country.empty() ? "?" : country, static_cast<uint32_t>(id.size())).first->second;
  }
  return group;
}

Result<Answer> BrokerageMetric(const Context& cx) {
  LP_ASSIGN_OR_RETURN(auto group, Groups(cx));
  const auto counts = graph::Brokerage(cx.g, group);
  Answer a;
  a.columns.clear();
  a.values.assign(graph::kBrokerRoleCount + 1, std::vector<double>(cx.g.num_vertices(), 0));
  for (int r = 0; r < graph::kBrokerRoleCount; ++r) a.columns.emplace_back(ToString(static_cast<graph::BrokerRole>(r)));
  a.columns.insert(a.columns.begin(), "total");
  for (VertexId v = 0; v < cx.g.num_vertices(); ++v) {
    for (int r = 0; r < graph::kBrokerRoleCount; ++r) {
      a.values[r + 1][v] = static_cast<double>(counts[v][r]);
      a.values[0][v] += static_cast<double>(counts[v][r]);
    }
  }
  a.summary = {{"group_by", cx.args.group_by}};
  return a;
}

Result<Answer> KeyPlayerMetric(const Context& cx, bool fragment) {
  graph::KeyPlayerOptions o;
  o.k = cx.args.k;
  o.seed = cx.args.seed;
  auto r = fragment ? graph::KeyPlayersNeg(cx.g, o) : graph::KeyPlayersPos(cx.g, o);
  Json set = Json::array();
  for (VertexId v : r.set) set.push_back(Name(cx, v));
  Answer a;
  if (fragment) {
    a.summary = {{"k", o.k}, {"set", set}, {"fragmentation_before", r.before}, {"fragmentation_after", r.after}};
  } else {
    a.summary = {{"k", o.k}, {"set", set}, {"distance_weighted_reach", r.after}};
  }
  return a;
}

Result<Answer> ExportMetric(const Context& cx) {
  LP_ASSIGN_OR_RETURN(VertexId center, cx.tg.FindEntity(cx.args.center.empty() ? cx.args.source : cx.args.center));
  const uint32_t hops = cx.args.metric == "ego" ? 1 : cx.args.hops;
  LP_ASSIGN_OR_RETURN(auto members, graph::Neighbourhood(cx.tg, center, hops, cx.view));
  LP_ASSIGN_OR_RETURN(auto format, graph::ParseExportFormat(cx.args.format));
  std::ostringstream out;
  LP_RETURN_IF_ERROR(graph::WriteNetwork(cx.tg, members, cx.view, format, out));
  Answer a;
  a.text = out.str();
  a.summary = {{"center", cx.tg.name(center)}, {"hops", hops}, {"entities", members.size()}};
  return a;
}

struct MetricSpec {
  bool directed;  // the natural direction of the metric
  std::string help;
  std::function<Result<Answer>(const Context&)> run;
};

const std::map<std::string, MetricSpec>& Metrics() {
  using graph::Direction;
  static const std::map<std::string, MetricSpec> m = {
      {"degree", {true, "distinct contacts, in + out", [](const Context& cx) { return PerEntity(graph::Degree(cx.g)); }}},
      {"in-degree", {true, "distinct contacts received from", [](const Context& cx) { return PerEntity(graph::Degree(cx.g, Direction::kIn)); }}},
      {"out-degree", {true, "distinct contacts made", [](const Context& cx) { return PerEntity(graph::Degree(cx.g, Direction::kOut)); }}},
      {"strength", {true, "events, in + out", [](const Context& cx) { return PerEntity(graph::Strength(cx.g)); }}},
      {"pagerank", {true, "weighted PageRank (--seed-entities: personalised)", PageRankMetric}},
      {"eigenvector", {false, "eigenvector centrality", [](const Context& cx) { return PerEntity(graph::Eigenvector(cx.g).score); }}},
      {"closeness", {false, "Wasserman-Faust closeness", [](const Context& cx) { return PerEntity(graph::Closeness(cx.g)); }}},
      {"harmonic", {false, "harmonic centrality", [](const Context& cx) { return PerEntity(graph::Harmonic(cx.g)); }}},
      {"betweenness", {false, "exact betweenness (Brandes), normalised", [](const Context& cx) { return PerEntity(graph::Betweenness(cx.g)); }}},
      {"betweenness-sampled", {false, "sampled betweenness within --epsilon with probability 1 - --delta", SampledBetweennessMetric}},
      {"components", {false, "weakly connected components", [](const Context& cx) { return ComponentsMetric(graph::WeakComponents(cx.g)); }}},
      {"strong-components", {true, "strongly connected components", [](const Context& cx) { return ComponentsMetric(graph::StrongComponents(cx.g)); }}},
      {"kcore", {false, "core number", [](const Context& cx) { auto c = graph::CoreNumbers(cx.g); return PerEntity({c.begin(), c.end()}); }}},
      {"community", {false, "communities by modularity: --algorithm leiden (connected) or louvain (--seed)", CommunityMetric}},
      {"shortest-path", {false, "fewest-hop path --source to --target", [](const Context& cx) { return ShortestPathsMetric(cx, 1); }}},
      {"k-shortest-paths", {false, "--k loopless paths by hops (Yen)", [](const Context& cx) { return ShortestPathsMetric(cx, cx.args.k); }}},
      {"time-path", {true, "earliest chain of contacts in time order, --source to --target", TimePathMetric}},
      {"brokerage", {true, "Gould-Fernandez roles by --group-by community|country", BrokerageMetric}},
      {"constraint", {false, "Burt's constraint (low = broker across holes)", [](const Context& cx) { return PerEntity(graph::Constraint(cx.g)); }}},
      {"key-players", {false, "KPP-Neg: --k entities whose removal most fragments the network", [](const Context& cx) { return KeyPlayerMetric(cx, true); }}},
      {"key-players-reach", {false, "KPP-Pos: --k entities that reach most others", [](const Context& cx) { return KeyPlayerMetric(cx, false); }}},
      {"ego", {false, "export the ego network of --center (--format csv|graphml|gexf, --out)", ExportMetric}},
      {"neighbourhood", {false, "export the --hops neighbourhood of --center", ExportMetric}},
  };
  return m;
}

// --- Printing ------------------------------------------------------------------------------

std::string FormatValue(double x) {
  if (std::isnan(x)) return "";
  if (x == std::floor(x) && std::fabs(x) < 1e15) return std::to_string(static_cast<int64_t>(x));
  std::ostringstream s;
  s.precision(6);
  s << x;
  return s.str();
}

// Integral values (labels, counts) as JSON integers; NaN as null.
Json NumberJson(double x) {
  if (std::isnan(x)) return Json();
  if (x == std::floor(x) && std::fabs(x) < 9e15) return Json(static_cast<int64_t>(x));
  return Json(x);
}

// Local vertices ranked by the first column, highest first; ties by name; NaN last.
std::vector<VertexId> Ranked(const Context& cx, const std::vector<double>& v) {
  std::vector<VertexId> order(v.size());
  for (VertexId i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](VertexId a, VertexId b) {
    if (std::isnan(v[a]) != std::isnan(v[b])) return std::isnan(v[b]);
    if (v[a] != v[b]) return v[a] > v[b];
    return Name(cx, a) < Name(cx, b);
  });
  return order;
}

// What the case calls each of the first `shown` entities of `order` (model/case_names.h): its
// person, else the display names of its accounts (for an account, its owner's name). One scan
// over accounts.csv rows, whatever the number shown; "" where the case names none.
std::vector<std::string> Labels(const Context& cx, const std::vector<VertexId>& order, size_t shown) {
  const graph::EntityMap& entities = cx.tg.entities();
  std::unordered_map<VertexId, size_t> row_of;
  std::vector<std::vector<std::string>> persons(shown), accounts(shown);
  for (size_t i = 0; i < shown; ++i) {
    const VertexId e = cx.g.entity(order[i]);
    row_of.emplace(e, i);
    if (entities.info[e].kind == graph::EntityKind::kPerson) persons[i].push_back(cx.tg.name(e));
  }
  for (const Account& account : cx.c.accounts) {
    if (account.endpoint >= entities.entity_of_endpoint.size()) continue;
    auto it = row_of.find(entities.entity_of_endpoint[account.endpoint]);
    if (it == row_of.end()) continue;
    accounts[it->second].push_back(account.id);
    if (!account.owner.empty()) persons[it->second].push_back(account.owner);
  }
  const CaseNames names(cx.c);
  std::vector<std::string> labels(shown);
  for (size_t i = 0; i < shown; ++i) {
    labels[i] = names.Of(persons[i], accounts[i]);
    if (labels[i] == Name(cx, order[i])) labels[i].clear();
  }
  return labels;
}

// The table, CSV or JSON of an answer.
void PrintAnswer(const Context& cx, const Answer& ans, std::ostream& out) {
  const AnalyzeArgs& a = cx.args;
  std::vector<VertexId> order;
  if (!ans.values.empty()) order = Ranked(cx, ans.values[0]);
  const size_t shown = a.top > 0 ? std::min(a.top, order.size()) : (a.json || a.csv ? order.size() : std::min<size_t>(20, order.size()));
  if (a.csv) {
    TableRow header{"entity"};
    header.insert(header.end(), ans.columns.begin(), ans.columns.end());
    if (!ans.values.empty()) PrintCsvRow(out, header);
    for (size_t i = 0; i < shown; ++i) {
      TableRow row{Name(cx, order[i])};
      for (const auto& col : ans.values) row.push_back(FormatValue(col[order[i]]));
      PrintCsvRow(out, row);
    }
    if (ans.values.empty()) out << ans.summary.dump() << "\n";
    return;
  }
  Json j = {{"metric", a.metric}, {"entities", cx.g.num_vertices()}, {"edges", cx.g.num_edges()},
            {"directed", cx.g.directed()}, {"weighted", cx.g.weighted()}};
  j["summary"] = ans.summary;
  const std::vector<std::string> labels = Labels(cx, order, shown);
  if (a.json) {
    Json rows = Json::array();
    for (size_t i = 0; i < shown; ++i) {
      Json row = {{"entity", Name(cx, order[i])}};
      if (!labels[i].empty()) row["label"] = labels[i];
      for (size_t c = 0; c < ans.columns.size(); ++c) {
        const double x = ans.values[c][order[i]];
        row[ans.columns[c]] = NumberJson(x);
      }
      rows.push_back(row);
    }
    if (!ans.values.empty()) j["values"] = rows;
    out << j.dump(2) << "\n";
    return;
  }
  out << a.metric << " on " << WithThousands(cx.g.num_vertices()) << " entities, "
            << WithThousands(static_cast<int64_t>(cx.g.num_edges())) << (cx.g.directed() ? " arcs" : " edges") << "\n";
  for (const auto& [key, value] : ans.summary.items()) out << "  " << key << ": " << value.dump() << "\n";
  if (ans.values.empty()) return;
  TableRow header{"rank", "entity", "name"};
  header.insert(header.end(), ans.columns.begin(), ans.columns.end());
  std::vector<TableRow> rows;
  for (size_t i = 0; i < shown; ++i) {
    TableRow row{std::to_string(i + 1), Name(cx, order[i]), labels[i]};
    for (const auto& col : ans.values) row.push_back(FormatValue(col[order[i]]));
    rows.push_back(row);
  }
  PrintTable(out, header, rows);
}

// --out takes what would go to standard output: the network of an export (its summary still
// goes to the terminal), or any other metric's table, CSV or JSON. It used to be read by the
// exports only, so `--metric pagerank --csv --out ranks.csv` wrote no file and said nothing.
void Print(const Context& cx, const Answer& ans) {
  const std::string& path = cx.args.out;
  if (path.empty()) {
    if (!ans.text.empty()) std::cout << ans.text;
    else PrintAnswer(cx, ans, std::cout);
    return;
  }
  std::ofstream file(path, std::ios::binary);
  if (!file) return Fail(Status::IOError("cannot write " + path + ": " + std::strerror(errno)));
  if (!ans.text.empty()) file << ans.text;
  else PrintAnswer(cx, ans, file);
  file.flush();
  if (!file) return Fail(Status::IOError("cannot write " + path + ": " + std::strerror(errno)));
  if (!ans.text.empty()) PrintAnswer(cx, ans, std::cout);
}

// --by: account and person need no resolution; resolved requires one; auto uses it when stored.
Result<graph::EntityMap> Entities(const AnalyzeArgs& a, const CaseData& c) {
  if (a.by == "account") return graph::EntitiesByAccount(c);
  return ResolvedOr(a.by, a.case_path, c, [&c] { return graph::EntitiesByOwner(c); });
}

void Run(const AnalyzeArgs& a) {
  if (a.json && a.csv) return Fail(Status::InvalidArgument("--json and --csv exclude each other"));
  if (a.directed && a.undirected) return Fail(Status::InvalidArgument("--directed and --undirected exclude each other"));
  const auto it = Metrics().find(a.metric);
  if (it == Metrics().end()) {
    std::vector<std::string> names;
    for (const auto& [name, spec] : Metrics()) names.push_back(name);
    std::string listing;
    for (const std::string& name : names) listing += (listing.empty() ? "" : ", ") + name;
    return Fail(Status::InvalidArgument("unknown metric '" + a.metric + "'" +
                                        DidYouMean(a.metric, names) + "; one of: " + listing));
  }
  if (a.by != "auto" && a.by != "resolved" && a.by != "person" && a.by != "account") {
    return Fail(Status::InvalidArgument("--by: expected auto, resolved, person or account"));
  }
  auto loaded = LoadCase(a.case_path);
  if (!loaded.ok()) return Fail(loaded.status());
  const CaseData& c = *loaded;
  auto entities = Entities(a, c);
  if (!entities.ok()) return Fail(entities.status());
  auto tg = TemporalGraph::Build(c, *entities);
  if (!tg.ok()) return Fail(tg.status());
  auto view = MakeView(a, c, it->second.directed);
  if (!view.ok()) return Fail(view.status());
  auto g = (*tg)->View(*view);
  if (!g.ok()) return Fail(g.status());
  const Context cx{a, c, **tg, *view, *g};
  auto answer = it->second.run(cx);
  if (!answer.ok()) return Fail(answer.status());
  Print(cx, *answer);
}

}  // namespace

void RegisterAnalyze(CLI::App& app) {
  auto a = std::make_shared<AnalyzeArgs>();
  std::string metric_help = "One of:";
  for (const auto& [name, spec] : Metrics()) metric_help += "\n  " + name + " — " + spec.help;
  auto* cmd = app.add_subcommand("analyze", "Network analytics on the case's contact graph: centrality, "
                                            "components, communities, paths, brokers, key players, exports.");
  cmd->add_option("case", a->case_path, "Case file")->required();
  cmd->add_option("--metric", a->metric, metric_help)->required();
  cmd->add_option("--from", a->from, "Earliest event time (ISO 8601 or epoch seconds), inclusive");
  cmd->add_option("--to", a->to, "Latest event time, inclusive");
  cmd->add_option("--platform", a->platforms, "Only these platforms (repeatable)");
  cmd->add_option("--kind", a->kinds, "Only these event kinds (repeatable)");
  cmd->add_option("--by", a->by, "Entities: auto (resolved when `linchpin resolve` has run, else person), "
                                 "resolved, person (accounts merged by owner) or account")->capture_default_str();
  cmd->add_flag("--directed", a->directed, "Follow contact direction");
  cmd->add_flag("--undirected", a->undirected, "Ignore contact direction");
  cmd->add_flag("--unweighted", a->unweighted, "Count a tie once, whatever its number of events");
  cmd->add_option("--top", a->top, "Print only the N highest (default: 20 in tables, all in CSV/JSON)")->transform(WholeNumber());
  cmd->add_option("--seed-entities", a->seeds, "Personalised PageRank: teleport to these entities")->delimiter(',');
  cmd->add_option("--source", a->source, "Path source entity");
  cmd->add_option("--target", a->target, "Path target entity");
  cmd->add_option("--center", a->center, "Ego / neighbourhood centre entity");
  cmd->add_option("--k", a->k, "Paths to list, or key players to choose")->transform(WholeNumber())->capture_default_str();
  cmd->add_option("--hops", a->hops, "Neighbourhood radius")->transform(WholeNumber())->capture_default_str();
  cmd->add_option("--group-by", a->group_by, "Brokerage groups: community or country")->capture_default_str();
  cmd->add_option("--algorithm", a->algorithm, "Communities: leiden or louvain")->capture_default_str();
  cmd->add_option("--epsilon", a->epsilon, "Sampled betweenness: maximum error")->capture_default_str();
  cmd->add_option("--delta", a->delta, "Sampled betweenness: probability of exceeding it")->capture_default_str();
  cmd->add_option("--seed", a->seed, "Random seed (communities, sampling, key players)")->transform(WholeNumber())->capture_default_str();
  cmd->add_option("--format", a->format, "Export format: csv, graphml or gexf")->capture_default_str();
  cmd->add_option("--out", a->out, "Write to this file instead of standard output (exports: the network, whose summary still prints)");
  cmd->add_flag("--json", a->json, "Print JSON");
  cmd->add_flag("--csv", a->csv, "Print CSV (entity,value)");
  cmd->callback([a] { Run(*a); });
}

}  // namespace linchpin::cli
