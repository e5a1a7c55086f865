// linchpin evaluate-resolution — measures entity resolution against labelled data and prints
// precision, recall and F1 per data set. Each kind of resolution is a section with its own flag;
// with no section flag every section runs. Sections so far:
//   --names   the name matcher on ../shared/data/names (resolve/names/name_evaluation.h):
//             the OpenSanctions bench (development half / held-out half / all, per schema and
//             case group, next to logic-v2's frozen predictions), OFAC alias pairs, common-name
//             false matches, yente screening fixtures, and speed; --threshold sets the match
//             threshold, --pairs-out FILE writes every scored pair for error analysis.
//   --linking account linking and takeover detection of `resolve` on a simulated case (--case)
//             against its truth.json (--truth): pairwise precision/recall/F1, detections within
//             ±--tolerance-days (resolve/linking/linking_evaluation.h).
// To add a section (account linking, takeovers on simulator truth): write a Run<Section>
// function filling a SectionReport, and add one entry to Sections().
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "resolve/linking/linking_evaluation.h"
#include "resolve/names/name_evaluation.h"

namespace linchpin::cli {
namespace {

struct EvaluateArgs {
  std::string data_dir = "../shared/data";
  bool json = false;
  bool names = false;
  double names_threshold = resolve::NameMatchOptions{}.threshold;
  std::string names_pairs_out;  // CSV of every scored labelled pair, for error analysis
  // Account linking and takeovers on simulator truth (resolve/linking/linking_evaluation.h).
  bool linking = false;
  std::string truth_path, case_path;
  double tolerance_days = 3;
  bool stored = false;  // score the case's stored resolution instead of resolving it now
};

// What a section hands back: a table for people and the same content as JSON for programs.
struct SectionReport {
  TableRow header;
  std::vector<TableRow> rows;
  std::vector<std::string> notes;  // printed under the table
  nlohmann::ordered_json json;
};

struct Section {
  const char* name;
  bool EvaluateArgs::*selected;
  std::function<Result<SectionReport>(const EvaluateArgs&)> run;
};

// set,group,schema,half,a,b,label,score,match — one row per labelled pair the evaluation scores.
Status WriteScoredPairs(const EvaluateArgs& args, const resolve::NameMatchOptions& options) {
  LP_ASSIGN_OR_RETURN(const std::vector<resolve::ScoredNamePair> pairs,
                      resolve::ScoreLabelledPairs(args.data_dir + "/names", options));
  std::ofstream out(args.names_pairs_out, std::ios::binary);
  if (!out) return Status::IOError("cannot write " + args.names_pairs_out);
  PrintCsvRow(out, {"set", "group", "schema", "half", "a", "b", "label", "score", "match"});
  for (const resolve::ScoredNamePair& p : pairs) {
    PrintCsvRow(out, {p.set, p.pair.group, p.pair.schema, p.development ? "development" : "held-out", p.pair.a, p.pair.b,
                      p.pair.same ? "true" : "false", Fixed(p.score, 4), p.match ? "true" : "false"});
  }
  out.flush();
  if (!out) return Status::IOError("cannot write " + args.names_pairs_out);
  return Status::Ok();
}

Result<SectionReport> RunNames(const EvaluateArgs& args) {
  const resolve::NameMatchOptions options{args.names_threshold};
  LP_ASSIGN_OR_RETURN(const resolve::NameEvaluation e, resolve::EvaluateNames(args.data_dir + "/names", options));
  if (!args.names_pairs_out.empty()) LP_RETURN_IF_ERROR(WriteScoredPairs(args, options));
  SectionReport report;
  report.header = {"data", "rows", "matcher", "pairs", "precision", "recall", "F1", "threshold"};
  auto& rows_json = report.json["rows"] = nlohmann::ordered_json::array();
  for (const resolve::EvaluationRow& r : e.rows) {
    const resolve::Confusion& c = r.confusion;
    const uint64_t pairs = c.tp + c.fp + c.tn + c.fn;
    report.rows.push_back({r.section, r.name, r.matcher, WithThousands(static_cast<int64_t>(pairs)), Fixed(c.Precision(), 3),
                           Fixed(c.Recall(), 3), Fixed(c.F1(), 3), Fixed(r.threshold, 2)});
    rows_json.push_back({{"data", r.section}, {"rows", r.name}, {"matcher", r.matcher}, {"pairs", pairs},
                         {"tp", c.tp}, {"fp", c.fp}, {"tn", c.tn}, {"fn", c.fn}, {"precision", c.Precision()},
                         {"recall", c.Recall()}, {"f1", c.F1()}, {"threshold", r.threshold}});
  }
  const double rate = e.common_name_pairs ? static_cast<double>(e.common_name_false_matches) / e.common_name_pairs : 0.0;
  report.notes.push_back("common-name false matches (OFAC, different persons with the same surname): " +
                         WithThousands(static_cast<int64_t>(e.common_name_false_matches)) + " of " +
                         WithThousands(static_cast<int64_t>(e.common_name_pairs)) + " (" + Fixed(100 * rate, 2) + "%), " +
                         WithThousands(static_cast<int64_t>(e.common_name_identical)) +
                         " of them identical names (namesakes no name matcher can tell apart)");
  for (const std::string& ex : e.common_name_examples) report.notes.push_back("  " + ex);
  report.notes.push_back("speed: " + WithThousands(static_cast<int64_t>(e.pairs_per_second)) +
                         " pairs/s parse+compare, " + WithThousands(static_cast<int64_t>(e.parsed_pairs_per_second)) +
                         " pairs/s pre-parsed (one thread)");
  report.json["common_names"] = {{"pairs", e.common_name_pairs}, {"false_matches", e.common_name_false_matches},
                                 {"identical_names", e.common_name_identical},
                                 {"examples", e.common_name_examples}};
  report.json["pairs_per_second"] = e.pairs_per_second;
  report.json["parsed_pairs_per_second"] = e.parsed_pairs_per_second;
  return report;
}

// Account linking (pairwise over accounts with one first owner) and takeover detection
// (within ±tolerance of the truth change), one row each, on the case resolved now.
Result<SectionReport> RunLinking(const EvaluateArgs& args) {
  SectionReport report;
  report.header = {"task", "tp", "fp", "fn", "precision", "recall", "F1"};
  if (args.truth_path.empty() || args.case_path.empty()) {
    // Asked for by name (--linking or --truth), a missing input is an error; in the run of every
    // section it is a note.
    if (args.linking) return Status::InvalidArgument("--linking needs --truth truth.json and --case CASE");
    report.notes.push_back("skipped: needs --truth truth.json --case CASE");
    report.json["skipped"] = true;
    return report;
  }
  LP_ASSIGN_OR_RETURN(const resolve::CaseEvaluation e,
                      resolve::EvaluateCaseResolution(args.case_path, args.truth_path, {},
                                                      static_cast<TimeMs>(args.tolerance_days * kDayMs), args.stored));
  // The truth of another simulation shares no account with the case, and scores over nothing
  // read as perfect (precision and recall 1.000).
  if (e.linking.accounts == 0) {
    return Status::InvalidArgument(args.truth_path + " names none of the accounts of " + args.case_path +
                                   ": is it the truth.json simulated with this case?");
  }
  auto row = [&](const char* task, const resolve::PairCounts& k) {
    report.rows.push_back({task, WithThousands(static_cast<int64_t>(k.true_positive)), WithThousands(static_cast<int64_t>(k.false_positive)),
                           WithThousands(static_cast<int64_t>(k.false_negative)), Fixed(k.Precision(), 3), Fixed(k.Recall(), 3), Fixed(k.F1(), 3)});
    report.json[task] = {{"tp", k.true_positive}, {"fp", k.false_positive}, {"fn", k.false_negative},
                         {"precision", k.Precision()}, {"recall", k.Recall()}, {"f1", k.F1()}};
  };
  row("account linking", e.linking.pairs);
  row("takeover detection", e.takeovers.counts);
  report.notes.push_back("accounts evaluated " + WithThousands(static_cast<int64_t>(e.linking.accounts)) + ", true pairs " +
                         WithThousands(static_cast<int64_t>(e.linking.true_pairs)) + ", predicted pairs " +
                         WithThousands(static_cast<int64_t>(e.linking.predicted_pairs)) + "; truth takeovers " +
                         std::to_string(e.truth_takeovers) + ", tolerance ±" + Fixed(args.tolerance_days, 1) + " days; pins " +
                         std::to_string(e.pins));
  if (e.stored) {
    report.notes.push_back("scored the resolution stored in the case");
  } else {
    report.notes.push_back("resolve time " + Fixed(e.stats.seconds_profiles + e.stats.seconds_records + e.stats.seconds_link +
                                                   e.stats.seconds_takeovers, 2) + " s (resolved now with default options)");
  }
  return report;
}

const std::vector<Section>& Sections() {
  static const std::vector<Section> kSections = {
      {"names", &EvaluateArgs::names, RunNames},
      {"linking", &EvaluateArgs::linking, RunLinking},
  };
  return kSections;
}

void Run(const EvaluateArgs& args) {
  bool any_selected = false;
  for (const Section& s : Sections()) any_selected |= args.*(s.selected);
  nlohmann::ordered_json all;
  for (const Section& s : Sections()) {
    if (any_selected && !(args.*(s.selected))) continue;
    Result<SectionReport> report = s.run(args);
    if (!report.ok()) return Fail(report.status());
    if (args.json) {
      all[s.name] = std::move(report->json);
      continue;
    }
    std::cout << "== " << s.name << " (data: " << args.data_dir << ")\n";
    PrintTable(std::cout, report->header, report->rows);
    for (const std::string& note : report->notes) std::cout << note << "\n";
    std::cout << "\n";
  }
  if (args.json) std::cout << all.dump(2) << "\n";
}

}  // namespace

void RegisterEvaluateResolution(CLI::App& app) {
  auto args = std::make_shared<EvaluateArgs>();
  auto* cmd = app.add_subcommand("evaluate-resolution", "Precision, recall and F1 of entity resolution on labelled data.");
  cmd->add_flag("--names", args->names, "Name matching on <data>/names (OpenSanctions bench, OFAC aliases, yente)");
  cmd->add_flag("--linking", args->linking, "Account linking and takeover detection on --case against --truth");
  cmd->add_option("--threshold", args->names_threshold, "With --names: the name matcher's match threshold")
      ->capture_default_str()
      ->check(Between(0, 1));
  cmd->add_option("--pairs-out", args->names_pairs_out,
                  "With --names: write every scored labelled pair (set,group,schema,half,a,b,label,score,match) to this CSV");
  cmd->add_option("--truth", args->truth_path, "Simulator truth.json (linchpin simulate) for --linking");
  cmd->add_option("--case", args->case_path, "The simulated case, ingested, for --linking");
  cmd->add_flag("--stored", args->stored,
                "With --linking: score the resolution stored in the case (`linchpin resolve`, with its options) "
                "instead of resolving it again with the defaults");
  cmd->add_option("--tolerance-days", args->tolerance_days, "A takeover counts within this many days of the truth")->capture_default_str();
  cmd->add_option("--data", args->data_dir, "Folder holding the shared data sets (names/ ...)")->capture_default_str();
  cmd->add_flag("--json", args->json, "Print JSON: {section: {rows: [{data, rows, matcher, pairs, tp, fp, tn, fn, precision, recall, f1, threshold}], ...}}");
  cmd->callback([args] {
    args->linking |= !args->truth_path.empty();  // --truth names the section
    Run(*args);
  });
}

}  // namespace linchpin::cli
