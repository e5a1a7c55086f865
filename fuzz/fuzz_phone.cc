// Fuzzes phone normalisation with and without a default region: no crash, and whatever comes
// out is E.164 ('+' then 2 to 15 digits) and normalises to itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/phone.h"

namespace {

bool LooksLikeE164(std::string_view number) {
  if (number.size() < 3 || number.size() > 16 || number[0] != '+') return false;
  for (char c : number.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const linchpin::PhoneNormalizer kFrance("FR");
  static const linchpin::PhoneNormalizer kNoRegion;
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  for (const linchpin::PhoneNormalizer* phones : {&kFrance, &kNoRegion}) {
    auto e164 = phones->ToE164(raw);
    if (!e164) continue;
    if (!LooksLikeE164(*e164)) __builtin_trap();
    if (kNoRegion.ToE164(*e164) != e164) __builtin_trap();
  }
  return 0;
}
