// Evaluation of the name matcher on the shared labelled data; see name_evaluation.h.
#include "resolve/names/name_evaluation.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "resolve/names/name_csv.h"
#include "resolve/names/name_normalize.h"

namespace linchpin::resolve {
namespace {

uint64_t Fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// Maps header names to column indexes; a missing column is a ParseError naming the file.
Result<std::vector<size_t>> Columns(const CsvRecord& header, const std::vector<std::string>& wanted,
                                    const std::string& file) {
  std::vector<size_t> indexes;
  for (const std::string& name : wanted) {
    const auto it = std::find(header.fields.begin(), header.fields.end(), name);
    if (it == header.fields.end()) return Status::ParseError(file + ":1: no column '" + name + "'");
    indexes.push_back(static_cast<size_t>(it - header.fields.begin()));
  }
  return indexes;
}

Status CheckWidth(const CsvRecord& r, size_t width, const std::string& file) {
  if (r.fields.size() >= width) return Status::Ok();
  return Status::ParseError(file + ":" + std::to_string(r.line) + ": expected " + std::to_string(width) +
                            " fields, found " + std::to_string(r.fields.size()));
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  size_t start = 0;
  while (start < s.size() && s[start] == ' ') ++start;
  return s.substr(start);
}

// Words of a name for the matcher-independent constructions below (hard negatives, the
// "shares a word" subset): folded words of three or more letters that are not particles.
std::set<std::string> ContentWords(const std::string& name) {
  static const std::set<std::string> kParticles = {"abd", "abu", "bin", "ibn", "ben", "abdul", "abdel", "the"};
  std::set<std::string> words;
  std::string word;
  for (char c : FoldName(name).text + " ") {
    if (c >= 'a' && c <= 'z') {
      word.push_back(c);
    } else if (c != '\'') {
      if (word.size() >= 3 && !kParticles.count(word)) words.insert(word);
      word.clear();
    }
  }
  return words;
}

bool ShareWord(const std::string& a, const std::string& b) {
  const std::set<std::string> wa = ContentWords(a), wb = ContentWords(b);
  return std::any_of(wa.begin(), wa.end(), [&](const std::string& w) { return wb.count(w) > 0; });
}

// Spelling variants, told apart without the matcher: the same number of content words with the
// same initial letters ("AL-KURD, Ahmad Harb" / "AL-KURD, Ahmed Hard"), as opposed to aliases
// that are other names altogether (noms de guerre, adopted names).
bool SameShape(const std::string& a, const std::string& b) {
  auto initials = [](const std::string& name) {
    std::string letters;
    for (const std::string& w : ContentWords(name)) letters.push_back(w[0]);
    std::sort(letters.begin(), letters.end());
    return letters;
  };
  const std::string ia = initials(a);
  return !ia.empty() && ia == initials(b);
}

std::string Percent(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

struct Row {
  std::string name;
  std::vector<const LabelledPair*> pairs;
};

EvaluationRow Score(const std::string& section, const std::string& name, const std::vector<const LabelledPair*>& pairs,
                    const std::vector<bool>& predictions, const std::string& matcher, double threshold) {
  EvaluationRow row{section, name, matcher, {}, threshold};
  for (size_t i = 0; i < pairs.size(); ++i) row.confusion.Add(predictions[i], pairs[i]->same);
  return row;
}

std::vector<bool> Predict(const std::vector<const LabelledPair*>& pairs, const NameMatchOptions& options) {
  std::vector<bool> out;
  out.reserve(pairs.size());
  for (const LabelledPair* p : pairs) out.push_back(CompareNames(p->a, p->b, options).match);
  return out;
}

// Rows for one subset of the bench: dev half, held-out half, all; linchpin and logic-v2.
void AddBenchRows(const std::string& label, const std::vector<const LabelledPair*>& subset,
                  const std::map<std::pair<std::string, std::string>, bool>& frozen,
                  const NameMatchOptions& options, NameEvaluation& out) {
  struct Half { const char* name; int which; };  // 0 dev, 1 held-out, 2 all
  for (const Half half : {Half{"development half", 0}, Half{"held-out half", 1}, Half{"all", 2}}) {
    std::vector<const LabelledPair*> pairs, frozen_pairs;
    std::vector<bool> frozen_predictions;
    for (const LabelledPair* p : subset) {
      const bool dev = InDevelopmentHalf(p->a, p->b);
      if (half.which == 0 && !dev) continue;
      if (half.which == 1 && dev) continue;
      pairs.push_back(p);
      const auto it = frozen.find({p->a, p->b});
      if (it != frozen.end()) {
        frozen_pairs.push_back(p);
        frozen_predictions.push_back(it->second);
      }
    }
    if (pairs.empty()) continue;
    const std::string name = label + ", " + half.name;
    out.rows.push_back(Score("opensanctions", name, pairs, Predict(pairs, options), "linchpin", options.threshold));
    if (!frozen_pairs.empty()) {
      out.rows.push_back(Score("opensanctions", name, frozen_pairs, frozen_predictions, "logic-v2 (frozen)", 0.7));
    }
  }
}

Status EvaluateBench(const std::string& data_dir, const NameMatchOptions& options, NameEvaluation& out) {
  LP_ASSIGN_OR_RETURN(const std::vector<LabelledPair> bench, LoadOpenSanctionsBench(data_dir));
  LP_ASSIGN_OR_RETURN(const std::vector<FrozenPrediction> frozen_rows, LoadLogicV2Frozen(data_dir));
  std::map<std::pair<std::string, std::string>, bool> frozen;
  for (const FrozenPrediction& f : frozen_rows) frozen[{f.a, f.b}] = f.predicted;

  std::vector<const LabelledPair*> all, person;
  std::map<std::string, std::vector<const LabelledPair*>> by_schema, by_group;
  for (const LabelledPair& p : bench) {
    all.push_back(&p);
    if (p.schema == "Person") person.push_back(&p);
    by_schema[p.schema].push_back(&p);
    if (p.schema == "Person") by_group[p.group].push_back(&p);
  }
  AddBenchRows("Person rows", person, frozen, options, out);
  AddBenchRows("all rows", all, frozen, options, out);
  for (const auto& [schema, pairs] : by_schema) {
    if (schema != "Person") AddBenchRows("schema " + schema, pairs, frozen, options, out);
  }
  for (const auto& [group, pairs] : by_group) AddBenchRows("Person, group " + group, pairs, frozen, options, out);
  return Status::Ok();
}

std::vector<const LabelledPair*> Pointers(const std::vector<LabelledPair>& pairs) {
  std::vector<const LabelledPair*> out;
  for (const LabelledPair& p : pairs) out.push_back(&p);
  return out;
}

void AddPairRow(const std::string& section, const std::string& name, std::vector<const LabelledPair*> pairs,
                const NameMatchOptions& options, NameEvaluation& out) {
  out.rows.push_back(Score(section, name, pairs, Predict(pairs, options), "linchpin", options.threshold));
}

// A name folded (FoldName) with its spaces and punctuation dropped: "'ALI, Muhammad" and "Ali
// MUHAMMAD" are one string.
std::string Folded(const std::string& name) {
  std::string out = FoldName(name).text;
  std::erase_if(out, [](unsigned char ch) { return !std::isalnum(ch); });
  return out;
}

Status EvaluateOfac(const std::string& data_dir, const NameMatchOptions& options, NameEvaluation& out) {
  LP_ASSIGN_OR_RETURN(const OfacPairs ofac, BuildOfacPairs(data_dir));
  std::vector<const LabelledPair*> all = Pointers(ofac.positives), variants, shaped, negatives = Pointers(ofac.negatives);
  for (const LabelledPair& p : ofac.positives) {
    if (ShareWord(p.a, p.b)) variants.push_back(&p);
    if (SameShape(p.a, p.b)) shaped.push_back(&p);
  }
  shaped.insert(shaped.end(), negatives.begin(), negatives.end());
  std::vector<const LabelledPair*> all_and_negatives = all, variants_and_negatives = variants;
  all_and_negatives.insert(all_and_negatives.end(), negatives.begin(), negatives.end());
  variants_and_negatives.insert(variants_and_negatives.end(), negatives.begin(), negatives.end());
  AddPairRow("ofac", "all alias pairs vs different persons", all_and_negatives, options, out);
  AddPairRow("ofac", "alias pairs sharing a word vs different persons", variants_and_negatives, options, out);
  AddPairRow("ofac", "spelling-variant alias pairs (same words' initials) vs different persons", shaped, options, out);
  for (const bool dev : {true, false}) {
    std::vector<const LabelledPair*> half;
    for (const LabelledPair* p : shaped) {
      if (InDevelopmentHalf(p->a, p->b) == dev) half.push_back(p);
    }
    AddPairRow("ofac", std::string("spelling-variant alias pairs, ") + (dev ? "development half" : "held-out half"),
               half, options, out);
  }
  for (const LabelledPair& p : ofac.common_surname) {
    const NameMatch m = CompareNames(p.a, p.b, options);
    ++out.common_name_pairs;
    if (!m.match) continue;
    ++out.common_name_false_matches;
    if (Folded(p.a) == Folded(p.b)) {
      ++out.common_name_identical;
    } else if (out.common_name_examples.size() < 8) {
      out.common_name_examples.push_back(p.a + " | " + p.b + " | " + Percent(m.score));
    }
  }
  return Status::Ok();
}

Status EvaluateYente(const std::string& data_dir, const NameMatchOptions& options, NameEvaluation& out) {
  LP_ASSIGN_OR_RETURN(const std::vector<LabelledPair> pairs, BuildYentePairs(data_dir));
  std::vector<const LabelledPair*> changed;
  for (const LabelledPair& p : pairs) {
    if (p.a != p.b) changed.push_back(&p);
  }
  AddPairRow("yente", "perturbed UN names vs blocked non-listed people", changed, options, out);
  return Status::Ok();
}

void MeasureSpeed(const std::string& data_dir, NameEvaluation& out) {
  Result<OfacPairs> ofac = BuildOfacPairs(data_dir);
  if (!ofac.ok()) return;
  const std::vector<LabelledPair>& pairs = ofac->positives;
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  size_t matches = 0;
  for (const LabelledPair& p : pairs) matches += CompareNames(p.a, p.b).match;
  const double raw_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<ParsedName> parsed_a, parsed_b;
  for (const LabelledPair& p : pairs) {
    parsed_a.push_back(ParseName(p.a));
    parsed_b.push_back(ParseName(p.b));
  }
  const auto start_parsed = Clock::now();
  for (size_t i = 0; i < pairs.size(); ++i) matches += CompareParsedNames(parsed_a[i], parsed_b[i]).match;
  const double parsed_seconds = std::chrono::duration<double>(Clock::now() - start_parsed).count();
  if (raw_seconds > 0) out.pairs_per_second = pairs.size() / raw_seconds;
  if (parsed_seconds > 0) out.parsed_pairs_per_second = pairs.size() / parsed_seconds;
  (void)matches;
}

}  // namespace

void Confusion::Add(bool predicted, bool actual) {
  if (predicted && actual) ++tp;
  if (predicted && !actual) ++fp;
  if (!predicted && !actual) ++tn;
  if (!predicted && actual) ++fn;
}
double Confusion::Precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
double Confusion::Recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
double Confusion::F1() const {
  const double p = Precision(), r = Recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

bool InDevelopmentHalf(const std::string& a, const std::string& b) {
  return Fnv1a(b, Fnv1a("\t", Fnv1a(a))) % 2 == 0;
}

Result<std::vector<LabelledPair>> LoadOpenSanctionsBench(const std::string& data_dir) {
  const std::string file = data_dir + "/opensanctions-name-bench/cases.csv";
  LP_ASSIGN_OR_RETURN(const std::vector<CsvRecord> records, ReadCsvFile(file));
  if (records.empty()) return Status::ParseError(file + ": empty file");
  LP_ASSIGN_OR_RETURN(const std::vector<size_t> col,
                      Columns(records[0], {"case_group", "schema", "name1", "name2", "is_match"}, file));
  const size_t width = *std::max_element(col.begin(), col.end()) + 1;
  std::vector<LabelledPair> pairs;
  for (size_t r = 1; r < records.size(); ++r) {
    LP_RETURN_IF_ERROR(CheckWidth(records[r], width, file));
    const std::vector<std::string>& f = records[r].fields;
    pairs.push_back({f[col[2]], f[col[3]], f[col[4]] == "true", f[col[0]], f[col[1]]});
  }
  return pairs;
}

Result<std::vector<FrozenPrediction>> LoadLogicV2Frozen(const std::string& data_dir) {
  const std::string file = data_dir + "/opensanctions-name-bench/logicv2-frozen.csv";
  LP_ASSIGN_OR_RETURN(const std::vector<CsvRecord> records, ReadCsvFile(file));
  if (records.empty()) return Status::ParseError(file + ": empty file");
  LP_ASSIGN_OR_RETURN(const std::vector<size_t> col, Columns(records[0], {"name1", "name2", "predicted_match", "score"}, file));
  const size_t width = *std::max_element(col.begin(), col.end()) + 1;
  std::vector<FrozenPrediction> out;
  for (size_t r = 1; r < records.size(); ++r) {
    LP_RETURN_IF_ERROR(CheckWidth(records[r], width, file));
    const std::vector<std::string>& f = records[r].fields;
    out.push_back({f[col[0]], f[col[1]], f[col[2]] == "true", std::atof(f[col[3]].c_str())});
  }
  return out;
}

Result<OfacPairs> BuildOfacPairs(const std::string& data_dir) {
  // Individuals in the terrorism and Middle-East programs, as listed in ofac-sdn-2022/SOURCE.md.
  static const std::vector<std::string> kPrograms = {"SDGT", "SDT", "FTO", "IRAQ2", "SYRIA", "IFSR", "LIBYA2", "YEMEN", "SOMALIA"};
  const std::string sdn_file = data_dir + "/ofac-sdn-2022/sdn.csv";
  const std::string alt_file = data_dir + "/ofac-sdn-2022/alt.csv";
  LP_ASSIGN_OR_RETURN(const std::vector<CsvRecord> sdn, ReadCsvFile(sdn_file));
  LP_ASSIGN_OR_RETURN(const std::vector<CsvRecord> alt, ReadCsvFile(alt_file));

  std::map<std::string, std::vector<std::string>> names;  // ent_num → names, primary first
  for (const CsvRecord& r : sdn) {
    LP_RETURN_IF_ERROR(CheckWidth(r, 4, sdn_file));
    if (Trim(r.fields[2]) != "individual") continue;
    const std::string& programs = r.fields[3];
    const bool wanted = std::any_of(kPrograms.begin(), kPrograms.end(), [&](const std::string& p) {
      for (size_t at = programs.find(p); at != std::string::npos; at = programs.find(p, at + 1)) {
        const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(programs[at - 1]));
        const size_t end = at + p.size();
        const bool right = end == programs.size() || !std::isalnum(static_cast<unsigned char>(programs[end]));
        if (left && right) return true;
      }
      return false;
    });
    if (wanted) names[Trim(r.fields[0])].push_back(Trim(r.fields[1]));
  }
  for (const CsvRecord& r : alt) {
    LP_RETURN_IF_ERROR(CheckWidth(r, 4, alt_file));
    const auto it = names.find(Trim(r.fields[0]));
    if (it != names.end()) it->second.push_back(Trim(r.fields[3]));
  }

  OfacPairs out;
  std::vector<std::pair<std::string, std::string>> entries;  // (ent_num, name) in order
  for (const auto& [ent, list] : names) {
    for (size_t i = 0; i < list.size(); ++i) {
      entries.push_back({ent, list[i]});
      for (size_t j = i + 1; j < list.size(); ++j) out.positives.push_back({list[i], list[j], true, "ofac-alias", "Person"});
    }
  }
  // Hard negatives: for each name, the different-person name sharing a content word whose hash
  // is smallest (deterministic). Random negatives: the entry a hash-chosen distance away.
  std::unordered_map<std::string, std::vector<size_t>> by_word;
  for (size_t k = 0; k < entries.size(); ++k) {
    for (const std::string& w : ContentWords(entries[k].second)) by_word[w].push_back(k);
  }
  for (size_t k = 0; k < entries.size(); ++k) {
    const auto& [ent, name] = entries[k];
    size_t best = entries.size();
    uint64_t best_hash = ~0ull;
    for (const std::string& w : ContentWords(name)) {
      for (size_t other : by_word[w]) {
        if (entries[other].first == ent) continue;
        const uint64_t h = Fnv1a(entries[other].second, Fnv1a(name));
        if (h < best_hash) best_hash = h, best = other;
      }
    }
    if (best < entries.size()) out.negatives.push_back({name, entries[best].second, false, "ofac-hard", "Person"});
    size_t random = (k + 1 + Fnv1a(name) % (entries.size() - 1)) % entries.size();
    if (entries[random].first != ent) out.negatives.push_back({name, entries[random].second, false, "ofac-random", "Person"});
  }
  // Common names: primary names of different persons with an identical surname (before the
  // comma), e.g. two AL-TIKRITIs or two ALIs.
  std::map<std::string, std::vector<std::string>> by_surname;
  for (const auto& [ent, list] : names) {
    const size_t comma = list[0].find(',');
    if (comma != std::string::npos) by_surname[FoldName(list[0].substr(0, comma)).text].push_back(list[0]);
  }
  for (const auto& [surname, list] : by_surname) {
    for (size_t i = 0; i < list.size(); ++i) {
      for (size_t j = i + 1; j < list.size(); ++j) out.common_surname.push_back({list[i], list[j], false, "ofac-common", "Person"});
    }
  }
  return out;
}

Result<std::vector<LabelledPair>> BuildYentePairs(const std::string& data_dir) {
  const std::string dir = data_dir + "/yente-screening-fixtures/";
  std::vector<std::vector<std::string>> columns;
  for (const char* file : {"positives_un_untreated.csv", "positives_un_treated.csv", "negatives_global_1000.csv"}) {
    LP_ASSIGN_OR_RETURN(const std::vector<CsvRecord> records, ReadCsvFile(dir + file));
    if (records.empty()) return Status::ParseError(dir + file + ": empty file");
    LP_ASSIGN_OR_RETURN(const std::vector<size_t> col, Columns(records[0], {"full_name"}, dir + file));
    std::vector<std::string> names;
    for (size_t r = 1; r < records.size(); ++r) {
      LP_RETURN_IF_ERROR(CheckWidth(records[r], col[0] + 1, dir + file));
      names.push_back(records[r].fields[col[0]]);
    }
    columns.push_back(std::move(names));
  }
  const std::vector<std::string>& clean = columns[0];
  const std::vector<std::string>& treated = columns[1];
  const std::vector<std::string>& others = columns[2];
  if (clean.size() != treated.size()) {
    return Status::ParseError(dir + ": positives_un_untreated.csv and positives_un_treated.csv differ in length");
  }
  std::vector<LabelledPair> pairs;
  for (size_t i = 0; i < clean.size(); ++i) pairs.push_back({clean[i], treated[i], true, "yente-positive", "Person"});
  // Negatives: each listed name against every non-listed person sharing a blocking key — the
  // pairs a screening system would actually have to reject.
  std::unordered_map<std::string, std::vector<size_t>> by_key;
  for (size_t k = 0; k < others.size(); ++k) {
    for (const std::string& key : NameBlockingKeys(ParseName(others[k]))) by_key[key].push_back(k);
  }
  for (size_t i = 0; i < clean.size(); ++i) {
    std::set<size_t> seen;
    for (const std::string& key : NameBlockingKeys(ParseName(clean[i]))) {
      for (size_t k : by_key[key]) {
        if (seen.insert(k).second) pairs.push_back({clean[i], others[k], false, "yente-negative", "Person"});
      }
    }
  }
  return pairs;
}

Result<NameEvaluation> EvaluateNames(const std::string& data_dir, const NameMatchOptions& options) {
  for (const char* sub : {"opensanctions-name-bench", "ofac-sdn-2022", "yente-screening-fixtures"}) {
    if (!std::filesystem::is_directory(data_dir + "/" + sub)) {
      return Status::NotFound("name data folder " + data_dir + "/" + sub + " is missing");
    }
  }
  NameEvaluation out;
  LP_RETURN_IF_ERROR(EvaluateBench(data_dir, options, out));
  LP_RETURN_IF_ERROR(EvaluateOfac(data_dir, options, out));
  LP_RETURN_IF_ERROR(EvaluateYente(data_dir, options, out));
  MeasureSpeed(data_dir, out);
  return out;
}

Result<std::vector<ScoredNamePair>> ScoreLabelledPairs(const std::string& data_dir, const NameMatchOptions& options) {
  std::vector<ScoredNamePair> out;
  auto add = [&](const LabelledPair& p, const std::string& set, const std::string& group) {
    const NameMatch m = CompareNames(p.a, p.b, options);
    ScoredNamePair scored{p, set, InDevelopmentHalf(p.a, p.b), m.score, m.match};
    scored.pair.group = group;
    out.push_back(std::move(scored));
  };
  LP_ASSIGN_OR_RETURN(const std::vector<LabelledPair> bench, LoadOpenSanctionsBench(data_dir));
  for (const LabelledPair& p : bench) add(p, "opensanctions", p.group);
  LP_ASSIGN_OR_RETURN(const OfacPairs ofac, BuildOfacPairs(data_dir));
  for (const LabelledPair& p : ofac.positives) add(p, "ofac-positive", SameShape(p.a, p.b) ? "spelling-variant" : "other-alias");
  for (const LabelledPair& p : ofac.negatives) add(p, "ofac-negative", p.group);
  for (const LabelledPair& p : ofac.common_surname) add(p, "ofac-common-surname", p.group);
  LP_ASSIGN_OR_RETURN(const std::vector<LabelledPair> yente, BuildYentePairs(data_dir));
  for (const LabelledPair& p : yente) {
    if (p.a != p.b) add(p, p.same ? "yente-positive" : "yente-negative", p.group);
  }
  return out;
}

std::string FormatNameEvaluation(const NameEvaluation& e) {
  std::string out;
  char line[320];
  std::snprintf(line, sizeof line, "%-14s %-58s %-18s %6s %6s %6s %6s %9s\n", "section", "rows", "matcher", "pairs",
                "P", "R", "F1", "threshold");
  out += line;
  for (const EvaluationRow& r : e.rows) {
    const Confusion& c = r.confusion;
    std::snprintf(line, sizeof line, "%-14s %-58s %-18s %6llu %6.3f %6.3f %6.3f %9.2f\n", r.section.c_str(),
                  r.name.c_str(), r.matcher.c_str(), static_cast<unsigned long long>(c.tp + c.fp + c.tn + c.fn),
                  c.Precision(), c.Recall(), c.F1(), r.threshold);
    out += line;
  }
  std::snprintf(line, sizeof line, "\ncommon-name false matches (OFAC, different persons, same surname): %llu of %llu (%.2f%%)\n",
                static_cast<unsigned long long>(e.common_name_false_matches),
                static_cast<unsigned long long>(e.common_name_pairs),
                e.common_name_pairs ? 100.0 * e.common_name_false_matches / e.common_name_pairs : 0.0);
  out += line;
  std::snprintf(line, sizeof line, "  of which identical names (namesakes no name matcher can tell apart): %llu\n",
                static_cast<unsigned long long>(e.common_name_identical));
  out += line;
  for (const std::string& ex : e.common_name_examples) out += "  " + ex + "\n";
  std::snprintf(line, sizeof line, "speed: %.0f pairs/s (parse + compare), %.0f pairs/s (pre-parsed), one thread\n",
                e.pairs_per_second, e.parsed_pairs_per_second);
  out += line;
  return out;
}

}  // namespace linchpin::resolve
