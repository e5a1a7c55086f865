// Introductions: the candidate was in touch with two perpetrators shortly before those two first
// contacted each other — how a planner puts the members of a joint attack in touch (Callimachi
// 2017 describes planners connecting recruits who never met). Rule, for each pair (a, b) of the
// incident's perpetrators whose first contact falls in the run-up (and >= 14 days after the case
// begins, so it is really a first): every common neighbour c that contacted both a and b within
// the 6 hours before that first a-b contact is an introducer; the one whose later contact is
// closest to it is reported (Introduction), and gets the x20 candidate-level term of scoring.cc.
// When no single entity did it, two likely-handler accounts may have (FindTwoAccountIntroducer).
// Cost: O(common neighbours x their ties' events) per perpetrator pair.
#include <algorithm>

#include "attribute/internal.h"

namespace linchpin::attribute::internal {
namespace {

constexpr TimeMs kIntroductionWindow = 6 * kHourMs;

// The last contact between c and x strictly before t, or nullptr.
const Contact* LastBefore(const std::vector<Contact>& contacts, TimeMs t) {
  auto it = std::lower_bound(contacts.begin(), contacts.end(), t, [](const Contact& k, TimeMs v) { return k.time < v; });
  return it == contacts.begin() ? nullptr : &*(it - 1);
}

// A planner may write to each recruit from a different account. Without resolution the two
// accounts are two entities, so the common-neighbour test misses them; accept a pair (c1 -> a,
// c2 -> b) of the incident's candidates when both already carry evidence of guidance on their
// own (positive pair score) and both contacts fall in the tighter 2-hour window before a and b
// first meet. The introducer reported is the account that wrote to a.
void FindTwoAccountIntroducer(const Context& cx, const IncidentWork& work, VertexId a, VertexId b, TimeMs met, VertexId& first,
                              VertexId& second, uint32_t& row_a, uint32_t& row_b) {
  constexpr TimeMs kTwoAccountWindow = 2 * kHourMs;
  struct Hit {
    VertexId who;
    uint32_t row;
  };
  std::vector<Hit> to_a, to_b;
  for (const Candidate& c : work.candidates) {
    for (const PairScore& p : c.pairs) {
      if (p.log_lr <= 0 || (p.perpetrator != a && p.perpetrator != b)) continue;
      const std::vector<Contact> contacts = cx.Between(c.entity, p.perpetrator);
      const Contact* last = LastBefore(contacts, met);
      if (!last || met - last->time > kTwoAccountWindow) continue;
      (p.perpetrator == a ? to_a : to_b).push_back({c.entity, last->row});
    }
  }
  TimeMs best_gap = kTwoAccountWindow + 1;
  for (const Hit& x : to_a) {
    for (const Hit& y : to_b) {
      if (x.who == y.who) continue;
      const TimeMs gap = met - std::min(cx.c.events.time[x.row], cx.c.events.time[y.row]);
      if (gap >= best_gap) continue;
      best_gap = gap;
      first = x.who;
      second = y.who;
      row_a = x.row;
      row_b = y.row;
    }
  }
}

}  // namespace

void FindIntroductions(const Context& cx, IncidentWork& work) {
  const TimeMs at = work.incident->time;
  const auto& ps = work.perpetrators;
  for (size_t i = 0; i < ps.size(); ++i) {
    for (size_t j = i + 1; j < ps.size(); ++j) {
      const VertexId a = ps[i], b = ps[j];
      const TimeMs met = cx.FirstContact(a, b);
      if (met == kNoTime || met > at || met < cx.first_event + kNewTieMargin) continue;
      const std::vector<VertexId> na = cx.Neighbours(a), nb = cx.Neighbours(b);
      std::vector<VertexId> common;
      std::set_intersection(na.begin(), na.end(), nb.begin(), nb.end(), std::back_inserter(common));
      VertexId best = kNoVertex;
      TimeMs best_gap = kIntroductionWindow + 1;
      uint32_t row_a = 0, row_b = 0;
      for (VertexId c : common) {
        if (cx.IsChannel(c) || std::find(ps.begin(), ps.end(), c) != ps.end()) continue;
        const std::vector<Contact> ca = cx.Between(c, a), cb = cx.Between(c, b);
        const Contact* la = LastBefore(ca, met);
        const Contact* lb = LastBefore(cb, met);
        if (!la || !lb) continue;
        const TimeMs gap = met - std::min(la->time, lb->time);
        if (gap > kIntroductionWindow || gap >= best_gap) continue;
        best = c;
        best_gap = gap;
        row_a = la->row;
        row_b = lb->row;
      }
      VertexId partner = kNoVertex;  // the introducer's second account, when two were used
      if (best == kNoVertex) FindTwoAccountIntroducer(cx, work, a, b, met, best, partner, row_a, row_b);
      if (best == kNoVertex) continue;
      Introduction intro;
      intro.introducer = cx.Name(best);
      intro.a = cx.Name(a);
      intro.b = cx.Name(b);
      intro.time = met;
      Evidence e;
      e.rule = "introduction";
      e.text = "introduced " + intro.a + " and " + intro.b + " on " + FormatTime(met) + ": in contact with " + intro.a + " " +
               Span(met - cx.c.events.time[row_a]) + " and" + (partner != kNoVertex ? " (as " + cx.Name(partner) + ")" : "") +
               " with " + intro.b + " " + Span(met - cx.c.events.time[row_b]) + " before their first contact";
      e.weight = LinkWeights::kIntroduction;
      for (uint32_t row : {row_a, row_b}) e.events.push_back(cx.Cite(row));
      intro.evidence.push_back(e);
      for (Candidate& cand : work.candidates) {
        if (cand.entity != best && cand.entity != partner) continue;
        cand.base_log_lr += LinkWeights::kIntroduction;
        cand.extra.push_back(e);
      }
      work.introductions.push_back(std::move(intro));
    }
  }
}

}  // namespace linchpin::attribute::internal
