// The sample case for the report's tests and browser check (see sample_case.h).
#include "report/sample_case.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

namespace linchpin::report {

namespace {

constexpr TimeMs kBase = 1772323200000;  // 2026-03-01T00:00:00Z
constexpr TimeMs kIncident1 = kBase + 13 * kDayMs + 17 * kHourMs + 40 * kMinuteMs;
constexpr TimeMs kIncident2 = kBase + 32 * kDayMs + 9 * kHourMs + 15 * kMinuteMs;
constexpr TimeMs kIncident3 = kBase + 50 * kDayMs + 12 * kHourMs;

// Numerical Recipes' LCG: enough to scatter background contacts reproducibly.
struct Lcg {
  uint64_t state;
  uint32_t Next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(state >> 33);
  }
  uint32_t Below(uint32_t n) { return Next() % n; }
};

struct RawEvent {
  TimeMs time;
  EndpointId source, target;
  uint16_t platform;
  EventKind kind;
};

struct Builder {
  CaseData c;
  std::vector<RawEvent> raw;

  uint16_t Platform(const std::string& name, PlatformClass cls) {
    c.platforms.push_back({name, cls});
    return static_cast<uint16_t>(c.platforms.size() - 1);
  }
  void AddPerson(const std::string& id, const std::string& name, uint32_t line) {
    Person p;
    p.id = id;
    p.name = name;
    p.provenance = {0, line};
    c.persons.push_back(std::move(p));
  }
  EndpointId AddAccount(const std::string& id, const std::string& platform, const std::string& owner, uint32_t line) {
    Account a;
    a.id = id;
    a.platform = platform;
    a.handle = id;
    a.owner = owner;
    a.provenance = {1, line};
    return c.AddAccount(std::move(a));
  }
  void Contact(TimeMs t, EndpointId s, EndpointId d, uint16_t platform, EventKind kind = EventKind::kMessage) {
    raw.push_back({t, s, d, platform, kind});
  }
  // `count` contacts spread over [from, to), alternating direction, denser toward `to`.
  void Exchange(Lcg& rng, EndpointId a, EndpointId b, TimeMs from, TimeMs to, int count, uint16_t platform) {
    for (int k = 0; k < count; ++k) {
      const double u = static_cast<double>(rng.Below(10000)) / 10000.0;
      const TimeMs t = from + static_cast<TimeMs>((1 - (1 - u) * (1 - u)) * static_cast<double>(to - from));
      if (k % 3 == 2) Contact(t, b, a, platform);
      else Contact(t, a, b, platform);
    }
  }
  void Finish() {
    std::stable_sort(raw.begin(), raw.end(), [](const RawEvent& x, const RawEvent& y) {
      return std::tie(x.time, x.source, x.target) < std::tie(y.time, y.source, y.target);
    });
    for (size_t i = 0; i < raw.size(); ++i) {
      EventTable& ev = c.events;
      ev.time.push_back(raw[i].time);
      ev.source.push_back(raw[i].source);
      ev.target.push_back(raw[i].target);
      ev.platform.push_back(raw[i].platform);
      ev.kind.push_back(raw[i].kind);
      ev.duration_s.push_back(raw[i].kind == EventKind::kCall ? 60 : -1);
      ev.size_bytes.push_back(-1);
      ev.provenance.push_back({2, static_cast<uint32_t>(i + 2)});  // line 1 is the CSV header
      ev.content.push_back(kNoIndex);
    }
  }
};

void AddPeople(Builder& b) {
  b.AddPerson("P-KARIM", "Karim Benali", 2);
  b.AddPerson("P-YUSUF", "Yusuf <script>alert(\"x\")</script> Okafor", 3);
  b.AddPerson("P-ANNA", "Anna Kowalski", 4);
  b.AddPerson("H-KHALID", "Abu Khalid", 5);
  b.AddPerson("H-MARIAM", "Abu Mariam", 6);
  b.AddPerson("R-SAMIR", "Samir Taleb", 7);
  for (int k = 0; k < 10; ++k) b.AddPerson("B-" + std::to_string(k + 1), "Contact " + std::to_string(k + 1), 8 + k);
}

}  // namespace

