// Takeover detection: accounts whose user changed at a point in time.
//
// What: for each account, a change point and the evidence for it — the account kept sending
// after its (resolved) owner died or was arrested, and/or its habits shifted at that point:
// whom it writes to (Jaccard distance of the contact sets), when (the total-variation distance
// of the hourly rhythm, less what sampling noise alone would give), how (the mix of event
// kinds: posts, replies, calls ...) and how much (the daily rate).
//
// How: windows of `window` before and after a candidate point are compared on the account's
// *outgoing* events only — what others send to a dead man's account is not his doing. The
// candidate points are the status time of the owner (when a known person of the account's
// cluster is dead or arrested), else a scan over quantiles of the account's outgoing events,
// keeping the point with the largest shift. A scan finding needs a near-total change of
// contacts and a second shift, because people's contacts drift on their own. After an owner's
// death, sending at all is the evidence (a taken-over public account often posts only a
// handful of times before it is suspended, too few to compare habits), strengthened by each
// shifted habit; an arrest needs shifted habits too. An account still addressing the same
// people after the status time as before it is not reported: the same user carries on, so
// the status time or the account's link to that person is what is wrong. This is the two-window comparison of classical change-point
// detection (Basseville & Nikiforov, Detection of Abrupt Changes, 1993, ch. 2) with
// distances suited to sets and histograms rather than a parametric likelihood.
//
// Noise: with n1 and n2 events the expected total-variation distance between two samples of
// one B-bin distribution is about 0.4·sqrt(B)·sqrt(1/n1 + 1/n2) (the mean absolute deviation
// of a binomial, summed over bins); a shift counts when the distance exceeds that by a margin.
//
// Cost: O(E_out · scan points) per account, in parallel over accounts. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/case.h"
#include "resolve/linking/features.h"
#include "resolve/linking/pair_score.h"

namespace linchpin::resolve {

struct TakeoverOptions {
  TimeMs window = 30 * kDayMs;
  uint32_t min_events_before = 8, min_events_after = 3;
  int scan_points = 20;
  // A scanned point needs this much of the account's history on each side: short windows of a
  // bursty account differ by chance (a 14-day case of 1M accounts gave 121 false findings).
  TimeMs min_scan_span = 10 * kDayMs;
  double min_confidence = 0.5;   // findings below are not reported
};

struct Takeover {
  uint32_t account = kNoIndex;
  TimeMs time = kNoTime;          // the first event the new user sent
  double confidence = 0.0;
  std::vector<Evidence> evidence;
};

// `person_of_account`: the known person of each account's resolved entity, or kNoIndex.
std::vector<Takeover> DetectTakeovers(const CaseData& c, const CaseProfiles& profiles,
                                      const std::vector<uint32_t>& person_of_account,
                                      const TakeoverOptions& options);

}  // namespace linchpin::resolve
