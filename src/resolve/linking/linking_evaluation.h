// Evaluation of account linking and takeover detection against simulator truth (truth.json of
// `linchpin simulate`, schema linchpin-simulation-truth/1; docs/simulator.md).
//
// Account linking is scored pairwise (the usual measure for entity resolution, e.g. Christen,
// Data Matching, 2012, §7.3): a true pair is two accounts whose first owner in truth is the same
// person; a predicted pair is two accounts in one resolved entity; precision, recall and F1 over
// those pair sets, counted from the cluster/owner contingency table so no pair is enumerated.
// Only accounts both in the case and in truth count. Takeovers: a truth takeover is an account
// with a second owner, at the time that owner starts; a detection counts when it names that
// account within ±tolerance of that time. Anything else detected is a false positive.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "model/case.h"
#include "resolve/linking/resolve.h"

namespace linchpin::resolve {

struct SimulationTruth {
  std::unordered_map<std::string, std::string> first_owner;  // account id -> person id
  struct Change { std::string account; TimeMs time; };
  std::vector<Change> takeovers;
};

Result<SimulationTruth> LoadSimulationTruth(const std::string& path);

struct PairCounts {
  uint64_t true_positive = 0, false_positive = 0, false_negative = 0;
  double Precision() const;
  double Recall() const;
  double F1() const;
};

struct LinkingEvaluation {
  PairCounts pairs;
  uint64_t accounts = 0;          // accounts evaluated (in case and truth)
  uint64_t predicted_pairs = 0, true_pairs = 0;
};

LinkingEvaluation EvaluateLinking(const CaseData& c, const Resolution& r, const SimulationTruth& truth);

struct TakeoverEvaluation {
  PairCounts counts;              // tp/fp/fn of detections
  TimeMs tolerance = 0;
};

TakeoverEvaluation EvaluateTakeovers(const CaseData& c, const Resolution& r, const SimulationTruth& truth,
                                     TimeMs tolerance = 3 * kDayMs);

// Both, for a case file and its truth: loads the case and its stored pins (read-only), resolves
// it now with `options` (pins added), and scores the result. `stored`: score the resolution the
// case holds instead (`linchpin resolve`, with whatever options it ran with; NotFound if none).
struct CaseEvaluation {
  LinkingEvaluation linking;
  TakeoverEvaluation takeovers;
  uint64_t truth_takeovers = 0, pins = 0;
  ResolveStats stats;  // zero for a stored resolution
  bool stored = false;
};
Result<CaseEvaluation> EvaluateCaseResolution(const std::string& case_path, const std::string& truth_path,
                                              ResolveOptions options, TimeMs tolerance = 3 * kDayMs,
                                              bool stored = false);

}  // namespace linchpin::resolve
