// The records entity resolution links: every account and every person of a case, with the
// identifiers each carries normalised for comparison and the term frequencies of those values.
//
// Record ids: accounts first (record r = account r), then persons (record A + p = person p), so
// an account id and its record id coincide. A person record is "known": the case file vouches
// for it, and an account whose owner column names that person is tied to it without scoring.
//
// Names: display names of accounts (and the words of handles written with separators,
// "laura.fischer3415"), and the names and aliases of persons are parsed once with the
// name matcher (resolve/names/name_match.h) and blocked by its NameBlockingKeys. A name with two
// or more keys is also blocked on each pair of keys, because a single key ("mhmd") is shared by
// a tenth of a population while a pair ("mhmd|lmrn") picks out a handful.
//
// Written marks: a display name written with digits or an underscore ("merve_8"), or a handle
// with digits ("ameena.hamdan6536"), was made unique on its platform by its owner, who tends to
// write it the same way on the next one. Besides the name inside it ("merve", which thirty
// people may carry), the string as written is a name key of its own (kWrittenKeyPrefix + the
// lower-cased string), so the rarest key two records share, and the block that proposes them, is
// that string's — whether it is the display name or the handle on either side.
//
// Term frequencies (Fellegi & Sunter 1969 §4; the "term frequency adjustment" of Winkler 1989):
// how many records carry each phone, e-mail, handle stem and name key — a value held by many
// says little about any two of them.
//
// Thread-safety: built once (in parallel), then read-only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/string_map.h"
#include "model/case.h"
#include "resolve/names/name_match.h"

namespace linchpin::resolve {

enum class RecordKind : uint8_t { kAccount, kPerson };

// Starts the name key of a written mark (records.cc, WrittenMarks); no blocking key of the name
// matcher starts with it.
inline constexpr char kWrittenKeyPrefix = '=';

struct LinkRecord {
  RecordKind kind = RecordKind::kAccount;
  uint32_t index = 0;            // into CaseData::accounts or CaseData::persons
  std::string phone, email, handle_stem;
  uint32_t known_person = kNoIndex;  // person index: the owner column, or the person itself
  std::string owner_id;          // owner column as written (may name a person not in the file)
  std::vector<ParsedName> names;     // display name and the name in a handle, or name + aliases
  std::vector<bool> name_from_handle;  // by name: read from the handle (same words as handle_stem)
  std::vector<std::string> name_keys;  // single keys, "k1|k2" pair keys, and the written marks' keys
  std::vector<std::string> written_marks;  // display name and handle lower-cased, when marked (above)
  // The handle stem is made of the record's own name ("laura.durand7" of "Laura Durand"): two
  // namesakes' handles then agree as often as their names do, so the two agreements are one.
  bool handle_from_name = false;
};

class LinkRecords {
 public:
  static LinkRecords Build(const CaseData& c);

  uint32_t size() const { return static_cast<uint32_t>(records_.size()); }
  uint32_t num_accounts() const { return num_accounts_; }
  const LinkRecord& operator[](uint32_t r) const { return records_[r]; }
  uint32_t RecordOfPerson(uint32_t person) const { return num_accounts_ + person; }

  // How many records carry the value (0 if none).
  uint32_t PhoneCount(const std::string& v) const { return Count(phone_count_, v); }
  uint32_t EmailCount(const std::string& v) const { return Count(email_count_, v); }
  uint32_t StemCount(const std::string& v) const { return Count(stem_count_, v); }
  uint32_t NameKeyCount(const std::string& v) const { return Count(name_key_count_, v); }
  // How many records carry a name at all (the population name frequencies are relative to).
  uint32_t named_records() const { return named_records_; }

 private:
  static uint32_t Count(const StringMap<uint32_t>& m, const std::string& v) {
    auto it = m.find(v);
    return it == m.end() ? 0 : it->second;
  }
  std::vector<LinkRecord> records_;
  uint32_t num_accounts_ = 0, named_records_ = 0;
  StringMap<uint32_t> phone_count_, email_count_, stem_count_, name_key_count_;
};

}  // namespace linchpin::resolve
