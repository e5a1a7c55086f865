// ICU-based folding of names to lowercase ASCII; see name_normalize.h.
#include "resolve/names/name_normalize.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace linchpin::resolve {
namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Keeps the characters the tokeniser understands; everything else becomes a space.
void AppendAsciiChar(std::string& out, char c) {
  if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == ',' ||
                    c == '\'' || c == ' ';
  out.push_back(keep ? c : (c == '`' ? '\'' : ' '));
}

const icu::Transliterator* ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "NFKC; Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    // ICU ships these rules in its data; failing to build them is a broken installation.
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  return transliterator.get();
}

// Devanagari alone into ICU's Latin (ISO 15919, with its diacritics), for
// RomaniseDevanagariSibilants.
const icu::Transliterator* ThreadDevanagariTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Devanagari-Latin", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  return transliterator.get();
}

bool IsLogographicOrSyllabic(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  return script == USCRIPT_HAN || script == USCRIPT_HANGUL || script == USCRIPT_HIRAGANA ||
         script == USCRIPT_KATAKANA;
}

bool IsAbjad(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  return script == USCRIPT_ARABIC || script == USCRIPT_HEBREW || script == USCRIPT_SYRIAC ||
         script == USCRIPT_THAANA;
}

// In Arabic script the article is joined to its noun: "السيسي" is al-Sisi. Insert a hyphen after
// a word-initial alef-lam so the tokeniser sees the same structure as in Latin script. The word
// must be longer than the article plus two letters, which leaves "الله" (Allah) alone.
icu::UnicodeString SplitArabicArticle(const icu::UnicodeString& in) {
  constexpr UChar32 kAlef = 0x0627, kLam = 0x0644;
  icu::UnicodeString out;
  const int32_t n = in.length();
  for (int32_t i = 0; i < n; ++i) {
    const bool word_start = i == 0 || u_isspace(in.charAt(i - 1)) || in.charAt(i - 1) == '-';
    out.append(in.charAt(i));
    if (word_start && in.charAt(i) == kAlef && i + 1 < n && in.charAt(i + 1) == kLam) {
      int32_t word_end = i;
      while (word_end < n && !u_isspace(in.charAt(word_end))) ++word_end;
      if (word_end - i > 4) {
        out.append(in.charAt(i + 1));
        out.append(static_cast<UChar>('-'));
        ++i;
      }
    }
  }
  return out;
}

constexpr UChar32 kHangulFirst = 0xAC00, kHangulLast = 0xD7A3;
bool IsHangulSyllable(UChar32 c) { return c >= kHangulFirst && c <= kHangulLast; }

