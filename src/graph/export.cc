// Ego network and k-hop neighbourhood export: CSV, GraphML and GEXF (Gephi opens both).
//
// What: the entities within k hops of a centre (k = 1: the ego network, with the ties among the
// alters), and the pairs among them inside the view, with their aggregates recomputed from the
// view's events — count, first and last contact, platforms, reciprocity — so an exported figure
// matches what the analyst filtered. How: a BFS on the undirected view, then a scan of each
// kept pair's events. O(size of the neighbourhood's pairs and events).
// Formats: GraphML (http://graphml.graphdrawing.org/) and GEXF 1.2 (https://gexf.net/), with the
// count also as the edge weight; times as ISO 8601 UTC.
#include <algorithm>
#include <map>

#include "common/strings.h"
#include "graph/analytics.h"

namespace linchpin::graph {

Result<std::vector<VertexId>> Neighbourhood(const TemporalGraph& tg, VertexId center, uint32_t hops,
                                            const ViewSpec& view) {
  ViewSpec undirected = view;
  undirected.directed = false;
  undirected.vertices.clear();
  LP_ASSIGN_OR_RETURN(Graph g, tg.View(undirected));
  std::vector<uint32_t> dist(g.num_vertices(), kNoHops);
  std::vector<VertexId> order{center};
  dist[center] = 0;
  for (size_t head = 0; head < order.size(); ++head) {
    const VertexId v = order[head];
    if (dist[v] == hops) continue;
    for (VertexId w : g.out_neighbors(v)) {
      if (dist[w] != kNoHops) continue;
      dist[w] = dist[v] + 1;
      order.push_back(w);
    }
  }
  return order;
}

Result<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "graphml") return ExportFormat::kGraphMl;
  if (name == "gexf") return ExportFormat::kGexf;
  return Status::InvalidArgument("unknown export format '" + std::string(name) + "' (csv, graphml, gexf)");
}

