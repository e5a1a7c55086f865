// The covert network, decoys, incidents and case file. See covert.h for the model and sources.
#include "simulate/covert.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "model/case.h"
#include "simulate/activity_clock.h"
#include "simulate/names.h"

namespace linchpin::simulate {
namespace {

// Theater commanders are assigned by language region (Callimachi 2017: French-, English- and
// German-speaking planners handled recruits from their own language area).
struct Region {
  const char* language;
  std::vector<const char*> countries;
};
const std::vector<Region>& Regions() {
  static const std::vector<Region> kRegions = {
      {"fr", {"FR", "BE", "MA", "ES"}}, {"en", {"GB", "US"}}, {"de", {"DE", "TR"}}};
  return kRegions;
}

uint8_t Kind(EventKind k) { return static_cast<uint8_t>(k); }

struct Planner {
  uint32_t person = kNone;
  int region = 0;
  uint32_t commander = kNone;
  std::vector<uint32_t> app_accounts;  // telegram accounts
  uint32_t twitter = kNone;            // the first public account (successors by reregistration)
  uint32_t channel = kNone;            // channel endpoint
  uint32_t channel_tie = kNone;
  int burners_made = 0;
  TimeMs removed = kNoTime;
};

struct Recruit {
  uint32_t person = kNone;
  size_t planner = 0;
  bool used = false;
};

enum class Style { kDirected, kAssisted, kFoiled, kIdle };

struct Plan {
  TimeMs time = 0;
  Style style = Style::kDirected;
  bool lone = false, joint = false;
  std::vector<size_t> recruits;  // indices into Covert::recruits_
  uint32_t lone_actor = kNone;
  size_t planner = 0;
};

class Covert {
 public:
  Covert(const SimulationConfig& config, WorldBuilder& builder, World& world)
      : config_(config), b_(builder), w_(world), rng_(builder.rng()) {}

  void Build() {
    BuildHierarchy();
    BuildRecruits();
    BuildDecoys();
    BuildBackgroundNoise();
    ReregisterPublicAccounts();
    PlanIncidents();
    PlanRemoval();
    for (const Plan& plan : plans_) ScriptPlan(plan);
    ScriptIdleRecruits();
  }

 private:
  TimeMs Span() const { return w_.end - w_.start; }
  TimeMs At(double fraction) const { return w_.start + static_cast<TimeMs>(fraction * static_cast<double>(Span())); }
  TimeMs Hours(double h) const { return static_cast<TimeMs>(h * kHourMs); }
  TimeMs Days(double d) const { return static_cast<TimeMs>(d * kDayMs); }
  Person& P(uint32_t person) { return w_.persons[person]; }

  // A covert member living in the theater, named as a foreign fighter from `origin`.
  uint32_t AddMember(Role role, int origin, int residence) {
    const Country& from = Countries()[origin];
    const std::string heritage = rng_.Chance(0.75) ? "ar" : from.languages[0];
    const uint32_t person = b_.AddPerson(residence, heritage, role);
    members_.push_back(person);
    Person& p = P(person);
    if (std::find(p.languages.begin(), p.languages.end(), from.languages[0]) == p.languages.end()) p.languages.push_back(from.languages[0]);
    if (std::find(p.languages.begin(), p.languages.end(), std::string("ar")) == p.languages.end()) p.languages.push_back("ar");
    p.name.female = false;
    AddNomDeGuerre(rng_, p.name, from.nisba);
    p.born = std::to_string(rng_.Between(1975, 1996));
    b_.AddAccount(person, Plat::kPhone);
    // Ordinary cover: neighbours in the theater and family back home, like anyone's ties.
    for (int k = 0, n = static_cast<int>(rng_.Between(3, 8)); k < n; ++k) b_.Connect(person, b_.RandomBackgroundPerson(residence), 0.15);
    for (int k = 0; k < 2; ++k) b_.Connect(person, b_.RandomBackgroundPerson(origin), 0.3);
    return person;
  }

  int Theater() { return CountryIndex(rng_.Chance(0.6) ? "SY" : rng_.Chance(0.6) ? "IQ" : "TR"); }

  void BuildHierarchy() {
    chief_ = AddMember(Role::kChief, CountryIndex("IQ"), CountryIndex("SY"));
    const uint32_t chief_app = b_.AddAccount(chief_, Plat::kTelegram, kNoTime, true);
    const int commanders = std::clamp(config_.commanders, 1, static_cast<int>(Regions().size()));
    std::vector<uint32_t> commander_apps;
    for (int c = 0; c < commanders; ++c) {
      const int origin = CountryIndex(Regions()[c].countries[0]);
      const uint32_t commander = AddMember(Role::kCommander, origin, Theater());
      commanders_.push_back(commander);
      commander_apps.push_back(b_.AddAccount(commander, Plat::kTelegram, kNoTime, true));
      b_.AddTie(chief_app, commander_apps.back(), TieKind::kChat, Plat::kTelegram, 0.25);
      w_.chain_of_command.push_back({chief_, commander});
    }
    for (int i = 0; i < config_.cells; ++i) {
      Planner planner;
      const int c = i % commanders;
      planner.region = c;
      planner.commander = commanders_[c];
      const auto& region = Regions()[c].countries;
      planner.person = AddMember(Role::kPlanner, CountryIndex(region[rng_.Below(region.size())]), Theater());
      for (int k = 0; k < std::max(1, config_.handler_accounts); ++k) {
        // The first account is old; later ones are opened as the work grows.
        const TimeMs created = k == 0 ? kNoTime : At(rng_.Uniform(-0.5, 0.3));
        planner.app_accounts.push_back(b_.AddAccount(planner.person, Plat::kTelegram, created, true));
      }
      planner.twitter = b_.AddAccount(planner.person, Plat::kTwitter, kNoTime, true);
      b_.AddTie(planner.twitter, kNone, TieKind::kPostStream, Plat::kTwitter, 2.5);
      planner.channel = b_.AddChannel(planner.app_accounts[0]);
      planner.channel_tie = b_.AddTie(planner.app_accounts[0], planner.channel, TieKind::kChannelStream, Plat::kTelegram, 1.2);
      b_.AddTie(commander_apps[c], planner.app_accounts[0], TieKind::kChat, Plat::kTelegram, 0.4);
      w_.chain_of_command.push_back({planner.commander, planner.person});
      planners_.push_back(std::move(planner));
    }
  }

