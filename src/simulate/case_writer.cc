// Ids, the static CSV tables and truth.json. See case_writer.h.
#include "simulate/case_writer.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "common/strings.h"
#include "simulate/event_stream.h"
#include "simulate/names.h"

namespace linchpin::simulate {
namespace {

std::string RandomId(Rng& rng, char prefix, int digits, std::unordered_set<std::string>& used) {
  int64_t low = 1;
  for (int i = 1; i < digits; ++i) low *= 10;
  for (;;) {
    std::string id = prefix + std::to_string(rng.Between(low, low * 10 - 1));
    if (used.insert(id).second) return id;
  }
}

// Case files record whole seconds.
std::string Time(TimeMs t) { return t == kNoTime ? std::string() : FormatTime(t - ((t % kSecondMs) + kSecondMs) % kSecondMs); }

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ";") + item;
  return out;
}

// Indices of `items` ordered by their id.
template <typename T>
std::vector<uint32_t> ById(const std::vector<T>& items) {
  std::vector<uint32_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return items[x].id < items[y].id; });
  return order;
}

class CsvFile {
 public:
  CsvFile(const std::string& path, const char* header) : path_(path), out_(path, std::ios::binary) { out_ << header << '\n'; }
  void Row(const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) out_ << (i ? "," : "") << CsvQuote(fields[i]);
    out_ << '\n';
  }
  Status Close() {
    out_.close();
    return out_ ? Status::Ok() : Status::IOError("cannot write " + path_);
  }

 private:
  std::string path_;
  std::ofstream out_;
};

Status WritePersons(const World& world, Rng& rng, const std::string& dir) {
  CsvFile file(dir + "/persons.csv", "person_id,name,aliases,born,nationality,languages,status,status_time");
  for (uint32_t i : ById(world.persons)) {
    const Person& p = world.persons[i];
    if (!p.in_case_file) continue;
    const char* country = Countries()[p.country].code;
    file.Row({p.id, CaseFileName(rng, p.name, country), Join(CaseFileAliases(rng, p.name)), p.born, country,
              Join(p.languages), p.status, Time(p.status_time)});
  }
  return file.Close();
}

Status WriteAccounts(const World& world, const std::string& dir) {
  CsvFile file(dir + "/accounts.csv", "account_id,platform,handle,display_name,phone,email,owner,created,closed,closed_reason");
  for (uint32_t i : ById(world.accounts)) {
    const Account& a = world.accounts[i];
    file.Row({a.id, PlatName(a.platform), a.handle, a.display_name, a.phone_written, a.email,
              a.owner_known ? world.persons[a.owner].id : std::string(), Time(a.created), Time(a.closed), a.closed_reason});
  }
  return file.Close();
}

Status WriteIncidents(const World& world, const std::string& dir) {
  CsvFile file(dir + "/incidents.csv", "incident_id,time,kind,place,country,perpetrators");
  std::vector<uint32_t> order(world.incidents.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return world.incidents[x].time < world.incidents[y].time; });
  for (uint32_t i : order) {
    const TruthIncident& incident = world.incidents[i];
    std::vector<std::string> perpetrators;
    for (uint32_t p : incident.perpetrators) perpetrators.push_back(world.persons[p].id);
    std::sort(perpetrators.begin(), perpetrators.end());
    file.Row({incident.id, Time(incident.time), incident.kind, incident.place, Countries()[incident.country].code, Join(perpetrators)});
  }
  return file.Close();
}

Status WriteRelations(const World& world, const std::string& dir) {
  CsvFile file(dir + "/relations.csv", "source,target,kind,since,until,evidence");
  std::vector<std::vector<std::string>> rows;
  for (const TruthRelation& r : world.relations) {
    const char* evidence = r.kind == "lives_with" ? "tenancy record" : r.kind == "friend" ? "witness statement" : "civil registry";
    std::string a = world.persons[r.a].id, b = world.persons[r.b].id;
    if (r.kind != "friend" && b < a) std::swap(a, b);
    rows.push_back({a, b, r.kind, "", "", evidence});
  }
  std::sort(rows.begin(), rows.end());
  for (const auto& row : rows) file.Row(row);
  return file.Close();
}

