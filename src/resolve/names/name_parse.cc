// ParseName: folded text → words → name parts with roles and weights. See name_match.h for the
// model; this file holds the Arabic name grammar:
//
//   name     := title* part+                 (titles anywhere are dropped from matching)
//   part     := marker? article? core suffix?
//   marker   := bin | ibn | ben | bint | ould    → the part is a patronymic
//   core     := abd-word article? word           → prefix Abd  (Abdul Rahman, Abd al-Rahman)
//             | abu-word article? word           → prefix Abu, a kunya (Abu Muhammad)
//             | umm-word article? word           → prefix Umm, a kunya
//             | glued form of the above          → Abdurrahman, Abdelkader, Abubakar
//             | word
//   suffix   := article? din-word | glued "-uddin" / "-ullah"   (Saif al-Din, Saifuddin)
//
// An article before a core after the first part makes it a nisba (al-Tikriti, al-Adnani). In
// "SURNAME, Given" the words before the comma are family names and are moved to the end.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "resolve/names/chinese_romanization.h"
#include "resolve/names/name_lexicon.h"
#include "resolve/names/name_match.h"
#include "resolve/names/name_normalize.h"
#include "resolve/names/string_similarity.h"

namespace linchpin::resolve {
namespace {

struct Word {
  std::string text;
  bool hyphen_after = false;  // "al-" in "al-Adnani": licenses the assimilated articles
  bool family = false;        // came before the comma in "SURNAME, Given"
};

std::vector<Word> SplitWords(std::string_view folded) {
  std::vector<Word> words;
  Word current;
  auto flush = [&](bool hyphen) {
    if (!current.text.empty()) {
      current.hyphen_after = hyphen;
      words.push_back(std::move(current));
    }
    current = Word{};
  };
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      current.text.push_back(c);
    } else if (c == '\'') {
      // Apostrophes mark ayn/hamza ('Abd, Qa'ida) or elision; they are dropped, not split on.
    } else {
      flush(c == '-');
    }
  }
  flush(false);
  return words;
}

// "AL-ADNANI, Abu Mohammed" → words of "Abu Mohammed" then "AL-ADNANI" flagged as family.
// Only a single comma with a short surname part is read this way; "Fund, Ltd." is not a
// surname and the legal-form check keeps it in place.
std::vector<Word> ReorderSurnameFirst(std::string_view folded, bool* surname_first) {
  const size_t comma = folded.find(',');
  *surname_first = false;
  if (comma == std::string_view::npos || folded.find(',', comma + 1) != std::string_view::npos) {
    return SplitWords(folded);
  }
  std::vector<Word> surname = SplitWords(folded.substr(0, comma));
  std::vector<Word> given = SplitWords(folded.substr(comma + 1));
  const bool given_is_legal_form =
      std::all_of(given.begin(), given.end(), [](const Word& w) { return lexicon::LegalForm(w.text).has_value(); });
  if (surname.empty() || given.empty() || surname.size() > 4 || given_is_legal_form) {
    surname.insert(surname.end(), given.begin(), given.end());
    return surname;
  }
  *surname_first = true;
  for (Word& w : surname) w.family = true;
  given.insert(given.end(), surname.begin(), surname.end());
  return given;
}

