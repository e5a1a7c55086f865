// Attribution tests on small hand-built cases: each evidence rule, the innocent explanations
// (a relative in heavy, steady contact; a journalist who talks to extremists openly; a genuinely
// lone actor), introductions, the pledge video, the entity map, and the evaluation metrics.
//
// Every case has an ordinary population around the people of the story, so the baseline has
// something to learn from: 80 people over 100 days in steady, reciprocal phone and app contact.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "attribute/attribute.h"
#include "attribute/evaluate.h"
#include "attribute/json.h"
#include "graph/temporal_graph.h"

namespace linchpin::attribute {
namespace {

constexpr TimeMs kStart = 1767225600000;  // 2026-01-01T00:00:00Z
constexpr TimeMs kIncident = kStart + 90 * kDayMs + 12 * kHourMs;

TimeMs Day(double d) { return kStart + static_cast<TimeMs>(d * kDayMs); }

// Builds a CaseData in code: persons, accounts (one endpoint each), channels, events (sorted on
// Build, with provenance events.csv:<line>), incidents and relations.
class CaseBuilder {
 public:
  CaseBuilder() {
    c_.sources = {"persons.csv", "accounts.csv", "events.csv"};
    c_.platforms = {{"phone", PlatformClass::kPhone}, {"telegram", PlatformClass::kEncrypted}, {"twitter", PlatformClass::kPublic}};
  }
  enum Plat : uint16_t { kPhone, kTelegram, kTwitter };

  void Person(const std::string& id) {
    linchpin::Person p;
    p.id = id;
    c_.persons.push_back(p);
  }
  EndpointId Account(const std::string& id, Plat platform, const std::string& owner = "", TimeMs created = kNoTime) {
    linchpin::Account a;
    a.id = id;
    a.platform = c_.platforms[platform].name;
    a.owner = owner;
    a.created = created;
    return c_.AddAccount(std::move(a));
  }
  EndpointId Channel(const std::string& key) {
    c_.endpoints.push_back({key, EndpointKind::kChannel, kNoIndex});
    return static_cast<EndpointId>(c_.endpoints.size() - 1);
  }
  void Event(TimeMs t, EndpointId from, EndpointId to, Plat platform, EventKind kind = EventKind::kMessage, const std::string& hash = "") {
    events_.push_back({t, from, to, platform, kind, hash});
  }
  // A steady reciprocal tie: `per_day` events a day on average over [from, to).
  void SteadyTie(EndpointId a, EndpointId b, Plat platform, TimeMs from, TimeMs to, double per_day) {
    const double days = static_cast<double>(to - from) / kDayMs;
    std::exponential_distribution<double> gap(per_day);
    double t = gap(rng_);
    bool from_a = true;
    while (t < days) {
      Event(from + static_cast<TimeMs>(t * kDayMs), from_a ? a : b, from_a ? b : a, platform,
            platform == kPhone ? EventKind::kCall : EventKind::kMessage);
      from_a = !from_a;
      t += gap(rng_);
    }
  }
  void Incident(const std::string& id, TimeMs t, std::vector<std::string> perpetrators) {
    linchpin::Incident i;
    i.id = id;
    i.time = t;
    i.kind = "attack";
    i.perpetrators = std::move(perpetrators);
    c_.incidents.push_back(i);
  }
  void Relation(const std::string& a, const std::string& b, const std::string& kind) {
    linchpin::Relation r;
    r.source = a;
    r.target = b;
    r.kind = kind;
    c_.relations.push_back(r);
  }
  // 80 ordinary people, each with a phone, in steady contact with a few others for 100 days.
  std::vector<EndpointId> Population(int n = 80) {
    std::vector<EndpointId> phones;
    for (int i = 0; i < n; ++i) {
      const std::string id = "B" + std::to_string(i);
      Person(id);
      phones.push_back(Account("phone-" + id, kPhone, id));
    }
    std::uniform_int_distribution<int> pick(0, n - 1);
    std::uniform_real_distribution<double> rate(0.2, 3.0);
    for (int i = 0; i < n; ++i) {
      for (int k = 0; k < 3; ++k) {
        const int j = pick(rng_);
        if (j != i) SteadyTie(phones[i], phones[j], kPhone, kStart, Day(100), rate(rng_));
      }
    }
    return phones;
  }
  std::mt19937_64& rng() { return rng_; }

  CaseData Build() {
    std::stable_sort(events_.begin(), events_.end(), [](const Ev& a, const Ev& b) { return a.t < b.t; });
    EventTable& e = c_.events;
    e.Clear();
    for (size_t i = 0; i < events_.size(); ++i) {
      const Ev& ev = events_[i];
      e.time.push_back(ev.t);
      e.source.push_back(ev.from);
      e.target.push_back(ev.to);
      e.platform.push_back(ev.platform);
      e.kind.push_back(ev.kind);
      e.duration_s.push_back(-1);
      e.size_bytes.push_back(-1);
      e.provenance.push_back({2, static_cast<uint32_t>(i + 2)});
      uint32_t content = kNoIndex;
      if (!ev.hash.empty()) {
        auto it = std::find(c_.content_hashes.begin(), c_.content_hashes.end(), ev.hash);
        content = static_cast<uint32_t>(it - c_.content_hashes.begin());
        if (it == c_.content_hashes.end()) c_.content_hashes.push_back(ev.hash);
      }
      e.content.push_back(content);
    }
    return c_;
  }

 private:
  struct Ev {
    TimeMs t;
    EndpointId from, to;
    uint16_t platform;
    EventKind kind;
    std::string hash;
  };
  CaseData c_;
  std::vector<Ev> events_;
  std::mt19937_64 rng_{42};
};

// The story most tests share: perpetrator P (phone, telegram) with a handler H (a raw telegram
// account) who opens contact on day 40, intensifies, and writes 12 minutes before the attack; a
// mother M in heavy, steady, reciprocal phone contact since before collection, recorded as
// family, who calls 40 minutes before; a journalist J who mentions P and forty others openly on
// the public platform all along.
struct Story {
  CaseBuilder b;
  EndpointId p_phone = 0, p_app = 0, h_app = 0, m_phone = 0, j_public = 0, p_public = 0;
  std::vector<EndpointId> population;

