// Building the behaviour profiles. See features.h.
#include "resolve/linking/features.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "common/string_map.h"
#include "common/strings.h"

namespace linchpin::resolve {

std::vector<uint32_t> EndpointAccounts(const CaseData& c) {
  std::vector<uint32_t> account_of(c.endpoints.size(), kNoIndex);
  StringMap<uint32_t> phone_account;
  for (uint32_t a = 0; a < c.accounts.size(); ++a) {
    const Account& acc = c.accounts[a];
    if (acc.endpoint != kNoEndpoint && acc.endpoint < account_of.size()) account_of[acc.endpoint] = a;
    if (!acc.phone.empty() && AccountPlatformClass(c, acc) == PlatformClass::kPhone) {
      phone_account.emplace(acc.phone, a);  // a duplicate record keeps the first account
    }
  }
  if (phone_account.empty()) return account_of;
  for (EndpointId e = 0; e < c.endpoints.size(); ++e) {
    if (c.endpoints[e].kind != EndpointKind::kPhone || account_of[e] != kNoIndex) continue;
    auto it = phone_account.find(c.endpoints[e].key);
    if (it != phone_account.end()) account_of[e] = it->second;
  }
  return account_of;
}

PlatformClass AccountPlatformClass(const CaseData& c, const Account& a) {
  const uint32_t p = c.FindPlatform(a.platform);
  return p != kNoIndex ? c.platforms[p].cls : DefaultPlatformClass(a.platform);
}

CaseProfiles CaseProfiles::Build(const CaseData& c) {
  CaseProfiles out;
  const uint32_t accounts = static_cast<uint32_t>(c.accounts.size());
  out.account_of_endpoint_ = EndpointAccounts(c);
  const EventTable& ev = c.events;
  const auto& owner = out.account_of_endpoint_;
  auto ends = [&](size_t i, uint32_t& s, uint32_t& t) {
    s = owner[ev.source[i]];
    t = ev.target[i] == kNoEndpoint ? kNoIndex : owner[ev.target[i]];
    if (t == s) t = kNoIndex;  // an account writing to itself is one row of its history
  };
  // Counting sort of event rows by account: rows stay in time order within each account.
  out.offsets_.assign(accounts + 1, 0);
  for (size_t i = 0; i < ev.size(); ++i) {
    uint32_t s, t;
    ends(i, s, t);
    if (s != kNoIndex) ++out.offsets_[s + 1];
    if (t != kNoIndex) ++out.offsets_[t + 1];
  }
  for (uint32_t a = 0; a < accounts; ++a) out.offsets_[a + 1] += out.offsets_[a];
  out.rows_.resize(out.offsets_[accounts]);
  std::vector<uint64_t> fill(out.offsets_.begin(), out.offsets_.end() - 1);
  for (size_t i = 0; i < ev.size(); ++i) {
    uint32_t s, t;
    ends(i, s, t);
    if (s != kNoIndex) out.rows_[fill[s]++] = static_cast<uint32_t>(i);
    if (t != kNoIndex) out.rows_[fill[t]++] = static_cast<uint32_t>(i);
  }

  out.profiles_.resize(accounts);
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, accounts, 256), [&](const auto& range) {
    for (uint32_t a = range.begin(); a != range.end(); ++a) {
      AccountProfile& p = out.profiles_[a];
      const Account& acc = c.accounts[a];
      p.platform_class = AccountPlatformClass(c, acc);
      std::array<uint32_t, kRhythmBins> hours{};
      for (uint32_t row : out.EventRows(a)) {
        const bool outgoing = owner[ev.source[row]] == a;
        const EndpointId other = outgoing ? ev.target[row] : ev.source[row];
        if (other != kNoEndpoint) {
          const uint32_t other_account = owner[other];
          p.contacts.push_back(other_account != kNoIndex ? other_account : kContactEndpointBase + other);
        }
        const TimeMs t = ev.time[row];
        ++hours[static_cast<size_t>(((t / kHourMs) % 24 + 24) % 24)];
        if (p.first == kNoTime) p.first = t;
        p.last = t;
        if (outgoing) {
          if (p.first_out == kNoTime) p.first_out = t;
          p.last_out = t;
          ++p.outgoing;
        }
        ++p.events;
      }
      std::sort(p.contacts.begin(), p.contacts.end());
      p.contacts.erase(std::unique(p.contacts.begin(), p.contacts.end()), p.contacts.end());
      for (int h = 0; h < kRhythmBins; ++h) p.rhythm[h] = p.events ? static_cast<float>(hours[h]) / p.events : 0.0f;
      p.active_from = acc.created != kNoTime ? acc.created : p.first;
      p.active_until = acc.closed != kNoTime ? acc.closed : p.last;
    }
  });

  out.account_degree_.assign(accounts, 0);
  out.endpoint_degree_.assign(c.endpoints.size(), 0);
  for (const AccountProfile& p : out.profiles_) {
    for (uint32_t contact : p.contacts) {
      if (contact < kContactEndpointBase) ++out.account_degree_[contact];
      else ++out.endpoint_degree_[contact - kContactEndpointBase];
    }
  }
  return out;
}

uint32_t CaseProfiles::ContactDegree(uint32_t contact) const {
  return contact < kContactEndpointBase ? account_degree_[contact] : endpoint_degree_[contact - kContactEndpointBase];
}

std::string HandleStem(std::string_view handle) {
  std::string stem;
  for (char ch : handle) {
    const unsigned char u = static_cast<unsigned char>(ch);
    if (std::isalpha(u)) stem += static_cast<char>(std::tolower(u));
  }
  return stem.size() >= 4 ? stem : std::string();
}

std::string NormalizeEmail(std::string_view email) {
  std::string e = AsciiLower(TrimSpace(email));
  return e.find('@') == std::string::npos ? std::string() : e;
}

double RhythmSimilarity(const std::array<float, kRhythmBins>& a, const std::array<float, kRhythmBins>& b) {
  double dot = 0, na = 0, nb = 0;
  for (int h = 0; h < kRhythmBins; ++h) {
    dot += static_cast<double>(a[h]) * b[h];
    na += static_cast<double>(a[h]) * a[h];
    nb += static_cast<double>(b[h]) * b[h];
  }
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0.0;
}

}  // namespace linchpin::resolve
