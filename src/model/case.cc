#include "model/case.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/strings.h"

namespace linchpin {

namespace {

constexpr std::array<std::string_view, kEventKindCount> kEventKindNames = {
    "call", "sms", "message", "media", "post", "repost", "reply", "mention", "follow", "join",
    "meeting"};

}  // namespace

std::string_view ToString(EventKind k) { return kEventKindNames[static_cast<size_t>(k)]; }

std::optional<EventKind> ParseEventKind(std::string_view s) {
  // Every events.csv row comes through here: try the canonical lower-case spelling first.
  for (size_t i = 0; i < kEventKindNames.size(); ++i) {
    if (s == kEventKindNames[i]) return static_cast<EventKind>(i);
  }
  for (size_t i = 0; i < kEventKindNames.size(); ++i) {
    if (EqualsIgnoreCase(s, kEventKindNames[i])) return static_cast<EventKind>(i);
  }
  return std::nullopt;
}

std::string_view ToString(PlatformClass c) {
  switch (c) {
    case PlatformClass::kPhone: return "phone";
    case PlatformClass::kEncrypted: return "encrypted";
    case PlatformClass::kPublic: return "public";
    case PlatformClass::kEmail: return "email";
    case PlatformClass::kOther: return "other";
  }
  return "other";
}

std::optional<PlatformClass> ParsePlatformClass(std::string_view s) {
  for (auto c : {PlatformClass::kPhone, PlatformClass::kEncrypted, PlatformClass::kPublic,
                 PlatformClass::kEmail, PlatformClass::kOther}) {
    if (EqualsIgnoreCase(s, ToString(c))) return c;
  }
  return std::nullopt;
}

PlatformClass DefaultPlatformClass(std::string_view p) {
  struct Known { std::string_view name; PlatformClass cls; };
  static constexpr Known kKnown[] = {
      {"phone", PlatformClass::kPhone},       {"sms", PlatformClass::kPhone},
      {"cell", PlatformClass::kPhone},        {"mobile", PlatformClass::kPhone},
      {"telegram", PlatformClass::kEncrypted}, {"whatsapp", PlatformClass::kEncrypted},
      {"signal", PlatformClass::kEncrypted},  {"threema", PlatformClass::kEncrypted},
      {"wire", PlatformClass::kEncrypted},    {"element", PlatformClass::kEncrypted},
      {"twitter", PlatformClass::kPublic},    {"x", PlatformClass::kPublic},
      {"facebook", PlatformClass::kPublic},   {"instagram", PlatformClass::kPublic},
      {"youtube", PlatformClass::kPublic},    {"snapchat", PlatformClass::kPublic},
      {"tiktok", PlatformClass::kPublic},     {"flitter", PlatformClass::kPublic},
      {"email", PlatformClass::kEmail},       {"e-mail", PlatformClass::kEmail},
  };
  for (const auto& k : kKnown) {
    if (EqualsIgnoreCase(p, k.name)) return k.cls;
  }
  return PlatformClass::kOther;
}

std::string_view ToString(EndpointKind k) {
  switch (k) {
    case EndpointKind::kAccount: return "account";
    case EndpointKind::kPhone: return "phone";
    case EndpointKind::kChannel: return "channel";
    case EndpointKind::kOpaque: return "opaque";
  }
  return "opaque";
}

void EventTable::Reserve(size_t n) {
  time.reserve(n);
  source.reserve(n);
  target.reserve(n);
  platform.reserve(n);
  kind.reserve(n);
  duration_s.reserve(n);
  size_bytes.reserve(n);
}

void EventTable::Clear() {
  time.clear();
  source.clear();
  target.clear();
  platform.clear();
  kind.clear();
  duration_s.clear();
  size_bytes.clear();
  provenance.clear();
  content.clear();
}

namespace {
template <typename T>
uint32_t FindById(const std::vector<T>& rows, std::string_view id) {
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].id == id) return static_cast<uint32_t>(i);
  }
  return kNoIndex;
}
}  // namespace

uint32_t CaseData::FindPerson(std::string_view id) const { return FindById(persons, id); }
uint32_t CaseData::FindAccount(std::string_view id) const { return FindById(accounts, id); }
EndpointId CaseData::AddAccount(Account a) {
  a.endpoint = static_cast<EndpointId>(endpoints.size());
  endpoints.push_back({a.id, EndpointKind::kAccount, static_cast<uint32_t>(accounts.size())});
  accounts.push_back(std::move(a));
  return accounts.back().endpoint;
}

uint32_t CaseData::FindPlatform(std::string_view name) const {
  for (size_t i = 0; i < platforms.size(); ++i) {
    if (platforms[i].name == name) return static_cast<uint32_t>(i);
  }
  return kNoIndex;
}

}  // namespace linchpin
