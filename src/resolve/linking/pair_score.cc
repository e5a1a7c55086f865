// The Fellegi–Sunter pair scorer. See pair_score.h.
#include "resolve/linking/pair_score.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace linchpin::resolve {
namespace {

std::string Format(const char* fmt, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, x);
  return buf;
}

double Bits(double m, double u) { return std::log2(std::max(m, 1e-9) / std::max(u, 1e-9)); }

const char* ContactLevelName(ContactLevel l) {
  switch (l) {
    case ContactLevel::kStrong: return "strong";
    case ContactLevel::kMedium: return "medium";
    case ContactLevel::kWeak: return "weak";
    case ContactLevel::kNone: return "none";
    case ContactLevel::kNotCompared: break;
  }
  return "not compared";
}

}  // namespace

double Logistic2(double bits) { return 1.0 / (1.0 + std::exp2(-bits)); }

PairScorer::PairScorer(const CaseData& c, const LinkRecords& records, const CaseProfiles& profiles,
                       const EntityContactSets& contacts, const std::vector<uint32_t>& entity_of_account,
                       const PairModel& model, const std::vector<CandidatePair>& candidates)
    : case_(c), records_(records), profiles_(profiles), contacts_(contacts),
      entity_of_account_(entity_of_account), model_(model) {
  const double others = std::max<double>(1.0, records.size() - 1.0);
  const double lambda = std::min(0.5, model.expected_partners / others);
  prior_bits_ = std::log2(lambda / (1.0 - lambda));
  std::vector<std::string> names;
  platform_of_account_.reserve(c.accounts.size());
  for (const Account& a : c.accounts) {
    auto it = std::find(names.begin(), names.end(), a.platform);
    if (it == names.end()) it = names.insert(names.end(), a.platform);
    platform_of_account_.push_back(static_cast<uint16_t>(it - names.begin()));
  }
  entity_holders_.assign(records.size(), 0);
  endpoint_holders_.assign(c.endpoints.size(), 0);
  for (const auto& set : contacts) {
    for (uint32_t v : set) {
      auto& counts = v < kContactEndpointBase ? entity_holders_ : endpoint_holders_;
      const uint32_t index = v < kContactEndpointBase ? v : v - kContactEndpointBase;
      if (index >= counts.size()) counts.resize(index + 1, 0);
      ++counts[index];
    }
  }
  MeasureRandomPairs();
  MeasureAnchorPairs(candidates);
}

double PairScorer::RarityWeight(uint32_t contact) const {
  const uint32_t index = contact < kContactEndpointBase ? contact : contact - kContactEndpointBase;
  const auto& counts = contact < kContactEndpointBase ? entity_holders_ : endpoint_holders_;
  const uint32_t holders = index < counts.size() ? std::max(2u, counts[index]) : 2u;
  return 1.0 / std::log2(static_cast<double>(holders));  // 1 for a contact two accounts share
}

double PairScorer::ValueBits(double m, uint32_t holders, uint32_t population, bool issued) const {
  if (holders > model_.generic_value_limit) return 0.0;
  // An issued identifier (a phone number, an e-mail address) belongs to one subscriber, so of
  // its other n-1 holders about m × expected_partners are the record's own user (one number on
  // his phone, WhatsApp and Telegram records): only the rest are the chance sharers u counts.
  // Names and handles are not issued — namesakes are common — and keep the plain count.
  const double own = issued ? m * model_.expected_partners : 0.0;
  const double strangers = std::max(issued ? model_.min_chance_holders : 1.0, holders - 1.0 - own);
  const double u = strangers / std::max(1u, population);
  return Bits(m, u);
}

