// Handovers: a perpetrator's new private tie that stops abruptly, followed within days by a new
// private tie whose other side writes first — one handler replaced by another (killed, arrested
// or moved on), the successor introducing himself to the recruit. Both candidates get the x10
// candidate-level term of scoring.cc: the predecessor's help ended days before the incident, so
// the run-up and last-contact rules alone read him as a faded acquaintance. When the successor
// is a likely handler on his other evidence (scoring.cc), the predecessor gets a second x10: an
// ordinary contact going silent everywhere the week a handler steps in is a coincidence the
// pattern alone does not price. That term needs the predecessor's silence to be observed: a
// tie of his with someone else active in the week before he stopped.
//
// Rule, per perpetrator p and pair of candidates (c1, c2), both with new ties to p (the runup
// rule's new levels) with contact on an encrypted app or phone, read over those private events
// only (a public approach before them is the invitation, not the channel handed over):
//   c1's tie carried >= 10 events, its last contact was more than 48 hours before the incident,
//     it was still active in its last week (>= 3 events in the 7 days before it stopped): it
//     ended, it did not fade; and c1 went silent on every tie within 3 days of it (arrested,
//     killed, or the account dropped) — an ordinary contact who stops writing to one person
//     goes on writing to others;
//   c2's first contact with p falls within 7 days after c1's last one, c2 wrote one of the tie's
//     first three events (the successor introduces himself; one of the three, not the very
//     first, so a collection gap does not hide it), and the tie carried >= 5 events before the
//     incident.
// An ordinary new contact that stops and another that starts days later with a stranger writing
// first are each common; a heavy private tie cut off and replaced by a new private one within
// the week is not. Cost: O(new private ties of the perpetrator ^ 2), a handful per incident.
#include <algorithm>

#include "attribute/internal.h"

