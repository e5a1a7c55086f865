// Blocking: the candidate pairs worth scoring, out of the n²/2 a case holds.
//
// Sources of candidates (a pair remembers every source that proposed it):
//  - shared identifiers: the same E.164 phone, e-mail or handle stem (abu_x / abu_x2 / abu__x);
//  - names: a shared name blocking key of the name matcher (single keys, or pairs of keys for
//    names that have several; see records.h), over account display names and person names;
//  - contacts: MinHash signatures of each account's contact set in entity space, banded for
//    locality-sensitive hashing (Broder, "On the resemblance and containment of documents",
//    1997; banding as in Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3), so that
//    accounts whose contacts overlap by roughly a third or more meet in some band;
//  - succession: an account that falls silent and one on the same kind of platform that starts
//    within days afterwards and shares a contact with it (device switching, burners,
//    re-registration after a suspension).
//
// Scaling: a block larger than `max_block` is a generic value (a call-centre number, "Mohamed")
// and proposes nothing — the pair scorer would give such a value no weight anyway — so the pair
// count stays near-linear in the records. Contacts shared by more than `max_contact_degree`
// accounts are left out of the signatures for the same reason.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "resolve/linking/features.h"
#include "resolve/linking/records.h"

namespace linchpin::resolve {

enum CandidateSource : uint8_t {
  kByPhone = 1, kByEmail = 2, kByHandle = 4, kByName = 8, kByContacts = 16, kBySuccession = 32,
};

struct CandidatePair {
  uint32_t a, b;        // record ids, a < b
  uint8_t sources = 0;  // CandidateSource bits
};

struct BlockingOptions {
  uint32_t max_block = 25;            // larger blocks are generic values
  uint32_t max_contact_degree = 40;   // contacts of more accounts are generic (hubs)
  int lsh_bands = 10, lsh_rows = 2;   // MinHash signature length = bands × rows
  TimeMs succession_gap = 14 * kDayMs;  // how soon after the silence the successor starts
};

// Maps a contact id (features.h) to the entity it currently belongs to.
using ContactEntity = std::function<uint32_t(uint32_t contact)>;
// By account: its contacts in entity space without generic ones, sorted and unique.
using EntityContactSets = std::vector<std::vector<uint32_t>>;

EntityContactSets ComputeEntityContacts(const CaseProfiles& profiles, const ContactEntity& entity_of_contact,
                                        uint32_t max_contact_degree);

// Every candidate pair once, sorted by (a, b). `case_start`/`case_end` bound the events.
std::vector<CandidatePair> FindCandidates(const LinkRecords& records, const CaseProfiles& profiles,
                                          const EntityContactSets& contacts, TimeMs case_start,
                                          TimeMs case_end, const BlockingOptions& options);

}  // namespace linchpin::resolve
