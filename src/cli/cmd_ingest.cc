// linchpin ingest CASE FILE... — streams files into a case (docs/formats.md).
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/output.h"
#include "common/strings.h"
#include "ingest/ingest.h"

namespace linchpin::cli {

namespace {

struct IngestArgs {
  std::string case_path;
  std::vector<std::string> files;
  std::string kind, format = "auto", map, time_unit = "s", on_error = "fail";
  IngestOptions options;
};

Result<std::vector<std::pair<std::string, std::string>>> ParseMap(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& item : SplitList(text, ',')) {
    const size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size()) {
      return Status::InvalidArgument("--map: expected canonical=column pairs like "
                                     "time=Datetime,source=From; got '" + item + "'");
    }
    out.emplace_back(std::string(TrimSpace(item.substr(0, eq))), std::string(TrimSpace(item.substr(eq + 1))));
  }
  return out;
}

Status BuildOptions(IngestArgs& a) {
  IngestOptions& o = a.options;
  if (!a.kind.empty()) {
    o.kind = ParseRecordKind(a.kind);
    if (!o.kind) {
      return Status::InvalidArgument("--kind: expected persons, accounts, events, incidents, "
                                     "relations, platforms or ftm; got '" + a.kind + "'");
    }
  }
  if (a.format == "csv") o.format = InputFormat::kCsv;
  else if (a.format == "jsonl") o.format = InputFormat::kJsonLines;
  else if (a.format != "auto") return Status::InvalidArgument("--format: expected auto, csv or jsonl");
  if (a.time_unit == "s") o.time_unit = TimeUnit::kSeconds;
  else if (a.time_unit == "ms") o.time_unit = TimeUnit::kMilliseconds;
  else return Status::InvalidArgument("--time-unit: expected s or ms");
  if (a.on_error == "fail") o.on_error = OnError::kFail;
  else if (a.on_error == "skip") o.on_error = OnError::kSkip;
  else return Status::InvalidArgument("--on-error: expected fail or skip");
  if (!o.default_event_kind.empty() && !ParseEventKind(o.default_event_kind)) {
    return Status::InvalidArgument("--event-kind: unknown event kind '" + o.default_event_kind + "'");
  }
  if (!a.map.empty()) {
    LP_ASSIGN_OR_RETURN(o.column_map, ParseMap(a.map));
  }
  return Status::Ok();
}

void PrintReport(const FileReport& r) {
  switch (r.outcome) {
    case FileReport::Outcome::kCommitted:
      std::cout << "committed  " << r.path << ": " << WithThousands(r.rows_accepted) << " "
                << ToString(r.kind) << " rows";
      if (r.rows_rejected > 0) {
        std::cout << ", " << WithThousands(r.rows_rejected) << " rejected (see " << r.rejects_path << ")";
      }
      if (r.rows_ignored > 0) std::cout << ", " << WithThousands(r.rows_ignored) << " entities of unmapped schemas ignored";
      std::cout << "\n";
      for (const std::string& p : r.unclassed_platforms) {
        std::cout << "  note: platform '" << p << "' is not a name Linchpin knows, so it is classed other; "
                     "if it is not a typo, class it in a platforms.csv (docs/formats.md)\n";
      }
      break;
    case FileReport::Outcome::kDuplicate:
      std::cout << "unchanged  " << r.path << ": this content is already in the case\n";
      break;
    case FileReport::Outcome::kFailed:
      std::cout << "failed     " << r.path << "\n";
      break;
  }
}

void Run(IngestArgs& a) {
  if (Status st = BuildOptions(a); !st.ok()) return Fail(st);
  auto store = CaseStore::Open(a.case_path, CaseStore::Mode::kReadWrite);
  if (!store.ok()) return Fail(store.status());
  const Status st = IngestFiles(**store, a.files, a.options, PrintReport);
  if (!st.ok()) Fail(st);
}

}  // namespace

void RegisterIngest(CLI::App& app) {
  auto args = std::make_shared<IngestArgs>();
  auto* cmd = app.add_subcommand("ingest", "Ingest files into a case (created if missing).");
  cmd->footer(
      "Files are recognised by name (persons.csv, accounts.csv, events.csv, incidents.csv,\n"
      "relations.csv, platforms.csv, or .jsonl; *.ftm.json for FollowTheMoney) or by --kind.\n"
      "Each file is one transaction: it is wholly in the case or not at all. Re-ingesting a\n"
      "file with the same content does nothing. Formats: docs/formats.md.");
  cmd->add_option("case", args->case_path, "Case file (e.g. mycase.lpcase)")->required();
  cmd->add_option("files", args->files, "Input files")->required();
  cmd->add_option("--kind", args->kind, "persons|accounts|events|incidents|relations|platforms|ftm");
  cmd->add_option("--format", args->format, "auto|csv|jsonl (auto: by extension)")->capture_default_str();
  cmd->add_option("--map", args->map, "Rename columns: canonical=file_column,... (e.g. time=Datetime,source=From)");
  cmd->add_option("--time-unit", args->time_unit, "Unit of integer timestamps: s|ms")->capture_default_str();
  cmd->add_option("--region", args->options.region, "Default region for national phone numbers (ISO 3166 code, e.g. FR)")->transform(PhoneRegion());
  cmd->add_option("--platform", args->options.default_platform, "Platform of events whose file has no platform column")->capture_default_str();
  cmd->add_option("--event-kind", args->options.default_event_kind, "Kind of events whose file has no kind column (call, sms, message, ...)");
  cmd->add_option("--on-error", args->on_error, "fail: a bad row aborts its file; skip: commit good rows, write rejects")->capture_default_str();
  cmd->add_option("--rejects-dir", args->options.rejects_dir, "Where skip mode writes <file>.rejects.csv (default: current directory)");
  cmd->add_option("--max-record-bytes", args->options.max_record_bytes, "Longest accepted record; longer ones are rejected")->transform(WholeNumber())->capture_default_str();
  cmd->callback([args] { Run(*args); });
}

}  // namespace linchpin::cli
