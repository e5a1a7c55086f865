// The background population: people in ten countries, their phones and app and public accounts,
// and the ties that carry everyday communication — families, workplaces, friends, acquaintances,
// follows on the public platform — plus the decoys that look suspicious without being so
// (journalists, researchers, a preacher, call-centre hubs, sympathizers).
//
// Structure follows what mobile-phone studies report: heavy-tailed degrees from a Pareto
// "activity" fitness and preferential partner choice; strong ties inside small dense groups and
// weak ties between them (Onnela et al., PNAS 104:7332, 2007); heavy-tailed tie weights
// (Onnela: P(w) ~ w^-1.9); reciprocity by a per-tie initiator balance. The timing of each tie's
// sessions is in event_stream.cc.
//
// The builder helpers here are shared with covert.cc, so covert members get accounts and ties
// made by exactly the same code as everyone else (nothing in their form gives them away).
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "simulate/rng.h"
#include "simulate/simulate.h"
#include "simulate/world.h"

namespace linchpin::simulate {

// What a social tie is, for how it spreads over the two people's accounts (Connect).
// kOccasional: a contact called once a season or for work of one side (a plumber, a journalist
// calling a family, a preacher's counselling), which is not followed on the public platform.
enum class TieContext : uint8_t { kHousehold, kWork, kFriend, kOccasional };

// The rates of a tie's spread over accounts once the difficulty is applied (simulate.h knobs;
// `hard` halves them, `easy` raises them by 30%, as for the identity rates).
struct SpreadRates {
  double public_social_ties, public_social_talk, second_sim_ties, dual_app_ties;
};
SpreadRates EffectiveSpreadRates(const SimulationConfig& config);

class WorldBuilder {
 public:
  WorldBuilder(const SimulationConfig& config, World& world, Rng& rng);

  // Background population, communities, ties and decoys.
  void BuildBackground();

  // --- helpers shared with covert.cc -------------------------------------------------------
  uint32_t AddPerson(int country, const std::string& heritage_language, Role role);
  // An account opened at `created` (kNoTime: some years before the scenario).
  uint32_t AddAccount(uint32_t person, Plat platform, TimeMs created = kNoTime, bool covert = false);
  uint32_t AddBurnerPhone(uint32_t person, int country, TimeMs created, TimeMs closed);
  uint32_t AddChannel(uint32_t admin_account);
  // A tie; its interval is clipped to both endpoints' lifetimes. Returns its index.
  uint32_t AddTie(uint32_t a, uint32_t b, TieKind kind, Plat platform, double sessions_per_day,
                  TimeMs start = kNoTime, TimeMs end = kNoTime);
  // Everyday ties between two people on the channels both have: the phone (a second SIM takes
  // part of it, workplace ties first), a shared app (sometimes both apps), and for people who
  // know each other offline, sometimes a mutual follow on the public platform.
  void Connect(uint32_t p, uint32_t q, double sessions_per_day, TimeMs start = kNoTime, TimeMs end = kNoTime,
               TieContext context = TieContext::kFriend);
  // p follows q's public account (a follow event if it happens inside the scenario) and
  // sometimes talks to it publicly, until `end`.
  void Follow(uint32_t p_account, uint32_t q_account, TimeMs when, double talk_rate, TimeMs end = kNoTime);
  void Join(uint32_t account, uint32_t channel, TimeMs when);
  void Script(TimeMs time, uint32_t tie, ScriptKind kind, uint8_t event_kind = 0, uint32_t media = kNone);
  uint32_t AddMedia();
  // Suspends a public account at `when` and opens its successor a few hours later under a new
  // handle; moves the account's ties from then on. Returns the new account. `ties_of_account`,
  // when given, lists the account's ties (saves a scan of all ties when re-registering many).
  uint32_t Reregister(uint32_t account, TimeMs when, const char* reason,
                      const std::vector<uint32_t>* ties_of_account = nullptr);
  // For every account, the ties that touch it now.
  std::vector<std::vector<uint32_t>> TiesByAccount() const;

  // People by country, for picking partners; background only.
  const std::vector<uint32_t>& PeopleIn(int country) const { return by_country_[country]; }
  uint32_t RandomBackgroundPerson(int country = -1);
  std::vector<uint32_t>& FamilyOf(uint32_t person) { return families_[world_.persons[person].community]; }
  bool HaveTie(uint32_t p, uint32_t q) const;
  // A heavy-tailed tie rate with mean `base` (Pareto, Onnela's weight exponent 1.9).
  double TieStrength(double base);
  TimeMs DayStart(int day) const { return world_.start + day * kDayMs; }
  Rng& rng() { return rng_; }

 private:
  void BuildFamilies();
  void BuildWorkplaces();
  void BuildFriendships();
  void BuildPublicLife();
  void BuildDecoys();
  void OpenAccounts(uint32_t person);
  void WritePhone(Account& account, int country);
  void ConnectPhones(uint32_t p, uint32_t q, double sessions_per_day, TimeMs start, TimeMs end, TieContext context);
  void ConnectApps(uint32_t p, uint32_t q, double sessions_per_day, TimeMs start, TimeMs end);
  void ConnectPublic(uint32_t p, uint32_t q, TimeMs start, TimeMs end);
  // The person's second SIM (a phone that is neither the first nor a burner), or kNone.
  uint32_t SecondLine(uint32_t person) const;
  bool SpreadChance(double rate);

  const SimulationConfig& config_;
  const SpreadRates spread_;
  World& world_;
  Rng& rng_;
  std::vector<std::vector<uint32_t>> by_country_;
  std::vector<std::vector<uint32_t>> families_;
  std::vector<double> popularity_;           // per person, for preferential follows
  std::unordered_set<std::string> used_numbers_, used_handles_;
  std::unordered_set<uint64_t> person_pairs_;  // ties that exist between two people
};

}  // namespace linchpin::simulate
