// The in-memory case: what every analysis (graph, resolve, attribute, report) reads.
// It is loaded from the store (store/case_store.h) and never written back by analyses; the store
// is the system of record. No I/O here.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"

namespace linchpin {

// The event kinds of events.csv, in a fixed order: the numeric value is stored on disk.
enum class EventKind : uint8_t {
  kCall, kSms, kMessage, kMedia, kPost, kRepost, kReply, kMention, kFollow, kJoin, kMeeting
};
inline constexpr int kEventKindCount = 11;
std::string_view ToString(EventKind k);
std::optional<EventKind> ParseEventKind(std::string_view s);  // "call", "SMS", ... (case-insensitive)

// How a platform carries contact: what tells a burner phone from an app account from a post.
enum class PlatformClass : uint8_t { kPhone, kEncrypted, kPublic, kEmail, kOther };
std::string_view ToString(PlatformClass c);
std::optional<PlatformClass> ParsePlatformClass(std::string_view s);
// The class of a common platform name (telegram -> encrypted); kOther if unknown.
PlatformClass DefaultPlatformClass(std::string_view platform);

// An endpoint is anything an event names as source or target.
enum class EndpointKind : uint8_t { kAccount, kPhone, kChannel, kOpaque };
std::string_view ToString(EndpointKind k);

using EndpointId = uint32_t;
inline constexpr EndpointId kNoEndpoint = std::numeric_limits<uint32_t>::max();
inline constexpr uint32_t kNoIndex = std::numeric_limits<uint32_t>::max();

// Where a row came from: an index into CaseData::sources and a 1-based line number.
struct Provenance {
  uint32_t source = kNoIndex;
  uint32_t line = 0;
};

struct Platform {
  std::string name;  // lower case, as ingested ("telegram")
  PlatformClass cls = PlatformClass::kOther;
};

struct Endpoint {
  std::string key;                  // account_id, E.164 phone, or the opaque id as written
  EndpointKind kind = EndpointKind::kOpaque;
  uint32_t account = kNoIndex;      // index into CaseData::accounts when kind == kAccount
};

struct Person {
  std::string id, name;
  std::vector<std::string> aliases;
  std::string born, nationality;
  std::vector<std::string> languages;
  std::string status;               // active, dead, arrested, ...
  TimeMs status_time = kNoTime;
  std::string attributes_json;      // extra columns, as a JSON object ("" when none)
  Provenance provenance;
};

struct Account {
  std::string id, platform, handle, display_name;
  std::string phone;                // E.164, or "" when none
  std::string email, owner;         // owner = a person id, or ""
  TimeMs created = kNoTime, closed = kNoTime;
  std::string closed_reason;
  EndpointId endpoint = kNoEndpoint;
  std::string attributes_json;
  Provenance provenance;
};

struct Incident {
  std::string id;
  TimeMs time = kNoTime;
  std::string kind, place, country;  // kind: attack, foiled_plot, ...
  std::vector<std::string> perpetrators;  // person ids
  std::string attributes_json;
  Provenance provenance;
};

struct Relation {
  std::string source, target, kind;  // person ids (or account ids); family, friend, met, ...
  TimeMs since = kNoTime, until = kNoTime;
  std::string evidence;
  std::string attributes_json;
  Provenance provenance;
};

// Events, column by column (structure of arrays), sorted by time. Optional columns are empty
// unless the loader was asked for them (they cost memory a 100M-event analysis rarely needs).
struct EventTable {
  std::vector<TimeMs> time;
  std::vector<EndpointId> source, target;  // target may be kNoEndpoint (a post)
  std::vector<uint16_t> platform;          // index into CaseData::platforms
  std::vector<EventKind> kind;
  std::vector<int32_t> duration_s;         // -1 when not given
  std::vector<int64_t> size_bytes;         // -1 when not given
  // Optional: provenance and content hashes.
  std::vector<Provenance> provenance;
  std::vector<uint32_t> content;           // index into CaseData::content_hashes, or kNoIndex

  size_t size() const { return time.size(); }
  void Reserve(size_t n);
  void Clear();  // empties every column and keeps its capacity, for a table refilled in a loop
};

struct CaseData {
  std::vector<std::string> sources;        // ingested file names, by Provenance::source
  std::vector<Platform> platforms;
  std::vector<Endpoint> endpoints;
  std::vector<Person> persons;
  std::vector<Account> accounts;
  std::vector<Incident> incidents;
  std::vector<Relation> relations;
  std::vector<std::string> content_hashes; // filled only when EventTable::content is
  EventTable events;

  // Lookups by ingested id; kNoIndex when absent. Linear scans are fine for the sizes where
  // they're used (CLI arguments); analyses build their own maps.
  uint32_t FindPerson(std::string_view id) const;
  uint32_t FindAccount(std::string_view id) const;
  uint32_t FindPlatform(std::string_view name) const;

  // Appends an account with an endpoint of its own, keyed by its id, and sets a.endpoint: the
  // shape ingest gives an accounts.csv row. For cases built in memory (the report's sample
  // case, tests).
  EndpointId AddAccount(Account a);
};

}  // namespace linchpin
