// Building the link records and their term frequencies. See records.h.
#include "resolve/linking/records.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "common/strings.h"
#include "resolve/linking/features.h"

namespace linchpin::resolve {
namespace {

// Single keys, plus pair keys when a name has several (see records.h).
void AddNameKeys(const ParsedName& name, std::vector<std::string>& keys) {
  const std::vector<std::string> single = NameBlockingKeys(name);
  keys.insert(keys.end(), single.begin(), single.end());
  for (size_t i = 0; i < single.size(); ++i) {
    for (size_t j = i + 1; j < single.size(); ++j) keys.push_back(single[i] + "|" + single[j]);
  }
}

// "laura_12" -> "laura", "laura.fischer3415" -> "laura fischer": the name inside a handle-like
// string, or "" when there is none. Separators become spaces and digits go: they are how
// platforms make a taken name unique, not part of the name.
std::string NameInside(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '_' || ch == '.') out += ' ';
    else if (ch < '0' || ch > '9') out += ch;
  }
  return std::string(TrimSpace(out));
}

bool HasSeparatorOrDigit(std::string_view s) { return s.find_first_of("_.0123456789") != std::string_view::npos; }

// The display name and handle an owner made unique, lower-cased (records.h): a display name with
// digits or an underscore ("merve_8"; a full stop alone is an initial's, "Laura B."), a handle
// with digits (every handle is unique on its platform; the digits make it so across platforms).
std::vector<std::string> WrittenMarks(const Account& a) {
  std::vector<std::string> marks;
  const std::string_view display = TrimSpace(a.display_name);
  if (display.find_first_of("_0123456789") != std::string_view::npos) marks.push_back(AsciiLower(display));
  const std::string_view handle = TrimSpace(a.handle);
  if (handle.find_first_of("0123456789") != std::string_view::npos) marks.push_back(AsciiLower(handle));
  return marks;
}

void AddAccountNames(const Account& a, LinkRecord& rec) {
  const std::string_view display = TrimSpace(a.display_name);
  rec.written_marks = WrittenMarks(a);
  if (!display.empty()) {
    const std::string inside = HasSeparatorOrDigit(display) ? NameInside(display) : std::string(display);
    if (!inside.empty()) rec.names.push_back(ParseName(inside)), rec.name_from_handle.push_back(false);
  }
  // A handle names someone only when its separators show the words ("laura.fischer"); glued
  // handles ("kfournier") would match on accident as often as not.
  if (a.handle.find_first_of("_.") != std::string::npos) {
    const std::string inside = NameInside(a.handle);
    if (inside.find(' ') != std::string::npos) rec.names.push_back(ParseName(inside)), rec.name_from_handle.push_back(true);
  }
}

// True when a word of one of the record's written names (not the handle's) of three letters or
// more occurs in the handle stem.
bool HandleFromName(const LinkRecord& r) {
  if (r.handle_stem.empty()) return false;
  for (size_t i = 0; i < r.names.size(); ++i) {
    if (r.name_from_handle[i]) return true;  // the handle's words were read as a name
    for (const NamePart& part : r.names[i].parts) {
      std::string letters;
      for (char ch : part.word) {
        if (std::isalpha(static_cast<unsigned char>(ch))) letters += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      }
      if (letters.size() >= 3 && r.handle_stem.find(letters) != std::string::npos) return true;
    }
  }
  return false;
}

void Finish(LinkRecord& r) {
  r.handle_from_name = HandleFromName(r);
  for (const ParsedName& n : r.names) AddNameKeys(n, r.name_keys);
  for (const std::string& mark : r.written_marks) r.name_keys.push_back(kWrittenKeyPrefix + mark);
  std::sort(r.name_keys.begin(), r.name_keys.end());
  r.name_keys.erase(std::unique(r.name_keys.begin(), r.name_keys.end()), r.name_keys.end());
}

}  // namespace

LinkRecords LinkRecords::Build(const CaseData& c) {
  LinkRecords out;
  out.num_accounts_ = static_cast<uint32_t>(c.accounts.size());
  out.records_.resize(c.accounts.size() + c.persons.size());
  std::unordered_map<std::string_view, uint32_t> person_index;
  for (uint32_t p = 0; p < c.persons.size(); ++p) person_index.emplace(c.persons[p].id, p);

  tbb::parallel_for(tbb::blocked_range<size_t>(0, out.records_.size(), 64), [&](const auto& range) {
    for (size_t r = range.begin(); r != range.end(); ++r) {
      LinkRecord& rec = out.records_[r];
      if (r < c.accounts.size()) {
        const Account& a = c.accounts[r];
        rec.kind = RecordKind::kAccount;
        rec.index = static_cast<uint32_t>(r);
        rec.phone = a.phone;
        rec.email = NormalizeEmail(a.email);
        rec.handle_stem = HandleStem(a.handle);
        rec.owner_id = a.owner;
        if (!a.owner.empty()) {
          auto it = person_index.find(a.owner);
          if (it != person_index.end()) rec.known_person = it->second;
        }
        AddAccountNames(a, rec);
      } else {
        const uint32_t p = static_cast<uint32_t>(r - c.accounts.size());
        const Person& person = c.persons[p];
        rec.kind = RecordKind::kPerson;
        rec.index = p;
        rec.known_person = p;
        rec.owner_id = person.id;
        if (!TrimSpace(person.name).empty()) rec.names.push_back(ParseName(person.name));
        for (const std::string& alias : person.aliases) {
          if (!TrimSpace(alias).empty()) rec.names.push_back(ParseName(alias));
        }
        rec.name_from_handle.assign(rec.names.size(), false);
      }
      // A name with no informative part (titles only, an emoji) cannot be compared.
      for (size_t i = rec.names.size(); i-- > 0;) {
        if (!rec.names[i].parts.empty()) continue;
        rec.names.erase(rec.names.begin() + static_cast<long>(i));
        rec.name_from_handle.erase(rec.name_from_handle.begin() + static_cast<long>(i));
      }
      Finish(rec);
    }
  });

  for (const LinkRecord& rec : out.records_) {
    if (!rec.phone.empty()) ++out.phone_count_[rec.phone];
    if (!rec.email.empty()) ++out.email_count_[rec.email];
    if (!rec.handle_stem.empty()) ++out.stem_count_[rec.handle_stem];
    for (const std::string& k : rec.name_keys) ++out.name_key_count_[k];
    if (!rec.names.empty()) ++out.named_records_;
  }
  return out;
}

}  // namespace linchpin::resolve
