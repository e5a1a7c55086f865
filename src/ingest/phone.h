// PhoneNormalizer: turns a phone number as written in a case file ("+33 6 12 34 56 78",
// "06 12 34 56 78", "0033612345678") into E.164 ("+33612345678"), so that one line is one node
// whatever the spelling. Built on Google's libphonenumber.
//
// What is accepted: digits with the usual punctuation (space, tab, - . / ( )), an optional
// leading '+'. Anything with letters is rejected before libphonenumber sees it, because
// libphonenumber reads letters as vanity digits and would turn a hash like "9f8e7d..." into a
// number. A number without '+' needs a region: the default region given here, or — when there is
// none, or parsing with it fails — a leading "00", the international prefix of most of the
// world, which is read as '+'.
//
// Possible, not valid: a number is kept when libphonenumber says it is *possible* (the right
// length for its country; IS_POSSIBLE exactly, since a local-only number cannot be written in
// E.164). It is not required to be *valid* (in an allocated range), because simulated and
// anonymised data use unallocated ranges and rejecting them would drop real links from the
// graph. Short codes ("17", "112") and bare integers are not possible numbers and are rejected.
//
// The result is a fixed point: ToE164(*ToE164(x)) == ToE164(x).
//
// Thread-safety: ToE164 is const and uses libphonenumber's thread-safe singleton, so one
// normalizer may be shared by threads. It is not fast (tens of microseconds; see phone_test);
// callers cache by distinct string.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace linchpin {

class PhoneNormalizer {
 public:
  // `default_region`: ISO 3166-1 alpha-2 ("FR", "us"), used for numbers written without '+'.
  // An empty or unknown region means none.
  explicit PhoneNormalizer(std::string default_region = "");

  // "+33612345678", or nullopt when `raw` is not a possible phone number.
  std::optional<std::string> ToE164(std::string_view raw) const;

  // The region in use ("" when none).
  const std::string& default_region() const { return region_; }

 private:
  std::string region_;
};

}  // namespace linchpin
