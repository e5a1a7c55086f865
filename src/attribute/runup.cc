// Rule "runup": the shape of a tie in the run-up, against the tie's own history.
//
// Two questions, answered as one categorical level so correlated facts are not counted twice by
// the naive-Bayes sum: is the tie new, and does it intensify toward the incident?
//   new          the tie's start is inside the window and really new (IsNewTie: late enough in
//                the case, after a silence the tie's own rate makes unlikely); otherwise "old" —
//                long-standing or begun before collection, which the data cannot tell apart. A
//                tie that was public only before it went private starts at its first private
//                contact (TieStart), and is measured from there;
//   intensifying the last 14 days carry at least twice the tie's earlier daily rate (+1 event of
//                smoothing), with >= 4 events; "strongly" at four times, with >= 10 events;
//   steady       (old ties) active in at least half of the run-up's weeks and reciprocal (each
//                side sends >= 20%): the usual innocent shape.
//   ended        (new ties, not intensifying) >= 10 events in the run-up, then none in the 48
//                hours before, and a silence that long would be unlikely (< 5%) at the tie's own
//                session rate while it was active: help that stopped days before (an assisted
//                plot, a handler removed mid-plot). The rate test is what makes it "ended"
//                rather than "paused": a weekly-rhythm acquaintance is quiet for 48 hours most of
//                the time, so without it the level was common among ordinary new ties (and
//                weighed ln 0.4-0.6 for the assisted planners it exists for); it mirrors the
//                rate test of IsNewTie at the other end of the tie.
// Levels: new_strongly_intensifying, new_intensifying, new_flat, new_ended,
// old_strongly_intensifying, old_intensifying, old_steady_reciprocal, old_other.
// P(level | handler) = 0.35, 0.15, 0.1, 0.1, 0.15, 0.05, 0.03, 0.07: virtual planners typically
// open contact weeks before and intensify toward the date (Callimachi, NYT 2017; Nesser,
// Stenersen & Oftedal, PoT 10(6), 2016); in roughly one plot in five the help ends days before
// (assisted plots, handlers killed or arrested); a grooming that began before collection looks
// "old" but still surges. P(level | ordinary) is learned per volume stratum (baseline.cc): bursty
// heavy ties often look "intensifying" by chance, rarely "strongly".
// Cost: O(events of the tie).
#include <algorithm>
#include <cstdio>

#include "attribute/internal.h"