ContactLevel PairScorer::CompareContacts(uint32_t a, uint32_t b, uint32_t* shared_out) const {
  // The two accounts' own entities are not shared contacts: a talking to b says nothing of
  // whether they are one user (and in entity space, their merge would make it a self-loop).
  const uint32_t ea = entity_of_account_[a], eb = entity_of_account_[b];
  const auto& x = contacts_[a];
  const auto& y = contacts_[b];
  size_t i = 0, j = 0, nx = 0, ny = 0, shared = 0;
  double weight = 0;  // shared contacts weighted by rarity (see RarityWeight)
  for (uint32_t v : x) nx += v != ea && v != eb;
  for (uint32_t v : y) ny += v != ea && v != eb;
  while (i < x.size() && j < y.size()) {
    if (x[i] == y[j]) {
      if (x[i] != ea && x[i] != eb) ++shared, weight += RarityWeight(x[i]);
      ++i, ++j;
    } else {
      x[i] < y[j] ? ++i : ++j;
    }
  }
  if (shared_out) *shared_out = static_cast<uint32_t>(shared);
  if (nx == 0 || ny == 0) return ContactLevel::kNotCompared;
  // Two accounts that talk to each other (or to each other's other accounts) are two people: a
  // user does not call his own second phone. Their shared contacts are the circle their tie
  // lies in (a household's, a workplace's), not one user's, so they count for nothing.
  const bool direct = ea != eb && (std::binary_search(x.begin(), x.end(), eb) || std::binary_search(y.begin(), y.end(), ea));
  if (direct && shared > 0) return ContactLevel::kNotCompared;
  // The overlap counts a shared contact by its rarity: a friend only these two reach says more
  // than a cousin half the family calls (Adamic & Adar, "Friends and neighbors on the Web", 2003).
  // Across platforms a level is reached by a share of the smaller list, or by enough
  // rarity-weighted contacts outright: a public account's follows of popular accounts, or a
  // phone's calls to people without the app, dilute the share, yet three friends few others
  // reach are as telling in a long list as in a short one. Two accounts of one platform (two
  // phone lines) have no anchors to measure m on, and a household's lines share its circle, so
  // they keep the share alone.
  const double overlap = weight / static_cast<double>(std::min(nx, ny));
  const double absolute = platform_of_account_[a] != platform_of_account_[b] ? weight : 0.0;
  if (shared >= 3 && (overlap >= 0.4 || absolute >= model_.contacts_strong_weight)) return ContactLevel::kStrong;
  if (shared >= 2 && (overlap >= 0.2 || absolute >= model_.contacts_medium_weight)) return ContactLevel::kMedium;
  if (shared >= 1 && (overlap >= 0.15 || absolute >= model_.contacts_weak_weight)) return ContactLevel::kWeak;
  if (shared == 0 && nx >= 3 && ny >= 3) return ContactLevel::kNone;
  return ContactLevel::kNotCompared;
}

RhythmLevel PairScorer::CompareRhythm(uint32_t a, uint32_t b, double* similarity) const {
  const AccountProfile& x = profiles_.profile(a);
  const AccountProfile& y = profiles_.profile(b);
  if (x.events < model_.min_rhythm_events || y.events < model_.min_rhythm_events) return RhythmLevel::kNotCompared;
  const double s = RhythmSimilarity(x.rhythm, y.rhythm);
  if (similarity) *similarity = s;
  return s >= 0.9 ? RhythmLevel::kHigh : s >= 0.75 ? RhythmLevel::kMedium : RhythmLevel::kLow;
}

bool PairScorer::IsSuccession(uint32_t a, uint32_t b) const {
  const AccountProfile& x = profiles_.profile(a);
  const AccountProfile& y = profiles_.profile(b);
  if (x.events == 0 || y.events == 0 || x.platform_class != y.platform_class) return false;
  const AccountProfile& earlier = x.last < y.last ? x : y;
  const AccountProfile& later = x.last < y.last ? y : x;
  return later.first >= earlier.last - kDayMs && later.first <= earlier.last + model_.succession_gap;
}

HandleLevel PairScorer::CompareHandles(const LinkRecord& a, const LinkRecord& b) {
  if (a.handle_stem.empty() || b.handle_stem.empty()) return HandleLevel::kNotCompared;
  if (a.handle_stem == b.handle_stem) return HandleLevel::kAgree;
  // "mbernard" / "manonbernard", "abuomar" / "realabuomar": two forms of one name, as one user
  // writes them on two platforms and as two namesakes do. Neither for nor against.
  const std::string& x = a.handle_stem.size() <= b.handle_stem.size() ? a.handle_stem : b.handle_stem;
  const std::string& y = &x == &a.handle_stem ? b.handle_stem : a.handle_stem;
  size_t suffix = 0;
  while (suffix < x.size() && x[x.size() - 1 - suffix] == y[y.size() - 1 - suffix]) ++suffix;
  if (y.find(x) != std::string::npos || suffix >= 5) return HandleLevel::kNotCompared;
  return HandleLevel::kDiffer;
}

