// Rule "runup": the shape of a tie in the run-up, against the tie's own history.
//
// Levels (one categorical rule rather than separate onset / intensification / steadiness rules,
// so correlated facts are not counted twice by the naive-Bayes sum):
//   new_intensifying     first contact inside the window, and really new (IsNewTie: late enough
//                        in the case, and after a silence the tie's own rate makes unlikely), and the second half of its run-up holds at least
//                        twice the first half's events (+1), with >= 4 events;
//   new_flat             new, not intensifying (sporadic help, or a tie that faded);
//   old_intensifying     a long-standing tie that intensifies the same way;
//   old_steady_reciprocal  long-standing, active in at least half of the run-up's weeks, and
//                        reciprocal (each side sends >= 20%): the usual innocent shape;
//   old_other            long-standing, neither.
// P(level | handler): virtual planners typically open contact weeks before and intensify toward
// the date (Callimachi, NYT 2017; Nesser, Stenersen & Oftedal, PoT 10(6), 2016): most mass
// on new ties (0.55 + 0.25), little on old ones. P(level | ordinary) is learned (baseline.cc),
// per volume stratum: bursty heavy ties often look "intensifying" by chance.
// Cost: O(events of the tie).
#include <algorithm>

#include "attribute/internal.h"

namespace linchpin::attribute::internal {
namespace {

enum Level { kNewIntensifying, kNewFlat, kOldIntensifying, kOldSteady, kOldOther };

struct Shape {
  bool is_new = false, intensifying = false, steady = false, reciprocal = false;
  TimeMs first = kNoTime, span_start = kNoTime, mid = kNoTime;
  size_t first_half = 0, second_half = 0, weeks_active = 0, weeks = 0, from_candidate = 0, total = 0;
};

Shape Measure(const Context& cx, const PairCase& pc) {
  Shape s;
  if (pc.before == 0) return s;
  s.first = pc.contacts.front().time;
  s.is_new = IsNewTie(cx, pc);
  s.span_start = std::max(s.first, std::max(pc.window_start(), cx.first_event));
  s.mid = s.span_start + (pc.at - s.span_start) / 2;
  s.weeks = static_cast<size_t>(std::max<TimeMs>(1, (pc.at - s.span_start + 7 * kDayMs - 1) / (7 * kDayMs)));
  std::vector<bool> active(s.weeks, false);
  for (size_t i = 0; i < pc.before; ++i) {
    const Contact& k = pc.contacts[i];
    if (k.time < s.span_start) continue;
    ++s.total;
    s.from_candidate += k.from_candidate;
    (k.time < s.mid ? s.first_half : s.second_half) += 1;
    const size_t week = static_cast<size_t>((pc.at - 1 - k.time) / (7 * kDayMs));
    if (week < s.weeks) active[week] = true;
  }
  s.weeks_active = static_cast<size_t>(std::count(active.begin(), active.end(), true));
  s.intensifying = s.second_half >= 4 && s.second_half >= 2 * (s.first_half + 1);
  s.steady = 2 * s.weeks_active >= s.weeks;
  const size_t minority = std::min(s.from_candidate, s.total - s.from_candidate);
  s.reciprocal = s.total > 0 && 5 * minority >= s.total;
  return s;
}

Observation Observe(const Context& cx, const PairCase& pc, bool explain) {
  const Shape s = Measure(cx, pc);
  Observation o;
  if (s.is_new) {
    o.level = s.intensifying ? kNewIntensifying : kNewFlat;
  } else {
    o.level = s.intensifying ? kOldIntensifying : (s.steady && s.reciprocal) ? kOldSteady : kOldOther;
  }
  if (!explain) return o;
  const std::string halves = std::to_string(s.second_half) + " events from " + FormatTime(s.mid) + " to the incident against " +
                             std::to_string(s.first_half) + " in the " + Span(s.mid - s.span_start) + " before";
  if (s.is_new) {
    o.text = "contact started " + FormatTime(s.first) + ", " + Span(pc.at - s.first) + " before the incident; " + halves +
             (s.intensifying ? " (intensifying)" : "");
    o.rows.push_back(pc.contacts.front().row);
  } else if (o.level == kOldSteady) {
    o.text = "long-standing tie (first seen " + FormatTime(s.first) + "), active in " + std::to_string(s.weeks_active) + " of " +
             std::to_string(s.weeks) + " run-up weeks, reciprocal (" + std::to_string(s.from_candidate) + " of " +
             std::to_string(s.total) + " events from the candidate)";
  } else {
    o.text = "long-standing tie (first seen " + FormatTime(s.first) + "); " + halves + (s.intensifying ? " (intensifying)" : "");
  }
  if (s.intensifying && pc.before > 0) o.rows.push_back(pc.contacts[pc.before - 1].row);
  return o;
}

}  // namespace

Rule RunupRule() {
  Rule r;
  r.id = "runup";
  r.levels = {"new_intensifying", "new_flat", "old_intensifying", "old_steady_reciprocal", "old_other"};
  r.handler_prob = {0.55, 0.25, 0.08, 0.04, 0.08};
  r.strata = kVolumeStrata;
  r.stratum = &VolumeStratum;
  r.observe = &Observe;
  return r;
}

}  // namespace linchpin::attribute::internal
