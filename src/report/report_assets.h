// The report's inline stylesheet (screen and print) and script. Kept apart from the HTML writer so
// each reads on its own; both are constants — no case data ever goes into them, which is why the
// script needs no escaping and cannot be a vector for names from a case file.
#pragma once

#include <string_view>

namespace linchpin::report {

extern const std::string_view kReportStylesheet;
// Sorts tables marked "sortable" by a clicked header, opens the evidence an anchor points to,
// expands/collapses all evidence, opens everything before printing, and finally sets
// <html data-report-ready="true"> so a headless browser check can tell the script ran.
extern const std::string_view kReportScript;

}  // namespace linchpin::report
