// Regression tests on the shared labelled name data (skipped when ../shared/data is absent):
// the evaluation figures must not fall below their floors, and the variant model must keep its
// agreement rates on the Wikidata Arabic–Latin spelling pairs. Figures are printed so a run
// shows where the matcher stands.
#include "resolve/names/name_evaluation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "resolve/names/name_csv.h"

namespace linchpin::resolve {
namespace {

const std::string kNamesDir = std::string(LINCHPIN_SHARED_DATA) + "/names";

#define SKIP_WITHOUT_DATA()                                                              \
  if (!std::filesystem::is_directory(kNamesDir)) GTEST_SKIP() << "no shared name data at " << kNamesDir

const EvaluationRow* FindRow(const NameEvaluation& e, const std::string& name, const std::string& matcher) {
  for (const EvaluationRow& r : e.rows) {
    if (r.name == name && r.matcher == matcher) return &r;
  }
  return nullptr;
}

class NameEvaluationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::is_directory(kNamesDir)) return;
    Result<NameEvaluation> e = EvaluateNames(kNamesDir);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    evaluation_ = new NameEvaluation(std::move(e).value());
    std::cout << FormatNameEvaluation(*evaluation_);
  }
  static void TearDownTestSuite() { delete evaluation_; }
  static NameEvaluation* evaluation_;
};
NameEvaluation* NameEvaluationTest::evaluation_ = nullptr;

double F1(const NameEvaluation& e, const std::string& name, const std::string& matcher = "linchpin") {
  const EvaluationRow* r = FindRow(e, name, matcher);
  EXPECT_NE(r, nullptr) << name;
  return r ? r->confusion.F1() : 0.0;
}

// Floors sit just under the figures this version reaches (dev 0.917 / held-out 0.853 / all
// 0.889 on Person rows; 0.944 on OFAC spelling variants) so that a regression fails. The issue's
// targets — 0.90 on bench Person rows, 0.95 on OFAC alias pairs — are not reached yet.
TEST_F(NameEvaluationTest, BenchPersonRowsStayAboveFloorAndBeatLogicV2) {
  SKIP_WITHOUT_DATA();
  const std::pair<const char*, double> floors[] = {{"development half", 0.91}, {"held-out half", 0.85}, {"all", 0.88}};
  for (const auto& [half, floor] : floors) {
    const std::string row = std::string("Person rows, ") + half;
    EXPECT_GE(F1(*evaluation_, row), floor) << row;
    EXPECT_GT(F1(*evaluation_, row), F1(*evaluation_, row, "logic-v2 (frozen)")) << row;
  }
  EXPECT_GE(F1(*evaluation_, "all rows, all"), 0.86);
  EXPECT_GT(F1(*evaluation_, "all rows, all"), F1(*evaluation_, "all rows, all", "logic-v2 (frozen)"));
}

TEST_F(NameEvaluationTest, OfacAliasPairsStayAboveFloor) {
  SKIP_WITHOUT_DATA();
  const EvaluationRow* r = FindRow(*evaluation_, "alias pairs sharing a word vs different persons", "linchpin");
  ASSERT_NE(r, nullptr);
  EXPECT_GE(r->confusion.Precision(), 0.98);
  EXPECT_GE(r->confusion.F1(), 0.84);
  const EvaluationRow* v =
      FindRow(*evaluation_, "spelling-variant alias pairs (same words' initials) vs different persons", "linchpin");
  ASSERT_NE(v, nullptr);
  EXPECT_GE(v->confusion.F1(), 0.94);
  // Different persons who share a surname (two AL-TIKRITIs, father and son) must rarely match.
  ASSERT_GT(evaluation_->common_name_pairs, 1000u);
  EXPECT_LT(static_cast<double>(evaluation_->common_name_false_matches) / evaluation_->common_name_pairs, 0.02);
  // Identical names of different persons are counted apart, and the examples show the others:
  // the matcher's own errors.
  EXPECT_LE(evaluation_->common_name_identical, evaluation_->common_name_false_matches);
  EXPECT_GT(evaluation_->common_name_identical, 0u);  // the OFAC list holds namesakes (three ATIA, Hachim K.)
  for (const std::string& example : evaluation_->common_name_examples) {
    const std::string a = example.substr(0, example.find(" | "));
    const std::string b = example.substr(a.size() + 3, example.rfind(" | ") - a.size() - 3);
    EXPECT_NE(a, b) << example;
  }
}

