// Scoring: combines the rules' evidence into one posterior per candidate handler.
//
// Model — naive Bayes over the rule levels (Good's weight of evidence): for a candidate c of an
// incident with perpetrator p,
//     log odds(c is a handler) = log prior odds + sum over pair rules ln(P(level | handler) /
//                                P(level | ordinary tie)) + candidate-level terms.
// The pair term is taken from c's strongest tie with any perpetrator (a handler needs only one).
// Prior: P(the incident was guided) = 1/2 (Nesser et al. 2016 find online guidance in roughly
// half of the 2014-16 jihadi plots in Europe), shared evenly among the incident's candidates,
// so a perpetrator with 80 contacts needs more evidence per contact than one with 5.
// Candidate-level terms are fixed likelihood ratios, chosen as round orders of magnitude from
// how rare each pattern is among ordinary ties (they are not fitted to any simulated case):
//   several perpetrators of one incident in run-up contact   x4
//   introduced two perpetrators (introductions.cc)          x20
//   a likely handler of another incident, with a new private tie here  x10 each, at most two
//     (an innocent new private contact shared by two attackers is rare; old ties such as a
//     preacher's congregation, and public-only ties such as a lone actor following a known
//     propagandist, do not qualify)
//   shares a contact with a likely handler of another incident (an upward tie to a commander) x2
// No rule alone moves the odds by more than x30 (Baseline::LogLr): a level the sample never saw
// is rare, not impossible, and one coincidence must not make a handler.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "attribute/internal.h"

