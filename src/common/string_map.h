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
#include <string>
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

struct StringKeyEq {
  using is_transparent = void;
  static std::string_view Text(std::string_view s) { return s; }
  static std::string_view Text(const HashedKey& k) { return k.text; }
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const { return Text(a) == Text(b); }
};

template <typename V>
using StringMap = absl::flat_hash_map<std::string, V, StringKeyHash, StringKeyEq>;

}  // namespace linchpin