namespace linchpin::attribute::internal {
namespace {

constexpr TimeMs kHandoverGap = 7 * kDayMs;
constexpr TimeMs kEndedBefore = 48 * kHourMs;
constexpr TimeMs kSilenceSlack = 3 * kDayMs;  // its other ties may go on a little longer
constexpr size_t kMinPredecessorEvents = 10;
constexpr size_t kMinActiveLastWeek = 3;
constexpr size_t kMinSuccessorEvents = 5;

// The last event of `v` on any tie, either direction.
TimeMs LastActivity(const Context& cx, VertexId v) {
  const TemporalGraph& tg = cx.tg;
  TimeMs last = kNoTime;
  for (PairId p = tg.out_begin(v); p < tg.out_end(v); ++p) last = std::max(last, tg.pair_last(p));
  for (PairId p : tg.in_pairs(v)) last = std::max(last, tg.pair_last(p));
  return last;
}

// Whether `v` had a tie other than with `p` active in [from, to]: only then is his silence
// after `to` observed rather than the edge of what was collected (a number seen only in
// contact with the subject always "falls silent on every tie").
bool OtherTieActive(const Context& cx, VertexId v, VertexId p, TimeMs from, TimeMs to) {
  const TemporalGraph& tg = cx.tg;
  auto active = [&](PairId q, VertexId other) {
    return other != p && tg.pair_last(q) >= from && tg.pair_first(q) <= to;
  };
  for (PairId q = tg.out_begin(v); q < tg.out_end(v); ++q) {
    if (active(q, tg.pair_target(q))) return true;
  }
  for (PairId q : tg.in_pairs(v)) {
    if (active(q, tg.pair_source(q))) return true;
  }
  return false;
}

struct PrivateTie {
  size_t candidate = 0;  // index into work.candidates
  TimeMs first = kNoTime, last = kNoTime;
  uint32_t first_row = 0, last_row = 0;
  bool candidate_opened = false, active_at_end = false;
  size_t events = 0;
};

bool IsPrivate(const Context& cx, uint32_t row) {
  const PlatformClass cls = cx.ClassOfRow(row);
  return cls == PlatformClass::kEncrypted || cls == PlatformClass::kPhone;
}

// The new private ties of perpetrator `p` among the incident's candidates.
std::vector<PrivateTie> NewPrivateTies(const Context& cx, const IncidentWork& work, VertexId p) {
  std::vector<PrivateTie> out;
  const TimeMs at = work.incident->time;
  for (size_t i = 0; i < work.candidates.size(); ++i) {
    const Candidate& c = work.candidates[i];
    for (const PairScore& ps : c.pairs) {
      if (ps.perpetrator != p || ps.levels.empty() || ps.levels.front() > kLastNewRunupLevel)
        continue;
      // The private part of the tie: over a resolved entity that spans a planner's public and
      // app accounts the tie opens with the public approach (a follow, the "contact me"), and
      // the handover is about the private channel that follows it.
      std::vector<Contact> contacts;
      for (const Contact& k : cx.Between(c.entity, p)) {
        if (k.time < at && IsPrivate(cx, k.row)) contacts.push_back(k);
      }
      const auto end = contacts.end();
      if (contacts.empty()) continue;
      PrivateTie t;
      t.candidate = i;
      t.first = contacts.front().time;
      t.first_row = contacts.front().row;
      for (auto it = contacts.begin(); it != end && it - contacts.begin() < 3; ++it)
        t.candidate_opened |= it->from_candidate;
      t.last = (end - 1)->time;
      t.last_row = (end - 1)->row;
      t.events = static_cast<size_t>(end - contacts.begin());
      size_t last_week = 0;
      for (auto it = end; it != contacts.begin() && t.last - (it - 1)->time <= 7 * kDayMs; --it)
        ++last_week;
      t.active_at_end = last_week >= kMinActiveLastWeek;
      out.push_back(t);
    }
  }
  return out;
}

}  // namespace

void FindHandovers(const Context& cx, IncidentWork& work) {
  const TimeMs at = work.incident->time;
  std::vector<bool> credited(work.candidates.size(), false);
  for (VertexId p : work.perpetrators) {
    const std::vector<PrivateTie> ties = NewPrivateTies(cx, work, p);
    for (const PrivateTie& before : ties) {
      if (before.events < kMinPredecessorEvents || at - before.last <= kEndedBefore ||
          !before.active_at_end)
        continue;
      if (LastActivity(cx, work.candidates[before.candidate].entity) > before.last + kSilenceSlack)
        continue;
      for (const PrivateTie& after : ties) {
        if (after.candidate == before.candidate || !after.candidate_opened ||
            after.events < kMinSuccessorEvents)
          continue;
        if (after.first < before.last || after.first - before.last > kHandoverGap) continue;
        const std::string from = cx.Name(work.candidates[before.candidate].entity);
        const std::string to = cx.Name(work.candidates[after.candidate].entity);
        const std::string text =
            "handover with " + cx.Name(p) + ": " + from + "'s private contact (" +
            std::to_string(before.events) + " events) stopped " + Span(at - before.last) +
            " before the incident, when it fell silent on every tie, and " +
            Span(after.first - before.last) + " later " + to +
            " wrote to him for the first time (" + cx.Describe(after.first_row) + ")";
        Candidate& pred = work.candidates[before.candidate];
        if (pred.successor == kNoVertex &&
            OtherTieActive(cx, pred.entity, p, before.last - 7 * kDayMs, before.last))
          pred.successor = work.candidates[after.candidate].entity;
        for (size_t who : {before.candidate, after.candidate}) {
          if (credited[who]) continue;
          credited[who] = true;
          Candidate& c = work.candidates[who];
          c.base_log_lr += LinkWeights::kHandover;
          Evidence e;
          e.rule = who == before.candidate ? "handover.predecessor" : "handover.successor";
          e.text = text;
          e.weight = LinkWeights::kHandover;
          e.events = {cx.Cite(before.last_row), cx.Cite(after.first_row)};
          c.extra.push_back(std::move(e));
        }
      }
    }
  }
}

}  // namespace linchpin::attribute::internal
