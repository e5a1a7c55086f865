// Background population and the shared world-building helpers. See population.h.
#include "simulate/population.h"

#include <algorithm>
#include <cmath>

#include "model/case.h"
#include "simulate/names.h"

namespace linchpin::simulate {
namespace {

constexpr TimeMs kYearMs = 365 * kDayMs;

// Where the background lives (relative weights); the theater (IQ, SY) is thinly populated.
constexpr double kCountryWeights[] = {0.18, 0.10, 0.15, 0.15, 0.11, 0.08, 0.09, 0.08, 0.035, 0.025};

// The family's heritage language in a country: mostly the majority language, with the
// diasporas that matter here (Maghrebi in FR/BE/ES, Turkish in DE, South Asian in GB).
std::string HeritageLanguage(Rng& rng, const Country& country) {
  const std::string code = country.code;
  const double x = rng.Uniform();
  if (code == "FR") return x < 0.14 ? "ar" : "fr";
  if (code == "BE") return x < 0.16 ? "ar" : x < 0.55 ? "nl" : "fr";
  if (code == "DE") return x < 0.08 ? "tr" : x < 0.13 ? "ar" : "de";
  if (code == "GB") return x < 0.07 ? "ur" : x < 0.11 ? "ar" : "en";
  if (code == "US") return x < 0.15 ? "es" : x < 0.18 ? "ar" : "en";
  if (code == "ES") return x < 0.06 ? "ar" : "es";
  if (code == "TR") return x < 0.1 ? "ar" : "tr";
  if (code == "IQ") return x < 0.15 ? "ku" : "ar";
  return country.languages[0];
}

uint64_t PairKey(uint32_t p, uint32_t q) {
  if (p > q) std::swap(p, q);
  return (static_cast<uint64_t>(p) << 32) | q;
}

// The phone number as one of the many ways case files write it; ingest normalises them all.
// Always international (+ or 00): a case mixes ten countries, so a national number ("06 12 …")
// could not be resolved without knowing whose file it came from.
std::string WrittenPhone(Rng& rng, const Country& country, const std::string& nsn) {
  const std::string cc = country.calling_code;
  const double x = rng.Uniform();
  auto grouped = [](const std::string& digits, size_t first) {  // "6 12 34 56 78"
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i >= first && (i - first) % 2 == 0) out.push_back(' ');
      out.push_back(digits[i]);
    }
    return out;
  };
  if (x < 0.35) return "+" + cc + nsn;                                         // E.164
  if (std::string(country.code) == "US" && x < 0.6) {
    return "+1 (" + nsn.substr(0, 3) + ") " + nsn.substr(3, 3) + "-" + nsn.substr(6);
  }
  if (x < 0.65) return "+" + cc + " " + grouped(nsn, nsn.size() % 2 ? 1 : 2);  // "+33 6 12 34 56 78"
  if (x < 0.85) return "00" + cc + nsn;                                        // "0033612345678"
  if (x < 0.93) return "+" + cc + "-" + nsn.substr(0, 3) + "-" + nsn.substr(3);  // "+33-612-345678"
  return "00" + cc + " " + grouped(nsn, nsn.size() % 2 ? 1 : 2);              // "0033 6 12 34 56 78"
}

}  // namespace

SpreadRates EffectiveSpreadRates(const SimulationConfig& c) {
  SpreadRates r{c.public_social_ties, c.public_social_talk, c.second_sim_ties, c.dual_app_ties};
  // Harder: people keep their platforms apart more (a public persona their friends do not
  // follow, a work SIM for work only, one app per contact).
  const double scale = c.difficulty == "hard" ? 0.5 : c.difficulty == "easy" ? 1.3 : 1.0;
  for (double* x : {&r.public_social_ties, &r.public_social_talk, &r.second_sim_ties, &r.dual_app_ties}) *x = std::min(1.0, *x * scale);
  return r;
}

WorldBuilder::WorldBuilder(const SimulationConfig& config, World& world, Rng& rng)
    : config_(config), spread_(EffectiveSpreadRates(config)), world_(world), rng_(rng), by_country_(Countries().size()) {}

