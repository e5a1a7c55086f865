// Rule "platform": contact moved from a public platform to an encrypted app.
//
// Recruitment is reported to start in the open (follows, replies, a "contact me" mention) and to
// move to an encrypted app, often onto an account the recruit opens for it (Callimachi 2017;
// Gartenstein-Ross & Blackman, War on the Rocks 2017). Observable without knowing that the public
// and the private account belong to one planner:
//   fresh   the perpetrator's endpoint used in the first encrypted contact with the candidate was
//           opened (accounts.csv `created`, else its first event) at most 72 hours before it;
//   public  in the 21 days before that first encrypted contact the perpetrator started a public
//           tie (a follow, mention, reply or repost with an entity new to him) or joined a
//           channel — or had public contact with the candidate itself.
// Both are judged only when the encrypted contact itself is new (first event >= 14 days into
// the case and inside the window); an older one is "encrypted_old", since what preceded it was
// not collected. Levels: fresh_after_public, fresh, after_public, encrypted_new, encrypted_old,
// phone_or_other, public_only. P(level | handler) = 0.35, 0.2, 0.15, 0.1, 0.04, 0.12 (burner
// phones), 0.04 (the planner's public account itself); P(level | ordinary) is learned per
// volume stratum, so a population where everyone opens new accounts gets no credit for it.
// Cost: O(events of the tie + ties of the perpetrator).
#include <algorithm>

#include "attribute/internal.h"

namespace linchpin::attribute::internal {
namespace {

enum Level { kFreshAfterPublic, kFresh, kAfterPublic, kEncryptedNew, kEncryptedOld, kPhoneOrOther, kPublicOnly };
constexpr TimeMs kFreshWindow = 72 * kHourMs;
constexpr TimeMs kPublicWindow = 21 * kDayMs;

// A public tie or channel join of `p` that started in [from, to): its first row, or kNoIndex.
uint32_t NewPublicTie(const Context& cx, VertexId p, TimeMs from, TimeMs to) {
  const TemporalGraph& tg = cx.tg;
  const uint16_t join = 1u << static_cast<unsigned>(EventKind::kJoin);
  auto check = [&](PairId pair) -> uint32_t {
    const TimeMs first = tg.pair_first(pair);
    if (first < from || first >= to || first < cx.first_event + 7 * kDayMs) return kNoIndex;
    if (!(tg.pair_kind_mask(pair) & join) && !cx.PairHasClass(pair, PlatformClass::kPublic)) return kNoIndex;
    return tg.pair_events(pair).front();
  };
  uint32_t best = kNoIndex;
  auto keep = [&](uint32_t row) {
    if (row != kNoIndex && (best == kNoIndex || cx.c.events.time[row] < cx.c.events.time[best])) best = row;
  };
  for (PairId pair = tg.out_begin(p); pair < tg.out_end(p); ++pair) keep(check(pair));
  for (PairId pair : tg.in_pairs(p)) keep(check(pair));
  return best;
}

Observation Observe(const Context& cx, const PairCase& pc, bool explain) {
  Observation o;
  const Contact* first_encrypted = nullptr;
  bool phone = false, public_contact = false;
  uint32_t public_row = kNoIndex;
  for (size_t i = 0; i < pc.before; ++i) {
    const Contact& k = pc.contacts[i];
    const PlatformClass cls = cx.ClassOfRow(k.row);
    if (cls == PlatformClass::kEncrypted) {
      first_encrypted = &k;
      break;
    }
    if (cls == PlatformClass::kPublic) {
      if (!public_contact) public_row = k.row;
      public_contact = true;
    } else {
      phone = true;
    }
  }
  if (!first_encrypted) {
    for (size_t i = 0; i < pc.before && !phone; ++i) phone = cx.ClassOfRow(pc.contacts[i].row) != PlatformClass::kPublic;
    o.level = phone ? kPhoneOrOther : kPublicOnly;
    if (explain) o.text = phone ? "contact by phone or other non-public channels only" : "public-platform contact only";
    return o;
  }
  const TimeMs fe = first_encrypted->time;
  const uint32_t row = first_encrypted->row;
  if (fe < cx.first_event + kNewTieMargin || fe < pc.window_start()) {
    o.level = kEncryptedOld;
    if (explain) o.text = "encrypted-app contact since " + FormatTime(fe) + ", before the run-up or the start of collection";
    return o;
  }
  const EndpointId mine = first_encrypted->from_candidate ? cx.c.events.target[row] : cx.c.events.source[row];
  const TimeMs opened = cx.OpenedAt(mine);
  const bool fresh = opened != kNoTime && opened >= fe - kFreshWindow && opened >= cx.first_event + 7 * kDayMs;
  if (!public_contact || public_row == kNoIndex || cx.c.events.time[public_row] < fe - kPublicWindow) {
    public_row = NewPublicTie(cx, pc.perpetrator, fe - kPublicWindow, fe);
  }
  const bool after_public = public_row != kNoIndex;
  o.level = fresh ? (after_public ? kFreshAfterPublic : kFresh) : (after_public ? kAfterPublic : kEncryptedNew);
  if (!explain) return o;
  o.text = "first encrypted contact " + cx.Describe(row);
  o.rows.push_back(row);
  if (fresh) o.text += "; the perpetrator's account " + cx.c.endpoints[mine].key + " was opened " + Span(fe - opened) + " before";
  if (after_public) {
    o.text += "; " + Span(fe - cx.c.events.time[public_row]) + " after a new public contact (" + cx.Describe(public_row) + ")";
    o.rows.push_back(public_row);
  }
  return o;
}

}  // namespace

Rule PlatformShiftRule() {
  Rule r;
  r.id = "platform";
  r.levels = {"fresh_after_public", "fresh_account", "after_public", "encrypted_new", "encrypted_old", "phone_or_other", "public_only"};
  r.handler_prob = {0.35, 0.2, 0.15, 0.1, 0.04, 0.12, 0.04};
  r.strata = kVolumeStrata;
  r.stratum = &VolumeStratum;
  r.observe = &Observe;
  return r;
}

}  // namespace linchpin::attribute::internal