// Revised Romanization of one precomposed syllable: initial × 21 vowels × 28 finals.
std::string RomaniseHangulSyllable(UChar32 c) {
  static constexpr const char* kInitials[19] = {"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s",
                                                "ss", "", "j", "jj", "ch", "k", "t", "p", "h"};
  static constexpr const char* kVowels[21] = {"a",  "ae", "ya", "yae", "eo", "e",  "yeo", "ye", "o",  "wa", "wae",
                                              "oe", "yo", "u",  "wo",  "we", "wi", "yu",  "eu", "ui", "i"};
  static constexpr const char* kFinals[28] = {"",  "k", "k",  "k", "n", "n", "n", "t", "l", "k", "m", "p", "l", "l",
                                              "p", "l", "m",  "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};
  const int index = static_cast<int>(c - kHangulFirst);
  const std::string rr = std::string(kInitials[index / (21 * 28)]) + kVowels[(index / 28) % 21] + kFinals[index % 28];
  // A syllable of one vowel letter would parse as an initial; names write it as a word: the
  // surnames 이 Yi and 오 Oh, the syllable 우 Woo.
  if (rr == "i") return "yi";
  if (rr == "o") return "oh";
  if (rr == "u") return "woo";
  if (rr == "a") return "ah";
  if (rr == "e") return "eh";
  return rr;
}

// Replaces every run of Hangul syllables by its romanisation. A name that is one run of two to
// four syllables and nothing else is surname + given name (김정은 → "gim jeongeun"); a name
// written in several words keeps its words (유진 박 → "yujin bak": the given name Yujin, not the
// surname Yu and a given name Jin).
icu::UnicodeString RomaniseHangul(const icu::UnicodeString& in) {
  std::vector<std::pair<int32_t, int32_t>> runs;  // [begin, end) in code units
  for (int32_t i = 0; i < in.length();) {
    if (!IsHangulSyllable(in.char32At(i))) {
      i = in.moveIndex32(i, 1);
      continue;
    }
    int32_t end = i;
    while (end < in.length() && IsHangulSyllable(in.char32At(end))) end = in.moveIndex32(end, 1);
    runs.push_back({i, end});
    i = end;
  }
  icu::UnicodeString trimmed = in;
  trimmed.trim();
  const bool one_word_name = runs.size() == 1 && runs[0].second - runs[0].first >= 2 &&
                             runs[0].second - runs[0].first <= 4 && trimmed.length() == runs[0].second - runs[0].first;
  icu::UnicodeString out;
  int32_t at = 0;
  for (const auto& [begin, end] : runs) {
    out.append(in, at, begin - at);
    std::string latin;
    for (int32_t k = begin; k < end; k = in.moveIndex32(k, 1)) {
      if (one_word_name && k == begin + 1) latin += ' ';
      latin += RomaniseHangulSyllable(in.char32At(k));
    }
    out.append(icu::UnicodeString::fromUTF8(latin));
    at = end;
  }
  out.append(in, at, in.length() - at);
  return out;
}

// The Brahmic scripts whose word-final inherent vowel Hindi, Nepali, Bengali, Punjabi and
// Gujarati leave unspoken (schwa deletion): Devanagari, Bengali, Gurmukhi, Gujarati, Oriya,
// blocks of 0x80 code points laid out alike. Returns the block's first code point, or 0.
UChar32 SchwaDeletingBlock(UChar32 c) {
  const UChar32 block = c & ~0x7F;
  return block >= 0x0900 && block <= 0x0B00 ? block : 0;
}

bool IsBrahmicConsonant(UChar32 c, UChar32 block) {
  const UChar32 offset = c - block;
  return (offset >= 0x15 && offset <= 0x39) || (offset >= 0x58 && offset <= 0x5F);  // with the nukta letters
}

// ICU's Indic-Latin rules write every consonant's inherent vowel, so राम and মোহাম্মদ come out
// "rama" and "mohammada", while Latin lists write the names as spoken: Ram, Mohammad. A word
// ending in a consonant letter has its final vowel dropped by adding the virama there, as
// the languages pronounce it, except after a consonant cluster (नरेन्द्र, Narendra; मित्र,
// Mitra), where the vowel is spoken and written.
icu::UnicodeString DropFinalInherentVowels(const icu::UnicodeString& in) {
  icu::UnicodeString out;
  const int32_t n = in.length();  // these blocks are in the BMP: one UTF-16 unit per character
  for (int32_t i = 0; i < n; ++i) {
    const UChar c = in.charAt(i);
    out.append(c);
    const UChar32 block = SchwaDeletingBlock(c);
    if (block == 0 || !IsBrahmicConsonant(c, block)) continue;
    int32_t next = i + 1;
    if (next < n && in.charAt(next) == block + 0x3C) out.append(in.charAt(next++));  // nukta
    const bool word_end = next == n || SchwaDeletingBlock(in.charAt(next)) != block;
    const bool cluster = i > 0 && in.charAt(i - 1) == block + 0x4D;
    const bool longer_word = i > 0 && SchwaDeletingBlock(in.charAt(i - 1)) == block;
    if (word_end && !cluster && longer_word) out.append(static_cast<UChar>(block + 0x4D));
    i = next - 1;
  }
  return out;
}

// `in` with each longest run of code units for which inside(c) holds replaced by
// rewrite(begin, end) of that run; everything else copied as it is.
template <class Inside, class Rewrite>
icu::UnicodeString RewriteRuns(const icu::UnicodeString& in, Inside inside, Rewrite rewrite) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < in.length();) {
    if (!inside(in.charAt(i))) {
      out.append(in.charAt(i++));
      continue;
    }
    int32_t end = i;
    while (end < in.length() && inside(in.charAt(end))) ++end;
    out.append(rewrite(i, end));
    i = end;
  }
  return out;
}

bool IsDevanagari(UChar c) { return c >= 0x0900 && c <= 0x097F; }