namespace {

struct ExportEdge {
  VertexId u = kNoVertex, v = kNoVertex;  // entity ids
  uint64_t count = 0;
  TimeMs first = std::numeric_limits<TimeMs>::max(), last = std::numeric_limits<TimeMs>::min();
  std::vector<bool> platforms;
  bool reciprocal = false;
};

std::string Escape(std::string_view s) {  // XML text and attribute values
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string PlatformList(const CaseData& c, const std::vector<bool>& used) {
  std::string out;
  for (size_t p = 0; p < used.size(); ++p) {
    if (!used[p]) continue;
    if (!out.empty()) out += ';';
    out += c.platforms[p].name;
  }
  return out;
}

// The pairs among `entities` in the view, with aggregates from the view's events.
std::vector<ExportEdge> CollectEdges(const TemporalGraph& tg, std::span<const VertexId> entities,
                                     const ViewSpec& view) {
  const CaseData& c = tg.case_data();
  const EventTable& ev = c.events;
  std::vector<bool> keep(tg.num_entities(), false), platform_ok(c.platforms.size(), view.platforms.empty());
  for (VertexId v : entities) keep[v] = true;
  for (uint16_t p : view.platforms) platform_ok[p] = true;
  const TimeMs from = view.from == kNoTime ? std::numeric_limits<TimeMs>::min() : view.from;
  const TimeMs to = view.to == kNoTime ? std::numeric_limits<TimeMs>::max() : view.to;
  std::map<std::pair<VertexId, VertexId>, ExportEdge> edges;
  std::map<std::pair<VertexId, VertexId>, bool> seen_directed;
  for (VertexId u : entities) {
    for (PairId p = tg.out_begin(u); p < tg.out_end(u); ++p) {
      const VertexId v = tg.pair_target(p);
      if (!keep[v]) continue;
      const auto key = view.directed ? std::pair{u, v} : std::pair{std::min(u, v), std::max(u, v)};
      for (uint32_t row : tg.pair_events(p)) {
        if (ev.time[row] < from || ev.time[row] >= to) continue;
        if (!((view.kinds >> static_cast<unsigned>(ev.kind[row])) & 1u) || !platform_ok[ev.platform[row]]) continue;
        ExportEdge& e = edges.try_emplace(key).first->second;
        e.u = key.first;
        e.v = key.second;
        if (e.platforms.empty()) e.platforms.assign(c.platforms.size(), false);
        ++e.count;
        e.first = std::min(e.first, ev.time[row]);
        e.last = std::max(e.last, ev.time[row]);
        e.platforms[ev.platform[row]] = true;
        seen_directed[{u, v}] = true;
      }
    }
  }
  std::vector<ExportEdge> out;
  for (auto& [key, e] : edges) {
    e.reciprocal = seen_directed.count({e.u, e.v}) && seen_directed.count({e.v, e.u});
    out.push_back(std::move(e));
  }
  return out;
}

void WriteCsv(const TemporalGraph& tg, const std::vector<ExportEdge>& edges, std::ostream& out) {
  out << "source,target,count,first,last,platforms,reciprocal\n";
  for (const ExportEdge& e : edges) {
    out << CsvQuote(tg.name(e.u)) << ',' << CsvQuote(tg.name(e.v)) << ',' << e.count << ','
        << FormatTime(e.first) << ',' << FormatTime(e.last) << ','
        << CsvQuote(PlatformList(tg.case_data(), e.platforms)) << ',' << (e.reciprocal ? "true" : "false") << "\n";
  }
}

void WriteGraphMl(const TemporalGraph& tg, std::span<const VertexId> entities,
                  const std::vector<ExportEdge>& edges, bool directed, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
         "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
         "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
         "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
         "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"long\"/>\n"
         "  <key id=\"first\" for=\"edge\" attr.name=\"first\" attr.type=\"string\"/>\n"
         "  <key id=\"last\" for=\"edge\" attr.name=\"last\" attr.type=\"string\"/>\n"
         "  <key id=\"platforms\" for=\"edge\" attr.name=\"platforms\" attr.type=\"string\"/>\n"
         "  <key id=\"reciprocal\" for=\"edge\" attr.name=\"reciprocal\" attr.type=\"boolean\"/>\n"
      << "  <graph id=\"linchpin\" edgedefault=\"" << (directed ? "directed" : "undirected") << "\">\n";
  for (VertexId v : entities) {
    out << "    <node id=\"n" << v << "\"><data key=\"label\">" << Escape(tg.name(v))
        << "</data><data key=\"kind\">" << ToString(tg.entities().info[v].kind) << "</data></node>\n";
  }
  for (const ExportEdge& e : edges) {
    out << "    <edge source=\"n" << e.u << "\" target=\"n" << e.v << "\"><data key=\"weight\">"
        << e.count << "</data><data key=\"count\">" << e.count << "</data><data key=\"first\">"
        << FormatTime(e.first) << "</data><data key=\"last\">" << FormatTime(e.last)
        << "</data><data key=\"platforms\">" << Escape(PlatformList(tg.case_data(), e.platforms))
        << "</data><data key=\"reciprocal\">" << (e.reciprocal ? "true" : "false") << "</data></edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

void WriteGexf(const TemporalGraph& tg, std::span<const VertexId> entities,
               const std::vector<ExportEdge>& edges, bool directed, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
         "  <meta><creator>linchpin</creator></meta>\n"
      << "  <graph mode=\"static\" defaultedgetype=\"" << (directed ? "directed" : "undirected") << "\">\n"
      << "    <attributes class=\"node\"><attribute id=\"kind\" title=\"kind\" type=\"string\"/></attributes>\n"
         "    <attributes class=\"edge\">\n"
         "      <attribute id=\"count\" title=\"count\" type=\"long\"/>\n"
         "      <attribute id=\"first\" title=\"first\" type=\"string\"/>\n"
         "      <attribute id=\"last\" title=\"last\" type=\"string\"/>\n"
         "      <attribute id=\"platforms\" title=\"platforms\" type=\"string\"/>\n"
         "      <attribute id=\"reciprocal\" title=\"reciprocal\" type=\"boolean\"/>\n"
         "    </attributes>\n    <nodes>\n";
  for (VertexId v : entities) {
    out << "      <node id=\"n" << v << "\" label=\"" << Escape(tg.name(v))
        << "\"><attvalues><attvalue for=\"kind\" value=\"" << ToString(tg.entities().info[v].kind)
        << "\"/></attvalues></node>\n";
  }
  out << "    </nodes>\n    <edges>\n";
  for (size_t i = 0; i < edges.size(); ++i) {
    const ExportEdge& e = edges[i];
    out << "      <edge id=\"e" << i << "\" source=\"n" << e.u << "\" target=\"n" << e.v << "\" weight=\""
        << e.count << "\"><attvalues><attvalue for=\"count\" value=\"" << e.count
        << "\"/><attvalue for=\"first\" value=\"" << FormatTime(e.first)
        << "\"/><attvalue for=\"last\" value=\"" << FormatTime(e.last)
        << "\"/><attvalue for=\"platforms\" value=\"" << Escape(PlatformList(tg.case_data(), e.platforms))
        << "\"/><attvalue for=\"reciprocal\" value=\"" << (e.reciprocal ? "true" : "false")
        << "\"/></attvalues></edge>\n";
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
}

}  // namespace

Status WriteNetwork(const TemporalGraph& tg, std::span<const VertexId> entities, const ViewSpec& view,
                    ExportFormat format, std::ostream& out) {
  for (VertexId v : entities) {
    if (v >= tg.num_entities()) return Status::InvalidArgument("export names entity " + std::to_string(v));
  }
  for (uint16_t p : view.platforms) {
    if (p >= tg.case_data().platforms.size()) return Status::InvalidArgument("export names platform " + std::to_string(p));
  }
  const std::vector<ExportEdge> edges = CollectEdges(tg, entities, view);
  switch (format) {
    case ExportFormat::kCsv: WriteCsv(tg, edges, out); break;
    case ExportFormat::kGraphMl: WriteGraphMl(tg, entities, edges, view.directed, out); break;
    case ExportFormat::kGexf: WriteGexf(tg, entities, edges, view.directed, out); break;
  }
  if (!out) return Status::IOError("writing the network failed");
  return Status::Ok();
}

}  // namespace linchpin::graph
