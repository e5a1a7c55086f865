// Tests of the scenario simulator on small generated cases: the CSV contract, byte-identical
// output per seed, the statistical shape of the background (degree tail, reciprocity, night
// trough, burstiness), that the truth's handlers really contacted their recruits, and that the
// truth does not leak into the ingest files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "common/time.h"
#include "simulate/case_writer.h"
#include "simulate/names.h"
#include "simulate/simulate.h"

namespace linchpin::simulate {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// RFC 4180 fields of one line (the simulator never writes line breaks inside fields).
std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

bool ValidUtf8(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > text.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

struct Table {
  std::string header;
  std::vector<std::vector<std::string>> rows;
};

Table ReadTable(const fs::path& path) {
  Table table;
  std::ifstream in(path);
  std::getline(in, table.header);
  for (std::string line; std::getline(in, line);) table.rows.push_back(SplitCsv(line));
  return table;
}

SimulationConfig SmallConfig(uint64_t seed) {
  SimulationConfig config;
  config.seed = seed;
  config.people = 400;
  config.days = 45;
  config.cells = 3;
  config.incidents = 6;
  return config;
}

// One directory per test process: ctest runs each test of a suite in its own process, in
// parallel, and a shared directory let one process delete the case another was reading.
fs::path Generate(const SimulationConfig& config, const std::string& name) {
  const fs::path dir = fs::path(testing::TempDir()) /
                       ("linchpin_sim_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const auto summary = Simulate(config, dir.string());
  EXPECT_TRUE(summary.ok()) << summary.status().ToString();
  return dir;
}

// One generated case shared by the read-only tests.
class SimulatedCase : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(Generate(SmallConfig(7), "seed7"));
    events_ = new Table(ReadTable(*dir_ / "events.csv"));
    truth_ = new json(json::parse(ReadFile(*dir_ / "truth.json")));
  }
  static void TearDownTestSuite() {
    delete events_;
    delete truth_;
    fs::remove_all(*dir_);
    delete dir_;
  }
  // Every endpoint key each person ever owned (phone numbers as events write them).
  static std::map<std::string, std::set<std::string>> KeysByPerson() {
    std::map<std::string, std::set<std::string>> keys;
    for (const auto& account : (*truth_)["accounts"]) {
      for (const auto& owner : account["owners"]) keys[owner["person"]].insert(account["key"].get<std::string>());
    }
    return keys;
  }
  static bool Private(const std::vector<std::string>& e) {
    return e[2] == "call" || e[2] == "sms" || e[2] == "message" || e[2] == "media";
  }
  static inline fs::path* dir_ = nullptr;
  static inline Table* events_ = nullptr;
  static inline json* truth_ = nullptr;
};

TEST_F(SimulatedCase, WritesTheCanonicalHeaders) {
  const std::map<std::string, std::string> expected = {
      {"persons.csv", "person_id,name,aliases,born,nationality,languages,status,status_time"},
      {"accounts.csv", "account_id,platform,handle,display_name,phone,email,owner,created,closed,closed_reason"},
      {"events.csv", "time,platform,kind,source,target,duration_s,size_bytes,content_hash"},
      {"incidents.csv", "incident_id,time,kind,place,country,perpetrators"},
      {"relations.csv", "source,target,kind,since,until,evidence"},
      {"platforms.csv", "platform,class"}};
  for (const auto& [file, header] : expected) {
    const Table table = ReadTable(*dir_ / file);
    EXPECT_EQ(table.header, header) << file;
    EXPECT_TRUE(ValidUtf8(ReadFile(*dir_ / file))) << file;
    const size_t columns = std::count(header.begin(), header.end(), ',') + 1;
    for (const auto& row : table.rows) ASSERT_EQ(row.size(), columns) << file;
  }
}

TEST_F(SimulatedCase, EventsAreTimeSortedWithValidKindsAndTimes) {
  ASSERT_GT(events_->rows.size(), 10000u);
  const std::set<std::string> kinds = {"call", "sms", "message", "media", "post", "repost", "reply", "mention", "follow", "join", "meeting"};
  const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  std::string previous;
  for (const auto& e : events_->rows) {
    ASSERT_TRUE(std::regex_match(e[0], iso)) << e[0];
    ASSERT_LE(previous, e[0]);
    previous = e[0];
    ASSERT_TRUE(kinds.count(e[2])) << e[2];
    if (e[2] == "media") {
      ASSERT_EQ(e[7].size(), 64u);
    }
    if (e[2] == "call") {
      ASSERT_FALSE(e[5].empty());
    }
  }
}

TEST(Simulate, EqualSeedsGiveIdenticalBytesAndOtherSeedsDiffer) {
  const fs::path a = Generate(SmallConfig(11), "a"), b = Generate(SmallConfig(11), "b"), c = Generate(SmallConfig(12), "c");
  for (const char* file : {"persons.csv", "accounts.csv", "events.csv", "incidents.csv", "relations.csv", "truth.json"}) {
    EXPECT_EQ(ReadFile(a / file), ReadFile(b / file)) << file;
    EXPECT_NE(ReadFile(a / file), ReadFile(c / file)) << file;
  }
  for (const auto& dir : {a, b, c}) fs::remove_all(dir);
}

TEST(Simulate, RejectsOutOfRangeKnobs) {
  SimulationConfig config;
  config.capture = 0;
  EXPECT_EQ(Validate(config).code(), Status::Code::kInvalidArgument);
  config = SimulationConfig();
  config.start_date = "yesterday";
  EXPECT_EQ(Validate(config).code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(Validate(SimulationConfig()).ok());
}

// Undirected degree of private contact: heavy-tailed, as in mobile networks — the largest
// degree far above the mean (a Poisson graph of this size would give max/mean ≈ 2–3).
TEST_F(SimulatedCase, DegreeTailIsHeavy) {
  std::map<std::string, std::set<std::string>> neighbours;
  for (const auto& e : events_->rows) {
    if (!Private(e) || e[4].empty()) continue;
    neighbours[e[3]].insert(e[4]);
    neighbours[e[4]].insert(e[3]);
  }
  double sum = 0;
  size_t max_degree = 0, above_4x = 0;
  for (const auto& [node, set] : neighbours) {
    sum += set.size();
    max_degree = std::max(max_degree, set.size());
  }
  const double mean = sum / neighbours.size();
  for (const auto& [node, set] : neighbours) above_4x += set.size() >= 4 * mean;
  std::printf("degree: mean %.2f max %zu, %.4f of nodes >= 4x mean\n", mean, max_degree, double(above_4x) / neighbours.size());
  EXPECT_GT(max_degree / mean, 8.0);
  EXPECT_GT(above_4x, 0u);
}

TEST_F(SimulatedCase, ReciprocityIsInARealisticBand) {
  std::set<std::pair<std::string, std::string>> directed;
  for (const auto& e : events_->rows) {
    if (Private(e) && !e[4].empty()) directed.insert({e[3], e[4]});
  }
  size_t reciprocated = 0;
  for (const auto& [s, d] : directed) reciprocated += directed.count({d, s});
  const double reciprocity = double(reciprocated) / directed.size();
  std::printf("reciprocity %.3f (Copenhagen calls 0.66, SMS 0.93)\n", reciprocity);
  EXPECT_GT(reciprocity, 0.5);
  EXPECT_LT(reciprocity, 0.97);
}

// Calls and SMS of numbers in UTC+1 countries, by local hour: a deep night trough.
TEST_F(SimulatedCase, CircadianProfileHasANightTrough) {
  std::vector<double> hours(24, 0);
  for (const auto& e : events_->rows) {
    if (e[1] != "phone") continue;
    if (e[3].rfind("+33", 0) && e[3].rfind("+32", 0) && e[3].rfind("+49", 0) && e[3].rfind("+34", 0)) continue;
    hours[(std::stoi(e[0].substr(11, 2)) + 1) % 24] += 1;
  }
  const double night = (hours[3] + hours[4] + hours[5]) / 3;
  const double day = std::accumulate(hours.begin() + 10, hours.begin() + 20, 0.0) / 10;
  std::printf("night/day rate %.3f\n", night / day);
  EXPECT_LT(night / day, 0.15);
  EXPECT_GT(day, 100);
}

// Inter-event times per tie are bursty: B = (σ−μ)/(σ+μ) > 0 (a Poisson process gives 0).
TEST_F(SimulatedCase, InterEventTimesAreBursty) {
  std::map<std::pair<std::string, std::string>, std::vector<int64_t>> times;
  for (const auto& e : events_->rows) {
    if (!Private(e) || e[4].empty()) continue;
    times[std::minmax(e[3], e[4])].push_back(*ParseTime(e[0]) / 1000);
  }
  double sum_b = 0;
  int ties = 0;
  for (auto& [tie, t] : times) {
    if (t.size() < 20) continue;
    double mean = 0, sq = 0;
    for (size_t i = 1; i < t.size(); ++i) mean += t[i] - t[i - 1];
    mean /= t.size() - 1;
    for (size_t i = 1; i < t.size(); ++i) sq += (t[i] - t[i - 1] - mean) * (t[i] - t[i - 1] - mean);
    const double sigma = std::sqrt(sq / (t.size() - 1));
    sum_b += (sigma - mean) / (sigma + mean);
    ++ties;
  }
  ASSERT_GT(ties, 50);
  std::printf("mean tie burstiness %.3f over %d ties\n", sum_b / ties, ties);
  EXPECT_GT(sum_b / ties, 0.2);
}

// Every handler in the truth has private contact with each perpetrator before the incident;
// directed ones within the last day. Inspired and unexposed lone actors have none with any
// member of the network.
TEST_F(SimulatedCase, TruthHandlersReallyContactedTheirRecruits) {
  const auto keys = KeysByPerson();
  std::set<std::string> covert;
  for (const auto& p : (*truth_)["persons"]) {
    const std::string role = p["role"];
    if (role == "chief" || role == "commander" || role == "planner") covert.insert(p["id"].get<std::string>());
  }
  int handled = 0, lone = 0;
  for (const auto& incident : (*truth_)["incidents"]) {
    const std::string time = incident["time"], verdict = incident["verdict"];
    for (const auto& perpetrator : incident["perpetrators"]) {
      const auto& own = keys.at(perpetrator);
      auto last_contact = [&](const std::set<std::string>& other) {
        std::string last;
        for (const auto& e : events_->rows) {
          if (e[0] >= time) break;
          if (!Private(e)) continue;
          if ((own.count(e[3]) && other.count(e[4])) || (own.count(e[4]) && other.count(e[3]))) last = e[0];
        }
        return last;
      };
      if (verdict == "directed" || verdict == "assisted") {
        ASSERT_FALSE(incident["handlers"].empty());
        for (const auto& handler : incident["handlers"]) {
          const std::string last = last_contact(keys.at(handler));
          EXPECT_FALSE(last.empty()) << "handler " << handler << " never contacted " << perpetrator;
        }
        const std::string last = last_contact(keys.at(incident["handlers"].back()));
        if (verdict == "directed") {
          EXPECT_LT(*ParseTime(time) - *ParseTime(last), kDayMs) << incident["id"];
        }
        ++handled;
      } else {
        std::set<std::string> network_keys;
        for (const auto& member : covert) network_keys.insert(keys.at(member).begin(), keys.at(member).end());
        EXPECT_TRUE(last_contact(network_keys).empty()) << "lone actor " << perpetrator << " talked to the network";
        ++lone;
      }
    }
  }
  EXPECT_GE(handled, 4);
  EXPECT_GE(lone, 1);
  // The scenario has its full story at defaults: a foiled plot, an introduction, a takeover.
  bool foiled = false;
  for (const auto& incident : (*truth_)["incidents"]) foiled |= incident["kind"] == "foiled_plot";
  EXPECT_TRUE(foiled);
  EXPECT_FALSE((*truth_)["introductions"].empty());
  EXPECT_FALSE((*truth_)["reregistrations"].empty());
  EXPECT_FALSE((*truth_)["burners"].empty());
  EXPECT_FALSE((*truth_)["chain_of_command"].empty());
}

// Handler contact intensifies toward a directed incident: the last week holds clearly more
// events than the week before it.
TEST_F(SimulatedCase, HandlerContactIntensifiesBeforeDirectedIncidents) {
  const auto keys = KeysByPerson();
  int checked = 0;
  for (const auto& incident : (*truth_)["incidents"]) {
    if (incident["verdict"] != "directed") continue;
    const TimeMs t = *ParseTime(incident["time"].get<std::string>());
    std::set<std::string> handler_keys;
    for (const auto& h : incident["handlers"]) handler_keys.insert(keys.at(h).begin(), keys.at(h).end());
    int last_week = 0, week_before = 0;
    for (const auto& perpetrator : incident["perpetrators"]) {
      const auto& own = keys.at(perpetrator);
      for (const auto& e : events_->rows) {
        if (!Private(e) || !((own.count(e[3]) && handler_keys.count(e[4])) || (own.count(e[4]) && handler_keys.count(e[3])))) continue;
        const TimeMs when = *ParseTime(e[0]);
        if (when < t && when >= t - 7 * kDayMs) ++last_week;
        if (when < t - 7 * kDayMs && when >= t - 14 * kDayMs) ++week_before;
      }
    }
    EXPECT_GT(last_week, 1.5 * week_before + 5) << incident["id"];
    ++checked;
  }
  EXPECT_GE(checked, 2);
}

// A pledge video: the same content hash goes privately from a perpetrator to a handler before
// an attack and is posted to a channel after it.
TEST_F(SimulatedCase, PledgeVideoIsRebroadcastWithTheSameHash) {
  std::map<std::string, std::string> first_media, first_post;  // hash -> earliest time
  for (const auto& e : events_->rows) {
    if (e[7].empty()) continue;
    auto& seen = e[2] == "media" ? first_media : e[2] == "post" ? first_post : first_media;
    if (!seen.count(e[7])) seen[e[7]] = e[0];
  }
  int rebroadcast = 0;
  for (const auto& [hash, sent] : first_media) {
    auto post = first_post.find(hash);
    if (post != first_post.end() && post->second > sent) ++rebroadcast;
  }
  EXPECT_GE(rebroadcast, 1);
}

// A takeover: an account with a second owner in the truth, whose owner was a dead attacker,
// keeps posting after its first owner's interval ended.
TEST_F(SimulatedCase, TakenOverAccountPostsAfterItsOwnerDied) {
  int takeovers = 0;
  for (const auto& account : (*truth_)["accounts"]) {
    const auto& owners = account["owners"];
    if (owners.size() < 2) continue;
    const std::string handed_over = owners[1]["from"], key = account["key"];
    int posts_after = 0;
    for (const auto& e : events_->rows) posts_after += e[3] == key && e[2] == "post" && e[0] >= handed_over;
    EXPECT_GT(posts_after, 0) << key;
    ++takeovers;
  }
  EXPECT_GE(takeovers, 1);
}

// Introduced recruits never communicated before the introduction, and did after.
TEST_F(SimulatedCase, IntroducedRecruitsFirstTalkAfterTheIntroduction) {
  const auto keys = KeysByPerson();
  for (const auto& intro : (*truth_)["introductions"]) {
    const auto& a = keys.at(intro["a"]);
    const auto& b = keys.at(intro["b"]);
    std::string first;
    for (const auto& e : events_->rows) {
      if ((a.count(e[3]) && b.count(e[4])) || (b.count(e[3]) && a.count(e[4]))) { first = e[0]; break; }
    }
    ASSERT_FALSE(first.empty());
    EXPECT_GE(first, intro["time"].get<std::string>());
  }
}

// Nothing in the ingest files tells a covert member from anyone else: ids share one format and
// are spread over the same range, rows are sorted by id or time, and no role word appears.
TEST_F(SimulatedCase, TruthDoesNotLeakIntoIngestFiles) {
  const std::regex person_id(R"(P\d{8})"), account_id(R"(A\d{9})");
  std::vector<std::string> all_ids, covert_ids;
  for (const auto& p : (*truth_)["persons"]) {
    const std::string id = p["id"], role = p["role"];
    ASSERT_TRUE(std::regex_match(id, person_id)) << id;
    all_ids.push_back(id);
    if (role == "chief" || role == "commander" || role == "planner" || role == "recruit") covert_ids.push_back(id);
  }
  for (const auto& a : (*truth_)["accounts"]) ASSERT_TRUE(std::regex_match(a["id"].get<std::string>(), account_id));
  // Covert ids sit at random ranks among all ids (mean rank near the middle).
  std::sort(all_ids.begin(), all_ids.end());
  double rank_sum = 0;
  for (const auto& id : covert_ids) rank_sum += std::lower_bound(all_ids.begin(), all_ids.end(), id) - all_ids.begin();
  const double mean_rank = rank_sum / covert_ids.size() / all_ids.size();
  EXPECT_GT(mean_rank, 0.25);
  EXPECT_LT(mean_rank, 0.75);
  // Persons and accounts rows are in id order, so row position carries nothing.
  for (const char* file : {"persons.csv", "accounts.csv"}) {
    const Table table = ReadTable(*dir_ / file);
    for (size_t i = 1; i < table.rows.size(); ++i) ASSERT_LT(table.rows[i - 1][0], table.rows[i][0]) << file;
  }
  // No role word or truth vocabulary anywhere in the ingest files.
  for (const char* file : {"persons.csv", "accounts.csv", "events.csv", "incidents.csv", "relations.csv", "platforms.csv"}) {
    std::string text = ReadFile(*dir_ / file);
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* word : {"handler", "planner", "recruit", "commander", "chief", "decoy", "burner", "covert", "truth", "sympath"}) {
      EXPECT_EQ(text.find(word), std::string::npos) << word << " in " << file;
    }
  }
  // Handler accounts are not set apart by their creation dates being the only recent ones.
  const Table accounts = ReadTable(*dir_ / "accounts.csv");
  int recent_background = 0;
  std::set<std::string> covert_accounts;
  for (const auto& p : (*truth_)["persons"]) {
    if (std::find(covert_ids.begin(), covert_ids.end(), p["id"].get<std::string>()) == covert_ids.end()) continue;
    for (const auto& a : p["accounts"]) covert_accounts.insert(a.get<std::string>());
  }
  const std::string start = (*truth_)["scenario"]["start"];
  for (const auto& row : accounts.rows) recent_background += row[7] >= start && !covert_accounts.count(row[0]);
  EXPECT_GT(recent_background, 10);
}

// Phones are written as real files write them, in several (international) formats.
TEST_F(SimulatedCase, PhonesComeInVariedFormats) {
  const Table accounts = ReadTable(*dir_ / "accounts.csv");
  int spaced = 0, double_zero = 0, e164 = 0, dashed = 0;
  for (const auto& row : accounts.rows) {
    const std::string& phone = row[4];
    if (row[1] != "phone" || phone.empty()) continue;
    spaced += phone.find(' ') != std::string::npos;
    double_zero += phone.rfind("00", 0) == 0;
    e164 += phone[0] == '+' && phone.find_first_of(" -") == std::string::npos;
    dashed += phone.find('-') != std::string::npos;
  }
  EXPECT_GT(spaced, 0);
  EXPECT_GT(double_zero, 0);
  EXPECT_GT(e164, 0);
  EXPECT_GT(dashed, 0);
}

// Names carry transliteration variants across sources: some person's case-file name and one of
// their account display names spell the same name differently.
TEST_F(SimulatedCase, NamesHaveTransliterationVariants) {
  const Table persons = ReadTable(*dir_ / "persons.csv");
  int with_aliases = 0, kunya = 0;
  for (const auto& row : persons.rows) {
    with_aliases += !row[2].empty();
    kunya += row[2].find("Abu ") != std::string::npos || row[2].find("Abou ") != std::string::npos;
  }
  EXPECT_GT(with_aliases, 3);
  EXPECT_GT(kunya, 0);
  Rng rng(1);
  std::set<std::string> spellings;
  for (int i = 0; i < 200; ++i) spellings.insert(SpellVariant(rng, "Mohamed"));
  EXPECT_GE(spellings.size(), 4u);  // Mohamed, Mohammed, Muhammad, Mohammad, …
  EXPECT_EQ(SpellVariant(rng, "Pierre"), "Pierre");
}

// Share of a person's Telegram and public accounts that carry the number of their phone, and of
// pairs of their Telegram/public accounts that carry one e-mail address.
struct IdentityShares {
  double registration_phone = 0, email_shared = 0;
};
IdentityShares MeasureIdentity(const fs::path& dir) {
  const json truth = json::parse(ReadFile(dir / "truth.json"));
  std::map<std::string, std::string> owner;
  for (const auto& a : truth["accounts"]) owner[a["id"]] = a["owners"][0]["person"];
  const Table accounts = ReadTable(dir / "accounts.csv");
  std::map<std::string, std::set<std::string>> phones;                   // person -> numbers
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> apps;  // person -> (email, phone)
  for (const auto& r : accounts.rows) {
    const std::string& person = owner.at(r[0]);
    if (r[1] == "phone") phones[person].insert(r[4]);
    if (r[1] == "telegram" || r[1] == "twitter") apps[person].push_back({r[5], r[4]});
  }
  int with_phone = 0, app_accounts = 0, pairs = 0, same_email = 0;
  for (const auto& [person, list] : apps) {
    for (size_t i = 0; i < list.size(); ++i) {
      ++app_accounts;
      // Written phones of phone accounts vary in format; compare the digits.
      auto digits = [](const std::string& x) { std::string d; for (char c : x) if (std::isdigit(static_cast<unsigned char>(c))) d += c; return d; };
      for (const auto& p : phones[person]) {
        std::string a = digits(p), b = digits(list[i].second);
        while (!a.empty() && a[0] == '0') a.erase(0, 1);
        if (!b.empty() && a == b) { ++with_phone; break; }
      }
      for (size_t j = i + 1; j < list.size(); ++j) ++pairs, same_email += !list[i].first.empty() && list[i].first == list[j].first;
    }
  }
  return {static_cast<double>(with_phone) / std::max(1, app_accounts), static_cast<double>(same_email) / std::max(1, pairs)};
}

// The identity layer rewrites account attributes only: ties, events and the case file stay
// byte-identical whatever its knobs, and the rates show in accounts.csv, lower when harder.
// (The spread knobs, which do change events, are off by default and have their own test below.)
TEST(SimulateIdentity, KnobsChangeAccountAttributesOnlyAndHardLowersThem) {
  SimulationConfig base = SmallConfig(5), none = SmallConfig(5), hard = SmallConfig(5);
  none.handle_reuse = none.display_name_reuse = none.reregistration_reuse = 0;
  none.registration_phone_fraction = none.registration_email_fraction = none.subscriber_name_fraction = 0;
  none.near_miss_handles = 0;
  hard.difficulty = "hard";
  const fs::path a = Generate(base, "id_default"), b = Generate(none, "id_none"), c = Generate(hard, "id_hard");
  for (const char* file : {"events.csv", "persons.csv", "incidents.csv", "relations.csv"}) {
    EXPECT_EQ(ReadFile(a / file), ReadFile(b / file)) << file;
    EXPECT_EQ(ReadFile(a / file), ReadFile(c / file)) << file;
  }
  EXPECT_NE(ReadFile(a / "accounts.csv"), ReadFile(b / "accounts.csv"));
  const IdentityShares d = MeasureIdentity(a), n = MeasureIdentity(b), h = MeasureIdentity(c);
  EXPECT_EQ(n.registration_phone, 0.0);
  // Default: about half of the Telegram and public accounts carry the number (covert actors'
  // unlinked accounts and people without a phone pull it below the knob's 0.5).
  EXPECT_GT(d.registration_phone, 0.3);
  EXPECT_LT(d.registration_phone, 0.6);
  EXPECT_LT(h.registration_phone, d.registration_phone * 0.6);
  EXPECT_EQ(n.email_shared, 0.0);
  EXPECT_GT(d.email_shared, h.email_shared);
}

// How one person's accounts share their owners' contacts (measured on truth and events only):
// of the people with two phone lines (not burners), the share whose both lines have events
// (truth lists accounts by id, so which line is the first is not known here); of the people with WhatsApp and
// Telegram whose Telegram has contacts, the share whose Telegram shares a contact's owner with
// the WhatsApp; of the people with a phone and a public account, the share whose public
// account's contacts' owners meet the phone's.
struct SpreadShares {
  double second_sims_used = 0, telegram_meets_whatsapp = 0, public_meets_phone = 0;
};

SpreadShares MeasureSpread(const fs::path& dir) {
  const json truth = json::parse(ReadFile(dir / "truth.json"));
  std::map<std::string, std::pair<std::string, std::string>> owner_platform;  // key -> (person, platform)
  std::map<std::string, std::vector<std::string>> lines;                     // person -> non-burner phone keys
  for (const auto& a : truth["accounts"]) {
    const std::string key = a["key"], platform = a["platform"], person = a["owners"][0]["person"];
    owner_platform[key] = {person, platform};
    if (platform == "phone" && !a["burner"].get<bool>()) lines[person].push_back(key);
  }
  // Per account key, the owners of the accounts it exchanged anything with.
  std::map<std::string, std::set<std::string>> partners;
  for (const auto& e : ReadTable(dir / "events.csv").rows) {
    auto s = owner_platform.find(e[3]), t = owner_platform.find(e[4]);
    if (s == owner_platform.end() || t == owner_platform.end() || s->second.first == t->second.first) continue;
    partners[e[3]].insert(t->second.first);
    partners[e[4]].insert(s->second.first);
  }
  std::map<std::string, std::map<std::string, std::string>> account_on;  // person -> app platform -> a key
  for (const auto& [key, op] : owner_platform) {
    if (op.second != "phone") account_on[op.first].emplace(op.second, key);
  }
  auto meets = [&](const std::string& x, const std::string& y) {
    const auto& a = partners[x];
    const auto& b = partners[y];
    return std::any_of(a.begin(), a.end(), [&](const std::string& p) { return b.count(p) != 0; });
  };
  SpreadShares out;
  int seconds = 0, used = 0, dual = 0, dual_meet = 0, pub = 0, pub_meet = 0;
  for (const auto& [person, keys] : lines) {
    if (keys.size() < 2) continue;
    ++seconds;
    used += std::count_if(keys.begin(), keys.end(), [&](const std::string& k) { return partners.count(k) != 0; }) >= 2;
  }
  for (const auto& [person, on] : account_on) {
    auto w = on.find("whatsapp"), t = on.find("telegram"), x = on.find("twitter");
    if (w != on.end() && t != on.end() && !partners[t->second].empty()) ++dual, dual_meet += meets(w->second, t->second);
    if (!lines[person].empty() && x != on.end() && !partners[x->second].empty()) {
      ++pub;
      pub_meet += std::any_of(lines[person].begin(), lines[person].end(), [&](const std::string& k) { return meets(k, x->second); });
    }
  }
  out.second_sims_used = static_cast<double>(used) / std::max(1, seconds);
  out.telegram_meets_whatsapp = static_cast<double>(dual_meet) / std::max(1, dual);
  out.public_meets_phone = static_cast<double>(pub_meet) / std::max(1, pub);
  return out;
}

// The spread knobs do what they say: off (the default) a second SIM carries nothing and a
// person's public account and second app reach few of the people his phone reaches; at the
// documented spread setting (and both apps at 0.3) they do, and less so when hard.
TEST(SimulateSpread, SecondSimsAppsAndPublicAccountsCarryTheOwnersTies) {
  SimulationConfig base = SmallConfig(5), none = SmallConfig(5), hard = SmallConfig(5);
  for (SimulationConfig* c : {&base, &hard}) {
    c->public_social_ties = 0.4;
    c->public_social_talk = 0.5;
    c->second_sim_ties = 0.6;
    c->dual_app_ties = 0.3;
  }
  hard.difficulty = "hard";
  const SpreadShares d = MeasureSpread(Generate(base, "spread_default"));
  const SpreadShares n = MeasureSpread(Generate(none, "spread_none"));
  const SpreadShares h = MeasureSpread(Generate(hard, "spread_hard"));
  EXPECT_EQ(n.second_sims_used, 0.0);
  EXPECT_GT(d.second_sims_used, 0.5);
  EXPECT_LT(h.second_sims_used, d.second_sims_used);
  EXPECT_GT(d.telegram_meets_whatsapp, n.telegram_meets_whatsapp + 0.15);
  EXPECT_LT(h.telegram_meets_whatsapp, d.telegram_meets_whatsapp);
  EXPECT_GT(d.public_meets_phone, n.public_meets_phone + 0.15);
  EXPECT_LT(h.public_meets_phone, d.public_meets_phone);
}

// People who die or are arrested for reasons of their own stop sending at their status time
// (their accounts used to carry on, which made "active after death" meaningless).
TEST_F(SimulatedCase, NoOneSendsAfterTheirOwnDeathOrArrestExceptTakenOverAccounts) {
  std::map<std::string, TimeMs> status_time;
  for (const auto& p : (*truth_)["persons"]) {
    if (p["status"] != "active" && !p["status_time"].get<std::string>().empty()) status_time[p["id"]] = *ParseTime(p["status_time"].get<std::string>());
  }
  ASSERT_FALSE(status_time.empty());
  // The first owner of each key, and whether the key ever changed hands (a takeover).
  std::map<std::string, std::string> first_owner;
  std::set<std::string> changed_hands;
  for (const auto& a : (*truth_)["accounts"]) {
    first_owner[a["key"]] = a["owners"][0]["person"];
    if (a["owners"].size() > 1) changed_hands.insert(a["key"].get<std::string>());
  }
  int late = 0;
  for (const auto& e : events_->rows) {
    auto it = first_owner.find(e[3]);
    if (it == first_owner.end() || changed_hands.count(e[3])) continue;
    auto st = status_time.find(it->second);
    // A conversation under way at the moment may run on for minutes; an hour is well past it.
    if (st != status_time.end() && *ParseTime(e[0]) > st->second + kHourMs) ++late;
  }
  EXPECT_EQ(late, 0);
}

TEST(Simulate, RejectsOutOfRangeIdentityKnobs) {
  SimulationConfig config;
  config.handle_reuse = 1.5;
  EXPECT_EQ(Validate(config).code(), Status::Code::kInvalidArgument);
  config = SimulationConfig();
  config.second_sim_ties = -0.1;
  EXPECT_EQ(Validate(config).code(), Status::Code::kInvalidArgument);
  config = SimulationConfig();
  config.difficulty = "extreme";
  EXPECT_EQ(Validate(config).code(), Status::Code::kInvalidArgument);
  config.difficulty = "hard";
  EXPECT_TRUE(Validate(config).ok());
}

// The Done-when of the issue: `linchpin simulate --seed 7 --out DIR`, then `linchpin ingest`.
TEST(SimulateCli, SimulatedCaseIngests) {
  if (!fs::exists(LINCHPIN_BIN)) GTEST_SKIP() << "no linchpin binary";
  const fs::path dir = fs::path(testing::TempDir()) / ("linchpin_sim_cli_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string simulate = std::string(LINCHPIN_BIN) + " simulate --seed 7 --people 200 --days 20 --out " + dir.string();
  ASSERT_EQ(std::system(simulate.c_str()), 0) << simulate;
  for (const char* file : {"persons.csv", "accounts.csv", "events.csv", "incidents.csv", "relations.csv", "platforms.csv", "truth.json"}) {
    EXPECT_TRUE(fs::exists(dir / file)) << file;
  }
  const std::string ingest = std::string(LINCHPIN_BIN) + " ingest " + (dir / "case.linchpin").string() + " " +
                             (dir / "*.csv").string() + " > /dev/null";
  EXPECT_EQ(std::system(ingest.c_str()), 0) << ingest;
}

}  // namespace
}  // namespace linchpin::simulate
