// CompareParsedNames: part similarity, greedy alignment and the evidence score. The model is
// described in name_match.h; the constants below are its parameters, each with its reason.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "resolve/names/name_lexicon.h"
#include "resolve/names/name_match.h"
#include "resolve/names/string_similarity.h"

namespace linchpin::resolve {
namespace {

// A pair at or above this similarity agrees; below it the two parts are a conflict.
constexpr double kAgreeSimilarity = 0.78;
// Two spellings that Wikidata's Arabic labels show to be one Arabic word agree at least this
// much (a variant); two that it shows to write different Arabic words at most this much (a
// clear conflict, whatever the edit distance says: Hussein / Hasan, Ahmad / Muhammad).
constexpr double kSameArabicWord = 0.93;
constexpr double kDifferentArabicWords = 0.5;
// A surname with and without a French mute final -e (SilentFinalE).
constexpr double kSilentFinalE = 0.9;
// Two romanisations of one Chinese syllable sequence (Wade–Giles against pinyin) agree this much.
constexpr double kChineseRomanisation = 0.92;
// A masculine name against its feminine form (Jamil / Jamila): a conflict (IsGenderedPair).
constexpr double kGenderedPair = 0.6;
// Two spellings whose first letters differ in a way no romanisation explains (DifferentOnset):
// a conflict, as for a gendered pair.
constexpr double kDifferentOnset = 0.6;
// A conflict at or above this similarity, in a later part of a name that otherwise agrees, is
// taken as a spelling of that part (AcceptNearMissesInAgreeingNames).
constexpr double kNearMissSimilarity = 0.70;
// The same bar when the given name and three or more further words agree.
constexpr double kNearMissInLongNames = 0.60;
// The same in the given name next to an agreeing family name (AcceptNearMissInGivenName), a
// little stricter since siblings differ there; chosen on the development halves.
constexpr double kGivenNearMissSimilarity = 0.72;
// Similarity granted to two words of five letters or more with the same consonant skeleton.
constexpr double kSkeletonAgreement = kAgreeSimilarity + 0.02;
// Edit distance (in cheap-edit units) up to which two spellings are "variants", not typos.
constexpr double kVariantDistance = 0.65;
// A missing part costs this fraction of its weight: sources drop middle names and nisbas.
constexpr double kMissingCost = 0.3;
// Evidence (sum of agreeing part weights) needed for full confidence: one rare name, or two
// common ones. Less evidence scales the score down by its square root.
constexpr double kEnoughEvidence = 1.1;
// Each agreeing part out of order (CountMovedParts) costs this factor.
constexpr double kMovedPartFactor = 0.93;
// Given name against patronymic (Salman bin Muhammad vs Muhammad bin Salman): father and son.
constexpr double kRoleSwapFactor = 0.7;
// A lineage shift: one name's given name is missing and its other parts carry the other name's
// given name further along — "Qusay Saddam Hussein" is the son of "Saddam Hussein". Strong in
// Arabic chains of given + father + grandfather, weaker elsewhere (Alexandre Boris Johnson).
constexpr double kLineageShiftArabic = 0.7;
constexpr double kLineageShiftOther = 0.85;
// Both names state a legal form and none agree (Deutsche Bank AG / Deutsche Bank GmbH): often
// a sister company, so a mild penalty; a form stated on one side only costs nothing.
constexpr double kLegalFormConflictFactor = 0.75;

struct Similarity {
  double value = 0.0;
  PartOutcome outcome = PartOutcome::kConflict;
  const char* note = "";  // why, when a rule rather than the edit distance decided
};

bool IsStructural(NameRole role) {
  return role == NameRole::kTitle || role == NameRole::kLegalForm || role == NameRole::kParticle;
}

// `a` and `b` are spelling forms; the short-word rule looks at their length as spelled, which
// for doubled letters (Exxon → exon) is shorter than as written — callers pass written lengths.
Similarity SpellingSimilarity(const std::string& a, const std::string& b, size_t written_a, size_t written_b) {
  const double distance = TransliterationDistance(a, b);
  const double longest = static_cast<double>(std::max(a.size(), b.size()));
  // In names of four letters or fewer a changed vowel class or consonant is a third of the word
  // and usually a different name (Said/Saud, Tom/Tim), so short words get a stricter
  // similarity; a single cheap alternation (Jong On / Jong Un, Ali / Aly) does not.
  const double short_word_penalty = std::max(written_a, written_b) <= 4 && distance >= 0.5 ? 0.08 : 0.0;
  const double sim = std::clamp(1.0 - distance / longest - short_word_penalty, 0.0, 1.0);
  if (distance <= kVariantDistance && sim >= 0.84) return {std::max(sim, 0.9), PartOutcome::kVariant};
  return {sim, sim >= kAgreeSimilarity ? PartOutcome::kFuzzy : PartOutcome::kConflict};
}

bool IsShortFormOf(const std::string& short_form, const std::string& name) {
  const std::string_view formal = lexicon::FormalGivenName(short_form);
  if (formal == short_form) return false;
  if (formal == lexicon::FormalGivenName(name)) return true;
  return TransliterationSimilarity(formal, name) >= 0.86;
}

// Same letters except vowels swapped in place: Zaban/Zubin, Hamid/Hamad — but not Bashar/Bushra,
// whose vowels sit in different places (two names, بشار and بشرى).
bool OnlyVowelsDiffer(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i] && !(vowel(a[i]) && vowel(b[i]))) return false;
  }
  return true;
}