Status WritePlatforms(const std::string& dir) {
  CsvFile file(dir + "/platforms.csv", "platform,class");
  for (int p = 0; p < kPlatCount; ++p) file.Row({PlatName(static_cast<Plat>(p)), PlatClass(static_cast<Plat>(p))});
  return file.Close();
}

std::string EndpointKey(const World& world, uint32_t account) {
  const Account& a = world.accounts[account];
  return a.platform == Plat::kPhone ? a.phone_e164 : a.id;
}

nlohmann::json ConfigJson(const SimulationConfig& c) {
  return {{"seed", c.seed}, {"people", c.people}, {"days", c.days}, {"start_date", c.start_date},
          {"activity", c.activity}, {"commanders", c.commanders}, {"cells", c.cells},
          {"recruits_per_cell", c.recruits_per_cell}, {"incidents", c.incidents}, {"lone_actors", c.lone_actors},
          {"foiled", c.foiled}, {"handler_accounts", c.handler_accounts}, {"burners", c.burners},
          {"contact_stop_minutes", c.contact_stop_minutes}, {"planner_removal", c.planner_removal},
          {"journalists", c.journalists}, {"researchers", c.researchers}, {"preachers", c.preachers},
          {"hubs", c.hubs}, {"capture", c.capture}, {"time_noise_s", c.time_noise_s},
          {"case_file_fraction", c.case_file_fraction}, {"known_owner_fraction", c.known_owner_fraction},
          {"handle_reuse", c.handle_reuse}, {"display_name_reuse", c.display_name_reuse},
          {"reregistration_reuse", c.reregistration_reuse}, {"registration_phone_fraction", c.registration_phone_fraction},
          {"registration_email_fraction", c.registration_email_fraction},
          {"subscriber_name_fraction", c.subscriber_name_fraction}, {"covert_unlinked", c.covert_unlinked},
          {"near_miss_handles", c.near_miss_handles}, {"public_social_ties", c.public_social_ties},
          {"public_social_talk", c.public_social_talk}, {"second_sim_ties", c.second_sim_ties},
          {"dual_app_ties", c.dual_app_ties}, {"difficulty", c.difficulty}};
}

}  // namespace

void AssignIds(World& world, Rng& rng) {
  std::unordered_set<std::string> used;
  for (Person& p : world.persons) p.id = RandomId(rng, 'P', 8, used);
  for (Account& a : world.accounts) a.id = RandomId(rng, 'A', 9, used);
  for (Channel& c : world.channels) c.id = RandomId(rng, 'C', 9, used);
  for (TruthIncident& i : world.incidents) i.id = RandomId(rng, 'I', 6, used);
}

Status WriteCaseTables(const World& world, Rng& rng, const std::string& out_dir) {
  LP_RETURN_IF_ERROR(WritePersons(world, rng, out_dir));
  LP_RETURN_IF_ERROR(WriteAccounts(world, out_dir));
  LP_RETURN_IF_ERROR(WriteIncidents(world, out_dir));
  LP_RETURN_IF_ERROR(WriteRelations(world, out_dir));
  return WritePlatforms(out_dir);
}

