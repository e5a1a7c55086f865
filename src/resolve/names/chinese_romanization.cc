// Wade–Giles and pinyin syllables; see chinese_romanization.h.
#include "resolve/names/chinese_romanization.h"

#include <array>
#include <vector>

namespace linchpin::resolve {
namespace {

struct Component {
  std::string_view text;
  bool wade_giles_only;
};

// Initials, longest first so that "zh" is tried before "z". Wade–Giles-only: hs, ts, tz, ss, sz.
constexpr std::array<Component, 29> kInitials = {{
    {"zh", false}, {"ch", false}, {"sh", false}, {"hs", true}, {"ts", true}, {"tz", true},
    {"ss", true},  {"sz", true},  {"b", false},  {"p", false}, {"m", false}, {"f", false},
    {"d", false},  {"t", false},  {"n", false},  {"l", false}, {"g", false}, {"k", false},
    {"h", false},  {"j", false},  {"q", false},  {"x", false}, {"r", false}, {"z", false},
    {"c", false},  {"s", false},  {"y", false},  {"w", false}, {"", false},
}};

// Finals of both systems. Wade–Giles-only: -ung, -iung, -ieh, -ueh, -ien, -ih, -erh, -uei.
constexpr std::array<Component, 45> kFinals = {{
    {"iang", false}, {"iong", false}, {"uang", false}, {"ueng", false}, {"iung", true}, {"iao", false},
    {"ian", false},  {"ing", false},  {"uai", false},  {"uan", false},  {"ang", false}, {"eng", false},
    {"ong", false},  {"ung", true},   {"ieh", true},   {"ueh", true},   {"ien", true},  {"erh", true},
    {"uei", true},   {"ai", false},   {"ei", false},   {"ao", false},   {"ou", false},  {"an", false},
    {"en", false},   {"er", false},   {"ia", false},   {"ie", false},   {"iu", false},  {"in", false},
    {"ua", false},   {"uo", false},   {"ui", false},   {"un", false},   {"ue", false},  {"ih", true},
    {"a", false},    {"o", false},    {"e", false},    {"i", false},    {"u", false},   {"v", false},
    {"io", false},   {"uen", true},   {"van", false},
}};

struct Syllable {
  std::string_view initial, final;
};

constexpr int kMaxSyllables = 4;

// Segments `word` into syllables, preferring fewer Wade–Giles-only components, then fewer
// syllables. Returns false when no segmentation covers the word.
bool Segment(std::string_view word, std::vector<Syllable>* out, bool* wade_giles) {
  const size_t n = word.size();
  struct Best {
    int cost = 1 << 20;  // wade_giles_components * 16 + syllables
    size_t from = 0;
    Syllable syllable;
    bool wade_giles = false;
  };
  std::vector<Best> best(n + 1);
  best[0].cost = 0;
  for (size_t i = 0; i < n; ++i) {
    if (best[i].cost >= (1 << 20)) continue;
    for (const Component& ini : kInitials) {
      if (word.substr(i, ini.text.size()) != ini.text) continue;
      const size_t f = i + ini.text.size();
      // ss, sz and tz only open the "apical" syllables (ssu, szu, tzu); hs only i- and ü-finals.
      const bool apical_only = ini.text == "ss" || ini.text == "sz" || ini.text == "tz";
      for (const Component& fin : kFinals) {
        if (word.substr(f, fin.text.size()) != fin.text) continue;
        if (apical_only && fin.text != "u") continue;
        if (ini.text == "hs" && fin.text[0] != 'i' && fin.text[0] != 'u') continue;
        const size_t end = f + fin.text.size();
        const bool wg = ini.wade_giles_only || fin.wade_giles_only;
        const int cost = best[i].cost + 1 + (wg ? 16 : 0);
        if (cost < best[end].cost) best[end] = {cost, i, {ini.text, fin.text}, wg};
      }
    }
  }
  if (best[n].cost >= (1 << 20)) return false;
  std::vector<Syllable> reversed;
  bool any_wade_giles = false;
  for (size_t at = n; at > 0; at = best[at].from) {
    reversed.push_back(best[at].syllable);
    any_wade_giles |= best[at].wade_giles;
  }
  if (reversed.size() > kMaxSyllables) return false;
  out->assign(reversed.rbegin(), reversed.rend());
  *wade_giles = any_wade_giles;
  return true;
}

// One Wade–Giles syllable in pinyin (apostrophes lost, so the unaspirated reading).
std::string WadeGilesToPinyin(const Syllable& s) {
  std::string_view ini = s.initial, fin = s.final;
  std::string initial(ini), final(fin);
  const bool sibilant = ini == "ts" || ini == "tz" || ini == "ss" || ini == "sz";
  if (ini == "hs") initial = "x";
  if (ini == "ts" || ini == "tz") initial = "z";
  if (ini == "ss" || ini == "sz") initial = "s";
  if (ini == "ch") initial = !fin.empty() && fin[0] == 'i' && fin != "ih" ? "j" : "zh";
  if (ini == "j") initial = "r";
  if (ini == "k") initial = "g";
  if (ini == "t") initial = "d";
  if (ini == "p") initial = "b";
  if (fin == "ung") final = "ong";
  if (fin == "iung") final = "iong";
  if (fin == "ieh") final = "ie";
  if (fin == "ueh") final = "ue";
  if (fin == "ien") final = "ian";
  if (fin == "ih") final = "i";
  if (fin == "erh") final = "er";
  if (fin == "uei") final = "ui";
  if (fin == "uen") final = "un";
  if (fin == "u" && sibilant) final = "i";  // tzu → zi, ssu → si
  if (fin == "o" && (ini == "k" || ini == "h" || ini == "g")) final = "e";  // ko → ge, ho → he
  return initial + final;
}

// The sound key of a pinyin string: aspirated and unaspirated initials merged.
std::string SoundKey(const std::string& pinyin) {
  std::string key;
  for (size_t i = 0; i < pinyin.size(); ++i) {
    const char c = pinyin[i];
    const bool h_next = i + 1 < pinyin.size() && pinyin[i + 1] == 'h';
    if ((c == 'z' || c == 'c') && h_next) {
      key.push_back('j');
      ++i;
      continue;
    }
    switch (c) {
      case 'p': key.push_back('b'); break;
      case 't': key.push_back('d'); break;
      case 'k': key.push_back('g'); break;
      case 'c': key.push_back('z'); break;
      case 'q': key.push_back('j'); break;
      case 'v': key.push_back('u'); break;
      default: key.push_back(c);
    }
  }
  return key;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'v'; }

// A cheap test that rejects most non-Chinese words before segmenting: a syllable ends in a
// vowel, n, ng, h (-ieh, -ih, -erh) or r (-er), and only zh ch sh hs ts tz ss sz open one with
// two consonants. Muhammad (mm), Karl (rl) and Abbas (final s) fail here.
bool PlausiblyChinese(std::string_view word) {
  const char last = word.back();
  if (!IsVowel(last) && last != 'n' && last != 'g' && last != 'h' && last != 'r') return false;
  for (size_t i = 0; i + 1 < word.size(); ++i) {
    const char x = word[i], y = word[i + 1];
    if (x < 'a' || x > 'z' || IsVowel(x) || IsVowel(y)) continue;
    if (x == 'n' || x == 'g' || x == 'h' || x == 'r') continue;
    if (y == 'h' && (x == 'z' || x == 'c' || x == 's')) continue;
    if (x == 't' && (y == 's' || y == 'z')) continue;
    if (x == 's' && (y == 's' || y == 'z')) continue;
    return false;
  }
  return true;
}

}  // namespace

ChineseReading ReadChineseSyllables(std::string_view word, bool as_wade_giles) {
  ChineseReading reading;
  std::vector<Syllable> syllables;
  bool wade_giles = false;
  if (word.empty() || !PlausiblyChinese(word) || !Segment(word, &syllables, &wade_giles)) return reading;
  std::string pinyin;
  for (const Syllable& s : syllables) {
    pinyin += as_wade_giles || wade_giles ? WadeGilesToPinyin(s) : std::string(s.initial) + std::string(s.final);
  }
  reading.key = SoundKey(pinyin);
  reading.wade_giles = wade_giles;
  return reading;
}

}  // namespace linchpin::resolve
