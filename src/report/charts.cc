// Inline SVG charts for the HTML report (see charts.h for what each draws and why).
#include "report/charts.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

#include "report/html_text.h"

namespace linchpin::report {

namespace {

std::string Num(double v) { return FormatFixed(v, 1); }

// Opens an SVG that scales down to its container but never up (crisp at its natural size).
std::string OpenSvg(double width, double height, const std::string& title, const char* css_class) {
  return "<svg class=\"" + std::string(css_class) + "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
         Num(width) + " " + Num(height) + "\" width=\"" + Num(width) + "\" height=\"" + Num(height) +
         "\" role=\"img\" aria-label=\"" + EscapeHtml(title) + "\"><title>" + EscapeHtml(title) + "</title>";
}

// <text>, escaped and truncated; the full text goes into a <title> when it was cut.
std::string Text(double x, double y, const std::string& text, const char* css_class, const char* anchor,
                 size_t max_chars = 26) {
  const std::string shown = TruncateUtf8(text, max_chars);
  std::string out = "<text class=\"" + std::string(css_class) + "\" x=\"" + Num(x) + "\" y=\"" + Num(y) +
                    "\" text-anchor=\"" + anchor + "\">";
  if (shown != text) out += "<title>" + EscapeHtml(text) + "</title>";
  return out + EscapeHtml(shown) + "</text>";
}

// Wraps SVG content in a link when there is somewhere to go.
std::string Linked(const std::string& href, const std::string& content) {
  if (href.empty()) return content;
  return "<a href=\"" + EscapeHtml(href) + "\">" + content + "</a>";
}

std::string Tooltip(const std::string& text) {
  return text.empty() ? "" : "<title>" + EscapeHtml(text) + "</title>";
}

size_t CodePoints(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

struct Point {
  double x = 0, y = 0;
};

// ---------------------------------------------------------------------------------------------
// Link chart
// ---------------------------------------------------------------------------------------------

constexpr double kLinkWidth = 1060, kLinkTop = 52, kLinkRow = 72, kLinkColumnInset = 230;

double StrokeWidthForEvents(uint32_t events) {
  if (events == 0) return 1.5;
  return std::min(12.0, 1.5 + 1.8 * std::log2(1.0 + events));
}

struct LinkLayout {
  std::vector<Point> at;
  double height = 0;
  int perpetrators = 0, handlers = 0, introducers = 0;
};

double ColumnX(ChartRole role) {
  switch (role) {
    case ChartRole::kPerpetrator: return kLinkColumnInset;
    case ChartRole::kIntroducer: return kLinkWidth / 2;
    case ChartRole::kHandler: return kLinkWidth - kLinkColumnInset;
  }
  return kLinkWidth / 2;
}

// Perpetrators and handlers face each other in two columns, each centred vertically; introducers
// sit in a band below, in the middle, so no perpetrator-handler line runs through them. Nodes keep
// the order they were given in (handlers best first).
LinkLayout LayOutLinkChart(const std::vector<ChartNode>& nodes) {
  LinkLayout layout;
  for (const auto& n : nodes) {
    if (n.role == ChartRole::kPerpetrator) ++layout.perpetrators;
    else if (n.role == ChartRole::kHandler) ++layout.handlers;
    else ++layout.introducers;
  }
  const int rows = std::max({layout.perpetrators, layout.handlers, 1});
  layout.height = kLinkTop + (rows + layout.introducers) * kLinkRow + (layout.introducers > 0 ? 24 : 0);
  std::map<ChartRole, int> placed;
  for (const auto& n : nodes) {
    const int index = placed[n.role]++;
    if (n.role == ChartRole::kIntroducer) {
      layout.at.push_back({ColumnX(n.role), kLinkTop + (rows + index + 0.5) * kLinkRow});
      continue;
    }
    const int count = n.role == ChartRole::kPerpetrator ? layout.perpetrators : layout.handlers;
    const double offset = (rows - count) * kLinkRow / 2;
    layout.at.push_back({ColumnX(n.role), kLinkTop + offset + (index + 0.5) * kLinkRow});
  }
  return layout;
}

// A cubic Bézier from a to b: an S-curve between columns, an arc bulging toward the middle within
// a column (so ties between two handlers don't run along the column's own nodes).
std::array<Point, 4> EdgeCurve(Point a, Point b) {
  if (std::abs(a.x - b.x) > 1) {
    const double mid = (a.x + b.x) / 2;
    return {a, Point{mid, a.y}, Point{mid, b.y}, b};
  }
  const double toward_middle = a.x < kLinkWidth / 2 ? 1 : a.x > kLinkWidth / 2 ? -1 : 1;
  const double bulge = toward_middle * (60 + 0.35 * std::abs(a.y - b.y));
  return {a, Point{a.x + bulge, a.y}, Point{b.x + bulge, b.y}, b};
}

Point OnCurve(const std::array<Point, 4>& p, double t) {
  const double u = 1 - t;
  const double w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t;
  return {w0 * p[0].x + w1 * p[1].x + w2 * p[2].x + w3 * p[3].x,
          w0 * p[0].y + w1 * p[1].y + w2 * p[2].y + w3 * p[3].y};
}

std::string DrawLinkEdge(const ChartEdge& e, const LinkLayout& layout) {
  const auto curve = EdgeCurve(layout.at[e.a], layout.at[e.b]);
  const double width = StrokeWidthForEvents(e.events);
  // Dashes scale with the line, or a thick introduced tie would read as solid.
  const std::string dashes = e.introduced ? " stroke-dasharray=\"" + Num(std::max(7.0, 2 * width)) + " " +
                                                Num(std::max(5.0, 1.4 * width)) + "\"" : "";
  std::string path = "<path class=\"edge" + std::string(e.introduced ? " introduced" : "") + "\" d=\"M" +
                     Num(curve[0].x) + " " + Num(curve[0].y) + " C" + Num(curve[1].x) + " " + Num(curve[1].y) +
                     " " + Num(curve[2].x) + " " + Num(curve[2].y) + " " + Num(curve[3].x) + " " +
                     Num(curve[3].y) + "\" stroke-width=\"" + Num(width) + "\"" + dashes + ">" +
                     Tooltip(e.tooltip) + "</path>";
  if (!e.label.empty()) {
    // Labels sit past the middle, toward b (the handler), so labels of crossing edges separate.
    const Point at = OnCurve(curve, 0.68);
    const double width = 10 + 7.2 * static_cast<double>(CodePoints(TruncateUtf8(e.label, 18)));
    path += "<g class=\"edge-label\"><rect x=\"" + Num(at.x - width / 2) + "\" y=\"" + Num(at.y - 9) +
            "\" width=\"" + Num(width) + "\" height=\"18\" rx=\"9\"/>" +
            Text(at.x, at.y + 4, e.label, "edge-label-text", "middle", 18) + "</g>";
  }
  return Linked(e.href, "<g>" + path + "</g>");
}

const char* RoleClass(ChartRole role) {
  switch (role) {
    case ChartRole::kPerpetrator: return "perpetrator";
    case ChartRole::kHandler: return "handler";
    case ChartRole::kIntroducer: return "introducer";
  }
  return "handler";
}

std::string DrawLinkNode(const ChartNode& n, Point at) {
  std::string g = "<g class=\"node " + std::string(RoleClass(n.role)) + "\">" + Tooltip(n.tooltip) +
                  "<circle cx=\"" + Num(at.x) + "\" cy=\"" + Num(at.y) + "\" r=\"11\"/>";
  if (n.role == ChartRole::kIntroducer) {
    g += Text(at.x, at.y + 28, n.label, "node-label", "middle");
    if (!n.sublabel.empty()) g += Text(at.x, at.y + 43, n.sublabel, "node-sublabel", "middle", 34);
  } else {
    const bool left = n.role == ChartRole::kPerpetrator;
    const double x = left ? at.x - 20 : at.x + 20;
    const char* anchor = left ? "end" : "start";
    g += Text(x, at.y - 1, n.label, "node-label", anchor);
    if (!n.sublabel.empty()) g += Text(x, at.y + 15, n.sublabel, "node-sublabel", anchor, 34);
  }
  return Linked(n.href, g + "</g>");
}

std::string DrawColumnHeadings(const LinkLayout& layout) {
  std::string out = Text(ColumnX(ChartRole::kPerpetrator), 24, "PERPETRATORS", "column-heading", "middle");
  out += Text(ColumnX(ChartRole::kHandler), 24, "HANDLERS", "column-heading", "middle");

  if (layout.handlers == 0) {
    out += Text(ColumnX(ChartRole::kHandler), kLinkTop + kLinkRow / 2 + 4, "No handler identified", "empty-note", "middle");
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------------

constexpr double kTimelineWidth = 1060, kTimelineLeft = 190, kTimelineRight = 28, kTimelineTop = 40,
                 kLaneHeight = 48, kAxisHeight = 46;

struct TimeAxis {
  TimeMs start = 0, end = 0;
  double Map(TimeMs t) const {
    return kTimelineLeft + static_cast<double>(t - start) / static_cast<double>(end - start) *
                               (kTimelineWidth - kTimelineLeft - kTimelineRight);
  }
};

// Day spacing of the axis labels: the smallest step that keeps a dozen labels or fewer.
int AxisStepDays(int total_days) {
  for (int step : {1, 2, 5, 7, 10, 14, 30, 60, 90, 180, 365}) {
    if (total_days / step <= 12) return step;
  }
  return 730;
}

// "−30 d" (a true minus sign), "0", "+2 d".
std::string DayLabel(int day) {
  if (day == 0) return "0";
  std::string label = day < 0 ? "\xE2\x88\x92" : "+";
  label += std::to_string(day < 0 ? -day : day);
  label += " d";
  return label;
}

std::string DrawTimeAxis(const TimelineSpec& spec, const TimeAxis& axis, double lanes_bottom) {
  std::string out;
  const int step = AxisStepDays(spec.days_before + spec.days_after);
  for (int day = -((spec.days_before / step) * step); day <= spec.days_after; day += step) {
    const double x = axis.Map(spec.incident + day * kDayMs);
    out += "<line class=\"grid\" x1=\"" + Num(x) + "\" y1=\"" + Num(kTimelineTop) + "\" x2=\"" + Num(x) +
           "\" y2=\"" + Num(lanes_bottom) + "\"/>";
    out += Text(x, lanes_bottom + 18, DayLabel(day), "axis-label", "middle");
  }
  out += Text((kTimelineLeft + kTimelineWidth - kTimelineRight) / 2, lanes_bottom + 38,
              "days before the incident (UTC)", "axis-title", "middle", 60);
  return out;
}

std::string DrawIncidentLine(const TimelineSpec& spec, const TimeAxis& axis, double lanes_bottom) {
  // The label ends at the line: the incident sits near the right edge, and the run-up is on the left.
  const double x = axis.Map(spec.incident);
  return "<line class=\"incident-line\" x1=\"" + Num(x) + "\" y1=\"" + Num(kTimelineTop - 14) + "\" x2=\"" +
         Num(x) + "\" y2=\"" + Num(lanes_bottom) + "\"/>" +
         Text(x + 4, kTimelineTop - 20, "incident " + FormatUtc(spec.incident), "incident-label", "end", 60);
}

std::string DrawLanes(const TimelineSpec& spec) {
  std::string out;
  for (size_t i = 0; i < spec.lanes.size(); ++i) {
    const TimelineLane& lane = spec.lanes[i];
    const double mid = kTimelineTop + (i + 0.5) * kLaneHeight;
    if (i % 2 == 1) {
      out += "<rect class=\"lane-band\" x=\"0\" y=\"" + Num(mid - kLaneHeight / 2) + "\" width=\"" +
             Num(kTimelineWidth) + "\" height=\"" + Num(kLaneHeight) + "\"/>";
    }
    out += "<line class=\"lane\" x1=\"" + Num(kTimelineLeft) + "\" y1=\"" + Num(mid) + "\" x2=\"" +
           Num(kTimelineWidth - kTimelineRight) + "\" y2=\"" + Num(mid) + "\"/>";
    out += Linked(lane.href, Text(kTimelineLeft - 12, mid + 4, lane.label,
                                  lane.highlighted ? "lane-label handler" : "lane-label", "end", 24));
  }
  return out;
}

// One tick per (lane, pixel column, class, direction): its height grows with the log of the
// number of events it stands for, so a burst reads as a burst without drawing every event.
std::string DrawBinnedTicks(const TimelineSpec& spec, const TimeAxis& axis) {
  std::map<std::tuple<uint32_t, int, int, bool>, uint32_t> bins;
  for (const TimelineTick& t : spec.ticks) {
    if (t.time < axis.start || t.time >= axis.end || t.lane >= spec.lanes.size()) continue;
    const int column = static_cast<int>(std::floor(axis.Map(t.time)));
    ++bins[{t.lane, column, static_cast<int>(t.platform_class), t.to_perpetrator}];
  }
  std::string out;
  for (const auto& [key, count] : bins) {
    const auto& [lane, column, cls, up] = key;
    const double mid = kTimelineTop + (lane + 0.5) * kLaneHeight;
    const double length = std::min(18.0, 6 + 3 * std::log2(static_cast<double>(count)));
    const double y2 = up ? mid - length : mid + length;
    out += "<line class=\"tick\" x1=\"" + Num(column + 0.5) + "\" y1=\"" + Num(mid) + "\" x2=\"" +
           Num(column + 0.5) + "\" y2=\"" + Num(y2) + "\" stroke=\"" +
           PlatformClassColour(static_cast<PlatformClass>(cls)) + "\"/>";
  }
  return out;
}

std::string DrawCitedTicks(const TimelineSpec& spec, const TimeAxis& axis) {
  std::string out;
  for (const TimelineTick& t : spec.ticks) {
    if (t.cited_href.empty() || t.time < axis.start || t.time >= axis.end || t.lane >= spec.lanes.size()) continue;
    const double x = axis.Map(t.time);
    const double mid = kTimelineTop + (t.lane + 0.5) * kLaneHeight;
    const double tip = t.to_perpetrator ? mid - 19 : mid + 19;
    const char* colour = PlatformClassColour(t.platform_class);
    out += Linked(t.cited_href,
                  "<g class=\"cited\">" + Tooltip(t.tooltip) + "<line x1=\"" + Num(x) + "\" y1=\"" + Num(mid) +
                      "\" x2=\"" + Num(x) + "\" y2=\"" + Num(tip) + "\" stroke=\"" + colour + "\"/><circle cx=\"" +
                      Num(x) + "\" cy=\"" + Num(tip) + "\" r=\"3\" fill=\"" + colour + "\"/></g>");
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Command tree
// ---------------------------------------------------------------------------------------------

constexpr double kBoxWidth = 172, kBoxHeight = 40, kBoxGap = 28, kLayerGap = 70, kTreeMargin = 36;

// Longest-path layering: a subordinate sits one layer below its lowest superior. A cycle (which a
// chain of command should not have, but data can) stops at the cap of n - 1 layers.
std::vector<int> LayerOf(size_t n, const std::vector<TreeEdge>& edges) {
  std::vector<int> layer(n, 0);
  const int cap = static_cast<int>(n) - 1;
  for (size_t round = 0; round < n; ++round) {
    bool changed = false;
    for (const TreeEdge& e : edges) {
      if (e.superior >= n || e.subordinate >= n || e.superior == e.subordinate) continue;
      const int want = std::min(cap, layer[e.superior] + 1);
      if (layer[e.subordinate] < want) {
        layer[e.subordinate] = want;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return layer;
}

// Nodes of each layer, left to right: by label, then one top-down barycentre pass.
std::vector<std::vector<uint32_t>> OrderLayers(const std::vector<TreeNode>& nodes,
                                               const std::vector<TreeEdge>& edges,
                                               const std::vector<int>& layer) {
  const int layers = layer.empty() ? 0 : *std::max_element(layer.begin(), layer.end()) + 1;
  std::vector<std::vector<uint32_t>> order(layers);
  std::vector<uint32_t> by_label(nodes.size());
  std::iota(by_label.begin(), by_label.end(), 0);
  std::stable_sort(by_label.begin(), by_label.end(),
                   [&](uint32_t a, uint32_t b) { return nodes[a].label < nodes[b].label; });
  for (uint32_t v : by_label) order[layer[v]].push_back(v);
  std::vector<double> position(nodes.size(), 0);
  for (int l = 0; l < layers; ++l) {
    if (l > 0) {
      std::vector<double> key(nodes.size(), 0);
      for (size_t i = 0; i < order[l].size(); ++i) {
        const uint32_t v = order[l][i];
        double sum = 0;
        int count = 0;
        for (const TreeEdge& e : edges) {
          if (e.subordinate == v && e.superior < nodes.size() && layer[e.superior] < l) {
            sum += position[e.superior];
            ++count;
          }
        }
        key[v] = count > 0 ? sum / count : static_cast<double>(i);
      }
      std::stable_sort(order[l].begin(), order[l].end(), [&](uint32_t a, uint32_t b) { return key[a] < key[b]; });
    }
    for (size_t i = 0; i < order[l].size(); ++i) {
      position[order[l][i]] = static_cast<double>(i) - (order[l].size() - 1) / 2.0;
    }
  }
  return order;
}

std::string DrawTreeEdge(const TreeEdge& e, Point from, Point to) {
  const Point a{from.x, from.y + kBoxHeight / 2}, b{to.x, to.y - kBoxHeight / 2 - 4};
  const double bend = std::max(24.0, std::abs(b.y - a.y) / 2);
  std::string g = "<path class=\"command-edge\" d=\"M" + Num(a.x) + " " + Num(a.y) + " C" + Num(a.x) + " " +
                  Num(a.y + bend) + " " + Num(b.x) + " " + Num(b.y - bend) + " " + Num(b.x) + " " + Num(b.y) +
                  "\" stroke-width=\"" + Num(1 + 3 * std::clamp(e.confidence, 0.0, 1.0)) +
                  "\" marker-end=\"url(#command-arrow)\"/>";
  const Point mid{(a.x + b.x) / 2, (a.y + b.y) / 2};
  g += "<g class=\"edge-label\"><rect x=\"" + Num(mid.x - 20) + "\" y=\"" + Num(mid.y - 9) +
       "\" width=\"40\" height=\"18\" rx=\"9\"/>" +
       Text(mid.x, mid.y + 4, FormatPercent(e.confidence), "edge-label-text", "middle") + "</g>";
  return Linked(e.href, "<g>" + g + "</g>");
}

std::string DrawTreeNode(const TreeNode& n, Point at) {
  return Linked(n.href, "<g class=\"command-node\"><rect x=\"" + Num(at.x - kBoxWidth / 2) + "\" y=\"" +
                            Num(at.y - kBoxHeight / 2) + "\" width=\"" + Num(kBoxWidth) + "\" height=\"" +
                            Num(kBoxHeight) + "\" rx=\"6\"/>" + Text(at.x, at.y + 5, n.label, "node-label", "middle", 20) +
                            "</g>");
}

}  // namespace

const char* PlatformClassColour(PlatformClass c) {
  // Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, and in print.
  switch (c) {
    case PlatformClass::kPhone: return "#0072B2";
    case PlatformClass::kEncrypted: return "#D55E00";
    case PlatformClass::kPublic: return "#009E73";
    case PlatformClass::kEmail: return "#CC79A7";
    case PlatformClass::kOther: return "#6B7280";
  }
  return "#6B7280";
}

std::string RenderLinkChart(const std::vector<ChartNode>& nodes, const std::vector<ChartEdge>& edges,
                            const std::string& title) {
  const LinkLayout layout = LayOutLinkChart(nodes);
  std::string svg = OpenSvg(kLinkWidth, layout.height, title, "chart link-chart");
  svg += DrawColumnHeadings(layout);
  for (const ChartEdge& e : edges) {
    if (e.a < nodes.size() && e.b < nodes.size() && e.a != e.b) svg += DrawLinkEdge(e, layout);
  }
  for (size_t i = 0; i < nodes.size(); ++i) svg += DrawLinkNode(nodes[i], layout.at[i]);
  return svg + "</svg>";
}

std::string RenderTimeline(const TimelineSpec& spec) {
  const TimeAxis axis{spec.incident - spec.days_before * kDayMs, spec.incident + spec.days_after * kDayMs};
  const double lanes_bottom = kTimelineTop + static_cast<double>(spec.lanes.size()) * kLaneHeight;
  std::string svg = OpenSvg(kTimelineWidth, lanes_bottom + kAxisHeight, spec.title, "chart timeline");
  svg += DrawLanes(spec);
  svg += DrawTimeAxis(spec, axis, lanes_bottom);
  svg += DrawBinnedTicks(spec, axis);
  svg += DrawCitedTicks(spec, axis);
  svg += DrawIncidentLine(spec, axis, lanes_bottom);
  return svg + "</svg>";
}

std::string RenderCommandTree(const std::vector<TreeNode>& nodes, const std::vector<TreeEdge>& edges,
                              const std::string& title) {
  const std::vector<int> layer = LayerOf(nodes.size(), edges);
  const auto order = OrderLayers(nodes, edges, layer);
  size_t widest = 1;
  for (const auto& row : order) widest = std::max(widest, row.size());
  const double width = std::max(560.0, widest * (kBoxWidth + kBoxGap) - kBoxGap + 2 * kTreeMargin);
  const double height = std::max<size_t>(order.size(), 1) * (kBoxHeight + kLayerGap) - kLayerGap + 2 * kTreeMargin;
  std::vector<Point> at(nodes.size());
  for (size_t l = 0; l < order.size(); ++l) {
    const double row_width = order[l].size() * (kBoxWidth + kBoxGap) - kBoxGap;
    for (size_t i = 0; i < order[l].size(); ++i) {
      at[order[l][i]] = {(width - row_width) / 2 + kBoxWidth / 2 + i * (kBoxWidth + kBoxGap),
                         kTreeMargin + kBoxHeight / 2 + l * (kBoxHeight + kLayerGap)};
    }
  }
  std::string svg = OpenSvg(width, height, title, "chart command-tree");
  svg += "<defs><marker id=\"command-arrow\" viewBox=\"0 0 10 10\" refX=\"8\" refY=\"5\" markerWidth=\"11\" "
         "markerHeight=\"11\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0 0 L10 5 L0 10 z\"/></marker></defs>";
  for (const TreeEdge& e : edges) {
    if (e.superior < nodes.size() && e.subordinate < nodes.size() && e.superior != e.subordinate) {
      svg += DrawTreeEdge(e, at[e.superior], at[e.subordinate]);
    }
  }
  for (size_t i = 0; i < nodes.size(); ++i) svg += DrawTreeNode(nodes[i], at[i]);
  return svg + "</svg>";
}

}  // namespace linchpin::report