// Hindi also leaves unspoken the inherent vowel of a word-medial consonant that stands between a
// vowel and a consonant with a vowel (schwa deletion, Ohala's rule V C a C V → V C C V, applied
// from the end of the word to its start): मनमोहन is spoken and listed Manmohan, not ICU's
// "manamohan"; अमरनाथ Amarnath, जवाहरलाल Jawaharlal, सलमान Salman. The first syllable's vowel
// is never dropped (nothing stands before it), nor one before the word-final consonant, whose
// own vowel DropFinalInherentVowels took (कमल, Kamal), nor one next to a cluster or a nasal or
// visarga (the syllable is closed or the result would be three consonants). Scanning from the
// end means a vowel just dropped leaves its consonant without a vowel, so the one before keeps
// its own (अमरनाथ: amar-nath, not amr-anath). The rule does not see morpheme boundaries: a
// compound whose second word starts with C a C V (राम + नरेश) comes out "ramanresh" where lists
// write Ramnaresh. Devanagari only: Bengali keeps most medial inherent vowels (কমল, Komol), and
// whether the rule fits Gurmukhi and Gujarati, whose languages drop schwas too, is untested.
// Runs after DropFinalInherentVowels, whose virama it reads.
icu::UnicodeString DropMedialInherentVowels(const icu::UnicodeString& in) {
  constexpr UChar32 kBlock = 0x0900;
  constexpr UChar kVirama = 0x094D, kNukta = 0x093C;
  auto consonant = [](UChar c) { return IsBrahmicConsonant(c, kBlock); };  // inside a Devanagari run
  auto vowel_sign = [](UChar c) {
    return (c >= 0x093A && c <= 0x094C && c != 0x093C && c != 0x093D) || c == 0x094E ||
           c == 0x094F || (c >= 0x0955 && c <= 0x0957) || c == 0x0962 || c == 0x0963;
  };
  auto independent_vowel = [](UChar c) {
    return (c >= 0x0904 && c <= 0x0914) || c == 0x0960 || c == 0x0961 ||
           (c >= 0x0972 && c <= 0x0977);
  };
  auto coda = [](UChar c) { return c >= 0x0900 && c <= 0x0903; };  // candrabindu, anusvara, visarga
  // One unit per akshara-like piece: a consonant with its nukta and vowel (sign, virama or the
  // inherent a), an independent vowel, or anything else; each with any nasal or visarga after.
  struct Unit {
    int32_t end = 0;         // one past the consonant (and nukta): where a virama would go
    bool consonant = false;  // a consonant letter
    bool vowel = false;      // a vowel is spoken: a sign, the inherent a, or an independent vowel
    bool inherent = false;   // the vowel is the inherent a
    bool closed = false;     // a nasal or visarga follows the vowel
  };
  return RewriteRuns(in, IsDevanagari, [&](const int32_t begin, const int32_t end) {
    std::vector<Unit> units;
    for (int32_t i = begin; i < end;) {
      Unit u;
      const UChar c = in.charAt(i++);
      if (consonant(c)) {
        u.consonant = true;
        if (i < end && in.charAt(i) == kNukta) ++i;
        u.end = i;
        if (i < end && in.charAt(i) == kVirama) {
          ++i;
        } else if (i < end && vowel_sign(in.charAt(i))) {
          u.vowel = true;
          ++i;
        } else {
          u.vowel = u.inherent = true;
        }
      } else {
        u.vowel = independent_vowel(c);
        u.end = i;
      }
      while (i < end && coda(in.charAt(i))) {
        u.closed = true;
        ++i;
      }
      units.push_back(u);
    }
    std::vector<bool> drop(units.size(), false);
    for (int k = static_cast<int>(units.size()) - 2; k >= 1; --k) {
      const Unit& before = units[k - 1];
      Unit& here = units[k];
      const Unit& after = units[k + 1];
      if (!here.consonant || !here.inherent || here.closed) continue;
      if (!before.vowel || before.closed || !after.consonant || !after.vowel) continue;
      drop[k] = true;
      here.vowel = false;  // the consonant before this one now stands before a cluster
    }
    icu::UnicodeString word;
    int32_t at = begin;
    for (size_t k = 0; k < units.size(); ++k) {
      if (!drop[k]) continue;
      word.append(in, at, units[k].end - at);
      word.append(kVirama);
      at = units[k].end;
    }
    word.append(in, at, end - at);
    return word;
  });
}

