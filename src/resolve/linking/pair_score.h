// Pairwise scores: how much more likely two records are one user than two, with the reasons.
//
// The model is Fellegi & Sunter's ("A Theory for Record Linkage", JASA 64:1183, 1969): each
// comparison (phone, e-mail, handle stem, name, contacts, daily rhythm, succession) has an
// outcome level, and contributes log2(m/u) bits, where m = P(level | same user) and
// u = P(level | different users). The bits add (the comparisons are taken as conditionally
// independent), the prior log-odds of a match is added, and the logistic of the total is the
// match probability reported as the pair's confidence.
//
// Where u comes from:
//  - identifiers and names: term frequency (Winkler's TF adjustment; Splink's tf_ columns): a
//    value held by n records is shared by chance with probability (n-1)/N; for an issued
//    identifier (phone, e-mail: one subscriber each) (n-1-m·k)/N, as m·k of the other holders
//    are expected to be the record's own user's (k = expected_partners; without this a phone on
//    one man's phone, WhatsApp and Telegram records counted as if held by three strangers),
//    floored at `min_chance_holders`. Names and handles keep (n-1)/N: namesakes are common.
//    So a phone held by a few records
//    is strong evidence, one held by twenty is weak, and one held by more than
//    `generic_value_limit` records (a call-centre number, a family's landline) counts for nothing;
//  - behaviour (contact overlap, rhythm, succession): measured on random account pairs of the
//    case itself, nearly all of which are different users — the classical estimate of u.
// Where m comes from: identifiers and names take the values stated in PairModel, each with its
// reason. For contact overlap and rhythm, m is measured on "anchor" pairs of the case itself —
// two accounts sharing a phone or e-mail that no other record holds, which are one user nearly
// always — so that the weight of a behaviour level reflects how this case's users actually
// behave across their accounts. Anchors are counted per pair of platforms (phone–whatsapp
// anchors say nothing of how a user's telegram and twitter accounts relate); a platform pair
// with fewer than `min_anchor_pairs` anchors takes the PairModel values.
// Both m and u of a behaviour level are conditional on the comparison being possible (enough
// events or contacts on both sides); a pair that cannot be compared gets no weight from it.
//
// Thread-safety: a PairScorer is immutable after construction; Score is safe from many threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "resolve/linking/blocking.h"
#include "resolve/linking/features.h"
#include "resolve/linking/records.h"

namespace linchpin::resolve {

struct Evidence {
  std::string feature;  // phone, email, handle, name, contacts, rhythm, succession, owner, pin
  std::string detail;   // what agreed or differed, e.g. "+33612345678 shared by 2 records"
  double bits = 0.0;    // log2(m/u); 0 for a value too generic to count
};

struct PairScore {
  double bits = 0.0;         // sum of the comparisons' weights (without the prior)
  double probability = 0.0;  // logistic(prior + bits)
  std::vector<Evidence> evidence;
};

// m probabilities (P(outcome | same user)); each is a stated assumption, see the comments.
struct PairModel {
  // Prior: a user holds this many records besides the one at hand (phone, app, public account).
  double expected_partners = 3.0;
  uint32_t generic_value_limit = 20;
  double min_chance_holders = 0.5;   // the least number of chance sharers a value is given
  // A user's app account carries the number of their phone; records lose or mistype it rarely.
  double m_phone_agree = 0.95, m_phone_differ = 0.10;  // a second SIM, a work phone
  double m_email_agree = 0.9, m_email_differ = 0.3;
  // Handles are picked per platform; one user reuses a stem about half the time.
  double m_handle_agree = 0.5, m_handle_differ = 0.5;
  // Display names: a real-name spelling on both sides about a third of the time; pseudonyms,
  // kunyas and first names only otherwise, so a different name is weak evidence against.
  double m_name_strong = 0.3, m_name_match = 0.2, m_name_differ = 0.45;
  // Contact overlap in entity space (see blocking.h for the levels' thresholds).
  double m_contacts_strong = 0.25, m_contacts_medium = 0.15, m_contacts_weak = 0.1, m_contacts_none = 0.4;
  // Rarity-weighted shared contacts (RarityWeight summed) that reach a level whatever the
  // lists' lengths; the overlap share reaches it too.
  double contacts_strong_weight = 0.7, contacts_medium_weight = 0.4, contacts_weak_weight = 0.2;
  double m_rhythm_high = 0.6, m_rhythm_medium = 0.25, m_rhythm_low = 0.15;
  // Most of a user's accounts run side by side; a successor is the exception.
  double m_succession = 0.08;
  TimeMs succession_gap = 14 * kDayMs;
  uint32_t min_rhythm_events = 20;
  uint32_t min_anchor_pairs = 30;
  // An anchor's shared phone or e-mail is held by at most this many records: a user's phone
  // number is on their phone, WhatsApp, Telegram and public account records.
  uint32_t anchor_max_holders = 4;
};

enum class ContactLevel : uint8_t { kNotCompared, kStrong, kMedium, kWeak, kNone };
enum class RhythmLevel : uint8_t { kNotCompared, kHigh, kMedium, kLow };
// The best pair of names: a strong match (score >= 0.9), a match, an undecided score, or
// different names (score < 0.4).
enum class NameLevel : uint8_t { kNotCompared, kStrong, kMatch, kUndecided, kDiffer };
enum class HandleLevel : uint8_t { kNotCompared, kAgree, kDiffer };

// m probabilities of the behaviour levels (and of the name and handle levels) for one pair of
// platforms: a user's phone subscriber name and WhatsApp display name agree more often than
// their Telegram and public handles do.
struct BehaviourM {
  double contacts[5] = {1, 1, 1, 1, 1};  // by ContactLevel
  double rhythm[4] = {1, 1, 1, 1};       // by RhythmLevel
  double name[5] = {1, 1, 1, 1, 1};      // by NameLevel
  double handle[3] = {1, 1, 1};          // by HandleLevel
};

// m and u probabilities of the behaviour levels, each conditional on the comparison being made.
struct BehaviourRates {
  double u_contacts[5] = {1, 1, 1, 1, 1};  // by ContactLevel, measured on random pairs
  double u_rhythm[4] = {1, 1, 1, 1};       // by RhythmLevel
  // u of the rhythm levels per pair of platforms where the sample holds enough of them: two
  // phones of one country keep the same hours far more often than a phone and a public account.
  std::vector<std::pair<uint32_t, std::array<double, 4>>> u_rhythm_by_platform_pair;
  double u_succession = 1;
  double u_name_differ = 0.97;             // measured on random pairs of named accounts
  BehaviourM m_default;                    // PairModel's values
  std::vector<std::pair<uint32_t, BehaviourM>> m_by_platform_pair;  // measured on anchors
  uint32_t sampled_pairs = 0, anchor_pairs = 0;
};

class PairScorer {
 public:
  // `candidates` are searched for anchor pairs (see the header comment).
  PairScorer(const CaseData& c, const LinkRecords& records, const CaseProfiles& profiles,
             const EntityContactSets& contacts, const std::vector<uint32_t>& entity_of_account,
             const PairModel& model, const std::vector<CandidatePair>& candidates);

