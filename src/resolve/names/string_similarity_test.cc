// Tests for the transliteration-aware string similarity, against hand-computed costs.
#include "resolve/names/string_similarity.h"

#include <gtest/gtest.h>

namespace linchpin::resolve {
namespace {

TEST(Levenshtein, HandComputed) {
  EXPECT_EQ(LevenshteinDistance("kitten", "sitting"), 3);
  EXPECT_EQ(LevenshteinDistance("", "abc"), 3);
  EXPECT_EQ(LevenshteinDistance("abc", "abc"), 0);
}

TEST(JaroWinkler, ReferenceValues) {
  // Winkler (1990) / the usual reference pairs.
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.961, 0.001);
  EXPECT_NEAR(JaroWinkler("dwayne", "duane"), 0.840, 0.001);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.813, 0.001);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "abc"), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "xyz"), 0.0);
}

TEST(SpellingForm, FoldsConventions) {
  EXPECT_EQ(SpellingForm("mohammed"), "mohamed");
  EXPECT_EQ(SpellingForm("youssef"), "yusef");
  EXPECT_EQ(SpellingForm("mustapha"), "mustafa");
  EXPECT_EQ(SpellingForm("ig0r"), "igor");
  EXPECT_EQ(SpellingForm("1984"), "1984");  // digits stay digits when there is no letter
  EXPECT_EQ(SpellingForm("djamel"), "jamel");
  // Indonesian/Malay "sy" for sh, between vowels only: English names keep their "sy".
  EXPECT_EQ(SpellingForm("baasyir"), SpellingForm("bashir"));
  EXPECT_EQ(SpellingForm("rosyid"), "roshid");
  EXPECT_EQ(SpellingForm("syed"), "syed");
  EXPECT_EQ(SpellingForm("sylvia"), "sylvia");
}

TEST(ConsonantSkeleton, LatinAndArabicAgree) {
  EXPECT_EQ(ConsonantSkeleton("mohammed"), "mhmd");
  EXPECT_EQ(ConsonantSkeleton("muhammad"), "mhmd");
  EXPECT_EQ(ConsonantSkeleton("mhmd"), "mhmd");  // ICU Arabic-Latin of محمد
  EXPECT_EQ(ConsonantSkeleton("bachar"), ConsonantSkeleton("bashar"));
  EXPECT_EQ(ConsonantSkeleton("jamal"), ConsonantSkeleton("gamal"));
  EXPECT_NE(ConsonantSkeleton("hamid"), ConsonantSkeleton("rashid"));
}

TEST(TransliterationDistance, CheapAlternations) {
  // u/o and a/e are vowel-class swaps (0.3 each): Muhamad vs Mohamed costs 0.6.
  EXPECT_NEAR(TransliterationDistance("muhamad", "mohamed"), 0.6, 1e-9);
  // Hamid/Hamed is a kasra written i or e; Hamid/Hamad changes the vowel class.
  EXPECT_LT(TransliterationDistance("hamid", "hamed"), TransliterationDistance("hamid", "hamad"));
  // An optional h (Qadhafi / Qadafi) is cheaper than any consonant.
  EXPECT_NEAR(TransliterationDistance("qadhafi", "qadafi"), 0.25, 1e-9);
  // Persian, Urdu and Turkish read dad and za as z: Fazl / Fadl, Ramazan / Ramadan, Qazi / Qadi.
  EXPECT_NEAR(TransliterationDistance("fazl", "fadl"), 0.3, 1e-9);
  // Unrelated letters cost a full edit; a transposition 0.6.
  EXPECT_NEAR(TransliterationDistance("rami", "sami"), 1.0, 1e-9);
  EXPECT_NEAR(TransliterationDistance("donald", "donlad"), 0.6, 1e-9);
  EXPECT_DOUBLE_EQ(TransliterationSimilarity("", ""), 1.0);
}

TEST(TransliterationDistance, IsSymmetric) {
  const char* words[] = {"mohamed", "muhamad", "hamid", "hamad", "qadhafi", "gadafi", "yusef", "jusuf", ""};
  for (const char* x : words) {
    for (const char* y : words) EXPECT_DOUBLE_EQ(TransliterationDistance(x, y), TransliterationDistance(y, x)) << x << " " << y;
  }
}

}  // namespace
}  // namespace linchpin::resolve