  // Recruits are ordinary young people of the planner's region, with their families and friends.
  void BuildRecruits() {
    for (size_t p = 0; p < planners_.size(); ++p) {
      std::vector<const char*> countries = Regions()[planners_[p].region].countries;
      rng_.Shuffle(countries);  // different countries at the same time
      for (int r = 0; r < config_.recruits_per_cell; ++r) {
        const uint32_t person = PickRecruit(CountryIndex(countries[r % countries.size()]));
        if (person == kNone) continue;
        recruits_.push_back({person, p, false});
      }
    }
  }

  uint32_t PickRecruit(int country) {
    for (int attempt = 0; attempt < 200; ++attempt) {
      const uint32_t person = b_.RandomBackgroundPerson(attempt < 100 ? country : -1);
      Person& p = P(person);
      if (p.role != Role::kBackground) continue;
      // Recruits skew Arabic-heritage but include converts (roughly a quarter in European data).
      if (!p.name.arabic_origin && rng_.Chance(0.7)) continue;
      p.role = Role::kRecruit;
      p.born = std::to_string(2026 - rng_.Between(16, 31)) + p.born.substr(std::min<size_t>(4, p.born.size()));
      if (p.name.arabic_origin && rng_.Chance(0.6)) AddNomDeGuerre(rng_, p.name, Countries()[p.country].nisba);
      if (w_.AccountOn(person, Plat::kTwitter) == kNone) b_.AddAccount(person, Plat::kTwitter);
      for (uint32_t relative : b_.FamilyOf(person)) {
        if (relative != person && P(relative).role == Role::kBackground) P(relative).role = Role::kFamily;
      }
      // An old friend in heavy contact: strong, long-standing, and unrelated to the plot.
      const uint32_t old_friend = b_.RandomBackgroundPerson(p.country);
      if (P(old_friend).role == Role::kBackground) {
        P(old_friend).role = Role::kFriend;
        b_.Connect(person, old_friend, 1.5);
        friends_.push_back({person, old_friend});
      }
      return person;
    }
    return kNone;
  }

  void BuildDecoys() {
    for (int i = 0; i < config_.preachers; ++i) BuildPreacher();
    const std::vector<const char*> media_countries = {"FR", "GB", "DE", "US", "BE"};
    for (int i = 0; i < config_.journalists + config_.researchers; ++i) {
      const bool journalist = i < config_.journalists;
      const int country = CountryIndex(media_countries[rng_.Below(media_countries.size())]);
      const uint32_t person = b_.AddPerson(country, rng_.Chance(0.3) ? "ar" : Countries()[country].languages[0],
                                           journalist ? Role::kJournalist : Role::kResearcher);
      b_.AddAccount(person, Plat::kPhone);
      b_.AddAccount(person, Plat::kTwitter);
      b_.AddAccount(person, Plat::kTelegram);
      if (rng_.Chance(0.6)) b_.AddAccount(person, Plat::kWhatsapp);
      for (int k = 0; k < 25; ++k) b_.Connect(person, b_.RandomBackgroundPerson(country), 0.12);
      b_.AddTie(w_.AccountOn(person, Plat::kTwitter), kNone, TieKind::kPostStream, Plat::kTwitter, 1.5);
      (journalist ? journalists_ : researchers_).push_back(person);
      // They follow and talk to extremists openly, and join their channels.
      for (Planner& planner : planners_) {
        b_.Follow(w_.AccountOn(person, Plat::kTwitter), planner.twitter, At(rng_.Uniform(-1, 0.3)), journalist ? 0.12 : 0.06);
        b_.Join(w_.AccountOn(person, Plat::kTelegram), planner.channel, At(rng_.Uniform(-0.2, 0.4)));
      }
      for (uint32_t preacher : preachers_) b_.Follow(w_.AccountOn(person, Plat::kTwitter), w_.AccountOn(preacher, Plat::kTwitter), kNoTime, 0.1);
      // Interviews: a few weeks of encrypted messages with a planner or two.
      for (int k = 0, n = journalist ? 2 : 1; k < n && !planners_.empty(); ++k) {
        const Planner& planner = planners_[rng_.Below(planners_.size())];
        const TimeMs from = At(rng_.Uniform(0, 0.7));
        b_.AddTie(w_.AccountOn(person, Plat::kTelegram), planner.app_accounts[0], TieKind::kChat, Plat::kTelegram, 0.6, from, from + Days(rng_.Uniform(7, 25)));
      }
      if (!journalist) {
        for (const Recruit& r : recruits_) {
          if (rng_.Chance(0.5)) b_.Follow(w_.AccountOn(person, Plat::kTwitter), w_.AccountOn(r.person, Plat::kTwitter), kNoTime, 0.03);
        }
      }
    }
    // Sympathizers repost propaganda and join channels but are never groomed.
    for (uint32_t person = 0; person < w_.persons.size(); ++person) {
      const Person& p = P(person);
      if (p.role != Role::kBackground || w_.AccountOn(person, Plat::kTwitter) == kNone) continue;
      if (!rng_.Chance(p.name.arabic_origin ? 0.06 : 0.008)) continue;
      P(person).role = Role::kSympathizer;
      sympathizers_.push_back(person);
      const uint32_t twitter = w_.AccountOn(person, Plat::kTwitter);
      for (int k = 0, n = static_cast<int>(rng_.Between(1, 3)); k < n && !planners_.empty(); ++k) {
        const Planner& planner = planners_[rng_.Below(planners_.size())];
        b_.Follow(twitter, planner.twitter, At(rng_.Uniform(-1, 0.6)), b_.TieStrength(0.15));
        const uint32_t app = w_.AccountOn(person, Plat::kTelegram);
        if (app != kNone) b_.Join(app, planner.channel, At(rng_.Uniform(-0.1, 0.8)));
      }
      for (uint32_t preacher : preachers_) b_.Follow(twitter, w_.AccountOn(preacher, Plat::kTwitter), kNoTime, 0.08);
    }
  }

