#include "common/string_map.h"

#include <gtest/gtest.h>

#include <string>

namespace linchpin {
namespace {

TEST(StringMapTest, HashedKeyFindsWhatAViewFinds) {
  StringMap<int> m;
  m.emplace("+33612345678", 1);
  m.emplace("A279728575", 2);
  const std::string text = "+33612345678";
  ASSERT_NE(m.find(std::string_view(text)), m.end());
  const auto by_hash = m.find(Hashed(text));
  ASSERT_NE(by_hash, m.end());
  EXPECT_EQ(by_hash->second, 1);
  EXPECT_EQ(m.find(Hashed("A279728575"))->second, 2);
  EXPECT_EQ(m.find(Hashed("A27972857")), m.end());
  m.prefetch(Hashed("A279728575"));  // a hint only; the map is unchanged
  EXPECT_EQ(m.size(), 2u);
}

TEST(StringMapTest, KeyWithAWrongHashIsNotFound) {
  // The map trusts a HashedKey's hash: that is the point of computing it ahead, so it must be
  // HashString of the same text. A mismatched one lands in another group.
  StringMap<int> m;
  for (int i = 0; i < 1000; ++i) m.emplace("k" + std::to_string(i), i);
  int found = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::string k = "k" + std::to_string(i);
    found += m.find(HashedKey{k, HashString(k) + 1}) != m.end();
  }
  EXPECT_LT(found, 1000);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(m.find(Hashed("k" + std::to_string(i)))->second, i);
}

}  // namespace
}  // namespace linchpin
