// Tests of phone normalisation: the spellings that must meet at one E.164 number, what must be
// rejected, and a rough rate (printed, since callers cache and only need it not to be absurd).
#include "ingest/phone.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

namespace linchpin {
namespace {

TEST(PhoneNormalizer, FrenchSpellingsMeet) {
  PhoneNormalizer france("FR");
  PhoneNormalizer nowhere;
  PhoneNormalizer germany("de");  // another region whose international prefix is 00
  for (const char* raw : {"+33 6 12 34 56 78", "0612345678", "06.12.34.56.78", "0033612345678",
                          "(0)6-12-34-56-78", " +33612345678 "}) {
    EXPECT_EQ(france.ToE164(raw), "+33612345678") << raw;
  }
  EXPECT_EQ(nowhere.ToE164("+33 6 12 34 56 78"), "+33612345678");
  EXPECT_EQ(nowhere.ToE164("0033612345678"), "+33612345678");
  EXPECT_EQ(nowhere.ToE164("00 33 6 12 34 56 78"), "+33612345678");
  EXPECT_EQ(germany.ToE164("0033612345678"), "+33612345678");
  EXPECT_EQ(germany.default_region(), "DE");
}

TEST(PhoneNormalizer, OtherRegionsAndPrefixes) {
  PhoneNormalizer us("US");
  EXPECT_EQ(us.ToE164("(202) 555-0143"), "+12025550143");
  EXPECT_EQ(us.ToE164("011 33 6 12 34 56 78"), "+33612345678");  // US international prefix
  // Unallocated but possible (simulated data): kept, since only possibility is required.
  PhoneNormalizer france("FR");
  EXPECT_EQ(france.ToE164("0999999999"), "+33999999999");
}

TEST(PhoneNormalizer, RejectsWhatIsNotAPossibleNumber) {
  PhoneNormalizer france("FR");
  PhoneNormalizer nowhere;
  for (const char* raw : {"17", "112", "", "   ", "+", "12", "+33 6 12", "061234567890123",
                          "a9f3c2d1e4b5a6f7", "9f8e7d6c5b4a39281706", "acc_12",
                          "+33 6 12 34 56 78 x12", "06+12345678", "1-800-FLOWERS"}) {
    EXPECT_EQ(france.ToE164(raw), std::nullopt) << raw;
  }
  // Without a region a national number cannot be placed.
  EXPECT_EQ(nowhere.ToE164("0612345678"), std::nullopt);
  EXPECT_EQ(nowhere.ToE164("17"), std::nullopt);
  EXPECT_EQ(PhoneNormalizer("XX").default_region(), "");
  // Possible for libphonenumber, but sixteen digits is past E.164's fifteen (found by fuzz_phone).
  EXPECT_EQ(nowhere.ToE164("+49 5049 0005858858"), std::nullopt);
  EXPECT_EQ(nowhere.ToE164("+49 5049 000585885"), "+495049000585885");
}

// Found by fuzz_phone: libphonenumber strips one national prefix per parse, so this formatted
// to "+440779640958", which itself normalises to "+44779640958".
TEST(PhoneNormalizer, ResultIsAFixedPoint) {
  PhoneNormalizer nowhere;
  EXPECT_EQ(nowhere.ToE164("+4400(7(79640 958"), "+44779640958");
  for (const char* raw : {"+4400(7(79640 958", "+44 07796 409580", "+33 0612345678"}) {
    auto once = nowhere.ToE164(raw);
    ASSERT_TRUE(once) << raw;
    EXPECT_EQ(nowhere.ToE164(*once), once) << raw;
  }
}

TEST(PhoneNormalizer, RoughRate) {
  PhoneNormalizer france("FR");
  constexpr int kCalls = 20000;
  int ok = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kCalls; ++i) {
    ok += france.ToE164("06 12 34 " + std::to_string(10 + i % 90) + " 78").has_value();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(ok, kCalls);
  std::printf("PhoneNormalizer: %.0f numbers/s\n", kCalls / seconds);
  RecordProperty("numbers_per_second", static_cast<int>(kCalls / seconds));
}

}  // namespace
}  // namespace linchpin
