// Rule "media": the pledge video — a media file the perpetrator sends the candidate shortly
// before the incident, broadcast again after it (Amaq-style claims reused the attackers' own
// pledge videos; Callimachi 2017). Matched by content hash, so it needs the case loaded with
// content hashes (LoadOptions::content_hashes); without them every tie reads "none" and the rule
// weighs nothing.
// Levels: pledge (sent in the 7 days before, the same hash seen again at or after the incident),
// media_before (sent in the 72 hours before, not seen again), none.
// P(level | handler) = 0.45, 0.1, 0.45. Ordinary ties rarely carry a file that reappears in a
// broadcast, so the learned baseline makes "pledge" close to decisive (bounded at ln 30).
// Cost: O(events of the tie + rows sharing the hash).
#include "attribute/internal.h"

namespace linchpin::attribute::internal {
namespace {

enum Level { kPledge, kMediaBefore, kNone };

Observation Observe(const Context& cx, const PairCase& pc, bool explain) {
  Observation o;
  o.level = kNone;
  if (!cx.HasContent()) return o;
  const EventTable& ev = cx.c.events;
  for (size_t i = pc.before; i > 0; --i) {
    const Contact& k = pc.contacts[i - 1];
    if (pc.at - k.time > 7 * kDayMs) break;
    if (k.from_candidate || ev.kind[k.row] != EventKind::kMedia || ev.content[k.row] == kNoIndex) continue;
    uint32_t again = kNoIndex;
    for (uint32_t row : cx.RowsWithContent(ev.content[k.row])) {
      if (ev.time[row] >= pc.at) {
        again = row;
        break;
      }
    }
    if (again == kNoIndex && pc.at - k.time > 72 * kHourMs) continue;
    const int level = again != kNoIndex ? kPledge : kMediaBefore;
    if (level >= o.level) continue;  // keep the strongest
    o.level = level;
    if (explain) {
      o.rows = {k.row};
      o.text = "the perpetrator sent a media file " + Span(pc.at - k.time) + " before the incident (" + cx.Describe(k.row) + ")";
      if (again != kNoIndex) {
        o.text += "; the same file (content hash " + cx.c.content_hashes[ev.content[k.row]].substr(0, 16) + "...) was broadcast " +
                  Span(ev.time[again] - pc.at) + " after the incident (" + cx.Describe(again) + ")";
        o.rows.push_back(again);
      }
    }
    if (level == kPledge) break;
  }
  return o;
}

}  // namespace

Rule MediaRule() {
  Rule r;
  r.id = "media";
  r.levels = {"pledge_rebroadcast", "media_before", "none"};
  r.handler_prob = {0.45, 0.1, 0.45};
  r.strata = kVolumeStrata;
  r.stratum = &VolumeStratum;
  r.observe = &Observe;
  return r;
}

// The entity that rebroadcast the pledge file of `pc`, or kNoVertex (used by scoring.cc).
VertexId PledgeRebroadcaster(const Context& cx, const Observation& media) {
  if (media.level != kPledge || media.rows.size() < 2) return kNoVertex;
  const uint32_t row = media.rows[1];
  const VertexId target = cx.TargetEntity(row);
  if (target != kNoVertex && cx.IsChannel(target)) {
    const VertexId admin = cx.ChannelAdmin(target);
    if (admin != kNoVertex) return admin;
  }
  return cx.SourceEntity(row);
}

}  // namespace linchpin::attribute::internal