CaseData SampleCase() {
  Builder b;
  b.c.sources = {"persons.csv", "accounts.csv", "events.csv", "incidents.csv"};
  const uint16_t telegram = b.Platform("telegram", PlatformClass::kEncrypted);
  const uint16_t phone = b.Platform("phone", PlatformClass::kPhone);
  const uint16_t twitter = b.Platform("twitter", PlatformClass::kPublic);
  AddPeople(b);
  const EndpointId karim_tg = b.AddAccount("tg-karim", "telegram", "P-KARIM", 2);
  const EndpointId karim_ph = b.AddAccount("+33612340001", "phone", "P-KARIM", 3);
  const EndpointId yusuf_tg = b.AddAccount("tg-yusuf", "telegram", "P-YUSUF", 4);
  const EndpointId yusuf_ph = b.AddAccount("+33612340002", "phone", "P-YUSUF", 5);
  const EndpointId anna_tw = b.AddAccount("tw-anna", "twitter", "P-ANNA", 6);
  const EndpointId khalid_tg = b.AddAccount("tg-khalid", "telegram", "H-KHALID", 7);
  const EndpointId khalid_tg2 = b.AddAccount("tg-khalid-2", "telegram", "H-KHALID", 8);
  const EndpointId mariam_tg = b.AddAccount("tg-mariam", "telegram", "H-MARIAM", 9);
  const EndpointId samir_tg = b.AddAccount("tg-samir", "telegram", "R-SAMIR", 10);
  std::vector<EndpointId> background;
  for (int k = 0; k < 10; ++k) {
    background.push_back(b.AddAccount("+3361299" + std::to_string(1000 + k), "phone", "B-" + std::to_string(k + 1), 11 + k));
  }
  const EndpointId propaganda = static_cast<EndpointId>(b.c.endpoints.size());
  b.c.endpoints.push_back({"channel:dawa-news", EndpointKind::kChannel, kNoIndex});

  Lcg rng{7};
  // Everyday chatter of the perpetrators with family and friends, by phone.
  for (EndpointId perp : {karim_ph, yusuf_ph}) {
    for (int k = 0; k < 160; ++k) {
      const EndpointId other = background[rng.Below(10)];
      const TimeMs t = kBase - 20 * kDayMs + static_cast<TimeMs>(rng.Below(75 * 24)) * kHourMs + rng.Below(3600) * kSecondMs;
      if (k % 2) b.Contact(t, perp, other, phone, EventKind::kCall);
      else b.Contact(t, other, perp, phone, EventKind::kSms);
    }
  }
  // The recruiter talks to Karim, then Karim meets the handler (the introduction).
  b.Exchange(rng, samir_tg, karim_tg, kBase - 18 * kDayMs, kBase - 10 * kDayMs, 14, telegram);
  b.Exchange(rng, samir_tg, khalid_tg, kBase - 14 * kDayMs, kBase - 9 * kDayMs, 6, telegram);
  b.Contact(kBase - 9 * kDayMs + 3 * kHourMs, khalid_tg, karim_tg, telegram);  // first contact
  b.Exchange(rng, khalid_tg, karim_tg, kBase - 9 * kDayMs + 4 * kHourMs, kIncident1 - 12 * kMinuteMs, 70, telegram);
  b.Contact(kIncident1 - 12 * kMinuteMs, khalid_tg, karim_tg, telegram);  // the last contact
  // Khalid hands Yusuf to his deputy Mariam, who directs the second attack.
  b.Exchange(rng, khalid_tg2, yusuf_tg, kIncident1 - 2 * kDayMs, kIncident1 + 4 * kDayMs, 12, telegram);
  b.Exchange(rng, mariam_tg, yusuf_tg, kIncident1 + 3 * kDayMs, kIncident2 - 25 * kMinuteMs, 64, telegram);
  b.Contact(kIncident2 - 25 * kMinuteMs, mariam_tg, yusuf_tg, telegram);
  b.Exchange(rng, khalid_tg, mariam_tg, kBase - 5 * kDayMs, kIncident2, 30, telegram);
  // Anna only follows and reposts a propaganda channel.
  for (int k = 0; k < 40; ++k) {
    b.Contact(kIncident3 - static_cast<TimeMs>(rng.Below(28 * 24)) * kHourMs, anna_tw, propaganda, twitter, EventKind::kRepost);
  }

  Incident inc1{"INC-1", kIncident1, "attack", "Lyon", "FR", {"P-KARIM"}, "", {3, 2}};
  Incident inc2{"INC-2", kIncident2, "attack", "Marseille", "FR", {"P-YUSUF"}, "", {3, 3}};
  Incident inc3{"INC-3", kIncident3, "foiled_plot", "Lille", "FR", {"P-ANNA"}, "", {3, 4}};
  b.c.incidents = {inc1, inc2, inc3};
  b.Finish();
  return std::move(b.c);
}

