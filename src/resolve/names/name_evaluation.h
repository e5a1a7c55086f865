// Evaluation of the name matcher against the labelled name data in ../shared/data/names/.
//
// What: precision, recall and F1 at the matcher's threshold on
//  - the OpenSanctions name_bench (opensanctions-name-bench/cases.csv), Person rows and all rows,
//    per schema and per case group, each on the development half, the held-out half and both;
//    next to the frozen logic-v2 predictions (logicv2-frozen.csv) on exactly the same rows;
//  - OFAC SDN same-person alias pairs (names of one ent_num) against different-person pairs
//    (hard negatives sharing a word, plus random negatives), for individuals in the terrorism and
//    Middle-East programs; the subset of alias pairs that share a word (spelling variants rather
//    than unrelated noms de guerre) separately; and false matches among different persons with the
//    same surname ("common names": AL-TIKRITI, AHMAD, ALI ...), reported as a rate;
//  - yente screening fixtures: UN-listed names against their perturbed copies (positives) and
//    against synthetic non-listed people that share a blocking key (negatives).
//
// The split: a pair belongs to the development half when the FNV-1a hash of "name1\tname2" is
// even. Parameters were developed on that half only; the held-out half is reported to show
// they were not fitted to the rows. Pairs are built deterministically (no random seeds).
//
// Thread-safety: thread-compatible; EvaluateNames is a pure function of the files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "resolve/names/name_match.h"

namespace linchpin::resolve {

struct LabelledPair {
  std::string a, b;
  bool same = false;
  std::string group;   // bench case_group, or the OFAC / yente construction that made it
  std::string schema;  // Person, Company, ... ("Person" for OFAC and yente)
};

struct Confusion {
  uint64_t tp = 0, fp = 0, tn = 0, fn = 0;
  void Add(bool predicted, bool actual);
  double Precision() const;
  double Recall() const;
  double F1() const;
};

struct EvaluationRow {
  std::string section;  // "opensanctions", "ofac", "yente"
  std::string name;     // "Person rows, held-out half"
  std::string matcher;  // "linchpin" or "logic-v2 (frozen)"
  Confusion confusion;
  double threshold = 0.0;
};

struct NameEvaluation {
  std::vector<EvaluationRow> rows;
  // Common-name negatives: different persons sharing a surname; false matches among them.
  uint64_t common_name_pairs = 0, common_name_false_matches = 0;
  // Of those false matches, the pairs whose two names are one string but for case and
  // punctuation: namesakes no name matcher can tell apart, reported apart from the matcher's errors.
  uint64_t common_name_identical = 0;
  std::vector<std::string> common_name_examples;  // a few of the other false matches, "A | B | score"
  double pairs_per_second = 0.0;          // CompareNames on raw strings (parse included)
  double parsed_pairs_per_second = 0.0;   // CompareParsedNames on pre-parsed names
};

bool InDevelopmentHalf(const std::string& a, const std::string& b);

// Loaders. `data_dir` is the folder holding opensanctions-name-bench/, ofac-sdn-2022/, ...
Result<std::vector<LabelledPair>> LoadOpenSanctionsBench(const std::string& data_dir);
// logic-v2's frozen predictions, as LabelledPair with `same` = predicted_match and the bench
// label kept in `group` order: returns pairs aligned to LoadOpenSanctionsBench by name1/name2.
struct FrozenPrediction {
  std::string a, b;
  bool predicted = false;
  double score = 0.0;
};
Result<std::vector<FrozenPrediction>> LoadLogicV2Frozen(const std::string& data_dir);

struct OfacPairs {
  std::vector<LabelledPair> positives;         // same ent_num
  std::vector<LabelledPair> negatives;         // hard (shared word) + random
  std::vector<LabelledPair> common_surname;    // different persons, identical surname
};
Result<OfacPairs> BuildOfacPairs(const std::string& data_dir);

Result<std::vector<LabelledPair>> BuildYentePairs(const std::string& data_dir);

// Runs everything above. Missing sub-folders are an error naming the folder.
Result<NameEvaluation> EvaluateNames(const std::string& data_dir, const NameMatchOptions& options = {});

// Every labelled pair the evaluation scores, once, with its label, half and score — for error
// analysis (`linchpin evaluate-resolution --names --pairs-out FILE`). `set` says which data set
// and construction it came from: "opensanctions" (group = case_group), "ofac-positive" (group
// "spelling-variant" for pairs of the same words' initials, else "other-alias"), "ofac-negative"
// (group ofac-hard / ofac-random), "ofac-common-surname", "yente-positive", "yente-negative".
struct ScoredNamePair {
  LabelledPair pair;
  std::string set;
  bool development = false;  // InDevelopmentHalf(a, b)
  double score = 0.0;
  bool match = false;
};
Result<std::vector<ScoredNamePair>> ScoreLabelledPairs(const std::string& data_dir, const NameMatchOptions& options = {});

// A fixed-width text table of the rows, for the CLI.
std::string FormatNameEvaluation(const NameEvaluation& evaluation);

}  // namespace linchpin::resolve
