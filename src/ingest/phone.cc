// PhoneNormalizer over libphonenumber; the rules are in phone.h.
#include "ingest/phone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>
#include <cstddef>

namespace linchpin {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr char kUnknownRegion[] = "ZZ";  // libphonenumber's "no region": '+' is then required
constexpr size_t kMaxE164Digits = 15;    // ITU-T E.164: country code + national number

bool IsPunctuation(char c) {
  return c == ' ' || c == '\t' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
}

// Digits, punctuation and one leading '+', with at least one digit: the only shapes we hand to
// libphonenumber. Returns the text trimmed of surrounding whitespace, or nullopt.
std::optional<std::string_view> PlausibleShape(std::string_view raw) {
  const size_t first = raw.find_first_not_of(" \t");
  if (first == std::string_view::npos) return std::nullopt;
  raw = raw.substr(first, raw.find_last_not_of(" \t") - first + 1);
  bool has_digit = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c >= '0' && c <= '9') {
      has_digit = true;
    } else if (!(IsPunctuation(c) || (c == '+' && i == 0))) {
      return std::nullopt;
    }
  }
  if (!has_digit) return std::nullopt;
  return raw;
}

// The number with "00" (after any punctuation) replaced by '+', or nullopt if it does not start so.
std::optional<std::string> InternationalFromDoubleZero(std::string_view text) {
  const size_t first_digit = text.find_first_of("0123456789");
  if (first_digit == std::string_view::npos || text[0] == '+') return std::nullopt;
  if (text.substr(first_digit, 2) != "00") return std::nullopt;
  std::string international(1, '+');
  international.append(text.substr(first_digit + 2));
  return international;
}

std::optional<std::string> ParseToE164(const std::string& text, const std::string& region) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(text, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return std::nullopt;
  if (util.IsPossibleNumberWithReason(number) != PhoneNumberUtil::IS_POSSIBLE) return std::nullopt;
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  // libphonenumber's metadata allows some national numbers (Germany's) one digit past E.164's
  // fifteen; such a result would not be E.164, so it is not a number we can key on.
  if (e164.size() > 1 + kMaxE164Digits) return std::nullopt;
  return e164;
}

std::string KnownRegionOrEmpty(std::string region) {
  std::transform(region.begin(), region.end(), region.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (region.empty()) return region;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  return util.GetCountryCodeForRegion(region) != 0 ? region : std::string();
}

// libphonenumber strips a national prefix after the country code ("+44 0779..." -> "+44779..."),
// but only one per parse, so "+44 00779..." formats to a number that itself normalises further.
// Re-parsing until nothing changes makes ToE164 idempotent, which callers keying on the result
// rely on; a number that does not settle in a few rounds is rejected.
std::optional<std::string> SettleE164(std::optional<std::string> e164) {
  constexpr int kMaxRounds = 4;
  for (int round = 0; e164 && round < kMaxRounds; ++round) {
    std::optional<std::string> again = ParseToE164(*e164, kUnknownRegion);
    if (again == e164) return e164;
    e164 = std::move(again);
  }
  return std::nullopt;
}

}  // namespace

PhoneNormalizer::PhoneNormalizer(std::string default_region)
    : region_(KnownRegionOrEmpty(std::move(default_region))) {}

std::optional<std::string> PhoneNormalizer::ToE164(std::string_view raw) const {
  const std::optional<std::string_view> shape = PlausibleShape(raw);
  if (!shape) return std::nullopt;
  const std::string text(*shape);
  if (auto e164 = ParseToE164(text, region_.empty() ? kUnknownRegion : region_)) {
    // Already E.164 as written: parsing it again would give the same answer, so it is settled
    // (this halves the parsing of a phone-log's numbers, which ingest does once per number).
    if (*e164 == text) return e164;
    return SettleE164(std::move(e164));
  }
  if (auto international = InternationalFromDoubleZero(text)) {
    return SettleE164(ParseToE164(*international, kUnknownRegion));
  }
  return std::nullopt;
}

}  // namespace linchpin