  PairScore Score(uint32_t record_a, uint32_t record_b) const;
  // The record comparisons alone (identifiers and names): they do not depend on the clustering,
  // so later rounds reuse them and add only the behaviour comparisons.
  std::vector<Evidence> ScoreRecords(uint32_t record_a, uint32_t record_b) const;
  PairScore ScoreWithRecordEvidence(uint32_t record_a, uint32_t record_b, std::vector<Evidence> record_evidence) const;
  double prior_bits() const { return prior_bits_; }
  const BehaviourRates& rates() const { return rates_; }

  ContactLevel CompareContacts(uint32_t a, uint32_t b, uint32_t* shared) const;
  // The best-matching pair of names of two records (skipping the handle's words when the handle
  // stems already agree, which would count one agreement twice).
  NameLevel CompareNames(const LinkRecord& a, const LinkRecord& b, NameMatch* best, size_t* best_a, size_t* best_b) const;
  static HandleLevel CompareHandles(const LinkRecord& a, const LinkRecord& b);
  // Keeps only the stronger of an agreeing handle and an agreeing name when the handle is made
  // of the name (records.h: handle_from_name), as the two are not independent.
  static void CountNameHandleOnce(const LinkRecord& a, const LinkRecord& b, std::vector<Evidence>& evidence);
  RhythmLevel CompareRhythm(uint32_t a, uint32_t b, double* similarity) const;
  bool IsSuccession(uint32_t a, uint32_t b) const;

 private:
  void MeasureRandomPairs();
  void MeasureAnchorPairs(const std::vector<CandidatePair>& candidates);
  void ScoreIdentifiers(const LinkRecord& a, const LinkRecord& b, PairScore& s) const;
  void ScoreNames(const LinkRecord& a, const LinkRecord& b, PairScore& s) const;
  void ScoreBehaviour(uint32_t a, uint32_t b, PairScore& s) const;
  uint32_t PlatformPair(uint32_t a, uint32_t b) const;
  const BehaviourM& MFor(uint32_t a, uint32_t b) const;
  const BehaviourM& MForRecords(const LinkRecord& a, const LinkRecord& b) const;
  double URhythm(uint32_t a, uint32_t b, RhythmLevel level) const;  // per platform pair if measured
  // A written mark (records.h) both records carry, or null.
  static const std::string* SharedWrittenMark(const LinkRecord& a, const LinkRecord& b);
  // Records holding the rarest name blocking key two records share; 0 when they share none.
  uint32_t SharedNameHolders(const LinkRecord& a, const LinkRecord& b) const;
  // log2(m / u) for an identifier value held by `holders` records; 0 when generic.
  // `issued`: a phone or e-mail, whose holders are mostly one user (see the header comment).
  double ValueBits(double m, uint32_t holders, uint32_t population, bool issued) const;

  const CaseData& case_;
  const LinkRecords& records_;
  const CaseProfiles& profiles_;
  const EntityContactSets& contacts_;
  const std::vector<uint32_t>& entity_of_account_;
  PairModel model_;
  BehaviourRates rates_;
  // 1 / log2(accounts holding the contact): 1 for a contact two accounts share, 0.2 for one
  // shared by 30.
  double RarityWeight(uint32_t contact) const;
  std::vector<uint16_t> platform_of_account_;  // a dense id per platform name
  // Accounts holding each entity-space contact: by entity id, and by endpoint for contacts that
  // are not accounts (kContactEndpointBase + endpoint).
  std::vector<uint32_t> entity_holders_, endpoint_holders_;
  double prior_bits_ = 0.0;
};

double Logistic2(double bits);  // 1 / (1 + 2^-bits)

}  // namespace linchpin::resolve