  void BuildPreacher() {
    const std::vector<const char*> countries = {"BE", "GB", "FR"};
    const int country = CountryIndex(countries[rng_.Below(countries.size())]);
    const uint32_t person = b_.AddPerson(country, "ar", Role::kPreacher);
    P(person).name.female = false;
    AddNomDeGuerre(rng_, P(person).name, Countries()[country].nisba);
    b_.AddAccount(person, Plat::kPhone);
    const uint32_t twitter = b_.AddAccount(person, Plat::kTwitter);
    const uint32_t app = b_.AddAccount(person, Plat::kTelegram);
    b_.AddAccount(person, Plat::kWhatsapp);
    b_.AddTie(twitter, kNone, TieKind::kPostStream, Plat::kTwitter, 4);
    const uint32_t channel = b_.AddChannel(app);
    b_.AddTie(app, channel, TieKind::kChannelStream, Plat::kTelegram, 2);
    preachers_.push_back(person);
    // A large following among Arabic-heritage users, some talking back; counselling chats.
    for (uint32_t q = 0; q < w_.persons.size(); ++q) {
      const uint32_t follower = w_.AccountOn(q, Plat::kTwitter);
      if (q == person || follower == kNone) continue;
      const bool recruit = P(q).role == Role::kRecruit;
      if (!recruit && !rng_.Chance(P(q).name.arabic_origin ? 0.3 : 0.02)) continue;
      b_.Follow(follower, twitter, At(rng_.Uniform(-2, 1)), rng_.Chance(0.3) ? 0.08 : 0);
      const uint32_t member = w_.AccountOn(q, Plat::kTelegram);
      if (member != kNone && rng_.Chance(0.4)) b_.Join(member, channel, At(rng_.Uniform(-1, 1)));
      // Counselling is the preacher's work, not a friendship: no follow back.
      if (rng_.Chance(recruit ? 0.5 : 0.05)) b_.Connect(q, person, 0.3, kNoTime, kNoTime, TieContext::kOccasional);
    }
    for (int k = 0; k < 15; ++k) b_.Connect(person, b_.RandomBackgroundPerson(country), 0.2);
  }

  // Things that look like covert tradecraft in ordinary lives: prepaid second phones, new app
  // accounts opened mid-scenario, suspended and re-registered public accounts.
  void BuildBackgroundNoise() {
    const size_t people = w_.persons.size();
    for (uint32_t person = 0; person < people; ++person) {
      if (P(person).role != Role::kBackground && P(person).role != Role::kSympathizer) continue;
      if (rng_.Chance(0.02)) {
        const TimeMs from = At(rng_.Uniform(0, 0.8));
        const uint32_t burner = b_.AddBurnerPhone(person, P(person).country, from, from + Days(rng_.Uniform(5, 30)));
        for (int k = 0, n = static_cast<int>(rng_.Between(1, 4)); k < n; ++k) {
          const uint32_t other = w_.AccountOn(b_.RandomBackgroundPerson(P(person).country), Plat::kPhone);
          if (other != kNone) b_.AddTie(burner, other, TieKind::kPhone, Plat::kPhone, rng_.Uniform(0.3, 1.5));
        }
      }
      if (rng_.Chance(0.03) && w_.AccountOn(person, Plat::kTelegram) == kNone) {
        b_.AddAccount(person, Plat::kTelegram, At(rng_.Uniform(0, 0.9)));
        const uint32_t other = b_.RandomBackgroundPerson(P(person).country);
        if (w_.AccountOn(other, Plat::kTelegram) != kNone) b_.Connect(person, other, 0.3);
      }
    }
  }

  void ReregisterPublicAccounts() {
    // Planners' public accounts get suspended and come back under a new handle, once or twice.
    for (Planner& planner : planners_) {
      TimeMs when = At(rng_.Uniform(0.15, 0.6));
      uint32_t account = planner.twitter;
      for (int k = 0; k < (rng_.Chance(0.5) ? 2 : 1); ++k) {
        account = b_.Reregister(account, when, "suspended");
        when += Days(rng_.Uniform(10, 30));
        if (when >= w_.end) break;
      }
    }
    // So do some ordinary accounts (spam flags, forgotten passwords).
    const std::vector<std::vector<uint32_t>> ties_by_account = b_.TiesByAccount();
    for (uint32_t a = 0; a < ties_by_account.size(); ++a) {
      const Account& acc = w_.accounts[a];
      if (acc.platform != Plat::kTwitter || acc.closed != kNoTime || IsCovert(P(acc.owner).role)) continue;
      if (rng_.Chance(0.02)) b_.Reregister(a, At(rng_.Uniform(0.05, 0.9)), rng_.Chance(0.5) ? "suspended" : "deleted", &ties_by_account[a]);
    }
  }

