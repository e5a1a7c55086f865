// StringMap<V>: the hash map for string keys on hot paths (endpoint interning during ingest).
// absl's flat_hash_map probes once where std::unordered_map chases two or three pointers; on a
// 10M-event ingest the node map's misses were a third of the run time.
//
// Debian builds absl with its own string_view type, so lookups by std::string_view go through
// Key(), which views the same bytes without copying.
#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/strings/string_view.h>

#include <string>
#include <string_view>

namespace linchpin {

template <typename V>
using StringMap = absl::flat_hash_map<std::string, V>;

inline absl::string_view Key(std::string_view s) { return absl::string_view(s.data(), s.size()); }

}  // namespace linchpin