Status WriteTruth(const World& world, const SimulationConfig& config, const std::string& path) {
  using nlohmann::json;
  const auto pid = [&](uint32_t p) { return world.persons[p].id; };
  const auto aid = [&](uint32_t a) { return world.accounts[a].id; };
  json truth;
  truth["schema"] = "linchpin-simulation-truth/1";
  truth["config"] = ConfigJson(config);
  truth["scenario"] = {{"start", Time(world.start)}, {"end", Time(world.end)}};
  json persons = json::array();
  for (uint32_t i : ById(world.persons)) {
    const Person& p = world.persons[i];
    json accounts = json::array();
    for (uint32_t a : p.accounts) accounts.push_back(aid(a));
    std::sort(accounts.begin(), accounts.end());
    persons.push_back({{"id", p.id}, {"role", RoleName(p.role)}, {"name", p.name.given + " " + p.name.family},
                       {"kunya", p.name.kunya}, {"nom_de_guerre", p.name.nom_de_guerre},
                       {"country", Countries()[p.country].code}, {"in_case_file", p.in_case_file},
                       {"status", p.status}, {"status_time", Time(p.status_time)}, {"accounts", accounts}});
  }
  truth["persons"] = std::move(persons);
  json accounts = json::array();
  json burners = json::array();
  for (uint32_t i : ById(world.accounts)) {
    const Account& a = world.accounts[i];
    json owners = json::array();
    for (const Ownership& o : a.owners) owners.push_back({{"person", pid(o.person)}, {"from", Time(o.from)}, {"until", Time(o.until)}});
    accounts.push_back({{"id", a.id}, {"platform", PlatName(a.platform)}, {"key", EndpointKey(world, i)},
                        {"owners", owners}, {"burner", a.burner}, {"owner_in_ingest", a.owner_known}});
    if (a.burner) burners.push_back({{"phone", a.phone_e164}, {"account", a.id}, {"person", pid(a.owner)}});
  }
  truth["accounts"] = std::move(accounts);
  truth["burners"] = std::move(burners);
  json channels = json::array();
  for (const Channel& c : world.channels) {
    channels.push_back({{"id", c.id}, {"admin_account", aid(c.admin_account)}, {"admin_person", pid(world.accounts[c.admin_account].owner)}});
  }
  std::sort(channels.begin(), channels.end(), [](const json& x, const json& y) { return x["id"] < y["id"]; });
  truth["channels"] = std::move(channels);
  json incidents = json::array();
  for (const TruthIncident& incident : world.incidents) {
    json perpetrators = json::array(), handlers = json::array(), handler_accounts = json::array();
    for (uint32_t p : incident.perpetrators) perpetrators.push_back(pid(p));
    for (uint32_t p : incident.handlers) handlers.push_back(pid(p));
    for (uint32_t a : incident.handler_accounts) handler_accounts.push_back({{"account", aid(a)}, {"key", EndpointKey(world, a)}, {"person", pid(world.accounts[a].owner)}});
    incidents.push_back({{"id", incident.id}, {"time", Time(incident.time)}, {"kind", incident.kind}, {"verdict", incident.verdict},
                         {"place", incident.place}, {"country", Countries()[incident.country].code},
                         {"perpetrators", perpetrators}, {"handlers", handlers}, {"handler_accounts", handler_accounts}});
  }
  std::sort(incidents.begin(), incidents.end(), [](const json& x, const json& y) { return x["time"] < y["time"]; });
  truth["incidents"] = std::move(incidents);
  json introductions = json::array();
  for (const auto& intro : world.introductions) {
    introductions.push_back({{"introducer", pid(intro.introducer)}, {"a", pid(intro.a)}, {"b", pid(intro.b)},
                             {"introducer_account", aid(intro.introducer_account)}, {"a_account", aid(intro.a_account)},
                             {"b_account", aid(intro.b_account)}, {"time", Time(intro.time)}});
  }
  truth["introductions"] = std::move(introductions);
  json chain = json::array();
  for (const auto& c : world.chain_of_command) chain.push_back({{"superior", pid(c.superior)}, {"subordinate", pid(c.subordinate)}});
  truth["chain_of_command"] = std::move(chain);
  json reregistrations = json::array();
  for (const auto& r : world.reregistrations) {
    reregistrations.push_back({{"old_account", aid(r.old_account)}, {"new_account", aid(r.new_account)}, {"person", pid(r.person)}});
  }
  truth["reregistrations"] = std::move(reregistrations);
  json reassignments = json::array();
  for (const auto& r : world.reassignments) {
    reassignments.push_back({{"recruit", pid(r.recruit)}, {"from", pid(r.from_planner)}, {"to", pid(r.to_planner)}, {"time", Time(r.time)}});
  }
  truth["reassignments"] = std::move(reassignments);
  std::ofstream out(path, std::ios::binary);
  out << truth.dump(1) << '\n';
  out.close();
  return out ? Status::Ok() : Status::IOError("cannot write " + path);
}

}  // namespace linchpin::simulate
