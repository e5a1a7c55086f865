// Evaluation of an AttributionReport against simulator ground truth (truth.json, schema
// "linchpin-simulation-truth/1", docs/simulator.md). Only this file reads truth; the analysis
// never does. Entities are matched to truth persons through their accounts: an entity stands
// for every person who ever held one of its accounts (ids or endpoint keys) or that it names.
//
// Metrics (`linchpin evaluate`):
//   handler_precision   returned handler entities (all incidents) that hold an account of one of
//                       the incident's true handlers / all returned (1 when none returned);
//   handler_recall      true handlers of guided incidents found among the incident's returned
//                       handlers / all true handlers;
//   verdict_accuracy    incidents whose verdict equals the true one (lone actors included);
//   decoys_accused      incidents whose top handler is a decoy (journalist, researcher, family,
//                       friend, preacher, hub, sympathizer) and nobody covert;
//   introduction_precision / _recall   (introducer, {a, b}) matched by persons;
//   chain_accuracy      |predicted links that are true| / |predicted links ∪ true links whose
//                       subordinate appears in the output| (a Jaccard index; -1 = nothing to judge);
//   verdict_brier       mean (confidence - [verdict right])^2.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "attribute/attribution.h"
#include "common/status.h"

namespace linchpin::attribute {

struct Truth {
  struct Incident {
    std::string id, verdict;
    std::vector<std::string> perpetrators, handlers;  // person ids
  };
  struct Introduction {
    std::string introducer, a, b;
  };
  std::map<std::string, std::string> role;                       // person -> role
  std::map<std::string, std::set<std::string>> owners;           // account id or key -> persons
  std::vector<Incident> incidents;
  std::vector<Introduction> introductions;
  std::vector<std::pair<std::string, std::string>> chain;       // superior, subordinate
};

Result<Truth> ReadTruth(const std::string& path);

struct IncidentEvaluation {
  std::string incident, truth_verdict, verdict;
  double confidence = 0;
  bool verdict_right = false;
  size_t truth_handlers = 0, handlers_found = 0, returned = 0, returned_right = 0;
  std::string top_handler, top_handler_role;  // role of the top handler's person(s) in truth
};

struct Evaluation {
  double handler_precision = 1, handler_recall = 1, verdict_accuracy = 0;
  int decoys_accused = 0;
  double introduction_precision = 1, introduction_recall = 1, chain_accuracy = -1, verdict_brier = 0;
  size_t incidents = 0, truth_introductions = 0, predicted_introductions = 0, chain_links = 0;
  std::vector<IncidentEvaluation> by_incident;
};

Evaluation Evaluate(const AttributionReport& report, const Truth& truth);

}  // namespace linchpin::attribute
