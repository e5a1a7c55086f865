// Clusters from scored pairs: greedy union by descending match probability, with conflict checks
// that keep a strong chain of weak links from gluing two different users together.
//
// Order of merges:
//  1. analyst pins (merge): always applied, unless they contradict a pinned split;
//  2. known ownership: an account whose owner column names a person joins that person;
//  3. scored pairs at or above the threshold, most probable first (the order makes the result
//     independent of input order and lets the best evidence claim a record first).
// A merge is refused, and reported as a Conflict with the pair's evidence, when it would put
// into one cluster
//  - two different known persons (two owners the case file names, or two person records), or
//  - two records an analyst pinned apart, or
//  - two accounts of one non-phone platform active at the same time (one user does not run two
//    accounts of one app side by side — the takeover and re-registration cases are successive;
//    phones are exempt because second SIMs and burners are exactly what users carry).
// Every applied merge keeps its evidence, so a cluster can always say why it exists.
//
// Cost: O(P log P) for P pairs; near-constant union-find steps; conflict checks touch the
// smaller cluster's members only. Not thread-safe while clustering; the result is a plain value.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/time.h"
#include "resolve/linking/pair_score.h"

namespace linchpin::resolve {

struct ClusterRecord {
  uint32_t identity = kNoIndex;   // a known person this record is (or is owned by), else kNoIndex
  uint32_t exclusive_platform = kNoIndex;  // a non-phone platform id, for the concurrency check
  TimeMs active_from = kNoTime, active_until = kNoTime;
};

enum class MergeKind : uint8_t { kPinned, kOwner, kScored };

struct Merge {
  uint32_t a, b;           // records
  MergeKind kind;
  double probability;
  std::vector<Evidence> evidence;
};

struct Conflict {
  uint32_t a, b;
  double probability;
  std::string reason;      // "different known persons P1 / P2", "pinned split", ...
  std::vector<Evidence> evidence;
};

struct ScoredPair {
  uint32_t a, b;
  PairScore score;
};

struct Pin {
  enum class Kind : uint8_t { kMerge, kSplit };
  Kind kind;
  uint32_t a, b;           // records
};

struct Clustering {
  std::vector<uint32_t> cluster_of;  // by record: a dense cluster id
  uint32_t num_clusters = 0;
  std::vector<Merge> merges;
  std::vector<Conflict> conflicts;
};

// How conflict reasons name a record (its ingested id).
using RecordNamer = std::function<std::string(uint32_t record)>;

// `owner_ties`: (account record, person-or-account record) pairs of known ownership.
Clustering ClusterRecords(const std::vector<ClusterRecord>& records, const std::vector<Pin>& pins,
                          const std::vector<std::pair<uint32_t, uint32_t>>& owner_ties,
                          std::vector<ScoredPair> scored, double threshold, const RecordNamer& name_of);

}  // namespace linchpin::resolve
