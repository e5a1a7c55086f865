// Tests of account linking, clusters with evidence, pins and takeovers, on small hand-built
// cases (each drawn in its comment), plus an end-to-end run on a simulated case whose truth is
// known, with precision and recall floors.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "resolve/linking/entity_map.h"
#include "resolve/linking/linking_evaluation.h"
#include "resolve/linking/resolution_store.h"
#include "resolve/linking/resolve.h"
#include "simulate/simulate.h"
#include "store/case_store.h"

namespace linchpin::resolve {
namespace {

constexpr TimeMs kT0 = 1767571200000;  // 2026-01-05T00:00:00Z

// Builds a CaseData in memory the way the store would load it.
class CaseBuilder {
 public:
  CaseBuilder() {
    c_.platforms = {{"phone", PlatformClass::kPhone}, {"whatsapp", PlatformClass::kEncrypted},
                    {"telegram", PlatformClass::kEncrypted}, {"twitter", PlatformClass::kPublic}};
  }
  uint32_t Account(const std::string& id, const std::string& platform, const std::string& handle = "",
                   const std::string& display = "", const std::string& phone = "", const std::string& owner = "") {
    linchpin::Account a;
    a.id = id, a.platform = platform, a.handle = handle, a.display_name = display, a.phone = phone, a.owner = owner;
    a.endpoint = Endpoint(id, EndpointKind::kAccount);
    c_.endpoints[a.endpoint].account = static_cast<uint32_t>(c_.accounts.size());
    if (platform == "phone" && !phone.empty()) Endpoint(phone, EndpointKind::kPhone);
    c_.accounts.push_back(a);
    return static_cast<uint32_t>(c_.accounts.size() - 1);
  }
  void Person(const std::string& id, const std::string& name, const std::string& status = "active", TimeMs status_time = kNoTime) {
    linchpin::Person p;
    p.id = id, p.name = name, p.status = status, p.status_time = status_time;
    c_.persons.push_back(p);
  }
  // An event between two endpoint keys (account ids or E.164 numbers); "" = no target.
  void Event(TimeMs t, const std::string& from, const std::string& to, const std::string& platform,
             EventKind kind = EventKind::kMessage) {
    events_.push_back({t, Endpoint(from, EndpointKind::kOpaque), to.empty() ? kNoEndpoint : Endpoint(to, EndpointKind::kOpaque),
                       static_cast<uint16_t>(c_.FindPlatform(platform)), kind});
  }
  CaseData Build() {
    std::stable_sort(events_.begin(), events_.end(), [](const Ev& x, const Ev& y) { return x.t < y.t; });
    for (const Ev& e : events_) {
      c_.events.time.push_back(e.t);
      c_.events.source.push_back(e.s);
      c_.events.target.push_back(e.d);
      c_.events.platform.push_back(e.p);
      c_.events.kind.push_back(e.k);
      c_.events.duration_s.push_back(-1);
      c_.events.size_bytes.push_back(-1);
    }
    return c_;
  }

