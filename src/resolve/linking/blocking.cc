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

// An account silent before the case ends, and one of the same platform class starting after
// the case began, within `succession_gap` of the silence, sharing a contact.
//
// The starts an ended account is compared with are the kMaxSuccessors nearest in time from a
// day before its silence. Testing each for a shared contact by merging the two contact lists
// was a sixth of `resolve` on a million accounts (a cache miss per list); instead a sorted
// inverted index lists, per contact, the positions of the starts that have it, and those in the
// window are found by binary search. Same pairs, far fewer memory touches.
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

  // (contact, position in `started`) for every contact of every start, sorted: the starts that
  // have a contact are one run, in position order. Contact ids are entity ids, sparse in
  // uint32, so a sorted list rather than an array indexed by contact.
  std::vector<std::pair<uint32_t, uint32_t>> holders;
  for (uint32_t pos = 0; pos < started.size(); ++pos) {
    for (uint32_t c : contacts[started[pos].account]) holders.emplace_back(c, pos);
  }
  tbb::parallel_sort(holders.begin(), holders.end());

  constexpr size_t kMaxSuccessors = 400;  // per silent account: the nearest starts in time
  std::vector<uint32_t> successors;
  for (const Span& end : ended) {
    const std::vector<uint32_t>& before = contacts[end.account];
    if (before.empty()) continue;
    const auto first = std::lower_bound(started.begin(), started.end(), Span{end.t - kDayMs, 0, end.cls}, by_time);
    const auto last_in_time = std::upper_bound(first, started.end(), Span{end.t + options.succession_gap, 0, end.cls}, by_time);
    const auto lo = static_cast<uint32_t>(first - started.begin());
    const auto hi = static_cast<uint32_t>(std::min<size_t>(last_in_time - started.begin(), lo + kMaxSuccessors));
    successors.clear();
    for (uint32_t c : before) {
      auto it = std::lower_bound(holders.begin(), holders.end(), std::pair<uint32_t, uint32_t>(c, lo));
      for (; it != holders.end() && it->first == c && it->second < hi; ++it) successors.push_back(it->second);
    }
    std::sort(successors.begin(), successors.end());
    successors.erase(std::unique(successors.begin(), successors.end()), successors.end());
    for (uint32_t pos : successors) {
      const Span& next = started[pos];
      if (next.account == end.account || next.cls != end.cls) continue;
      const uint32_t a = std::min(end.account, next.account), b = std::max(end.account, next.account);
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