namespace {

// Events between two accounts (either direction) in [from, to), as cited evidence.
std::vector<attribute::EventRef> Cite(const CaseData& c, const std::string& a, const std::string& b, TimeMs from,
                                      TimeMs to, size_t limit) {
  const EndpointId ea = c.accounts[c.FindAccount(a)].endpoint, eb = c.accounts[c.FindAccount(b)].endpoint;
  std::vector<attribute::EventRef> out;
  for (uint32_t row = 0; row < c.events.size() && out.size() < limit; ++row) {
    const EndpointId s = c.events.source[row], t = c.events.target[row];
    if (c.events.time[row] < from || c.events.time[row] >= to) continue;
    if (!((s == ea && t == eb) || (s == eb && t == ea))) continue;
    const Provenance& p = c.events.provenance[row];
    out.push_back({row, c.events.time[row], c.platforms[c.events.platform[row]].name,
                   std::string(ToString(c.events.kind[row])), c.endpoints[s].key, c.endpoints[t].key,
                   c.sources[p.source], p.line});
  }
  return out;
}

attribute::IncidentFinding Incident1(const CaseData& c) {
  attribute::IncidentFinding f;
  f.incident = "INC-1";
  f.time = kIncident1;
  f.perpetrators = {{"P-KARIM", {"tg-karim", "+33612340001"}, {"P-KARIM"}}};
  f.verdict = attribute::Verdict::kDirected;
  f.confidence = 0.91;
  attribute::HandlerFinding khalid;
  khalid.who = {"H-KHALID", {"tg-khalid", "tg-khalid-2"}, {"H-KHALID"}};
  khalid.score = 0.94;
  khalid.evidence = {
      {"last_contact_minutes_before", "Last contact 12 minutes before the attack, on an encrypted app.", 2.4,
       Cite(c, "tg-khalid", "tg-karim", kIncident1 - kHourMs, kIncident1, 5)},
      {"contact_burst_before", "Contact with the perpetrator rose sharply in the final 7 days.", 1.7,
       Cite(c, "tg-khalid", "tg-karim", kIncident1 - 7 * kDayMs, kIncident1, 400)},
      {"new_tie_before", "The tie began 9 days before the attack, after an introduction.", 1.1,
       Cite(c, "tg-khalid", "tg-karim", kIncident1 - 30 * kDayMs, kIncident1 - 8 * kDayMs, 3)},
  };
  f.handlers = {khalid};
  f.verdict_reason = "a handler above the threshold, with a last contact minutes before the attack";
  attribute::HandlerFinding samir;
  samir.who = {"R-SAMIR", {"tg-samir"}, {"R-SAMIR"}};
  samir.score = 0.31;
  samir.evidence = {{"contact_before", "In contact with the perpetrator until 10 days before.", 0.4,
                     Cite(c, "tg-samir", "tg-karim", kBase - 30 * kDayMs, kBase, 4)}};
  f.candidates = {samir};
  attribute::Introduction intro;
  intro.introducer = "R-SAMIR";
  intro.a = "P-KARIM";
  intro.b = "H-KHALID";
  intro.time = kBase - 9 * kDayMs + 3 * kHourMs;
  intro.evidence = {{"introduction", "Samir was in contact with both before their first contact.", 0.8,
                     Cite(c, "tg-samir", "tg-karim", kBase - 30 * kDayMs, kBase, 3)}};
  f.introductions = {intro};
  return f;
}

attribute::IncidentFinding Incident2(const CaseData& c) {
  attribute::IncidentFinding f;
  f.incident = "INC-2";
  f.time = kIncident2;
  f.perpetrators = {{"P-YUSUF", {"tg-yusuf", "+33612340002"}, {"P-YUSUF"}}};
  f.verdict = attribute::Verdict::kDirected;
  f.confidence = 0.84;
  attribute::HandlerFinding mariam;
  mariam.who = {"H-MARIAM", {"tg-mariam"}, {"H-MARIAM"}};
  mariam.score = 0.88;
  mariam.evidence = {
      {"last_contact_minutes_before", "Last contact 25 minutes before the attack.", 2.1,
       Cite(c, "tg-mariam", "tg-yusuf", kIncident2 - kHourMs, kIncident2, 5)},
      {"handoff", "Took over the perpetrator from Abu Khalid's second account.", 0.9,
       Cite(c, "tg-mariam", "tg-yusuf", kIncident1, kIncident1 + 5 * kDayMs, 4)},
  };
  attribute::HandlerFinding khalid;
  khalid.who = {"H-KHALID", {"tg-khalid-2"}, {"H-KHALID"}};
  khalid.score = 0.52;
  khalid.evidence = {{"early_contact", "Groomed the perpetrator before handing him on.", 0.7,
                      Cite(c, "tg-khalid-2", "tg-yusuf", kIncident1 - 3 * kDayMs, kIncident1 + 5 * kDayMs, 12)}};
  f.handlers = {mariam, khalid};
  return f;
}

// Anna's reposts of the propaganda channel in the run-up.
std::vector<attribute::EventRef> Reposts(const CaseData& c, size_t limit) {
  std::vector<attribute::EventRef> out;
  for (uint32_t row = 0; row < c.events.size() && out.size() < limit; ++row) {
    if (c.events.kind[row] != EventKind::kRepost) continue;
    const Provenance& p = c.events.provenance[row];
    out.push_back({row, c.events.time[row], c.platforms[c.events.platform[row]].name, "repost",
                   c.endpoints[c.events.source[row]].key, c.endpoints[c.events.target[row]].key, c.sources[p.source], p.line});
  }
  return out;
}

attribute::IncidentFinding Incident3(const CaseData& c) {
  attribute::IncidentFinding f;
  f.incident = "INC-3";
  f.time = kIncident3;
  f.perpetrators = {{"P-ANNA", {"tw-anna"}, {"P-ANNA"}}};
  f.verdict = attribute::Verdict::kInspired;
  f.confidence = 0.72;
  f.verdict_reason = "exposure to propaganda in the run-up, no candidate above the handler threshold";
  f.notes = {{"propaganda_exposure", "Reposted a propaganda channel 40 times in the 28 days before.", 0.9, Reposts(c, 40)}};
  return f;
}

}  // namespace