NameLevel PairScorer::CompareNames(const LinkRecord& a, const LinkRecord& b, NameMatch* best_out, size_t* best_a,
                                   size_t* best_b) const {
  if (a.names.empty() || b.names.empty()) return NameLevel::kNotCompared;
  const bool handles_agree = CompareHandles(a, b) == HandleLevel::kAgree;
  NameMatch best;
  size_t bi = 0, bj = 0;
  bool compared = false;
  for (size_t i = 0; i < a.names.size(); ++i) {
    for (size_t j = 0; j < b.names.size(); ++j) {
      if (handles_agree && (a.name_from_handle[i] || b.name_from_handle[j])) continue;
      NameMatch m = CompareParsedNames(a.names[i], b.names[j]);
      if (!compared || m.score > best.score) best = std::move(m), bi = i, bj = j;
      compared = true;
    }
  }
  if (!compared) return NameLevel::kNotCompared;
  const NameLevel level = best.match ? (best.score >= 0.9 ? NameLevel::kStrong : NameLevel::kMatch)
                                     : best.score < 0.4 ? NameLevel::kDiffer : NameLevel::kUndecided;
  if (best_out) *best_out = std::move(best);
  if (best_a) *best_a = bi;
  if (best_b) *best_b = bj;
  return level;
}

namespace {

// Smoothed conditional frequencies of levels 1..L-1 (level 0 is "not compared"). Add-half
// smoothing: a level never seen is rare, not impossible.
template <size_t L>
void Frequencies(const uint32_t (&counts)[L], double (&out)[L]) {
  double compared = 0;
  for (size_t l = 1; l < L; ++l) compared += counts[l];
  for (size_t l = 1; l < L; ++l) out[l] = (counts[l] + 0.5) / (compared + 0.5 * (L - 1));
  out[0] = 1;
}

}  // namespace

constexpr uint32_t kMinRhythmSamplesPerPlatformPair = 300;

double PairScorer::URhythm(uint32_t a, uint32_t b, RhythmLevel level) const {
  const uint32_t key = PlatformPair(a, b);
  for (const auto& [k, u] : rates_.u_rhythm_by_platform_pair) {
    if (k == key) return u[static_cast<int>(level)];
  }
  return rates_.u_rhythm[static_cast<int>(level)];
}

void PairScorer::MeasureRandomPairs() {
  std::vector<uint32_t> active;
  for (uint32_t a = 0; a < profiles_.size(); ++a) {
    if (profiles_.profile(a).events > 0) active.push_back(a);
  }
  uint32_t counts_c[5] = {}, counts_r[4] = {}, successions = 0, named = 0, named_differ = 0;
  std::vector<std::pair<uint32_t, std::array<uint32_t, 4>>> rhythm_by_pair;
  const uint32_t samples = active.size() < 2 ? 0 : 20000;
  uint64_t state = 0x2545f4914f6cdd1dULL;  // fixed seed: the same case gives the same rates
  auto next = [&] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
  };
  for (uint32_t s = 0; s < samples; ++s) {
    const uint32_t a = active[next() % active.size()], b = active[next() % active.size()];
    if (a == b) continue;
    ++counts_c[static_cast<int>(CompareContacts(a, b, nullptr))];
    const RhythmLevel rl = CompareRhythm(a, b, nullptr);
    ++counts_r[static_cast<int>(rl)];
    const uint32_t key = PlatformPair(a, b);
    auto it = std::find_if(rhythm_by_pair.begin(), rhythm_by_pair.end(), [&](const auto& e) { return e.first == key; });
    if (it == rhythm_by_pair.end()) it = rhythm_by_pair.insert(rhythm_by_pair.end(), {key, {}});
    ++it->second[static_cast<int>(rl)];
    successions += IsSuccession(a, b);
    ++rates_.sampled_pairs;
    if (s % 4 == 0) {  // names cost more than the rest; a quarter of the sample is plenty
      const NameLevel nl = CompareNames(records_[a], records_[b], nullptr, nullptr, nullptr);
      named += nl != NameLevel::kNotCompared;
      named_differ += nl == NameLevel::kDiffer;
    }
  }
  Frequencies(counts_c, rates_.u_contacts);
  Frequencies(counts_r, rates_.u_rhythm);
  for (const auto& [key, counts] : rhythm_by_pair) {
    if (counts[1] + counts[2] + counts[3] < kMinRhythmSamplesPerPlatformPair) continue;
    uint32_t raw[4] = {counts[0], counts[1], counts[2], counts[3]};
    double u[4];
    Frequencies(raw, u);
    rates_.u_rhythm_by_platform_pair.push_back({key, {u[0], u[1], u[2], u[3]}});
  }
  rates_.u_succession = (successions + 0.5) / (rates_.sampled_pairs + 1.0);
  if (named >= 100) rates_.u_name_differ = (named_differ + 0.5) / (named + 1.0);
}

