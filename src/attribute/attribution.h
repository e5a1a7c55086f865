// Attribution results: for each incident, was it directed and by whom, with the evidence an
// analyst can check and cite; across incidents, the campaigns, the chain of command and what to
// disrupt. These structs mirror the `linchpin attribute --json` contract (docs/attribution.md):
//   {"incidents": [{"incident", "verdict", "confidence",
//                   "handlers": [{"entity", "accounts", "persons", "score", "evidence"}],
//                   "introductions": [{"introducer", "a", "b", "time"}]}],
//    "chain_of_command": [{"superior", "subordinate", "confidence"}],
//    "disruption": [{"entity", "accounts", "persons", "effect"}]}
// The analysis (attribute/attribute.h) fills them; the CLI prints them and report/ renders them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"
#include "model/case.h"

namespace linchpin::attribute {

enum class Verdict { kDirected, kAssisted, kInspired, kNone };
// Inline so that readers of the results (report/) need not link the engine.
inline std::string_view ToString(Verdict v) {
  switch (v) {
    case Verdict::kDirected: return "directed";
    case Verdict::kAssisted: return "assisted";
    case Verdict::kInspired: return "inspired";
    case Verdict::kNone: return "none";
  }
  return "none";
}

// One event cited as evidence, with where it came from.
struct EventRef {
  uint32_t row = 0;          // EventTable row
  TimeMs time = kNoTime;
  std::string platform;
  std::string kind;          // event kind
  std::string source, target;  // endpoint keys as ingested
  std::string file;          // provenance
  uint32_t line = 0;
};

// A fact derived from events: "last contact 12 minutes before the incident".
struct Evidence {
  std::string rule;          // stable id of the evidence rule, e.g. "last_contact_minutes_before"
  std::string text;          // the sentence an analyst reads
  double weight = 0;         // its contribution to the score (log-likelihood ratio or similar)
  std::vector<EventRef> events;
};

// An entity as the graph engine names it, with the ingested ids behind it.
struct EntityRef {
  std::string entity;
  std::vector<std::string> accounts;  // account ids (or endpoint keys) as ingested
  std::vector<std::string> persons;   // person ids as ingested
};

struct HandlerFinding {
  EntityRef who;
  double score = 0;          // in [0, 1]: the posterior probability of being a handler
  double log_lr = 0;         // the summed evidence (natural log of the likelihood ratio)
  std::vector<Evidence> evidence;
};

struct Introduction {
  std::string introducer, a, b;  // entity names
  TimeMs time = kNoTime;         // when a and b first contacted each other
  std::vector<Evidence> evidence;
};

struct IncidentFinding {
  std::string incident;          // incident_id as ingested
  TimeMs time = kNoTime;
  std::vector<EntityRef> perpetrators;
  Verdict verdict = Verdict::kNone;
  double confidence = 0;         // calibrated probability that the verdict is right
  std::vector<HandlerFinding> handlers;  // best first
  std::vector<Introduction> introductions;
  // Beyond the contract: why the verdict, the runners-up below the handler threshold, and
  // incident-level facts (an account active after its owner's death, exposure to propaganda).
  std::string verdict_reason;
  std::vector<HandlerFinding> candidates;
  std::vector<Evidence> notes;
};

struct CommandLink {
  std::string superior, subordinate;  // entity names
  double confidence = 0;
  std::vector<Evidence> evidence;
};

struct Campaign {
  std::vector<std::string> handlers;   // entity names
  std::vector<std::string> incidents;  // incident ids
};

struct DisruptionTarget {
  EntityRef who;
  double effect = 0;             // fraction of handler-to-recruit reach removed
  std::string explanation;
};

struct AttributionReport {
  std::vector<IncidentFinding> incidents;
  std::vector<Campaign> campaigns;
  std::vector<CommandLink> chain_of_command;
  std::vector<DisruptionTarget> disruption;
  // What the case calls each entity named above (model/case_names.h), by entity; entities the
  // case gives no name are absent. For display beside the id, never instead of it.
  std::map<std::string, std::string> labels;
};

}  // namespace linchpin::attribute