attribute::AttributionReport SampleReport(const CaseData& c) {
  attribute::AttributionReport r;
  r.incidents = {Incident1(c), Incident2(c), Incident3(c)};
  r.campaigns = {{{"H-KHALID", "H-MARIAM"}, {"INC-1", "INC-2"}}};
  attribute::CommandLink link;
  link.superior = "H-KHALID";
  link.subordinate = "H-MARIAM";
  link.confidence = 0.77;
  link.evidence = {{"handoff", "Abu Khalid handed a recruit to Abu Mariam and stayed in contact with her throughout.", 1.3,
                    Cite(c, "tg-khalid", "tg-mariam", kBase - 10 * kDayMs, kIncident2, 8)}};
  attribute::CommandLink recruiter;
  recruiter.superior = "H-KHALID";
  recruiter.subordinate = "R-SAMIR";
  recruiter.confidence = 0.55;
  recruiter.evidence = {{"reports_to", "Samir brought his recruit to Abu Khalid within days of first contact.", 0.6,
                         Cite(c, "tg-samir", "tg-khalid", kBase - 20 * kDayMs, kBase, 6)}};
  r.chain_of_command = {link, recruiter};
  r.disruption = {
      {{"H-KHALID", {"tg-khalid", "tg-khalid-2"}, {"H-KHALID"}}, 0.67, "Directs both cells; removing him cuts the recruiter's route to handlers."},
      {{"R-SAMIR", {"tg-samir"}, {"R-SAMIR"}}, 0.25, "Made the first introduction."},
  };
  return r;
}

}  // namespace linchpin::report