  void PlanIncidents() {
    const int total = std::max(0, config_.incidents);
    const int lone = std::min(total, std::max(0, config_.lone_actors));
    const int handled = total - lone;
    std::vector<Style> styles;
    const bool joint = handled >= 3 && config_.recruits_per_cell >= 2;
    styles.assign(handled, Style::kDirected);
    // Roles of the handled incidents: [joint directed], [assisted], foiled..., directed...
    size_t next = joint ? 1 : 0;
    if (handled >= 4 && next < styles.size()) styles[next++] = Style::kAssisted;
    for (int f = 0; f < config_.foiled && next < styles.size(); ++f) styles[next++] = Style::kFoiled;
    size_t planner = 0;
    for (int i = 0; i < handled; ++i) {
      Plan plan;
      plan.style = styles[i];
      plan.joint = joint && i == 0;
      plan.time = At(rng_.Uniform(0.4, 0.97));
      const size_t needed = plan.joint ? 2 : 1;
      for (size_t tries = 0; tries < planners_.size() && plan.recruits.size() < needed; ++tries, ++planner) {
        plan.recruits.clear();
        const size_t p = planner % planners_.size();
        for (size_t r = 0; r < recruits_.size() && plan.recruits.size() < needed; ++r) {
          if (recruits_[r].planner == p && !recruits_[r].used) plan.recruits.push_back(r);
        }
        plan.planner = p;
      }
      ++planner;
      if (plan.recruits.size() < needed) {
        if (plan.joint && plan.recruits.size() == 1) plan.joint = false;
        else continue;  // not enough recruits for this incident: fewer incidents than asked
      }
      for (size_t r : plan.recruits) recruits_[r].used = true;
      plans_.push_back(plan);
    }
    for (int i = 0; i < lone; ++i) {
      Plan plan;
      plan.lone = true;
      plan.time = At(rng_.Uniform(0.3, 0.97));
      plan.lone_actor = PickLoneActor();
      if (plan.lone_actor == kNone) continue;
      plan.style = i == 0 ? Style::kDirected : Style::kIdle;  // first: inspired; further: no exposure
      plans_.push_back(plan);
    }
    std::sort(plans_.begin(), plans_.end(), [](const Plan& x, const Plan& y) { return x.time < y.time; });
  }

  uint32_t PickLoneActor() {
    for (int attempt = 0; attempt < 200; ++attempt) {
      const uint32_t person = b_.RandomBackgroundPerson();
      if (P(person).role != Role::kBackground) continue;
      // Genuinely alone: no prior tie to anyone in the network (a planner's cousin would not be).
      bool tied = false;
      for (uint32_t member : members_) tied |= b_.HaveTie(person, member);
      if (tied) continue;
      P(person).role = Role::kLoneActor;
      P(person).born = std::to_string(2026 - rng_.Between(17, 45));
      if (w_.AccountOn(person, Plat::kTwitter) == kNone) b_.AddAccount(person, Plat::kTwitter);
      for (uint32_t relative : b_.FamilyOf(person)) {
        if (relative != person && P(relative).role == Role::kBackground) P(relative).role = Role::kFamily;
      }
      return person;
    }
    return kNone;
  }

  TimeMs GroomStart(const Plan& plan) {
    const double weeks = rng_.Uniform(3, 9);
    return std::max(w_.start + Days(1), plan.time - Days(7 * weeks));
  }

  // One planner is killed mid-scenario; a planner of the same commander takes over his recruits.
  void PlanRemoval() {
    successor_.assign(planners_.size(), 0);
    if (!config_.planner_removal || planners_.size() < 2) return;
    for (Plan& plan : plans_) {
      if (plan.lone || plan.time < At(0.5)) continue;
      Planner& planner = planners_[plan.planner];
      if (planner.removed != kNoTime) continue;
      const TimeMs removed = plan.time - Days(rng_.Uniform(8, 16));
      if (removed < At(0.2)) continue;
      bool later_incident = false;  // keep it simple: the planner has only this incident left
      for (const Plan& other : plans_) later_incident |= !other.lone && other.planner == plan.planner && other.time > removed && &other != &plan;
      if (later_incident) continue;
      planner.removed = removed;
      size_t successor = (plan.planner + 1) % planners_.size();
      for (size_t s = 0; s < planners_.size(); ++s) {
        if (s != plan.planner && planners_[s].commander == planner.commander) { successor = s; break; }
      }
      successor_[plan.planner] = successor;
      P(planner.person).status = rng_.Chance(0.7) ? "dead" : "arrested";
      P(planner.person).status_time = removed;
      P(planner.person).in_case_file = true;
      Silence(planner.person, removed);
      for (const Recruit& r : recruits_) {
        if (r.planner == plan.planner) w_.reassignments.push_back({r.person, planner.person, planners_[successor].person, removed});
      }
      return;
    }
  }

  // Ends every tie of a person's accounts at t (death, arrest: the phone goes silent).
  void Silence(uint32_t person, TimeMs t) {
    for (Tie& tie : w_.ties) {
      if (tie.end <= t) continue;
      for (uint32_t endpoint : {tie.a, tie.b}) {
        if (endpoint == kNone) continue;
        const uint32_t account = (endpoint & kChannelFlag) ? w_.channels[endpoint & ~kChannelFlag].admin_account : endpoint;
        if (w_.accounts[account].owner == person) tie.end = t;
      }
    }
  }