bool IsVowelChar(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Abdurrahman → "rahman", Abdelkader → "kader", Abdullah → "allah", Abdikadir → "kadir".
// The optional vowel after "abd" is the case ending, the optional 'l' the article, and a doubled
// first letter is the article assimilated to a sun letter (abd-ur-rahman).
std::optional<std::string> SplitGluedAbd(std::string_view word) {
  if (word.size() < 6 || !StartsWith(word, "abd")) return std::nullopt;
  std::string_view rest = word.substr(3);
  for (int vowels = 0; vowels < 2 && rest.size() > 3 && IsVowelChar(rest[0]); ++vowels) rest.remove_prefix(1);  // Abdoulaziz
  if (rest.size() > 3 && rest[0] == 'l') {
    rest.remove_prefix(1);
  } else if (rest.size() > 3 && rest[0] == rest[1]) {
    rest.remove_prefix(1);
  }
  if (lexicon::IsAllahForm(rest)) return std::string("allah");
  if (rest.size() < 3) return std::nullopt;
  return std::string(rest);
}

// Abudullah, Abudallah: ʿAbdu-llāh with the case vowel of ʿAbdu written between b and d, as
// some lists romanise it — Abdullah, not a kunya "Abu Dullah". Only before an Allah form, so
// Abu Dawud (Abudawud) and Abu Dulaim stay kunyas.
bool IsAbdullahWithCaseVowel(std::string_view word) {
  return StartsWith(word, "abud") && lexicon::IsAllahForm(word.substr(4));
}

// Abubakar → "bakar", Abulhassan → "hassan". Only long words: "Abuja" stays a word.
std::optional<std::string> SplitGluedAbu(std::string_view word) {
  std::string_view rest;
  if (StartsWith(word, "abou") && word.size() >= 8) {
    rest = word.substr(4);
  } else if (StartsWith(word, "abu") && word.size() >= 7) {
    rest = word.substr(3);
  } else {
    return std::nullopt;
  }
  if (rest.size() > 4 && rest[0] == 'l') rest.remove_prefix(1);
  if (rest.size() < 4) return std::nullopt;
  return std::string(rest);
}

// Zulfiqar → "fiqar", Dhulkifl → "kifl", Zulkifli → "kifli": the article's l is glued to
// "dhu". Only before a consonant, so that Zulaikha (زليخة, a name of its own) stays whole.
std::optional<std::string> SplitGluedDhu(std::string_view word) {
  for (std::string_view head : {"dhoul", "dhul", "zoul", "zul"}) {
    if (!StartsWith(word, head)) continue;
    const std::string_view rest = word.substr(head.size());
    if (rest.size() < 4 || IsVowelChar(rest[0]) || rest[0] == 'l') return std::nullopt;
    return std::string(rest);
  }
  return std::nullopt;
}

// Saifuddin → ("saif", din), Noureddine → ("nour", din), Tajideen → ("taj", din),
// Nasserdine → ("nasser", din), Habibullah → ("habib", allah). The din ending is
// vowel? (al|el|ul)? d+ (i|ee|y) n e? — the article, its assimilation to d, and the long i.
std::optional<std::pair<std::string, Suffix>> SplitGluedSuffix(std::string_view word) {
  static constexpr std::string_view kDinEndings[] = {"dine", "deen", "din", "dyn"};
  for (std::string_view ending : kDinEndings) {
    if (word.size() < 7 || !EndsWith(word, ending)) continue;
    size_t cut = word.size() - ending.size();
    while (cut > 0 && word[cut - 1] == 'd') --cut;
    if (cut >= 3 && word[cut - 1] == 'l' && IsVowelChar(word[cut - 2])) cut -= 2;  // Nasr-al-din
    if (cut > 0 && IsVowelChar(word[cut - 1])) --cut;
    if (cut < 3) continue;
    return std::make_pair(std::string(word.substr(0, cut)), Suffix::kDin);
  }
  static constexpr std::string_view kAllah[] = {"ullahi", "ullah", "ollah", "allah"};
  for (std::string_view s : kAllah) {
    if (EndsWith(word, s) && word.size() >= s.size() + 2) {  // Atallah = Ata + Allah
      return std::make_pair(std::string(word.substr(0, word.size() - s.size())), Suffix::kAllah);
    }
  }
  return std::nullopt;
}

std::string LettersOf(std::string_view text) {
  std::string letters;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) letters.push_back(c);
  }
  return SpellingForm(letters);
}

