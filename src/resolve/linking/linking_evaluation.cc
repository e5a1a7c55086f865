// Pairwise linking scores and takeover matching against simulator truth. See linking_evaluation.h.
#include "resolve/linking/linking_evaluation.h"

#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "resolve/linking/resolution_store.h"
#include "store/case_store.h"

namespace linchpin::resolve {
namespace {

uint64_t PairsOf(uint64_t n) { return n * (n - 1) / 2; }

}  // namespace

double PairCounts::Precision() const {
  const uint64_t d = true_positive + false_positive;
  return d ? static_cast<double>(true_positive) / d : 1.0;
}
double PairCounts::Recall() const {
  const uint64_t d = true_positive + false_negative;
  return d ? static_cast<double>(true_positive) / d : 1.0;
}
double PairCounts::F1() const {
  const double p = Precision(), r = Recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

Result<SimulationTruth> LoadSimulationTruth(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::ParseError(path + ": not a JSON object");
  if (!j.contains("accounts") || !j["accounts"].is_array()) return Status::ParseError(path + ": no \"accounts\" array (not a simulator truth file?)");
  SimulationTruth truth;
  for (const auto& a : j["accounts"]) {
    if (!a.contains("id") || !a.contains("owners") || !a["owners"].is_array() || a["owners"].empty()) {
      return Status::ParseError(path + ": an account without id or owners");
    }
    const std::string id = a["id"].get<std::string>();
    const auto& owners = a["owners"];
    truth.first_owner[id] = owners[0].value("person", "");
    if (owners.size() >= 2) {
      const auto from = ParseTime(owners[1].value("from", ""));
      if (!from) return Status::ParseError(path + ": account " + id + ": second owner without a valid \"from\"");
      truth.takeovers.push_back({id, *from});
    }
  }
  return truth;
}

LinkingEvaluation EvaluateLinking(const CaseData& c, const Resolution& r, const SimulationTruth& truth) {
  LinkingEvaluation out;
  std::map<std::pair<uint32_t, std::string>, uint64_t> cell;  // (entity, owner) -> accounts
  std::map<uint32_t, uint64_t> by_entity;
  std::map<std::string, uint64_t> by_owner;
  for (uint32_t a = 0; a < c.accounts.size(); ++a) {
    auto it = truth.first_owner.find(c.accounts[a].id);
    if (it == truth.first_owner.end()) continue;
    ++out.accounts;
    ++cell[{r.entity_of_account[a], it->second}];
    ++by_entity[r.entity_of_account[a]];
    ++by_owner[it->second];
  }
  uint64_t tp = 0;
  for (const auto& [key, n] : cell) tp += PairsOf(n);
  for (const auto& [e, n] : by_entity) out.predicted_pairs += PairsOf(n);
  for (const auto& [o, n] : by_owner) out.true_pairs += PairsOf(n);
  out.pairs = {tp, out.predicted_pairs - tp, out.true_pairs - tp};
  return out;
}

TakeoverEvaluation EvaluateTakeovers(const CaseData& c, const Resolution& r, const SimulationTruth& truth, TimeMs tolerance) {
  TakeoverEvaluation out;
  out.tolerance = tolerance;
  std::vector<bool> found(truth.takeovers.size(), false);
  for (const Takeover& t : r.takeovers) {
    bool matched = false;
    for (size_t i = 0; i < truth.takeovers.size() && !matched; ++i) {
      const auto& change = truth.takeovers[i];
      if (found[i] || change.account != c.accounts[t.account].id) continue;
      if (t.time >= change.time - tolerance && t.time <= change.time + tolerance) found[i] = matched = true;
    }
    ++(matched ? out.counts.true_positive : out.counts.false_positive);
  }
  for (size_t i = 0; i < found.size(); ++i) {
    // A takeover of an account the case does not hold cannot be detected from it.
    if (!found[i] && c.FindAccount(truth.takeovers[i].account) != kNoIndex) ++out.counts.false_negative;
  }
  return out;
}

Result<CaseEvaluation> EvaluateCaseResolution(const std::string& case_path, const std::string& truth_path,
                                              ResolveOptions options, TimeMs tolerance, bool stored) {
  LP_ASSIGN_OR_RETURN(const SimulationTruth truth, LoadSimulationTruth(truth_path));
  LP_ASSIGN_OR_RETURN(auto store, CaseStore::Open(case_path, CaseStore::Mode::kReadOnly));
  LP_ASSIGN_OR_RETURN(const std::vector<PinSpec> pins, LoadPins(*store));
  LP_ASSIGN_OR_RETURN(const CaseData c, store->Load());
  options.pins.insert(options.pins.end(), pins.begin(), pins.end());
  Resolution r;
  if (stored) {
    LP_ASSIGN_OR_RETURN(r, LoadResolution(*store, c));
  } else {
    LP_ASSIGN_OR_RETURN(r, Resolve(c, options));
  }
  CaseEvaluation out;
  out.linking = EvaluateLinking(c, r, truth);
  out.takeovers = EvaluateTakeovers(c, r, truth, tolerance);
  out.truth_takeovers = truth.takeovers.size();
  out.pins = options.pins.size();
  out.stats = r.stats;
  out.stored = stored;
  return out;
}

}  // namespace linchpin::resolve