  // Sessions on a tie over [from, to): a base rate plus a peak that grows as `target` nears
  // (e-folding time tau days), at times drawn by the local daily rhythm.
  void ScriptSessions(uint32_t tie, TimeMs from, TimeMs to, double base, double peak, TimeMs target, double tau_days) {
    const int offset = w_.ties[tie].utc_offset_h;
    for (TimeMs day = from - (from - w_.start) % kDayMs; day < to; day += kDayMs) {
      const double days_left = static_cast<double>(target - (day + kDayMs / 2)) / kDayMs;
      const double expected = base + peak * std::exp(-std::max(0.0, days_left) / tau_days);
      for (int k = rng_.Poisson(expected); k > 0; --k) {
        const TimeMs t = clock_.DrawInDay(rng_, day, offset);
        if (t >= from && t < to) b_.Script(t, tie, ScriptKind::kSession);
      }
    }
  }

  uint32_t ChatTie(uint32_t handler_app, uint32_t recruit, TimeMs from, TimeMs to) {
    uint32_t app = w_.AccountOn(recruit, Plat::kTelegram, from);
    if (app == kNone) app = w_.AccountOn(recruit, Plat::kTelegram);
    if (app == kNone || w_.accounts[app].created > from) {
      // The recruit opens a new app account when asked to move off the public platform.
      app = b_.AddAccount(recruit, Plat::kTelegram, from - Hours(rng_.Uniform(1, 48)), true);
    }
    const uint32_t tie = b_.AddTie(handler_app, app, TieKind::kChat, Plat::kTelegram, 0, from, to);
    w_.ties[tie].utc_offset_h = static_cast<int8_t>(P(recruit).utc_offset_h);
    w_.ties[tie].reply_prob = 0.85f;
    return tie;
  }

  // The public phase: the recruit follows and reposts the planner, who replies and mentions
  // him ("contact me"), then the first private message.
  void ScriptRecruitment(const Planner& planner, uint32_t recruit, TimeMs groom_start) {
    const TimeMs public_start = groom_start - Days(rng_.Uniform(3, 12));
    const uint32_t recruit_public = w_.AccountOn(recruit, Plat::kTwitter);
    const uint32_t planner_public = PublicAccountAt(planner, std::max(public_start, w_.start));
    if (recruit_public == kNone || planner_public == kNone) return;
    b_.Follow(recruit_public, planner_public, public_start, 0.5);
    const TimeMs mention_from = std::max(public_start, w_.start) + Hours(2);
    const uint32_t back = b_.AddTie(planner_public, recruit_public, TieKind::kPublicTalk, Plat::kTwitter, 0.15, mention_from, groom_start + Days(5));
    for (int k = 0; k < 2; ++k) {
      const TimeMs t = mention_from + static_cast<TimeMs>(rng_.Uniform() * static_cast<double>(std::max<TimeMs>(groom_start - mention_from, kHourMs)));
      b_.Script(t, back, ScriptKind::kSingle, Kind(EventKind::kMention));
    }
    const uint32_t member = w_.AccountOn(recruit, Plat::kTelegram);
    if (member != kNone) b_.Join(member, planner.channel, public_start + Days(rng_.Uniform(0, 3)));
  }

  uint32_t PublicAccountAt(const Planner& planner, TimeMs t) {
    uint32_t account = planner.twitter;
    for (bool moved = true; moved;) {
      moved = false;
      const Account& acc = w_.accounts[account];
      if (acc.closed == kNoTime || t < acc.closed) break;
      for (const auto& rr : w_.reregistrations) {
        if (rr.old_account == account) { account = rr.new_account; moved = true; break; }
      }
    }
    return account;
  }

  // Private grooming by one planner over [from, to), intensifying toward `target`.
  uint32_t ScriptGrooming(size_t planner_index, uint32_t recruit, TimeMs from, TimeMs to, TimeMs target, Style style,
                          bool first_contact, std::vector<uint32_t>& used_accounts) {
    const Planner& planner = planners_[planner_index];
    const uint32_t handler_app = planner.app_accounts[recruit % planner.app_accounts.size()];
    const uint32_t tie = ChatTie(handler_app, recruit, from, to);
    used_accounts.push_back(handler_app);
    if (first_contact) b_.Script(from, tie, ScriptKind::kSessionFromB);  // he writes first, as told
    const bool assisted = style == Style::kAssisted;
    ScriptSessions(tie, from, to, assisted ? 0.25 : 0.5, assisted ? 0 : 7, target, 6);
    return tie;
  }

  void ScriptFinalHours(uint32_t tie, TimeMs incident) {
    const TimeMs stop = Hours(config_.contact_stop_minutes / 60.0);
    for (double hours : {rng_.Uniform(5, 9), rng_.Uniform(1.5, 3), 0.0}) {
      b_.Script(incident - stop - Hours(hours) - static_cast<TimeMs>(rng_.Uniform() * 3 * kMinuteMs), tie, ScriptKind::kSession);
    }
  }

  void ScriptBurnerCalls(Planner& planner, uint32_t recruit, TimeMs incident, std::vector<uint32_t>& used_accounts) {
    if (planner.burners_made >= config_.burners) return;
    const uint32_t recruit_phone = w_.AccountOn(recruit, Plat::kPhone);
    if (recruit_phone == kNone) return;
    ++planner.burners_made;
    const TimeMs from = std::max(w_.start, incident - Days(rng_.Uniform(12, 25)));
    const int country = rng_.Chance(0.5) ? P(recruit).country : CountryIndex("TR");
    const uint32_t burner = b_.AddBurnerPhone(planner.person, country, from, incident + Days(rng_.Uniform(1, 5)));
    used_accounts.push_back(burner);
    const uint32_t tie = b_.AddTie(burner, recruit_phone, TieKind::kPhone, Plat::kPhone, 0, from, incident);
    w_.ties[tie].utc_offset_h = static_cast<int8_t>(P(recruit).utc_offset_h);
    ScriptSessions(tie, from, incident - Hours(config_.contact_stop_minutes / 60.0), 0.2, 1.5, incident, 4);
  }

