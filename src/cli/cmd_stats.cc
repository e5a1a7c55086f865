// linchpin stats CASE — what a case holds: counts by kind and platform, time span, top talkers.
#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "store/case_store.h"

namespace linchpin::cli {

namespace {

struct StatsArgs {
  std::string case_path;
  bool json = false;
  size_t top = 10;
};

struct Talker {
  EndpointId endpoint;
  int64_t events;
};

std::vector<Talker> TopTalkers(const CaseData& c, size_t top) {
  std::vector<int64_t> count(c.endpoints.size(), 0);
  const EventTable& e = c.events;
  for (size_t i = 0; i < e.size(); ++i) {
    ++count[e.source[i]];
    if (e.target[i] != kNoEndpoint) ++count[e.target[i]];
  }
  std::vector<Talker> all;
  for (size_t i = 0; i < count.size(); ++i) {
    if (count[i] > 0) all.push_back({static_cast<EndpointId>(i), count[i]});
  }
  const size_t k = std::min(top, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<long>(k), all.end(), [&](const Talker& a, const Talker& b) {
    return a.events != b.events ? a.events > b.events : c.endpoints[a.endpoint].key < c.endpoints[b.endpoint].key;
  });
  all.resize(k);
  return all;
}

void Run(const StatsArgs& a) {
  auto store = CaseStore::Open(a.case_path, CaseStore::Mode::kReadOnly);
  if (!store.ok()) return Fail(store.status());
  auto counts = (*store)->Counts();
  if (!counts.ok()) return Fail(counts.status());
  auto loaded = (*store)->Load();
  if (!loaded.ok()) return Fail(loaded.status());
  const CaseData& c = *loaded;
  const CaseCounts& k = *counts;

  std::vector<int64_t> by_kind(kEventKindCount, 0), by_platform(c.platforms.size(), 0);
  for (size_t i = 0; i < c.events.size(); ++i) {
    ++by_kind[static_cast<size_t>(c.events.kind[i])];
    ++by_platform[c.events.platform[i]];
  }
  const auto talkers = TopTalkers(c, a.top);

  if (a.json) {
    nlohmann::ordered_json j;
    j["persons"] = k.persons; j["accounts"] = k.accounts; j["events"] = k.events;
    j["incidents"] = k.incidents; j["relations"] = k.relations; j["phones"] = k.phones;
    j["channels"] = k.channels; j["endpoints"] = k.endpoints; j["sources"] = k.sources;
    j["first_event"] = k.first_event == kNoTime ? nlohmann::ordered_json() : nlohmann::ordered_json(FormatTime(k.first_event));
    j["last_event"] = k.last_event == kNoTime ? nlohmann::ordered_json() : nlohmann::ordered_json(FormatTime(k.last_event));
    auto& kinds = j["events_by_kind"] = nlohmann::ordered_json::object();
    for (int i = 0; i < kEventKindCount; ++i) {
      if (by_kind[i]) kinds[std::string(ToString(static_cast<EventKind>(i)))] = by_kind[i];
    }
    auto& plats = j["events_by_platform"] = nlohmann::ordered_json::object();
    for (size_t i = 0; i < c.platforms.size(); ++i) plats[c.platforms[i].name] = by_platform[i];
    auto& top = j["top_talkers"] = nlohmann::ordered_json::array();
    for (const auto& t : talkers) {
      top.push_back({{"endpoint", c.endpoints[t.endpoint].key},
                     {"kind", std::string(ToString(c.endpoints[t.endpoint].kind))},
                     {"events", t.events}});
    }
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << "Case " << a.case_path << "\n\n";
  PrintTable(std::cout, {"what", "count"},
             {{"persons", WithThousands(k.persons)}, {"accounts", WithThousands(k.accounts)},
              {"phones", WithThousands(k.phones)}, {"channels", WithThousands(k.channels)},
              {"endpoints", WithThousands(k.endpoints)}, {"events", WithThousands(k.events)},
              {"incidents", WithThousands(k.incidents)}, {"relations", WithThousands(k.relations)},
              {"source files", WithThousands(k.sources)}});
  if (k.events > 0) {
    std::cout << "\nEvents from " << FormatTime(k.first_event) << " to " << FormatTime(k.last_event) << "\n\n";
    std::vector<TableRow> rows;
    for (int i = 0; i < kEventKindCount; ++i) {
      if (by_kind[i]) rows.push_back({std::string(ToString(static_cast<EventKind>(i))), WithThousands(by_kind[i])});
    }
    PrintTable(std::cout, {"event kind", "events"}, rows);
    rows.clear();
    for (size_t i = 0; i < c.platforms.size(); ++i) {
      rows.push_back({c.platforms[i].name, std::string(ToString(c.platforms[i].cls)), WithThousands(by_platform[i])});
    }
    std::cout << "\n";
    PrintTable(std::cout, {"platform", "class", "events"}, rows);
    rows.clear();
    for (const auto& t : talkers) {
      rows.push_back({c.endpoints[t.endpoint].key, std::string(ToString(c.endpoints[t.endpoint].kind)), WithThousands(t.events)});
    }
    std::cout << "\nTop talkers\n";
    PrintTable(std::cout, {"endpoint", "kind", "events"}, rows);
  }
}

}  // namespace

void RegisterStats(CLI::App& app) {
  auto args = std::make_shared<StatsArgs>();
  auto* cmd = app.add_subcommand("stats", "Counts by kind and platform, time span and top talkers of a case.");
  cmd->add_option("case", args->case_path, "Case file")->required();
  cmd->add_flag("--json", args->json, "Print JSON (integer counts persons, accounts, events, incidents, ...)");
  cmd->add_option("--top", args->top, "How many top talkers")->transform(WholeNumber())->capture_default_str();
  cmd->callback([args] { Run(*args); });
}

}  // namespace linchpin::cli
