// The simulated world in memory: countries, people, their accounts and channels, the ties that
// carry background communication, and the scripted covert sessions. Built once by population.cc
// and covert.cc, then read by the event writer (events stream out window by window) and by the
// table/truth writers. Everything here is sized by the population, never by the event count:
// that is what keeps peak memory flat from 10M to 100M events.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "common/time.h"

namespace linchpin::simulate {

inline constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

// The platforms of a simulated case, in platforms.csv order. Two encrypted apps, one public
// platform, and the phone network (calls and SMS).
enum class Plat : uint8_t { kPhone, kWhatsapp, kTelegram, kTwitter };
inline constexpr int kPlatCount = 4;
const char* PlatName(Plat p);
const char* PlatClass(Plat p);  // phone, encrypted, public

// Roles are truth only: they never reach an ingest file.
enum class Role : uint8_t {
  kBackground, kChief, kCommander, kPlanner, kRecruit, kLoneActor,
  kJournalist, kResearcher, kFamily, kFriend, kPreacher, kHub, kSympathizer
};
const char* RoleName(Role r);
inline bool IsCovert(Role r) { return r == Role::kChief || r == Role::kCommander || r == Role::kPlanner; }

// A name broken into the parts that case files and display names recombine differently.
struct NameParts {
  std::string given, family;   // canonical spelling; variants are drawn when written
  std::string kunya;           // "Abu Omar" (Arabic-origin names only), may be empty
  std::string nom_de_guerre;   // "Abu Omar al-Baljiki", may be empty
  std::string arabic_script;   // the given name in Arabic script, for display names; may be empty
  bool arabic_origin = false;
  bool female = false;
};

struct Person {
  std::string id;              // assigned last, from one shuffled pool (see ids in simulate.cc)
  Role role = Role::kBackground;
  uint8_t country = 0;         // index into Countries()
  std::vector<std::string> languages;
  NameParts name;
  std::string born;            // "1994-03-11" or "1994"
  int utc_offset_h = 0;        // local time, for the circadian rhythm
  double activity = 1.0;       // heavy-tailed fitness: how much this person communicates
  bool in_case_file = false;   // has a persons.csv row
  std::string status = "active";
  TimeMs status_time = kNoTime;
  std::vector<uint32_t> accounts;  // indices into World::accounts (all platforms)
  uint32_t community = kNone;      // family group index (background structure)
};

// One period in which one person controls an account (truth: takeovers add a second period).
struct Ownership {
  uint32_t person;
  TimeMs from, until;          // until = kNoTime: to the end of the scenario
};

struct Account {
  std::string id;              // account_id; for phones the key in events is the E.164 number
  Plat platform = Plat::kPhone;
  std::string handle, display_name;
  std::string phone_e164;      // "+33612345678" or ""
  std::string phone_written;   // as the case file writes it: "06 12 34 56 78", "0033612345678"
  std::string email;
  uint32_t owner = kNone;      // the person who opened it
  bool owner_known = false;    // the case file knows the owner (accounts.csv owner column)
  TimeMs created = kNoTime, closed = kNoTime;
  std::string closed_reason;   // suspended, deleted, ...
  bool burner = false;
  std::vector<Ownership> owners;
};

// A public channel (telegram broadcast channel); events target it by its id.
struct Channel {
  std::string id;
  uint32_t admin_account;      // the account that posts to it
  Plat platform = Plat::kTelegram;
};

// How a tie's sessions turn into events.
enum class TieKind : uint8_t {
  kPhone,          // calls and SMS bursts between two phone numbers
  kChat,           // message bursts on an encrypted app, sometimes media or an app call
  kPublicTalk,     // replies, mentions and reposts of a toward b on the public platform
  kPostStream,     // a posts on the public platform (no target)
  kChannelStream,  // a posts to channel b (b is an endpoint index of a channel)
  kOneWayCalls,    // a call-centre hub ringing numbers; rarely called back
};

// An endpoint is an account index, or a channel index with kChannelFlag set.
inline constexpr uint32_t kChannelFlag = 1u << 31;

// A pair of endpoints that communicate, with its own bursty session process.
struct Tie {
  uint32_t a = kNone, b = kNone;
  TieKind kind = TieKind::kPhone;
  Plat platform = Plat::kPhone;
  int8_t utc_offset_h = 0;     // whose day and night the sessions follow
  float sessions_per_day = 0;  // spontaneous rate in activity-weighted days; 0 = scripted only
  float a_initiates = 0.5f;    // probability that a opens a session
  float reply_prob = 0.7f;     // probability that the other side answers within a session
  TimeMs start = 0, end = 0;   // active interval (within both accounts' lifetimes)
};

// What a scripted session emits.
enum class ScriptKind : uint8_t {
  kSession,        // a normal session of the tie (direction drawn as usual)
  kSessionFromA,   // a session opened by a
  kSessionFromB,   // a session opened by b
  kSingle,         // exactly one event of `event_kind` from a to b
  kSingleFromB,    // exactly one event of `event_kind` from b to a
};

// One scripted item of the covert story (or a one-off background event such as a follow).
struct Scripted {
  TimeMs time;
  uint32_t tie;
  ScriptKind kind;
  uint8_t event_kind;          // EventKind value for kSingle
  uint32_t media = kNone;      // index into World::media for media events
};

// A media file (a pledge video): its size and the seed of its 64-hex-digit content hash, so
// the same file sent twice carries the same hash (see ContentHash in event_stream.h).
struct Media {
  int64_t size_bytes;
  uint64_t hash_seed;
};

struct Country {
  const char* code;            // ISO 3166-1 alpha-2
  const char* name;
  int utc_offset_h;
  std::vector<const char*> languages;  // first = majority language
  std::vector<const char*> cities;
  const char* calling_code;    // "33"
  std::vector<const char*> mobile_prefixes;  // national significant number starts
  int nsn_digits;              // length of the national significant number
  const char* nisba;           // "al-Faransi": how a foreign fighter from here is nicknamed
};
const std::vector<Country>& Countries();
int CountryIndex(const char* code);

// Truth records produced by covert.cc and written to truth.json.
struct TruthIncident {
  std::string id;
  TimeMs time;
  std::string kind;            // attack, foiled_plot
  std::string verdict;         // directed, assisted, inspired, none
  std::string place;
  uint8_t country;
  std::vector<uint32_t> perpetrators;
  std::vector<uint32_t> handlers;         // persons
  std::vector<uint32_t> handler_accounts; // accounts the handlers used with the perpetrators
};
struct TruthIntroduction { uint32_t introducer, a, b; uint32_t introducer_account, a_account, b_account; TimeMs time; };
struct TruthCommand { uint32_t superior, subordinate; };
struct TruthReregistration { uint32_t old_account, new_account, person; };
struct TruthReassignment { uint32_t recruit, from_planner, to_planner; TimeMs time; };
struct TruthRelation { uint32_t a, b; std::string kind; };

struct World {
  TimeMs start = 0, end = 0;   // scenario [start, end)
  std::vector<Person> persons;
  std::vector<Account> accounts;
  std::vector<Channel> channels;
  std::vector<Tie> ties;
  std::vector<Scripted> scripted;  // sorted by time before streaming
  std::vector<Media> media;

  std::vector<TruthIncident> incidents;
  std::vector<TruthIntroduction> introductions;
  std::vector<TruthCommand> chain_of_command;
  std::vector<TruthReregistration> reregistrations;
  std::vector<TruthReassignment> reassignments;
  std::vector<TruthRelation> relations;    // case-file relations (relations.csv)

  static uint32_t ChannelEndpoint(uint32_t channel) { return kChannelFlag | channel; }
  // The person's first account on `p` open at time t, or kNone.
  uint32_t AccountOn(uint32_t person, Plat p, TimeMs t = kNoTime) const;
};

}  // namespace linchpin::simulate
