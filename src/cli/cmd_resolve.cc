// linchpin resolve CASE — entity resolution of a case (resolve/linking/resolve.h): which accounts
// and person records are one user, with the evidence of every merge, the merges refused because
// the records conflict, and accounts taken over by someone else. Results go into the case file
// (resolve/linking/resolution_store.h) for later analyses.
//
//   linchpin resolve case.lpc [--json] [--threshold 0.5]
//   linchpin resolve case.lpc --pin-merge A1 A2 --pin-split A3 P4
//
// Pins are stored in the case before resolving and honoured by this and every later run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "model/case_names.h"
#include "resolve/linking/resolution_store.h"
#include "resolve/linking/resolve.h"
#include "store/case_store.h"

namespace linchpin::cli {
namespace {

struct ResolveArgs {
  std::string case_path;
  bool json = false;
  std::vector<std::string> pin_merge, pin_split;  // flattened pairs
  resolve::ResolveOptions options;
  size_t top = 15;
  std::vector<std::string> explain;  // two ids
};

Status StorePins(CaseStore& store, const std::vector<std::string>& ids, resolve::Pin::Kind kind) {
  for (size_t i = 0; i + 1 < ids.size(); i += 2) {
    LP_RETURN_IF_ERROR(resolve::AddPin(store, {kind, ids[i], ids[i + 1]}));
  }
  return Status::Ok();
}

void PrintHuman(const CaseData& c, const resolve::Resolution& r, size_t top, double seconds_load, double seconds_write) {
  std::vector<const resolve::ResolvedEntity*> merged;
  for (const auto& e : r.entities) {
    if (e.accounts.size() + e.persons.size() > 1) merged.push_back(&e);
  }
  const auto& s = r.stats;
  std::cout << "records " << WithThousands(static_cast<int64_t>(s.records)) << ", candidate pairs "
            << WithThousands(static_cast<int64_t>(s.candidates)) << ", merges " << WithThousands(static_cast<int64_t>(s.merges))
            << ", entities with several records " << WithThousands(static_cast<int64_t>(merged.size())) << ", conflicts "
            << WithThousands(static_cast<int64_t>(r.conflicts.size())) << ", takeovers " << r.takeovers.size() << "\n";
  std::cout << "time: profiles " << Fixed(s.seconds_profiles, 2) << " s, records " << Fixed(s.seconds_records, 2) << " s, linking "
            << Fixed(s.seconds_link, 2) << " s, takeovers " << Fixed(s.seconds_takeovers, 2) << " s; case load "
            << Fixed(seconds_load, 2) << " s, writing the resolution " << Fixed(seconds_write, 2) << " s\n\n";
  std::sort(merged.begin(), merged.end(), [](auto* x, auto* y) {
    const size_t nx = x->accounts.size() + x->persons.size(), ny = y->accounts.size() + y->persons.size();
    return nx != ny ? nx > ny : x->name < y->name;
  });
  const CaseNames names(c);
  std::vector<TableRow> rows;
  for (size_t i = 0; i < std::min(top, merged.size()); ++i) {
    const auto& e = *merged[i];
    std::vector<std::string> persons, accounts;
    for (uint32_t p : e.persons) persons.push_back(c.persons[p].id);
    for (uint32_t a : e.accounts) accounts.push_back(c.accounts[a].id);
    std::string members;
    for (const auto* ids : {&persons, &accounts}) {
      for (const std::string& id : *ids) members += (members.empty() ? "" : " ") + id;
    }
    rows.push_back({e.name, names.Of(persons, accounts), std::to_string(e.accounts.size()), std::to_string(e.persons.size()),
                    Fixed(e.confidence, 2), members});
  }
  PrintTable(std::cout, {"entity", "name", "accounts", "persons", "confidence", "members"}, rows);
  if (!r.conflicts.empty()) {
    std::cout << "\nrefused merges (conflicting records):\n";
    rows.clear();
    for (size_t i = 0; i < std::min(top, r.conflicts.size()); ++i) {
      const auto& k = r.conflicts[i];
      rows.push_back({k.a, k.b, Fixed(k.probability, 2), k.reason});
    }
    PrintTable(std::cout, {"a", "b", "confidence", "reason"}, rows);
  }
  if (!r.takeovers.empty()) {
    std::cout << "\ntakeovers:\n";
    rows.clear();
    for (const auto& t : r.takeovers) {
      std::string why;
      for (const auto& e : t.evidence) why += (why.empty() ? "" : "; ") + e.detail;
      rows.push_back({c.accounts[t.account].id, FormatTime(t.time), Fixed(t.confidence, 2), why});
    }
    PrintTable(std::cout, {"account", "since", "confidence", "evidence"}, rows);
  }
}

void PrintJson(const CaseData& c, const resolve::Resolution& r) {
  nlohmann::ordered_json out;
  auto& entities = out["entities"] = nlohmann::ordered_json::array();
  // Entities of one record carry no decision; the store keeps them, the listing does not.
  for (const auto& e : r.entities) {
    if (e.accounts.size() + e.persons.size() > 1) entities.push_back(resolve::EntityJson(c, e));
  }
  auto& takeovers = out["takeovers"] = nlohmann::ordered_json::array();
  for (const auto& t : r.takeovers) takeovers.push_back(resolve::TakeoverJson(c, t));
  auto& conflicts = out["conflicts"] = nlohmann::ordered_json::array();
  for (const auto& k : r.conflicts) conflicts.push_back(resolve::ConflictJson(k));
  std::cout << out.dump(2) << "\n";
}

void Explain(const ResolveArgs& a) {
  auto loaded = LoadCase(a.case_path);
  if (!loaded.ok()) return Fail(loaded.status());
  auto score = resolve::ExplainPair(*loaded, a.options, a.explain[0], a.explain[1]);
  if (!score.ok()) return Fail(score.status());
  if (a.json) {
    std::cout << nlohmann::ordered_json{{"a", a.explain[0]}, {"b", a.explain[1]}, {"confidence", score->probability},
                                        {"bits", score->bits}, {"evidence", resolve::EvidenceJson(score->evidence)}}.dump(2) << "\n";
    return;
  }
  std::vector<TableRow> rows;
  for (const auto& e : score->evidence) rows.push_back({e.feature, Fixed(e.bits, 2), e.detail});
  PrintTable(std::cout, {"feature", "bits", "detail"}, rows);
  std::cout << "total " << Fixed(score->bits, 2) << " bits, match probability " << Fixed(score->probability, 3) << "\n";
}

void Run(ResolveArgs& a) {
  if (!a.explain.empty()) return Explain(a);
  if (a.pin_merge.size() % 2 || a.pin_split.size() % 2) return Fail(Status::InvalidArgument("a pin names two ids"));
  auto store = CaseStore::Open(a.case_path, CaseStore::Mode::kUpdate);
  if (!store.ok()) return Fail(store.status());
  Status st = StorePins(**store, a.pin_merge, resolve::Pin::Kind::kMerge);
  if (st.ok()) st = StorePins(**store, a.pin_split, resolve::Pin::Kind::kSplit);
  if (!st.ok()) return Fail(st);
  auto pins = resolve::LoadPins(**store);
  if (!pins.ok()) return Fail(pins.status());
  a.options.pins = std::move(*pins);
  using Clock = std::chrono::steady_clock;
  const auto seconds_since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  const auto load_start = Clock::now();
  auto loaded = (*store)->Load();
  if (!loaded.ok()) return Fail(loaded.status());
  const double seconds_load = seconds_since(load_start);
  auto resolution = resolve::Resolve(*loaded, a.options);
  if (!resolution.ok()) return Fail(resolution.status());
  const auto write_start = Clock::now();
  st = resolve::WriteResolution(**store, *loaded, *resolution);
  if (!st.ok()) return Fail(st);
  const double seconds_write = seconds_since(write_start);
  if (a.json) {
    PrintJson(*loaded, *resolution);
  } else {
    PrintHuman(*loaded, *resolution, a.top, seconds_load, seconds_write);
  }
}

}  // namespace

void RegisterResolve(CLI::App& app) {
  auto a = std::make_shared<ResolveArgs>();
  auto* cmd = app.add_subcommand("resolve", "Link accounts, phones and persons into entities, with evidence; detect takeovers.");
  cmd->add_option("case", a->case_path, "Case file")->required();
  cmd->add_flag("--json", a->json,
                "Print {\"entities\": [{entity, accounts, persons, confidence, evidence}], \"takeovers\": [...], \"conflicts\": [...]}");
  cmd->add_option("--pin-merge", a->pin_merge, "Pin two ids (accounts or persons) as one entity; repeatable")->expected(2)->take_all();
  cmd->add_option("--pin-split", a->pin_split, "Pin two ids as different entities; repeatable")->expected(2)->take_all();
  cmd->add_option("--threshold", a->options.threshold, "Match probability at which records merge")
      ->check(Between(0, 1))->capture_default_str();
  cmd->add_option("--rounds", a->options.rounds, "Collective rounds (contacts compared in entity space)")
      ->check(CLI::Range(1, 5))->capture_default_str();
  cmd->add_option("--explain", a->explain, "Show the score and evidence of two ids (nothing is written)")->expected(2);
  cmd->add_option("--top", a->top, "Entities and conflicts listed (human output)")->transform(WholeNumber())->capture_default_str();
  cmd->callback([a] { Run(*a); });
}

}  // namespace linchpin::cli