 private:
  struct Ev { TimeMs t; EndpointId s, d; uint16_t p; EventKind k; };
  EndpointId Endpoint(const std::string& key, EndpointKind kind) {
    for (EndpointId e = 0; e < c_.endpoints.size(); ++e) {
      if (c_.endpoints[e].key == key) return e;
    }
    c_.endpoints.push_back({key, kind, kNoIndex});
    return static_cast<EndpointId>(c_.endpoints.size() - 1);
  }
  CaseData c_;
  std::vector<Ev> events_;
};

// A background of `n` unrelated people: a phone each, calling two neighbours daily, so that
// term frequencies and random-pair rates have a population to be measured on.
void AddBackground(CaseBuilder& b, int n, int days = 60) {
  for (int i = 0; i < n; ++i) b.Account("BG" + std::to_string(i), "phone", "", "", "+4420000" + std::to_string(10000 + i));
  for (int d = 0; d < days; ++d) {
    for (int i = 0; i < n; ++i) {
      const std::string me = "+4420000" + std::to_string(10000 + i);
      b.Event(kT0 + d * kDayMs + (9 + i % 10) * kHourMs, me, "+4420000" + std::to_string(10000 + (i + 1 + d % 3) % n), "phone", EventKind::kCall);
    }
  }
}

bool SameEntity(const Resolution& r, const CaseData& c, const std::string& a, const std::string& b) {
  return r.entity_of_account[c.FindAccount(a)] == r.entity_of_account[c.FindAccount(b)];
}

const ResolvedEntity& EntityOf(const Resolution& r, const CaseData& c, const std::string& a) {
  return r.entities[r.entity_of_account[c.FindAccount(a)]];
}

bool HasEvidence(const ResolvedEntity& e, const std::string& feature) {
  for (const ResolvedMerge& m : e.merges) {
    for (const Evidence& ev : m.evidence) {
      if (ev.feature == feature && ev.bits > 0) return true;
    }
  }
  return false;
}

TEST(Linking, SharedPhoneLinksPhoneAndAppAccount) {
  CaseBuilder b;
  AddBackground(b, 60);
  b.Account("PH1", "phone", "", "", "+33612345678");
  b.Account("WA1", "whatsapp", "", "Youssef", "+33612345678");
  const CaseData c = b.Build();
  auto r = Resolve(c);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(SameEntity(*r, c, "PH1", "WA1"));
  EXPECT_TRUE(HasEvidence(EntityOf(*r, c, "PH1"), "phone"));
  EXPECT_FALSE(SameEntity(*r, c, "PH1", "BG1"));
}

TEST(Linking, PhoneSharedByHundredsDoesNotLink) {
  // A call-centre number written as the phone of 300 accounts, and calling 300 phones: neither
  // the shared identifier nor the shared contact may glue them together.
  CaseBuilder b;
  AddBackground(b, 300, 20);
  for (int i = 0; i < 300; ++i) b.Account("CC" + std::to_string(i), "whatsapp", "", "", "+448000000000");
  for (int d = 0; d < 20; ++d) {
    for (int i = 0; i < 300; i += 7) b.Event(kT0 + d * kDayMs + 11 * kHourMs, "+448000000000", "+4420000" + std::to_string(10000 + i), "phone", EventKind::kCall);
  }
  const CaseData c = b.Build();
  auto r = Resolve(c);
  ASSERT_TRUE(r.ok());
  for (int i = 1; i < 300; i += 37) EXPECT_FALSE(SameEntity(*r, c, "CC0", "CC" + std::to_string(i)));
  for (int i = 7; i < 300; i += 49) EXPECT_FALSE(SameEntity(*r, c, "BG0", "BG" + std::to_string(i)));
}

// Three successive public accounts of one user (suspended, re-registered), each followed by the
// same few people:   abu_x  --(day 20)-->  abu_x2  --(day 40)-->  abu__x
TEST(Linking, HandleFamilyOfReregisteredAccountsLinks) {
  CaseBuilder b;
  AddBackground(b, 80);
  const char* handles[] = {"abu_x", "abu_x2", "abu__x"};
  for (int k = 0; k < 3; ++k) b.Account("TW" + std::to_string(k), "twitter", handles[k], "");
  for (int f = 0; f < 6; ++f) b.Account("FOL" + std::to_string(f), "twitter", "fan" + std::to_string(f) + "zzz", "");
  for (int k = 0; k < 3; ++k) {
    for (int d = 20 * k + 1; d < 20 * k + 19; ++d) {
      b.Event(kT0 + d * kDayMs + 20 * kHourMs, "TW" + std::to_string(k), "", "twitter", EventKind::kPost);
      b.Event(kT0 + d * kDayMs + 21 * kHourMs, "FOL" + std::to_string(d % 6), "TW" + std::to_string(k), "twitter", EventKind::kReply);
    }
  }
  const CaseData c = b.Build();
  auto r = Resolve(c);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(SameEntity(*r, c, "TW0", "TW1"));
  EXPECT_TRUE(SameEntity(*r, c, "TW1", "TW2"));
  EXPECT_TRUE(HasEvidence(EntityOf(*r, c, "TW0"), "handle"));
  EXPECT_FALSE(SameEntity(*r, c, "TW0", "FOL0"));
}

// A burner: phone B1 calls five people for a month and falls silent; the next day phone B2
// starts calling the same five.   B1: days 0-29 -> {F0..F4};  B2: days 31-59 -> {F0..F4}
TEST(Linking, SuccessionOfPhonesWithSameContactsLinks) {
  CaseBuilder b;
  AddBackground(b, 80);
  b.Account("B1", "phone", "", "", "+905551110001");
  b.Account("B2", "phone", "", "", "+905551110002");
  for (int f = 0; f < 5; ++f) b.Account("F" + std::to_string(f), "phone", "", "", "+3361000000" + std::to_string(f));
  for (int d = 0; d < 60; ++d) {
    if (d == 30) continue;
    const std::string burner = d < 30 ? "+905551110001" : "+905551110002";
    b.Event(kT0 + d * kDayMs + 14 * kHourMs, burner, "+3361000000" + std::to_string(d % 5), "phone", EventKind::kCall);
  }
  const CaseData c = b.Build();
  auto r = Resolve(c);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(SameEntity(*r, c, "B1", "B2"));
  EXPECT_TRUE(HasEvidence(EntityOf(*r, c, "B1"), "succession"));
  EXPECT_FALSE(SameEntity(*r, c, "B1", "F0"));
}

// One man's number on four records: his phone, WhatsApp, and the registration numbers that
// the Telegram and public platforms returned. A number held by four records is still one
// subscriber's: the other three holders are his own, not strangers (pair_score.h).
TEST(Linking, RegistrationPhoneOnFourRecordsLinksThemAll) {
  CaseBuilder b;
  AddBackground(b, 80);
  b.Account("PH", "phone", "", "", "+33611223344");
  b.Account("WA", "whatsapp", "", "", "+33611223344");
  b.Account("TG", "telegram", "zq_falcon", "", "+33611223344");
  b.Account("TW", "twitter", "night_owl_77", "", "+33611223344");
  const CaseData c = b.Build();
  auto r = Resolve(c);
  ASSERT_TRUE(r.ok());
  for (const char* other : {"WA", "TG", "TW"}) EXPECT_TRUE(SameEntity(*r, c, "PH", other)) << other;
  EXPECT_TRUE(HasEvidence(EntityOf(*r, c, "TG"), "phone"));
  EXPECT_FALSE(SameEntity(*r, c, "PH", "BG3"));
}

// Adversarial near miss: two different Laura Durands, each with a Telegram and a public account
// whose handles are made of the name (laura.durand / laura_durand7) and carry it as display
// name. Handle and name agree because the names do: that is one agreement, not two, and it is
// not enough to call two strangers one person.
TEST(Linking, NamesakesWithHandlesMadeOfTheNameStayApart) {
  CaseBuilder b;
  AddBackground(b, 80);
  b.Account("TG_A", "telegram", "laura.durand", "Laura Durand");
  b.Account("TW_B", "twitter", "laura_durand7", "Laura Durand");
  const CaseData c = b.Build();
  auto r = Resolve(c);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(SameEntity(*r, c, "TG_A", "TW_B"));
  auto explained = ExplainPair(c, {}, "TG_A", "TW_B");
  ASSERT_TRUE(explained.ok());
  int counted = 0;
  for (const Evidence& e : explained->evidence) counted += (e.feature == "handle" || e.feature == "name") && e.bits > 0;
  EXPECT_EQ(counted, 1);  // the weaker of the two is kept at zero, with the reason in its detail
}

// Adversarial near miss: abu_omar and abu_omar7 are different men — different display names,
// different friends. The stems agree; the names and the contacts say no.
TEST(Linking, NearMissHandlesOfDifferentPeopleWithDifferentNamesStayApart) {
  CaseBuilder b;
  AddBackground(b, 80);
  b.Account("T1", "twitter", "abu_omar", "Khaled Mansour");
  b.Account("T2", "twitter", "abu_omar7", "Pierre Lefevre");
  for (int d = 0; d < 50; ++d) {
    b.Event(kT0 + d * kDayMs + 20 * kHourMs, "T1", "BG" + std::to_string(d % 5), "twitter", EventKind::kReply);
    b.Event(kT0 + d * kDayMs + 8 * kHourMs, "T2", "BG" + std::to_string(40 + d % 5), "twitter", EventKind::kReply);
  }
  const CaseData c = b.Build();
  auto r = Resolve(c);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(SameEntity(*r, c, "T1", "T2"));
}

// One woman writes her display name "merve_8" on Telegram and WhatsApp, among forty accounts
// called Merve (a generic name: its block proposes nothing) and two hundred other named ones.
// The string as written is hers alone and, beside the friend and the hours both accounts share,
// links the two; "merve_9", another Merve's, shares only the generic name. A handle with digits
// written alike on two platforms ("merve.k4471") links the same way.
TEST(Linking, NameWrittenAlikeWithDigitsLinksWhereTheNameIsGeneric) {
  CaseBuilder b;
  AddBackground(b, 80);
  for (int i = 0; i < 40; ++i) b.Account("MV" + std::to_string(i), "telegram", "", i % 2 ? "Merve" : "merve");
  // Named people besides them, as in a case: a name alone links only where names are mostly rare.
  const char* syllables[] = {"ka", "lo", "mi", "ru", "se", "ta", "vo", "ne", "di", "ba", "zo", "pe", "fu", "go", "ha"};
  for (int i = 0; i < 200; ++i) {
    b.Account("NM" + std::to_string(i), "whatsapp", "",
              std::string("K") + syllables[i % 15] + syllables[i / 15 % 15] + " " + "Ber" + syllables[(i * 7) % 15] + "n");
  }
  b.Account("TG_A", "telegram", "", "merve_8");
  b.Account("WA_A", "whatsapp", "", "Merve_8", "+905551234567");
  b.Account("TG_B", "telegram", "", "merve_9");
  // Another Merve keeps her handle, digits and all, from Telegram to the public platform.
  b.Account("TG_C", "telegram", "merve.k4471", "Merve");
  b.Account("TW_C", "twitter", "merve.k4471", "Merve");
  // From both accounts she writes to one friend, in the same evening hours (too little alone).
  for (int d = 0; d < 30; ++d) {
    b.Event(kT0 + d * kDayMs + 20 * kHourMs, "TG_A", "NM" + std::to_string(d % 2 * 5), "telegram");
    b.Event(kT0 + d * kDayMs + 20 * kHourMs + 600000, "WA_A", "NM" + std::to_string(d % 2 * 7), "whatsapp");
  }
  const CaseData c = b.Build();
  auto r = Resolve(c);
  ASSERT_TRUE(r.ok());
  auto explained = ExplainPair(c, {}, "TG_A", "WA_A");
  ASSERT_TRUE(explained.ok());
  std::string why;  // printed if the link fails
  for (const Evidence& e : explained->evidence) why += e.feature + " " + std::to_string(e.bits) + " " + e.detail + "; ";
  EXPECT_TRUE(SameEntity(*r, c, "TG_A", "WA_A")) << why << "p = " << explained->probability;
  EXPECT_FALSE(SameEntity(*r, c, "TG_A", "TG_B"));
  EXPECT_TRUE(SameEntity(*r, c, "TG_C", "TW_C"));
  EXPECT_FALSE(SameEntity(*r, c, "TG_A", "TG_C"));
  EXPECT_FALSE(SameEntity(*r, c, "MV0", "MV2"));
  bool as_written = false;
  for (const Evidence& e : explained->evidence) {
    as_written |= e.feature == "name" && e.bits > 0 && e.detail.find("\"merve_8\" written alike") != std::string::npos;
  }
  EXPECT_TRUE(as_written);
}

// The bits a pair's score takes from its shared contacts.
double ContactBits(const PairScore& s) {
  double bits = 0;
  for (const Evidence& e : s.evidence) bits += e.feature == "contacts" ? e.bits : 0;
  return bits;
}

// Contacts weighted by rarity: two accounts that both call the three numbers half the case
// calls share nothing telling; two that share three numbers nobody else calls do.
TEST(Linking, SharedRareContactsCountAndSharedCommonOnesDoNot) {
  CaseBuilder b;
  AddBackground(b, 80);
  b.Account("R1", "phone", "", "", "+905550000001");
  b.Account("R2", "phone", "", "", "+905550000002");
  b.Account("C1", "phone", "", "", "+905550000003");
  b.Account("C2", "phone", "", "", "+905550000004");
  for (int k = 0; k < 3; ++k) b.Account("RARE" + std::to_string(k), "phone", "", "", "+4470000000" + std::to_string(k));
  for (int d = 0; d < 50; ++d) {
    for (int k = 0; k < 3; ++k) {
      const std::string rare = "+4470000000" + std::to_string(k);
      b.Event(kT0 + d * kDayMs + (10 + k) * kHourMs, "+905550000001", rare, "phone", EventKind::kCall);
      b.Event(kT0 + d * kDayMs + (10 + k) * kHourMs + 30 * kMinuteMs, "+905550000002", rare, "phone", EventKind::kCall);
      // The common numbers: called by C1, C2 and by thirty background phones.
      const std::string common = "+4420000" + std::to_string(10000 + k);
      b.Event(kT0 + d * kDayMs + (15 + k) * kHourMs, "+905550000003", common, "phone", EventKind::kCall);
      b.Event(kT0 + d * kDayMs + (15 + k) * kHourMs + 20 * kMinuteMs, "+905550000004", common, "phone", EventKind::kCall);
    }
    b.Event(kT0 + d * kDayMs + 18 * kHourMs, "+905550000003", "+4420000" + std::to_string(10020 + d % 20), "phone", EventKind::kCall);
    b.Event(kT0 + d * kDayMs + 18 * kHourMs, "+905550000004", "+4420000" + std::to_string(10050 + d % 20), "phone", EventKind::kCall);
    for (int i = 10; i < 40; ++i) {
      b.Event(kT0 + d * kDayMs + 12 * kHourMs + i * kMinuteMs, "+4420000" + std::to_string(10000 + i), "+4420000" + std::to_string(10000 + d % 3), "phone", EventKind::kCall);
    }
  }
  const CaseData c = b.Build();
  auto rare = ExplainPair(c, {}, "R1", "R2");
  auto common = ExplainPair(c, {}, "C1", "C2");
  ASSERT_TRUE(rare.ok() && common.ok());
  EXPECT_GT(ContactBits(*rare), 3.0);
  EXPECT_LT(ContactBits(*common), ContactBits(*rare) - 3.0);
}

// Two sisters' phones H1 and H2 call the same four relatives and each other; two lines R1 and
// R2 of one woman call four others and never each other. Shared contacts of accounts that talk
// to each other are their circle, not one user: they count for nothing.
//   H1 <-> H2, H1 -> {K0..K3} <- H2;   R1 -> {L0..L3} <- R2
TEST(Linking, AccountsThatTalkToEachOtherGetNothingFromSharedContacts) {
  CaseBuilder b;
  AddBackground(b, 80);
  b.Account("H1", "phone", "", "", "+33620000001");
  b.Account("H2", "phone", "", "", "+33620000002");
  b.Account("R1", "phone", "", "", "+33620000003");
  b.Account("R2", "phone", "", "", "+33620000004");
  for (int k = 0; k < 4; ++k) {
    b.Account("K" + std::to_string(k), "phone", "", "", "+3363000000" + std::to_string(k));
    b.Account("L" + std::to_string(k), "phone", "", "", "+3364000000" + std::to_string(k));
  }
  for (int d = 0; d < 50; ++d) {
    const std::string k = "+3363000000" + std::to_string(d % 4), l = "+3364000000" + std::to_string(d % 4);
    b.Event(kT0 + d * kDayMs + 10 * kHourMs, "+33620000001", k, "phone", EventKind::kCall);
    b.Event(kT0 + d * kDayMs + 11 * kHourMs, "+33620000002", k, "phone", EventKind::kCall);
    b.Event(kT0 + d * kDayMs + 12 * kHourMs, "+33620000001", "+33620000002", "phone", EventKind::kCall);
    b.Event(kT0 + d * kDayMs + 10 * kHourMs, "+33620000003", l, "phone", EventKind::kCall);
    b.Event(kT0 + d * kDayMs + 11 * kHourMs, "+33620000004", l, "phone", EventKind::kCall);
  }
  const CaseData c = b.Build();
  auto sisters = ExplainPair(c, {}, "H1", "H2");
  auto lines = ExplainPair(c, {}, "R1", "R2");
  ASSERT_TRUE(sisters.ok() && lines.ok());
  EXPECT_EQ(ContactBits(*sisters), 0.0);
  EXPECT_GT(ContactBits(*lines), 1.0);
}

// Across platforms, three friends only the two accounts reach count even when the lists are
// long: a public account follows thirty accounts everyone follows, a WhatsApp account talks to
// twenty people of its own, and both reach friends F0..F2 (each friend's WhatsApp and public
// account carry one registration number, so the first round makes each friend one entity).
TEST(Linking, ThreeRareFriendsCountInLongContactLists) {
  CaseBuilder b;
  AddBackground(b, 80);
  b.Account("WA", "whatsapp", "", "", "+33650000001");
  b.Account("TW", "twitter", "night_owl_77", "");
  for (int f = 0; f < 3; ++f) {
    b.Account("FW" + std::to_string(f), "whatsapp", "", "", "+3366000000" + std::to_string(f));
    b.Account("FT" + std::to_string(f), "twitter", "friend_" + std::to_string(f) + "_zz", "", "+3366000000" + std::to_string(f));
  }
  for (int k = 0; k < 30; ++k) b.Account("POP" + std::to_string(k), "twitter", "popular_" + std::to_string(k) + "_qq");
  for (int k = 0; k < 20; ++k) b.Account("OWN" + std::to_string(k), "whatsapp", "", "", "+3367000000" + std::to_string(10 + k));
  for (int d = 0; d < 50; ++d) {
    const std::string f = std::to_string(d % 3);
    b.Event(kT0 + d * kDayMs + 19 * kHourMs, "WA", "FW" + f, "whatsapp");
    b.Event(kT0 + d * kDayMs + 20 * kHourMs, "TW", "FT" + f, "twitter", EventKind::kReply);
    b.Event(kT0 + d * kDayMs + 18 * kHourMs, "WA", "OWN" + std::to_string(d % 20), "whatsapp");
    b.Event(kT0 + d * kDayMs + 21 * kHourMs, "TW", "POP" + std::to_string(d % 30), "twitter", EventKind::kRepost);
    // Everyone else follows the popular accounts too.
    for (int i = 0; i < 10; ++i) {
      b.Event(kT0 + d * kDayMs + 8 * kHourMs + i * kMinuteMs, "FT" + std::to_string(i % 3), "POP" + std::to_string((d + i) % 30), "twitter", EventKind::kRepost);
    }
  }
  const CaseData c = b.Build();
  auto pair = ExplainPair(c, {}, "WA", "TW");
  ASSERT_TRUE(pair.ok());
  bool counted = false;
  for (const Evidence& e : pair->evidence) counted |= e.feature == "contacts" && e.detail.find("3 shared") != std::string::npos;
  EXPECT_TRUE(counted);
  EXPECT_GT(ContactBits(*pair), 2.0);
}

// Two phone lines always have two numbers: a second SIM is no evidence against its owner. An
// app account registered on another number than a phone's is.
TEST(Linking, TwoPhoneLinesAreNotHeldApartByTheirNumbers) {
  CaseBuilder b;
  AddBackground(b, 60);
  b.Account("L1", "phone", "", "Camille DURAND", "+33611110001");
  b.Account("L2", "phone", "", "DURAND, Camille", "+33611110002");
  b.Account("TG", "telegram", "cdurand", "Camille Durand", "+33611110003");
  const CaseData c = b.Build();
  auto lines = ExplainPair(c, {}, "L1", "L2");
  auto app = ExplainPair(c, {}, "L1", "TG");
  ASSERT_TRUE(lines.ok() && app.ok());
  for (const Evidence& e : lines->evidence) EXPECT_NE(e.feature, "phone") << e.detail;
  bool against = false;
  for (const Evidence& e : app->evidence) against |= e.feature == "phone" && e.bits < 0;
  EXPECT_TRUE(against);
}

TEST(Linking, DifferentKnownOwnersNeverMergeAndTheConflictIsReported) {
  CaseBuilder b;
  AddBackground(b, 60);
  b.Person("P1", "Youssef El Amrani");
  b.Person("P2", "Karim Benali");
  b.Account("X1", "phone", "", "", "+33699999999", "P1");
  b.Account("X2", "whatsapp", "", "", "+33699999999", "P2");
  const CaseData c = b.Build();
  auto r = Resolve(c);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(SameEntity(*r, c, "X1", "X2"));
  bool reported = false;
  for (const ResolvedConflict& k : r->conflicts) {
    reported |= ((k.a == "X1" && k.b == "X2") || (k.a == "X2" && k.b == "X1")) &&
                k.reason.find("different known persons") != std::string::npos && !k.evidence.empty();
  }
  EXPECT_TRUE(reported);
  EXPECT_EQ(r->entity_of_person[0], r->entity_of_account[c.FindAccount("X1")]);  // the owner column still holds
}

TEST(Linking, PinnedSplitSurvivesReRun) {
  CaseBuilder b;
  AddBackground(b, 60);
  b.Account("S1", "phone", "", "", "+33611111111");
  b.Account("S2", "whatsapp", "", "", "+33611111111");
  const CaseData c = b.Build();
  ASSERT_TRUE(SameEntity(*Resolve(c), c, "S1", "S2"));  // the model alone links them

  const std::string path = testing::TempDir() + "/pins_" + std::to_string(::getpid()) + ".lpc";
  std::filesystem::remove(path);
  {
    auto store = CaseStore::Open(path, CaseStore::Mode::kReadWrite);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(AddPin(**store, {Pin::Kind::kSplit, "S2", "S1"}).ok());
  }
  for (int run = 0; run < 2; ++run) {
    auto store = CaseStore::Open(path, CaseStore::Mode::kReadWrite);
    ASSERT_TRUE(store.ok());
    auto pins = LoadPins(**store);
    ASSERT_TRUE(pins.ok());
    ASSERT_EQ(pins->size(), 1u);
    ResolveOptions options;
    options.pins = *pins;
    auto r = Resolve(c, options);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(SameEntity(*r, c, "S1", "S2")) << "run " << run;
    ASSERT_TRUE(WriteResolution(**store, c, *r).ok());
  }
  std::filesystem::remove(path);
}

TEST(Linking, PinnedMergeJoinsWhatTheModelKeepsApart) {
  CaseBuilder b;
  AddBackground(b, 40);
  ResolveOptions options;
  options.pins = {{Pin::Kind::kMerge, "BG3", "BG17"}};
  const CaseData c = b.Build();
  auto r = Resolve(c, options);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(SameEntity(*r, c, "BG3", "BG17"));
  options.pins = {{Pin::Kind::kMerge, "BG3", "nobody"}};
  EXPECT_EQ(Resolve(c, options).status().code(), Status::Code::kInvalidArgument);
}

// The owner dies on day 40; from day 41 someone else posts from his account at night, to nobody.
//   before: replies to five people at 10:00      after: posts at 22:00, twice a day
TEST(Takeover, AfterOwnersDeathIsDetectedAtTheChangePoint) {
  CaseBuilder b;
  AddBackground(b, 40);
  const TimeMs death = kT0 + 40 * kDayMs + 12 * kHourMs;
  b.Person("PD", "Salah Abdeslam", "dead", death);
  b.Person("PA", "Omar Haddad", "dead", death);
  b.Account("TK", "twitter", "salah_a", "Salah", "", "PD");
  b.Account("OK", "twitter", "omar_h", "Omar", "", "PA");  // same death, unchanged habits
  for (int f = 0; f < 5; ++f) b.Account("T" + std::to_string(f), "twitter", "t" + std::to_string(f) + "xxxx", "");
  for (int d = 0; d < 40; ++d) {
    b.Event(kT0 + d * kDayMs + 10 * kHourMs, "TK", "T" + std::to_string(d % 5), "twitter", EventKind::kReply);
  }
  for (int d = 0; d < 60; ++d) b.Event(kT0 + d * kDayMs + 10 * kHourMs, "OK", "T" + std::to_string(d % 5), "twitter", EventKind::kReply);
  const TimeMs first_post = kT0 + 41 * kDayMs + 22 * kHourMs;
  for (int d = 41; d < 47; ++d) {
    b.Event(kT0 + d * kDayMs + 22 * kHourMs, "TK", "", "twitter", EventKind::kPost);
    b.Event(kT0 + d * kDayMs + 23 * kHourMs, "TK", "", "twitter", EventKind::kPost);
  }
  const CaseData c = b.Build();
  auto r = Resolve(c);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->takeovers.size(), 1u);
  const Takeover& t = r->takeovers[0];
  EXPECT_EQ(c.accounts[t.account].id, "TK");
  EXPECT_EQ(t.time, first_post);
  EXPECT_GE(t.confidence, 0.7);
  EXPECT_GE(t.evidence.size(), 3u);  // the death, and at least two shifted habits