uint32_t WorldBuilder::AddPerson(int country, const std::string& heritage_language, Role role) {
  const Country& c = Countries()[country];
  Person p;
  p.role = role;
  p.country = static_cast<uint8_t>(country);
  p.languages.push_back(c.languages[0]);
  if (heritage_language != c.languages[0]) p.languages.push_back(heritage_language);
  if (rng_.Chance(0.35)) {  // many speak English as well
    if (std::find(p.languages.begin(), p.languages.end(), "en") == p.languages.end()) p.languages.push_back("en");
  }
  p.name = DrawName(rng_, heritage_language, rng_.Chance(0.5));
  p.utc_offset_h = c.utc_offset_h;
  p.activity = std::min(rng_.Pareto(1.0, 2.3), 40.0);
  const int year = static_cast<int>(rng_.Between(1950, 2007));
  p.born = std::to_string(year);
  if (rng_.Chance(0.8)) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "-%02d-%02d", static_cast<int>(rng_.Between(1, 12)), static_cast<int>(rng_.Between(1, 28)));
    p.born += buf;
  }
  world_.persons.push_back(std::move(p));
  const uint32_t index = static_cast<uint32_t>(world_.persons.size() - 1);
  if (role == Role::kBackground) by_country_[country].push_back(index);
  return index;
}

void WorldBuilder::WritePhone(Account& account, int country) {
  const Country& c = Countries()[country];
  std::string nsn;
  do {
    nsn = rng_.Pick(c.mobile_prefixes);
    while (static_cast<int>(nsn.size()) < c.nsn_digits) nsn += static_cast<char>('0' + rng_.Below(10));
  } while (!used_numbers_.insert(nsn + c.calling_code).second);
  account.phone_e164 = "+" + std::string(c.calling_code) + nsn;
  account.phone_written = WrittenPhone(rng_, c, nsn);
}

uint32_t WorldBuilder::AddAccount(uint32_t person, Plat platform, TimeMs created, bool covert) {
  Person& p = world_.persons[person];
  Account a;
  a.platform = platform;
  a.owner = person;
  // Old accounts: opened some time in the last eight years, at any second of the day.
  a.created = created != kNoTime ? created : world_.start - kDayMs * rng_.Between(20, 8 * 365) + kSecondMs * rng_.Between(0, 86399);
  a.created -= a.created % kSecondMs;
  if (platform == Plat::kPhone) {
    WritePhone(a, p.country);
  } else {
    if (platform != Plat::kWhatsapp) {
      do {
        a.handle = Handle(rng_, p.name, covert);
      } while (!used_handles_.insert(a.handle + PlatName(platform)).second);
    }
    a.display_name = DisplayName(rng_, p.name, covert);
    if (platform == Plat::kWhatsapp) {
      const uint32_t phone = world_.AccountOn(person, Plat::kPhone);
      if (phone != kNone) a.phone_e164 = a.phone_written = world_.accounts[phone].phone_e164;
    }
    if (platform == Plat::kTwitter && rng_.Chance(0.12)) {
      static const char* kDomains[] = {"gmail.com", "outlook.com", "yahoo.fr", "gmx.de", "protonmail.com", "hotmail.co.uk"};
      a.email = AsciiFold(a.handle) + "@" + kDomains[rng_.Below(6)];
    }
  }
  a.owners.push_back({person, a.created, kNoTime});
  world_.accounts.push_back(std::move(a));
  const uint32_t index = static_cast<uint32_t>(world_.accounts.size() - 1);
  p.accounts.push_back(index);
  return index;
}

uint32_t WorldBuilder::AddBurnerPhone(uint32_t person, int country, TimeMs created, TimeMs closed) {
  Account a;
  a.platform = Plat::kPhone;
  a.owner = person;
  a.created = created - created % kSecondMs;
  a.closed = closed - closed % kSecondMs;
  a.burner = true;
  WritePhone(a, country);
  a.owners.push_back({person, created, closed});
  world_.accounts.push_back(std::move(a));
  const uint32_t index = static_cast<uint32_t>(world_.accounts.size() - 1);
  world_.persons[person].accounts.push_back(index);
  return index;
}

