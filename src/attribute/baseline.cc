// The population baseline — how ordinary each rule level is — and the "relation" rule.
//
// Baseline: the innocent explanation of a perpetrator's heavy contact is that people talk to
// their families, friends and colleagues all the time. Rather than assume how much, we measure
// it on the case itself: sample up to `background_egos` ordinary people (person entities that
// are not perpetrators; any entity when the case names too few persons), give each a random
// reference time, and evaluate every pair rule on each of their ties active in the window before
// it, exactly as for an incident. P(level | ordinary) = (count + 0.5) / (ties + 0.5 * levels)
// per rule and stratum (add-half smoothing, Krichevsky-Trofimov). Covert ties are a vanishing
// share of a population's ties, so the sample needs no labels. Cost: O(sampled ties' events).
//
// Rule "relation": a family or friend tie in relations.csv. P(level | handler) = 0.005 (family),
// 0.02 (other relation), 0.975 (none): handlers are rarely documented relatives or friends;
// P(level | ordinary) is learned like the others, so how much a relation exonerates depends on
// how often this case file records relations at all.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "attribute/internal.h"
#include "common/splitmix.h"

namespace linchpin::attribute::internal {
namespace {

bool IsFamily(const std::string& kind) {
  static const char* kFamily[] = {"family", "lives_with", "spouse", "sibling", "parent", "child", "brother",
                                  "sister", "mother", "father", "cousin", "relative"};
  for (const char* k : kFamily) {
    if (kind == k) return true;
  }
  return false;
}

Observation ObserveRelation(const Context& cx, const PairCase& pc, bool explain) {
  Observation o;
  const std::string* kind = cx.RelationBetween(pc.candidate, pc.perpetrator);
  o.level = !kind ? 2 : IsFamily(*kind) ? 0 : 1;
  if (explain && kind) o.text = "relations.csv records a '" + *kind + "' tie between them";
  return o;
}

bool HasEventIn(const Context& cx, PairId p, TimeMs from, TimeMs to) {
  if (cx.tg.pair_last(p) < from || cx.tg.pair_first(p) >= to) return false;
  const auto rows = cx.tg.pair_events(p);
  const auto& time = cx.c.events.time;
  auto it = std::lower_bound(rows.begin(), rows.end(), from, [&](uint32_t row, TimeMs t) { return time[row] < t; });
  return it != rows.end() && time[*it] < to;
}

std::vector<VertexId> SampleEgos(const Context& cx, const AttributeOptions& options, const std::vector<VertexId>& perpetrators) {
  const TemporalGraph& tg = cx.tg;
  std::vector<VertexId> persons, others;
  for (VertexId v = 0; v < tg.num_entities(); ++v) {
    if (tg.out_begin(v) == tg.out_end(v) && tg.in_pairs(v).empty()) continue;
    if (std::find(perpetrators.begin(), perpetrators.end(), v) != perpetrators.end() || cx.IsChannel(v)) continue;
    (tg.entities().info[v].kind == graph::EntityKind::kPerson ? persons : others).push_back(v);
  }
  // Persons are what perpetrators are; raw accounts stand in only when the case names few.
  std::vector<VertexId> pool = persons;
  if (persons.size() < 100) pool.insert(pool.end(), others.begin(), others.end());
  uint64_t state = options.seed * 0x2545F4914F6CDD1Dull + 17;
  // Partial Fisher-Yates: the first k of a seeded shuffle.
  const size_t k = std::min(options.background_egos, pool.size());
  for (size_t i = 0; i < k; ++i) std::swap(pool[i], pool[i + SplitMix64(state) % (pool.size() - i)]);
  pool.resize(k);
  return pool;
}

}  // namespace

Rule RelationRule() {
  Rule r;
  r.id = "relation";
  r.levels = {"family", "other_relation", "none"};
  r.handler_prob = {0.005, 0.02, 0.975};
  // Fixed, not learned: case files record relations around their subjects, not across the
  // population, so a population rate would make a documented friendship look rare — i.e.
  // suspicious. Among a suspect's heavy contacts, relatives and friends are the norm: x0.1 for
  // family, x0.25 for another documented relation, no change otherwise.
  r.fixed_log_lr = {std::log(0.1), std::log(0.25), 0.0};
  r.observe = &ObserveRelation;
  return r;
}

int VolumeStratum(const PairCase& pc) {
  const TimeMs from = pc.at - 30 * kDayMs;
  size_t n = 0;
  for (size_t i = pc.before; i > 0 && pc.contacts[i - 1].time >= from; --i) ++n;
  return n <= 3 ? 0 : n <= 15 ? 1 : n <= 60 ? 2 : 3;
}

size_t TieStart(const Context& cx, const PairCase& pc) {
  for (size_t i = 0; i < pc.before; ++i) {
    if (cx.ClassOfRow(pc.contacts[i].row) != PlatformClass::kPublic) return i;
  }
  return 0;  // public only: the tie is as old as its first contact
}

bool IsNewTie(const Context& cx, const PairCase& pc) {
  constexpr TimeMs kNewTieFloor = 3 * kDayMs;
  if (pc.before == 0) return false;
  const size_t start = TieStart(cx, pc);
  const TimeMs first = pc.contacts[start].time;
  // A tie first seen in the case's first days may simply have been quiet before collection:
  // never new. Later, the tie's own rate decides (a busy tie first seen on day 10 did not exist
  // before; a weekly one might have).
  if (first < pc.window_start() || first < cx.first_event + kNewTieFloor) return false;
  // Sessions: events more than an hour apart. Rate = sessions per day since the first event.
  size_t sessions = 1;
  for (size_t i = start + 1; i < pc.before; ++i) sessions += pc.contacts[i].time - pc.contacts[i - 1].time > kHourMs;
  const double days = std::max(1.0, static_cast<double>(pc.at - first) / kDayMs);
  const double silent_days = static_cast<double>(first - cx.first_event) / kDayMs;
  return static_cast<double>(sessions) / days * silent_days > 3.0;  // P(silence) = e^-3 ~ 5%
}

const std::vector<Rule>& PairRules() {
  static const std::vector<Rule> kRules = {RunupRule(), ProximityRule(), PlatformShiftRule(), MediaRule(), RelationRule()};
  return kRules;
}

std::vector<VertexId> RunupNeighbours(const Context& cx, VertexId perpetrator, TimeMs at, TimeMs lookback) {
  std::vector<VertexId> out;
  const TemporalGraph& tg = cx.tg;
  const TimeMs from = at - lookback;
  for (PairId p = tg.out_begin(perpetrator); p < tg.out_end(perpetrator); ++p) {
    if (HasEventIn(cx, p, from, at)) out.push_back(tg.pair_target(p));
  }
  for (PairId p : tg.in_pairs(perpetrator)) {
    if (HasEventIn(cx, p, from, at)) out.push_back(tg.pair_source(p));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove_if(out.begin(), out.end(), [&](VertexId v) { return v == perpetrator || cx.IsChannel(v); }), out.end());
  return out;
}

PairCase MakePairCase(VertexId candidate, VertexId perpetrator, TimeMs at, TimeMs lookback, std::span<const Contact> contacts) {
  PairCase pc;
  pc.candidate = candidate;
  pc.perpetrator = perpetrator;
  pc.at = at;
  pc.lookback = lookback;
  pc.contacts = contacts;
  pc.before = static_cast<size_t>(std::lower_bound(contacts.begin(), contacts.end(), at,
                                                   [](const Contact& k, TimeMs t) { return k.time < t; }) -
                                  contacts.begin());
  return pc;
}

double Baseline::LogLr(size_t rule, int stratum, int level) const {
  const Rule& r = PairRules()[rule];
  if (!r.fixed_log_lr.empty()) return r.fixed_log_lr[static_cast<size_t>(level)];
  if (level == r.neutral_level) return 0;
  const double handler = PairRules()[rule].handler_prob[static_cast<size_t>(level)];
  const double ordinary = prob[rule][static_cast<size_t>(stratum)][static_cast<size_t>(level)];
  const double bound = level == r.exculpatory_level ? 0.0 : kMaxRuleLogLr;
  return std::clamp(std::log(handler / ordinary), -kMaxRuleLogLr, bound);
}

Baseline LearnBaseline(const Context& cx, const AttributeOptions& options, const std::vector<VertexId>& perpetrators) {
  const auto& rules = PairRules();
  std::vector<std::vector<std::vector<double>>> counts(rules.size());
  for (size_t r = 0; r < rules.size(); ++r) {
    counts[r].assign(static_cast<size_t>(rules[r].strata), std::vector<double>(rules[r].levels.size(), 0.0));
  }
  Baseline b;
  const std::vector<VertexId> egos = SampleEgos(cx, options, perpetrators);
  b.egos = egos.size();
  // Reference times leave a month of history before them, as incidents in a case usually do.
  const TimeMs lo = std::min(cx.last_event, cx.first_event + std::min<TimeMs>(30 * kDayMs, (cx.last_event - cx.first_event) / 2));
  const TimeMs range = std::max<TimeMs>(1, cx.last_event - lo);
  uint64_t state = options.seed ^ 0xB1A5ED0Dull;
  for (VertexId ego : egos) {
    const TimeMs at = lo + static_cast<TimeMs>(SplitMix64(state) % static_cast<uint64_t>(range));
    for (VertexId other : RunupNeighbours(cx, ego, at, options.lookback)) {
      const std::vector<Contact> contacts = cx.Between(other, ego);
      const PairCase pc = MakePairCase(other, ego, at, options.lookback, contacts);
      ++b.ties;
      for (size_t r = 0; r < rules.size(); ++r) {
        const int stratum = rules[r].stratum ? rules[r].stratum(pc) : 0;
        counts[r][static_cast<size_t>(stratum)][static_cast<size_t>(rules[r].observe(cx, pc, false).level)] += 1;
      }
    }
  }
  b.prob = counts;
  for (size_t r = 0; r < rules.size(); ++r) {
    const int neutral = rules[r].neutral_level;
    for (auto& stratum : b.prob[r]) {
      if (neutral >= 0) stratum[static_cast<size_t>(neutral)] = 0;  // conditional on the rule applying
      const double total = std::accumulate(stratum.begin(), stratum.end(), 0.0);
      const double levels = static_cast<double>(stratum.size()) - (neutral >= 0 ? 1 : 0);
      for (double& p : stratum) p = (p + 0.5) / (total + 0.5 * levels);
    }
  }
  return b;
}

}  // namespace linchpin::attribute::internal
