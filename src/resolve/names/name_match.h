// Name matching for person (and organisation) names written in many scripts and romanisations,
// with Arabic-origin names as the hard case: Mohammed/Muhammad/Mohamed/Mehmet, al-/el-/ad-/ash-
// articles glued or dropped, Abd al-X / Abdul X / Abdel X / Abdurrahman (never Abu X), ibn/bin/
// ben patronymics, kunyas (Abu X), nisbas (al-Tikriti), honorifics and Arabic script itself.
//
// How, in four steps:
//  1. Fold (name_normalize.h): ICU NFKC + Any-Latin + Latin-ASCII + lowercase; Arabic script
//     yields a consonant skeleton, flagged as "abjad".
//  2. Parse (ParseName): tokenise; handle "SURNAME, Given"; drop honorifics; attach articles;
//     build compound parts abd+X, abu+X, umm+X, X+din, X+allah from their spaced, hyphenated
//     and glued spellings (Abd al-Rahman = Abdul Rahman = Abdel-Rahman = Abdurrahman); give each
//     part a role (given, middle, family, patronymic after bin/ibn/ben, kunya, nisba = article +
//     name after the given name, initial, title, legal form) and an information weight from
//     term frequency (a committed table derived from Wikidata person-name tokens, CC0: common
//     tokens such as Mohamed or Ali weigh less than rare ones).
//  3. Align (CompareParsedNames): score every part pair with a transliteration-weighted edit
//     distance (string_similarity.h; exact / variant / fuzzy / initial), overruled where
//     Wikidata's Latin–Arabic labels know both spellings (name_lexicon.h
//     CompareArabicSpellings: Hussein / Husain are one Arabic word, a variant; Ahmad / Muhammad
//     or Amin / Amina are two, a conflict) and widened to words with the same consonants but
//     other vowels (Kird / Kard: short vowels are unwritten in Arabic), including one part
//     against two or three adjacent parts joined (FridrichBuchenberg, van der bilt); then take
//     pairs greedily by similarity (the first kMaxComparedParts parts of each name only; the
//     match says how many were left out). Greedy is enough at name sizes (≤ ~10 parts) and, unlike
//     a Hungarian assignment, never trades one strong agreement for two mediocre ones. Parts left
//     on both sides are paired as conflicts; parts left on one side are "missing". A near-miss
//     conflict (similarity ≥ 0.70) in a later part of a name whose given name and another part
//     agree is re-read as a fuzzy agreement — a spelling of that part — unless it is a kunya,
//     nisba or initial. Stricter (≥ 0.72): a near miss in the given name or kunya next to an
//     agreeing family name, unless Wikidata shows the two as distinct words with the same
//     consonants (Hasan / Husayn, brothers' names) or starts with another consonant (Bijan /
//     Viyan) or either name is an organisation's (a legal form or a designator such as Group or
//     Bank: Sigma / Cigna Group); one between two nisbas when the given name agrees and no part is
//     left unpaired; and one in the family name of an Arabic name (Abd-, Abu-, bin, al- ... or
//     Arabic script) whose given name agrees, since a transliterated surname has many Latin
//     spellings and a Latin-native one (Albano / Albanese) has one.
//  4. Score: a Fellegi–Sunter style evidence model (Fellegi & Sunter, "A Theory for Record
//     Linkage", JASA 1969): agreement on rare informative parts is strong evidence, agreement on
//     common ones, on a nisba or on a kunya alone is weak; a conflict — two different given
//     names, a different nisba, kunya or patronymic, an Abd-X against an Abu-X — is strong
//     evidence against and caps the score, because the parts of one person's name are not
//     independent (brothers share father, grandfather and nisba, so agreement on those proves
//     little while one differing slot proves much). Missing parts cost little: sources often
//     drop middle names and nisbas. Result: a score in [0, 1], a decision at a threshold, and a
//     per-part explanation.
//
// Compared with OpenSanctions' rigour/nomenklatura logic-v2 (a weighted Levenshtein over name
// parts with a symbol/stopword layer), this adds Arabic name structure (compounds and roles),
// role-specific conflict penalties, vowel-class-aware costs and term-frequency weights — the
// term-frequency idea is Splink's (Fellegi–Sunter with TF adjustments) and Senzing's
// "generic name" handling. Jaro–Winkler (Winkler 1990) is provided in string_similarity.h but
// not used for decisions: its prefix bonus rewards "Thomas"/"Thomasson".
//
// Thread-safety: all functions are thread-safe; ParsedName and NameMatch are plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace linchpin::resolve {

enum class NameRole : uint8_t {
  kGiven,       // the first personal name
  kMiddle,      // further personal names (often father and grandfather without "bin")
  kFamily,      // the last part, or the part before the comma in "SURNAME, Given"
  kPatronymic,  // the name after bin/ibn/ben/bint/ould
  kKunya,       // Abu X / Umm X
  kNisba,       // al-X after the given name: al-Tikriti, al-Masri, al-Amriki, al-Assad
  kInitial,     // a single letter
  kTitle,       // honorifics: sheikh, imam, mullah, dr, hajji, mr ...
  kLegalForm,   // company forms: ltd, llc, jsc, ag ... (canonicalised)
  kParticle,    // de, van, der, le, da ... (European nobiliary particles)
};
std::string_view RoleName(NameRole role);