uint32_t WorldBuilder::AddChannel(uint32_t admin_account) {
  world_.channels.push_back({"", admin_account, world_.accounts[admin_account].platform});
  return World::ChannelEndpoint(static_cast<uint32_t>(world_.channels.size() - 1));
}

uint32_t WorldBuilder::AddTie(uint32_t a, uint32_t b, TieKind kind, Plat platform, double sessions_per_day,
                              TimeMs start, TimeMs end) {
  Tie t;
  t.a = a;
  t.b = b;
  t.kind = kind;
  t.platform = platform;
  t.sessions_per_day = static_cast<float>(sessions_per_day * config_.activity);
  t.start = std::max(start == kNoTime ? world_.start : start, world_.start);
  t.end = std::min(end == kNoTime ? world_.end : end, world_.end);
  for (uint32_t endpoint : {a, b}) {
    if (endpoint == kNone) continue;
    const Account& acc = (endpoint & kChannelFlag) ? world_.accounts[world_.channels[endpoint & ~kChannelFlag].admin_account]
                                                   : world_.accounts[endpoint];
    t.start = std::max(t.start, acc.created);
    if (acc.closed != kNoTime) t.end = std::min(t.end, acc.closed);
  }
  const Person& owner = world_.persons[world_.accounts[a].owner];
  t.utc_offset_h = static_cast<int8_t>(owner.utc_offset_h);
  // Most ties are roughly balanced; some are lopsided (one side always calls).
  t.a_initiates = static_cast<float>(rng_.Chance(0.15) ? 0.9 : rng_.Uniform(0.3, 0.7));
  t.reply_prob = static_cast<float>(rng_.Uniform(0.45, 0.9));
  world_.ties.push_back(t);
  return static_cast<uint32_t>(world_.ties.size() - 1);
}

double WorldBuilder::TieStrength(double base) {
  // Pareto(1, 1.9) has mean 1.9/0.9; dividing keeps `base` the mean. The cap keeps one tie from
  // dominating a small case.
  return base * std::min(rng_.Pareto(1.0, 1.9), 40.0) * (0.9 / 1.9);
}

bool WorldBuilder::HaveTie(uint32_t p, uint32_t q) const { return person_pairs_.count(PairKey(p, q)) != 0; }

void WorldBuilder::Connect(uint32_t p, uint32_t q, double sessions_per_day, TimeMs start, TimeMs end,
                           TieContext context) {
  if (p == q) return;
  person_pairs_.insert(PairKey(p, q));
  ConnectPhones(p, q, sessions_per_day * 0.55, start, end, context);
  ConnectApps(p, q, sessions_per_day * 0.45, start, end);
  // A plumber or a former classmate called once a season is not someone one follows.
  if (context != TieContext::kOccasional) ConnectPublic(p, q, start, end);
}

// A rate of 0 draws nothing: with the spread knobs off, a seed builds the world it built before
// they existed, event for event (tested).
bool WorldBuilder::SpreadChance(double rate) { return rate > 0 && rng_.Chance(rate); }

uint32_t WorldBuilder::SecondLine(uint32_t person) const {
  const uint32_t first = world_.AccountOn(person, Plat::kPhone);
  for (uint32_t a : world_.persons[person].accounts) {
    const Account& acc = world_.accounts[a];
    if (a != first && acc.platform == Plat::kPhone && !acc.burner) return a;
  }
  return kNone;
}