uint32_t PairScorer::PlatformPair(uint32_t a, uint32_t b) const {
  const uint32_t x = platform_of_account_[a], y = platform_of_account_[b];
  return std::min(x, y) << 16 | std::max(x, y);
}

const BehaviourM& PairScorer::MFor(uint32_t a, uint32_t b) const {
  const uint32_t key = PlatformPair(a, b);
  for (const auto& [k, m] : rates_.m_by_platform_pair) {
    if (k == key) return m;
  }
  return rates_.m_default;
}

const BehaviourM& PairScorer::MForRecords(const LinkRecord& a, const LinkRecord& b) const {
  if (a.kind != RecordKind::kAccount || b.kind != RecordKind::kAccount) return rates_.m_default;
  return MFor(a.index, b.index);
}

constexpr uint32_t kMaxAnchorsPerPlatformPair = 20000;

void PairScorer::MeasureAnchorPairs(const std::vector<CandidatePair>& candidates) {
  const double mc[5] = {1, model_.m_contacts_strong, model_.m_contacts_medium, model_.m_contacts_weak, model_.m_contacts_none};
  const double mr[4] = {1, model_.m_rhythm_high, model_.m_rhythm_medium, model_.m_rhythm_low};
  // Levels the model does not state (an undecided name) carry no weight by default: m = u.
  const double mn[5] = {1, model_.m_name_strong, model_.m_name_match, 0, model_.m_name_differ};
  const double mh[3] = {1, model_.m_handle_agree, model_.m_handle_differ};
  std::copy(std::begin(mc), std::end(mc), rates_.m_default.contacts);
  std::copy(std::begin(mr), std::end(mr), rates_.m_default.rhythm);
  std::copy(std::begin(mn), std::end(mn), rates_.m_default.name);
  std::copy(std::begin(mh), std::end(mh), rates_.m_default.handle);
  struct Counts { uint32_t c[5] = {}, r[4] = {}, n[5] = {}, h[3] = {}; };
  std::vector<std::pair<uint32_t, Counts>> by_pair;
  for (const CandidatePair& p : candidates) {
    if (p.a >= records_.num_accounts() || p.b >= records_.num_accounts()) continue;
    const LinkRecord& a = records_[p.a];
    const LinkRecord& b = records_[p.b];
    const uint32_t limit = model_.anchor_max_holders;
    const bool rare_phone = !a.phone.empty() && a.phone == b.phone && records_.PhoneCount(a.phone) <= limit;
    const bool rare_email = !a.email.empty() && a.email == b.email && records_.EmailCount(a.email) <= limit;
    if (!rare_phone && !rare_email) continue;
    const uint32_t key = PlatformPair(p.a, p.b);
    auto it = std::find_if(by_pair.begin(), by_pair.end(), [&](const auto& e) { return e.first == key; });
    if (it == by_pair.end()) it = by_pair.insert(by_pair.end(), {key, Counts{}});
    // A few thousand anchors fix the rates; a million-record case holds hundreds of thousands.
    uint32_t seen = 0;
    for (uint32_t x : it->second.h) seen += x;
    if (seen >= kMaxAnchorsPerPlatformPair) continue;
    ++it->second.c[static_cast<int>(CompareContacts(p.a, p.b, nullptr))];
    ++it->second.r[static_cast<int>(CompareRhythm(p.a, p.b, nullptr))];
    ++it->second.n[static_cast<int>(CompareNames(a, b, nullptr, nullptr, nullptr))];
    ++it->second.h[static_cast<int>(CompareHandles(a, b))];
    ++rates_.anchor_pairs;
  }
  for (const auto& [key, counts] : by_pair) {
    BehaviourM m = rates_.m_default;
    uint32_t compared_c = 0, compared_r = 0, compared_n = 0, compared_h = 0;
    for (int l = 1; l < 5; ++l) compared_c += counts.c[l], compared_n += counts.n[l];
    for (int l = 1; l < 4; ++l) compared_r += counts.r[l];
    for (int l = 1; l < 3; ++l) compared_h += counts.h[l];
    if (compared_c >= model_.min_anchor_pairs) Frequencies(counts.c, m.contacts);
    if (compared_r >= model_.min_anchor_pairs) Frequencies(counts.r, m.rhythm);
    if (compared_n >= model_.min_anchor_pairs) Frequencies(counts.n, m.name);
    if (compared_h >= model_.min_anchor_pairs) Frequencies(counts.h, m.handle);
    rates_.m_by_platform_pair.emplace_back(key, m);
  }
}

