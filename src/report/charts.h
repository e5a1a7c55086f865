// Inline SVG charts for the HTML report, laid out deterministically in C++ (no JavaScript, no
// layout randomness: equal input gives byte-equal SVG, so two runs of a report can be diffed).
//   - LinkChart: one incident's perpetrators (left column), handlers (right column, best first)
//     and introducers (middle); solid edges for contact, width ~ log of the event count; dashed
//     edges for ties that an introduction brokered.
//   - Timeline: the run-up to an incident, one lane per counterpart; each contact is a tick coloured
//     by platform class, above the lane when the counterpart wrote to the perpetrator, below when
//     the perpetrator wrote; the incident is a vertical line; the axis counts days before it.
//     Ticks are binned per pixel column so a lane with 100,000 events stays a small SVG; events
//     cited as evidence are drawn one by one on top, each a link to its evidence.
//   - CommandTree: the chain of command as a layered top-down tree (longest-path layering, then
//     one barycentre pass to shorten edges; cycles are cut at the layer cap).
// Every label is escaped here; callers pass raw text. hrefs are the report's own "#anchor" ids.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/time.h"
#include "model/case.h"

namespace linchpin::report {

enum class ChartRole { kPerpetrator, kHandler, kIntroducer };

struct ChartNode {
  std::string label;     // e.g. the person's name
  std::string sublabel;  // e.g. "score 0.91"
  std::string tooltip;
  std::string href;      // "#anchor", or "" for no link
  ChartRole role = ChartRole::kHandler;
};

struct ChartEdge {
  uint32_t a = 0, b = 0;      // node indexes
  uint32_t events = 0;        // both directions
  bool introduced = false;    // brokered by an introduction: drawn dashed
  std::string label;          // drawn on the edge, e.g. "14"
  std::string tooltip;
  std::string href;
};

std::string RenderLinkChart(const std::vector<ChartNode>& nodes, const std::vector<ChartEdge>& edges,
                            const std::string& title);

struct TimelineLane {
  std::string label;
  std::string href;
  bool highlighted = false;  // a handler lane (others: grey label)
};

struct TimelineTick {
  TimeMs time = kNoTime;
  uint32_t lane = 0;
  PlatformClass platform_class = PlatformClass::kOther;
  bool to_perpetrator = false;
  std::string cited_href;    // non-empty: an event cited as evidence, drawn on its own as a link
  std::string tooltip;       // for cited events
};

struct TimelineSpec {
  std::string title;
  TimeMs incident = kNoTime;
  int days_before = 30;
  int days_after = 2;
  std::vector<TimelineLane> lanes;
  std::vector<TimelineTick> ticks;
};

std::string RenderTimeline(const TimelineSpec& spec);

struct TreeNode {
  std::string label;
  std::string href;
};

struct TreeEdge {
  uint32_t superior = 0, subordinate = 0;  // node indexes
  double confidence = 0;
  std::string href;
};

std::string RenderCommandTree(const std::vector<TreeNode>& nodes, const std::vector<TreeEdge>& edges,
                              const std::string& title);

// The colour the charts and legends use for a platform class.
const char* PlatformClassColour(PlatformClass c);

}  // namespace linchpin::report
