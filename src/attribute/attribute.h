// Attribution: for each incident of a case, was it remotely directed and by whom, with the
// evidence an analyst can check and cite; across incidents, the campaigns, the chain of command
// and what to disrupt. Results are the AttributionReport of attribute/attribution.h.
//
// How (docs in each file):
//   candidates   every entity in contact with a perpetrator in the run-up (lookback window);
//   rules        pair-level evidence rules (runup.cc, proximity.cc, platform_shift.cc, media.cc,
//                baseline.cc), each mapping the candidate-perpetrator contact to one of a few
//                levels; candidate-level rules (introductions.cc, scoring.cc): several
//                perpetrators, introductions, links to other incidents, ties to a commander;
//   baseline     how ordinary each level is, learned from the case's own population: the same
//                rules evaluated on a sample of ordinary people's ties at random reference times
//                (baseline.cc) — so a heavy, steady family tie explains itself;
//   scoring      naive-Bayes log-likelihood ratios: P(level | handler) from documented priors,
//                P(level | ordinary tie) from the baseline; a posterior per candidate;
//   verdict      directed / assisted / inspired / none with a calibrated confidence (verdict.cc);
//   across       campaigns, chain of command (command.cc), disruption priority (disruption.cc).
//
// The analysis reads the case and its temporal graph only; it never sees simulator truth.
// Thread safety: Attribute() reads its inputs and may run concurrently on one graph.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "attribute/attribution.h"
#include "common/status.h"
#include "graph/temporal_graph.h"
#include "model/case.h"

namespace linchpin::attribute {

// An account whose user changed, as entity resolution found it (`linchpin resolve`'s takeovers).
struct KnownTakeover {
  std::string account;  // account id as ingested
  TimeMs time = kNoTime;  // the first event the new user sent
  double confidence = 0;
};

struct AttributeOptions {
  std::vector<std::string> incidents;   // incident ids to attribute; empty = all
  TimeMs lookback = 100 * kDayMs;       // the run-up window before an incident
  double handler_threshold = 0.5;       // posterior at which a candidate is returned as handler
  size_t max_handlers = 5;
  size_t max_candidates_shown = 5;      // runners-up kept in IncidentFinding::candidates
  size_t background_egos = 1500;        // ordinary people sampled to learn the baseline
  uint64_t seed = 1;                    // the baseline sample; same seed, same answer
  bool across_incidents = true;         // campaigns, chain of command, disruption
  std::vector<KnownTakeover> takeovers;  // from a stored resolution: noted where they touch a perpetrator
};

// The entity map attribution uses by default: EntitiesByOwner (graph/temporal_graph.h) with two
// additions — a phone number that an owned account lists in accounts.csv belongs to that owner,
// and LinkSubjectAccountsByName below.
// Events on phone platforms name numbers, not account ids, so without this a perpetrator's calls
// would sit on a separate entity from the person. A resolution map (src/resolve/) can replace it.
graph::EntityMap EntitiesForAttribution(const CaseData& c);
// The subjects' display-name rule of EntitiesForAttribution (entities.cc) on any map: an
// unowned account alone in its entity, whose display name is unique in the case and equals the
// name on an account a perpetrator owns, joins the perpetrator's entity. Run over a resolution,
// which does not link on a display name alone.
void LinkSubjectAccountsByName(const CaseData& c, graph::EntityMap& m);

// Attributes the incidents of `c` over `graph` (built from `c`, with any entity map).
Result<AttributionReport> Attribute(const CaseData& c, const graph::TemporalGraph& graph,
                                    const AttributeOptions& options = {});

// Convenience for the CLI, benchmarks and tests: builds the graph over
// EntitiesForAttribution (or `entities` when given) and attributes.
struct AttributedCase {
  std::unique_ptr<graph::TemporalGraph> graph;
  AttributionReport report;
};
Result<AttributedCase> AttributeCase(const CaseData& c, const AttributeOptions& options = {},
                                     const graph::EntityMap* entities = nullptr);

}  // namespace linchpin::attribute