// Hindi and Nepali speak the anusvara before ह as the velar nasal (सिंह [sɪŋɦ]), and Latin lists
// write it "ng": Singh, Narsingh. ICU writes an n ("sinh"), which then stood nearer Sinha (सिन्हा,
// a written n) than Singh. So in Devanagari ं before ह is written "ng" in Latin letters, which
// ICU's Devanagari rules pass through (ङ्ग् would come out "ng'h", marked as not घ). Only
// Devanagari: Bengali সিংহ is Sinha or Singha and Gujarati સિંહ the -sinh of Jitendrasinh in Latin
// lists, as ICU writes them. Runs after DropFinalInherentVowels, which reads ह's neighbours.
icu::UnicodeString VelarAnusvaraBeforeHa(const icu::UnicodeString& in) {
  constexpr UChar kAnusvara = 0x0902, kHa = 0x0939;
  icu::UnicodeString out;
  for (int32_t i = 0; i < in.length(); ++i) {
    if (in.charAt(i) == kAnusvara && i + 1 < in.length() && in.charAt(i + 1) == kHa) {
      out.append(icu::UnicodeString("ng", -1, icu::UnicodeString::kInvariant));
    } else {
      out.append(in.charAt(i));
    }
  }
  return out;
}

// ICU writes श and ष as ISO 15919's ś and ṣ, which Latin-ASCII reduces to s: राजेश came out
// "rajes", लक्ष्मण "laksman", while Hindi names in Latin lists write both sh (Rajesh, Lakshman,
// Shah, Yashwant). So each run of Devanagari is romanised on its own, ś and ṣ written sh, and
// the Latin put back for the general chain to fold. Only Devanagari's: a Latin ś is Polish
// (Śmigły) and stays s. च (ISO c, lists ch: Sachin) is left as ICU has it.
icu::UnicodeString RomaniseDevanagariSibilants(const icu::UnicodeString& in) {
  const icu::Transliterator* t = ThreadDevanagariTransliterator();
  if (t == nullptr) return in;
  return RewriteRuns(in, IsDevanagari, [&](int32_t begin, int32_t end) {
    icu::UnicodeString run(in, begin, end - begin);
    if (run.indexOf(static_cast<UChar>(0x0936)) >= 0 ||
        run.indexOf(static_cast<UChar>(0x0937)) >= 0) {
      t->transliterate(run);
      run.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x015B)),
                         icu::UnicodeString("sh", -1, icu::UnicodeString::kInvariant));  // ś
      run.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x1E63)),
                         icu::UnicodeString("sh", -1, icu::UnicodeString::kInvariant));  // ṣ
    }
    return run;
  });
}

// Khmer, which ICU has no Latin transliterator for (a Khmer name folded to nothing and matched
// nothing), romanised by the UNGEGN system that Cambodian names in Latin lists follow (Hun
// Sen, Pol Pot, Hun Manet). Each consonant belongs to one of two series that give the same
// vowel sign different sounds; two diacritics move a consonant to the other series.
constexpr UChar32 kKhmerFirst = 0x1780, kKhmerLast = 0x17FF;
bool IsKhmer(UChar32 c) { return c >= kKhmerFirst && c <= kKhmerLast; }

struct KhmerConsonant {
  const char* initial;  // as a syllable's first consonant
  const char* final;    // closing a syllable
  int series;           // 1: inherent vowel "a"; 2: "o"
};
// U+1780 to U+17A2 in order.
constexpr KhmerConsonant kKhmerConsonants[] = {
    {"k", "k", 1},   {"kh", "k", 1}, {"k", "k", 2},   {"kh", "k", 2},  {"ng", "ng", 2}, {"ch", "ch", 1},
    {"chh", "ch", 1}, {"ch", "ch", 2}, {"chh", "ch", 2}, {"nh", "nh", 2}, {"d", "t", 1},   {"th", "t", 1},
    {"d", "t", 2},   {"th", "t", 2}, {"n", "n", 1},   {"t", "t", 1},   {"th", "t", 1},  {"t", "t", 2},
    {"th", "t", 2},  {"n", "n", 2},  {"b", "p", 1},   {"ph", "p", 1},  {"p", "p", 2},   {"ph", "p", 2},
    {"m", "m", 2},   {"y", "y", 2},  {"r", "", 2},    {"l", "l", 2},   {"v", "v", 2},   {"s", "s", 1},
    {"s", "s", 1},   {"s", "s", 1},  {"h", "h", 1},   {"l", "l", 1},   {"", "", 1},
};
// Dependent vowel signs U+17B6 to U+17C5, first series and second series.
constexpr const char* kKhmerVowels[][2] = {
    {"a", "ea"},   {"e", "i"},    {"ei", "i"},   {"oe", "oe"}, {"oeu", "oeu"}, {"o", "u"},
    {"ou", "u"},   {"uo", "uo"},  {"aeu", "eu"}, {"oea", "oea"}, {"ie", "ie"}, {"e", "e"},
    {"ae", "ae"},  {"ai", "ey"},  {"ao", "ou"},  {"au", "ov"},
};
// Independent vowels U+17A3 to U+17B3.
constexpr const char* kKhmerIndependentVowels[] = {"a",   "a",    "e",  "ei", "o",  "ou", "ou", "ov", "rue",
                                                   "rueu", "lue", "lueu", "ae", "ai", "ao", "ao", "au"};