void WorldBuilder::ConnectPhones(uint32_t p, uint32_t q, double rate, TimeMs start, TimeMs end, TieContext context) {
  uint32_t line[2] = {world_.AccountOn(p, Plat::kPhone), world_.AccountOn(q, Plat::kPhone)};
  if (line[0] == kNone || line[1] == kNone) return;
  // A second SIM is mostly a work line: a workplace tie moves to it (colleagues call the work
  // number); any other tie goes on it besides the first line at a quarter of that rate,
  // carrying a third of the tie's calls (the SIM at hand when calling).
  uint32_t extra[2] = {kNone, kNone};
  for (int side = 0; side < 2; ++side) {
    const uint32_t second = SecondLine(side == 0 ? p : q);
    if (second == kNone) continue;
    if (context == TieContext::kWork) {
      if (SpreadChance(spread_.second_sim_ties)) line[side] = second;
    } else if (SpreadChance(spread_.second_sim_ties / 4)) {
      extra[side] = second;
    }
  }
  const double share = 1.0 / 3.0;
  const int extras = (extra[0] != kNone) + (extra[1] != kNone);
  AddTie(line[0], line[1], TieKind::kPhone, Plat::kPhone, rate * (1 - share * extras), start, end);
  if (extra[0] != kNone) AddTie(extra[0], line[1], TieKind::kPhone, Plat::kPhone, rate * share, start, end);
  if (extra[1] != kNone) AddTie(line[0], extra[1], TieKind::kPhone, Plat::kPhone, rate * share, start, end);
}

void WorldBuilder::ConnectApps(uint32_t p, uint32_t q, double rate, TimeMs start, TimeMs end) {
  const uint32_t pw = world_.AccountOn(p, Plat::kWhatsapp), qw = world_.AccountOn(q, Plat::kWhatsapp);
  const uint32_t pt = world_.AccountOn(p, Plat::kTelegram), qt = world_.AccountOn(q, Plat::kTelegram);
  const bool whatsapp = pw != kNone && qw != kNone, telegram = pt != kNone && qt != kNone;
  if (whatsapp && telegram && SpreadChance(spread_.dual_app_ties)) {
    // Both apps with this contact (a group on one, a call on the other): the sessions split.
    AddTie(pw, qw, TieKind::kChat, Plat::kWhatsapp, rate * 0.5, start, end);
    AddTie(pt, qt, TieKind::kChat, Plat::kTelegram, rate * 0.5, start, end);
  } else if (whatsapp) {
    AddTie(pw, qw, TieKind::kChat, Plat::kWhatsapp, rate, start, end);
  } else if (telegram) {
    AddTie(pt, qt, TieKind::kChat, Plat::kTelegram, rate, start, end);
  }
}

void WorldBuilder::ConnectPublic(uint32_t p, uint32_t q, TimeMs start, TimeMs end) {
  const uint32_t pp = world_.AccountOn(p, Plat::kTwitter), qp = world_.AccountOn(q, Plat::kTwitter);
  if (pp == kNone || qp == kNone || !SpreadChance(spread_.public_social_ties)) return;
  // The network's public accounts are personas (propaganda, a nom de guerre): the neighbours
  // and family of a planner do not follow them.
  if (IsCovert(world_.persons[p].role) || IsCovert(world_.persons[q].role)) return;
  // People who know each other follow each other back; an old tie's follow is mostly older
  // than the scenario (one in ten inside it, as for other follows), a new tie's starts with it.
  const TimeMs span = world_.end - world_.start;
  const TimeMs when = start != kNoTime ? start
                      : rng_.Chance(0.1) ? world_.start + static_cast<TimeMs>(rng_.Uniform() * span) : kNoTime;
  const bool talk = SpreadChance(spread_.public_social_talk);
  Follow(pp, qp, when, talk ? TieStrength(0.02) : 0, end);
  Follow(qp, pp, when, talk ? TieStrength(0.02) : 0, end);
}

void WorldBuilder::Script(TimeMs time, uint32_t tie, ScriptKind kind, uint8_t event_kind, uint32_t media) {
  world_.scripted.push_back({time, tie, kind, event_kind, media});
}

uint32_t WorldBuilder::AddMedia() {
  // Video sizes: log-normal around 8 MB, as phone-recorded clips are.
  world_.media.push_back({static_cast<int64_t>(rng_.LogNormal(8e6, 0.7)), rng_.Next() | 1});
  return static_cast<uint32_t>(world_.media.size() - 1);
}