bool IsVowelLetter(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

bool EndsInVowel(std::string_view s) {
  return !s.empty() && (s.back() == 'a' || s.back() == 'e' || s.back() == 'i' || s.back() == 'o' || s.back() == 'u');
}

// Only a written final -a: a final -ah is as often a consonant of the root (Salah صلاح).
bool EndsInFeminineA(const std::string& s) { return s.size() >= 2 && s.back() == 'a'; }

// Where Wikidata's Latin–Arabic labels know both spellings, they overrule the edit distance:
// the commonest Arabic names are each other's near neighbours in Latin letters (Hussein /
// Hasan, Saad / Saddam, Ahmad / Muhammad), while one name's spellings can be far apart.
Similarity ApplyArabicSpellingEvidence(const std::string& a, const std::string& b, Similarity sim) {
  switch (lexicon::CompareArabicSpellings(a, b)) {
    case lexicon::ArabicSpellingVerdict::kSameWord:
      if (sim.value < kSameArabicWord) sim = {kSameArabicWord, PartOutcome::kVariant, ", one Arabic word"};
      break;
    case lexicon::ArabicSpellingVerdict::kDifferentWords:
      if (sim.value > kDifferentArabicWords) sim = {kDifferentArabicWords, PartOutcome::kConflict, ", different Arabic names"};
      break;
    case lexicon::ArabicSpellingVerdict::kSameConsonants:
      // Left to the edit distance (lists mix up Hasan / Hussein), except when one of the two
      // words ends in -a and the other in a consonant: that -a is the feminine ending, a
      // letter of its own (Bushra بشرى against Bashar بشار, sister and brother), not a short
      // vowel. A final -i is not (Majdi / Majid are confused in real lists).
      if (EndsInFeminineA(a) != EndsInFeminineA(b) && sim.value > kGenderedPair) {
        sim = {kGenderedPair, PartOutcome::kConflict, ", different Arabic names"};
      }
      break;
    case lexicon::ArabicSpellingVerdict::kUnknown: break;
  }
  return sim;
}

// Same consonants, different vowels — Kird / Kard (al-Kurd), Zaban / Zubyn: Arabic script
// leaves short vowels unwritten, so Latin lists disagree on them freely.
// Only when the consonants carry the word (three or more, words of four letters or more; Said /
// Saud stay apart), when both or neither end in a vowel (Amin / Amina is a gendered pair), and
// when Wikidata does not show the two spellings to be distinct words with the same consonants
// (Hasan / Hussein, Bashar / Bushra).
bool SameConsonantsOnly(const NamePart& a, const NamePart& b) {
  if (std::min(a.word.size(), b.word.size()) < 4 || a.skeleton.size() < 3 || a.skeleton != b.skeleton) return false;
  if (EndsInVowel(a.stem) != EndsInVowel(b.stem)) return false;
  return lexicon::CompareArabicSpellings(a.stem, b.stem) != lexicon::ArabicSpellingVerdict::kSameConsonants;
}

// A Slavic name without the nominative ending Latvian and Lithuanian add to every masculine
// name, foreign ones included: Latvian -s (Sergejs Lavrovs, Nikolajs, Medvedevs), Lithuanian
// -as / -us (Lavrovas, Sergejus). Only after the Slavic endings -ov, -ev, -ej, -ij, -aj, -in,
// which English and Romance names do not give a final -s (Roberts, Collins keep theirs: -ins is
// Latvian only as Lithuanian -inas).
// A prefix of `stem`, so the check on every comparison allocates nothing.
std::string_view WithoutBalticEnding(std::string_view stem) {
  struct Ending { std::string_view baltic; size_t keep; };
  static constexpr Ending kEndings[] = {{"ovs", 2}, {"evs", 2}, {"ejs", 2}, {"ijs", 2}, {"ajs", 2},
                                        {"ovas", 2}, {"evas", 2}, {"inas", 2}, {"ejus", 2}, {"ijus", 2}};
  for (const Ending& e : kEndings) {
    if (stem.size() >= e.baltic.size() + 2 && stem.compare(stem.size() - e.baltic.size(), e.baltic.size(), e.baltic) == 0) {
      return stem.substr(0, stem.size() - e.baltic.size() + e.keep);
    }
  }
  return stem;
}

// A masculine name and its feminine form: Jamil / Jamila, Karim / Karimah, Aleksandr /
// Aleksandra, Ivanov / Ivanova. Arabic marks the feminine with taa marbuta (-a, -ah), Slavic
// names and surnames with -a; brother and sister, husband and wife, are two people. The final
// -e of French spellings (Amin / Amine, Yassin / Yacine) is not a gender mark and is left out.
bool IsGenderedPair(std::string_view a, std::string_view b) {
  const std::string_view shorter = a.size() <= b.size() ? a : b;
  const std::string_view longer = a.size() <= b.size() ? b : a;
  if (shorter.size() < 3 || longer.compare(0, shorter.size(), shorter) != 0) return false;
  const std::string_view ending = longer.substr(shorter.size());
  // Names in -i take the feminine -iya (ـية): Zaki / Zakiya, Fawzi / Fawziya, Hani / Haniya.
  if (shorter.back() == 'i') return ending == "ya" || ending == "yah";
  if (EndsInVowel(shorter) || shorter.back() == 'y' || shorter.back() == 'h') return false;
  return ending == "a" || ending == "ah";
}

// Family names that do not change with the bearer's sex: a surname passes unchanged to sons
// and daughters except where the language inflects it (Slavic Ivanov / Ivanova, Pushkin /
// Pushkina), so outside those endings a final -a on one list's surname is a spelling (the ta
// marbuta written or not, Dellos / Dellosa), not a sister.
bool UngenderedSurnames(const NamePart& a, const NamePart& b) {
  if (a.role != NameRole::kFamily || b.role != NameRole::kFamily) return false;
  const std::string_view sa = WithoutBalticEnding(a.stem), sb = WithoutBalticEnding(b.stem);  // Ivanovs is -ov
  const std::string_view shorter = sa.size() <= sb.size() ? sa : sb;
  if (shorter.size() < 3) return false;
  const std::string_view end = shorter.substr(shorter.size() - 2);
  return end != "ov" && end != "ev" && end != "in" && end != "yn";
}

// The skeleton a part is compared in against Arabic script: a Latin part's v becomes f.
std::string ArabicScriptSkeleton(const NamePart& part) {
  if (part.abjad || part.stem.find('v') == std::string::npos) return part.skeleton;
  std::string stem = part.stem;
  std::replace(stem.begin(), stem.end(), 'v', 'f');
  return ConsonantSkeleton(stem);
}

// A Korean name syllable in a form that the Revised Romanization (what Hangul is romanised to
// here: gim, bak, jeong, eun) and the spellings Latin lists use (McCune–Reischauer without its
// breves, and passports: Kim, Park, Jong/Jung/Chung, Un/Eun) share. Surnames keep conventional
// spellings no rule derives (이 is Lee, Rhee or Yi; 박 is Park), so those come from a table.
std::string KoreanForm(const std::string& word) {
  static const std::unordered_map<std::string_view, std::string_view> kSurnames = {
      {"lee", "i"},     {"yi", "i"},      {"rhee", "i"},   {"ri", "i"},     {"rhie", "i"},  {"park", "bak"},
      {"pak", "bak"},   {"bahk", "bak"},  {"kim", "gim"},  {"choi", "choe"}, {"chey", "choe"}, {"lim", "im"},
      {"rim", "im"},    {"yoon", "yun"},  {"ryu", "yu"},   {"yoo", "yu"},   {"roh", "no"},  {"noh", "no"},
      {"ahn", "an"},    {"oh", "o"},      {"moon", "mun"}, {"shin", "sin"}, {"kang", "gang"}, {"chung", "jeong"},
      {"jung", "jeong"}, {"cheong", "jeong"}, {"chang", "jang"}, {"cho", "jo"}, {"koo", "gu"}, {"ku", "gu"},
      {"woo", "u"},     {"ah", "a"},      {"eh", "e"},
  };
  const auto it = kSurnames.find(word);
  const std::string rr = it == kSurnames.end() ? word : std::string(it->second);
  struct Rewrite { std::string_view from, to; };
  static constexpr Rewrite kRewrites[] = {{"yeo", "yo"}, {"ch", "j"}, {"sh", "s"}, {"eo", "o"}, {"eu", "u"},
                                          {"ae", "e"},   {"oo", "u"}, {"ee", "i"}};
  std::string out;
  for (size_t i = 0; i < rr.size();) {
    bool rewritten = false;
    for (const Rewrite& r : kRewrites) {
      if (rr.compare(i, r.from.size(), r.from) == 0) {
        out += r.to;
        i += r.from.size();
        rewritten = true;
        break;
      }
    }
    if (rewritten) continue;
    const char c = rr[i++];
    // Aspirated and plain stops are one letter apart in Korean, written alike in lists.
    const char merged = c == 'k' ? 'g' : c == 't' ? 'd' : c == 'p' ? 'b' : c == 'l' ? 'r' : c;
    if (out.empty() || out.back() != merged) out.push_back(merged);
  }
  return out;
}

// The consonants a foreign name keeps through a Chinese or Japanese syllabary: vowels are
// added after consonants (Barack → bei-la-ke, ba-ra-ku) and r/l, voiced/voiceless stops are
// not told apart, so only the consonant skeleton with those merged survives: "blg" for both.
std::string TranscriptionKey(const std::string& word) {
  std::string key = ConsonantSkeleton(word);
  for (char& c : key) c = c == 'r' ? 'l' : c == 't' ? 'd' : c == 'k' ? 'g' : c;
  return key;
}

// A final -eh written as the -a it is elsewhere: Persian and Levantine romanisations give the
// final ه / ة (the ta marbuta, and Persian's silent final he) as -eh where Arabic, Kurdish
// and Turkish ones write -a or -ah: Fatemeh / Fatima, Kinayeh / Kinaya, Zanganeh / Zangana.
std::string FinalEhAsA(const std::string& stem) {
  if (stem.size() < 4 || stem.compare(stem.size() - 2, 2, "eh") != 0) return stem;
  return stem.substr(0, stem.size() - 2) + "a";
}

// The same ending after i: Persian writes ـیه as -ieh (Haniyeh / Hanieh, Marzieh, Roghieh) where
// Arabic lists write the -iya of ـية (Haniya, Mardiya, Ruqaya). SpellingForm has already read
// the "ie" as German long i ("hanih"), so the written word decides.
std::string FinalEhAsA(const NamePart& part) {
  const std::string& w = part.word;
  const bool ieh = w.size() >= 5 && w.compare(w.size() - 3, 3, "ieh") == 0;
  if (ieh && part.stem.size() >= 3 && part.stem.compare(part.stem.size() - 2, 2, "ih") == 0) {
    return part.stem.substr(0, part.stem.size() - 1) + "ya";
  }
  return FinalEhAsA(part.stem);
}

// "aw" before a consonant or at the end of a word, written as the "u" it is read as (the form
// SpellingForm gives French "ou"): fawzi → fuzi. Before a vowel the w is a consonant (Nawaz).
std::string MonophthongisedAw(const std::string& stem) {
  std::string out;
  for (size_t i = 0; i < stem.size(); ++i) {
    const bool aw = stem[i] == 'a' && i + 1 < stem.size() && stem[i + 1] == 'w';
    if (aw && (i + 2 == stem.size() || !IsVowelLetter(stem[i + 2]))) {
      out.push_back('u');
      ++i;
    } else {
      out.push_back(stem[i]);
    }
  }
  return out;
}

// A consonant written before a vowel-initial spelling: Arabic words begin with a root
// consonant, and a Latin initial vowel writes the hamza or ʿayn, so Samer / Amer (سامر / عامر),
// Wali / Ali (ولي / علي) and Fadel / Adel (فاضل / عادل) have different first radicals and are
// different names; so are Turkish Serkan / Erkan. Not h (often unwritten: Amid for Hamid in
// French lists), l (the article assimilated: Lamrani for al-Amrani), y and j before a vowel
// (the iotation of Cyrillic Е and Я: Yelena / Elena / Jelena), nor a semivowel for a vowel
// (Walid / Oualid); a consonant before another consonant is the elision of a Maghrebi initial
// vowel (Brahim / Ibrahim, Smail / Ismail) and is not this either. A swap of the first two
// letters is left alone: lists and screening perturbations make it as a typo (Abid / Baid).
bool DifferentOnset(const std::string& a, const std::string& b) {
  if (a.size() < 3 || b.size() < 3) return false;
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  for (const auto& [c_word, v_word] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
    const char c = (*c_word)[0];
    if (vowel(c) || !vowel((*c_word)[1]) || !vowel((*v_word)[0])) continue;
    if (c == 'h' || c == 'l' || c == 'y' || c == 'j') continue;
    // A semivowel spelling the other's vowel is a substitution, not an added letter: Walid /
    // Oualid (French ou for w), Wusama / Usama.
    if (TransliterationDistance(c_word->substr(0, 1), v_word->substr(0, 1)) < 1.0) continue;
    // The consonant among the other's first letters was moved, not added: a typo (Mudacumura
    // / Umdacumura) or a glued article (Muhaysini / Almuhaysini).
    if (v_word->substr(0, 3).find(c) != std::string::npos) continue;
    if (c_word->compare(1, std::string::npos, *v_word) == 0 ||
        TransliterationSimilarity(c_word->substr(1), *v_word) >= kAgreeSimilarity) {
      return true;
    }
  }
  return false;
}

// Two neighbouring consonants swapped in a long surname: lists that write a name by ear move a
// consonant across an unwritten vowel (Droukdel / Derdoukal / Dardakil, دروكدال). Only where
// five or more consonants carry the word, so that the swap is one change among many letters
// that agree, and never in the first consonant (another root, DifferentOnset's concern).
bool NeighbouringConsonantsSwapped(const NamePart& a, const NamePart& b) {
  const std::string& x = a.skeleton;
  const std::string& y = b.skeleton;
  if (x.size() != y.size() || x.size() < 5 || x == y) return false;
  size_t first = 0;
  while (x[first] == y[first]) ++first;
  if (first == 0 || first + 1 >= x.size()) return false;
  return x[first] == y[first + 1] && x[first + 1] == y[first] && x.compare(first + 2, std::string::npos, y, first + 2) == 0;
}

// Similarity of the name proper of two parts, ignoring prefixes and suffixes.
Similarity StemSimilarity(const NamePart& a, const NamePart& b) {
  if (a.abjad != b.abjad) {
    // Arabic script against Latin: Wikidata's labels know which Latin spellings write which
    // Arabic word, long vowels included — محمود is Mahmoud, never Muhammad, though the
    // consonant skeletons agree.
    const NamePart& arabic = a.abjad ? a : b;
    const NamePart& latin = a.abjad ? b : a;
    switch (lexicon::CompareArabicScriptWithSpelling(arabic.word, latin.stem)) {
      case lexicon::ArabicSpellingVerdict::kSameWord: return {kSameArabicWord, PartOutcome::kVariant, ", one Arabic word"};
      case lexicon::ArabicSpellingVerdict::kDifferentWords:
        return {std::min(kDifferentArabicWords, TransliterationSimilarity(ArabicScriptSkeleton(a), ArabicScriptSkeleton(b)) * 0.95),
                PartOutcome::kConflict, ", different Arabic names"};
      default: break;
    }
  }
  if (a.abjad || b.abjad) {
    // Arabic script has no short vowels: only the consonant skeletons are comparable, and
    // their agreement is weaker evidence than a full spelling's. Arabic has no v and writes
    // it with fa (نوروزوف, Nouruzov), so a Latin v meets an Arabic f.
    const double sim = TransliterationSimilarity(ArabicScriptSkeleton(a), ArabicScriptSkeleton(b));
    if (sim >= 1.0) return {0.93, PartOutcome::kVariant};
    return {sim * 0.95, sim * 0.95 >= kAgreeSimilarity ? PartOutcome::kFuzzy : PartOutcome::kConflict};
  }
  if (a.stem == b.stem) return {a.word == b.word ? 1.0 : 0.97, a.word == b.word ? PartOutcome::kExact : PartOutcome::kVariant};
  if (a.transcribed != b.transcribed) {
    // A foreign name in Han or katakana against its Latin original: the consonants decide. Two
    // or more, so that one-consonant names (Ma, Ali) never agree by this rule alone.
    const std::string ka = TranscriptionKey(a.word), kb = TranscriptionKey(b.word);
    if (ka == kb && ka.size() >= 3) return {0.88, PartOutcome::kVariant, ", transcription"};
  }
  if (a.hangul != b.hangul) {
    // Hangul romanised against a Latin list's spelling: compare in the Korean form only, where
    // gim / Kim and jeong / Jong agree and a different syllable (jeong / jin) stays different.
    const std::string ka = KoreanForm(a.word), kb = KoreanForm(b.word);
    Similarity sim = SpellingSimilarity(ka, kb, ka.size(), kb.size());
    if (ka == kb) sim = {0.95, PartOutcome::kVariant};
    if (sim.outcome != PartOutcome::kConflict) sim.note = ", Korean romanisation";
    return sim;
  }
  if (lexicon::CanonicalVariant(a.stem) == lexicon::CanonicalVariant(b.stem)) return {0.95, PartOutcome::kVariant};
  // A short form against (any spelling of) its formal name — Ted / Theodore, Sasha /
  // Aleksandr — is weaker evidence than a spelling variant.
  if (IsShortFormOf(a.stem, b.stem) || IsShortFormOf(b.stem, a.stem)) return {0.88, PartOutcome::kVariant};
  // John / Juan / Ivan: one given name in two languages' forms, as weak as a short form.
  auto personal = [](const NamePart& p) { return p.role == NameRole::kGiven || p.role == NameRole::kMiddle; };
  if (personal(a) && personal(b)) {
    const std::string_view english = lexicon::GivenNameAcrossLanguages(a.stem);
    if (!english.empty() && english == lexicon::GivenNameAcrossLanguages(b.stem)) {
      return {0.88, PartOutcome::kVariant, ", another language's form"};
    }
  }
  Similarity best = SpellingSimilarity(a.stem, b.stem, a.word.size(), b.word.size());
  // Same consonants, different vowels (Zaban/Zubin, Hamid/Hamad): Arabic script leaves short
  // vowels unwritten, so such words are often one name — but not always, so they agree only
  // just (fuzzy, little credit), and only from five letters on, where the consonants carry
  // the word (Said/Saud stay apart).
  if (best.value < kSkeletonAgreement && std::min(a.word.size(), b.word.size()) >= 5 && OnlyVowelsDiffer(a.stem, b.stem)) {
    best = {kSkeletonAgreement, PartOutcome::kFuzzy};
  }
  if (best.value < kSkeletonAgreement && SameConsonantsOnly(a, b)) {
    best = {kSkeletonAgreement, PartOutcome::kFuzzy, ", same consonants"};
  }
  auto surname = [](NameRole r) { return r == NameRole::kFamily || r == NameRole::kNisba; };
  if (best.value < kSkeletonAgreement && surname(a.role) && surname(b.role) && NeighbouringConsonantsSwapped(a, b)) {
    best = {kSkeletonAgreement, PartOutcome::kFuzzy, ", two consonants swapped"};
  }
  // The article glued in Latin script: "Alkurd" is al-Kurd. Tried only as an alternative, so
  // "Alexander" is never cut to "exander" unless the other name says so. The plain side's
  // French mute -e does not count towards its length (Alamin / el-Amine).
  for (const auto& [glued_part, plain_part] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
    const std::string* glued = &glued_part->stem;
    const std::string* plain = &plain_part->stem;
    const bool mute_e = plain->size() >= 4 && plain->back() == 'e' && !IsVowelLetter((*plain)[plain->size() - 2]);
    const size_t plain_length = plain->size() - (mute_e ? 1 : 0);
    // The other list wrote the article apart (ALNAIMI against AL NEAIMI): then the glued "al"
    // is that article whatever the two lengths.
    const bool article_apart = plain_part->role == NameRole::kNisba && glued->size() >= 5;
    if ((glued->size() >= plain_length + 2 || article_apart) && (glued->rfind("al", 0) == 0 || glued->rfind("el", 0) == 0)) {
      Similarity s = SpellingSimilarity(glued->substr(2), *plain, glued->size() - 2, plain->size());
      s.value *= 0.97;
      if (s.value > best.value) best = s;
    }
  }
  // One Chinese name in Wade–Giles and pinyin: Teng / Deng, Hsiao / Xiao (chinese_romanization.h).
  if ((a.wade_giles || b.wade_giles) && !a.chinese_key.empty() && a.chinese_key == b.chinese_key &&
      best.value < kChineseRomanisation) {
    return {kChineseRomanisation, PartOutcome::kVariant, ", Wade-Giles / pinyin"};
  }
  // The Arabic diphthong aw before a consonant is written "ou" or "o" by French and Turkish
  // lists: Fawzi / Fouzi, Shawki / Chouki, Mawlud / Moulud.
  if (best.value < kAgreeSimilarity) {
    const std::string da = MonophthongisedAw(a.stem), db = MonophthongisedAw(b.stem);
    if (da != a.stem || db != b.stem) {
      Similarity s = SpellingSimilarity(da, db, da.size(), db.size());
      if (s.value > best.value && s.outcome != PartOutcome::kConflict) best = {s.value, s.outcome, ", aw / ou"};
    }
  }
  const std::string_view baltic_a = WithoutBalticEnding(a.stem), baltic_b = WithoutBalticEnding(b.stem);
  if (best.outcome != PartOutcome::kExact && best.outcome != PartOutcome::kVariant &&
      (baltic_a.size() != a.stem.size()) != (baltic_b.size() != b.stem.size())) {
    const std::string ba(baltic_a), bb(baltic_b);
    Similarity s = SpellingSimilarity(ba, bb, ba.size(), bb.size());
    if (s.value > best.value && s.outcome != PartOutcome::kConflict) best = {s.value, s.outcome, ", Baltic ending"};
  }
  const std::string ea = FinalEhAsA(a), eb = FinalEhAsA(b);  // also read by the gender check below
  if (best.value < kAgreeSimilarity && (ea != a.stem || eb != b.stem)) {
    Similarity s = SpellingSimilarity(ea, eb, ea.size(), eb.size());
    if (s.value > best.value && s.outcome != PartOutcome::kConflict) best = {s.value, s.outcome, ", final -eh / -a"};
  }
  best = ApplyArabicSpellingEvidence(a.stem, b.stem, best);
  if (best.value > kDifferentOnset && DifferentOnset(a.stem, b.stem) &&
      lexicon::CompareArabicSpellings(a.stem, b.stem) != lexicon::ArabicSpellingVerdict::kSameWord) {
    best = {kDifferentOnset, PartOutcome::kConflict, ", another first letter"};
  }
  if ((IsGenderedPair(a.stem, b.stem) || IsGenderedPair(ea, eb) || IsGenderedPair(baltic_a, baltic_b)) &&
      best.value > kGenderedPair && !UngenderedSurnames(a, b)) {
    best = {kGenderedPair, PartOutcome::kConflict, ", gendered ending"};
  }
  return best;
}

// French spellings of Arabic surnames add a mute final -e after a consonant (Dibe / Deeb,
// Habibe / Habib). In a surname or nisba only: in given names a final -e is often the feminine
// (Jean / Jeanne, Louis / Louise, Simon / Simone), so it stays a difference there.
bool SilentFinalE(const NamePart& a, const NamePart& b) {
  auto surname = [](NameRole r) { return r == NameRole::kFamily || r == NameRole::kNisba; };
  if (!surname(a.role) || !surname(b.role) || a.abjad || b.abjad) return false;
  const std::string& shorter = a.stem.size() < b.stem.size() ? a.stem : b.stem;
  const std::string& longer = a.stem.size() < b.stem.size() ? b.stem : a.stem;
  return shorter.size() >= 3 && !EndsInVowel(shorter) && longer.size() == shorter.size() + 1 && longer.back() == 'e' &&
         longer.compare(0, shorter.size(), shorter) == 0;
}

// Before -allah or -din the name's last vowel is the seam's, written or not as the list hears
// the joining (عطاء الله: Ataallah, Atallah, Ataullah; Nuraddin / Nurdin): one stem is the other
// with a final vowel, and the two are one name.
bool DifferOnlyInJoiningVowel(const NamePart& a, const NamePart& b) {
  if (a.suffix != b.suffix || a.suffix == Suffix::kNone || a.abjad || b.abjad) return false;
  const std::string& shorter = a.stem.size() < b.stem.size() ? a.stem : b.stem;
  const std::string& longer = a.stem.size() < b.stem.size() ? b.stem : a.stem;
  return shorter.size() >= 2 && longer.size() == shorter.size() + 1 && IsVowelLetter(longer.back()) &&
         longer.compare(0, shorter.size(), shorter) == 0;
}

Similarity PartSimilarity(const NamePart& a, const NamePart& b) {
  if (a.role == NameRole::kInitial || b.role == NameRole::kInitial) {
    if (a.role == b.role) return {a.stem == b.stem ? 1.0 : 0.0, a.stem == b.stem ? PartOutcome::kExact : PartOutcome::kConflict};
    const NamePart& full = a.role == NameRole::kInitial ? b : a;
    const NamePart& initial = a.role == NameRole::kInitial ? a : b;
    const std::string label = PartLabel(full);  // "abd-aziz" is written A. as often as Aziz
    const bool same_letter = !label.empty() && label[0] == initial.stem[0];
    return {same_letter ? 0.85 : 0.0, same_letter ? PartOutcome::kInitial : PartOutcome::kConflict};
  }
  Similarity sim = StemSimilarity(a, b);
  if (sim.value < kSilentFinalE && *sim.note == '\0' && SilentFinalE(a, b)) {
    sim = {kSilentFinalE, PartOutcome::kVariant, ", silent final -e"};
  }
  if (sim.value < kSilentFinalE && DifferOnlyInJoiningVowel(a, b)) {
    sim = {kSilentFinalE, PartOutcome::kVariant, ", joining vowel"};
  }
  if (a.prefix != b.prefix) {
    // Abd al-Rahman ("servant of the Merciful") and Abu Rahman ("father of Rahman") are never
    // one name. Abd-X against plain X is a shortening that South Asian and Afghan lists use
    // freely (Abdul Hanif / Hanif). Abu-X against X is a kunya whose "Abu" a list dropped
    // (TRINIDAD, Abu Khalil / Khalil; AL-ADANI, Abu Sulayman / Sulayman): it agrees, weakly,
    // since the part keeps its kunya weight.
    // Two different prefixes are two different names: servant, father, mother, possessor of X.
    const bool abd_vs_abu = a.prefix != Prefix::kNone && b.prefix != Prefix::kNone;
    sim.value *= abd_vs_abu ? 0.0 : 0.85;
    if (!abd_vs_abu && sim.outcome != PartOutcome::kConflict) {
      sim.outcome = PartOutcome::kFuzzy;
      const Prefix dropped = a.prefix == Prefix::kNone ? b.prefix : a.prefix;
      sim.note = dropped == Prefix::kAbd ? ", abd dropped" : dropped == Prefix::kDhu ? ", dhu dropped" : ", abu dropped";
    }
  }
  if (a.patronymic_form != b.patronymic_form) sim.value *= 0.6;  // Oleksandr vs Oleksandrovych
  // Siraj vs Sirajuddin, Amanat vs Amanatullah: lists shorten these freely, but the long and
  // short forms are not the same name, so the pair agrees only weakly.
  if (a.suffix != b.suffix) {
    sim.value *= 0.8;
    // ... unless one side's split was a misreading: Najibullah / Najibulah written in full agree.
    if (!a.abjad && !b.abjad) {
      const Similarity whole = SpellingSimilarity(a.letters, b.letters, a.letters.size(), b.letters.size());
      if (whole.value > sim.value) sim = whole;
    }
  }
  if (sim.value < kAgreeSimilarity) sim.outcome = PartOutcome::kConflict;
  return sim;
}

// One candidate pairing: parts [a_begin, a_end) of A against [b_begin, b_end) of B; at most one
// side spans more than one part (a joined spelling).
struct Candidate {
  int a_begin, a_end, b_begin, b_end;
  Similarity sim;
};

// Parts that may be written run together with their neighbours: names, initials (A.B.C. and
// ABC) and legal forms (SiemensAG); not titles or particles, not vowel-less script.
bool Joinable(const NamePart& p) {
  return !p.abjad && p.role != NameRole::kTitle && p.role != NameRole::kParticle;
}

std::string JoinLetters(const ParsedName& name, int begin, int end) {
  std::string joined;
  for (int k = begin; k < end; ++k) joined += name.parts[k].letters;
  return joined;
}

// A word boundary in the wrong place: "Arefullaha Ref" for "Arefullah Aref", "Myongc-hin".
// `out` opens with every part of A against every part of B in row-major order (AllCandidates):
// the halves' check below reads those similarities instead of computing them again.
void AddShiftedCandidates(const ParsedName& a, const ParsedName& b, std::vector<Candidate>& out) {
  const size_t nb = b.parts.size();
  auto part_similarity = [&out, nb](int i, int j) { return out[i * nb + j].sim.value; };
  std::vector<std::string> joined_b;
  for (int j = 0; j + 1 < static_cast<int>(b.parts.size()); ++j) joined_b.push_back(JoinLetters(b, j, j + 2));
  for (int i = 0; i + 1 < static_cast<int>(a.parts.size()); ++i) {
    if (!Joinable(a.parts[i]) || !Joinable(a.parts[i + 1])) continue;
    const std::string joined_a = JoinLetters(a, i, i + 2);
    for (int j = 0; j + 1 < static_cast<int>(b.parts.size()); ++j) {
      if (!Joinable(b.parts[j]) || !Joinable(b.parts[j + 1])) continue;
      if (a.parts[i].letters == b.parts[j].letters) continue;  // the boundary is where it was
      const std::string& other = joined_b[j];
      if (other.empty() || joined_a.empty() || other[0] != joined_a[0] ||
          other.size() + 2 < joined_a.size() || joined_a.size() + 2 < other.size()) {
        continue;
      }
      const double sim = TransliterationSimilarity(joined_a, other);
      if (sim < 0.9) continue;
      // So it is when each half agrees on its own ("Abou Abderrahman" + "al-Senhadji" against
      // "Abou Abderrahmane" + "al-Sanhaji"): the halves are compared as the parts they are, with
      // their roles, not as one run of letters that counts as a kunya alone.
      if (part_similarity(i, j) >= kAgreeSimilarity && part_similarity(i + 1, j + 1) >= kAgreeSimilarity) {
        continue;
      }
      out.push_back({i, i + 2, j, j + 2, {sim, PartOutcome::kJoined}});
    }
  }
}

// Parts [begin, end) of `many` read together as the Chinese syllables of `target`, one side in
// Wade–Giles: "Tse-tung" and "Zedong".
bool SameChineseSyllables(const ParsedName& many, int begin, int end, const NamePart& target) {
  if (target.chinese_key.empty() || (!target.wade_giles && !many.parts[begin].wade_giles)) return false;
  std::string key;
  for (int k = begin; k < end; ++k) {
    if (many.parts[k].chinese_key.empty()) return false;
    key += many.parts[k].chinese_key;
  }
  return key == target.chinese_key;
}

// "FridrichBuchenberg" against "Friedrich" + "Buchenberg": the joined stems compared as one.
void AddJoinedCandidates(const ParsedName& many, const ParsedName& one, bool many_is_a,
                         std::vector<Candidate>& out) {
  const int n = static_cast<int>(many.parts.size());
  for (int begin = 0; begin < n; ++begin) {
    std::string joined = many.parts[begin].letters;
    if (!Joinable(many.parts[begin])) continue;
    for (int end = begin + 2; end <= std::min(n, begin + 3); ++end) {
      if (!Joinable(many.parts[end - 1])) break;
      joined += many.parts[end - 1].letters;
      const std::string spelled = SpellingForm(joined);  // re-collapse doubles across the seam
      for (int j = 0; j < static_cast<int>(one.parts.size()); ++j) {
        const NamePart& target = one.parts[j];
        if (!Joinable(target)) continue;
        double sim = 0.0;
        if (SameChineseSyllables(many, begin, end, target)) {
          sim = kChineseRomanisation;  // Tse-tung / Zedong: no letter need agree
        } else if (target.letters.size() + 3 >= spelled.size() && spelled.size() + 3 >= target.letters.size() &&
                   target.letters[0] == spelled[0]) {
          sim = TransliterationSimilarity(spelled, target.letters);
        }
        if (sim < 0.85) continue;
        Candidate c = many_is_a ? Candidate{begin, end, j, j + 1, {sim, PartOutcome::kJoined}}
                                : Candidate{j, j + 1, begin, end, {sim, PartOutcome::kJoined}};
        out.push_back(c);
      }
    }
  }
}

std::vector<Candidate> AllCandidates(const ParsedName& a, const ParsedName& b) {
  std::vector<Candidate> candidates;
  candidates.reserve(a.parts.size() * b.parts.size() + 8);
  // Row-major, first: AddShiftedCandidates reads these by position.
  for (int i = 0; i < static_cast<int>(a.parts.size()); ++i) {
    for (int j = 0; j < static_cast<int>(b.parts.size()); ++j) {
      candidates.push_back({i, i + 1, j, j + 1, PartSimilarity(a.parts[i], b.parts[j])});
    }
  }
  AddJoinedCandidates(a, b, true, candidates);
  AddJoinedCandidates(b, a, false, candidates);
  AddShiftedCandidates(a, b, candidates);
  // Strongest first; among equals prefer pairs at the same relative position in their names
  // (Hans J. vs Hans Joachim; the second Ibrahim of "Ibrahim Sabawi Ibrahim Hasan" for the
  // Ibrahim of "Sabawi Ibrahim Hassan"), so that repeated names keep their order.
  const double na = std::max<size_t>(1, a.parts.size()), nb = std::max<size_t>(1, b.parts.size());
  auto offset = [&](const Candidate& c) { return std::abs((c.a_begin + 0.5) / na - (c.b_begin + 0.5) / nb); };
  std::stable_sort(candidates.begin(), candidates.end(), [&](const Candidate& x, const Candidate& y) {
    if (x.sim.value != y.sim.value) return x.sim.value > y.sim.value;
    return offset(x) < offset(y);
  });
  return candidates;
}

struct Alignment {
  std::vector<Candidate> agreed;     // similarity >= kAgreeSimilarity
  std::vector<Candidate> conflicts;  // leftover informative parts paired across the names
  // Abd-X agreed with plain X leaves the "Abd" unexplained; if the plain side has a leftover
  // part it took the Abd's place (ABDUL MOHAMMED vs SHAH MOHAMMED): a substitution.
  struct AbdSubstitution {
    int abd_part;  // in the name that carries the Abd
    int leftover;  // in the other name
    bool abd_in_a;
  };
  std::vector<AbdSubstitution> abd_substitutions;
  std::vector<int> missing_a, missing_b;
};

bool Free(const std::vector<bool>& used, int begin, int end) {
  for (int k = begin; k < end; ++k) {
    if (used[k]) return false;
  }
  return true;
}
void Take(std::vector<bool>& used, int begin, int end) {
  for (int k = begin; k < end; ++k) used[k] = true;
}

// For each agreed Abd-X ~ X pair, the nearest unused personal part on the plain side, if any,
// is recorded as having replaced the "Abd".
void MatchDanglingAbd(const ParsedName& a, const ParsedName& b, std::vector<bool>& used_a,
                      std::vector<bool>& used_b, Alignment& alignment) {
  for (const Candidate& c : alignment.agreed) {
    if (c.a_end - c.a_begin != 1 || c.b_end - c.b_begin != 1) continue;
    const NamePart& pa = a.parts[c.a_begin];
    const NamePart& pb = b.parts[c.b_begin];
    if ((pa.prefix == Prefix::kAbd) == (pb.prefix == Prefix::kAbd) ||
        (pa.prefix != Prefix::kNone && pb.prefix != Prefix::kNone)) {
      continue;
    }
    const bool abd_in_a = pa.prefix == Prefix::kAbd;
    const ParsedName& plain = abd_in_a ? b : a;
    std::vector<bool>& used = abd_in_a ? used_b : used_a;
    const int at = abd_in_a ? c.b_begin : c.a_begin;
    int best = -1;
    for (int k = 0; k < static_cast<int>(plain.parts.size()); ++k) {
      if (used[k] || IsStructural(plain.parts[k].role)) continue;
      if (best < 0 || std::abs(k - at) < std::abs(best - at)) best = k;
    }
    if (best < 0) continue;
    used[best] = true;
    // A misspelt Abdul (Adbul, Abudl) left on the plain side is the Abd itself, not a substitute.
    if (TransliterationSimilarity(plain.parts[best].stem, "abdul") >= 0.6 ||
        TransliterationSimilarity(plain.parts[best].stem, "abd") >= 0.6) {
      continue;
    }
    // Nor is an "A." just before the name: Malay and Indonesian lists shorten Abdul to its
    // initial (A. Rahman, A. Samad for Abdul Rahman, Abdul Samad).
    if (best + 1 == at && plain.parts[best].stem == "a") continue;
    alignment.abd_substitutions.push_back({abd_in_a ? c.a_begin : c.b_begin, best, abd_in_a});
  }
}

// The given name (or kunya) opening a name after any titles, or -1.
int FirstPersonal(const ParsedName& name) {
  for (int k = 0; k < static_cast<int>(name.parts.size()); ++k) {
    const NameRole r = name.parts[k].role;
    if (r == NameRole::kGiven || r == NameRole::kKunya) return k;
    if (!IsStructural(r)) return -1;
  }
  return -1;
}

// Whether two words begin with letters that no romanisation convention exchanges: two
// consonants whose substitution is not one of the cheap alternations (k/q, c/k, g/j, d/z, s/z,
// v/w, b/p ...). The first letter of a name is the first radical of its root, which every
// romanisation writes with the same letter or a conventional alternative, so a near miss that
// starts with another consonant is another name: Bijan / Viyan (بیژن / ویان).
bool DifferentFirstConsonants(const NamePart& a, const NamePart& b) {
  if (a.word.empty() || b.word.empty() || a.word[0] == b.word[0]) return false;
  auto consonant = [](char c) { return c >= 'b' && c <= 'z' && !IsVowelLetter(c) && c != 'h' && c != 'w'; };
  if (!consonant(a.word[0]) || !consonant(b.word[0])) return false;
  return TransliterationDistance(a.word.substr(0, 1), b.word.substr(0, 1)) >= 1.0;
}

// Whether Wikidata's labels show two spellings to write distinct Arabic words, so that a near
// miss between them is two names, not one name's spellings: words with the same consonants
// (Hasan / Husayn, the classic brothers' names), or words with no consonants in common however
// rarely either spelling was seen (Mohamed محمد / Majd مجد, Majd in six labels). Refusing to read
// a near miss as a spelling needs less evidence than overruling the edit distance does
// (ApplyArabicSpellingEvidence, ten sightings), so here a spelling counts once it is attested as
// often as the term-frequency table asks of a token (five sightings, name_frequency_table.inc);
// below that a label's word alignment is too noisy to say (Barack and Asim, three each, are
// spellings of Barry and Azzam in real lists).
constexpr double kAttestedSightings = 5;
bool DistinctArabicWords(const NamePart& a, const NamePart& b) {
  const lexicon::ArabicSpellingVerdict verdict = lexicon::CompareArabicSpellings(a.stem, b.stem, kAttestedSightings);
  return verdict == lexicon::ArabicSpellingVerdict::kSameConsonants ||
         verdict == lexicon::ArabicSpellingVerdict::kDifferentWords;
}

// Whether a name is an organisation's: it states a legal form (Ltd, LLC, JSC ...) or a word
// naming a kind of body (Group, Holding, Trading, Bank, Foundation ...: IsOrganisationWord).
bool IsOrganisationName(const ParsedName& name) {
  return std::any_of(name.parts.begin(), name.parts.end(), [](const NamePart& p) {
    return p.role == NameRole::kLegalForm || lexicon::IsOrganisationWord(p.word);
  });
}

// A near miss in the given name next to an agreeing family name is a romanisation of one given
// name (Naved / Nuwayd, Rahim / Rochim, Djamal / Damel), as far as the lists show: among
// different persons of one surname no pair of given names comes that close, because parents
// give their children distinct names. What does come that close are distinct names with the
// same consonants (Hasan / Husayn, Azim / Azam, the classic brothers' names) and short names a
// long one nearly contains (Majd in Mohamed), which Wikidata's labels show as two words
// (DistinctArabicWords): those stay conflicts. So do Chinese and Korean syllables and names
// in East Asian order, where the first word is the family name or half of a two-syllable given
// name, and agreement on a kunya alone or on a nisba written after the given name, which whole
// clans share (a nisba both lists file as the surname is their family name). Two spellings of one
// kunya next to an agreeing family name are read the same way.
void AcceptNearMissInGivenName(const ParsedName& a, const ParsedName& b, int given_a, int given_b, Alignment& alignment) {
  // Family name first: the "given" slot holds the family name (Chiang / Chen Kai-shek).
  if (a.east_asian_order || b.east_asian_order) return;
  // A nisba that both lists file as the surname ("AL-HOUTHI, Abd al-Malik") is their family name;
  // written after a given name ("Naved al-Masri") it may be an origin a whole clan or city shares.
  const bool filed_as_surnames = a.surname_first && b.surname_first;
  const bool family_agrees = std::any_of(alignment.agreed.begin(), alignment.agreed.end(), [&](const Candidate& c) {
    const NamePart& pa = a.parts[c.a_begin];
    const NamePart& pb = b.parts[c.b_begin];
    const bool nisba = pa.role == NameRole::kNisba || pb.role == NameRole::kNisba;
    return (pa.role == NameRole::kFamily || pb.role == NameRole::kFamily || (nisba && filed_as_surnames)) &&
           (!nisba || filed_as_surnames) && pa.role != NameRole::kKunya && pb.role != NameRole::kKunya &&
           std::min(pa.stem.size(), pb.stem.size()) >= 3;
  });
  if (!family_agrees) return;
  for (auto it = alignment.conflicts.begin(); it != alignment.conflicts.end(); ++it) {
    const NamePart& pa = a.parts[it->a_begin];
    const NamePart& pb = b.parts[it->b_begin];
    // The kunya is what such a man is called by, wherever a list puts it ("ABOU MOSSAAH,
    // Abdelouadoud" against "ABDELOUADOUD, Abou Musab"): two spellings of one kunya are read
    // like two of one given name. A kunya against a plain name is not a spelling.
    const bool kunyas = pa.role == NameRole::kKunya && pb.role == NameRole::kKunya && pa.prefix == pb.prefix;
    const bool given = it->a_begin == given_a && it->b_begin == given_b && pa.role != NameRole::kKunya &&
                       pb.role != NameRole::kKunya;
    if (!given && !kunyas) continue;
    const bool syllables = pa.hangul || pb.hangul || !pa.chinese_key.empty() || !pb.chinese_key.empty();
    // Abdul Rosyid / Rasyid: a near miss whose Abd a list dropped is still the given name's.
    const bool abd_dropped = std::string_view(it->sim.note) == ", abd dropped";
    if (it->sim.value < kGivenNearMissSimilarity || (*it->sim.note != '\0' && !abd_dropped) || syllables) return;
    if (DistinctArabicWords(pa, pb) || DifferentFirstConsonants(pa, pb)) return;
    // The argument above is about parents naming children. An organisation's first word is a
    // brand, founder or place word chosen to differ from a rival's, and its "family name" is a
    // designator many bodies share: The Sigma Group / The Cigna Group, Sigma Holding / Cigna
    // Holding are two companies. Its transliteration variants (Alpha / Alfa, Noor / Nur) are
    // variants by the edit costs and never need this rule. Asked last: it looks up every word.
    if (IsOrganisationName(a) || IsOrganisationName(b)) return;
    Candidate accepted = *it;
    accepted.sim = {it->sim.value, PartOutcome::kFuzzy,
                    kunyas        ? ", near miss in the kunya"
                    : abd_dropped ? ", abd dropped, near miss in the given name"
                                  : ", near miss in the given name"};
    alignment.agreed.push_back(accepted);
    alignment.conflicts.erase(it);
    return;
  }
}

// Whether every personal part of both names is in an agreement or a conflict: none is missing.
bool EveryPersonalPartPaired(const ParsedName& a, const ParsedName& b, const Alignment& alignment) {
  std::vector<bool> used_a(a.parts.size()), used_b(b.parts.size());
  for (const std::vector<Candidate>* list : {&alignment.agreed, &alignment.conflicts}) {
    for (const Candidate& c : *list) {
      Take(used_a, c.a_begin, c.a_end);
      Take(used_b, c.b_begin, c.b_end);
    }
  }
  for (size_t k = 0; k < a.parts.size(); ++k) {
    if (!used_a[k] && !IsStructural(a.parts[k].role)) return false;
  }
  for (size_t k = 0; k < b.parts.size(); ++k) {
    if (!used_b[k] && !IsStructural(b.parts[k].role)) return false;
  }
  return true;
}

// Whether a name is built by the Arabic name grammar (Abd-, Abu-, bin, al-, -din, -allah) or
// written in Arabic script: a name transliterated into Latin letters, not written in them.
bool HasArabicStructure(const ParsedName& name) {
  return std::any_of(name.parts.begin(), name.parts.end(), [](const NamePart& p) {
    return p.abjad || p.prefix != Prefix::kNone || p.suffix != Suffix::kNone || p.role == NameRole::kNisba ||
           p.role == NameRole::kKunya || p.role == NameRole::kPatronymic;
  });
}

// A near miss in the family name of a name whose given name agrees, with no other part on
// either side, is a spelling of that family name when the name is an Arabic one (DROUKDAL /
// DROUKBEL, Abdelmalek; HEKHMARTYAR / KHEKMATIYAR, Gulbuddin): a surname transliterated from
// Arabic script has as many Latin spellings as there are list conventions, while one written
// natively in Latin letters has one spelling, so a near miss there is another family (Anthony
// Albano / Albanese, Augusto Pinosa / Pinochet). Syllables, distinct Arabic words
// (DistinctArabicWords) and another first consonant stay conflicts, as in the given-name rule.
void AcceptNearMissInFamilyName(const ParsedName& a, const ParsedName& b, Alignment& alignment) {
  if (a.east_asian_order || b.east_asian_order || (!HasArabicStructure(a) && !HasArabicStructure(b))) return;
  if (alignment.conflicts.size() != 1 || !EveryPersonalPartPaired(a, b, alignment)) return;
  const Candidate c = alignment.conflicts.front();
  const NamePart& pa = a.parts[c.a_begin];
  const NamePart& pb = b.parts[c.b_begin];
  if (pa.role != NameRole::kFamily || pb.role != NameRole::kFamily) return;
  if (c.sim.value < kGivenNearMissSimilarity || *c.sim.note != '\0') return;
  if (pa.hangul || pb.hangul || !pa.chinese_key.empty() || !pb.chinese_key.empty()) return;
  if (DistinctArabicWords(pa, pb) || DifferentFirstConsonants(pa, pb)) return;
  Candidate accepted = c;
  accepted.sim = {c.sim.value, PartOutcome::kFuzzy, ", near miss in the family name"};
  alignment.agreed.push_back(accepted);
  alignment.conflicts.clear();
}

// A near-miss in a later part of a long name whose given name and at least one more part agree
// is a spelling of that part, not a different person: Prasondha / Persadha (Angga Dimas),
// Santillana / Santanilla (Miguel Botache), al-Umgy / al-Umqi (Muhammad Salih Abd-Rabbuh).
// Siblings and cousins share the later parts and differ in the given name, so a near-miss in
// the given name, a kunya or nisba, or in a short name, stays a conflict under this rule; the
// stricter given-name, kunya and nisba rules below and above read those.
void AcceptNearMissesInAgreeingNames(const ParsedName& a, const ParsedName& b, Alignment& alignment) {
  const int given_a = FirstPersonal(a), given_b = FirstPersonal(b);
  if (given_a < 0 || given_b < 0) return;
  // The support besides the given name must be a word, not a syllable: in "RA SONG-SU" against
  // "RA KY'ONG-SU" the shared "su" is half of two different Korean given names.
  bool given_agrees = false, other_agrees = false;
  int others = 0;
  for (const Candidate& c : alignment.agreed) {
    const NamePart& pa = a.parts[c.a_begin];
    const NamePart& pb = b.parts[c.b_begin];
    if (IsStructural(pa.role)) continue;
    const bool single = c.a_end == c.a_begin + 1 && c.b_end == c.b_begin + 1;
    if (single && c.a_begin == given_a && c.b_begin == given_b) {
      given_agrees = true;
    } else if (pa.role != NameRole::kInitial && pb.role != NameRole::kInitial &&
               std::min(pa.stem.size(), pb.stem.size()) >= 3) {
      other_agrees = true;
      ++others;
    }
  }
  if (!given_agrees) {
    AcceptNearMissInGivenName(a, b, given_a, given_b, alignment);
    return;
  }
  // With the given name and three more words agreeing the names are one man's unless a part
  // really differs, so a nearer miss suffices to read a later part as its spelling (Hassan /
  // Hassum after Hamid Raja Shalah al-Tikriti). The agreeing words are what a namesake cousin
  // would not share: each narrows who the name can be.
  const double later_bar = others >= 3 ? kNearMissInLongNames : kNearMissSimilarity;
  // A nisba is transliterated like any other word (al-Rimi / al-Rami), and different clans'
  // nisbas are different words, rarely near misses of each other. So a near miss between two
  // nisbas is a spelling when the given name agrees and no part of either name is left
  // unpaired; a man listed with an extra given name and a near nisba (al-Aulaqi, Anwar /
  // al-Olabi, Adil Anwar) is left apart, since a list that names more of him disagrees there.
  const bool near_nisbas = std::any_of(alignment.conflicts.begin(), alignment.conflicts.end(), [&](const Candidate& c) {
    return a.parts[c.a_begin].role == NameRole::kNisba && b.parts[c.b_begin].role == NameRole::kNisba &&
           c.sim.value >= kGivenNearMissSimilarity;
  });
  const bool paired = near_nisbas && EveryPersonalPartPaired(a, b, alignment);
  if (!other_agrees && !paired) {
    AcceptNearMissInFamilyName(a, b, alignment);
    return;
  }
  std::vector<Candidate> kept;
  for (const Candidate& c : alignment.conflicts) {
    const NameRole ra = a.parts[c.a_begin].role, rb = b.parts[c.b_begin].role;
    // A Korean syllable from Hangul was already compared in its Korean form: a near miss there
    // is another syllable, another name (이재형 / Lee Jae-myung).
    const bool syllable = a.parts[c.a_begin].hangul || b.parts[c.b_begin].hangul;
    const bool weak_role = ra == NameRole::kKunya || rb == NameRole::kKunya || ra == NameRole::kNisba ||
                           rb == NameRole::kNisba || ra == NameRole::kInitial || rb == NameRole::kInitial || syllable;
    const bool nisbas = ra == NameRole::kNisba && rb == NameRole::kNisba && !syllable;
    if (other_agrees && c.sim.value >= later_bar && !weak_role && *c.sim.note == '\0') {
      Candidate accepted = c;
      accepted.sim = {c.sim.value, PartOutcome::kFuzzy, ", near miss in an agreeing name"};
      alignment.agreed.push_back(accepted);
    } else if (nisbas && c.sim.value >= kGivenNearMissSimilarity && *c.sim.note == '\0' && paired) {
      Candidate accepted = c;
      accepted.sim = {c.sim.value, PartOutcome::kFuzzy, ", near miss in the nisba"};
      alignment.agreed.push_back(accepted);
    } else {
      kept.push_back(c);
    }
  }
  alignment.conflicts = std::move(kept);
}

Alignment Align(const ParsedName& a, const ParsedName& b) {
  Alignment alignment;
  const std::vector<Candidate> candidates = AllCandidates(a, b);
  std::vector<bool> used_a(a.parts.size()), used_b(b.parts.size());
  for (const Candidate& c : candidates) {
    if (c.sim.value < kAgreeSimilarity) break;
    if (!Free(used_a, c.a_begin, c.a_end) || !Free(used_b, c.b_begin, c.b_end)) continue;
    Take(used_a, c.a_begin, c.a_end);
    Take(used_b, c.b_begin, c.b_end);
    alignment.agreed.push_back(c);
  }
  // What is left on both sides is a substitution: pair the leftover personal parts, most
  // similar first. Structural parts (titles, legal forms, particles) never conflict.
  for (const Candidate& c : candidates) {
    if (c.a_end - c.a_begin != 1 || c.b_end - c.b_begin != 1) continue;
    if (used_a[c.a_begin] || used_b[c.b_begin]) continue;
    if (IsStructural(a.parts[c.a_begin].role) || IsStructural(b.parts[c.b_begin].role)) continue;
    used_a[c.a_begin] = used_b[c.b_begin] = true;
    alignment.conflicts.push_back(c);
  }
  AcceptNearMissesInAgreeingNames(a, b, alignment);
  MatchDanglingAbd(a, b, used_a, used_b, alignment);
  for (int i = 0; i < static_cast<int>(a.parts.size()); ++i) {
    if (!used_a[i]) alignment.missing_a.push_back(i);
  }
  for (int j = 0; j < static_cast<int>(b.parts.size()); ++j) {
    if (!used_b[j]) alignment.missing_b.push_back(j);
  }
  return alignment;
}

double SpanWeight(const ParsedName& name, int begin, int end) {
  double w = 0.0;
  for (int k = begin; k < end; ++k) w = std::max(w, name.parts[k].weight);
  return w;
}

// The more specific role of two aligned parts: a nisba against a family name is a nisba.
NameRole PairRole(NameRole x, NameRole y) {
  auto rank = [](NameRole r) {
    switch (r) {
      case NameRole::kKunya: return 6;
      case NameRole::kNisba: return 5;
      case NameRole::kPatronymic: return 4;
      case NameRole::kFamily: return 3;
      case NameRole::kGiven: return 2;
      case NameRole::kMiddle: return 1;
      default: return 0;
    }
  };
  return rank(x) >= rank(y) ? x : y;
}

// How strongly a conflict in a role argues for two different people. A different nisba or
// kunya is close to decisive (brothers differ only in the given name; cousins in the nisba), a
// different middle name less so (sources disagree on how many ancestors they list).
double ConflictSeverity(NameRole role) {
  switch (role) {
    case NameRole::kKunya: return 0.85;
    case NameRole::kNisba: return 0.8;
    case NameRole::kGiven: return 0.75;
    case NameRole::kFamily: return 0.75;
    case NameRole::kPatronymic: return 0.7;
    case NameRole::kMiddle: return 0.6;
    case NameRole::kInitial: return 0.3;  // H.A. may abbreviate any of several names
    default: return 0.1;
  }
}

bool IsRoleSwap(NameRole x, NameRole y) {
  return (x == NameRole::kGiven && y == NameRole::kPatronymic) || (x == NameRole::kPatronymic && y == NameRole::kGiven);
}

std::string SpanLabel(const ParsedName& name, int begin, int end) {
  std::string label;
  for (int k = begin; k < end; ++k) {
    if (!label.empty()) label += "+";
    label += PartLabel(name.parts[k]);
  }
  return label;
}

std::string HowText(PartOutcome outcome, double sim) {
  char buf[32];
  switch (outcome) {
    case PartOutcome::kExact: return "exact";
    case PartOutcome::kVariant: return "variant";
    case PartOutcome::kFuzzy: std::snprintf(buf, sizeof buf, "fuzzy %.2f", sim); return buf;
    case PartOutcome::kInitial: return "initial";
    case PartOutcome::kJoined: std::snprintf(buf, sizeof buf, "joined %.2f", sim); return buf;
    case PartOutcome::kMissing: return "missing";
    case PartOutcome::kConflict: std::snprintf(buf, sizeof buf, "conflict %.2f", sim); return buf;
    case PartOutcome::kIgnored: return "ignored";
  }
  return "?";
}

bool HasPatronymic(const ParsedName& name) {
  return std::any_of(name.parts.begin(), name.parts.end(),
                     [](const NamePart& p) { return p.role == NameRole::kPatronymic; });
}

// How many agreeing parts stand out of order: the agreed parts minus the longest run that keeps
// its order in both names (the longest increasing subsequence of B positions taken in A order).
// A word moved from the end to the front ("AHMED, Adnan S. Hasan" against "ADNAN, Ahmed S.
// Hasan", a surname and given name swapped) is one or two moves, where counting pairwise
// inversions made it five and punished a long name for the same single mistake more than a
// short one.
int CountMovedParts(std::vector<Candidate> agreed) {
  std::sort(agreed.begin(), agreed.end(), [](const Candidate& x, const Candidate& y) { return x.a_begin < y.a_begin; });
  std::vector<int> tails;  // tails[k]: smallest B position ending an ordered run of length k + 1
  for (const Candidate& c : agreed) {
    const auto it = std::lower_bound(tails.begin(), tails.end(), c.b_begin);
    if (it == tails.end()) {
      tails.push_back(c.b_begin);
    } else {
      *it = c.b_begin;
    }
  }
  return static_cast<int>(agreed.size() - tails.size());
}

class Scorer {
 public:
  Scorer(const ParsedName& a, const ParsedName& b) : a_(a), b_(b) {}

  NameMatch Score(const Alignment& alignment, const NameMatchOptions& options) {
    for (const Candidate& c : alignment.agreed) AddAgreement(c);
    for (const Candidate& c : alignment.conflicts) AddConflict(c);
    for (const Alignment::AbdSubstitution& sub : alignment.abd_substitutions) AddAbdSubstitution(sub);
    for (int i : alignment.missing_a) AddMissing(a_.parts[i], true, alignment);
    for (int j : alignment.missing_b) AddMissing(b_.parts[j], false, alignment);

    NameMatch match;
    const double denominator = agree_weight_ + conflict_weight_ + missing_weight_;
    if (denominator <= 0.0 || evidence_ <= 0.0) {
      match.parts = std::move(parts_);
      return match;
    }
    const double coverage = agree_similarity_ / denominator;
    const double lineage = LineageShiftFactor(alignment);
    const double legal = LegalFormsDisagree(alignment) ? kLegalFormConflictFactor : 1.0;
    // Logographic scripts: one different character is a different name whatever the
    // romanisation says (高石 and 高市 are both "gao shi").
    const double script = !a_.logograms.empty() && !b_.logograms.empty() && a_.logograms != b_.logograms ? 0.5 : 1.0;
    const double sufficiency = std::sqrt(std::min(1.0, evidence_ / kEnoughEvidence));
    // "SURNAME, Given" forms were put in given-first order by the parser, so order compares.
    const double order = std::pow(kMovedPartFactor, CountMovedParts(alignment.agreed));
    match.score = std::clamp(coverage * sufficiency * conflict_factor_ * order * script * lineage * legal, 0.0, 1.0);
    match.match = match.score >= options.threshold;
    match.parts = std::move(parts_);
    return match;
  }

 private:
  bool LegalFormsDisagree(const Alignment& alignment) const {
    auto has_form = [](const ParsedName& n) {
      return std::any_of(n.parts.begin(), n.parts.end(), [](const NamePart& p) { return p.role == NameRole::kLegalForm; });
    };
    if (!has_form(a_) || !has_form(b_)) return false;
    for (const Candidate& c : alignment.agreed) {
      for (int k = c.a_begin; k < c.a_end; ++k) {
        if (a_.parts[k].role == NameRole::kLegalForm) return false;
      }
    }
    return true;
  }

  double LineageShiftFactor(const Alignment& alignment) const {
    const int given_a = FirstPersonal(a_), given_b = FirstPersonal(b_);
    if (given_a < 0 || given_b < 0) return 1.0;
    auto missing = [](const std::vector<int>& list, int k) { return std::find(list.begin(), list.end(), k) != list.end(); };
    for (const Candidate& c : alignment.agreed) {
      const bool a_given_to_b_later = c.a_begin == given_a && c.b_begin > given_b && missing(alignment.missing_b, given_b);
      const bool b_given_to_a_later = c.b_begin == given_b && c.a_begin > given_a && missing(alignment.missing_a, given_a);
      if (a_given_to_b_later || b_given_to_a_later) {
        return HasArabicStructure(a_) || HasArabicStructure(b_) ? kLineageShiftArabic : kLineageShiftOther;
      }
    }
    return 1.0;
  }

  void AddAgreement(const Candidate& c) {
    const double w = 0.5 * (SpanWeight(a_, c.a_begin, c.a_end) + SpanWeight(b_, c.b_begin, c.b_end));
    const NameRole ra = a_.parts[c.a_begin].role, rb = b_.parts[c.b_begin].role;
    // Credit grows linearly from 0.4 to 1: a fuzzy agreement proves less than a
    // variant, which proves less than an exact spelling.
    const double credit = std::clamp((c.sim.value - 0.4) / 0.6, 0.0, 1.0);
    agree_weight_ += w;
    agree_similarity_ += w * credit;
    evidence_ += w * credit;
    const bool swap = IsRoleSwap(ra, rb) && HasPatronymic(a_) && HasPatronymic(b_);
    if (swap) conflict_factor_ *= kRoleSwapFactor;
    parts_.push_back({SpanLabel(a_, c.a_begin, c.a_end), SpanLabel(b_, c.b_begin, c.b_end), PairRole(ra, rb),
                      c.sim.outcome, c.sim.value,
                      HowText(c.sim.outcome, c.sim.value) + c.sim.note + (swap ? ", role swap" : "")});
  }

  void AddConflict(const Candidate& c) {
    const NamePart& pa = a_.parts[c.a_begin];
    const NamePart& pb = b_.parts[c.b_begin];
    const NameRole role = PairRole(pa.role, pb.role);
    const double w = std::max(pa.weight, pb.weight);
    conflict_weight_ += w;
    // Severity fades for near-misses just under the agreement floor.
    const double closeness = std::clamp((c.sim.value - 0.4) / (kAgreeSimilarity - 0.4), 0.0, 1.0);
    conflict_factor_ *= 1.0 - ConflictSeverity(role) * (1.0 - 0.5 * closeness);
    const bool abd_vs_abu = (pa.prefix == Prefix::kAbd && pb.prefix == Prefix::kAbu) ||
                            (pa.prefix == Prefix::kAbu && pb.prefix == Prefix::kAbd);
    parts_.push_back({PartLabel(pa), PartLabel(pb), role, PartOutcome::kConflict, c.sim.value,
                      abd_vs_abu ? "conflict: abd-X is never abu-X" : HowText(PartOutcome::kConflict, c.sim.value) + c.sim.note});
  }

  // Which side carries the Abd is recorded, not read off the parts: the leftover may itself
  // be an Abd-name (ABDUL HAQQANI MANAN against ABDUL MANAN).
  void AddAbdSubstitution(const Alignment::AbdSubstitution& sub) {
    const NamePart& other = sub.abd_in_a ? b_.parts[sub.leftover] : a_.parts[sub.leftover];
    conflict_weight_ += other.weight;
    conflict_factor_ *= 1.0 - ConflictSeverity(NameRole::kMiddle);
    parts_.push_back({sub.abd_in_a ? "abd" : PartLabel(other), sub.abd_in_a ? PartLabel(other) : "abd", NameRole::kMiddle,
                      PartOutcome::kConflict, 0.0, "conflict: abd replaced"});
  }

  // A part that repeats a spelling variant of a part of its own name that did agree —
  // "Michaela Michelle Micheli" against "Michaela" — adds no name the other side lacks, so it
  // costs nothing. Only variants: "Jamal Kamal" against "Jamal" is a son of Kamal, and "Hassan
  // Hussein" a son of Hussein.
  const NamePart* RepeatedPart(const NamePart& part, bool in_a, const Alignment& alignment) const {
    const ParsedName& own = in_a ? a_ : b_;
    for (const Candidate& c : alignment.agreed) {
      const int begin = in_a ? c.a_begin : c.b_begin, end = in_a ? c.a_end : c.b_end;
      if (end != begin + 1 || IsStructural(own.parts[begin].role)) continue;
      const Similarity sim = PartSimilarity(part, own.parts[begin]);
      if (sim.outcome == PartOutcome::kExact || sim.outcome == PartOutcome::kVariant) return &own.parts[begin];
    }
    return nullptr;
  }

  void AddMissing(const NamePart& part, bool in_a, const Alignment& alignment) {
    const bool structural = IsStructural(part.role);
    const NamePart* repeated = structural ? nullptr : RepeatedPart(part, in_a, alignment);
    if (!structural && !repeated) missing_weight_ += kMissingCost * part.weight;
    const PartOutcome outcome = structural || repeated ? PartOutcome::kIgnored : PartOutcome::kMissing;
    const std::string how = repeated ? "repeats " + PartLabel(*repeated) : HowText(outcome, 0.0);
    parts_.push_back({in_a ? PartLabel(part) : "", in_a ? "" : PartLabel(part), part.role, outcome, 0.0, how});
  }

  const ParsedName& a_;
  const ParsedName& b_;
  double agree_weight_ = 0, agree_similarity_ = 0, evidence_ = 0;
  double conflict_weight_ = 0, missing_weight_ = 0, conflict_factor_ = 1.0;
  std::vector<PartMatch> parts_;
};

}  // namespace