bool IsKhmerConsonant(UChar32 c) { return c >= 0x1780 && c <= 0x17A2; }

// A consonant with its subscript consonants (after the coeng sign: ស្រ is sr) and its signs:
// the series shifters, one vowel sign, and the nikahit (-m) or reahmuk (-h) that close it.
struct KhmerCluster {
  std::string onset;
  const char* vowel = nullptr;  // null: no vowel sign; "": the vowel and its closing are in onset
  int series = 1;
  int32_t next = 0;
};

KhmerCluster ReadKhmerCluster(const icu::UnicodeString& in, int32_t i, int32_t end) {
  constexpr UChar32 kCoeng = 0x17D2, kMusikatoan = 0x17C9, kTriisap = 0x17CA, kNikahit = 0x17C6, kReahmuk = 0x17C7;
  const UChar32 c = in.charAt(i);
  KhmerCluster cluster{kKhmerConsonants[c - 0x1780].initial, nullptr, kKhmerConsonants[c - 0x1780].series, i + 1};
  int32_t& k = cluster.next;
  while (k + 1 < end && in.charAt(k) == kCoeng && IsKhmerConsonant(in.charAt(k + 1))) {
    cluster.onset += kKhmerConsonants[in.charAt(k + 1) - 0x1780].initial;
    k += 2;
  }
  for (; k < end && in.charAt(k) >= 0x17B6 && in.charAt(k) <= 0x17D1; ++k) {
    const UChar32 sign = in.charAt(k);
    if (sign == kMusikatoan) {
      cluster.series = 1;
      if (c == 0x1794) cluster.onset[0] = 'p';  // ប with the muusikatoan is p
    } else if (sign == kTriisap) {
      cluster.series = 2;
    } else if (sign <= 0x17C5) {
      cluster.vowel = kKhmerVowels[sign - 0x17B6][cluster.series - 1];
    } else if (sign == kNikahit || sign == kReahmuk) {
      if (cluster.vowel == nullptr) cluster.vowel = cluster.series == 1 ? "a" : "o";
      cluster.onset.append(cluster.vowel).push_back(sign == kNikahit ? 'm' : 'h');
      cluster.vowel = "";
    }
  }
  return cluster;
}

// One run of Khmer characters, syllable by syllable: a consonant with a vowel sign opens a
// syllable; a bare consonant after an open syllable closes it (ពត: po + t, "pot"), and one
// anywhere else opens a syllable with its series' inherent vowel.
std::string RomaniseKhmerRun(const icu::UnicodeString& in, int32_t begin, int32_t end) {
  std::string out;
  bool open = false;  // the last syllable has a vowel and no final consonant yet
  for (int32_t i = begin; i < end;) {
    const UChar32 c = in.charAt(i);
    if (!IsKhmerConsonant(c)) {  // an independent vowel opens a syllable; signs out of place are dropped
      if (c >= 0x17A3 && c <= 0x17B3) {
        out += kKhmerIndependentVowels[c - 0x17A3];
        open = true;
      }
      ++i;
      continue;
    }
    const KhmerCluster cluster = ReadKhmerCluster(in, i, end);
    const KhmerConsonant& first = kKhmerConsonants[c - 0x1780];
    if (cluster.vowel != nullptr) {
      out += cluster.onset + cluster.vowel;
      open = *cluster.vowel != '\0';
    } else if (open && cluster.onset == first.initial) {
      out += first.final;
      open = false;
    } else {
      out += cluster.onset + (cluster.series == 1 ? "a" : "o");
      open = true;
    }
    i = cluster.next;
  }
  return out;
}