void WorldBuilder::Follow(uint32_t p_account, uint32_t q_account, TimeMs when, double talk_rate, TimeMs end) {
  const bool inside = when >= world_.start && when < world_.end;
  if (!inside && talk_rate <= 0) return;  // an old follow with no talk leaves no event
  const uint32_t tie = AddTie(p_account, q_account, TieKind::kPublicTalk, Plat::kTwitter, talk_rate,
                              inside ? when : kNoTime, end);
  if (inside) Script(when, tie, ScriptKind::kSingle, static_cast<uint8_t>(EventKind::kFollow));
}

void WorldBuilder::Join(uint32_t account, uint32_t channel, TimeMs when) {
  if (when < world_.start || when >= world_.end) return;
  const uint32_t tie = AddTie(account, channel, TieKind::kPublicTalk, world_.channels[channel & ~kChannelFlag].platform, 0, when);
  Script(when, tie, ScriptKind::kSingle, static_cast<uint8_t>(EventKind::kJoin));
}

std::vector<std::vector<uint32_t>> WorldBuilder::TiesByAccount() const {
  std::vector<std::vector<uint32_t>> index(world_.accounts.size());
  for (uint32_t i = 0; i < world_.ties.size(); ++i) {
    const Tie& t = world_.ties[i];
    if (!(t.a & kChannelFlag)) index[t.a].push_back(i);
    if (t.b != kNone && !(t.b & kChannelFlag) && t.b != t.a) index[t.b].push_back(i);
  }
  return index;
}

uint32_t WorldBuilder::Reregister(uint32_t account, TimeMs when, const char* reason,
                                  const std::vector<uint32_t>* ties_of_account) {
  const uint32_t person = world_.accounts[account].owner;
  const Plat platform = world_.accounts[account].platform;
  when -= when % kSecondMs;
  world_.accounts[account].closed = when;
  world_.accounts[account].closed_reason = reason;
  world_.accounts[account].owners.back().until = when;
  const uint32_t successor = AddAccount(person, platform, when + rng_.Between(1, 72) * kHourMs,
                                        IsCovert(world_.persons[person].role));
  world_.reregistrations.push_back({account, successor, person});
  const TimeMs reopened = world_.accounts[successor].created;
  std::vector<uint32_t> all;
  if (!ties_of_account) {
    for (uint32_t i = 0; i < world_.ties.size(); ++i) all.push_back(i);
    ties_of_account = &all;
  }
  for (uint32_t i : *ties_of_account) {
    Tie t = world_.ties[i];
    if ((t.a != account && t.b != account) || t.end <= when) continue;
    world_.ties[i].end = std::min(world_.ties[i].end, when);
    // Followers come back only partly, and with a delay (they must find the new handle).
    const bool incoming = t.b == account;
    if (incoming && t.kind == TieKind::kPublicTalk && !rng_.Chance(0.6)) continue;
    const uint32_t a = t.a == account ? successor : t.a, b = t.b == account ? successor : t.b;
    const TimeMs restart = reopened + (incoming ? rng_.Between(1, 240) * kHourMs : 0);
    const uint32_t copy = AddTie(a, b, t.kind, t.platform, t.sessions_per_day / config_.activity, restart, t.end);
    world_.ties[copy].a_initiates = t.a_initiates;
    if (t.kind == TieKind::kPublicTalk && restart < world_.end) {
      Script(restart, copy, ScriptKind::kSingle, static_cast<uint8_t>(EventKind::kFollow));
    }
  }
  return successor;
}

uint32_t WorldBuilder::RandomBackgroundPerson(int country) {
  if (country < 0) {
    for (;;) {
      const auto& people = by_country_[rng_.Weighted({std::begin(kCountryWeights), std::end(kCountryWeights)})];
      if (!people.empty()) return rng_.Pick(people);
    }
  }
  return by_country_[country].empty() ? RandomBackgroundPerson(-1) : rng_.Pick(by_country_[country]);
}