  uint32_t FindTie(uint32_t a, uint32_t b) {
    for (uint32_t i = 0; i < w_.ties.size(); ++i) {
      const Tie& t = w_.ties[i];
      if ((t.a == a && t.b == b) || (t.a == b && t.b == a)) return i;
    }
    return kNone;
  }

  // A relative rings shortly before: family contact is heavy and unrelated to the plot.
  void ScriptFamilyCall(uint32_t perpetrator, TimeMs incident) {
    const uint32_t phone = w_.AccountOn(perpetrator, Plat::kPhone);
    for (uint32_t relative : b_.FamilyOf(perpetrator)) {
      if (relative == perpetrator || phone == kNone) continue;
      const uint32_t tie = FindTie(phone, w_.AccountOn(relative, Plat::kPhone));
      if (tie == kNone) continue;
      b_.Script(incident - Hours(rng_.Uniform(0.2, 2)), tie, ScriptKind::kSessionFromB);
      return;
    }
  }

  void ScriptPlan(const Plan& plan) {
    TruthIncident incident;
    incident.time = plan.time;
    incident.kind = plan.style == Style::kFoiled ? "foiled_plot" : "attack";
    std::vector<uint32_t> perpetrators;
    if (plan.lone) perpetrators.push_back(plan.lone_actor);
    for (size_t r : plan.recruits) perpetrators.push_back(recruits_[r].person);
    for (uint32_t perpetrator : perpetrators) SetOutcome(perpetrator, plan);
    if (plan.lone) {
      ScriptLoneActor(plan, incident);
    } else {
      ScriptHandledPlan(plan, incident);
    }
    const uint32_t lead = incident.perpetrators.front();
    incident.country = P(lead).country;
    incident.place = rng_.Pick(Countries()[incident.country].cities);
    for (uint32_t perpetrator : incident.perpetrators) {
      P(perpetrator).in_case_file = true;
      ScriptFamilyCall(perpetrator, plan.time);
      ScriptJournalists(perpetrator, plan.time);
    }
    w_.incidents.push_back(std::move(incident));
  }

  void ScriptLoneActor(const Plan& plan, TruthIncident& incident) {
    const uint32_t actor = plan.lone_actor;
    incident.perpetrators.push_back(actor);
    incident.verdict = plan.style == Style::kIdle ? "none" : "inspired";
    const uint32_t twitter = w_.AccountOn(actor, Plat::kTwitter);
    if (plan.style == Style::kIdle || twitter == kNone) return;
    // Self-radicalised on public material only: follows, reposts, channel membership.
    const TimeMs from = std::max(w_.start, plan.time - Days(rng_.Uniform(20, 60)));
    for (uint32_t preacher : preachers_) b_.Follow(twitter, w_.AccountOn(preacher, Plat::kTwitter), from, 0.3);
    for (int k = 0; k < 2 && !planners_.empty(); ++k) {
      const Planner& planner = planners_[rng_.Below(planners_.size())];
      const uint32_t followed = PublicAccountAt(planner, from);
      const uint32_t tie = b_.AddTie(twitter, followed, TieKind::kPublicTalk, Plat::kTwitter, 0.5, from, plan.time);
      b_.Script(std::max(from, w_.accounts[followed].created), tie, ScriptKind::kSingle, Kind(EventKind::kFollow));
      const uint32_t app = w_.AccountOn(actor, Plat::kTelegram);
      if (app != kNone) b_.Join(app, planner.channel, from + Days(2));
    }
  }

  void ScriptHandledPlan(const Plan& plan, TruthIncident& incident) {
    const size_t original = plan.planner;
    Planner& first = planners_[original];
    const bool reassigned = first.removed != kNoTime && first.removed < plan.time;
    const size_t final_index = reassigned ? successor_[original] : original;
    Planner& handler = planners_[final_index];
    incident.verdict = plan.style == Style::kAssisted ? "assisted" : "directed";
    const TimeMs stop = plan.time - Hours(config_.contact_stop_minutes / 60.0);
    // An assisted plot gets sporadic help that ends days before; a foiled one ends at the arrest.
    const TimeMs contact_end = plan.style == Style::kAssisted ? plan.time - Days(rng_.Uniform(2, 10)) : stop;
    const TimeMs target = plan.style == Style::kFoiled ? plan.time + Days(rng_.Uniform(1, 6)) : plan.time;
    std::vector<uint32_t> accounts;
    std::vector<uint32_t> final_ties;
    TimeMs earliest_groom = plan.time;
    bool successor_took_over = false;
    for (size_t r : plan.recruits) {
      const uint32_t recruit = recruits_[r].person;
      incident.perpetrators.push_back(recruit);
      const TimeMs groom_start = GroomStart(plan);
      earliest_groom = std::min(earliest_groom, groom_start);
      ScriptRecruitment(first, recruit, groom_start);
      const TimeMs first_end = reassigned ? first.removed : contact_end;
      uint32_t tie = ScriptGrooming(original, recruit, groom_start, std::min(first_end, contact_end), target, plan.style, true, accounts);
      const TimeMs resumed = reassigned ? first.removed + Days(rng_.Uniform(1, 4)) : kNoTime;
      if (reassigned && resumed < contact_end) {
        tie = ScriptGrooming(final_index, recruit, resumed, contact_end, target, plan.style, false, accounts);
        b_.Script(resumed, tie, ScriptKind::kSessionFromA);  // the new handler introduces himself
        successor_took_over = true;
      }
      final_ties.push_back(tie);
      if (plan.style != Style::kAssisted) ScriptFinalHours(tie, plan.time);
      if (plan.style == Style::kDirected) ScriptBurnerCalls(handler, recruit, plan.time, accounts);
    }
    incident.handlers.push_back(first.person);
    if (successor_took_over) incident.handlers.push_back(handler.person);
    std::sort(accounts.begin(), accounts.end());
    accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
    incident.handler_accounts = accounts;
    if (plan.joint && plan.recruits.size() == 2) {
      // An evening or daytime hour of the planner's, 4–12 days before (after both were groomed).
      const TimeMs day = std::max(earliest_groom + Days(3), plan.time - Days(rng_.Uniform(4, 12)));
      const TimeMs when = clock_.DrawInDay(rng_, day - (day - w_.start) % kDayMs, P(handler.person).utc_offset_h);
      ScriptIntroduction(handler, final_ties, incident, std::min(when, plan.time - Days(1)));
    }
    if (plan.style == Style::kDirected || (plan.style == Style::kFoiled && rng_.Chance(0.5))) ScriptPledge(handler, final_ties[0], plan);
    if (plan.style == Style::kDirected) ScriptTakeover(handler, incident.perpetrators[0], plan.time);
  }