// Replaces every run of Khmer characters by its romanisation.
icu::UnicodeString RomaniseKhmer(const icu::UnicodeString& in) {
  return RewriteRuns(in, IsKhmer, [&](int32_t begin, int32_t end) {
    return icu::UnicodeString::fromUTF8(RomaniseKhmerRun(in, begin, end));
  });
}

// The interpunct that Chinese and Japanese put between the names of a foreign name written in
// characters or katakana (贝拉克·奥巴马, バラク・オバマ).
bool IsInterpunct(UChar32 c) { return c == 0x00B7 || c == 0x30FB || c == 0xFF65 || c == 0x2027 || c == 0x2022; }

bool HasInterpunct(const icu::UnicodeString& text) {
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    if (IsInterpunct(text.char32At(i))) return true;
  }
  return false;
}

// A transcribed foreign name: each interpunct-separated name becomes one word, its syllables
// run together (贝拉克 → "bei la ke" from ICU → "beilake"), since they spell one foreign word.
icu::UnicodeString TransliterateTranscribedName(const icu::UnicodeString& text) {
  icu::UnicodeString out;
  int32_t begin = 0;
  for (int32_t i = 0; i <= text.length(); i = i < text.length() ? text.moveIndex32(i, 1) : i + 1) {
    if (i < text.length() && !IsInterpunct(text.char32At(i))) continue;
    icu::UnicodeString segment(text, begin, i - begin);
    if (const icu::Transliterator* t = ThreadTransliterator()) t->transliterate(segment);
    for (int32_t k = 0; k < segment.length(); k = segment.moveIndex32(k, 1)) {
      if (!u_isspace(segment.char32At(k))) out.append(segment.char32At(k));
    }
    out.append(static_cast<UChar>(' '));
    begin = i + 1;
  }
  return out;
}

}  // namespace

FoldedName FoldName(std::string_view utf8) {
  FoldedName folded;
  folded.text.reserve(utf8.size());
  if (IsAscii(utf8)) {
    for (char c : utf8) AppendAsciiChar(folded.text, c);
    return folded;
  }
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  bool brahmic = false, khmer = false;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (IsAbjad(c)) folded.abjad = true;
    if (IsLogographicOrSyllabic(c)) icu::UnicodeString(c).toUTF8String(folded.logograms);
    brahmic |= SchwaDeletingBlock(c) != 0;
    khmer |= IsKhmer(c);
  }
  if (khmer) text = RomaniseKhmer(text);
  if (folded.abjad) text = SplitArabicArticle(text);
  if (brahmic) {
    // Gurmukhi writes the nasal as tippi (ੰ) before short vowels and bindi (ਂ) elsewhere; ICU's
    // Gurmukhi-Latin rules drop the tippi, so ਸਿੰਘ came out "sigh" for Singh. Same sound: bindi.
    text.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x0A70)), icu::UnicodeString(static_cast<UChar>(0x0A02)));
    text = DropFinalInherentVowels(text);
    text = DropMedialInherentVowels(text);
    text = VelarAnusvaraBeforeHa(text);
    text = RomaniseDevanagariSibilants(text);
  }
  for (int32_t i = 0; i < text.length() && !folded.hangul; i = text.moveIndex32(i, 1)) folded.hangul = IsHangulSyllable(text.char32At(i));
  if (folded.hangul) text = RomaniseHangul(text);
  if (!folded.logograms.empty() && HasInterpunct(text)) {
    folded.transcribed = true;
    text = TransliterateTranscribedName(text);
  } else if (const icu::Transliterator* t = ThreadTransliterator()) {
    t->transliterate(text);
  }

  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (c < 0x80) {
      AppendAsciiChar(folded.text, static_cast<char>(c));
    } else if (c == 0x02BF || c == 0x02BE || c == 0x02BB || c == 0x02BC) {
      folded.text.push_back('a');  // ayn / hamza half rings: ʿAbd → abd, ʿAli → ali
    } else if (!u_isalpha(c) && (U_GET_GC_MASK(c) & U_GC_M_MASK) == 0) {
      folded.text.push_back(' ');  // leftover punctuation such as the katakana middle dot
    }
    // Leftover letters (ICU had no ASCII for them) are dropped rather than guessed.
  }
  return folded;
}

}  // namespace linchpin::resolve