void PairScorer::ScoreIdentifiers(const LinkRecord& a, const LinkRecord& b, PairScore& s) const {
  const uint32_t n = records_.size();
  auto compare = [&](const char* feature, const std::string& x, const std::string& y, uint32_t holders,
                     double m_agree, double m_differ, bool issued) {
    if (x.empty() || y.empty()) return;
    if (x == y) {
      const double bits = ValueBits(m_agree, holders, n, issued);
      s.evidence.push_back({feature, x + " shared by " + std::to_string(holders) + " records" +
                                         (bits == 0.0 ? " (generic value, not counted)" : ""), bits});
    } else {
      s.evidence.push_back({feature, x + " vs " + y, Bits(m_differ, 1.0)});
    }
  };
  // Two phone lines have two numbers by definition: that says nothing of whose they are (a
  // second SIM, a burner). Between an app account and a phone, or two app accounts, a different
  // registration number is evidence against.
  const auto is_line = [&](const LinkRecord& r) {
    return r.kind == RecordKind::kAccount && profiles_.profile(r.index).platform_class == PlatformClass::kPhone;
  };
  if (!(is_line(a) && is_line(b))) {
    compare("phone", a.phone, b.phone, records_.PhoneCount(a.phone), model_.m_phone_agree, model_.m_phone_differ, true);
  }
  compare("email", a.email, b.email, records_.EmailCount(a.email), model_.m_email_agree, model_.m_email_differ, true);
  const BehaviourM& m = MForRecords(a, b);
  if (CompareHandles(a, b) == HandleLevel::kNotCompared) return;  // similar forms: see CompareHandles
  // A handle made of its owner's name is as common as the name: two Merve Kayas build
  // "mervekaya" and "merve.kaya" alike, so the stem counts with the name's holders when they
  // are more than the stem's own.
  uint32_t stem_holders = records_.StemCount(a.handle_stem);
  if (a.handle_from_name && b.handle_from_name && a.handle_stem == b.handle_stem) {
    stem_holders = std::max(stem_holders, SharedNameHolders(a, b));
  }
  compare("handle", a.handle_stem, b.handle_stem, stem_holders,
          m.handle[static_cast<int>(HandleLevel::kAgree)], m.handle[static_cast<int>(HandleLevel::kDiffer)], false);
}

uint32_t PairScorer::SharedNameHolders(const LinkRecord& a, const LinkRecord& b) const {
  std::vector<std::string> shared;
  std::set_intersection(a.name_keys.begin(), a.name_keys.end(), b.name_keys.begin(), b.name_keys.end(),
                        std::back_inserter(shared));
  uint32_t holders = 0;
  for (const std::string& k : shared) {
    const uint32_t count = records_.NameKeyCount(k);
    holders = holders == 0 ? count : std::min(holders, count);
  }
  return holders;
}

const std::string* PairScorer::SharedWrittenMark(const LinkRecord& a, const LinkRecord& b) {
  for (const std::string& x : a.written_marks) {
    for (const std::string& y : b.written_marks) {
      if (x == y) return &x;
    }
  }
  return nullptr;
}

void PairScorer::ScoreNames(const LinkRecord& a, const LinkRecord& b, PairScore& s) const {
  NameMatch best;
  size_t best_i = 0, best_j = 0;
  const NameLevel compared = CompareNames(a, b, &best, &best_i, &best_j);
  if (compared == NameLevel::kNotCompared) return;
  // One string written alike, marks and all ("daniel_41"), is the strongest agreement two names
  // can show, whatever the matcher makes of a bare given name (records.h).
  const std::string* written_alike = SharedWrittenMark(a, b);
  const NameLevel level = written_alike ? NameLevel::kStrong : compared;
  if (level == NameLevel::kUndecided) return;
  const std::string what = a.names[best_i].original + " ~ " + b.names[best_j].original + Format(" (%.2f)", best.score);
  const BehaviourM& m = MForRecords(a, b);
  if (level == NameLevel::kDiffer) {
    s.evidence.push_back({"name", what + ", different names", Bits(m.name[static_cast<int>(level)], rates_.u_name_differ)});
    return;
  }
  // The rarest key both names carry says how common this name is (pair keys are rarer).
  uint32_t holders = SharedNameHolders(a, b);
  if (holders == 0) holders = std::max(2u, records_.named_records() / 100);  // matched outside any block
  const double bits = ValueBits(m.name[static_cast<int>(level)], holders, std::max(1u, records_.named_records()), false);
  // SharedNameHolders counted the written marks' keys too: say so when one is the rarer.
  const bool as_written = written_alike && records_.NameKeyCount(kWrittenKeyPrefix + *written_alike) == holders;
  s.evidence.push_back({"name", what + (as_written ? ", \"" + *written_alike + "\" written alike" : std::string()) +
                                    ", name shared by " + std::to_string(holders) + " records" +
                                    (bits == 0.0 ? " (generic, not counted)" : ""), bits});
}

