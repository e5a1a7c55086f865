// Word lists and tables for name parsing; see name_lexicon.h.
#include "resolve/names/name_lexicon.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "resolve/names/name_normalize.h"
#include "resolve/names/string_similarity.h"

namespace linchpin::resolve::lexicon {
namespace {

struct TokenCount {
  const char* token;
  long count;
};
#include "resolve/names/name_frequency_table.inc"

struct ArabicSpelling {
  const char* token;
  int word;      // Arabic word id
  int skeleton;  // id of the word without long vowels and hamza carriers
  long count;
};
#include "resolve/names/name_arabic_spelling_table.inc"

// Per spelling form, the Arabic words it writes and how often (spellings that fold to one
// form, such as hasan and hassan, pool their counts).
struct WordCount {
  int word, skeleton;
  long count;
};
using WordCounts = std::vector<WordCount>;
const std::unordered_map<std::string, WordCounts>& ArabicWordsBySpelling() {
  static const std::unordered_map<std::string, WordCounts> kTable = [] {
    std::unordered_map<std::string, WordCounts> table;
    for (const ArabicSpelling& s : kArabicSpellings) {
      WordCounts& counts = table[SpellingForm(s.token)];
      auto it = std::find_if(counts.begin(), counts.end(), [&](const WordCount& wc) { return wc.word == s.word; });
      if (it == counts.end()) {
        counts.push_back({s.word, s.skeleton, s.count});
      } else {
        it->count += s.count;
      }
    }
    return table;
  }();
  return kTable;
}

using WordSet = std::unordered_set<std::string_view>;

bool Contains(const WordSet& set, std::string_view word) { return set.count(word) > 0; }

}  // namespace

bool IsHonorific(std::string_view word) {
  static const WordSet kWords = {
      // Religious and scholarly titles common in the sanctions lists.
      "sheikh", "shaikh", "shaykh", "sheik", "cheikh", "sheekh", "imam", "mullah", "mulla",
      "mullo", "maulana", "mawlana", "maulvi", "mawlawi", "moulavi", "mufti", "hajji", "haji",
      "hadji", "hajj", "haj", "hadj", "alhaji", "alhaj", "elhadj", "ustadh", "ustaz", "ustad", "qari", "syed", "sayyid",
      "sayed", "seyed", "seyyed",
      // Civil titles and forms of address.
      "mr", "mrs", "ms", "miss", "dr", "doctor", "prof", "professor", "sir", "lord", "lady",
      "monsieur", "madame", "mme", "herr", "frau", "president", "prasident", "general", "gen",
      "colonel", "col", "major", "maj", "captain", "capt", "emir", "prince", "king", "queen",
      "molavi", "molvi", "mawlavi", "maulawi", "molana", "mollah",
      // Generational suffixes.
      "jr", "sr", "ii", "iii", "iv"};
  return Contains(kWords, word);
}

bool IsArticle(std::string_view word, bool hyphenated) {
  if (word == "al" || word == "el" || word == "l") return true;
  static const WordSet kAssimilated = {"ad", "adh", "as", "ash", "at", "ath", "az", "an", "ar",
                                       "ed", "es", "esh", "et", "ez", "en", "er", "ud", "ur",
                                       "us", "ush", "ut", "uz", "un", "ul", "ol", "ou", "oul"};
  return hyphenated && Contains(kAssimilated, word);
}

bool IsPatronymicMarker(std::string_view word) {
  static const WordSet kWords = {"bin", "ibn", "ben", "bint", "binti", "bn", "bnt", "ould",
                                 "wuld", "walad", "ibnu", "bte", "binte"};
  return Contains(kWords, word);
}

bool IsAbdWord(std::string_view word) {
  static const WordSet kWords = {"abd", "abdul", "abdel", "abdal", "abdol", "abdu", "abdur",
                                 "abdus", "abdoul", "abdil"};
  return Contains(kWords, word);
}

bool IsAbuWord(std::string_view word) {
  // "abw" is ICU's rendering of Arabic أبو; "abi" is its genitive (ibn Abi Talib).
  static const WordSet kWords = {"abu", "abou", "abo", "abul", "aboul", "abi", "abw", "abou'l"};
  return Contains(kWords, word);
}

bool IsUmmWord(std::string_view word) { return word == "umm" || word == "um" || word == "oum"; }

bool IsDhuWord(std::string_view word) {
  // Not "zu" (the German particle) nor "du" (French): only forms no European name uses.
  static const WordSet kWords = {"dhu", "dhul", "dhoul", "dhuil", "dhil", "dhi", "dhou", "zul", "zoul", "dzul", "thul"};
  return Contains(kWords, word);
}

bool IsDinWord(std::string_view word) {
  static const WordSet kWords = {"din", "deen", "dine", "ddin", "uddin", "eddin", "eddine",
                                 "uddine", "addin", "oddin", "iddin", "dyn", "eldin", "aldin",
                                 "uldin", "edin", "edine", "udin", "ddine"};
  return Contains(kWords, word);
}

bool IsAllahForm(std::string_view stem) {
  static const WordSet kWords = {"allah", "ullah", "ollah", "alla", "ulla", "llah", "lla", "lah",
                                 "la", "lahi", "llahi", "allahi", "ullahi", "alah", "lh", "llh",
                                 "ah", "ahi"};  // Abdulahi, Abdulah: the article's l doubled once
  return Contains(kWords, stem);
}

bool IsEuropeanParticle(std::string_view word) {
  static const WordSet kWords = {"de", "da", "di", "du", "dos", "das", "do", "del", "della",
                                 "der", "den", "van", "von", "le", "la", "ter", "ten", "zu", "y",
                                 "of", "the", "and"};
  return Contains(kWords, word);
}

std::optional<std::string_view> LegalForm(std::string_view word) {
  static const std::unordered_map<std::string_view, std::string_view> kForms = {
      {"ltd", "ltd"},   {"limited", "ltd"}, {"llc", "llc"},   {"ooo", "llc"},   {"inc", "inc"},
      {"incorporated", "inc"}, {"corp", "corp"}, {"corporation", "corp"}, {"co", "co"},
      {"company", "co"}, {"plc", "plc"},   {"gmbh", "gmbh"}, {"ag", "ag"},
      {"aktiengesellschaft", "ag"}, {"sa", "sa"}, {"nv", "nv"}, {"bv", "bv"}, {"srl", "srl"},
      {"sarl", "sarl"}, {"jsc", "jsc"},   {"ojsc", "jsc"},  {"oao", "jsc"},   {"pjsc", "jsc"},
      {"pao", "jsc"},   {"zao", "jsc"},   {"cjsc", "jsc"},  {"ao", "jsc"},    {"pte", "pte"},
      {"pty", "pty"},   {"spa", "spa"},   {"kg", "kg"},     {"lp", "lp"},     {"llp", "llp"},
      {"ltda", "ltda"}, {"fzco", "fzco"}, {"fze", "fze"},   {"mv", "mv"},
  };
  const auto it = kForms.find(word);
  if (it == kForms.end()) return std::nullopt;
  return it->second;
}

bool IsOrganisationWord(std::string_view word) {
  // Closed list of designators: what kind of body, not which one. None is a token of the
  // Wikidata person-name counts (name_frequency_table.inc), so none is a known personal name or
  // surname; "banks" is one (a surname) and is left out.
  static const WordSet kWords = {
      "group", "groups", "holding", "holdings", "trading", "traders", "bank", "banking",
      "foundation", "association", "society", "institute", "institution", "organization",
      "organisation", "agency", "authority", "committee", "council", "ministry", "trust", "fund",
      "industries", "industry", "industrial", "enterprise", "enterprises", "services", "service",
      "partners", "investment", "investments", "shipping", "airlines", "airways", "petroleum",
      "exchange", "establishment", "charity", "charitable", "university", "college", "hospital",
      "factory", "manufacturing", "solutions", "systems", "technologies", "technology",
      "international", "consulting", "logistics", "securities", "insurance", "brigade", "brigades",
      "battalion", "front", "movement", "party", "network",
      // Foreign designators: gruppe, groupe, gruppo, grupo; banque, banco; stiftung, fondation,
      // fundacion; sirketi (Turkish), sherkat (Persian), mu'assasat (Arabic, folded muassasat).
      "gruppe", "groupe", "gruppo", "grupo", "banque", "banco", "stiftung", "fondation",
      "fundacion", "fundacao", "sirketi", "sherkat", "muassasat", "muassasa", "sharikat"};
  return Contains(kWords, word);
}

std::optional<std::string_view> LegalFormPhrase(std::string_view joined_words, int* words_used) {
  struct Phrase { std::string_view words; int count; std::string_view form; };
  static constexpr Phrase kPhrases[] = {
      {"open joint stock company", 4, "jsc"}, {"public joint stock company", 4, "jsc"},
      {"closed joint stock company", 4, "jsc"}, {"joint stock company", 3, "jsc"},
      {"limited liability company", 3, "llc"}, {"societatea cu raspundere limitata", 4, "srl"},
      {"obshchestvo s ogranichennoj otvetstvennostju", 4, "llc"},
      {"aktsionernoe obshchestvo", 2, "jsc"}, {"akcionernoe obshhestvo", 2, "jsc"},
      {"sp z o o", 4, "spzoo"}, {"s r l", 3, "srl"}, {"o o o", 3, "llc"},
  };
  for (const Phrase& p : kPhrases) {
    if (joined_words.substr(0, p.words.size()) == p.words &&
        (joined_words.size() == p.words.size() || joined_words[p.words.size()] == ' ')) {
      *words_used = p.count;
      return p.form;
    }
  }
  return std::nullopt;
}

std::string_view CanonicalVariant(std::string_view spelling_form) {
  static const std::unordered_map<std::string_view, std::string_view> kTable = {
      {"mehmet", "muhamad"}, {"mehmed", "muhamad"}, {"mahomet", "muhamad"},
      {"magomed", "muhamad"}, {"magomet", "muhamad"}, {"mohd", "muhamad"},
      {"muhd", "muhamad"},   {"muh", "muhamad"},     {"moh", "muhamad"},  {"mhd", "muhamad"},   {"mohamad", "muhamad"}, {"mohamed", "muhamad"},
      {"muhamed", "muhamad"}, {"mohammad", "muhamad"}, {"mamed", "muhamad"},
      {"ahmet", "ahmad"},    {"ahmed", "ahmad"},     {"osman", "uthman"}, {"othman", "uthman"},
      {"usman", "uthman"},   {"ibragim", "ibrahim"},  {"ebrahim", "ibrahim"},
      {"yusuf", "yusuf"},    {"jusuf", "yusuf"},      {"yosef", "yusuf"}, {"yusef", "yusuf"},
      {"huseyin", "husain"}, {"husein", "husain"},    {"hussain", "husain"},
      // One Christian name in the languages of the lists: the Greek saints' names Nikolaos,
      // Michael, Petros and Paulos in their English and French, Russian, Ukrainian and
      // Belarusian forms (Nicholas = Nikolay = Mykola = Mikalai). Wikidata's Arabic labels
      // write these forms differently and so call them different names.
      {"nicholas", "nikolai"}, {"nicolas", "nikolai"}, {"mykola", "nikolai"}, {"mikalai", "nikolai"},
      {"michael", "mikhail"},  {"michail", "mikhail"}, {"mykhailo", "mikhail"},
      {"peter", "pyotr"},      {"petr", "pyotr"},      {"petro", "pyotr"},
      {"paul", "pavel"},       {"pavlo", "pavel"},
  };
  const auto it = kTable.find(spelling_form);
  return it == kTable.end() ? spelling_form : it->second;
}

std::string_view FormalGivenName(std::string_view spelling_form) {
  // Keys and values are spelling forms (SpellingForm): doubles collapsed, ie → i, ks → x.
  static const std::unordered_map<std::string_view, std::string_view> kTable = {
      {"bil", "wiliam"},   {"wil", "wiliam"},    {"bily", "wiliam"},   {"bob", "robert"},
      {"rob", "robert"},   {"bobi", "robert"},   {"dik", "richard"},   {"rik", "richard"},
      {"rich", "richard"}, {"jim", "james"},     {"jimy", "james"},    {"mike", "michael"},
      {"mik", "michael"},  {"ted", "theodore"},  {"tedy", "theodore"}, {"tom", "thomas"},
      {"tony", "anthony"}, {"alex", "alexander"}, {"sasha", "alexander"}, {"sacha", "alexander"},
      {"volodya", "vladimir"}, {"kolya", "nikolai"}, {"misha", "mikhail"}, {"dima", "dmitri"},
      {"bibi", "benjamin"}, {"ben", "benjamin"},  {"beni", "benjamin"}, {"dave", "david"},
      {"jo", "joseph"},    {"joe", "joseph"},    {"jon", "jonathan"},  {"kate", "katherine"},
      {"liz", "elizabeth"}, {"beth", "elizabeth"}, {"pegy", "margaret"}, {"maggie", "margaret"},
      {"chris", "christopher"}, {"nick", "nicholas"}, {"nik", "nicholas"}, {"sam", "samuel"},
      {"steve", "stephen"}, {"ricky", "ricardo"}, {"pepe", "jose"},    {"paco", "francisco"},
  };
  const auto it = kTable.find(spelling_form);
  return it == kTable.end() ? spelling_form : it->second;
}

std::string_view GivenNameAcrossLanguages(std::string_view spelling_form) {
  // Written as lists write them, folded to ASCII; keyed by SpellingForm at first use.
  static const std::unordered_map<std::string, std::string> kTable = [] {
    static constexpr std::string_view kForms[][14] = {
        {"john", "juan", "jean", "johan", "johann", "johannes", "giovanni", "ivan", "ioann", "jan", "joao", "sean", "janis"},
        {"michael", "mikhail", "michel", "miguel", "mikael", "mihail", "michal", "mihaly", "mikel", "michiel"},
        {"peter", "pyotr", "piotr", "pierre", "pedro", "pietro", "petr", "petar", "petrus", "peder"},
        {"paul", "pavel", "pablo", "paolo", "pawel", "paulo", "pavlo"},
        {"joseph", "iosif", "jose", "giuseppe", "jozef", "josef", "joseba", "josip"},
        {"george", "georgi", "georgiy", "georgy", "jorge", "giorgio", "georges", "jerzy", "georg", "jiri"},
        {"alexander", "alexandre", "alejandro", "alessandro", "aleksander", "aleksandr", "oleksandr"},
        {"nicholas", "nikolai", "nikolay", "nicolas", "nicola", "mikolaj", "nikola", "mykola"},
        {"stephen", "stefan", "esteban", "stefano", "etienne", "stepan", "istvan", "steven"},
        {"andrew", "andrei", "andrey", "andre", "andres", "andreas", "andrzej", "andrej", "andriy"},
        {"william", "guillaume", "guillermo", "wilhelm", "guglielmo", "willem"},
        {"charles", "carlos", "carlo", "karl", "karol", "carl"},
        {"francis", "francisco", "francois", "franz", "francesco", "frantisek"},
        {"anthony", "antonio", "antoine", "anton", "antoni"},
        {"thomas", "tomas", "tommaso", "tomasz"},
        {"henry", "henri", "enrique", "enrico", "heinrich", "henryk"},
        {"matthew", "matteo", "mateo", "mathieu", "matthias", "mateusz", "matvei"},
        {"ignatius", "ignacio", "inaki", "ignazio", "ignace", "ignacy"},
        {"vincent", "vicente", "vincenzo", "wincenty"},
        {"lawrence", "lorenzo", "laurent", "lorenz"},
        {"catherine", "catalina", "caterina", "katarina", "ekaterina", "yekaterina", "katarzyna", "kateryna"},
        {"elizabeth", "elisabeth", "elisabetta", "elzbieta", "yelizaveta"},
        {"sophia", "sofia", "sophie", "zofia", "sofiya"},
    };
    std::unordered_map<std::string, std::string> table;
    for (const auto& forms : kForms) {
      const std::string english = SpellingForm(forms[0]);
      for (std::string_view form : forms) {
        if (!form.empty()) table.emplace(SpellingForm(form), english);
      }
    }
    return table;
  }();
  const auto it = kTable.find(std::string(spelling_form));
  return it == kTable.end() ? std::string_view() : std::string_view(it->second);
}

ArabicSpellingVerdict CompareArabicSpellings(std::string_view a_spelling_form, std::string_view b_spelling_form,
                                             double min_sightings) {
  const auto& table = ArabicWordsBySpelling();
  const auto a = table.find(std::string(a_spelling_form));
  const auto b = table.find(std::string(b_spelling_form));
  if (a == table.end() || b == table.end()) return ArabicSpellingVerdict::kUnknown;
  auto total = [](const WordCounts& wc) {
    long n = 0;
    for (const WordCount& c : wc) n += c.count;
    return static_cast<double>(n);
  };
  const double total_a = total(a->second), total_b = total(b->second);
  double overlap = 0.0;  // sum over Arabic words of the smaller of the two shares
  bool shared_skeleton = false;
  for (const WordCount& x : a->second) {
    for (const WordCount& y : b->second) {
      if (x.word == y.word) overlap += std::min(x.count / total_a, y.count / total_b);
      shared_skeleton |= x.skeleton == y.skeleton;
    }
  }
  if (overlap >= 0.5) return ArabicSpellingVerdict::kSameWord;
  // "Different" needs both spellings well attested: rarer ones' readings are too few to rule
  // an alternative out (Zaki / Zakir, Raed / Raad are confused in real lists).
  if (!shared_skeleton) {
    return std::min(total_a, total_b) >= min_sightings ? ArabicSpellingVerdict::kDifferentWords
                                                       : ArabicSpellingVerdict::kUnknown;
  }
  return overlap == 0.0 ? ArabicSpellingVerdict::kSameConsonants : ArabicSpellingVerdict::kUnknown;
}

// Arabic word ids by the parser's folding of the word (FoldName: ICU Any-Latin, Latin-ASCII),
// which is what an Arabic-script name part carries. Words that fold alike (س / ص both "s")
// share a key. Built once, on first use (about 12,000 ICU transliterations).
const std::unordered_map<std::string, std::vector<int>>& ArabicWordsByFolding() {
  static const std::unordered_map<std::string, std::vector<int>> kTable = [] {
    std::unordered_map<std::string, std::vector<int>> table;
    const int n = static_cast<int>(sizeof(kArabicWords) / sizeof(kArabicWords[0]));
    for (int id = 0; id < n; ++id) {
      std::string key;
      for (char c : FoldName(kArabicWords[id]).text) {
        if (c >= 'a' && c <= 'z') key.push_back(c);
      }
      if (!key.empty()) table[key].push_back(id);
    }
    return table;
  }();
  return kTable;
}

ArabicSpellingVerdict CompareArabicScriptWithSpelling(std::string_view folded_arabic_word, std::string_view latin_spelling_form) {
  const auto& by_folding = ArabicWordsByFolding();
  const auto& by_spelling = ArabicWordsBySpelling();
  const auto words = by_folding.find(std::string(folded_arabic_word));
  const auto latin = by_spelling.find(std::string(latin_spelling_form));
  if (words == by_folding.end() || latin == by_spelling.end()) return ArabicSpellingVerdict::kUnknown;
  double total = 0.0, writes = 0.0;
  for (const WordCount& wc : latin->second) {
    total += wc.count;
    if (std::find(words->second.begin(), words->second.end(), wc.word) != words->second.end()) writes += wc.count;
  }
  if (writes >= 0.2 * total) return ArabicSpellingVerdict::kSameWord;
  return writes == 0.0 && total >= kDifferentWordsMinSightings ? ArabicSpellingVerdict::kDifferentWords : ArabicSpellingVerdict::kUnknown;
}

double TokenInformation(std::string_view spelling_form) {
  // Counts are summed per canonical spelling form, so Mohamed + Mohammed + Muhammad + ... pool.
  static const std::unordered_map<std::string, long> kCounts = [] {
    std::unordered_map<std::string, long> counts;
    for (const TokenCount& tc : kWikidataTokenCounts) {
      counts[std::string(CanonicalVariant(SpellingForm(tc.token)))] += tc.count;
    }
    return counts;
  }();
  const auto it = kCounts.find(std::string(CanonicalVariant(spelling_form)));
  const double count = it == kCounts.end() ? 0.0 : static_cast<double>(it->second);
  // Self-information in bits, shifted so that the commonest first names (~2^-7) land near 0.3
  // and anything rarer than ~2^-12 counts fully.
  const double bits = std::log2(static_cast<double>(kWikidataTokenTotal) / (count + 0.5));
  return std::clamp((bits - 4.0) / 8.0, 0.15, 1.0);
}

}  // namespace linchpin::resolve::lexicon