  // Stored and loaded back, as attribution reads it (`attribute --entities auto`).
  const std::string path = testing::TempDir() + "/takeover_" + std::to_string(::getpid()) + ".lpc";
  std::filesystem::remove(path);
  {
    auto store = CaseStore::Open(path, CaseStore::Mode::kReadWrite);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(WriteResolution(**store, c, *r).ok());
    auto loaded = LoadResolution(**store, c);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    ASSERT_EQ(loaded->takeovers.size(), 1u);
    EXPECT_EQ(loaded->takeovers[0].account, t.account);
    EXPECT_EQ(loaded->takeovers[0].time, t.time);
    EXPECT_DOUBLE_EQ(loaded->takeovers[0].confidence, t.confidence);
  }
  std::filesystem::remove(path);
}

// A dead attacker's public account posts twice the day after his death, then is suspended: too
// few events to compare habits, but a dead man does not post. The account of a man recorded as
// dead that goes on replying to the same people as before is no takeover (the record, or the
// link to him, is wrong), and a dead man's account silent since is nothing at all.
TEST(Takeover, AFewPostsAfterDeathAreATakeoverButTheSameContactsCarryingOnAreNot) {
  CaseBuilder b;
  AddBackground(b, 40);
  const TimeMs death = kT0 + 40 * kDayMs + 12 * kHourMs;
  b.Person("PD", "Salah Abdeslam", "dead", death);
  b.Person("PS", "Omar Haddad", "dead", death);
  b.Person("PQ", "Karim Benali", "dead", death);
  b.Account("TK", "twitter", "salah_a", "Salah", "", "PD");
  b.Account("SAME", "twitter", "omar_h", "Omar", "", "PS");
  b.Account("QUIET", "twitter", "karim_b", "Karim", "", "PQ");
  for (int f = 0; f < 5; ++f) b.Account("T" + std::to_string(f), "twitter", "t" + std::to_string(f) + "xxxx", "");
  for (int d = 0; d < 40; ++d) {
    b.Event(kT0 + d * kDayMs + 10 * kHourMs, "TK", "T" + std::to_string(d % 5), "twitter", EventKind::kReply);
    b.Event(kT0 + d * kDayMs + 9 * kHourMs, "QUIET", "T" + std::to_string(d % 5), "twitter", EventKind::kReply);
  }
  for (int d = 0; d < 60; ++d) b.Event(kT0 + d * kDayMs + 11 * kHourMs, "SAME", "T" + std::to_string(d % 5), "twitter", EventKind::kReply);
  const TimeMs first_post = kT0 + 41 * kDayMs + 8 * kHourMs;
  b.Event(first_post, "TK", "", "twitter", EventKind::kPost);
  b.Event(first_post + 5 * kHourMs, "TK", "", "twitter", EventKind::kPost);
  const CaseData c = b.Build();
  auto r = Resolve(c);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->takeovers.size(), 1u);
  EXPECT_EQ(c.accounts[r->takeovers[0].account].id, "TK");
  EXPECT_EQ(r->takeovers[0].time, first_post);
  EXPECT_GE(r->takeovers[0].confidence, 0.5);
}