void PairScorer::ScoreBehaviour(uint32_t a, uint32_t b, PairScore& s) const {
  uint32_t shared = 0;
  const ContactLevel cl = CompareContacts(a, b, &shared);
  if (cl != ContactLevel::kNotCompared) {
    const double m = MFor(a, b).contacts[static_cast<int>(cl)];
    s.evidence.push_back({"contacts", std::string(ContactLevelName(cl)) + " overlap: " + std::to_string(shared) +
                                          " shared of " + std::to_string(contacts_[a].size()) + " / " +
                                          std::to_string(contacts_[b].size()),
                          Bits(m, rates_.u_contacts[static_cast<int>(cl)])});
  }
  double similarity = 0;
  const RhythmLevel rl = CompareRhythm(a, b, &similarity);
  if (rl != RhythmLevel::kNotCompared) {
    const double m = MFor(a, b).rhythm[static_cast<int>(rl)];
    s.evidence.push_back({"rhythm", Format("hourly profiles cosine %.3f", similarity),
                          Bits(m, URhythm(a, b, rl))});
  }
  if (IsSuccession(a, b)) {
    const AccountProfile& x = profiles_.profile(a);
    const AccountProfile& y = profiles_.profile(b);
    const bool a_first = x.last < y.last;
    const uint32_t old_account = a_first ? a : b, new_account = a_first ? b : a;
    const TimeMs gap = profiles_.profile(new_account).first - profiles_.profile(old_account).last;
    s.evidence.push_back({"succession", case_.accounts[old_account].id + " falls silent, " + case_.accounts[new_account].id +
                                            Format(" starts %.1f days later", static_cast<double>(gap) / kDayMs),
                          Bits(model_.m_succession, rates_.u_succession)});
  }
}

std::vector<Evidence> PairScorer::ScoreRecords(uint32_t record_a, uint32_t record_b) const {
  PairScore s;
  const LinkRecord& a = records_[record_a];
  const LinkRecord& b = records_[record_b];
  ScoreIdentifiers(a, b, s);
  ScoreNames(a, b, s);
  CountNameHandleOnce(a, b, s.evidence);
  return std::move(s.evidence);
}

void PairScorer::CountNameHandleOnce(const LinkRecord& a, const LinkRecord& b, std::vector<Evidence>& evidence) {
  // Agreeing handles made of the names, and agreeing names, are one agreement: namesakes'
  // handles ("laura.durand", "lauradurand7") agree as their names do. The stronger counts.
  if (!a.handle_from_name && !b.handle_from_name) return;
  Evidence* handle = nullptr;
  Evidence* name = nullptr;
  for (Evidence& e : evidence) {
    if (e.bits <= 0) continue;
    if (e.feature == "handle") handle = &e;
    if (e.feature == "name") name = &e;
  }
  if (!handle || !name) return;
  Evidence& weaker = handle->bits < name->bits ? *handle : *name;
  weaker.detail += " (counted once with the " + std::string(&weaker == handle ? "name" : "handle") + ": the handle is made of the name)";
  weaker.bits = 0;
}

PairScore PairScorer::ScoreWithRecordEvidence(uint32_t record_a, uint32_t record_b, std::vector<Evidence> record_evidence) const {
  PairScore s;
  s.evidence = std::move(record_evidence);
  const LinkRecord& a = records_[record_a];
  const LinkRecord& b = records_[record_b];
  if (a.kind == RecordKind::kAccount && b.kind == RecordKind::kAccount) ScoreBehaviour(a.index, b.index, s);
  for (const Evidence& e : s.evidence) s.bits += e.bits;
  s.probability = Logistic2(prior_bits_ + s.bits);
  return s;
}

PairScore PairScorer::Score(uint32_t record_a, uint32_t record_b) const {
  return ScoreWithRecordEvidence(record_a, record_b, ScoreRecords(record_a, record_b));
}

}  // namespace linchpin::resolve
