// Entity resolution of a case: which accounts and person records are one user, and which
// accounts changed hands. The entry point of the linking layer.
//
// Pipeline (each step in its own file):
//   records.h     accounts and persons with normalised identifiers, parsed names, term frequencies
//   features.h    behaviour profiles: contacts, hourly rhythm, active interval
//   blocking.h    candidate pairs (identifiers, names, MinHash LSH on contacts, succession)
//   pair_score.h  Fellegi–Sunter match probabilities with their evidence
//   cluster.h     conflict-checked greedy clustering, honouring analysts' pins
//   takeover.h    change points of accounts whose user changed
// The blocking–scoring–clustering loop runs `rounds` times: from the second round on, contacts
// are compared in entity space (the previous round's clusters), so that two accounts of one user
// that reach the same friend on different platforms are seen to share that friend. Two rounds
// are the default: the second round is what collective resolution adds (measured when it was
// introduced, before the simulator's identity layer); a third changes nothing on seeds 1-10
// (docs/resolution.md, "ceiling of collective resolution"), at another round's linking time.
//
// Thread-safety: Resolve is a pure function of its arguments (it parallelises internally).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "model/case.h"
#include "resolve/linking/blocking.h"
#include "resolve/linking/cluster.h"
#include "resolve/linking/pair_score.h"
#include "resolve/linking/takeover.h"

namespace linchpin::resolve {

// An analyst's decision, by ingested ids (account or person ids).
struct PinSpec {
  Pin::Kind kind = Pin::Kind::kMerge;
  std::string a, b;
};

struct ResolveOptions {
  double threshold = 0.5;  // match probability at which a pair merges
  int rounds = 2;
  std::vector<PinSpec> pins;
  BlockingOptions blocking;
  PairModel model;
  TakeoverOptions takeover;
};

struct ResolvedMerge {
  std::string a, b;  // ingested ids
  MergeKind kind;
  double probability;
  std::vector<Evidence> evidence;
};

struct ResolvedEntity {
  std::string name;                 // the smallest person id in it, else the smallest account id
  std::vector<uint32_t> accounts;   // indexes into CaseData::accounts, ascending
  std::vector<uint32_t> persons;    // indexes into CaseData::persons, ascending
  double confidence = 1.0;          // the weakest merge that holds it together
  std::vector<ResolvedMerge> merges;
};

struct ResolvedConflict {
  std::string a, b;
  double probability;
  std::string reason;
  std::vector<Evidence> evidence;
};

struct ResolveStats {
  uint64_t records = 0, candidates = 0, merges = 0, conflicts = 0;
  double seconds_profiles = 0, seconds_records = 0, seconds_link = 0, seconds_takeovers = 0;
  BehaviourRates rates;
};

struct Resolution {
  std::vector<ResolvedEntity> entities;    // every record is in exactly one
  std::vector<uint32_t> entity_of_account; // by account index
  std::vector<uint32_t> entity_of_person;  // by person index
  std::vector<Takeover> takeovers;
  std::vector<ResolvedConflict> conflicts;
  ResolveStats stats;
};

// InvalidArgument when a pin names an unknown id.
Result<Resolution> Resolve(const CaseData& c, const ResolveOptions& options = {});

// The score of one pair of records (account or person ids) as the last round sees it, whether
// or not blocking proposed it: what an analyst asks before pinning. NotFound for unknown ids.
Result<PairScore> ExplainPair(const CaseData& c, const ResolveOptions& options, const std::string& a,
                              const std::string& b);

}  // namespace linchpin::resolve
