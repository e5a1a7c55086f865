// Greedy, conflict-checked clustering. See cluster.h.
#include "resolve/linking/cluster.h"

#include <algorithm>
#include <numeric>

namespace linchpin::resolve {
namespace {

class ClusterBuilder {
 public:
  ClusterBuilder(const std::vector<ClusterRecord>& records, const std::vector<Pin>& pins, const RecordNamer& name_of)
      : records_(records), name_of_(name_of), parent_(records.size()), members_(records.size()), split_pins_(records.size()) {
    std::iota(parent_.begin(), parent_.end(), 0u);
    for (uint32_t r = 0; r < records.size(); ++r) members_[r] = {r};
    for (const Pin& p : pins) {
      if (p.kind != Pin::Kind::kSplit) continue;
      split_pins_[p.a].push_back(p.b);
      split_pins_[p.b].push_back(p.a);
    }
  }

  uint32_t Find(uint32_t r) {
    while (parent_[r] != r) r = parent_[r] = parent_[parent_[r]];
    return r;
  }

  // "" when the clusters of a and b may merge; else why not.
  std::string Obstacle(uint32_t a, uint32_t b, bool check_platforms) {
    uint32_t ra = Find(a), rb = Find(b);
    if (ra == rb) return "";
    if (members_[ra].size() > members_[rb].size()) std::swap(ra, rb);
    for (uint32_t x : members_[ra]) {
      for (uint32_t other : split_pins_[x]) {
        if (Find(other) == rb) return "pinned split between " + name_of_(x) + " and " + name_of_(other);
      }
    }
    const uint32_t ka = KnownRecord(ra), kb = KnownRecord(rb);
    if (ka != kNoIndex && kb != kNoIndex && records_[ka].identity != records_[kb].identity) {
      return "different known persons: " + name_of_(ka) + " and " + name_of_(kb) + " belong to different people";
    }
    if (!check_platforms) return "";
    for (uint32_t x : members_[ra]) {
      const ClusterRecord& rx = records_[x];
      if (rx.exclusive_platform == kNoIndex || rx.active_from == kNoTime) continue;
      for (uint32_t y : members_[rb]) {
        const ClusterRecord& ry = records_[y];
        if (ry.exclusive_platform != rx.exclusive_platform || ry.active_from == kNoTime) continue;
        const TimeMs overlap = std::min(rx.active_until, ry.active_until) - std::max(rx.active_from, ry.active_from);
        if (overlap > kDayMs) return name_of_(x) + " and " + name_of_(y) + " are active at the same time on one platform";
      }
    }
    return "";
  }

  void Union(uint32_t a, uint32_t b) {
    uint32_t ra = Find(a), rb = Find(b);
    if (ra == rb) return;
    if (members_[ra].size() < members_[rb].size()) std::swap(ra, rb);
    parent_[rb] = ra;
    members_[ra].insert(members_[ra].end(), members_[rb].begin(), members_[rb].end());
    members_[rb].clear();
    members_[rb].shrink_to_fit();
  }

 private:
  // A member that is (or is owned by) a known person; merges keep it to one person per cluster.
  uint32_t KnownRecord(uint32_t root) const {
    for (uint32_t x : members_[root]) {
      if (records_[x].identity != kNoIndex) return x;
    }
    return kNoIndex;
  }
  const std::vector<ClusterRecord>& records_;
  const RecordNamer& name_of_;
  std::vector<uint32_t> parent_;
  std::vector<std::vector<uint32_t>> members_;
  std::vector<std::vector<uint32_t>> split_pins_;
};

}  // namespace

Clustering ClusterRecords(const std::vector<ClusterRecord>& records, const std::vector<Pin>& pins,
                          const std::vector<std::pair<uint32_t, uint32_t>>& owner_ties,
                          std::vector<ScoredPair> scored, double threshold, const RecordNamer& name_of) {
  ClusterBuilder builder(records, pins, name_of);
  Clustering out;
  for (const Pin& p : pins) {
    if (p.kind != Pin::Kind::kMerge) continue;
    const std::string obstacle = builder.Obstacle(p.a, p.b, /*check_platforms=*/false);
    std::vector<Evidence> evidence = {{"pin", "merge pinned by an analyst", 0.0}};
    // An analyst's merge overrides the model, but not another pin nor two known persons.
    if (!obstacle.empty()) {
      out.conflicts.push_back({p.a, p.b, 1.0, "pinned merge refused: " + obstacle, std::move(evidence)});
      continue;
    }
    builder.Union(p.a, p.b);
    out.merges.push_back({p.a, p.b, MergeKind::kPinned, 1.0, std::move(evidence)});
  }
  for (const auto& [account, owner] : owner_ties) {
    const std::string obstacle = builder.Obstacle(account, owner, /*check_platforms=*/false);
    std::vector<Evidence> evidence = {{"owner", "owner column of the case file", 0.0}};
    if (!obstacle.empty()) {
      out.conflicts.push_back({account, owner, 1.0, obstacle, std::move(evidence)});
      continue;
    }
    builder.Union(account, owner);
    out.merges.push_back({account, owner, MergeKind::kOwner, 1.0, std::move(evidence)});
  }
  std::erase_if(scored, [&](const ScoredPair& p) { return p.score.probability < threshold; });
  std::sort(scored.begin(), scored.end(), [](const ScoredPair& x, const ScoredPair& y) {
    if (x.score.probability != y.score.probability) return x.score.probability > y.score.probability;
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  for (ScoredPair& p : scored) {
    if (builder.Find(p.a) == builder.Find(p.b)) continue;
    const std::string obstacle = builder.Obstacle(p.a, p.b, /*check_platforms=*/true);
    if (!obstacle.empty()) {
      out.conflicts.push_back({p.a, p.b, p.score.probability, obstacle, std::move(p.score.evidence)});
      continue;
    }
    builder.Union(p.a, p.b);
    out.merges.push_back({p.a, p.b, MergeKind::kScored, p.score.probability, std::move(p.score.evidence)});
  }
  out.cluster_of.assign(records.size(), kNoIndex);
  std::vector<uint32_t> id_of_root(records.size(), kNoIndex);
  for (uint32_t r = 0; r < records.size(); ++r) {
    const uint32_t root = builder.Find(r);
    if (id_of_root[root] == kNoIndex) id_of_root[root] = out.num_clusters++;
    out.cluster_of[r] = id_of_root[root];
  }
  return out;
}

}  // namespace linchpin::resolve