  // The planner messages A and B minutes apart, then A writes to B for the first time.
  void ScriptIntroduction(const Planner& planner, const std::vector<uint32_t>& ties, TruthIncident& incident, TimeMs when) {
    const uint32_t a = incident.perpetrators[0], b = incident.perpetrators[1];
    if (b_.HaveTie(a, b)) return;  // they must never have communicated before
    b_.Script(when - Minutes(rng_.Uniform(20, 90)), ties[0], ScriptKind::kSessionFromA);
    b_.Script(when - Minutes(rng_.Uniform(5, 15)), ties[1], ScriptKind::kSessionFromA);
    const uint32_t a_app = w_.ties[ties[0]].b, b_app = w_.ties[ties[1]].b;
    const uint32_t tie = b_.AddTie(a_app, b_app, TieKind::kChat, Plat::kTelegram, 0, when, incident.time);
    b_.Script(when + Minutes(rng_.Uniform(2, 30)), tie, ScriptKind::kSessionFromA);
    ScriptSessions(tie, when + kHourMs, incident.time - Hours(1), 0.5, 4, incident.time, 3);
    w_.introductions.push_back({planner.person, a, b, w_.ties[ties[0]].a, a_app, b_app, when});
  }
  TimeMs Minutes(double m) const { return static_cast<TimeMs>(m * kMinuteMs); }

  // The pledge video goes to the planner before; his channel rebroadcasts it after.
  void ScriptPledge(const Planner& planner, uint32_t tie, const Plan& plan) {
    const uint32_t media = b_.AddMedia();
    b_.Script(plan.time - Hours(rng_.Uniform(6, 72)), tie, ScriptKind::kSingleFromB, Kind(EventKind::kMedia), media);
    if (plan.style == Style::kDirected && planner.removed == kNoTime) {
      b_.Script(plan.time + Hours(rng_.Uniform(2, 30)), planner.channel_tie, ScriptKind::kSingle, Kind(EventKind::kPost), media);
    }
  }

  // The attacker dies; the planner logs into his public account and posts from it.
  void ScriptTakeover(const Planner& planner, uint32_t attacker, TimeMs incident) {
    if (P(attacker).status != "dead") return;
    const uint32_t account = w_.AccountOn(attacker, Plat::kTwitter, incident - kHourMs);
    if (account == kNone || planner.removed != kNoTime) return;
    const TimeMs from = incident + Hours(rng_.Uniform(6, 48)), until = incident + Days(rng_.Uniform(3, 8));
    const uint32_t tie = b_.AddTie(account, kNone, TieKind::kPostStream, Plat::kTwitter, 1.5, from, until);
    w_.ties[tie].utc_offset_h = static_cast<int8_t>(P(planner.person).utc_offset_h);
    b_.Script(from, tie, ScriptKind::kSingle, Kind(EventKind::kPost));
    Account& acc = w_.accounts[account];
    acc.owners.back().until = incident;
    acc.owners.push_back({planner.person, from, until});
    acc.closed = until;
    acc.closed_reason = "suspended";
  }

  // Death or arrest ends the perpetrator's communication at the incident (a foiled plot's
  // incident time is the arrest).
  void SetOutcome(uint32_t perpetrator, const Plan& plan) {
    const bool dies = plan.style != Style::kFoiled && rng_.Chance(0.55);
    P(perpetrator).status = dies ? "dead" : "arrested";
    P(perpetrator).status_time = plan.time + (dies || plan.style == Style::kFoiled ? 0 : Hours(rng_.Uniform(0, 30)));
    Silence(perpetrator, plan.time);
  }

  // Journalists call the family afterwards and mention the attacker's account.
  void ScriptJournalists(uint32_t perpetrator, TimeMs incident) {
    for (uint32_t journalist : journalists_) {
      for (uint32_t relative : b_.FamilyOf(perpetrator)) {
        if (relative != perpetrator && rng_.Chance(0.5)) {
          b_.Connect(journalist, relative, 0.6, incident + Days(1), incident + Days(12), TieContext::kOccasional);
        }
      }
      const uint32_t twitter = w_.AccountOn(perpetrator, Plat::kTwitter, incident - kHourMs);
      const uint32_t own = w_.AccountOn(journalist, Plat::kTwitter);
      if (twitter != kNone && own != kNone) {
        const uint32_t tie = b_.AddTie(own, twitter, TieKind::kPublicTalk, Plat::kTwitter, 0, incident, incident + Days(3));
        b_.Script(incident + Hours(rng_.Uniform(1, 24)), tie, ScriptKind::kSingle, Kind(EventKind::kMention));
      }
    }
  }

