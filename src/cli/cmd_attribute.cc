// linchpin attribute CASE [--incident ID] [--json] — for each incident, was it remotely directed
// and by whom (attribute/attribute.h). Prints a table of incidents (verdict, confidence, top
// handler) with the chain of command and disruption priority; with --incident, every piece of
// evidence with its events' times, platforms and provenance (file:line); --json, the contract
// document of attribute/json.h.
#include <iostream>
#include <memory>

#include "attribute/attribute.h"
#include "attribute/json.h"
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

std::string Fixed(double x, int digits = 2) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

// What the case calls an entity; "" when it names none.
std::string Label(const attribute::AttributionReport& r, const std::string& entity) {
  auto it = r.labels.find(entity);
  return it == r.labels.end() ? "" : it->second;
}

// "A548588016 (Abu Mohammed)" when the case names the entity, else the id alone.
std::string Named(const attribute::AttributionReport& r, const std::string& entity) {
  const std::string label = Label(r, entity);
  return label.empty() ? entity : entity + " (" + label + ")";
}

std::string JoinComma(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

std::string JoinNamed(const attribute::AttributionReport& r, const std::vector<std::string>& entities) {
  std::vector<std::string> named;
  for (const std::string& e : entities) named.push_back(Named(r, e));
  return JoinComma(named);
}

void PrintEvidence(std::ostream& out, const attribute::Evidence& e, const char* indent) {
  out << indent << "[" << (e.weight >= 0 ? "+" : "") << Fixed(e.weight) << "] " << e.rule << ": " << e.text << "\n";
  for (const attribute::EventRef& r : e.events) {
    out << indent << "    " << FormatTime(r.time) << "  " << r.kind << " on " << r.platform << "  " << r.source << " -> "
        << (r.target.empty() ? "(none)" : r.target);
    if (!r.file.empty()) out << "  " << r.file << ":" << r.line;
    out << "\n";
  }
}

void PrintHandler(std::ostream& out, const attribute::AttributionReport& r, const attribute::HandlerFinding& h) {
  out << "  " << Named(r, h.who.entity) << "  score " << Fixed(h.score, 3) << "  (log LR " << Fixed(h.log_lr) << ")\n";
  out << "    accounts: " << JoinList(h.who.accounts) << (h.who.persons.empty() ? "" : "; persons: " + JoinList(h.who.persons)) << "\n";
  for (const attribute::Evidence& e : h.evidence) PrintEvidence(out, e, "    ");
}

void PrintDetail(std::ostream& out, const attribute::AttributionReport& r, const attribute::IncidentFinding& f) {
  out << "\nIncident " << f.incident << " at " << FormatTime(f.time) << ": " << ToString(f.verdict) << " (confidence "
      << Fixed(f.confidence) << ") — " << f.verdict_reason << "\n";
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
    out << "  " << Named(r, c.who.entity) << "  score " << Fixed(c.score, 3) << "  (log LR " << Fixed(c.log_lr) << ")\n";
  }
}

void PrintSummary(std::ostream& out, const attribute::AttributionReport& r) {
  std::vector<TableRow> rows;
  for (const auto& f : r.incidents) {
    const bool any = !f.handlers.empty();
    rows.push_back({f.incident, FormatTime(f.time), std::string(ToString(f.verdict)), Fixed(f.confidence),
                    any ? f.handlers.front().who.entity : "-", any ? Label(r, f.handlers.front().who.entity) : "",
                    any ? Fixed(f.handlers.front().score, 3) : "-",
                    std::to_string(f.handlers.size())});
  }
  PrintTable(out, {"incident", "time", "verdict", "confidence", "top handler", "name", "score", "handlers"}, rows);
  if (!r.campaigns.empty()) {
    out << "\nCampaigns:\n";
    for (const auto& c : r.campaigns) out << "  incidents " << JoinComma(c.incidents) << " <- " << JoinNamed(r, c.handlers) << "\n";
  }
  if (!r.chain_of_command.empty()) {
    out << "\nChain of command:\n";
    for (const auto& l : r.chain_of_command) out << "  " << Named(r, l.superior) << " -> " << Named(r, l.subordinate) << "  (" << Fixed(l.confidence) << ")\n";
  }
  if (!r.disruption.empty()) {
    out << "\nDisruption priority:\n";
    for (const auto& d : r.disruption) out << "  " << Named(r, d.who.entity) << "  effect " << Fixed(d.effect) << "  " << d.explanation << "\n";
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
  cmd->add_option("--lookback-days", args->lookback_days, "Run-up window before each incident")->capture_default_str();
  cmd->add_option("--threshold", args->threshold, "Posterior at which a candidate is returned as a handler")->capture_default_str();
  cmd->add_option("--baseline-egos", args->egos, "Ordinary people sampled to learn the baseline")->capture_default_str();
  cmd->add_option("--entities", args->entities,
                  "auto: a stored `linchpin resolve` result when there is one; resolved: require it; owner: account owners and their phones")
      ->capture_default_str();
  cmd->callback([args] { Run(*args); });
}

}  // namespace linchpin::cli
