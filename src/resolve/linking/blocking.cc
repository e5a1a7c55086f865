// Candidate pairs from identifier, name, contact and succession blocks. See blocking.h.
#include "resolve/linking/blocking.h"

#include <algorithm>
#include <limits>
#include <string_view>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

namespace linchpin::resolve {
namespace {

uint64_t Mix(uint64_t x) {  // splitmix64 finaliser: a cheap, well-spread 64-bit hash
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t HashText(std::string_view s, uint64_t salt) {  // FNV-1a, then mixed with the key kind
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ULL;
  return Mix(h ^ salt);
}

struct Keyed {
  uint64_t key;
  uint32_t record;
  bool operator<(const Keyed& o) const { return key != o.key ? key < o.key : record < o.record; }
};

struct PairOut {
  uint64_t pair;  // a << 32 | b
  uint8_t source;
  bool operator<(const PairOut& o) const { return pair < o.pair; }
};

// Every pair inside each block of equal keys, unless the block is generic (> max_block).
void EmitBlocks(std::vector<Keyed>& keyed, uint8_t source, uint32_t max_block, std::vector<PairOut>& out) {
  tbb::parallel_sort(keyed.begin(), keyed.end());
  for (size_t i = 0; i < keyed.size();) {
    size_t j = i;
    while (j < keyed.size() && keyed[j].key == keyed[i].key) ++j;
    if (j - i >= 2 && j - i <= max_block) {
      for (size_t x = i; x < j; ++x) {
        for (size_t y = x + 1; y < j; ++y) {
          if (keyed[x].record == keyed[y].record) continue;
          out.push_back({(static_cast<uint64_t>(keyed[x].record) << 32) | keyed[y].record, source});
        }
      }
    }
    i = j;
  }
}

void IdentifierBlocks(const LinkRecords& records, const BlockingOptions& options, std::vector<PairOut>& out) {
  std::vector<Keyed> phone, email, handle, name;
  for (uint32_t r = 0; r < records.size(); ++r) {
    const LinkRecord& rec = records[r];
    if (!rec.phone.empty()) phone.push_back({HashText(rec.phone, 1), r});
    if (!rec.email.empty()) email.push_back({HashText(rec.email, 2), r});
    if (!rec.handle_stem.empty()) handle.push_back({HashText(rec.handle_stem, 3), r});
    for (const std::string& k : rec.name_keys) name.push_back({HashText(k, 4), r});
  }
  EmitBlocks(phone, kByPhone, options.max_block, out);
  EmitBlocks(email, kByEmail, options.max_block, out);
  EmitBlocks(handle, kByHandle, options.max_block, out);
  EmitBlocks(name, kByName, options.max_block, out);
}

// MinHash LSH over entity-space contact sets (Broder 1997): one bucket key per band.
void ContactBlocks(const EntityContactSets& entity_contacts, const BlockingOptions& options,
                   std::vector<PairOut>& out) {
  const uint32_t accounts = static_cast<uint32_t>(entity_contacts.size());
  const int bands = options.lsh_bands, rows = options.lsh_rows;
  std::vector<Keyed> keyed(static_cast<size_t>(accounts) * bands, Keyed{0, kNoIndex});
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, accounts, 256), [&](const auto& range) {
    std::vector<uint64_t> signature(static_cast<size_t>(bands * rows));
    for (uint32_t a = range.begin(); a != range.end(); ++a) {
      const std::vector<uint32_t>& contacts = entity_contacts[a];
      if (contacts.size() < 2) continue;  // one contact is a coincidence, not a pattern
      std::fill(signature.begin(), signature.end(), std::numeric_limits<uint64_t>::max());
      for (uint32_t c : contacts) {
        for (size_t h = 0; h < signature.size(); ++h) signature[h] = std::min(signature[h], Mix(c ^ (h * 0x632be59bd9b4e019ULL)));
      }
      for (int b = 0; b < bands; ++b) {
        uint64_t key = Mix(static_cast<uint64_t>(b) + 0x51ed27ULL);
        for (int r = 0; r < rows; ++r) key = Mix(key ^ signature[static_cast<size_t>(b * rows + r)]);
        keyed[static_cast<size_t>(a) * bands + b] = {key, a};
      }
    }
  });
  std::erase_if(keyed, [](const Keyed& k) { return k.record == kNoIndex; });
  EmitBlocks(keyed, kByContacts, options.max_block, out);
}

bool ShareContact(const std::vector<uint32_t>& x, const std::vector<uint32_t>& y) {
  size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i] == y[j]) return true;
    x[i] < y[j] ? ++i : ++j;
  }
  return false;
}