namespace linchpin::attribute::internal {
namespace {

constexpr double kPriorGuided = 0.5;

Evidence MakeEvidence(const Context& cx, std::string rule, std::string text, double weight, const std::vector<uint32_t>& rows) {
  Evidence e;
  e.rule = std::move(rule);
  e.text = std::move(text);
  e.weight = weight;
  for (uint32_t row : rows) e.events.push_back(cx.Cite(row));
  return e;
}

PairScore ScorePair(const Context& cx, const Baseline& baseline, const PairCase& pc, VertexId& rebroadcaster) {
  const auto& rules = PairRules();
  PairScore ps;
  ps.perpetrator = pc.perpetrator;
  if (pc.before > 0) ps.last_before = pc.contacts[pc.before - 1].time;
  for (size_t i = 0; i < pc.before; ++i) ps.events_in_window += pc.contacts[i].time >= pc.window_start();
  for (size_t r = 0; r < rules.size(); ++r) {
    const int stratum = rules[r].stratum ? rules[r].stratum(pc) : 0;
    Observation o = rules[r].observe(cx, pc, true);
    // A new tie that ended (runup new_ended) has, by definition, its last contact over 48 hours
    // before: the proximity level adds nothing to it, and counting it again would be the naive-
    // Bayes double count of one fact (P(earlier | new_ended) = 1 for handlers and ordinary ties).
    const bool implied = r == kProximityRule && ps.levels[kRunupRule] == kNewEndedLevel;
    const double w = implied ? 0.0 : baseline.LogLr(r, stratum, o.level);
    ps.levels.push_back(o.level);
    ps.log_lr += w;
    if (r == kMediaRule) rebroadcaster = PledgeRebroadcaster(cx, o);
    if (o.text.empty()) continue;
    const std::string rule = std::string(rules[r].id) + "." + std::string(rules[r].levels[static_cast<size_t>(o.level)]);
    ps.evidence.push_back(MakeEvidence(cx, rule, "with " + cx.Name(pc.perpetrator) + ": " + o.text, w, o.rows));
  }
  return ps;
}

// Neighbours of u reached over an encrypted app (either direction): where a superior would be.
std::vector<VertexId> EncryptedNeighbours(const Context& cx, VertexId u) {
  std::vector<VertexId> out;
  const TemporalGraph& tg = cx.tg;
  for (PairId p = tg.out_begin(u); p < tg.out_end(u); ++p) {
    if (cx.PairHasClass(p, PlatformClass::kEncrypted)) out.push_back(tg.pair_target(p));
  }
  for (PairId p : tg.in_pairs(u)) {
    if (cx.PairHasClass(p, PlatformClass::kEncrypted)) out.push_back(tg.pair_source(p));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove_if(out.begin(), out.end(), [&](VertexId v) { return v == u || cx.IsChannel(v); }), out.end());
  return out;
}

size_t OtherThan(const std::vector<size_t>& incidents, size_t i) {
  for (size_t j : incidents) {
    if (j != i) return j;
  }
  return incidents.front();
}

// A handover predecessor whose successor is a likely handler on the rest of his evidence (his
// own handover credit taken out, so the one pattern does not vouch for itself): x10 more.
// Uses the successor's evidence before the cross-incident terms, like the other-incident term.
void SucceededByLikelyHandler(const Context& cx, const IncidentWork& w, double threshold, Candidate& c) {
  if (c.successor == kNoVertex) return;
  for (const Candidate& s : w.candidates) {
    if (s.entity != c.successor) continue;
    if (Posterior(w.log_prior_odds, s.base_log_lr - LinkWeights::kHandover) < threshold) return;
    c.log_lr += LinkWeights::kSucceededByHandler;
    c.extra.push_back(MakeEvidence(cx, "handover.succeeded_by_handler", "the successor in the handover, " + cx.Name(s.entity) +
                                                                             ", is a likely handler on his other evidence",
                                   LinkWeights::kSucceededByHandler, {}));
    return;
  }
}

}  // namespace

double Posterior(double log_prior_odds, double log_lr) {
  const double z = log_prior_odds + log_lr;
  return 1.0 / (1.0 + std::exp(-z));
}

void ScorePairs(const Context& cx, const Baseline& baseline, const AttributeOptions& options, IncidentWork& work) {
  const TimeMs at = work.incident->time;
  std::map<VertexId, Candidate> by_entity;
  for (VertexId p : work.perpetrators) {
    for (VertexId c : RunupNeighbours(cx, p, at, options.lookback)) {
      if (std::find(work.perpetrators.begin(), work.perpetrators.end(), c) != work.perpetrators.end()) continue;
      const std::vector<Contact> contacts = cx.Between(c, p);
      const PairCase pc = MakePairCase(c, p, at, options.lookback, contacts);
      Candidate& cand = by_entity[c];
      cand.entity = c;
      VertexId rebroadcaster = kNoVertex;
      cand.pairs.push_back(ScorePair(cx, baseline, pc, rebroadcaster));
      if (rebroadcaster != kNoVertex && rebroadcaster != c) cand.rebroadcaster = rebroadcaster;
    }
  }
  for (auto& [entity, cand] : by_entity) {
    std::sort(cand.pairs.begin(), cand.pairs.end(), [](const PairScore& a, const PairScore& b) { return a.log_lr > b.log_lr; });
    cand.base_log_lr = cand.pairs.front().log_lr;
    const size_t positive = static_cast<size_t>(std::count_if(cand.pairs.begin(), cand.pairs.end(), [](const PairScore& s) { return s.log_lr > 0; }));
    if (positive >= 2) {
      cand.base_log_lr += LinkWeights::kSeveralPerpetrators;
      cand.extra.push_back(MakeEvidence(cx, "several_perpetrators",
                                        "run-up contact pointing to guidance with " + std::to_string(positive) + " perpetrators of this incident",
                                        LinkWeights::kSeveralPerpetrators, {}));
    }
    work.candidates.push_back(std::move(cand));
  }
  work.log_prior_odds = std::log(kPriorGuided / (1 - kPriorGuided)) - std::log(std::max<double>(1, static_cast<double>(work.candidates.size())));
}

void LinkAcrossIncidents(const Context& cx, const AttributeOptions& options, std::vector<IncidentWork>& works) {
  // Likely handlers on the evidence of each incident alone.
  std::map<VertexId, std::vector<size_t>> likely;  // entity -> incidents
  for (size_t i = 0; i < works.size(); ++i) {
    for (const Candidate& c : works[i].candidates) {
      if (Posterior(works[i].log_prior_odds, c.base_log_lr) >= options.handler_threshold) likely[c.entity].push_back(i);
    }
  }
  std::set<VertexId> perpetrators;
  for (const IncidentWork& w : works) perpetrators.insert(w.perpetrators.begin(), w.perpetrators.end());
  // Who talks to likely handlers on an encrypted app, perpetrators aside: a shared superior.
  std::map<VertexId, std::set<VertexId>> contacts_of_likely;
  if (options.across_incidents) {
    for (const auto& [entity, incidents] : likely) {
      for (VertexId s : EncryptedNeighbours(cx, entity)) {
        if (!perpetrators.count(s)) contacts_of_likely[s].insert(entity);
      }
    }
  }
  for (size_t i = 0; i < works.size(); ++i) {
    IncidentWork& w = works[i];
    for (Candidate& c : w.candidates) {
      c.log_lr = c.base_log_lr;
      if (!options.across_incidents) continue;
      auto it = likely.find(c.entity);
      // A new private tie: a follower of a handler's public account is not his recruit (lone
      // actors follow propagandists too).
      const std::vector<int>& levels = c.pairs.front().levels;
      const bool new_tie = levels.front() <= kLastNewRunupLevel && levels[kPlatformRule] != kPublicOnlyLevel;
      if (it != likely.end() && new_tie) {
        int added = 0;
        for (size_t j : it->second) {
          if (j == i || added == 2) continue;
          ++added;
          c.log_lr += LinkWeights::kOtherIncident;
          c.extra.push_back(MakeEvidence(cx, "other_incident", "also a likely handler of incident " + works[j].incident->id,
                                         LinkWeights::kOtherIncident, {}));
        }
      }
      SucceededByLikelyHandler(cx, w, options.handler_threshold, c);
      bool tied = false;
      for (VertexId s : EncryptedNeighbours(cx, c.entity)) {
        auto sup = contacts_of_likely.find(s);
        if (sup == contacts_of_likely.end() || tied) continue;
        for (VertexId other : sup->second) {
          if (other == c.entity) continue;
          const auto& incidents = likely[other];
          if (std::all_of(incidents.begin(), incidents.end(), [&](size_t j) { return j == i; })) continue;
          c.log_lr += LinkWeights::kCommanderTie;
          c.extra.push_back(MakeEvidence(cx, "commander_tie",
                                         "in contact with " + cx.Name(s) + ", who is also in contact with " + cx.Name(other) +
                                             " (a likely handler of incident " + works[OtherThan(incidents, i)].incident->id + ")",
                                         LinkWeights::kCommanderTie, {}));
          tied = true;
          break;
        }
      }
    }
    for (Candidate& c : w.candidates) c.posterior = Posterior(w.log_prior_odds, c.log_lr);
    std::sort(w.candidates.begin(), w.candidates.end(), [](const Candidate& a, const Candidate& b) {
      return a.log_lr != b.log_lr ? a.log_lr > b.log_lr : a.entity < b.entity;
    });
  }
}

}  // namespace linchpin::attribute::internal