// Slavic and Turkic patronymics: Viktorovich, Oleksandrovych, Ivanovna, Aliyev-ogly. A
// patronymic is never the same name as its root (Oleksandr vs Oleksandrovych).
bool IsPatronymicForm(std::string_view word) {
  static constexpr std::string_view kEndings[] = {"ovich", "evich", "ovych", "evych", "ovitch", "evitch",
                                                  "ovna",  "evna",  "ivna",  "ichna", "oglu",  "ogly", "kyzy"};
  for (std::string_view e : kEndings) {
    if (word.size() >= e.size() + 3 && EndsWith(word, e)) return true;
  }
  return false;
}

// Parts are built left to right; roles that depend on the whole name are settled afterwards.
class PartBuilder {
 public:
  PartBuilder(std::vector<Word> words, bool abjad) : words_(std::move(words)), abjad_(abjad) {}

  std::vector<NamePart> Build() {
    while (i_ < words_.size()) Step();
    SettleRoles();
    return std::move(parts_);
  }

 private:
  const Word& Peek(size_t ahead = 0) const { return words_[i_ + ahead]; }
  bool Has(size_t ahead = 0) const { return i_ + ahead < words_.size(); }

  void Step() {
    const Word& w = Peek();
    if (TryLegalForm()) return;
    if (lexicon::IsHonorific(w.text) && words_.size() > 1) {
      AddPart(w.text, w.text, Prefix::kNone, NameRole::kTitle, w.family);
      ++i_;
      return;
    }
    // bin/ben as the first of only two words is a given name (Ben Netanyahu), not a marker.
    if (lexicon::IsPatronymicMarker(w.text) && Has(1) && (i_ > 0 || words_.size() >= 3)) {
      patronymic_pending_ = true;
      ++i_;
      return;
    }
    // A marker with nothing after it ("Salman Mohammed bin") has lost its name: ignore it.
    if (lexicon::IsPatronymicMarker(w.text) && !Has(1) && words_.size() > 1) {
      AddPart(w.text, w.text, Prefix::kNone, NameRole::kParticle, w.family);
      ++i_;
      return;
    }
    if (TryConsonantInitials()) return;
    if (lexicon::IsArticle(w.text, w.hyphen_after || abjad_) && Has(1)) {
      // "Al Bin Ali", "Al Abu X": the article of a house name before a particle adds nothing.
      const std::string& next = Peek(1).text;
      if (!lexicon::IsPatronymicMarker(next) && !lexicon::IsAbuWord(next)) article_pending_ = true;
      ++i_;
      return;
    }
    TakeCore();
  }

  // "JC Juncker", "HA": two or three consonants with no vowel are initials written together
  // (Latin script only; ICU's Arabic-Latin output is vowel-less by nature).
  bool TryConsonantInitials() {
    const std::string& t = Peek().text;
    if (abjad_ || words_.size() < 2 || t.size() < 2 || t.size() > 3) return false;
    const bool consonants = std::all_of(t.begin(), t.end(), [](char c) {
      return c >= 'a' && c <= 'z' && !IsVowelChar(c) && c != 'y';
    });
    if (!consonants || lexicon::CanonicalVariant(t) != t || lexicon::LegalForm(t)) return false;
    const bool family = Peek().family;
    for (char c : t) {
      AddPart(std::string(1, c), std::string(1, c), Prefix::kNone, NameRole::kInitial, family);
      parts_.back().word = std::string(1, c);
    }
    ++i_;
    return true;
  }

  bool TryLegalForm() {
    std::string joined;
    for (size_t k = i_; k < words_.size() && k < i_ + 5; ++k) {
      if (!joined.empty()) joined.push_back(' ');
      joined += words_[k].text;
    }
    int used = 0;
    if (auto form = lexicon::LegalFormPhrase(joined, &used)) {
      AddPart(std::string(*form), std::string(*form), Prefix::kNone, NameRole::kLegalForm, false);
      i_ += used;
      return true;
    }
    if (auto form = lexicon::LegalForm(Peek().text); form && words_.size() > 1) {
      AddPart(Peek().text, std::string(*form), Prefix::kNone, NameRole::kLegalForm, false);
      ++i_;
      return true;
    }
    return false;
  }