// kDhu: Dhu / Dhul / Zul, "possessor of" (Dhu al-Fiqar = Zulfiqar, Dhu al-Kifl = Zulkifli).
enum class Prefix : uint8_t { kNone, kAbd, kAbu, kUmm, kDhu };
enum class Suffix : uint8_t { kNone, kDin, kAllah };  // Saif al-Din, Habib-ullah

struct NamePart {
  std::string text;   // the folded words the part came from, e.g. "abd al-rahman"
  std::string word;   // the stem as written (folded), before spelling normalisation: "rahman"
  std::string letters;  // spelling form of all its words run together, article excluded:
                        // "abdalrahman" — used for joined/split words and suffix mismatches
  std::string stem;   // spelling form (SpellingForm) of the name proper: "rahman"
  std::string skeleton;  // ConsonantSkeleton of the stem: "rhmn"
  Prefix prefix = Prefix::kNone;
  Suffix suffix = Suffix::kNone;
  NameRole role = NameRole::kGiven;
  bool abjad = false;    // from a vowel-less script: compare skeletons only
  bool hangul = false;   // romanised from Hangul (Revised Romanization): compare Korean forms
  bool transcribed = false;  // a foreign name transcribed in Han or katakana (FoldedName)
  bool patronymic_form = false;  // a Slavic/Turkic patronymic word: Viktorovich, Ivanovna, Aliyevich
  // Sound key of a name made only of Chinese syllables (chinese_romanization.h), else empty;
  // wade_giles when the name is read as Wade–Giles (some word needed a Wade–Giles-only
  // initial or final), so its words were converted to pinyin before keying.
  std::string chinese_key;
  bool wade_giles = false;
  double weight = 1.0;   // information weight in (0, 1]: term frequency × role
  uint16_t position = 0; // index of the part in the name, for order checks
};

struct ParsedName {
  std::string original;
  std::vector<NamePart> parts;
  bool surname_first = false;  // written "SURNAME, Given"
  // Written the East Asian way, family name first and the two syllables of the given name
  // hyphenated: Chiang Kai-shek, Kim Jong-un (EastAsianOrder in name_parse.cc).
  bool east_asian_order = false;
  std::string logograms;       // Han/Hangul/Kana characters of the original (FoldedName)
};

// Parses once for many comparisons (blocking). Never fails; an empty or unreadable name has no
// parts and matches nothing.
ParsedName ParseName(std::string_view name);

// The compound form of a part as shown in explanations: "abd-rahman", "abu-muhammad", "saif-din".
std::string PartLabel(const NamePart& part);

enum class PartOutcome : uint8_t {
  kExact,     // same spelling
  kVariant,   // a transliteration variant (cheap edits only, or the curated table)
  kFuzzy,     // similar enough to be a typo or a rarer variant
  kInitial,   // an initial against a name with that first letter
  kJoined,    // one part against two or three adjacent parts written together
  kMissing,   // present on one side only
  kConflict,  // both names have a part in this slot and they differ
  kIgnored,   // titles and legal forms that did not pair up
};
std::string_view OutcomeName(PartOutcome outcome);

struct PartMatch {
  std::string part_a;   // empty when missing from A
  std::string part_b;   // empty when missing from B
  NameRole role;        // the more specific role of the two
  PartOutcome outcome;
  double similarity;    // in [0, 1]
  std::string how;      // "exact", "variant", "fuzzy 0.91", "missing", "conflict 0.40", ...
};

// The alignment compares at most this many parts of each name (the first ones); its work grows
// with the product of the two part counts. Real names have far fewer (at most 10 words in the
// evaluation data); a longer "name" is a text pasted into a name field.
inline constexpr size_t kMaxComparedParts = 32;

struct NameMatch {
  double score = 0.0;   // in [0, 1]
  bool match = false;   // score >= options.threshold
  std::vector<PartMatch> parts;
  // Parts beyond kMaxComparedParts, left out of the comparison and the score; 0 for real names.
  size_t parts_not_compared_a = 0, parts_not_compared_b = 0;
};

// "name A truncated: only its first 32 of 1000 parts were compared", or empty when neither was.
std::string TruncationNote(const NameMatch& match);

// Tunables. Defaults were chosen on the development half of the OpenSanctions bench (pairs whose
// hash is even; see name_evaluation.h) and are reported on the held-out half.
struct NameMatchOptions {
  double threshold = 0.70;
};

NameMatch CompareParsedNames(const ParsedName& a, const ParsedName& b,
                             const NameMatchOptions& options = {});
NameMatch CompareNames(std::string_view a, std::string_view b, const NameMatchOptions& options = {});

// Blocking keys: "<prefix>:<skeleton>" of the informative parts (weight ≥ 0.3, not titles or
// legal forms), sorted and unique. Two names that CompareNames would match share a key unless
// every part of one is a fuzzy (non-variant) spelling of the other's, so blocking on any shared
// key keeps recall while cutting the pair count by orders of magnitude.
std::vector<std::string> NameBlockingKeys(const ParsedName& name);

// One line per part: "abd-rahman ~ abu-rahman  given  conflict 0.00", for the CLI and tests.
std::string ExplainMatch(const NameMatch& match);

}  // namespace linchpin::resolve
