// Rule "platform": contact moved from a public platform to an encrypted app.
//
// Recruitment is reported to start in the open (follows, replies, a "contact me" mention) and to
// move to an encrypted app, often onto an account the recruit opens for it (Callimachi 2017;
// Gartenstein-Ross & Blackman, War on the Rocks 2017). What is observable about the candidate's
// own tie, without knowing that a public and a private account belong to one planner:
//   fresh        the perpetrator's endpoint used in the first encrypted contact with the
//                candidate was opened (accounts.csv `created`, else its first event) at most 72
//                hours before it — he opened it for this contact;
//   invitation   (context for fresh) in the 21 days before, a public account new to him
//                addressed him (a mention or reply: the "contact me") or he joined a channel;
//   public first the candidate itself (an entity spanning platforms) had public contact first,
//                or — seen from the perpetrator's side, since a planner's public and private
//                accounts are usually separate entities — he was invited publicly (as above) in
//                the 21 days before this first encrypted contact, on an app account he already had.
// The rule only speaks about new ties (IsNewTie); for old ones it is neutral ("old_tie"), since
// the runup rule has already weighed the tie's age and what preceded it was not collected.
// Levels: fresh_after_invitation, fresh_account, public_then_private, encrypted_new, phone_new,
// public_only, old_tie. P(level | handler, new tie) = 0.35, 0.15, 0.15, 0.2, 0.14 (burner
// phones), 0.01 (public contact alone is not guidance, so that level never scores above 0,
// however rare new public ties are among ordinary people's — followers are old ties): the public phase is the norm, whether
// or not the recruit opens a new account for the private one; P(level | ordinary, new tie) is
// learned per volume stratum, so a population where everyone opens new accounts or is mentioned
// by strangers gets no credit for it. An invitation qualifies one encrypted contact that follows
// it within 21 days — one on an account opened for it, else the first — so it does not score for
// all of the perpetrator's new ties.
// Cost: O(events of the tie + ties of the perpetrator).
#include <algorithm>

#include "attribute/internal.h"

