// The resolution pipeline: records and profiles, rounds of blocking, scoring and clustering,
// then entities and takeovers. See resolve.h.
#include "resolve/linking/resolve.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <unordered_map>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "resolve/linking/features.h"
#include "resolve/linking/records.h"

namespace linchpin::resolve {
namespace {

using Clock = std::chrono::steady_clock;
double SecondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string RecordId(const CaseData& c, const LinkRecords& records, uint32_t r) {
  const LinkRecord& rec = records[r];
  return rec.kind == RecordKind::kAccount ? c.accounts[rec.index].id : c.persons[rec.index].id;
}

// Identity, platform exclusivity and active interval of each record (cluster.h).
std::vector<ClusterRecord> ClusterInputs(const CaseData& c, const LinkRecords& records, const CaseProfiles& profiles) {
  std::vector<ClusterRecord> out(records.size());
  std::unordered_map<std::string, uint32_t> unknown_owner, platform_id;
  for (uint32_t r = 0; r < records.size(); ++r) {
    const LinkRecord& rec = records[r];
    ClusterRecord& cr = out[r];
    cr.identity = rec.known_person;
    if (rec.kind == RecordKind::kPerson) continue;
    if (cr.identity == kNoIndex && !rec.owner_id.empty()) {
      // An owner the person file does not hold is still one person: intern it after the persons.
      const uint32_t next = static_cast<uint32_t>(c.persons.size() + unknown_owner.size());
      cr.identity = unknown_owner.emplace(rec.owner_id, next).first->second;
    }
    const AccountProfile& p = profiles.profile(rec.index);
    if (p.platform_class != PlatformClass::kPhone && p.active_from != kNoTime && p.active_until != kNoTime) {
      const std::string& platform = c.accounts[rec.index].platform;
      cr.exclusive_platform = platform_id.emplace(platform, static_cast<uint32_t>(platform_id.size())).first->second;
      cr.active_from = p.active_from;
      cr.active_until = p.active_until;
    }
  }
  return out;
}

// Known ownership: account -> its person record, or -> the first account of an owner id that
// the person file lacks.
std::vector<std::pair<uint32_t, uint32_t>> OwnerTies(const LinkRecords& records) {
  std::vector<std::pair<uint32_t, uint32_t>> ties;
  std::unordered_map<std::string, uint32_t> first_account;
  for (uint32_t r = 0; r < records.num_accounts(); ++r) {
    const LinkRecord& rec = records[r];
    if (rec.known_person != kNoIndex) {
      ties.emplace_back(r, records.RecordOfPerson(rec.known_person));
    } else if (!rec.owner_id.empty()) {
      auto [it, inserted] = first_account.emplace(rec.owner_id, r);
      if (!inserted) ties.emplace_back(r, it->second);
    }
  }
  return ties;
}

Result<std::vector<Pin>> PinsToRecords(const CaseData& c, const LinkRecords& records, const std::vector<PinSpec>& specs) {
  std::unordered_map<std::string_view, uint32_t> record_of_id;
  if (!specs.empty()) {
    for (uint32_t a = 0; a < c.accounts.size(); ++a) record_of_id.emplace(c.accounts[a].id, a);
    for (uint32_t p = 0; p < c.persons.size(); ++p) record_of_id.emplace(c.persons[p].id, records.RecordOfPerson(p));
  }
  std::vector<Pin> pins;
  for (const PinSpec& s : specs) {
    auto a = record_of_id.find(s.a), b = record_of_id.find(s.b);
    if (a == record_of_id.end()) return Status::InvalidArgument("pin: no account or person '" + s.a + "' in the case");
    if (b == record_of_id.end()) return Status::InvalidArgument("pin: no account or person '" + s.b + "' in the case");
    if (a->second != b->second) pins.push_back({s.kind, a->second, b->second});
  }
  return pins;
}

struct CaseSpan {
  TimeMs start = kNoTime, end = kNoTime;
};
CaseSpan SpanOf(const CaseData& c) {
  if (c.events.size() == 0) return {};
  return {c.events.time.front(), c.events.time.back()};
}

// Record evidence of the previous round's candidate pairs, by pair key (a << 32 | b), sorted.
using RecordEvidenceCache = std::vector<std::pair<uint64_t, std::vector<Evidence>>>;

// One round: candidates in the given entity space, scored and clustered.
Clustering LinkRound(const CaseData& c, const LinkRecords& records, const CaseProfiles& profiles,
                     const std::vector<uint32_t>& entity_of_account, const std::vector<ClusterRecord>& inputs,
                     const std::vector<Pin>& pins, const std::vector<std::pair<uint32_t, uint32_t>>& owner_ties,
                     const ResolveOptions& options, ResolveStats& stats, RecordEvidenceCache& cache,
                     const std::pair<uint32_t, uint32_t>* explain = nullptr,
                     PairScore* explained = nullptr) {
  const ContactEntity entity_of_contact = [&](uint32_t contact) {
    return contact < kContactEndpointBase ? entity_of_account[contact] : contact;
  };
  const EntityContactSets contacts = ComputeEntityContacts(profiles, entity_of_contact, options.blocking.max_contact_degree);
  const CaseSpan span = SpanOf(c);
  std::vector<CandidatePair> candidates = FindCandidates(records, profiles, contacts, span.start, span.end, options.blocking);
  // Pinned pairs are scored too, so that their evidence is on record next to the decision.
  PairModel model = options.model;
  model.succession_gap = options.blocking.succession_gap;
  const PairScorer scorer(c, records, profiles, contacts, entity_of_account, model, candidates);
  if (explain) *explained = scorer.Score(explain->first, explain->second);
  std::vector<ScoredPair> scored(candidates.size());
  RecordEvidenceCache next_cache(candidates.size());
  tbb::parallel_for(tbb::blocked_range<size_t>(0, candidates.size(), 256), [&](const auto& range) {
    for (size_t i = range.begin(); i != range.end(); ++i) {
      const CandidatePair& p = candidates[i];
      const uint64_t key = static_cast<uint64_t>(p.a) << 32 | p.b;
      auto hit = std::lower_bound(cache.begin(), cache.end(), key, [](const auto& e, uint64_t k) { return e.first < k; });
      std::vector<Evidence> record_evidence =
          hit != cache.end() && hit->first == key ? hit->second : scorer.ScoreRecords(p.a, p.b);
      next_cache[i] = {key, record_evidence};
      scored[i] = {p.a, p.b, scorer.ScoreWithRecordEvidence(p.a, p.b, std::move(record_evidence))};
    }
  });
  cache = std::move(next_cache);  // sorted by key, as the candidates are
  stats.candidates = candidates.size();
  stats.rates = scorer.rates();
  return ClusterRecords(inputs, pins, owner_ties, std::move(scored), options.threshold,
                        [&](uint32_t r) { return RecordId(c, records, r); });
}

ResolvedMerge ToResolved(const CaseData& c, const LinkRecords& records, Merge& m) {
  return {RecordId(c, records, m.a), RecordId(c, records, m.b), m.kind, m.probability, std::move(m.evidence)};
}

std::vector<ResolvedEntity> BuildEntities(const CaseData& c, const LinkRecords& records, Clustering& clustering) {
  std::vector<ResolvedEntity> entities(clustering.num_clusters);
  for (uint32_t r = 0; r < records.size(); ++r) {
    ResolvedEntity& e = entities[clustering.cluster_of[r]];
    const LinkRecord& rec = records[r];
    (rec.kind == RecordKind::kAccount ? e.accounts : e.persons).push_back(rec.index);
  }
  for (Merge& m : clustering.merges) {
    ResolvedEntity& e = entities[clustering.cluster_of[m.a]];
    e.confidence = std::min(e.confidence, m.probability);
    e.merges.push_back(ToResolved(c, records, m));
  }
  for (ResolvedEntity& e : entities) {
    auto smallest = [](auto begin, auto end, auto id) {
      std::string best;
      for (auto it = begin; it != end; ++it) {
        if (best.empty() || id(*it) < best) best = id(*it);
      }
      return best;
    };
    e.name = !e.persons.empty() ? smallest(e.persons.begin(), e.persons.end(), [&](uint32_t p) { return c.persons[p].id; })
                                : smallest(e.accounts.begin(), e.accounts.end(), [&](uint32_t a) { return c.accounts[a].id; });
  }
  return entities;
}

}  // namespace

Result<PairScore> ExplainPair(const CaseData& c, const ResolveOptions& options, const std::string& a, const std::string& b) {
  const CaseProfiles profiles = CaseProfiles::Build(c);
  const LinkRecords records = LinkRecords::Build(c);
  auto record_of = [&](const std::string& id) -> uint32_t {
    const uint32_t account = c.FindAccount(id);
    if (account != kNoIndex) return account;
    const uint32_t person = c.FindPerson(id);
    return person == kNoIndex ? kNoIndex : records.RecordOfPerson(person);
  };
  const std::pair<uint32_t, uint32_t> pair{record_of(a), record_of(b)};
  if (pair.first == kNoIndex) return Status::NotFound("no account or person '" + a + "'");
  if (pair.second == kNoIndex) return Status::NotFound("no account or person '" + b + "'");
  LP_ASSIGN_OR_RETURN(const std::vector<Pin> pins, PinsToRecords(c, records, options.pins));
  const std::vector<ClusterRecord> inputs = ClusterInputs(c, records, profiles);
  const auto owner_ties = OwnerTies(records);
  std::vector<uint32_t> entity_of_account(c.accounts.size());
  std::iota(entity_of_account.begin(), entity_of_account.end(), 0u);
  ResolveStats stats;
  RecordEvidenceCache cache;
  PairScore explained;
  for (int round = 0; round < std::max(1, options.rounds); ++round) {
    const Clustering clustering =
        LinkRound(c, records, profiles, entity_of_account, inputs, pins, owner_ties, options, stats, cache, &pair, &explained);
    for (uint32_t x = 0; x < c.accounts.size(); ++x) entity_of_account[x] = clustering.cluster_of[x];
  }
  return explained;
}

Result<Resolution> Resolve(const CaseData& c, const ResolveOptions& options) {
  Resolution out;
  auto t0 = Clock::now();
  const CaseProfiles profiles = CaseProfiles::Build(c);
  out.stats.seconds_profiles = SecondsSince(t0);
  t0 = Clock::now();
  const LinkRecords records = LinkRecords::Build(c);
  out.stats.seconds_records = SecondsSince(t0);
  out.stats.records = records.size();
  LP_ASSIGN_OR_RETURN(const std::vector<Pin> pins, PinsToRecords(c, records, options.pins));

  t0 = Clock::now();
  const std::vector<ClusterRecord> inputs = ClusterInputs(c, records, profiles);
  const auto owner_ties = OwnerTies(records);
  std::vector<uint32_t> entity_of_account(c.accounts.size());
  std::iota(entity_of_account.begin(), entity_of_account.end(), 0u);
  Clustering clustering;
  RecordEvidenceCache cache;
  for (int round = 0; round < std::max(1, options.rounds); ++round) {
    clustering = LinkRound(c, records, profiles, entity_of_account, inputs, pins, owner_ties, options, out.stats, cache);
    for (uint32_t a = 0; a < c.accounts.size(); ++a) entity_of_account[a] = clustering.cluster_of[a];
  }
  out.stats.seconds_link = SecondsSince(t0);
  out.stats.merges = clustering.merges.size();
  out.stats.conflicts = clustering.conflicts.size();
  for (Conflict& k : clustering.conflicts) {
    out.conflicts.push_back({RecordId(c, records, k.a), RecordId(c, records, k.b), k.probability, k.reason, std::move(k.evidence)});
  }
  out.entities = BuildEntities(c, records, clustering);
  out.entity_of_account.assign(c.accounts.size(), kNoIndex);
  out.entity_of_person.assign(c.persons.size(), kNoIndex);
  for (uint32_t r = 0; r < records.size(); ++r) {
    const LinkRecord& rec = records[r];
    (rec.kind == RecordKind::kAccount ? out.entity_of_account : out.entity_of_person)[rec.index] = clustering.cluster_of[r];
  }

  t0 = Clock::now();
  std::vector<uint32_t> person_of_account(c.accounts.size(), kNoIndex);
  for (uint32_t a = 0; a < c.accounts.size(); ++a) {
    const ResolvedEntity& e = out.entities[out.entity_of_account[a]];
    if (!e.persons.empty()) person_of_account[a] = e.persons.front();
  }
  out.takeovers = DetectTakeovers(c, profiles, person_of_account, options.takeover);
  out.stats.seconds_takeovers = SecondsSince(t0);
  return out;
}

}  // namespace linchpin::resolve