TEST(EntityMap, ResolvedAccountsShareOneClusterVertex) {
  CaseBuilder b;
  AddBackground(b, 30, 10);
  b.Account("PH1", "phone", "", "", "+33612345678");
  b.Account("WA1", "whatsapp", "", "", "+33612345678");
  b.Event(kT0 + 5 * kHourMs, "+33612345678", "+442000010001", "phone", EventKind::kCall);
  b.Event(kT0 + 6 * kHourMs, "WA1", "+442000010002", "whatsapp");
  const CaseData c = b.Build();
  auto r = Resolve(c);
  ASSERT_TRUE(r.ok());
  const graph::EntityMap m = ToEntityMap(c, *r);
  ASSERT_TRUE(m.Validate(c).ok());
  EndpointId phone = kNoEndpoint;
  for (EndpointId e = 0; e < c.endpoints.size(); ++e) {
    if (c.endpoints[e].key == "+33612345678") phone = e;
  }
  ASSERT_NE(phone, kNoEndpoint);
  const uint32_t via_phone = m.entity_of_endpoint[phone];
  const uint32_t via_app = m.entity_of_endpoint[c.accounts[c.FindAccount("WA1")].endpoint];
  EXPECT_EQ(via_phone, via_app);
  EXPECT_EQ(m.info[via_app].kind, graph::EntityKind::kCluster);
  EXPECT_NE(m.entity_of_endpoint[c.accounts[c.FindAccount("BG1")].endpoint], via_app);
}

