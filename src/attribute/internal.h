// Internals shared by the attribution files: the Context (what every rule reads about the case
// and its graph), the pair-level rule table, the learned baseline and the scoring types.
// Not a public header: attribute/attribute.h is the API.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "attribute/attribute.h"
#include "attribute/attribution.h"
#include "graph/temporal_graph.h"
#include "model/case.h"

namespace linchpin::attribute::internal {

using graph::PairId;
using graph::TemporalGraph;
using graph::VertexId;
using graph::kNoVertex;

// A tie whose first event comes less than this after the case's first event may have started
// before collection began (left-censored): it is never called new.
inline constexpr TimeMs kNewTieMargin = 14 * kDayMs;

// One event between a candidate and a perpetrator, as the rules see it.
struct Contact {
  uint32_t row = 0;
  TimeMs time = kNoTime;
  bool from_candidate = false;  // candidate -> perpetrator
};

// Read-only facts about the case that several rules need, computed once per run.
class Context {
 public:
  Context(const CaseData& c, const TemporalGraph& tg);

  const CaseData& c;
  const TemporalGraph& tg;
  TimeMs first_event = kNoTime, last_event = kNoTime;

  PlatformClass ClassOfRow(uint32_t row) const { return c.platforms[c.events.platform[row]].cls; }
  const std::string& PlatformOfRow(uint32_t row) const { return c.platforms[c.events.platform[row]].name; }
  bool PairHasClass(PairId p, PlatformClass cls) const;
  // Every event between `a` and `b`, both directions, in time order; from_candidate = a -> b.
  std::vector<Contact> Between(VertexId a, VertexId b) const;
  // Entities adjacent to u in either direction, ascending, without u.
  std::vector<VertexId> Neighbours(VertexId u) const;
  // First contact time between a and b in either direction (kNoTime when none).
  TimeMs FirstContact(VertexId a, VertexId b) const;
  // The entity named `name` (TemporalGraph::FindEntity's answers, from a hash index: that one
  // scans every entity per call, ~5 s for 1,500 relations over a 600k-entity case).
  Result<VertexId> FindEntity(std::string_view name) const;
  // The relation kind from relations.csv between two entities, or nullptr.
  const std::string* RelationBetween(VertexId a, VertexId b) const;
  // A channel: an endpoint ingest typed as one, or an entity that only ever receives posts and
  // joins (a post-only channel never joined in the case is typed opaque by ingest).
  bool IsChannel(VertexId v) const { return channel_[v]; }
  // The entity that posts most to a channel, or kNoVertex.
  VertexId ChannelAdmin(VertexId channel) const;
  // When an endpoint was opened: accounts.csv `created` if known, else its first event.
  TimeMs OpenedAt(EndpointId e) const;
  // Rows whose content hash is `content`, in time order.
  std::span<const uint32_t> RowsWithContent(uint32_t content) const;
  bool HasContent() const { return !c.events.content.empty(); }
  // The entity of an event's source / target endpoint.
  VertexId SourceEntity(uint32_t row) const { return tg.entities().entity_of_endpoint[c.events.source[row]]; }
  VertexId TargetEntity(uint32_t row) const {
    const EndpointId t = c.events.target[row];
    return t == kNoEndpoint ? kNoVertex : tg.entities().entity_of_endpoint[t];
  }

  EntityRef Ref(VertexId v) const;
  // What the case calls the entity (model/case_names.h: its persons, then its accounts), from the
  // same records as Ref; "" when it names none.
  std::string Label(VertexId v) const;
  EventRef Cite(uint32_t row) const;
  const std::string& Name(VertexId v) const { return tg.name(v); }
  // "message on telegram, P -> C, 2026-03-01T10:00:00Z (events.csv:123)"
  std::string Describe(uint32_t row) const;

 private:
  void IndexNames();
  void IndexRelations();
  void IndexContent();
  void IndexEndpointTimes();
  void IndexChannels();
  // An entity's records: person ids (its own, then its accounts' owners), accounts.csv rows (its
  // accounts and those listing one of its phone numbers, in id order) and the keys of its other
  // endpoints.
  struct EntityRecords {
    std::vector<std::string> persons;
    std::vector<uint32_t> accounts;
    std::vector<std::string> other_keys;
  };
  EntityRecords RecordsOf(VertexId v) const;

  std::vector<bool> channel_;  // by entity

