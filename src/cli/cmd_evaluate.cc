// linchpin evaluate CASE --truth truth.json [--json] — attributes the case and scores the result
// against simulator ground truth (attribute/evaluate.h defines every metric).
#include <cstdio>
#include <iostream>
#include <memory>
#include <set>

#include "attribute/attribute.h"
#include "attribute/evaluate.h"
#include "attribute/json.h"
#include "cli/commands.h"
#include "cli/entities.h"
#include "cli/output.h"
#include "store/case_store.h"

namespace linchpin::cli {

namespace {

struct EvaluateArgs {
  std::string case_path, truth_path;
  bool json = false, per_incident = false;
  std::string entities = "auto";
};

// A truth.json from another simulation shares no incident with the case, and every metric
// over no incidents is vacuous (precision and recall 1.000): refused instead of printed.
Status CheckTruthMatchesCase(const attribute::Truth& truth, const CaseData& c, const EvaluateArgs& args) {
  std::set<std::string> in_case;
  for (const Incident& i : c.incidents) in_case.insert(i.id);
  for (const auto& i : truth.incidents) {
    if (in_case.count(i.id)) return Status::Ok();
  }
  return Status::InvalidArgument(args.truth_path + " names none of the incidents of " + args.case_path + " (truth: " +
                                 (truth.incidents.empty() ? "none" : truth.incidents.front().id + ", ...") + "; case: " +
                                 (in_case.empty() ? "none" : *in_case.begin() + ", ...") +
                                 "): is it the truth.json simulated with this case?");
}

void Run(const EvaluateArgs& args) {
  auto truth = attribute::ReadTruth(args.truth_path);
  if (!truth.ok()) return Fail(truth.status());
  auto c = LoadCase(args.case_path, LoadOptions{.event_provenance = true, .content_hashes = true});
  if (!c.ok()) return Fail(c.status());
  if (Status st = CheckTruthMatchesCase(*truth, *c, args); !st.ok()) return Fail(st);
  auto entities = AttributionEntities(args.case_path, *c, args.entities);
  if (!entities.ok()) return Fail(entities.status());
  attribute::AttributeOptions options;
  options.takeovers = entities->takeovers;
  auto result = attribute::AttributeCase(*c, options, &entities->entities);
  if (!result.ok()) return Fail(result.status());
  const attribute::Evaluation e = attribute::Evaluate(result->report, *truth);
  if (args.json) {
    std::cout << attribute::ToJson(e).dump(2) << "\n";
    return;
  }
  PrintTable(std::cout, {"metric", "value"},
             {{"handler_precision", Fixed(e.handler_precision, 3)},
              {"handler_recall", Fixed(e.handler_recall, 3)},
              {"verdict_accuracy", Fixed(e.verdict_accuracy, 3)},
              {"decoys_accused", std::to_string(e.decoys_accused)},
              {"introduction_precision", Fixed(e.introduction_precision, 3)},
              {"introduction_recall", Fixed(e.introduction_recall, 3)},
              {"chain_accuracy", e.chain_accuracy < 0 ? "n/a" : Fixed(e.chain_accuracy, 3)},
              {"verdict_brier", Fixed(e.verdict_brier, 3)}});
  if (!args.per_incident) return;
  std::vector<TableRow> rows;
  for (const auto& i : e.by_incident) {
    rows.push_back({i.incident, i.truth_verdict, i.verdict, Fixed(i.confidence, 3),
                    std::to_string(i.handlers_found) + "/" + std::to_string(i.truth_handlers),
                    std::to_string(i.returned_right) + "/" + std::to_string(i.returned), i.top_handler, i.top_handler_role});
  }
  std::cout << "\n";
  PrintTable(std::cout, {"incident", "truth", "verdict", "confidence", "found", "right", "top handler", "role"}, rows);
}

}  // namespace

void RegisterEvaluate(CLI::App& app) {
  auto args = std::make_shared<EvaluateArgs>();
  auto* cmd = app.add_subcommand("evaluate", "Attribute a simulated case and score it against its truth.json.");
  cmd->add_option("case", args->case_path, "Case file")->required();
  cmd->add_option("--truth", args->truth_path, "truth.json written by `linchpin simulate`")->required();
  cmd->add_flag("--json", args->json, "Print the metrics and per-incident results as JSON");
  cmd->add_flag("--per-incident", args->per_incident, "Also print a row per incident");
  cmd->add_option("--entities", args->entities, "auto|resolved|owner, as for attribute")->capture_default_str();
  cmd->callback([args] { Run(*args); });
}

}  // namespace linchpin::cli