// End to end: simulate a small case, ingest it, resolve, and score against truth.json. The
// floors are below what the default run measures (see bench/resolution_eval.sh) so that the
// test guards against regressions rather than restating one number.
TEST(EndToEnd, SimulatedCaseMeetsPrecisionAndRecallFloors) {
  const std::string dir = testing::TempDir() + "/linking_e2e_" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  simulate::SimulationConfig config;
  config.seed = 3;
  config.people = 400;
  config.days = 60;
  ASSERT_TRUE(simulate::Simulate(config, dir).ok());
  auto store = CaseStore::Open(dir + "/case.lpc", CaseStore::Mode::kReadWrite);
  ASSERT_TRUE(store.ok());
  std::vector<std::string> files;
  for (const char* f : {"platforms", "persons", "accounts", "incidents", "relations", "events"}) files.push_back(dir + "/" + f + ".csv");
  ASSERT_TRUE(IngestFiles(**store, files, {}, {}).ok());
  auto c = (*store)->Load();
  ASSERT_TRUE(c.ok());
  auto r = Resolve(*c);
  ASSERT_TRUE(r.ok());
  auto truth = LoadSimulationTruth(dir + "/truth.json");
  ASSERT_TRUE(truth.ok()) << truth.status().ToString();
  const LinkingEvaluation e = EvaluateLinking(*c, *r, *truth);
  std::printf("simulated seed 3, 400 people: %llu accounts, precision %.3f recall %.3f F1 %.3f\n",
              static_cast<unsigned long long>(e.accounts), e.pairs.Precision(), e.pairs.Recall(), e.pairs.F1());
  EXPECT_GT(e.accounts, 500u);
  EXPECT_GE(e.pairs.Precision(), 0.90);
  EXPECT_GE(e.pairs.Recall(), 0.60);

  // The stored resolution scores as the one just computed (evaluate-resolution --stored).
  ASSERT_TRUE(WriteResolution(**store, *c, *r).ok());
  store->reset();
  auto stored = EvaluateCaseResolution(dir + "/case.lpc", dir + "/truth.json", {}, 3 * kDayMs, /*stored=*/true);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_TRUE(stored->stored);
  EXPECT_EQ(stored->linking.pairs.true_positive, e.pairs.true_positive);
  EXPECT_EQ(stored->linking.pairs.false_positive, e.pairs.false_positive);
  EXPECT_EQ(stored->linking.pairs.false_negative, e.pairs.false_negative);
  EXPECT_EQ(stored->takeovers.counts.true_positive, EvaluateTakeovers(*c, *r, *truth).counts.true_positive);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace linchpin::resolve