namespace linchpin::attribute::internal {
namespace {

// kNewEnded == kNewEndedLevel (internal.h), which scoring.cc reads.
enum Level {
  kNewStrong, kNewIntensifying, kNewFlat, kNewEnded, kOldStrong, kOldIntensifying, kOldSteady, kOldOther
};
constexpr size_t kMinEndedEvents = 10;
constexpr TimeMs kEndedFor = 48 * kHourMs;
constexpr TimeMs kRecent = 14 * kDayMs;
constexpr TimeMs kSession = kHourMs;  // events further apart than this are separate sessions
// Expected sessions in the final silence, at the tie's active rate, for it to count as ended:
// P(no session | still active) = e^-3 ~ 5% (as IsNewTie).
constexpr double kEndedSilenceSessions = 3.0;

// Whether the silence from the tie's last contact to the incident is unlikely had the tie gone
// on at its own rate: sessions per day between its first and last contact in the window.
bool SilenceUnlikely(const PairCase& pc, TimeMs span_start) {
  size_t sessions = 0;
  TimeMs first = kNoTime, prev = kNoTime;
  for (size_t i = 0; i < pc.before; ++i) {
    const TimeMs t = pc.contacts[i].time;
    if (t < span_start) continue;
    if (first == kNoTime) first = t;
    sessions += prev == kNoTime || t - prev > kSession;
    prev = t;
  }
  if (first == kNoTime) return false;
  const double active_days = std::max(1.0, static_cast<double>(prev - first) / kDayMs);
  const double silent_days = static_cast<double>(pc.at - prev) / kDayMs;
  return static_cast<double>(sessions) / active_days * silent_days > kEndedSilenceSessions;
}

struct Shape {
  bool is_new = false, intensifying = false, strongly = false, steady = false, reciprocal = false;
  size_t start = 0;  // index of the tie's start in pc.contacts (TieStart for new ties)
  TimeMs first = kNoTime, span_start = kNoTime;
  bool ended = false;
  size_t recent = 0, earlier = 0, weeks_active = 0, weeks = 0, from_candidate = 0, total = 0;
  double ratio = 0;
};

Shape Measure(const Context& cx, const PairCase& pc) {
  Shape s;
  if (pc.before == 0) return s;
  s.is_new = IsNewTie(cx, pc);
  // A new tie is measured from its start, so a public prelude does not count as earlier activity.
  s.start = s.is_new ? TieStart(cx, pc) : 0;
  s.first = pc.contacts[s.start].time;
  s.span_start = std::max(s.first, std::max(pc.window_start(), cx.first_event));
  const TimeMs recent_from = std::max(s.span_start, pc.at - kRecent);
  s.weeks = static_cast<size_t>(std::max<TimeMs>(1, (pc.at - s.span_start + 7 * kDayMs - 1) / (7 * kDayMs)));
  std::vector<bool> active(s.weeks, false);
  for (size_t i = 0; i < pc.before; ++i) {
    const Contact& k = pc.contacts[i];
    if (k.time < s.span_start) continue;
    ++s.total;
    s.from_candidate += k.from_candidate;
    (k.time >= recent_from ? s.recent : s.earlier) += 1;
    const size_t week = static_cast<size_t>((pc.at - 1 - k.time) / (7 * kDayMs));
    if (week < s.weeks) active[week] = true;
  }
  const double recent_days = std::max(1.0, static_cast<double>(pc.at - recent_from) / kDayMs);
  const double earlier_days = std::max(1.0, static_cast<double>(recent_from - s.span_start) / kDayMs);
  s.ratio = (static_cast<double>(s.recent) / recent_days) / ((static_cast<double>(s.earlier) + 1) / earlier_days);
  s.intensifying = s.recent >= 4 && s.ratio >= 2 && recent_from > s.span_start;
  s.strongly = s.intensifying && s.recent >= 10 && s.ratio >= 4;
  s.weeks_active = static_cast<size_t>(std::count(active.begin(), active.end(), true));
  s.steady = 2 * s.weeks_active >= s.weeks;
  const size_t minority = std::min(s.from_candidate, s.total - s.from_candidate);
  s.reciprocal = s.total > 0 && 5 * minority >= s.total;
  s.ended = s.total >= kMinEndedEvents && pc.at - pc.contacts[pc.before - 1].time > kEndedFor &&
            SilenceUnlikely(pc, s.span_start);
  return s;
}

Observation Observe(const Context& cx, const PairCase& pc, bool explain) {
  const Shape s = Measure(cx, pc);
  Observation o;
  if (s.is_new) {
    o.level = s.strongly ? kNewStrong : s.intensifying ? kNewIntensifying : s.ended ? kNewEnded : kNewFlat;
  } else {
    o.level = s.strongly ? kOldStrong : s.intensifying ? kOldIntensifying : (s.steady && s.reciprocal) ? kOldSteady : kOldOther;
  }
  if (!explain || pc.before == 0) return o;
  char ratio[32];
  std::snprintf(ratio, sizeof ratio, "%.1f", s.ratio);
  const std::string trend = std::to_string(s.recent) + " events in the last " + Span(std::min(kRecent, pc.at - s.span_start)) +
                            " against " + std::to_string(s.earlier) + " in the " + Span(std::max<TimeMs>(0, pc.at - kRecent - s.span_start)) +
                            " before (" + ratio + "x the earlier daily rate" + (s.strongly ? ", strongly intensifying)" : s.intensifying ? ", intensifying)" : ")");
  if (s.is_new) {
    o.text = (s.start > 0 ? "private contact started " : "contact started ") + FormatTime(s.first) + ", " + Span(pc.at - s.first) +
             " before the incident" +
             (s.start > 0 ? " (public contact only since " + FormatTime(pc.contacts.front().time) + ")" : std::string()) + "; " + trend;
    if (o.level == kNewEnded) {
      o.text += "; " + std::to_string(s.total) + " events, then silence from " + Span(pc.at - pc.contacts[pc.before - 1].time) +
                " before the incident";
    }
    o.rows.push_back(pc.contacts[s.start].row);
  } else if (o.level == kOldSteady) {
    o.text = "long-standing tie (first seen " + FormatTime(s.first) + "), active in " + std::to_string(s.weeks_active) + " of " +
             std::to_string(s.weeks) + " run-up weeks, reciprocal (" + std::to_string(s.from_candidate) + " of " +
             std::to_string(s.total) + " events from the candidate)";
  } else {
    o.text = "tie seen since " + FormatTime(s.first) + " (long-standing or begun before collection); " + trend;
  }
  if (s.intensifying) o.rows.push_back(pc.contacts[pc.before - 1].row);
  return o;
}

static_assert(kNewEnded == kNewEndedLevel && kNewEnded <= kLastNewRunupLevel);

}  // namespace

Rule RunupRule() {
  Rule r;
  r.id = "runup";
  r.levels = {"new_strongly_intensifying", "new_intensifying", "new_flat", "new_ended", "old_strongly_intensifying",
              "old_intensifying", "old_steady_reciprocal", "old_other"};
  r.handler_prob = {0.35, 0.15, 0.1, 0.1, 0.15, 0.05, 0.03, 0.07};
  r.strata = kVolumeStrata;
  r.stratum = &VolumeStratum;
  r.observe = &Observe;
  return r;
}

}  // namespace linchpin::attribute::internal