  std::unordered_map<uint64_t, std::string> relations_;  // unordered entity pair -> kind
  std::vector<TimeMs> opened_;                           // by endpoint
  std::vector<uint64_t> content_offsets_;
  std::vector<uint32_t> content_rows_;
  std::unordered_map<std::string_view, VertexId> entity_by_name_;  // kAmbiguousName: two share it
  std::vector<std::pair<std::string_view, uint32_t>> accounts_by_phone_;  // (phone, account), sorted
};

// "12 minutes", "3.5 hours", "6 days"
std::string Span(TimeMs d);

// ---------------------------------------------------------------------------------------------
// Pair-level rules
// ---------------------------------------------------------------------------------------------

// One (candidate, perpetrator) tie seen at one reference time: an incident, or a random time
// for the baseline sample.
struct PairCase {
  VertexId candidate = kNoVertex, perpetrator = kNoVertex;
  TimeMs at = kNoTime;
  TimeMs lookback = 0;
  std::span<const Contact> contacts;  // all time, sorted
  size_t before = 0;                  // contacts[0, before) are strictly before `at`
  TimeMs window_start() const { return at - lookback; }
};

// What a rule saw: a level and, when asked to explain, the sentence and the events behind it.
struct Observation {
  int level = 0;
  std::string text;
  std::vector<uint32_t> rows;
};

struct Rule {
  std::string_view id;
  std::vector<std::string_view> levels;
  // P(level | the candidate is the perpetrator's handler): priors from public reporting on
  // directed plots, documented beside each rule. They sum to 1.
  std::vector<double> handler_prob;
  int strata = 1;  // the baseline is learned per stratum (by contact volume)
  // When set, ln LR by level, fixed rather than learned (the relation rule: see baseline.cc).
  std::vector<double> fixed_log_lr;
  // A level where the rule does not apply (weight 0); the other levels' probabilities, for
  // handlers and in the baseline, are conditional on not being in it.
  int neutral_level = -1;
  // A level that can only exculpate: its ln LR is capped at 0 (public contact alone is not
  // guidance, however rare it is among ordinary ties of the same volume).
  int exculpatory_level = -1;
  int (*stratum)(const PairCase&) = nullptr;
  Observation (*observe)(const Context&, const PairCase&, bool explain) = nullptr;
};

// Where the tie of `pc` starts, as an index into its contacts before the reference time: its
// first private (not public-platform) contact when everything before that was public — a
// follow, a mention, a reply — and 0 otherwise. Public contact is how strangers meet and how a
// planner spots a recruit long before he writes to him; a private channel opened after it is a
// new relationship, however old the follow (and the follow may predate collection).
size_t TieStart(const Context& cx, const PairCase& pc);
// Whether the tie of `pc` began inside the case: its start (TieStart) is >= 3 days after
// collection began and, at the tie's own session rate, a silence that long before it would be
// unlikely (< 5%) had the tie already existed — so a sparse old tie first caught late is not "new".
bool IsNewTie(const Context& cx, const PairCase& pc);
// The baseline stratum shared by the volume-sensitive rules: the tie's events in the 30 days
// before the reference time (1-3, 4-15, 16-60, > 60). Heavy ties are recently active, send
// files and look bursty by chance; the baseline must compare like with like.
inline constexpr int kVolumeStrata = 4;
int VolumeStratum(const PairCase& pc);

// The rule table, in a fixed order (runup, proximity, platform shift, media, relation).
const std::vector<Rule>& PairRules();
Rule RunupRule();          // runup.cc
Rule ProximityRule();      // proximity.cc
Rule PlatformShiftRule();  // platform_shift.cc
Rule MediaRule();          // media.cc
Rule RelationRule();       // baseline.cc
// The entity that rebroadcast a pledge file the media rule found, or kNoVertex (media.cc).
VertexId PledgeRebroadcaster(const Context& cx, const Observation& media);
inline constexpr size_t kMediaRule = 3;  // index of the media rule in PairRules()
inline constexpr size_t kPlatformRule = 2;    // index of the platform rule in PairRules()
inline constexpr int kPublicOnlyLevel = 5;    // its public_only level (platform_shift.cc)
inline constexpr int kLastNewRunupLevel = 3;  // runup levels 0..3 are the new-tie levels
inline constexpr int kNewEndedLevel = 3;      // runup's new_ended level
inline constexpr size_t kRunupRule = 0, kProximityRule = 1;  // indices in PairRules()

// P(level | ordinary tie), by rule, stratum and level, learned from the population.
struct Baseline {
  std::vector<std::vector<std::vector<double>>> prob;  // [rule][stratum][level]
  size_t egos = 0, ties = 0;
  // ln(P(level | handler) / P(level | ordinary)), bounded so no single rule decides alone.
  double LogLr(size_t rule, int stratum, int level) const;
};
inline constexpr double kMaxRuleLogLr = 3.4;  // ln 30

// Samples ordinary people (not perpetrators) and random reference times (baseline.cc).
Baseline LearnBaseline(const Context& cx, const AttributeOptions& options,
                       const std::vector<VertexId>& perpetrators);

// The candidates of a tie at a reference time: neighbours with contact in the window.
std::vector<VertexId> RunupNeighbours(const Context& cx, VertexId perpetrator, TimeMs at, TimeMs lookback);
// Builds the PairCase of (candidate, perpetrator) at `at` over `contacts` (kept by the caller).
PairCase MakePairCase(VertexId candidate, VertexId perpetrator, TimeMs at, TimeMs lookback,
                      std::span<const Contact> contacts);

// ---------------------------------------------------------------------------------------------
// Scoring (scoring.cc), introductions (introductions.cc), verdicts (verdict.cc)
// ---------------------------------------------------------------------------------------------

struct PairScore {
  VertexId perpetrator = kNoVertex;
  double log_lr = 0;
  std::vector<int> levels;  // by rule
  std::vector<Evidence> evidence;
  TimeMs last_before = kNoTime;  // last contact before the incident
  size_t events_in_window = 0;
};

struct Candidate {
  VertexId entity = kNoVertex;
  std::vector<PairScore> pairs;   // one per perpetrator in contact, best first
  double base_log_lr = 0;         // best pair + several-perpetrator bonus
  double log_lr = 0;              // + introductions, other incidents, commander ties
  double posterior = 0;
  std::vector<Evidence> extra;    // candidate-level evidence
  VertexId rebroadcaster = kNoVertex;  // who rebroadcast the pledge media, when known
  VertexId successor = kNoVertex;      // handover.cc: who took over from this candidate
};

struct IncidentWork {
  const Incident* incident = nullptr;
  std::vector<VertexId> perpetrators;  // entities; persons without communications are absent
  std::vector<std::string> missing;    // perpetrator ids with no entity
  std::vector<Candidate> candidates;   // best first after scoring
  std::vector<Introduction> introductions;
  double log_prior_odds = 0;
};

// Candidate-level evidence weights: fixed likelihood ratios, documented in scoring.cc.
struct LinkWeights {
  static constexpr double kSeveralPerpetrators = 1.39;  // ln 4
  static constexpr double kIntroduction = 3.0;          // ln 20
  static constexpr double kOtherIncident = 2.3;         // ln 10, per other incident, at most two
  static constexpr double kCommanderTie = 0.69;         // ln 2
  static constexpr double kHandover = 2.3;              // ln 10, handover.cc
  static constexpr double kSucceededByHandler = 2.3;    // ln 10, handover to a likely handler
};

void ScorePairs(const Context& cx, const Baseline& baseline, const AttributeOptions& options,
                IncidentWork& work);
void FindIntroductions(const Context& cx, IncidentWork& work);
// One handler's private tie cut off and a new one opened within days (handover.cc).
void FindHandovers(const Context& cx, IncidentWork& work);
// Adds the cross-incident and commander-tie evidence and computes the posteriors.
void LinkAcrossIncidents(const Context& cx, const AttributeOptions& options,
                         std::vector<IncidentWork>& works);
// Posterior from prior odds and evidence.
double Posterior(double log_prior_odds, double log_lr);

IncidentFinding DecideIncident(const Context& cx, const AttributeOptions& options,
                               const IncidentWork& work,
                               const std::vector<VertexId>& propaganda_sources);
// Entities that reached perpetrators of two or more incidents publicly before those incidents,
// and channels run by a returned handler: what an "inspired" attacker was exposed to.
std::vector<VertexId> PropagandaSources(const Context& cx, const std::vector<IncidentWork>& works,
                                        double handler_threshold);

// Across incidents (command.cc, disruption.cc).
std::vector<CommandLink> InferChainOfCommand(const Context& cx, const std::vector<IncidentWork>& works,
                                             const std::vector<IncidentFinding>& findings);
std::vector<DisruptionTarget> RankDisruption(const Context& cx, const std::vector<IncidentFinding>& findings,
                                             const std::vector<CommandLink>& chain);
std::vector<Campaign> GroupCampaigns(const std::vector<IncidentFinding>& findings,
                                     const std::vector<CommandLink>& chain);

}  // namespace linchpin::attribute::internal
