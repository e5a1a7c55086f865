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

TEST(StringMapTest, ShortEqualAtEveryLength) {
  const std::string a = "0123456789abcdefghijklmnopqrstuvwxyz";
  for (size_t n = 0; n < a.size(); ++n) {
    std::string b = a.substr(0, n);
    EXPECT_TRUE(ShortEqual(a.substr(0, n), b)) << n;
    for (size_t i = 0; i < n; ++i) {  // one byte different anywhere is seen
      std::string c = b;
      c[i] ^= 1;
      EXPECT_FALSE(ShortEqual(b, c)) << n << " at " << i;
    }
    EXPECT_FALSE(ShortEqual(b, a.substr(0, n + 1))) << n;
  }
}

TEST(StringIdMapTest, InternsAndFindsByHashedKey) {
  StringIdMap m;
  EXPECT_EQ(m.Find(Hashed("x")), nullptr);
  for (uint32_t i = 0; i < 5000; ++i) m.Insert(Hashed("+3361234" + std::to_string(i)), i);
  m.Insert(Hashed("+33612340"), 99);  // already there: the first value stays
  EXPECT_EQ(m.size(), 5000u);
  for (uint32_t i = 0; i < 5000; ++i) {
    const std::string k = "+3361234" + std::to_string(i);
    const uint32_t* v = m.Find(Hashed(k));
    ASSERT_NE(v, nullptr) << k;
    EXPECT_EQ(*v, i);
  }
  EXPECT_EQ(m.Find(Hashed("+3361234")), nullptr);
  EXPECT_EQ(m.Find(Hashed("")), nullptr);
  m.Insert(Hashed(""), 7);  // the empty key is a key like any other
  EXPECT_EQ(*m.Find(Hashed("")), 7u);
  const std::string long_key(100000, 'k');  // kept in the arena, not in its slot
  m.Insert(Hashed(long_key), 8);
  EXPECT_EQ(*m.Find(Hashed(long_key)), 8u);
  EXPECT_EQ(m.Find(Hashed(long_key.substr(1))), nullptr);
  const std::string seventeen = "+4916011645737123";  // one byte past the inline keys
  m.Insert(Hashed(seventeen), 9);
  EXPECT_EQ(*m.Find(Hashed(seventeen)), 9u);
  EXPECT_EQ(m.Find(Hashed(seventeen.substr(0, 16))), nullptr);
  m.Prefetch(HashString("+33612345"));  // a hint only
  EXPECT_EQ(*m.Find(Hashed("+33612345")), 5u);
}

}  // namespace
}  // namespace linchpin