  // Reads the stem word after an abd/abu/umm word, skipping an article.
  std::optional<std::string> TakeStemAfterPrefix(std::string* text) {
    size_t k = 1;
    if (Has(k) && lexicon::IsArticle(Peek(k).text, true) && Has(k + 1)) ++k;
    if (!Has(k)) return std::nullopt;
    for (size_t j = 1; j <= k; ++j) *text += " " + Peek(j).text;
    std::string stem = Peek(k).text;
    i_ += k;
    return stem;
  }

  // "Thu" is Dhu in English spellings of the interdental (Thu al-Himma), but also a Vietnamese
  // given name: it is the prefix only before the article.
  bool IsThuBeforeArticle() const {
    return Peek().text == "thu" && Has(2) && lexicon::IsArticle(Peek(1).text, true);
  }

  // "Abd Abdul-Hamid": a lone Abd before a word that opens an Abd compound of its own (Abdul,
  // Abdel, Abd, or a glued Abdulhamid) is the prefix written twice, not the servant of "Abdul".
  bool IsRepeatedAbd() const {
    if (!lexicon::IsAbdWord(Peek().text) || !Has(1)) return false;
    const std::string& next = Peek(1).text;
    return lexicon::IsAbdWord(next) || IsAbdullahWithCaseVowel(next) || SplitGluedAbd(next).has_value();
  }

  void TakeCore() {
    if (IsRepeatedAbd()) ++i_;  // the compound after it carries the Abd
    const Word& w = Peek();
    const bool family = w.family;
    std::string text = w.text;
    Prefix prefix = Prefix::kNone;
    std::string stem = w.text;
    if (lexicon::IsAbdWord(w.text) || lexicon::IsAbuWord(w.text) || lexicon::IsUmmWord(w.text) ||
        lexicon::IsDhuWord(w.text) || IsThuBeforeArticle()) {
      prefix = lexicon::IsAbdWord(w.text)   ? Prefix::kAbd
               : lexicon::IsAbuWord(w.text) ? Prefix::kAbu
               : lexicon::IsUmmWord(w.text) ? Prefix::kUmm
                                            : Prefix::kDhu;
      if (auto s = TakeStemAfterPrefix(&text)) {
        stem = *s;
        if (prefix == Prefix::kAbd && lexicon::IsAllahForm(stem)) stem = "allah";
      } else {
        prefix = Prefix::kNone;  // a lone "Abu" or "Abdul" at the end is just a word
      }
    } else if (IsAbdullahWithCaseVowel(w.text)) {
      prefix = Prefix::kAbd;
      stem = "allah";
    } else if (auto s = SplitGluedAbd(w.text)) {
      prefix = Prefix::kAbd;
      stem = *s;
    } else if (auto s2 = SplitGluedAbu(w.text)) {
      prefix = Prefix::kAbu;
      stem = *s2;
    } else if (auto s3 = SplitGluedDhu(w.text)) {
      prefix = Prefix::kDhu;
      stem = *s3;
    }
    ++i_;
    Suffix suffix = Suffix::kNone;
    if (stem != "allah") {  // "Abdul Saifullah" is abd + saif + allah
      if (auto split = SplitGluedSuffix(stem)) {
        stem = split->first;
        suffix = split->second;
      }
    }
    if (suffix == Suffix::kNone) suffix = TakeSeparateDin(&text);

    NameRole role = NameRole::kGiven;  // provisional; SettleRoles decides given/middle/family
    if (stem.size() == 1 && !(stem[0] >= '0' && stem[0] <= '9')) role = NameRole::kInitial;
    if (prefix == Prefix::kAbu || prefix == Prefix::kUmm) role = NameRole::kKunya;
    if (article_pending_ && !parts_.empty() && role != NameRole::kKunya) role = NameRole::kNisba;
    if (patronymic_pending_) role = NameRole::kPatronymic;
    if (role == NameRole::kGiven && lexicon::IsEuropeanParticle(stem) && Has()) role = NameRole::kParticle;
    const std::string letters = LettersOf(text);
    const bool patronymic_form = prefix == Prefix::kNone && IsPatronymicForm(stem);
    if (patronymic_form && role == NameRole::kGiven && !parts_.empty()) role = NameRole::kPatronymic;
    if (article_pending_) text = "al-" + text;
    AddPart(text, stem, prefix, role, family);
    parts_.back().suffix = suffix;
    parts_.back().word = stem;
    parts_.back().letters = letters;
    parts_.back().patronymic_form = patronymic_form;
    provisional_.back() = role == NameRole::kGiven;
    article_pending_ = patronymic_pending_ = false;
  }