NameMatch CompareParsedNames(const ParsedName& a, const ParsedName& b, const NameMatchOptions& options) {
  if (a.parts.size() <= kMaxComparedParts && b.parts.size() <= kMaxComparedParts) {
    const Alignment alignment = Align(a, b);
    return Scorer(a, b).Score(alignment, options);
  }
  // The alignment scores every part against every part (and runs of parts joined), so its work
  // grows with the product of the part counts: two names of 1,000 parts took 1-2 s. No name has
  // that many (the longest in the evaluation data has 10 words); such input is a whole text
  // pasted into a name field. Compare the first kMaxComparedParts parts of each and say so.
  // A whole copy, cut: every field of ParsedName kept, including any added later.
  auto first_parts = [](const ParsedName& name) {
    ParsedName kept = name;
    if (kept.parts.size() > kMaxComparedParts) kept.parts.resize(kMaxComparedParts);
    return kept;
  };
  const ParsedName kept_a = first_parts(a), kept_b = first_parts(b);
  const Alignment alignment = Align(kept_a, kept_b);
  NameMatch match = Scorer(kept_a, kept_b).Score(alignment, options);
  match.parts_not_compared_a = a.parts.size() - kept_a.parts.size();
  match.parts_not_compared_b = b.parts.size() - kept_b.parts.size();
  return match;
}

