#include "common/time.h"

#include <gtest/gtest.h>

namespace linchpin {
namespace {

TEST(ParseTime, IsoWithOffsetsIsStoredUtc) {
  EXPECT_EQ(ParseTime("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseTime("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(ParseTime("1969-12-31T19:00:00-0500"), 0);
  EXPECT_EQ(ParseTime("1970-01-01T05:30+05:30"), 0);
  EXPECT_EQ(ParseTime("2026-03-01T14:05:09Z"), 1772373909000);
  EXPECT_EQ(ParseTime("2026-03-01 14:05:09.25Z"), 1772373909250);
  EXPECT_EQ(ParseTime("2026-03-01"), 1772323200000);
}

TEST(ParseTime, NoOffsetIsUtc) {
  EXPECT_EQ(ParseTime("2026-03-01T14:05:09"), ParseTime("2026-03-01T14:05:09Z"));
}

TEST(ParseTime, EpochUnits) {
  EXPECT_EQ(ParseTime("1772373909"), 1772373909000);
  EXPECT_EQ(ParseTime("1772373909250", TimeUnit::kMilliseconds), 1772373909250);
  EXPECT_EQ(ParseTime("-1"), -1000);
}

TEST(ParseTime, RejectsMalformedAndOutOfRange) {
  for (const char* bad : {"", "2026-13-01", "2026-02-30", "2026-02-29", "2026-03-01T24:00:00Z",
                          "2026-03-01T10:61Z", "2026-03-01T10:00:00+25:00", "yesterday",
                          "2026-03-01T10:00:00Zjunk", "12ab", "2026-03-01T", "99999999999999999999"}) {
    EXPECT_FALSE(ParseTime(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseTime("2024-02-29").has_value());  // leap year
}

TEST(FormatTime, RoundTrips) {
  for (TimeMs t : {TimeMs{0}, TimeMs{1772373909000}, TimeMs{1772373909250}, TimeMs{-86400001},
                   TimeMs{951782400000}}) {
    EXPECT_EQ(ParseTime(FormatTime(t)), t) << FormatTime(t);
  }
  EXPECT_EQ(FormatTime(1772373909000), "2026-03-01T14:05:09Z");
  EXPECT_EQ(FormatTime(1772373909250), "2026-03-01T14:05:09.250Z");
}

}  // namespace
}  // namespace linchpin
