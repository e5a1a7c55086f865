// StringMap<V>: the hash map for string keys on hot paths (endpoint interning during ingest).
// absl's flat_hash_map probes once where std::unordered_map chases two or three pointers; on a
// 10M-event ingest the node map's misses were a third of the run time.
//
// Lookups take a std::string_view without copying, or a HashedKey whose hash was computed
// ahead: ingest hashes each event's endpoints on its reader thread, so the ingest thread only
// probes (and can prefetch a row ahead without hashing it twice).
#pragma once

#include <absl/container/flat_hash_map.h>
#include <xxhash.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>
#include <string_view>

namespace linchpin {

// XXH3: a few nanoseconds on the short keys of a case (ids, E.164 numbers), and well mixed in
// the high and low bits that flat_hash_map splits between group and tag.
inline size_t HashString(std::string_view s) { return static_cast<size_t>(XXH3_64bits(s.data(), s.size())); }

// A key and its HashString, computed once.
struct HashedKey {
  std::string_view text;
  size_t hash;
};
inline HashedKey Hashed(std::string_view s) { return {s, HashString(s)}; }

struct StringKeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return HashString(s); }
  size_t operator()(const HashedKey& k) const { return k.hash; }
};

// Equality of two n-byte strings without a call to memcmp for the short keys of a case (ids,
// E.164 numbers): two overlapping word loads cover 8-16 bytes, and 4-7 likewise.
inline bool ShortEqual(const char* a, const char* b, size_t n) {
  const auto load8 = [](const char* p) { uint64_t v; std::memcpy(&v, p, 8); return v; };
  const auto load4 = [](const char* p) { uint32_t v; std::memcpy(&v, p, 4); return v; };
  if (n >= 8 && n <= 16) return load8(a) == load8(b) && load8(a + n - 8) == load8(b + n - 8);
  if (n >= 4 && n < 8) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
  return std::memcmp(a, b, n) == 0;  // n < 4 (possibly 0), or long
}
inline bool ShortEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ShortEqual(a.data(), b.data(), a.size());
}

struct StringKeyEq {
  using is_transparent = void;
  static std::string_view Text(std::string_view s) { return s; }
  static std::string_view Text(const HashedKey& k) { return k.text; }
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const { return ShortEqual(Text(a), Text(b)); }
};

template <typename V>
using StringMap = absl::flat_hash_map<std::string, V, StringKeyHash, StringKeyEq>;

// StringIdMap: string -> uint32_t for interning short keys on a hot path (ingest's endpoint
// caches, two probes per event). Open addressing with linear probing over 32-byte slots that
// hold the key's full hash, its value and, up to 16 bytes, the key itself: a probe that hits
// reads one cache line, and Prefetch(hash) brings in exactly that line, so a lookup issued a
// few rows ahead costs no wait. absl's map (StringMap) can prefetch only its control bytes;
// its slot, and the key behind it, were then one or two dependent misses per probe.
// Longer keys live in an arena and cost one more load. Load factor 0.3-0.6.
class StringIdMap {
 public:
  StringIdMap() { slots_.resize(kInitialSlots); }
  StringIdMap(const StringIdMap&) = delete;
  StringIdMap& operator=(const StringIdMap&) = delete;

  // The value stored for `key`, or nullptr. `key.hash` must be HashString(key.text).
  const uint32_t* Find(const HashedKey& key) const {
    for (size_t i = key.hash & mask();; i = (i + 1) & mask()) {
      const Slot& s = slots_[i];
      if (s.length == kEmpty) return nullptr;
      if (s.hash == key.hash && s.length == key.text.size() && ShortEqual(KeyOf(s), key.text)) return &s.value;
    }
  }
  // A hint: brings in the slot where a key of this hash would be found first.
  void Prefetch(size_t hash) const { __builtin_prefetch(&slots_[hash & mask()]); }
  // Stores `value` for `key` unless the key is already there. `key.hash` as for Find.
  void Insert(const HashedKey& key, uint32_t value);
  size_t size() const { return size_; }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  static constexpr size_t kInline = 16;
  static constexpr size_t kInitialSlots = 1024;
  struct alignas(32) Slot {
    uint64_t hash = 0;
    uint32_t value = 0;
    uint32_t length = kEmpty;  // of the key; kEmpty marks a free slot
    char key[kInline];         // the key, or (when longer) its offset in arena_
  };

  size_t mask() const { return slots_.size() - 1; }
  std::string_view KeyOf(const Slot& s) const {
    if (s.length <= kInline) return {s.key, s.length};
    uint64_t offset;
    std::memcpy(&offset, s.key, sizeof offset);
    return {arena_.data() + offset, s.length};
  }
  void Place(const Slot& s) {
    size_t i = s.hash & mask();
    while (slots_[i].length != kEmpty) i = (i + 1) & mask();
    slots_[i] = s;
  }
  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.length != kEmpty) Place(s);  // the stored hash: no key is hashed again
    }
  }

  std::vector<Slot> slots_;  // a power of two
  size_t size_ = 0;
  std::string arena_;  // keys longer than kInline
};

inline void StringIdMap::Insert(const HashedKey& key, uint32_t value) {
  const std::string_view text = key.text;
  if (text.size() >= kEmpty) return;  // a 4 GiB key is not worth caching
  if (Find(key)) return;
  if ((size_ + 1) * 5 > slots_.size() * 3) Grow();
  Slot s;
  s.hash = key.hash;
  s.value = value;
  s.length = static_cast<uint32_t>(text.size());
  if (text.size() <= kInline) {
    std::memcpy(s.key, text.data(), text.size());
  } else {
    const uint64_t offset = arena_.size();
    arena_.append(text);
    std::memcpy(s.key, &offset, sizeof offset);
  }
  Place(s);
  ++size_;
}

}  // namespace linchpin