namespace linchpin::attribute::internal {
namespace {

enum Level { kFreshAfterInvitation, kFresh, kPublicFirst, kEncryptedNew, kPhoneNew, kPublicOnly, kOldTie };
constexpr TimeMs kFreshWindow = 72 * kHourMs;
constexpr TimeMs kPublicWindow = 21 * kDayMs;

// A public invitation to `p` that started in [from, to): a new public account addressing him
// (a mention or reply from an entity new to him), or his joining a channel. Following someone
// is not enough: everyone follows new accounts; being singled out by one is rarer. The latest
// such row, or kNoIndex.
uint32_t NewPublicTie(const Context& cx, VertexId p, TimeMs from, TimeMs to) {
  const TemporalGraph& tg = cx.tg;
  const uint16_t join = 1u << static_cast<unsigned>(EventKind::kJoin);
  const uint16_t addressed = (1u << static_cast<unsigned>(EventKind::kMention)) | (1u << static_cast<unsigned>(EventKind::kReply));
  auto check = [&](PairId pair, uint16_t kinds) -> uint32_t {
    const TimeMs first = tg.pair_first(pair);
    if (first < from || first >= to || first < cx.first_event + 7 * kDayMs) return kNoIndex;
    if (!(tg.pair_kind_mask(pair) & kinds)) return kNoIndex;
    if (kinds == addressed && !cx.PairHasClass(pair, PlatformClass::kPublic)) return kNoIndex;
    return tg.pair_events(pair).front();
  };
  uint32_t best = kNoIndex;
  auto keep = [&](uint32_t row) {
    if (row != kNoIndex && (best == kNoIndex || cx.c.events.time[row] > cx.c.events.time[best])) best = row;
  };
  for (PairId pair = tg.out_begin(p); pair < tg.out_end(p); ++pair) keep(check(pair, join));
  for (PairId pair : tg.in_pairs(p)) {
    // Only the start of contact counts: the entity must not have been in touch with p before.
    const PairId back = tg.FindPair(p, tg.pair_source(pair));
    if (back != graph::kNoPair && tg.pair_first(back) < from) continue;
    keep(check(pair, addressed));
  }
  return best;
}

// The perpetrator's endpoint in `row` was opened at most kFreshWindow before it: he opened it for
// this contact.
bool OnFreshAccount(const Context& cx, VertexId p, uint32_t row) {
  const EndpointId mine = cx.SourceEntity(row) == p ? cx.c.events.source[row] : cx.c.events.target[row];
  const TimeMs opened = cx.OpenedAt(mine);
  const TimeMs at = cx.c.events.time[row];
  return opened != kNoTime && opened >= at - kFreshWindow && opened >= cx.first_event + 7 * kDayMs;
}

// Whether a tie of `p` other than with `candidate` had its first encrypted-app contact in
// (from, to) and `accept(row, other)` takes that row.
template <class Accept>
bool OtherEncryptedTieStarted(const Context& cx, VertexId p, VertexId candidate, TimeMs from, TimeMs to, Accept accept) {
  const TemporalGraph& tg = cx.tg;
  auto started = [&](PairId pair, VertexId other) {
    if (other == candidate || cx.IsChannel(other)) return false;
    const TimeMs first = tg.pair_first(pair);
    if (first >= to || tg.pair_last(pair) <= from || !cx.PairHasClass(pair, PlatformClass::kEncrypted)) return false;
    for (uint32_t row : tg.pair_events(pair)) {
      if (cx.ClassOfRow(row) != PlatformClass::kEncrypted) continue;
      return cx.c.events.time[row] > from && cx.c.events.time[row] < to && accept(row, other);
    }
    return false;
  };
  for (PairId pair = tg.out_begin(p); pair < tg.out_end(p); ++pair) {
    if (started(pair, tg.pair_target(pair))) return true;
  }
  for (PairId pair : tg.in_pairs(p)) {
    if (started(pair, tg.pair_source(pair))) return true;
  }
  return false;
}

// Whether the invitation `row` belongs to another of p's encrypted ties than the one with
// `candidate`, whose first encrypted contact is at `fe` on an account he already had: the
// inviter's own, when he took the conversation private within the window; a tie new since the
// invitation that went private before this one; or one p opened a fresh account for within the
// window (moving onto a new account is what an invitation to go private leads to, so that tie
// explains it better than whichever tie happened to start first).
bool InvitationTakenByOtherTie(const Context& cx, VertexId p, VertexId candidate, uint32_t row, TimeMs fe) {
  const TimeMs at = cx.c.events.time[row];
  const VertexId inviter = cx.SourceEntity(row) == p ? kNoVertex : cx.SourceEntity(row);  // a join has none
  const TimeMs until = at + kPublicWindow;
  return OtherEncryptedTieStarted(cx, p, candidate, at, until, [&](uint32_t, VertexId other) { return other == inviter; }) ||
         OtherEncryptedTieStarted(cx, p, candidate, at, fe, [&](uint32_t, VertexId other) { return cx.FirstContact(p, other) >= at; }) ||
         OtherEncryptedTieStarted(cx, p, candidate, at, until, [&](uint32_t first, VertexId other) {
           return cx.FirstContact(p, other) >= at && OnFreshAccount(cx, p, first);
         });
}

Observation Observe(const Context& cx, const PairCase& pc, bool explain) {
  Observation o;
  if (!IsNewTie(cx, pc)) {
    o.level = kOldTie;
    return o;
  }
  const Contact* first_encrypted = nullptr;
  bool phone = false;
  uint32_t public_row = kNoIndex;
  for (size_t i = 0; i < pc.before; ++i) {
    const Contact& k = pc.contacts[i];
    const PlatformClass cls = cx.ClassOfRow(k.row);
    if (cls == PlatformClass::kEncrypted) {
      first_encrypted = &k;
      break;
    }
    if (cls == PlatformClass::kPublic) {
      if (public_row == kNoIndex) public_row = k.row;
    } else {
      phone = true;
    }
  }
  if (!first_encrypted) {
    o.level = phone ? kPhoneNew : kPublicOnly;
    if (explain) o.text = phone ? "a new tie by phone (or another non-public channel) only" : "public-platform contact only";
    return o;
  }
  const TimeMs fe = first_encrypted->time;
  const uint32_t row = first_encrypted->row;
  const EndpointId mine = first_encrypted->from_candidate ? cx.c.events.target[row] : cx.c.events.source[row];
  const TimeMs opened = cx.OpenedAt(mine);
  const bool fresh = OnFreshAccount(cx, pc.perpetrator, row);
  uint32_t invitation = NewPublicTie(cx, pc.perpetrator, fe - kPublicWindow, fe);
  // Without a fresh account the invitation is the perpetrator's, not the tie's: it counts for
  // one new encrypted tie after it only.
  if (!fresh && invitation != kNoIndex &&
      InvitationTakenByOtherTie(cx, pc.perpetrator, pc.candidate, invitation, fe)) {
    invitation = kNoIndex;
  }
  if (fresh) {
    o.level = invitation != kNoIndex ? kFreshAfterInvitation : kFresh;
  } else {
    o.level = public_row != kNoIndex || invitation != kNoIndex ? kPublicFirst : kEncryptedNew;
  }
  if (!explain) return o;
  o.text = "first encrypted contact " + cx.Describe(row);
  o.rows.push_back(row);
  if (fresh) o.text += "; the perpetrator's account " + cx.c.endpoints[mine].key + " was opened " + Span(fe - opened) + " before it";
  if (fresh && invitation != kNoIndex) {
    o.text += ", " + Span(fe - cx.c.events.time[invitation]) + " after a new public contact invited him (" + cx.Describe(invitation) + ")";
    o.rows.push_back(invitation);
  }
  if (o.level == kPublicFirst && public_row != kNoIndex) {
    o.text += ", after public contact from " + FormatTime(cx.c.events.time[public_row]) + " (" + cx.Describe(public_row) + ")";
    o.rows.push_back(public_row);
  } else if (o.level == kPublicFirst) {
    o.text += ", " + Span(fe - cx.c.events.time[invitation]) + " after a new public contact invited the perpetrator (" +
              cx.Describe(invitation) + ")";
    o.rows.push_back(invitation);
  }
  return o;
}

}  // namespace

static_assert(kPublicOnly == kPublicOnlyLevel, "internal.h names this level for scoring.cc");

Rule PlatformShiftRule() {
  Rule r;
  r.id = "platform";
  r.levels = {"fresh_after_invitation", "fresh_account", "public_then_private", "encrypted_new", "phone_new", "public_only", "old_tie"};
  r.handler_prob = {0.35, 0.15, 0.15, 0.2, 0.14, 0.01, 0.0};
  r.neutral_level = kOldTie;
  r.exculpatory_level = kPublicOnly;
  r.strata = kVolumeStrata;
  r.stratum = &VolumeStratum;
  r.observe = &Observe;
  return r;
}

}  // namespace linchpin::attribute::internal
