// linchpin report CASE --out report.html — the attribution of a case as one self-contained HTML
// file (report/html_report.h; sections explained in docs/report.md): loads the case with event
// provenance, runs the attribution (attribute/attribute.h), renders, writes the file atomically
// (a temporary file in the same directory, fsynced, then renamed over the target, so a reader or
// a crash never sees half a report), and prints the incident table and the path written.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "attribute/attribute.h"
#include "cli/attribution_output.h"
#include "cli/commands.h"
#include "cli/entities.h"
#include "cli/output.h"
#include "linchpin/version.h"
#include "report/html_report.h"
#include "store/case_store.h"

namespace linchpin::cli {
namespace {

struct ReportArgs {
  std::string case_path, out, title;
  std::vector<std::string> incidents;
  int run_up_days = 30;
  double lookback_days = 100, threshold = 0.5;
  size_t egos = 1500;
  std::string entities = "auto";
};

// The time printed in the header: now, or SOURCE_DATE_EPOCH (seconds) for reproducible reports.
TimeMs GeneratedAt() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (end != nullptr && *end == '\0') return seconds * kSecondMs;
  }
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(now).count() * kSecondMs;  // whole seconds read better
}

// Checked before attributing, which takes minutes on a large case: failing after them for a
// mistyped folder would waste the analyst's wait.
Status CheckOutputFolder(const std::string& path) {
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (folder.empty() || std::filesystem::is_directory(folder, ec)) return Status::Ok();
  return Status::IOError("cannot write " + path + ": there is no folder " + folder.string());
}

Status Run(const ReportArgs& args) {
  if (args.run_up_days < 1 || args.run_up_days > 365) return Status::InvalidArgument("--run-up-days: expected 1 to 365");
  LP_RETURN_IF_ERROR(CheckOutputFolder(args.out));
  LP_RETURN_IF_ERROR(CheckUtf8Argument(args.title, "--title"));
  LP_ASSIGN_OR_RETURN(const CaseData c, LoadCase(args.case_path, LoadOptions{.event_provenance = true, .content_hashes = true}));
  LP_ASSIGN_OR_RETURN(const AttributionInputs entities, AttributionEntities(args.case_path, c, args.entities));
  attribute::AttributeOptions attribute_options;
  attribute_options.incidents = args.incidents;
  attribute_options.lookback = static_cast<TimeMs>(args.lookback_days * kDayMs);
  attribute_options.handler_threshold = args.threshold;
  attribute_options.background_egos = args.egos;
  attribute_options.takeovers = entities.takeovers;
  LP_ASSIGN_OR_RETURN(const attribute::AttributedCase attributed,
                      attribute::AttributeCase(c, attribute_options, &entities.entities));

  report::ReportOptions options;
  options.case_name = args.title.empty() ? std::filesystem::path(args.case_path).stem().string() : args.title;
  options.generated_at = GeneratedAt();
  options.generator = std::string("linchpin ") + LINCHPIN_VERSION;
  options.run_up_days = args.run_up_days;
  const std::string html = report::RenderHtmlReport(c, attributed.report, options);
  LP_RETURN_IF_ERROR(WriteFileAtomically(args.out, [&](std::ostream& out) {
    out << html;
    return Status::Ok();
  }));

  PrintIncidentTable(std::cout, attributed.report);
  std::cout << "\nwrote " << args.out << " (" << WithThousands(static_cast<int64_t>(html.size() / 1024)) << " KB)\n";
  return Status::Ok();
}

}  // namespace

void RegisterReport(CLI::App& app) {
  auto args = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand("report", "Write the attribution as one self-contained HTML report (works offline).");
  cmd->footer("The report holds the incident table, a link chart and run-up timeline per incident, the chain\n"
              "of command and the disruption list; every claim links to its events and their file:line.\n"
              "Set SOURCE_DATE_EPOCH to fix the generated time. Sections: docs/report.md.");
  cmd->add_option("case", args->case_path, "Case file")->required();
  cmd->add_option("--out", args->out, "The HTML file to write (replaced atomically)")->required();
  cmd->add_option("--title", args->title, "Case name in the header (default: the case file's name)");
  cmd->add_option("--incident", args->incidents, "Incident id to include (repeatable); default: all");
  cmd->add_option("--run-up-days", args->run_up_days, "Days of run-up each timeline shows")->capture_default_str();
  cmd->add_option("--lookback-days", args->lookback_days, "Attribution: run-up window before each incident")->check(Between(1, 3650))->capture_default_str();
  cmd->add_option("--threshold", args->threshold, "Attribution: posterior at which a candidate is a handler")->check(Between(0, 1))->capture_default_str();
  cmd->add_option("--baseline-egos", args->egos, "Attribution: ordinary people sampled for the baseline")->transform(WholeNumber())->capture_default_str();
  cmd->add_option("--entities", args->entities,
                  "Attribution: auto (a stored `linchpin resolve` result when there is one), resolved (require it) "
                  "or owner (account owners and their phones), as `linchpin attribute`")
      ->capture_default_str();
  cmd->callback([args] {
    if (Status st = Run(*args); !st.ok()) Fail(st);
  });
}

}  // namespace linchpin::cli
