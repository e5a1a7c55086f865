// linchpin attribute CASE [--incident ID] [--json] — for each incident, was it remotely directed
// and by whom (attribute/attribute.h). Prints a table of incidents (verdict, confidence, top
// handler) with the chain of command and disruption priority; with --incident, every piece of
// evidence with its events' times, platforms and provenance (file:line); --json, the contract
// document of attribute/json.h.
#include <iostream>
#include <memory>

#include "attribute/attribute.h"
#include "attribute/json.h"
#include "cli/attribution_output.h"
#include "cli/commands.h"
#include "cli/entities.h"
#include "cli/output.h"
#include "common/strings.h"
#include "store/case_store.h"

namespace linchpin::cli {
namespace {

struct AttributeArgs {
  std::string case_path;
  std::vector<std::string> incidents;
  bool json = false;
  double lookback_days = 100, threshold = 0.5;
  size_t egos = 1500;
  std::string entities = "auto";
};

std::string JoinComma(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

void PrintEvidence(std::ostream& out, const attribute::Evidence& e, const char* indent) {
  out << indent << "[" << (e.weight >= 0 ? "+" : "") << Fixed(e.weight, 2) << "] " << e.rule << ": " << e.text << "\n";
  for (const attribute::EventRef& r : e.events) {
    out << indent << "    " << FormatTime(r.time) << "  " << r.kind << " on " << r.platform << "  " << r.source << " -> "
        << (r.target.empty() ? "(none)" : r.target);
    if (!r.file.empty()) out << "  " << r.file << ":" << r.line;
    out << "\n";
  }
}

void PrintHandler(std::ostream& out, const attribute::AttributionReport& r, const attribute::HandlerFinding& h) {
  out << "  " << Named(r, h.who.entity) << "  score " << Fixed(h.score, 3) << "  (log LR " << Fixed(h.log_lr, 2) << ")\n";
  out << "    accounts: " << JoinList(h.who.accounts) << (h.who.persons.empty() ? "" : "; persons: " + JoinList(h.who.persons)) << "\n";
  for (const attribute::Evidence& e : h.evidence) PrintEvidence(out, e, "    ");
}

void PrintDetail(std::ostream& out, const attribute::AttributionReport& r, const attribute::IncidentFinding& f) {
  out << "\nIncident " << f.incident << " at " << FormatTime(f.time) << ": " << ToString(f.verdict) << " (confidence "
      << Fixed(f.confidence, 2) << ") — " << f.verdict_reason << "\n";
  std::vector<std::string> perpetrators;
  for (const auto& p : f.perpetrators) perpetrators.push_back(p.entity);
  out << "Perpetrators: " << JoinNamed(r, perpetrators) << "\n";
  out << (f.handlers.empty() ? "No likely handler.\n" : "Handlers:\n");
  for (const auto& h : f.handlers) PrintHandler(out, r, h);
  for (const auto& i : f.introductions) {
    out << "Introduction: " << Named(r, i.introducer) << " introduced " << Named(r, i.a) << " and " << Named(r, i.b) << " on " << FormatTime(i.time) << "\n";
  }
  if (!f.notes.empty()) out << "Notes:\n";
  for (const auto& e : f.notes) PrintEvidence(out, e, "  ");
  if (!f.candidates.empty()) out << "Other candidates (below the handler threshold):\n";
  for (const auto& c : f.candidates) {
    out << "  " << Named(r, c.who.entity) << "  score " << Fixed(c.score, 3) << "  (log LR " << Fixed(c.log_lr, 2) << ")\n";
  }
}

void PrintSummary(std::ostream& out, const attribute::AttributionReport& r) {
  PrintIncidentTable(out, r);
  if (!r.campaigns.empty()) {
    out << "\nCampaigns:\n";
    for (const auto& c : r.campaigns) out << "  incidents " << JoinComma(c.incidents) << " <- " << JoinNamed(r, c.handlers) << "\n";
  }
  if (!r.chain_of_command.empty()) {
    out << "\nChain of command:\n";
    for (const auto& l : r.chain_of_command) out << "  " << Named(r, l.superior) << " -> " << Named(r, l.subordinate) << "  (" << Fixed(l.confidence, 2) << ")\n";
  }
  if (!r.disruption.empty()) {
    out << "\nDisruption priority:\n";
    for (const auto& d : r.disruption) out << "  " << Named(r, d.who.entity) << "  effect " << Fixed(d.effect, 2) << "  " << d.explanation << "\n";
  }
}

void Run(const AttributeArgs& args) {
  auto c = LoadCase(args.case_path, LoadOptions{.event_provenance = true, .content_hashes = true});
  if (!c.ok()) return Fail(c.status());
  auto entities = AttributionEntities(args.case_path, *c, args.entities);
  if (!entities.ok()) return Fail(entities.status());
  attribute::AttributeOptions options;
  options.incidents = args.incidents;
  options.lookback = static_cast<TimeMs>(args.lookback_days * kDayMs);
  options.handler_threshold = args.threshold;
  options.background_egos = args.egos;
  options.takeovers = entities->takeovers;
  auto result = attribute::AttributeCase(*c, options, &entities->entities);
  if (!result.ok()) return Fail(result.status());
  const attribute::AttributionReport& report = result->report;
  if (args.json) {
    std::cout << attribute::ToJson(report).dump(2) << "\n";
    return;
  }
  PrintSummary(std::cout, report);
  if (!args.incidents.empty()) {
    for (const auto& f : report.incidents) PrintDetail(std::cout, report, f);
  }
}

}  // namespace

void RegisterAttribute(CLI::App& app) {
  auto args = std::make_shared<AttributeArgs>();
  auto* cmd = app.add_subcommand("attribute", "For each incident: was it remotely directed, by whom, and the evidence.");
  cmd->add_option("case", args->case_path, "Case file")->required();
  cmd->add_option("--incident", args->incidents, "Incident id to explain in full (repeatable); default: all, summarised");
  cmd->add_flag("--json", args->json, "Print the JSON document (attribute/json.h)");
  cmd->add_option("--lookback-days", args->lookback_days, "Run-up window before each incident")->check(Between(1, 3650))->capture_default_str();
  cmd->add_option("--threshold", args->threshold, "Posterior at which a candidate is returned as a handler")->check(Between(0, 1))->capture_default_str();
  cmd->add_option("--baseline-egos", args->egos, "Ordinary people sampled to learn the baseline")->transform(WholeNumber())->capture_default_str();
  cmd->add_option("--entities", args->entities,
                  "auto: a stored `linchpin resolve` result when there is one; resolved: require it; owner: account owners and their phones")
      ->capture_default_str();
  cmd->callback([args] { Run(*args); });
}

}  // namespace linchpin::cli
