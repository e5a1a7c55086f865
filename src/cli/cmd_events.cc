// linchpin events CASE [--account X] [--from T] [--to T] — the events behind any figure, with
// their provenance. --account takes an account id, a handle, any endpoint id, or a phone number
// in any spelling (normalised like ingest does).
#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "common/strings.h"
#include "ingest/phone.h"
#include "store/case_store.h"

namespace linchpin::cli {

namespace {

struct EventsArgs {
  std::string case_path, account, from, to, platform, kind, region;
  size_t limit = 0;
  bool json = false, csv = false;
};

// The endpoints `query` can mean: exact key, account handle, or the phone it spells.
std::vector<EndpointId> MatchEndpoints(const CaseData& c, const std::string& query,
                                       const std::string& region) {
  std::vector<EndpointId> out;
  const PhoneNormalizer phones(region);
  const auto e164 = phones.ToE164(query);
  for (size_t i = 0; i < c.endpoints.size(); ++i) {
    const Endpoint& ep = c.endpoints[i];
    bool match = ep.key == query || (e164 && ep.key == *e164);
    if (!match && ep.account != kNoIndex) {
      const Account& a = c.accounts[ep.account];
      match = !a.handle.empty() && EqualsIgnoreCase(a.handle, query);
    }
    if (match) out.push_back(static_cast<EndpointId>(i));
  }
  return out;
}

void Run(const EventsArgs& a) {
  if (a.json && a.csv) return Fail(Status::InvalidArgument("--json and --csv exclude each other"));
  auto window = ParseTimeWindow(a.from, a.to);
  if (!window.ok()) return Fail(window.status());
  std::optional<EventKind> kind;
  if (!a.kind.empty() && !(kind = ParseEventKind(a.kind))) {
    return Fail(Status::InvalidArgument("--kind: unknown event kind '" + a.kind + "'"));
  }
  LoadOptions opt;
  opt.event_provenance = true;
  opt.content_hashes = true;
  auto loaded = LoadCase(a.case_path, opt);
  if (!loaded.ok()) return Fail(loaded.status());
  const CaseData& c = *loaded;

  std::vector<bool> wanted;
  if (!a.account.empty()) {
    const auto matches = MatchEndpoints(c, a.account, a.region);
    if (matches.empty()) {
      return Fail(Status::NotFound("no account, handle, phone or endpoint '" + a.account + "' in " + a.case_path));
    }
    wanted.assign(c.endpoints.size(), false);
    for (EndpointId id : matches) wanted[id] = true;
  }
  uint32_t platform = kNoIndex;
  if (!a.platform.empty() && (platform = c.FindPlatform(AsciiLower(a.platform))) == kNoIndex) {
    return Fail(Status::NotFound("no platform '" + a.platform + "' in " + a.case_path));
  }

  const EventTable& e = c.events;
  const size_t first = window->from == kNoTime ? 0 : static_cast<size_t>(
      std::lower_bound(e.time.begin(), e.time.end(), window->from) - e.time.begin());
  const size_t last = window->to == kNoTime ? e.size() : static_cast<size_t>(
      std::upper_bound(e.time.begin(), e.time.end(), window->to) - e.time.begin());
  const TableRow header = {"time", "platform", "kind", "source", "target", "duration_s",
                           "size_bytes", "content_hash", "file", "line"};
  std::vector<TableRow> rows;
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  for (size_t i = first; i < last; ++i) {
    if (!wanted.empty() && !wanted[e.source[i]] && !(e.target[i] != kNoEndpoint && wanted[e.target[i]])) continue;
    if (platform != kNoIndex && e.platform[i] != platform) continue;
    if (kind && e.kind[i] != *kind) continue;
    const std::string target = e.target[i] == kNoEndpoint ? "" : c.endpoints[e.target[i]].key;
    const std::string hash = e.content[i] == kNoIndex ? "" : c.content_hashes[e.content[i]];
    const Provenance& p = e.provenance[i];
    const std::string file = p.source < c.sources.size() ? c.sources[p.source] : "";
    if (a.json) {
      nlohmann::ordered_json ev = {{"time", FormatTime(e.time[i])},
                                   {"platform", c.platforms[e.platform[i]].name},
                                   {"kind", std::string(ToString(e.kind[i]))},
                                   {"source", c.endpoints[e.source[i]].key},
                                   {"target", e.target[i] == kNoEndpoint ? nlohmann::ordered_json() : nlohmann::ordered_json(target)}};
      ev["duration_s"] = e.duration_s[i] < 0 ? nlohmann::ordered_json() : nlohmann::ordered_json(e.duration_s[i]);
      ev["size_bytes"] = e.size_bytes[i] < 0 ? nlohmann::ordered_json() : nlohmann::ordered_json(e.size_bytes[i]);
      ev["content_hash"] = hash.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(hash);
      ev["provenance"] = {{"file", file}, {"line", p.line}};
      json.push_back(std::move(ev));
    } else {
      rows.push_back({FormatTime(e.time[i]), c.platforms[e.platform[i]].name, std::string(ToString(e.kind[i])),
                      c.endpoints[e.source[i]].key, target,
                      e.duration_s[i] < 0 ? "" : std::to_string(e.duration_s[i]),
                      e.size_bytes[i] < 0 ? "" : std::to_string(e.size_bytes[i]), hash, file,
                      std::to_string(p.line)});
    }
    if (a.limit > 0 && (a.json ? json.size() : rows.size()) >= a.limit) break;
  }
  if (a.json) {
    std::cout << json.dump(2) << "\n";
  } else if (a.csv) {
    PrintCsvRow(std::cout, header);
    for (const auto& r : rows) PrintCsvRow(std::cout, r);
  } else {
    PrintTable(std::cout, header, rows);
    std::cout << WithThousands(static_cast<int64_t>(rows.size())) << " events\n";
  }
}

}  // namespace

void RegisterEvents(CLI::App& app) {
  auto args = std::make_shared<EventsArgs>();
  auto* cmd = app.add_subcommand("events", "List events with their provenance, filtered by account, time, platform, kind.");
  cmd->add_option("case", args->case_path, "Case file")->required();
  cmd->add_option("--account", args->account, "Account id, handle, endpoint id, or a phone number in any spelling");
  cmd->add_option("--from", args->from, "Earliest time (ISO 8601 or epoch seconds), inclusive");
  cmd->add_option("--to", args->to, "Latest time, inclusive");
  cmd->add_option("--platform", args->platform, "Only this platform");
  cmd->add_option("--kind", args->kind, "Only this event kind");
  cmd->add_option("--region", args->region, "Region for national phone numbers in --account (e.g. FR)")->transform(PhoneRegion());
  cmd->add_option("--limit", args->limit, "At most this many events (0 = all)")->transform(WholeNumber())->capture_default_str();
  cmd->add_flag("--json", args->json, "Print a JSON array of events");
  cmd->add_flag("--csv", args->csv, "Print CSV");
  cmd->callback([args] { Run(*args); });
}

}  // namespace linchpin::cli
