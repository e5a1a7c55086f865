// report_sample: writes the HTML report of the hand-made sample case (sample_case.h) to stdout,
// for the Chromium check (check_report_in_chromium.sh) when no real case is at hand.
#include <iostream>

#include "report/html_report.h"
#include "report/sample_case.h"

int main() {
  const linchpin::CaseData c = linchpin::report::SampleCase();
  linchpin::report::ReportOptions options;
  options.case_name = "Sample case: Lyon and Marseille";
  options.generated_at = 1777032000000;  // 2026-04-24T12:00:00Z: fixed, so the page is reproducible
  options.generator = "linchpin report_sample";
  std::cout << linchpin::report::RenderHtmlReport(c, linchpin::report::SampleReport(c), options);
  return std::cout.good() ? 0 : 1;
}