  // "Saif al-Din", "Bashir-ud-Din", "Nour Eddine": the din word (with its article) joins the
  // part before it.
  Suffix TakeSeparateDin(std::string* text) {
    size_t k = 0;
    if (Has(k) && lexicon::IsArticle(Peek(k).text, true) && Has(k + 1)) ++k;
    if (!Has(k) || !lexicon::IsDinWord(Peek(k).text)) return Suffix::kNone;
    for (size_t j = 0; j <= k; ++j) *text += " " + Peek(j).text;
    i_ += k + 1;
    return Suffix::kDin;
  }

  void AddPart(const std::string& text, const std::string& stem, Prefix prefix, NameRole role, bool family) {
    NamePart part;
    part.text = text;
    part.word = stem;
    part.letters = SpellingForm(stem);
    part.stem = SpellingForm(stem);
    part.skeleton = ConsonantSkeleton(stem);
    part.prefix = prefix;
    part.role = role;
    part.abjad = abjad_;
    part.position = static_cast<uint16_t>(parts_.size());
    parts_.push_back(std::move(part));
    family_.push_back(family);
    provisional_.push_back(false);
  }

  // The first provisional part is the given name, the last (of two or more personal parts) the
  // family name, the rest middle names; in "SURNAME, Given" the surname words are family.
  void SettleRoles() {
    std::vector<size_t> personal;
    for (size_t k = 0; k < parts_.size(); ++k) {
      if (provisional_[k]) personal.push_back(k);
    }
    for (size_t n = 0; n < personal.size(); ++n) {
      NamePart& part = parts_[personal[n]];
      if (family_[personal[n]]) {
        part.role = NameRole::kFamily;
      } else if (n == 0) {
        part.role = NameRole::kGiven;
      } else if (n + 1 == personal.size() && !AnyFamilyFromComma()) {
        part.role = NameRole::kFamily;
      } else {
        part.role = NameRole::kMiddle;
      }
    }
    for (NamePart& part : parts_) part.weight = RoleFactor(part.role) * Information(part);
  }

  bool AnyFamilyFromComma() const {
    return std::any_of(family_.begin(), family_.end(), [](bool f) { return f; });
  }

  static double Information(const NamePart& part) {
    if (part.role == NameRole::kInitial) return 1.0;
    return lexicon::TokenInformation(part.stem);
  }

  // How much agreement on a part of this role says about identity. Nisbas and kunyas are shared
  // by many people (al-Tikriti, Abu Muhammad), titles and legal forms by more.
  static double RoleFactor(NameRole role) {
    switch (role) {
      case NameRole::kGiven: return 1.0;
      case NameRole::kMiddle: return 0.9;
      case NameRole::kFamily: return 1.0;
      case NameRole::kPatronymic: return 0.8;
      case NameRole::kKunya: return 0.6;
      case NameRole::kNisba: return 0.55;
      case NameRole::kInitial: return 0.3;
      case NameRole::kTitle: return 0.02;
      case NameRole::kLegalForm: return 0.1;
      case NameRole::kParticle: return 0.1;
    }
    return 1.0;
  }

  std::vector<Word> words_;
  bool abjad_;
  size_t i_ = 0;
  bool article_pending_ = false;
  bool patronymic_pending_ = false;
  std::vector<NamePart> parts_;
  std::vector<bool> family_;       // per part: from the surname side of a comma
  std::vector<bool> provisional_;  // per part: a plain personal name awaiting its role
};

