// Per-account behaviour profiles: what an account did in a case, reduced to the few things that
// tell one user from another — whom it talks to, at which hours, on which platform, and when it
// was active — plus the identifiers its record carries, normalised for comparison.
//
// How: one pass over the events groups each event under the accounts at both of its ends (a
// counting sort into a CSR of event rows per account), then every account's profile is built in
// parallel from its own rows. A phone-platform account acts through the E.164 endpoint its events
// name, so that endpoint belongs to the account too.
//
// Contacts are kept as sorted, unique "contact ids": the account at the other end when there is
// one, else kContactEndpointBase + the endpoint id (a channel, a phone nobody registered).
// Resolution compares contacts in *entity space*: a contact id is mapped through the current
// clustering before comparing, so two accounts of one user that talk to the phone and the app
// account of the same friend are seen to share a contact (collective resolution, Bhattacharya &
// Getoor, "Collective entity resolution in relational data", TKDD 2007).
//
// Cost: O(E + A log d) time, 8 bytes per event plus the contact lists. Thread-safe once built.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"
#include "model/case.h"

namespace linchpin::resolve {

inline constexpr int kRhythmBins = 24;           // UTC hour of day
inline constexpr uint32_t kContactEndpointBase = 1u << 31;

struct AccountProfile {
  PlatformClass platform_class = PlatformClass::kOther;
  std::vector<uint32_t> contacts;                // sorted unique contact ids (see header)
  std::array<float, kRhythmBins> rhythm{};       // share of the account's events per UTC hour
  uint32_t events = 0, outgoing = 0;
  TimeMs first = kNoTime, last = kNoTime;        // first and last event (either direction)
  TimeMs first_out = kNoTime, last_out = kNoTime;  // first and last event it sent
  // The account's active interval: record dates where given, else its events.
  TimeMs active_from = kNoTime, active_until = kNoTime;
};

class CaseProfiles {
 public:
  static CaseProfiles Build(const CaseData& c);

  const AccountProfile& profile(uint32_t account) const { return profiles_[account]; }
  size_t size() const { return profiles_.size(); }
  // The account an endpoint belongs to, or kNoIndex.
  uint32_t AccountOfEndpoint(EndpointId e) const { return account_of_endpoint_[e]; }
  // EventTable rows touching the account, in time order.
  std::span<const uint32_t> EventRows(uint32_t account) const {
    return {rows_.data() + offsets_[account], rows_.data() + offsets_[account + 1]};
  }
  // True when the row's source is one of the account's endpoints.
  bool IsOutgoing(const CaseData& c, uint32_t account, uint32_t row) const {
    return account_of_endpoint_[c.events.source[row]] == account;
  }
  // Number of distinct accounts that have `contact` among their contacts.
  uint32_t ContactDegree(uint32_t contact) const;

 private:
  std::vector<AccountProfile> profiles_;
  std::vector<uint32_t> account_of_endpoint_;
  std::vector<uint64_t> offsets_;
  std::vector<uint32_t> rows_;
  std::vector<uint32_t> account_degree_;   // by account contact id
  std::vector<uint32_t> endpoint_degree_;  // by endpoint, for contacts that are not accounts
};

// endpoint -> account: each account's own endpoint, and for phone-platform accounts the E.164
// endpoint their calls are recorded under; kNoIndex for the rest (channels, unregistered phones).
std::vector<uint32_t> EndpointAccounts(const CaseData& c);

// The class of an account's platform as the case declares it (else the default for the name).
PlatformClass AccountPlatformClass(const CaseData& c, const Account& a);

// A handle reduced to its letters, lower case: "Abu_X2" / "abu__x" / "abu.x" -> "abux". Handles of
// re-registered accounts keep the letters and change the digits and separators. "" when fewer
// than four letters remain (too short to mean anything).
std::string HandleStem(std::string_view handle);

// An e-mail address lower-cased and trimmed; "" when it has no '@'.
std::string NormalizeEmail(std::string_view email);

// Cosine similarity of two rhythm histograms, in [0, 1].
double RhythmSimilarity(const std::array<float, kRhythmBins>& a, const std::array<float, kRhythmBins>& b);

}  // namespace linchpin::resolve
