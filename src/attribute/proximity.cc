// Rule "last_contact": how close to the incident the last contact was.
//
// Levels: within 30 minutes, 6 hours, 48 hours, or earlier. A planner who directs an attack
// stays in touch until minutes before it ("contact up to minutes before"; Callimachi 2017 cites
// exchanges ending as the attack began). P(level | handler) = 0.45, 0.17, 0.13, 0.25: a mixture
// of directed plots (~3 in 4, mostly within the hour) and assisted ones, whose help ends days
// before (mostly "earlier").
// A heavy tie is also recently active by chance, so the baseline is stratified by the tie's
// volume in the 30 days before (VolumeStratum): a mother who calls daily earns little for having
// called an hour before; a stranger who wrote minutes before earns a lot.
// Cost: O(1) given the tie's sorted events.
#include <algorithm>

#include "attribute/internal.h"

namespace linchpin::attribute::internal {
namespace {

Observation Observe(const Context& cx, const PairCase& pc, bool explain) {
  Observation o;
  if (pc.before == 0) {
    o.level = 3;
    return o;
  }
  const Contact& last = pc.contacts[pc.before - 1];
  const TimeMs gap = pc.at - last.time;
  o.level = gap <= 30 * kMinuteMs ? 0 : gap <= 6 * kHourMs ? 1 : gap <= 48 * kHourMs ? 2 : 3;
  if (explain) {
    o.text = "last contact " + Span(gap) + " before the incident (" + cx.Describe(last.row) + ")";
    o.rows.push_back(last.row);
  }
  return o;
}

}  // namespace

Rule ProximityRule() {
  Rule r;
  r.id = "last_contact";
  r.levels = {"within_30_minutes", "within_6_hours", "within_48_hours", "earlier"};
  r.handler_prob = {0.45, 0.17, 0.13, 0.25};
  r.strata = kVolumeStrata;
  r.stratum = &VolumeStratum;
  r.observe = &Observe;
  return r;
}

}  // namespace linchpin::attribute::internal