// Chinese sound keys, for names of at most four parts whose every personal part is Chinese
// syllables; read as Wade–Giles throughout when any part needs it (Mao Tse-tung's "Mao" too).
void SetChineseKeys(std::vector<NamePart>& parts) {
  auto personal = [](const NamePart& p) {
    return p.role != NameRole::kTitle && p.role != NameRole::kLegalForm && p.role != NameRole::kParticle;
  };
  if (parts.empty() || parts.size() > 4) return;
  bool wade_giles = false;
  for (NamePart& p : parts) {
    if (!personal(p)) continue;
    if (p.abjad || p.prefix != Prefix::kNone || p.suffix != Suffix::kNone || p.role == NameRole::kInitial) return;
    const ChineseReading r = ReadChineseSyllables(p.word, false);
    if (r.key.empty()) return;
    wade_giles |= r.wade_giles;
  }
  for (NamePart& p : parts) {
    if (!personal(p)) continue;
    p.chinese_key = ReadChineseSyllables(p.word, wade_giles).key;
    p.wade_giles = wade_giles;
  }
}

// Wade–Giles, McCune–Reischauer and their successors hyphenate the two syllables of a Chinese
// or Korean given name and write the family name first: "Chiang Kai-shek", "Kim Jong-un". Three
// words of a syllable's length (Zhuang has six letters), the last two joined by a hyphen, none
// an Arabic prefix or article (Abu-Bakr).
bool EastAsianOrder(const std::vector<Word>& words) {
  if (words.size() != 3 || words[0].hyphen_after || !words[1].hyphen_after || words[2].hyphen_after) return false;
  return std::all_of(words.begin(), words.end(), [](const Word& w) {
    const bool letters = std::all_of(w.text.begin(), w.text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return letters && w.text.size() >= 2 && w.text.size() <= 6 && !w.family && !lexicon::IsArticle(w.text, true) &&
           !lexicon::IsAbdWord(w.text) && !lexicon::IsAbuWord(w.text) && !lexicon::IsPatronymicMarker(w.text);
  });
}

}  // namespace

ParsedName ParseName(std::string_view name) {
  ParsedName parsed;
  parsed.original = std::string(name);
  const FoldedName folded = FoldName(name);
  std::vector<Word> words = ReorderSurnameFirst(folded.text, &parsed.surname_first);
  parsed.east_asian_order = EastAsianOrder(words);
  parsed.parts = PartBuilder(std::move(words), folded.abjad).Build();
  SetChineseKeys(parsed.parts);
  for (NamePart& part : parsed.parts) {
    part.hangul = folded.hangul;
    part.transcribed = folded.transcribed;
  }
  parsed.logograms = folded.logograms;
  return parsed;
}

std::string PartLabel(const NamePart& part) {
  std::string label;
  switch (part.prefix) {
    case Prefix::kAbd: label = "abd-"; break;
    case Prefix::kAbu: label = "abu-"; break;
    case Prefix::kUmm: label = "umm-"; break;
    case Prefix::kDhu: label = "dhu-"; break;
    case Prefix::kNone: break;
  }
  label += part.abjad ? part.skeleton : part.stem;
  if (part.suffix == Suffix::kDin) label += "-din";
  if (part.suffix == Suffix::kAllah) label += "-allah";
  return label;
}

std::string_view RoleName(NameRole role) {
  switch (role) {
    case NameRole::kGiven: return "given";
    case NameRole::kMiddle: return "middle";
    case NameRole::kFamily: return "family";
    case NameRole::kPatronymic: return "patronymic";
    case NameRole::kKunya: return "kunya";
    case NameRole::kNisba: return "nisba";
    case NameRole::kInitial: return "initial";
    case NameRole::kTitle: return "title";
    case NameRole::kLegalForm: return "legal-form";
    case NameRole::kParticle: return "particle";
  }
  return "?";
}

}  // namespace linchpin::resolve