  // Recruits who never reach an incident: groomed for a while, then dropped or still in play.
  void ScriptIdleRecruits() {
    for (const Recruit& r : recruits_) {
      if (r.used) continue;
      const Planner& planner = planners_[r.planner];
      const TimeMs from = At(rng_.Uniform(0.05, 0.6));
      const TimeMs until = std::min(planner.removed == kNoTime ? w_.end : planner.removed, from + Days(rng_.Uniform(10, 60)));
      if (until <= from) continue;
      ScriptRecruitment(planner, r.person, from);
      std::vector<uint32_t> unused;
      ScriptGrooming(r.planner, r.person, from, until, until, Style::kAssisted, true, unused);
    }
  }

  const SimulationConfig& config_;
  WorldBuilder& b_;
  World& w_;
  Rng& rng_;
  ActivityClock clock_;
  uint32_t chief_ = kNone;
  std::vector<uint32_t> members_;  // chief, commanders, planners
  std::vector<uint32_t> commanders_, journalists_, researchers_, preachers_, sympathizers_;
  std::vector<Planner> planners_;
  std::vector<Recruit> recruits_;
  std::vector<Plan> plans_;
  std::vector<std::pair<uint32_t, uint32_t>> friends_;
  std::vector<size_t> successor_;  // by planner: who takes over his recruits
};

}  // namespace

void BuildCovertNetwork(const SimulationConfig& config, WorldBuilder& builder, World& world) {
  Covert covert(config, builder, world);
  covert.Build();
}

void BuildCaseFile(const SimulationConfig& config, WorldBuilder& builder, World& world) {
  Rng& rng = builder.rng();
  std::vector<uint32_t> perpetrators, silenced;
  for (const TruthIncident& incident : world.incidents) {
    for (uint32_t p : incident.perpetrators) perpetrators.push_back(p);
  }
  for (uint32_t person = 0; person < world.persons.size(); ++person) {
    Person& p = world.persons[person];
    switch (p.role) {
      case Role::kFamily: case Role::kPreacher: case Role::kChief: p.in_case_file = true; break;
      case Role::kFriend: p.in_case_file = rng.Chance(0.7); break;
      case Role::kSympathizer: p.in_case_file = rng.Chance(0.3); break;
      case Role::kCommander: p.in_case_file = rng.Chance(0.5); break;
      case Role::kJournalist: case Role::kResearcher: p.in_case_file = rng.Chance(0.3); break;
      default: p.in_case_file = p.in_case_file || rng.Chance(config.case_file_fraction); break;
    }
    if (p.in_case_file && p.role == Role::kBackground && p.status == "active" && rng.Chance(0.05)) {
      p.status = rng.Chance(0.8) ? "arrested" : "dead";  // unrelated cases: drugs, a road accident
      p.status_time = world.start + static_cast<TimeMs>(rng.Uniform() * static_cast<double>(world.end - world.start));
      silenced.push_back(person);
    }
  }
  // The dead and the arrested stop communicating (phones seized, accounts idle); without this
  // the unrelated ones' accounts went on as before, and arrested perpetrators kept replying on
  // public ties added after their arrest, so "active after death" meant nothing. An account
  // that changed hands (a takeover) is exempt: its later sessions are the new user's. Only
  // ties' end times and scripted items go: no draw of the generator is added.
  for (const Person& p : world.persons) {
    if (p.status != "active" && p.status_time != kNoTime && silenced.empty()) silenced.push_back(0);
  }
  if (!silenced.empty()) {
    std::vector<TimeMs> silent_from(world.ties.size(), kNoTime);
    for (uint32_t i = 0; i < world.ties.size(); ++i) {
      Tie& tie = world.ties[i];
      for (uint32_t endpoint : {tie.a, tie.b}) {
        if (endpoint == kNone) continue;
        const uint32_t account = (endpoint & kChannelFlag) ? world.channels[endpoint & ~kChannelFlag].admin_account : endpoint;
        const Person& owner = world.persons[world.accounts[account].owner];
        if (world.accounts[account].owners.size() == 1 && owner.status != "active" && owner.status_time != kNoTime) {
          tie.end = std::max(tie.start, std::min(tie.end, owner.status_time));
          silent_from[i] = std::min(silent_from[i] == kNoTime ? owner.status_time : silent_from[i], owner.status_time);
        }
      }
    }
    std::erase_if(world.scripted, [&](const Scripted& s) { return silent_from[s.tie] != kNoTime && s.time >= silent_from[s.tie]; });
  }
  for (Account& account : world.accounts) {
    const Person& owner = world.persons[account.owner];
    if (!owner.in_case_file || IsCovert(owner.role)) continue;
    const bool perpetrator = std::find(perpetrators.begin(), perpetrators.end(), account.owner) != perpetrators.end();
    // Seized phones tell investigators a perpetrator's accounts; others are known only sometimes.
    account.owner_known = rng.Chance(perpetrator ? 0.85 : config.known_owner_fraction);
  }
  // Relations a case file holds: families of recorded people, friends of perpetrators.
  for (uint32_t person = 0; person < world.persons.size(); ++person) {
    const Person& p = world.persons[person];
    if (!p.in_case_file || p.community == kNone) continue;
    for (uint32_t relative : builder.FamilyOf(person)) {
      if (relative <= person || !world.persons[relative].in_case_file) continue;
      world.relations.push_back({person, relative, rng.Chance(0.4) ? "lives_with" : "family"});
    }
  }
  for (uint32_t person = 0; person < world.persons.size(); ++person) {
    if (world.persons[person].role != Role::kFriend || !world.persons[person].in_case_file) continue;
    for (uint32_t perpetrator : perpetrators) {
      if (builder.HaveTie(person, perpetrator)) world.relations.push_back({perpetrator, person, "friend"});
    }
  }
}

}  // namespace linchpin::simulate