void WorldBuilder::OpenAccounts(uint32_t person) {
  const Person& p = world_.persons[person];
  const std::string code = Countries()[p.country].code;
  const bool telegram_country = code == "IQ" || code == "SY" || code == "TR" || code == "MA";
  AddAccount(person, Plat::kPhone);
  if (rng_.Chance(0.06)) AddAccount(person, Plat::kPhone);  // a work phone or a second SIM
  if (rng_.Chance(code == "US" ? 0.25 : 0.7)) AddAccount(person, Plat::kWhatsapp);
  if (rng_.Chance(telegram_country ? 0.55 : 0.22)) AddAccount(person, Plat::kTelegram);
  if (rng_.Chance(0.45)) AddAccount(person, Plat::kTwitter);
}

void WorldBuilder::BuildFamilies() {
  const std::vector<double> country_weights(std::begin(kCountryWeights), std::end(kCountryWeights));
  const std::vector<double> size_weights = {0.15, 0.25, 0.2, 0.2, 0.12, 0.08};  // households of 1..6
  int made = 0;
  while (made < config_.people) {
    const int country = static_cast<int>(rng_.Weighted(country_weights));
    const std::string heritage = HeritageLanguage(rng_, Countries()[country]);
    const int size = std::min<int>(static_cast<int>(rng_.Weighted(size_weights)) + 1, config_.people - made);
    std::vector<uint32_t> family;
    for (int i = 0; i < size; ++i) {
      const uint32_t person = AddPerson(country, heritage, Role::kBackground);
      if (!family.empty()) world_.persons[person].name.family = world_.persons[family[0]].name.family;
      world_.persons[person].community = static_cast<uint32_t>(families_.size());
      OpenAccounts(person);
      family.push_back(person);
    }
    for (size_t i = 0; i < family.size(); ++i) {
      for (size_t j = i + 1; j < family.size(); ++j) {
        Connect(family[i], family[j], TieStrength(0.5), kNoTime, kNoTime, TieContext::kHousehold);
      }
    }
    families_.push_back(std::move(family));
    made += size;
  }
}

void WorldBuilder::BuildWorkplaces() {
  for (size_t country = 0; country < by_country_.size(); ++country) {
    std::vector<uint32_t> people = by_country_[country];
    rng_.Shuffle(people);
    for (size_t i = 0; i < people.size();) {
      const size_t size = std::min<size_t>(rng_.Between(4, 20), people.size() - i);
      for (size_t k = 0; k < size; ++k) {
        const int links = static_cast<int>(rng_.Between(1, 4));
        for (int l = 0; l < links; ++l) {
          const uint32_t other = people[i + rng_.Below(size)];
          if (!HaveTie(people[i + k], other)) Connect(people[i + k], other, TieStrength(0.15), kNoTime, kNoTime, TieContext::kWork);
        }
      }
      i += size;
    }
  }
}

void WorldBuilder::BuildFriendships() {
  // Preferential choice of partners by activity, within the country (75%) or anywhere (25%).
  std::vector<std::vector<double>> cumulative(by_country_.size());
  std::vector<uint32_t> everyone;
  std::vector<double> everyone_cumulative;
  for (size_t c = 0; c < by_country_.size(); ++c) {
    double sum = 0;
    for (uint32_t p : by_country_[c]) {
      sum += world_.persons[p].activity;
      cumulative[c].push_back(sum);
      everyone.push_back(p);
      everyone_cumulative.push_back((everyone_cumulative.empty() ? 0 : everyone_cumulative.back()) + world_.persons[p].activity);
    }
  }
  auto pick = [&](const std::vector<uint32_t>& people, const std::vector<double>& cum) {
    const double x = rng_.Uniform() * cum.back();
    return people[std::upper_bound(cum.begin(), cum.end(), x) - cum.begin()];
  };
  for (size_t c = 0; c < by_country_.size(); ++c) {
    for (uint32_t p : by_country_[c]) {
      const int friends = rng_.Poisson(1.6 * world_.persons[p].activity);
      for (int f = 0; f < friends; ++f) {
        const bool local = rng_.Chance(0.75) && by_country_[c].size() > 1;
        const uint32_t q = local ? pick(by_country_[c], cumulative[c]) : pick(everyone, everyone_cumulative);
        if (q != p && !HaveTie(p, q)) Connect(p, q, TieStrength(0.1));
      }
      // Occasional contacts (a plumber, a former classmate): a call or two in a season, mostly
      // one way. They are what keeps real reciprocity well below one (Copenhagen calls 0.66).
      const int occasional = rng_.Poisson(3.0 * world_.persons[p].activity);
      for (int k = 0; k < occasional; ++k) {
        const uint32_t q = pick(by_country_[c], cumulative[c]);
        if (q == p || HaveTie(p, q)) continue;
        const size_t first_new = world_.ties.size();
        Connect(p, q, rng_.Uniform(0.003, 0.02), kNoTime, kNoTime, TieContext::kOccasional);
        for (size_t t = first_new; t < world_.ties.size(); ++t) {
          world_.ties[t].a_initiates = 0.95f;
          world_.ties[t].reply_prob = 0.15f;
        }
      }
    }
  }
}