NameMatch CompareNames(std::string_view a, std::string_view b, const NameMatchOptions& options) {
  return CompareParsedNames(ParseName(a), ParseName(b), options);
}

std::vector<std::string> NameBlockingKeys(const ParsedName& name) {
  std::vector<std::string> keys;
  for (const NamePart& part : name.parts) {
    if (IsStructural(part.role) || part.role == NameRole::kInitial || part.weight < 0.3) continue;
    const char* prefix = part.prefix == Prefix::kAbd ? "abd:" : part.prefix == Prefix::kAbu ? "abu:"
                         : part.prefix == Prefix::kUmm ? "umm:" : part.prefix == Prefix::kDhu ? "dhu:" : ":";
    const std::string canonical(lexicon::CanonicalVariant(part.stem));
    keys.push_back(prefix + ConsonantSkeleton(canonical));
    // The article glued in Latin script ("ELAMRANI" for al-Amrani): StemSimilarity tries the
    // stem without it, so blocking must too, or the pair is never compared. An extra key only
    // adds candidate pairs ("Alexander" also keys as "exander"), never loses one.
    if (!part.abjad && part.stem.size() >= 6 && (part.stem.rfind("al", 0) == 0 || part.stem.rfind("el", 0) == 0)) {
      keys.push_back(prefix + ConsonantSkeleton(part.stem.substr(2)));
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::string_view OutcomeName(PartOutcome outcome) {
  switch (outcome) {
    case PartOutcome::kExact: return "exact";
    case PartOutcome::kVariant: return "variant";
    case PartOutcome::kFuzzy: return "fuzzy";
    case PartOutcome::kInitial: return "initial";
    case PartOutcome::kJoined: return "joined";
    case PartOutcome::kMissing: return "missing";
    case PartOutcome::kConflict: return "conflict";
    case PartOutcome::kIgnored: return "ignored";
  }
  return "?";
}

std::string TruncationNote(const NameMatch& match) {
  std::string note;
  for (const auto& [side, dropped] :
       {std::pair{'A', match.parts_not_compared_a}, std::pair{'B', match.parts_not_compared_b}}) {
    if (dropped == 0) continue;
    if (!note.empty()) note += "; ";
    note += std::string("name ") + side + " truncated: only its first " +
            std::to_string(kMaxComparedParts) + " of " +
            std::to_string(kMaxComparedParts + dropped) + " parts were compared";
  }
  return note;
}

std::string ExplainMatch(const NameMatch& match) {
  std::string out;
  if (const std::string note = TruncationNote(match); !note.empty()) out += "  (" + note + ")\n";
  char line[256];
  for (const PartMatch& p : match.parts) {
    std::snprintf(line, sizeof line, "  %-22s ~ %-22s %-10s %s\n", p.part_a.empty() ? "-" : p.part_a.c_str(),
                  p.part_b.empty() ? "-" : p.part_b.c_str(), std::string(RoleName(p.role)).c_str(), p.how.c_str());
    out += line;
  }
  return out;
}

}  // namespace linchpin::resolve
