// `linchpin report`: one self-contained HTML file an analyst can open offline, print, and file —
// the incident table, a link chart and a run-up timeline per incident, the chain of command and
// the disruption list, every claim linked (#anchor) to the events behind it with their source
// file and line. Layout: docs/report.md.
//
// Pure: no I/O, no clock, no randomness — equal inputs give byte-equal output (the generated time
// is an option so tests and diffs are deterministic). All text from the case is escaped; the page
// loads nothing (inline CSS, inline SVG, a little inline JavaScript for sorting and expanding);
// it contains only metadata the case holds — there is no message content to show, and none is
// invented.
#pragma once

#include <string>

#include "attribute/attribution.h"
#include "common/time.h"
#include "model/case.h"

namespace linchpin::report {

struct ReportOptions {
  std::string case_name;            // shown in the title, e.g. the case file's name
  TimeMs generated_at = kNoTime;    // shown in the header; kNoTime leaves it out
  std::string generator = "linchpin";  // e.g. "linchpin 0.1.0"
  int run_up_days = 30;             // the timelines cover [incident - run_up_days, incident + after_days)
  int after_days = 2;
  size_t max_handlers_charted = 8;  // more handlers are listed but not drawn
  size_t max_events_listed = 200;   // per evidence item; the rest are counted, not listed
};

std::string RenderHtmlReport(const CaseData& c, const attribute::AttributionReport& report,
                             const ReportOptions& options);

}  // namespace linchpin::report