void WorldBuilder::BuildPublicLife() {
  std::vector<uint32_t> public_accounts;
  std::vector<double> cumulative;
  double sum = 0;
  for (uint32_t i = 0; i < world_.accounts.size(); ++i) {
    if (world_.accounts[i].platform != Plat::kTwitter) continue;
    public_accounts.push_back(i);
    sum += std::pow(world_.persons[world_.accounts[i].owner].activity, 2.0);  // popularity
    cumulative.push_back(sum);
  }
  if (public_accounts.empty()) return;
  const TimeMs span = world_.end - world_.start;
  for (uint32_t account : public_accounts) {
    AddTie(account, kNone, TieKind::kPostStream, Plat::kTwitter, TieStrength(0.3));
    const int follows = rng_.Poisson(3 + 2 * world_.persons[world_.accounts[account].owner].activity);
    for (int f = 0; f < follows; ++f) {
      const double x = rng_.Uniform() * cumulative.back();
      const uint32_t target = public_accounts[std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin()];
      if (target == account) continue;
      // One follow in ten happens during the scenario; the rest are older.
      const TimeMs when = rng_.Chance(0.1) ? world_.start + static_cast<TimeMs>(rng_.Uniform() * span) : kNoTime;
      Follow(account, target, when, rng_.Chance(0.3) ? TieStrength(0.04) : 0);
    }
  }
  // A few ordinary channels (local news, football, a community group) with their members.
  for (int c = 0; c < std::max(2, config_.people / 400); ++c) {
    const uint32_t admin = world_.AccountOn(RandomBackgroundPerson(), Plat::kTelegram);
    if (admin == kNone) continue;
    const uint32_t channel = AddChannel(admin);
    AddTie(admin, channel, TieKind::kChannelStream, Plat::kTelegram, TieStrength(1.5));
    for (int m = 0; m < config_.people / 60; ++m) {
      const uint32_t member = world_.AccountOn(RandomBackgroundPerson(), Plat::kTelegram);
      if (member != kNone && member != admin) Join(member, channel, world_.start + static_cast<TimeMs>(rng_.Uniform() * span));
    }
  }
}

void WorldBuilder::BuildDecoys() {
  // Call-centre hubs: one number ringing hundreds of people, almost never called back.
  for (int h = 0; h < config_.hubs; ++h) {
    const int country = static_cast<int>(rng_.Below(6));
    const uint32_t hub = AddPerson(country, Countries()[country].languages[0], Role::kHub);
    const uint32_t phone = AddAccount(hub, Plat::kPhone);
    const int callees = std::min<int>(config_.people / 3, 150 + static_cast<int>(rng_.Below(400)));
    for (int k = 0; k < callees; ++k) {
      const uint32_t callee = world_.AccountOn(RandomBackgroundPerson(), Plat::kPhone);
      if (callee == kNone) continue;
      const uint32_t tie = AddTie(phone, callee, TieKind::kOneWayCalls, Plat::kPhone, rng_.Uniform(0.01, 0.06));
      world_.ties[tie].a_initiates = 0.98f;
      world_.ties[tie].reply_prob = 0.05f;
    }
  }
}

void WorldBuilder::BuildBackground() {
  BuildFamilies();
  BuildWorkplaces();
  BuildFriendships();
  BuildPublicLife();
  BuildDecoys();
}

}  // namespace linchpin::simulate