// An account silent before the case ends, and one of the same platform class starting after
// the case began, within `succession_gap` of the silence, sharing a contact.
void SuccessionBlocks(const CaseProfiles& profiles, const EntityContactSets& contacts, TimeMs case_start,
                      TimeMs case_end, const BlockingOptions& options, std::vector<PairOut>& out) {
  struct Span { TimeMs t; uint32_t account; PlatformClass cls; };
  std::vector<Span> ended, started;
  for (uint32_t a = 0; a < profiles.size(); ++a) {
    const AccountProfile& p = profiles.profile(a);
    if (p.events == 0) continue;
    if (p.last < case_end - kDayMs) ended.push_back({p.last, a, p.platform_class});
    if (p.first > case_start + kDayMs) started.push_back({p.first, a, p.platform_class});
  }
  auto by_time = [](const Span& x, const Span& y) { return x.t < y.t; };
  std::sort(started.begin(), started.end(), by_time);
  constexpr size_t kMaxSuccessors = 400;  // per silent account: the nearest starts in time
  for (const Span& end : ended) {
    auto it = std::lower_bound(started.begin(), started.end(), Span{end.t - kDayMs, 0, end.cls}, by_time);
    const std::vector<uint32_t>& before = contacts[end.account];
    if (before.empty()) continue;
    for (size_t n = 0; it != started.end() && it->t <= end.t + options.succession_gap && n < kMaxSuccessors; ++it, ++n) {
      if (it->account == end.account || it->cls != end.cls) continue;
      if (!ShareContact(before, contacts[it->account])) continue;
      const uint32_t a = std::min(end.account, it->account), b = std::max(end.account, it->account);
      out.push_back({(static_cast<uint64_t>(a) << 32) | b, kBySuccession});
    }
  }
}

}  // namespace

EntityContactSets ComputeEntityContacts(const CaseProfiles& profiles, const ContactEntity& entity_of_contact,
                                        uint32_t max_contact_degree) {
  EntityContactSets sets(profiles.size());
  tbb::parallel_for(tbb::blocked_range<size_t>(0, sets.size(), 256), [&](const auto& range) {
    for (size_t a = range.begin(); a != range.end(); ++a) {
      std::vector<uint32_t>& out = sets[a];
      for (uint32_t c : profiles.profile(static_cast<uint32_t>(a)).contacts) {
        if (profiles.ContactDegree(c) <= max_contact_degree) out.push_back(entity_of_contact(c));
      }
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
    }
  });
  return sets;
}

std::vector<CandidatePair> FindCandidates(const LinkRecords& records, const CaseProfiles& profiles,
                                          const EntityContactSets& contacts, TimeMs case_start,
                                          TimeMs case_end, const BlockingOptions& options) {
  std::vector<PairOut> raw;
  IdentifierBlocks(records, options, raw);
  ContactBlocks(contacts, options, raw);
  if (case_start != kNoTime) SuccessionBlocks(profiles, contacts, case_start, case_end, options, raw);
  tbb::parallel_sort(raw.begin(), raw.end());
  std::vector<CandidatePair> pairs;
  for (const PairOut& p : raw) {
    const uint32_t a = static_cast<uint32_t>(p.pair >> 32), b = static_cast<uint32_t>(p.pair);
    if (!pairs.empty() && pairs.back().a == a && pairs.back().b == b) {
      pairs.back().sources |= p.source;
    } else {
      pairs.push_back({a, b, p.source});
    }
  }
  return pairs;
}

}  // namespace linchpin::resolve