TEST_F(NameEvaluationTest, YenteScreeningStaysAboveFloor) {
  SKIP_WITHOUT_DATA();
  EXPECT_GE(F1(*evaluation_, "perturbed UN names vs blocked non-listed people"), 0.98);
}

// Spellings of one Arabic word in the Wikidata token data should agree as name parts; spellings
// of different words should not. Pairs: for each Arabic word, its two most frequent Latin
// spellings (each seen ≥ 5 times); negatives: the top spelling against the top spelling of the
// word half the list away (adjacent words in Arabic order are often one name's gendered or
// suffixed forms — أمين / أمينة — so they would not be clean negatives).
TEST(WikidataVariantPairs, SpellingsOfOneArabicWordAgree) {
  const std::string file = kNamesDir + "/wikidata-arabic-latin-tokens/wd_arabic.normalized.aligned.tokens";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no " << file;
  std::ifstream in(file);
  std::map<std::string, std::vector<std::pair<int, std::string>>> spellings;  // arabic → (count, latin)
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::string latin, arabic, count;
    if (!std::getline(row, latin, '\t') || !std::getline(row, arabic, '\t') || !std::getline(row, count)) continue;
    if (std::stoi(count) >= 5) spellings[arabic].push_back({std::stoi(count), latin});
  }
  auto agrees = [](const std::string& a, const std::string& b) {
    const NameMatch m = CompareNames(a, b);
    return m.parts.size() == 1 && m.parts[0].outcome != PartOutcome::kConflict;
  };
  int positives = 0, positive_agree = 0, negatives = 0, negative_agree = 0;
  std::vector<std::string> top;
  for (auto& [arabic, list] : spellings) {
    std::sort(list.rbegin(), list.rend());
    top.push_back(list[0].second);
    if (list.size() >= 2) {
      ++positives;
      positive_agree += agrees(list[0].second, list[1].second);
    }
  }
  for (size_t i = 0; i < top.size(); ++i) {
    ++negatives;
    negative_agree += agrees(top[i], top[(i + top.size() / 2) % top.size()]);
  }
  const double recall = static_cast<double>(positive_agree) / positives;
  const double false_rate = static_cast<double>(negative_agree) / negatives;
  std::cout << "wikidata spelling pairs: " << positive_agree << "/" << positives << " agree (" << recall
            << "); different words: " << negative_agree << "/" << negatives << " agree (" << false_rate << ")\n";
  ASSERT_GT(positives, 100);
  EXPECT_GE(recall, 0.85);
  EXPECT_LE(false_rate, 0.01);
}

TEST(NameCsv, QuotingRoundTrips) {
  const std::vector<std::string> fields = {"AL-ADNANI, Abu Mohammed", "say \"hi\"", "line\nbreak", "plain"};
  Result<std::vector<CsvRecord>> parsed = ParseCsv(CsvLine(fields), "mem");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ((*parsed)[0].fields, fields);
}

TEST(NameCsv, ErrorsNameFileAndLine) {
  Result<std::vector<CsvRecord>> bad = ParseCsv("a,b\n\"open,x\n", "pairs.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("pairs.csv:2"), std::string::npos) << bad.status().message();
  Result<std::vector<CsvRecord>> stray = ParseCsv("a,b\nx\"y,z\n", "pairs.csv");
  ASSERT_FALSE(stray.ok());
  EXPECT_NE(stray.status().message().find("pairs.csv:2"), std::string::npos);
  EXPECT_FALSE(ReadCsvFile("/nonexistent/pairs.csv").ok());
}

TEST(NameCsv, CrlfBomAndEmbeddedNewlines) {
  Result<std::vector<CsvRecord>> r = ParseCsv("\xEF\xBB\xBF" "a,b\r\n\"x\r\ny\",z\r\nlast,\r\n", "mem");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[1].fields[0], "x\r\ny");
  EXPECT_EQ((*r)[1].line, 2u);
  EXPECT_EQ((*r)[2].line, 4u);
  EXPECT_EQ((*r)[2].fields.size(), 2u);
}

TEST(InDevelopmentHalf, SplitsRoughlyInHalfAndIsDeterministic) {
  int dev = 0;
  for (int i = 0; i < 1000; ++i) dev += InDevelopmentHalf("name " + std::to_string(i), "other");
  EXPECT_GT(dev, 400);
  EXPECT_LT(dev, 600);
  EXPECT_EQ(InDevelopmentHalf("a", "b"), InDevelopmentHalf("a", "b"));
}

}  // namespace
}  // namespace linchpin::resolve
