// A small hand-made case and the attribution report an analyst would expect for it: two directed
// attacks by one handler cell (a superior and his deputy, with a recruiter who made the first
// introduction) and one inspired lone actor. Deterministic (a fixed LCG draws the background
// chatter). The report tests and the Chromium check render it; one perpetrator's name carries a
// <script> tag, as a hostile case file might.
#pragma once

#include "attribute/attribution.h"
#include "model/case.h"

namespace linchpin::report {

CaseData SampleCase();
// Evidence cites real rows of SampleCase()'s events, with their provenance.
attribute::AttributionReport SampleReport(const CaseData& c);

}  // namespace linchpin::report