  explicit Story(bool with_handler = true) {
    population = b.Population();
    b.Person("P");
    b.Person("M");
    b.Person("J");
    p_phone = b.Account("phone-P", CaseBuilder::kPhone, "P");
    p_public = b.Account("tw-P", CaseBuilder::kTwitter, "P");
    m_phone = b.Account("phone-M", CaseBuilder::kPhone, "M");
    j_public = b.Account("tw-J", CaseBuilder::kTwitter, "J");
    for (int i = 0; i < 4; ++i) b.SteadyTie(p_phone, population[static_cast<size_t>(i)], CaseBuilder::kPhone, kStart, Day(100), 0.8);
    b.SteadyTie(p_phone, m_phone, CaseBuilder::kPhone, kStart, kIncident, 4.0);
    b.Event(kIncident - 40 * kMinuteMs, m_phone, p_phone, CaseBuilder::kPhone, EventKind::kCall);
    b.Relation("P", "M", "family");
    for (int i = 0; i < 30; ++i) {
      const EndpointId other = b.Account("tw-X" + std::to_string(i), CaseBuilder::kTwitter);
      b.SteadyTie(j_public, other, CaseBuilder::kTwitter, kStart, Day(100), 0.3);
    }
    for (double d = 1; d < 100; d += 6) b.Event(Day(d), j_public, p_public, CaseBuilder::kTwitter, EventKind::kMention);
    b.Incident("I1", kIncident, {"P"});
    if (!with_handler) return;
    p_app = b.Account("tg-P", CaseBuilder::kTelegram, "P", Day(40) - 10 * kHourMs);
    h_app = b.Account("tg-H", CaseBuilder::kTelegram);
    const EndpointId h_public = b.Account("tw-H", CaseBuilder::kTwitter);
    b.Event(Day(35), h_public, p_public, CaseBuilder::kTwitter, EventKind::kMention);  // "contact me"
    // Grooming: a message a day at first, rising to a dozen a day in the last week.
    std::uniform_real_distribution<double> hour(8, 22);
    for (int d = 40; d < 90; ++d) {
      const int n = d < 75 ? 1 : d < 83 ? 4 : 12;
      for (int k = 0; k < n; ++k) {
        const TimeMs t = Day(d) + static_cast<TimeMs>(hour(b.rng()) * kHourMs);
        b.Event(t, k % 2 ? p_app : h_app, k % 2 ? h_app : p_app, CaseBuilder::kTelegram);
      }
    }
    b.Event(kIncident - 12 * kMinuteMs, h_app, p_app, CaseBuilder::kTelegram);
  }
};

// Perpetrator P: a telegram account opened long before the case (so no tie on it looks new for
// that reason) and a phone in steady contact with four of the population. Returns the app account.
EndpointId SettledPerpetrator(CaseBuilder& b, const std::vector<EndpointId>& population) {
  b.Person("P");
  const EndpointId app = b.Account("tg-P", CaseBuilder::kTelegram, "P", kStart - 300 * kDayMs);
  const EndpointId phone = b.Account("phone-P", CaseBuilder::kPhone, "P");
  for (int i = 0; i < 4; ++i) b.SteadyTie(phone, population[static_cast<size_t>(i)], CaseBuilder::kPhone, kStart, Day(100), 1.0);
  return app;
}

struct Attributed {
  CaseData c;
  AttributedCase out;
};

// Keeps every candidate, so tests can check the score of anyone in contact.
AttributeOptions ShowAll() {
  AttributeOptions o;
  o.max_candidates_shown = 1000;
  return o;
}

std::unique_ptr<Attributed> AttributeBuilt(CaseData c, AttributeOptions options = ShowAll()) {
  auto a = std::make_unique<Attributed>();
  a->c = std::move(c);
  auto r = AttributeCase(a->c, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (r.ok()) a->out = std::move(r).value();
  return a;
}

const IncidentFinding& Finding(const AttributionReport& r, const std::string& id) {
  auto it = std::find_if(r.incidents.begin(), r.incidents.end(), [&](const IncidentFinding& f) { return f.incident == id; });
  EXPECT_NE(it, r.incidents.end());
  return *it;
}

// An entity's finding among handlers or candidates; null when not a candidate at all.
const HandlerFinding* CandidateOf(const IncidentFinding& f, const std::string& entity) {
  for (const auto* list : {&f.handlers, &f.candidates}) {
    for (const HandlerFinding& h : *list) {
      if (h.who.entity == entity) return &h;
    }
  }
  return nullptr;
}

// The score of an entity among handlers or candidates; -1 when not a candidate at all.
double ScoreOf(const IncidentFinding& f, const std::string& entity) {
  const HandlerFinding* h = CandidateOf(f, entity);
  return h ? h->score : -1;
}

bool HasRule(const HandlerFinding& h, const std::string& rule) {
  return std::any_of(h.evidence.begin(), h.evidence.end(), [&](const Evidence& e) { return e.rule == rule; });
}

TEST(Attribute, HandlerFoundByRunupAndLastContact) {
  Story s;
  auto a = AttributeBuilt(s.b.Build());
  const IncidentFinding& f = Finding(a->out.report, "I1");
  ASSERT_FALSE(f.handlers.empty());
  const HandlerFinding& top = f.handlers.front();
  EXPECT_EQ(top.who.entity, "tg-H");
  EXPECT_EQ(f.verdict, Verdict::kDirected);
  EXPECT_GT(top.score, 0.9);
  EXPECT_TRUE(HasRule(top, "runup.new_strongly_intensifying"));
  EXPECT_TRUE(HasRule(top, "last_contact.within_30_minutes"));
  // The evidence cites the event with its provenance and says how close it was.
  auto last = std::find_if(top.evidence.begin(), top.evidence.end(), [](const Evidence& e) { return e.rule == "last_contact.within_30_minutes"; });
  ASSERT_NE(last, top.evidence.end());
  EXPECT_NE(last->text.find("12 minutes before the incident"), std::string::npos) << last->text;
  ASSERT_EQ(last->events.size(), 1u);
  EXPECT_EQ(last->events[0].file, "events.csv");
  EXPECT_GT(last->events[0].line, 1u);
  EXPECT_EQ(last->events[0].time, kIncident - 12 * kMinuteMs);
}

TEST(Attribute, LabelsNameTheEntitiesAsTheCaseDoes) {
  Story s;
  CaseData c = s.b.Build();
  c.accounts[c.FindAccount("tg-H")].display_name = "Abu Hamza";
  c.persons[c.FindPerson("P")].name = "Karim Benali";
  auto a = AttributeBuilt(std::move(c));
  const AttributionReport& r = a->out.report;
  ASSERT_FALSE(Finding(r, "I1").handlers.empty());
  EXPECT_EQ(Finding(r, "I1").handlers.front().who.entity, "tg-H");
  ASSERT_TRUE(r.labels.contains("tg-H"));
  EXPECT_EQ(r.labels.at("tg-H"), "Abu Hamza");
  ASSERT_TRUE(r.labels.contains("P"));
  EXPECT_EQ(r.labels.at("P"), "Karim Benali");
  // The case names no one else on the handler's side: no label rather than a made-up one.
  EXPECT_FALSE(r.labels.contains("tw-H"));
  EXPECT_EQ(ToJson(r)["labels"]["tg-H"], "Abu Hamza");
}

TEST(Attribute, PlatformShiftToFreshEncryptedAccount) {
  Story s;
  auto a = AttributeBuilt(s.b.Build());
  const IncidentFinding& f = Finding(a->out.report, "I1");
  ASSERT_FALSE(f.handlers.empty());
  // P's app account was opened 10 hours before H's first message, 5 days after a new public
  // contact ("contact me" from H's public account).
  EXPECT_TRUE(HasRule(f.handlers.front(), "platform.fresh_after_invitation"));
}

// An invitation qualifies one private tie. P, invited publicly by H on day 35, hears from a new
// friend F on an app account he has had for years on day 37 and opens a fresh account for H's
// first message on day 40: the fresh account says which tie the invitation led to, not F's
// earlier start.
TEST(Attribute, InvitationGoesToTheTieOnTheAccountOpenedForIt) {
  Story s;
  const EndpointId p_old_app = s.b.Account("tg-P-old", CaseBuilder::kTelegram, "P", kStart - 300 * kDayMs);
  const EndpointId f_app = s.b.Account("tg-F", CaseBuilder::kTelegram);
  s.b.SteadyTie(f_app, p_old_app, CaseBuilder::kTelegram, Day(37), Day(98), 1.0);
  auto a = AttributeBuilt(s.b.Build());
  const IncidentFinding& f = Finding(a->out.report, "I1");
  ASSERT_FALSE(f.handlers.empty());
  EXPECT_EQ(f.handlers.front().who.entity, "tg-H");
  EXPECT_TRUE(HasRule(f.handlers.front(), "platform.fresh_after_invitation"));
  const HandlerFinding* friend_tie = CandidateOf(f, "tg-F");
  ASSERT_NE(friend_tie, nullptr);
  EXPECT_FALSE(HasRule(*friend_tie, "platform.public_then_private"));
  EXPECT_TRUE(HasRule(*friend_tie, "platform.encrypted_new"));
}

// A settled perpetrator P (SettledPerpetrator, with a public account too) and H, one entity with
// a public and a private account, as a resolution makes a planner; the tests add the events.
struct HandlerOfTwoAccounts {
  CaseBuilder b;
  EndpointId p_app = 0, p_public = 0, h_app = 0, h_public = 0;
  HandlerOfTwoAccounts() {
    const auto population = b.Population();
    p_app = SettledPerpetrator(b, population);
    p_public = b.Account("tw-P", CaseBuilder::kTwitter, "P");
    b.Person("H");
    h_app = b.Account("tg-H", CaseBuilder::kTelegram, "H");
    h_public = b.Account("tw-H", CaseBuilder::kTwitter, "H");
  }
};

// H, one entity with a public and a private account (as a resolution makes him), invites P on
// day 35 and writes to him privately from day 40; a new friend F happens to write first, on day
// 37. The inviter took his own invitation private: F's tie is not "public then private".
TEST(Attribute, InvitersOwnPrivateTieTakesTheInvitation) {
  HandlerOfTwoAccounts k;
  k.b.Event(Day(35), k.h_public, k.p_public, CaseBuilder::kTwitter, EventKind::kMention);
  const EndpointId f_app = k.b.Account("tg-F", CaseBuilder::kTelegram);
  k.b.SteadyTie(f_app, k.p_app, CaseBuilder::kTelegram, Day(37), Day(98), 1.0);
  k.b.SteadyTie(k.h_app, k.p_app, CaseBuilder::kTelegram, Day(40), Day(99), 3.0);
  k.b.Incident("I1", kIncident, {"P"});
  auto a = AttributeBuilt(k.b.Build());
  const IncidentFinding& f = Finding(a->out.report, "I1");
  const HandlerFinding* h = CandidateOf(f, "H");
  const HandlerFinding* friend_tie = CandidateOf(f, "tg-F");
  ASSERT_NE(h, nullptr);
  ASSERT_NE(friend_tie, nullptr);
  EXPECT_TRUE(HasRule(*h, "platform.public_then_private"));
  EXPECT_FALSE(HasRule(*friend_tie, "platform.public_then_private"));
}

// H's public account has replied to P since the first week of collection; on day 40 H writes to
// him privately and the private tie intensifies. The public prelude does not make the tie old:
// its private part is new, measured from its first private contact.
TEST(Attribute, PrivateTieAfterOldPublicContactIsNew) {
  HandlerOfTwoAccounts k;
  for (double d = 1; d < 99; d += 5) k.b.Event(Day(d), k.h_public, k.p_public, CaseBuilder::kTwitter, EventKind::kReply);
  for (int d = 40; d < 99; ++d) {
    const int n = d < 80 ? 1 : 8;
    for (int i = 0; i < n; ++i) {
      k.b.Event(Day(d) + (9 + i) * kHourMs, i % 2 ? k.p_app : k.h_app, i % 2 ? k.h_app : k.p_app, CaseBuilder::kTelegram);
    }
  }
  k.b.Incident("I1", kIncident, {"P"});
  auto a = AttributeBuilt(k.b.Build());
  const HandlerFinding* h = CandidateOf(Finding(a->out.report, "I1"), "H");
  ASSERT_NE(h, nullptr);
  auto runup = std::find_if(h->evidence.begin(), h->evidence.end(), [](const Evidence& e) { return e.rule.starts_with("runup."); });
  ASSERT_NE(runup, h->evidence.end());
  EXPECT_TRUE(runup->rule.starts_with("runup.new_")) << runup->rule;
  EXPECT_NE(runup->text.find("private contact started"), std::string::npos) << runup->text;
}

TEST(Attribute, HeavyContactRelativeIsNotAccused) {
  Story s;
  auto a = AttributeBuilt(s.b.Build());
  const IncidentFinding& f = Finding(a->out.report, "I1");
  // The mother calls four times a day and 40 minutes before, but the tie is old, steady,
  // reciprocal and recorded as family.
  const double mother = ScoreOf(f, "M");
  ASSERT_GE(mother, 0) << "the mother should be a candidate";
  EXPECT_LT(mother, 0.5);
  ASSERT_FALSE(f.handlers.empty());
  EXPECT_NE(f.handlers.front().who.entity, "M");
  for (const HandlerFinding& h : f.handlers) EXPECT_NE(h.who.entity, "M");
}

TEST(Attribute, RelativeAloneIsNotAHandler) {
  // Without any handler, the heavy-contact mother must not become one.
  Story s(/*with_handler=*/false);
  auto a = AttributeBuilt(s.b.Build());
  const IncidentFinding& f = Finding(a->out.report, "I1");
  EXPECT_TRUE(f.handlers.empty()) << f.handlers.front().who.entity;
}

TEST(Attribute, JournalistIsNotAccused) {
  Story s;
  auto a = AttributeBuilt(s.b.Build());
  const IncidentFinding& f = Finding(a->out.report, "I1");
  const double journalist = ScoreOf(f, "J");
  ASSERT_GE(journalist, 0) << "the journalist should be a candidate";
  EXPECT_LT(journalist, 0.5);
  for (const HandlerFinding& h : f.handlers) EXPECT_NE(h.who.entity, "J");
}

TEST(Attribute, LoneActorHasVerdictNone) {
  CaseBuilder b;
  const auto population = b.Population();
  b.Person("L");
  const EndpointId l = b.Account("phone-L", CaseBuilder::kPhone, "L");
  for (int i = 0; i < 5; ++i) b.SteadyTie(l, population[static_cast<size_t>(i)], CaseBuilder::kPhone, kStart, Day(100), 1.0);
  b.Incident("I9", kIncident, {"L"});
  auto a = AttributeBuilt(b.Build());
  const IncidentFinding& f = Finding(a->out.report, "I9");
  EXPECT_EQ(f.verdict, Verdict::kNone);
  EXPECT_TRUE(f.handlers.empty());
  // The confidence is calibrated on simulated cases (verdict.cc), where "no handler" verdicts
  // are often wrong; it must be a probability, not a certainty.
  EXPECT_GT(f.confidence, 0.0);
  EXPECT_LT(f.confidence, 1.0);
}

// A lone actor whose only new contact in the run-up is a preacher's public account replying to
// him: rarer among ordinary new ties than among handlers' (here everyone else's new contacts
// are on an app), but public contact alone is not guidance.
TEST(Attribute, PublicContactAloneNeverScores) {
  CaseBuilder b;
  const auto population = b.Population();
  for (size_t i = 0; i < population.size(); ++i) {
    for (int k = 0; k < 2; ++k) {
      const EndpointId mine = b.Account("tg-B" + std::to_string(i) + "-" + std::to_string(k), CaseBuilder::kTelegram);
      const EndpointId theirs = b.Account("tg-Y" + std::to_string(i) + "-" + std::to_string(k), CaseBuilder::kTelegram);
      b.SteadyTie(mine, theirs, CaseBuilder::kTelegram, Day(20 + 10 * k), Day(100), 1.5);
    }
  }
  b.Person("L");
  const EndpointId l = b.Account("phone-L", CaseBuilder::kPhone, "L");
  const EndpointId tw = b.Account("tw-L", CaseBuilder::kTwitter, "L");
  for (int i = 0; i < 2; ++i) b.SteadyTie(l, population[static_cast<size_t>(i)], CaseBuilder::kPhone, kStart, Day(100), 1.0);
  const EndpointId preacher = b.Account("tw-R", CaseBuilder::kTwitter);
  for (double d = 50; d < 90; d += 1.5) b.Event(Day(d), preacher, tw, CaseBuilder::kTwitter, EventKind::kReply);
  b.Incident("I8", kIncident, {"L"});
  auto a = AttributeBuilt(b.Build());
  const IncidentFinding& f = Finding(a->out.report, "I8");
  EXPECT_TRUE(f.handlers.empty());
  bool seen = false;
  for (const HandlerFinding& h : f.candidates) {
    for (const Evidence& e : h.evidence) {
      if (e.rule != "platform.public_only") continue;
      seen = true;
      EXPECT_LE(e.weight, 0.0) << h.who.entity;
    }
  }
  EXPECT_TRUE(seen);
}

// H grooms P for incident I1; a second attacker L is in new contact with H before I2 — in
// private (another recruit of his: "also a likely handler of I1") or only by replying to H's
// public posts (a follower, as lone actors are: no credit).
TEST(Attribute, OtherIncidentNeedsANewPrivateTie) {
  auto build = [](bool private_tie) {
    Story s;
    s.b.Person("L");
    const EndpointId l_phone = s.b.Account("phone-L", CaseBuilder::kPhone, "L");
    const EndpointId l_app = s.b.Account("tg-L", CaseBuilder::kTelegram, "L", kStart - 200 * kDayMs);
    const EndpointId l_public = s.b.Account("tw-L", CaseBuilder::kTwitter, "L");
    for (int i = 10; i < 13; ++i) s.b.SteadyTie(l_phone, s.population[static_cast<size_t>(i)], CaseBuilder::kPhone, kStart, Day(100), 1.0);
    // H's entity spans platforms (as a resolved entity does): the public replies reach it too.
    for (int d = 50; d < 88; d += 2) {
      if (private_tie) {
        s.b.Event(Day(d) + 15 * kHourMs, d % 4 ? s.h_app : l_app, d % 4 ? l_app : s.h_app, CaseBuilder::kTelegram);
      } else {
        s.b.Event(Day(d) + 15 * kHourMs, l_public, s.h_app, CaseBuilder::kTwitter, EventKind::kReply);
      }
    }
    s.b.Incident("I2", kIncident + 2 * kDayMs, {"L"});
    return s.b.Build();
  };
  for (bool private_tie : {true, false}) {
    auto a = AttributeBuilt(build(private_tie));
    const IncidentFinding& f = Finding(a->out.report, "I2");
    bool credited = false;
    for (const auto* list : {&f.handlers, &f.candidates}) {
      for (const HandlerFinding& h : *list) credited |= HasRule(h, "other_incident");
    }
    EXPECT_EQ(credited, private_tie);
  }
}

TEST(Attribute, AssistedWhenHelpEndsDaysBefore) {
  CaseBuilder b;
  const auto population = b.Population();
  b.Person("P");
  const EndpointId p = b.Account("tg-P", CaseBuilder::kTelegram, "P");
  const EndpointId ph = b.Account("phone-P", CaseBuilder::kPhone, "P");
  for (int i = 0; i < 4; ++i) b.SteadyTie(ph, population[static_cast<size_t>(i)], CaseBuilder::kPhone, kStart, Day(100), 1.0);
  const EndpointId h = b.Account("tg-H", CaseBuilder::kTelegram);
  // Intense help from day 40 to day 84, then silence for six days before the attack.
  for (int d = 40; d < 84; ++d) {
    for (int k = 0; k < (d < 70 ? 2 : 8); ++k) b.Event(Day(d) + k * kHourMs, k % 2 ? p : h, k % 2 ? h : p, CaseBuilder::kTelegram);
  }
  b.Incident("I2", kIncident, {"P"});
  auto a = AttributeBuilt(b.Build());
  const IncidentFinding& f = Finding(a->out.report, "I2");
  ASSERT_FALSE(f.handlers.empty());
  EXPECT_EQ(f.handlers.front().who.entity, "tg-H");
  EXPECT_TRUE(HasRule(f.handlers.front(), "runup.new_ended"));
  // That the tie ended says its last contact was days before: the proximity rule is not
  // counted a second time.
  for (const Evidence& e : f.handlers.front().evidence) {
    if (e.rule.rfind("last_contact.", 0) == 0) {
      EXPECT_EQ(e.weight, 0.0) << e.rule;
    }
  }
  EXPECT_EQ(f.verdict, Verdict::kAssisted);
}

// Sporadic help on an app account P already had, ending a week before, after a stranger's
// public "contact me": the public-then-private shift is seen from P's side (the public and the
// private account are two entities), and only for the first new app contact after it.
// "Ended" means a silence the tie's own rate makes unlikely, not merely 48 quiet hours: a new
// contact who writes every four days and last wrote three days before has paused, not stopped.
TEST(Attribute, PausedTieIsNotEnded) {
  auto build = [](double every_days, double silent_days) {
    CaseBuilder b;
    const auto population = b.Population();
    const EndpointId p = SettledPerpetrator(b, population);
    const EndpointId x = b.Account("tg-X", CaseBuilder::kTelegram);
    const double last = 90.5 - silent_days;
    int k = 0;
    for (double d = last - 12 * every_days; d <= last + 1e-9; d += every_days, ++k) {
      b.Event(Day(d), k % 2 ? p : x, k % 2 ? x : p, CaseBuilder::kTelegram);
      b.Event(Day(d) + 10 * kMinuteMs, k % 2 ? x : p, k % 2 ? p : x, CaseBuilder::kTelegram);
    }
    b.Incident("I9", kIncident, {"P"});
    return b.Build();
  };
  auto level = [](const Attributed& a) {
    if (const HandlerFinding* x = CandidateOf(Finding(a.out.report, "I9"), "tg-X")) {
      for (const Evidence& e : x->evidence) {
        if (e.rule.rfind("runup.", 0) == 0) return e.rule;
      }
    }
    return std::string("none");
  };
  EXPECT_NE(level(*AttributeBuilt(build(4.0, 3.0))), "runup.new_ended");  // paused: e^-0.75 ~ 47%
  EXPECT_EQ(level(*AttributeBuilt(build(1.0, 6.0))), "runup.new_ended");  // stopped: e^-6
}

TEST(Attribute, PublicInvitationBeforeFirstPrivateContact) {
  auto build = [](bool invited) {
    CaseBuilder b;
    const auto population = b.Population();
    b.Person("P");
    const EndpointId p = b.Account("tg-P", CaseBuilder::kTelegram, "P", kStart - 300 * kDayMs);
    const EndpointId ph = b.Account("phone-P", CaseBuilder::kPhone, "P");
    const EndpointId tw = b.Account("tw-P", CaseBuilder::kTwitter, "P");
    for (int i = 0; i < 4; ++i) b.SteadyTie(ph, population[static_cast<size_t>(i)], CaseBuilder::kPhone, kStart, Day(100), 1.0);
    const EndpointId friend_app = b.Account("tg-F", CaseBuilder::kTelegram);
    b.SteadyTie(p, friend_app, CaseBuilder::kTelegram, kStart, Day(100), 0.5);
    if (invited) b.Event(Day(36), b.Account("tw-H", CaseBuilder::kTwitter), tw, CaseBuilder::kTwitter, EventKind::kMention);
    const EndpointId h = b.Account("tg-H", CaseBuilder::kTelegram);
    for (int d = 40; d < 82; ++d) b.Event(Day(d) + 20 * kHourMs, d % 2 ? p : h, d % 2 ? h : p, CaseBuilder::kTelegram);
    // A new app contact after H's: not the one the invitation was for.
    const EndpointId later = b.Account("tg-N", CaseBuilder::kTelegram);
    for (int d = 45; d < 82; d += 3) b.Event(Day(d) + 9 * kHourMs, d % 2 ? p : later, d % 2 ? later : p, CaseBuilder::kTelegram);
    b.Incident("I3", kIncident, {"P"});
    return b.Build();
  };
  auto invited = AttributeBuilt(build(true));
  const IncidentFinding& f = Finding(invited->out.report, "I3");
  const auto h = std::find_if(f.candidates.begin(), f.candidates.end(), [](const HandlerFinding& x) { return x.who.entity == "tg-H"; });
  const auto n = std::find_if(f.candidates.begin(), f.candidates.end(), [](const HandlerFinding& x) { return x.who.entity == "tg-N"; });
  const HandlerFinding* hf = h != f.candidates.end() ? &*h : f.handlers.empty() ? nullptr : &f.handlers.front();
  ASSERT_NE(hf, nullptr);
  EXPECT_EQ(hf->who.entity, "tg-H");
  EXPECT_TRUE(HasRule(*hf, "platform.public_then_private"));
  ASSERT_NE(n, f.candidates.end());
  EXPECT_FALSE(HasRule(*n, "platform.public_then_private"));
  // Without the invitation the same tie is only a new app contact.
  auto plain = AttributeBuilt(build(false));
  const IncidentFinding& g = Finding(plain->out.report, "I3");
  if (const HandlerFinding* h = CandidateOf(g, "tg-H")) {
    EXPECT_TRUE(HasRule(*h, "platform.encrypted_new"));
  }
  EXPECT_GE(ScoreOf(g, "tg-H"), 0);
}

// A handler's account goes silent everywhere (arrested) while helping P; four days later a new
// account writes to P first and stays in touch to the end: both are handlers.
TEST(Attribute, HandoverToASuccessor) {
  auto build = [](bool silenced) {
    CaseBuilder b;
    const auto population = b.Population();
    const EndpointId p = SettledPerpetrator(b, population);
    const EndpointId h1 = b.Account("tg-H1", CaseBuilder::kTelegram);
    const EndpointId other = b.Account("tg-O", CaseBuilder::kTelegram);
    const double stop = 78;
    int k = 0;
    for (double d = 40; d < stop; d += 0.5, ++k) b.Event(Day(d), k % 2 ? p : h1, k % 2 ? h1 : p, CaseBuilder::kTelegram);
    // H1's other ties stop with it, or (not silenced) go on to the end of the case.
    b.SteadyTie(h1, other, CaseBuilder::kTelegram, kStart, silenced ? Day(stop) : Day(100), 1.0);
    const EndpointId h2 = b.Account("tg-H2", CaseBuilder::kTelegram);
    k = 0;  // H2 writes first
    for (double d = stop + 4; d < 90; d += 0.25, ++k) b.Event(Day(d), k % 2 ? p : h2, k % 2 ? h2 : p, CaseBuilder::kTelegram);
    b.Event(kIncident - 15 * kMinuteMs, h2, p, CaseBuilder::kTelegram);
    b.Incident("I4", kIncident, {"P"});
    return b.Build();
  };
  auto a = AttributeBuilt(build(true));
  const IncidentFinding& f = Finding(a->out.report, "I4");
  auto find = [&](const std::string& e) { return CandidateOf(f, e); };
  ASSERT_NE(find("tg-H1"), nullptr);
  EXPECT_TRUE(HasRule(*find("tg-H1"), "handover.predecessor"));
  EXPECT_GE(find("tg-H1")->score, 0.5);
  ASSERT_NE(find("tg-H2"), nullptr);
  EXPECT_TRUE(HasRule(*find("tg-H2"), "handover.successor"));
  // A contact who merely stopped writing to P, and went on writing to others, handed nothing over.
  auto b = AttributeBuilt(build(false));
  const IncidentFinding& g = Finding(b->out.report, "I4");
  for (const auto* list : {&g.handlers, &g.candidates}) {
    for (const HandlerFinding& h : *list) EXPECT_FALSE(HasRule(h, "handover.predecessor")) << h.who.entity;
  }
}

// The predecessor of a handover earns a second x10 when his successor is a likely handler on
// the rest of his evidence (in touch to the end, minutes before); not when the successor is a
// handful of messages that stop weeks before the incident, whose handover credit alone would
// otherwise vouch for the pattern it came from; nor when the predecessor was seen on no other
// tie, so that his "silence everywhere" is only the edge of the collection.
// A predecessor whose entity spans his public and app accounts (as a resolved planner's does)
// opened with a public "contact me": the handover reads the private part of the tie.
TEST(Attribute, HandoverReadsThePrivatePartOfTheTie) {
  CaseBuilder b;
  const auto population = b.Population();
  b.Person("P");
  b.Person("H1");
  const EndpointId p = b.Account("tg-P", CaseBuilder::kTelegram, "P", kStart - 300 * kDayMs);
  const EndpointId p_public = b.Account("tw-P", CaseBuilder::kTwitter, "P");
  const EndpointId ph = b.Account("phone-P", CaseBuilder::kPhone, "P");
  for (int i = 0; i < 4; ++i) b.SteadyTie(ph, population[static_cast<size_t>(i)], CaseBuilder::kPhone, kStart, Day(100), 1.0);
  const EndpointId h1 = b.Account("tg-H1", CaseBuilder::kTelegram, "H1");
  const EndpointId h1_public = b.Account("tw-H1", CaseBuilder::kTwitter, "H1");
  const EndpointId other = b.Account("tg-O", CaseBuilder::kTelegram);
  b.Event(Day(38), h1_public, p_public, CaseBuilder::kTwitter, EventKind::kMention);
  const double stop = 78;
  int k = 0;
  for (double d = 40; d < stop; d += 0.5, ++k) b.Event(Day(d), k % 2 ? p : h1, k % 2 ? h1 : p, CaseBuilder::kTelegram);
  b.SteadyTie(h1, other, CaseBuilder::kTelegram, kStart, Day(stop), 1.0);
  const EndpointId h2 = b.Account("tg-H2", CaseBuilder::kTelegram);
  k = 0;
  for (double d = stop + 4; d < 90; d += 0.25, ++k) b.Event(Day(d), k % 2 ? p : h2, k % 2 ? h2 : p, CaseBuilder::kTelegram);
  b.Event(kIncident - 15 * kMinuteMs, h2, p, CaseBuilder::kTelegram);
  b.Incident("I4", kIncident, {"P"});
  auto a = AttributeBuilt(b.Build());
  const IncidentFinding& f = Finding(a->out.report, "I4");
  const HandlerFinding* predecessor = CandidateOf(f, "H1");
  EXPECT_TRUE(predecessor && HasRule(*predecessor, "handover.predecessor"));
  EXPECT_GE(ScoreOf(f, "H1"), 0.5);
}

TEST(Attribute, HandoverToALikelyHandlerCountsForThePredecessor) {
  auto build = [](bool strong_successor, bool other_tie = true) {
    CaseBuilder b;
    const auto population = b.Population();
    const EndpointId p = SettledPerpetrator(b, population);
    const EndpointId h1 = b.Account("tg-H1", CaseBuilder::kTelegram);
    const EndpointId other = b.Account("tg-O", CaseBuilder::kTelegram);
    const double stop = 70;
    int k = 0;
    for (double d = 40; d < stop; d += 0.5, ++k) b.Event(Day(d), k % 2 ? p : h1, k % 2 ? h1 : p, CaseBuilder::kTelegram);
    if (other_tie) b.SteadyTie(h1, other, CaseBuilder::kTelegram, kStart, Day(stop), 1.0);  // silent everywhere
    const EndpointId h2 = b.Account("tg-H2", CaseBuilder::kTelegram);
    k = 0;  // H2 writes first, four days after H1 stopped
    const double end = strong_successor ? 90 : stop + 7;
    const double step = strong_successor ? 0.25 : 0.5;
    for (double d = stop + 4; d < end; d += step, ++k) b.Event(Day(d), k % 2 ? p : h2, k % 2 ? h2 : p, CaseBuilder::kTelegram);
    if (strong_successor) b.Event(kIncident - 15 * kMinuteMs, h2, p, CaseBuilder::kTelegram);
    b.Incident("I5", kIncident, {"P"});
    return b.Build();
  };
  double score[2] = {0, 0};
  for (bool strong : {true, false}) {
    SCOPED_TRACE(strong ? "strong successor" : "weak successor");
    auto a = AttributeBuilt(build(strong));
    const IncidentFinding& f = Finding(a->out.report, "I5");
    const HandlerFinding* h1 = CandidateOf(f, "tg-H1");
    ASSERT_NE(h1, nullptr);
    EXPECT_TRUE(HasRule(*h1, "handover.predecessor"));
    EXPECT_EQ(HasRule(*h1, "handover.succeeded_by_handler"), strong);
    score[strong] = h1->log_lr;
  }
  EXPECT_GT(score[1], score[0]);
  auto unseen = AttributeBuilt(build(true, false));
  const IncidentFinding& g = Finding(unseen->out.report, "I5");
  for (const auto* list : {&g.handlers, &g.candidates}) {
    for (const HandlerFinding& h : *list) EXPECT_FALSE(HasRule(h, "handover.succeeded_by_handler")) << h.who.entity;
  }
}

TEST(Attribute, IntroductionOfTwoPerpetrators) {
  CaseBuilder b;
  const auto population = b.Population();
  b.Person("A");
  b.Person("B");
  const EndpointId pa = b.Account("tg-A", CaseBuilder::kTelegram, "A");
  const EndpointId pb = b.Account("tg-B", CaseBuilder::kTelegram, "B");
  const EndpointId h = b.Account("tg-H", CaseBuilder::kTelegram);
  b.SteadyTie(pa, population[0], CaseBuilder::kTelegram, kStart, Day(100), 1.0);
  b.SteadyTie(pb, population[1], CaseBuilder::kTelegram, kStart, Day(100), 1.0);
  for (int d = 30; d < 90; ++d) {
    b.Event(Day(d) + 9 * kHourMs, h, pa, CaseBuilder::kTelegram);
    b.Event(Day(d) + 10 * kHourMs, h, pb, CaseBuilder::kTelegram);
  }
  // Day 80: H writes A, then B, then A writes B for the first time.
  const TimeMs met = Day(80) + 15 * kHourMs;
  b.Event(met - 40 * kMinuteMs, h, pa, CaseBuilder::kTelegram);
  b.Event(met - 10 * kMinuteMs, h, pb, CaseBuilder::kTelegram);
  b.Event(met, pa, pb, CaseBuilder::kTelegram);
  for (int d = 81; d < 90; ++d) b.Event(Day(d) + 12 * kHourMs, pa, pb, CaseBuilder::kTelegram);
  b.Incident("I3", kIncident, {"A", "B"});
  auto a = AttributeBuilt(b.Build());
  const IncidentFinding& f = Finding(a->out.report, "I3");
  ASSERT_EQ(f.introductions.size(), 1u);
  const Introduction& i = f.introductions[0];
  EXPECT_EQ(i.introducer, "tg-H");
  EXPECT_EQ(i.a, "A");
  EXPECT_EQ(i.b, "B");
  EXPECT_EQ(i.time, met);
  ASSERT_FALSE(f.handlers.empty());
  EXPECT_EQ(f.handlers.front().who.entity, "tg-H");
  EXPECT_TRUE(HasRule(f.handlers.front(), "introduction"));
  EXPECT_TRUE(HasRule(f.handlers.front(), "several_perpetrators"));
}

// The pledge video: P sends a file to H 30 hours before; H's channel posts it 5 hours after.
CaseData PledgeCase(bool rebroadcast) {
  Story s;
  const EndpointId channel = s.b.Channel("C-H");
  for (double d = 1; d < 100; d += 2) s.b.Event(Day(d), s.h_app, channel, CaseBuilder::kTelegram, EventKind::kPost);
  const std::string hash = std::string(64, 'a');
  s.b.Event(kIncident - 30 * kHourMs, s.p_app, s.h_app, CaseBuilder::kTelegram, EventKind::kMedia, hash);
  if (rebroadcast) s.b.Event(kIncident + 5 * kHourMs, s.h_app, channel, CaseBuilder::kTelegram, EventKind::kPost, hash);
  return s.b.Build();
}

TEST(Attribute, PledgeVideoSentBeforeAndBroadcastAfter) {
  auto with = AttributeBuilt(PledgeCase(true));
  auto without = AttributeBuilt(PledgeCase(false));
  const IncidentFinding& f = Finding(with->out.report, "I1");
  const IncidentFinding& g = Finding(without->out.report, "I1");
  ASSERT_FALSE(f.handlers.empty());
  ASSERT_FALSE(g.handlers.empty());
  EXPECT_TRUE(HasRule(f.handlers.front(), "media.pledge_rebroadcast"));
  EXPECT_FALSE(HasRule(g.handlers.front(), "media.pledge_rebroadcast"));
  EXPECT_TRUE(HasRule(g.handlers.front(), "media.media_before"));
  // The pledge evidence cites both the file sent and its broadcast, by content hash.
  auto pledge = std::find_if(f.handlers.front().evidence.begin(), f.handlers.front().evidence.end(),
                             [](const Evidence& e) { return e.rule == "media.pledge_rebroadcast"; });
  ASSERT_NE(pledge, f.handlers.front().evidence.end());
  ASSERT_EQ(pledge->events.size(), 2u);
  EXPECT_EQ(pledge->events[0].time, kIncident - 30 * kHourMs);
  EXPECT_EQ(pledge->events[1].time, kIncident + 5 * kHourMs);
  EXPECT_NE(pledge->text.find("broadcast 5.0 hours after the incident"), std::string::npos) << pledge->text;
}

// Two directed attacks by two handlers who both answer to one commander: C is in standing
// telegram contact with H1 and H2 for the whole case, never with a perpetrator, writes each
// handler shortly before the handler's grooming sessions (instructions down) and hears from
// each in the days after his attack (reports up). A cousin of H1's, in the same app but with
// ordinary contacts too, must not be taken for the commander.
// With `chief`, each handler answers to a commander of his own (tg-C1, tg-C2), and both
// commanders to a chief (tg-X) who talks to nobody else.
CaseData CommandCase(bool chief = false) {
  CaseBuilder b;
  const auto population = b.Population();
  std::uniform_real_distribution<double> hour(9, 20);
  const EndpointId commanders[2] = {b.Account(chief ? "tg-C1" : "tg-C", CaseBuilder::kTelegram),
                                    chief ? b.Account("tg-C2", CaseBuilder::kTelegram) : EndpointId{}};
  const EndpointId cousin = b.Account("tg-K", CaseBuilder::kTelegram);
  const TimeMs at[2] = {kIncident, kIncident - 20 * kDayMs};
  std::vector<EndpointId> handlers;
  for (int k = 0; k < 2; ++k) {
    const std::string n = std::to_string(k + 1);
    b.Person("P" + n);
    const EndpointId phone = b.Account("phone-P" + n, CaseBuilder::kPhone, "P" + n);
    const EndpointId app = b.Account("tg-P" + n, CaseBuilder::kTelegram, "P" + n);
    const EndpointId h = b.Account("tg-H" + n, CaseBuilder::kTelegram);
    handlers.push_back(h);
    const EndpointId c = commanders[chief ? k : 0];
    for (int i = 0; i < 4; ++i) b.SteadyTie(phone, population[static_cast<size_t>(4 * k + i)], CaseBuilder::kPhone, kStart, Day(100), 0.8);
    const int first = (k == 0 ? 40 : 20);
    const int last = static_cast<int>((at[k] - kStart) / kDayMs);
    for (int d = first; d < last; ++d) {
      const int sessions = d < last - 15 ? 1 : d < last - 7 ? 4 : 12;
      const TimeMs order = Day(d) + 8 * kHourMs;  // the commander writes first, every few days
      if (d % 3 == 0) b.Event(order, c, h, CaseBuilder::kTelegram);
      for (int m = 0; m < sessions; ++m) {
        const TimeMs t = Day(d) + static_cast<TimeMs>(hour(b.rng()) * kHourMs);
        b.Event(t, m % 2 ? app : h, m % 2 ? h : app, CaseBuilder::kTelegram);
      }
    }
    b.Event(at[k] - 15 * kMinuteMs, h, app, CaseBuilder::kTelegram);
    for (int r = 1; r <= 3; ++r) b.Event(at[k] + r * 10 * kHourMs, h, c, CaseBuilder::kTelegram);  // reports up
    b.Incident("I" + n, at[k], {"P" + n});
  }
  // The standing command ties, all case long.
  for (size_t k = 0; k < handlers.size(); ++k) {
    b.SteadyTie(commanders[chief ? k : 0], handlers[k], CaseBuilder::kTelegram, kStart, Day(100), 0.5);
  }
  if (chief) {
    const EndpointId x = b.Account("tg-X", CaseBuilder::kTelegram);
    for (const EndpointId c : commanders) b.SteadyTie(x, c, CaseBuilder::kTelegram, kStart, Day(100), 0.3);
  }
  // A recruit H1 is grooming now, with no incident yet: the reach a disruption should cut.
  const EndpointId recruit = b.Account("tg-R", CaseBuilder::kTelegram);
  for (int d = 60; d < 100; ++d) b.Event(Day(d) + 13 * kHourMs, d % 2 ? recruit : handlers[0], d % 2 ? handlers[0] : recruit, CaseBuilder::kTelegram);
  // H1's cousin: a long tie with H1, and the ordinary contacts of anyone.
  b.SteadyTie(cousin, handlers[0], CaseBuilder::kTelegram, kStart, Day(100), 0.7);
  for (int i = 20; i < 26; ++i) b.SteadyTie(cousin, population[static_cast<size_t>(i)], CaseBuilder::kTelegram, kStart, Day(100), 0.7);
  return b.Build();
}

TEST(Attribute, ChainOfCommandAboveTwoHandlers) {
  auto a = AttributeBuilt(CommandCase());
  const AttributionReport& r = a->out.report;
  for (const std::string id : {"I1", "I2"}) {
    const IncidentFinding& f = Finding(r, id);
    ASSERT_FALSE(f.handlers.empty()) << id;
    EXPECT_EQ(f.handlers.front().who.entity, id == "I1" ? "tg-H1" : "tg-H2");
    EXPECT_EQ(f.verdict, Verdict::kDirected) << id;
  }
  // C is the superior of both handlers; the cousin of neither.
  std::map<std::string, double> above;
  for (const CommandLink& l : r.chain_of_command) {
    EXPECT_NE(l.superior, "tg-K") << "the cousin above " << l.subordinate;
    if (l.superior == "tg-C") above[l.subordinate] = l.confidence;
  }
  ASSERT_EQ(above.count("tg-H1"), 1u);
  ASSERT_EQ(above.count("tg-H2"), 1u);
  EXPECT_GE(above["tg-H1"], 0.5);
  EXPECT_GE(above["tg-H2"], 0.5);
  // Each handler's evidence names the upward tie to the other incident's handler.
  for (const std::string id : {"I1", "I2"}) {
    const HandlerFinding& top = Finding(r, id).handlers.front();
    EXPECT_TRUE(HasRule(top, "commander_tie")) << id;
  }
  // Disruption: H1, who grooms R, comes first — removing him cuts every controller's reach to
  // R — and nobody outside the network (the cousin, R) is listed above the commander.
  ASSERT_FALSE(r.disruption.empty());
  EXPECT_EQ(r.disruption.front().who.entity, "tg-H1");
  EXPECT_DOUBLE_EQ(r.disruption.front().effect, 1.0);
  bool commander_listed = false;
  for (const DisruptionTarget& t : r.disruption) {
    EXPECT_NE(t.who.entity, "tg-K");
    commander_listed |= t.who.entity == "tg-C";
  }
  EXPECT_TRUE(commander_listed);
}

// A commander above one handler talks to that handler and to his own chief, whom nothing has
// placed in the network yet: the chief talks only to commanders, so the commander's contacts
// are still all the network's; and the chief, above two of them, is found a level up.
TEST(Attribute, ChainOfCommandThroughOneHandlerEachUpToTheChief) {
  auto a = AttributeBuilt(CommandCase(true));
  const AttributionReport& r = a->out.report;
  std::map<std::string, std::string> superior;
  for (const CommandLink& l : r.chain_of_command) {
    EXPECT_GE(l.confidence, 0.5);
    superior[l.subordinate] = l.superior;
  }
  EXPECT_EQ(superior["tg-H1"], "tg-C1");
  EXPECT_EQ(superior["tg-H2"], "tg-C2");
  EXPECT_EQ(superior["tg-C1"], "tg-X");
  EXPECT_EQ(superior["tg-C2"], "tg-X");
  EXPECT_EQ(superior.count("tg-X"), 0u);
}

TEST(Attribute, NoCommanderWithoutTheCommandTies) {
  // The same two plots with C's standing ties, orders and reports removed: nobody is above
  // the handlers, and no handler has an upward tie.
  CaseData c = CommandCase();
  const auto cv = std::find_if(c.endpoints.begin(), c.endpoints.end(), [](const Endpoint& e) { return e.key == "tg-C"; });
  ASSERT_NE(cv, c.endpoints.end());
  const auto cid = static_cast<EndpointId>(cv - c.endpoints.begin());
  CaseData kept = c;
  kept.events.Clear();
  for (size_t row = 0; row < c.events.size(); ++row) {
    if (c.events.source[row] == cid || c.events.target[row] == cid) continue;
    kept.events.time.push_back(c.events.time[row]);
    kept.events.source.push_back(c.events.source[row]);
    kept.events.target.push_back(c.events.target[row]);
    kept.events.platform.push_back(c.events.platform[row]);
    kept.events.kind.push_back(c.events.kind[row]);
    kept.events.duration_s.push_back(c.events.duration_s[row]);
    kept.events.size_bytes.push_back(c.events.size_bytes[row]);
    kept.events.provenance.push_back(c.events.provenance[row]);
    kept.events.content.push_back(c.events.content[row]);
  }
  auto a = AttributeBuilt(std::move(kept));
  for (const CommandLink& l : a->out.report.chain_of_command) EXPECT_NE(l.superior, "tg-C");
  for (const std::string id : {"I1", "I2"}) {
    const IncidentFinding& f = Finding(a->out.report, id);
    ASSERT_FALSE(f.handlers.empty()) << id;
    EXPECT_FALSE(HasRule(f.handlers.front(), "commander_tie")) << id;
  }
}

// Entity resolution's takeovers reach the incident of the perpetrator whose account changed
// hands, citing the new user's first event; a takeover of anyone else's account does not.
TEST(Attribute, ResolutionTakeoverOfAPerpetratorsAccountIsNoted) {
  Story s;
  const TimeMs after = kIncident + 2 * kDayMs;
  for (int k = 0; k < 5; ++k) s.b.Event(after + k * kHourMs, s.p_app, s.population[7], CaseBuilder::kTelegram);
  const CaseData c = s.b.Build();
  AttributeOptions options = ShowAll();
  options.takeovers = {{"tg-P", after, 0.83}, {"tg-H", Day(50), 0.9}, {"no-such-account", Day(50), 0.9}};
  auto with = AttributeBuilt(c, options);
  const IncidentFinding& f = Finding(with->out.report, "I1");
  std::vector<const Evidence*> noted;
  for (const Evidence& e : f.notes) {
    if (e.rule == "resolution.takeover") noted.push_back(&e);
  }
  ASSERT_EQ(noted.size(), 1u);
  EXPECT_NE(noted[0]->text.find("account tg-P of P changed user"), std::string::npos) << noted[0]->text;
  EXPECT_NE(noted[0]->text.find("confidence 0.83"), std::string::npos) << noted[0]->text;
  ASSERT_EQ(noted[0]->events.size(), 1u);
  EXPECT_EQ(noted[0]->events[0].time, after);
  auto without = AttributeBuilt(c);
  for (const Evidence& e : Finding(without->out.report, "I1").notes) EXPECT_NE(e.rule, "resolution.takeover");
}

TEST(Attribute, UnknownIncidentIsAnError) {
  Story s;
  CaseData c = s.b.Build();
  AttributeOptions o;
  o.incidents = {"nope"};
  auto r = AttributeCase(c, o);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
}

TEST(Entities, PhoneNumbersJoinTheirOwner) {
  CaseData c;
  c.platforms = {{"phone", PlatformClass::kPhone}};
  c.persons.push_back({});
  c.persons[0].id = "P1";
  Account acc;
  acc.id = "A1";
  acc.platform = "phone";
  acc.phone = "+33612345678";
  acc.owner = "P1";
  acc.endpoint = 0;
  c.accounts.push_back(acc);
  c.endpoints = {{"A1", EndpointKind::kAccount, 0}, {"+33612345678", EndpointKind::kPhone, kNoIndex},
                 {"+33699999999", EndpointKind::kPhone, kNoIndex}};
  const graph::EntityMap by_owner = graph::EntitiesByOwner(c);
  const graph::EntityMap m = EntitiesForAttribution(c);
  EXPECT_NE(by_owner.entity_of_endpoint[1], by_owner.entity_of_endpoint[0]);
  EXPECT_EQ(m.entity_of_endpoint[1], m.entity_of_endpoint[0]);
  EXPECT_EQ(m.names[m.entity_of_endpoint[0]], "P1");
  EXPECT_NE(m.entity_of_endpoint[2], m.entity_of_endpoint[0]);
  EXPECT_TRUE(m.Validate(c).ok());
}

// A small case for the entity rules: accounts (id, platform, owner, phone, display name), one
// endpoint each, and incidents by perpetrator.
struct EntityCase {
  CaseData c;
  EntityCase() { c.platforms = {{"phone", PlatformClass::kPhone}, {"telegram", PlatformClass::kEncrypted}}; }
  EndpointId Add(const std::string& id, const std::string& owner, const std::string& phone, const std::string& name = "") {
    Account a;
    a.id = id;
    a.platform = "telegram";
    a.owner = owner;
    a.phone = phone;
    a.display_name = name;
    const EndpointId e = c.AddAccount(std::move(a));
    if (!owner.empty() && c.FindPerson(owner) == kNoIndex) {
      c.persons.push_back({});
      c.persons.back().id = owner;
    }
    return e;
  }
};

TEST(Entities, AccountRegisteredWithAnOwnersNumberJoinsHim) {
  EntityCase k;
  const EndpointId owned = k.Add("A1", "P1", "+33612345678");
  const EndpointId app = k.Add("A2", "", "+33612345678");
  // A number two owners list says nothing about a third account that carries it.
  const EndpointId shared1 = k.Add("A3", "P2", "+33600000000");
  const EndpointId shared2 = k.Add("A4", "P3", "+33600000000");
  const EndpointId other = k.Add("A5", "", "+33600000000");
  const graph::EntityMap m = EntitiesForAttribution(k.c);
  EXPECT_EQ(m.entity_of_endpoint[app], m.entity_of_endpoint[owned]);
  EXPECT_NE(m.entity_of_endpoint[other], m.entity_of_endpoint[shared1]);
  EXPECT_NE(m.entity_of_endpoint[other], m.entity_of_endpoint[shared2]);
  EXPECT_TRUE(m.Validate(k.c).ok());
}

// The subjects' display-name rule: a name unique in the case joins the perpetrator, unless the
// account writes after his recorded death, or the map already linked it to someone else.
TEST(Entities, SubjectNameRuleAndItsRefutations) {
  auto build = [](bool writes_after_death) {
    EntityCase k;
    k.Add("A1", "P", "", "Ibrahim Yildirim");
    k.Add("A2", "", "", "ibrahim  YILDIRIM");
    k.Add("A3", "", "");
    k.c.persons[k.c.FindPerson("P")].status = "dead";
    k.c.persons[k.c.FindPerson("P")].status_time = Day(50);
    Incident i;
    i.id = "I1";
    i.time = Day(50);
    i.perpetrators = {"P"};
    k.c.incidents.push_back(i);
    for (TimeMs t : {Day(10), Day(50) - kHourMs, writes_after_death ? Day(52) : Day(50) + 30 * kMinuteMs}) {
      k.c.events.time.push_back(t);
      k.c.events.source.push_back(1);
      k.c.events.target.push_back(2);
      k.c.events.platform.push_back(1);
      k.c.events.kind.push_back(EventKind::kMessage);
      k.c.events.duration_s.push_back(-1);
      k.c.events.size_bytes.push_back(-1);
    }
    return k;
  };
  const EntityCase linked = build(false);
  const graph::EntityMap m = EntitiesForAttribution(linked.c);
  EXPECT_EQ(m.entity_of_endpoint[1], m.entity_of_endpoint[0]);
  const EntityCase refuted = build(true);
  const graph::EntityMap n = EntitiesForAttribution(refuted.c);
  EXPECT_NE(n.entity_of_endpoint[1], n.entity_of_endpoint[0]);
  // Over a map that put A2 with A3 (a resolution had its reasons), the name moves nothing.
  graph::EntityMap r = graph::EntitiesByOwner(linked.c);
  r.entity_of_endpoint[2] = r.entity_of_endpoint[1];
  LinkSubjectAccountsByName(linked.c, r);
  EXPECT_NE(r.entity_of_endpoint[1], r.entity_of_endpoint[0]);
  // ...and over a map that left it alone, it joins him.
  graph::EntityMap alone = graph::EntitiesByOwner(linked.c);
  LinkSubjectAccountsByName(linked.c, alone);
  EXPECT_EQ(alone.entity_of_endpoint[1], alone.entity_of_endpoint[0]);
}

TEST(Evaluate, MetricsOnAHandMadeReport) {
  Truth t;
  t.role = {{"P1", "recruit"}, {"P2", "recruit"}, {"H1", "planner"}, {"J1", "journalist"}, {"C1", "commander"}};
  t.owners = {{"tg-H1", {"H1"}}, {"tg-J1", {"J1"}}, {"tg-C1", {"C1"}}};
  t.incidents = {{"I1", "directed", {"P1"}, {"H1"}}, {"I2", "none", {"P2"}, {}}};
  t.introductions = {{"H1", "P1", "P3"}};
  t.chain = {{"C1", "H1"}};
  AttributionReport r;
  IncidentFinding i1;
  i1.incident = "I1";
  i1.verdict = Verdict::kDirected;
  i1.confidence = 0.8;
  i1.handlers.push_back({{"tg-H1", {"tg-H1"}, {}}, 0.9, 5, {}});
  i1.handlers.push_back({{"tg-J1", {"tg-J1"}, {}}, 0.6, 1, {}});
  IncidentFinding i2;
  i2.incident = "I2";
  i2.verdict = Verdict::kDirected;
  i2.confidence = 0.6;
  i2.handlers.push_back({{"tg-J1", {"tg-J1"}, {}}, 0.7, 2, {}});
  r.incidents = {i1, i2};
  r.chain_of_command.push_back({"tg-C1", "tg-H1", 0.7, {}});
  const Evaluation e = Evaluate(r, t);
  EXPECT_DOUBLE_EQ(e.handler_precision, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(e.handler_recall, 1.0);
  EXPECT_DOUBLE_EQ(e.verdict_accuracy, 0.5);
  EXPECT_EQ(e.decoys_accused, 1);  // I2's top handler is the journalist
  EXPECT_DOUBLE_EQ(e.introduction_recall, 0.0);
  EXPECT_DOUBLE_EQ(e.chain_accuracy, 1.0);
  EXPECT_DOUBLE_EQ(e.verdict_brier, ((0.8 - 1) * (0.8 - 1) + 0.6 * 0.6) / 2);
}

}  // namespace
}  // namespace linchpin::attribute
