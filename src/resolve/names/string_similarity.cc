// Transliteration-aware string similarity; see string_similarity.h for the what and why.
#include "resolve/names/string_similarity.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

namespace linchpin::resolve {
namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Unordered pair lookup for the cheap substitutions. Costs are in "edits": 1.0 is an unrelated
// letter. Values were set from the alternations listed in the Wikidata Arabic–Latin token data
// (e.g. محمد → mohamed / muhammad / mohammad) and checked on its positive/negative pairs
// (see names_test.cc: WikidataVariantPairs), not fitted to the evaluation benches.
double PairCost(char a, char b) {
  if (a > b) std::swap(a, b);
  struct Entry { char lo, hi; double cost; };
  static constexpr Entry kCheap[] = {
      // Vowels: fatha a/e, kasra e/i, damma o/u, and the semivowels.
      {'a', 'e', 0.3}, {'e', 'i', 0.3}, {'o', 'u', 0.3}, {'i', 'y', 0.2}, {'u', 'w', 0.3},
      {'e', 'y', 0.4}, {'o', 'w', 0.4},
      // Consonant families across English / French / German / Turkish conventions. d/z: Arabic
      // dad and za (ض ظ) are d and z in Arabic romanisations, z in Persian, Urdu and Turkish
      // ones (Fadl / Fazl, Ramadan / Ramazan, Qadi / Qazi), as cheap as s/z.
      {'k', 'q', 0.2}, {'c', 'k', 0.2}, {'c', 'q', 0.3}, {'c', 's', 0.4}, {'g', 'q', 0.4},
      {'g', 'k', 0.5}, {'g', 'j', 0.4}, {'j', 'y', 0.4}, {'s', 'z', 0.3}, {'d', 'z', 0.3},
      {'d', 't', 0.4}, {'s', 't', 0.5}, {'v', 'w', 0.2}, {'f', 'v', 0.5}, {'b', 'p', 0.4},
      {'h', 'x', 0.4}, {'k', 'x', 0.5}, {'j', 'z', 0.5}, {'f', 'p', 0.5},
  };
  for (const Entry& e : kCheap) {
    if (e.lo == a && e.hi == b) return e.cost;
  }
  // Other vowel swaps change the name more often than its spelling (Said/Saud, Hamid/Hamad).
  if (IsVowel(a) && IsVowel(b)) return 0.7;
  return 1.0;
}

// PairCost tabulated for the 36 letters and digits: the edit distance's inner loop.
class CostTable {
 public:
  CostTable() {
    for (int x = 0; x < kSymbols; ++x) {
      for (int y = 0; y < kSymbols; ++y) cost_[x][y] = x == y ? 0.0 : PairCost(Symbol(x), Symbol(y));
    }
  }
  double operator()(char a, char b) const {
    const int x = Index(a), y = Index(b);
    if (x < 0 || y < 0) return a == b ? 0.0 : 1.0;
    return cost_[x][y];
  }

 private:
  static constexpr int kSymbols = 36;
  static char Symbol(int i) { return static_cast<char>(i < 26 ? 'a' + i : '0' + (i - 26)); }
  static int Index(char c) {
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= '0' && c <= '9') return 26 + (c - '0');
    return -1;
  }
  double cost_[kSymbols][kSymbols];
};

double SubstitutionCost(char a, char b) {
  static const CostTable kTable;
  return a == b ? 0.0 : kTable(a, b);
}

// Cost of inserting or deleting one letter: vowels and 'h' are often unwritten or optional —
// except a final vowel, which often marks a different (feminine) name: Amin / Amina.
double IndelCost(char c, bool final) {
  if (c == '\'') return 0.0;
  if (c == 'h') return 0.25;
  if (IsVowel(c) || c == 'y') return final ? 0.8 : 0.35;
  if (c == 'w') return 0.4;
  return 1.0;
}

constexpr double kTranspositionCost = 0.6;

char MapLeetDigit(char c) {
  switch (c) {
    case '0': return 'o';
    case '1': return 'i';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '7': return 't';
    case '8': return 'b';
    case '9': return 'g';
    default: return c;
  }
}

bool StartsWithAt(std::string_view s, size_t i, std::string_view prefix) {
  return s.substr(i, prefix.size()) == prefix;
}

}  // namespace

double TransliterationDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  // Names are short: rows live on the stack up to 63 letters (the fast path), else the heap.
  constexpr size_t kStackRow = 64;
  std::array<double, kStackRow> s0{}, s1{}, s2{};
  std::vector<double> h0, h1, h2;
  double *before_prev = s0.data(), *prev = s1.data(), *cur = s2.data();
  if (m + 1 > kStackRow) {
    h0.resize(m + 1), h1.resize(m + 1), h2.resize(m + 1);
    before_prev = h0.data(), prev = h1.data(), cur = h2.data();
  }
  prev[0] = 0;
  for (size_t j = 1; j <= m; ++j) prev[j] = prev[j - 1] + IndelCost(b[j - 1], j == m);
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = prev[0] + IndelCost(a[i - 1], i == n);
    for (size_t j = 1; j <= m; ++j) {
      double best = prev[j - 1] + SubstitutionCost(a[i - 1], b[j - 1]);
      best = std::min(best, prev[j] + IndelCost(a[i - 1], i == n));
      best = std::min(best, cur[j - 1] + IndelCost(b[j - 1], j == m));
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != a[i - 2]) {
        best = std::min(best, before_prev[j - 2] + kTranspositionCost);
      }
      cur[j] = best;
    }
    std::swap(before_prev, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

double TransliterationSimilarity(std::string_view a, std::string_view b) {
  const size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return 1.0;
  const double sim = 1.0 - TransliterationDistance(a, b) / static_cast<double>(longest);
  return std::clamp(sim, 0.0, 1.0);
}

int LevenshteinDistance(std::string_view a, std::string_view b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const int window = std::max(0, static_cast<int>(std::max(a.size(), b.size())) / 2 - 1);
  std::vector<bool> a_hit(a.size()), b_hit(b.size());
  int matches = 0;
  for (int i = 0; i < static_cast<int>(a.size()); ++i) {
    const int lo = std::max(0, i - window);
    const int hi = std::min(static_cast<int>(b.size()) - 1, i + window);
    for (int j = lo; j <= hi; ++j) {
      if (!b_hit[j] && a[i] == b[j]) {
        a_hit[i] = b_hit[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  int transpositions = 0;
  for (size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_hit[i]) continue;
    while (!b_hit[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = matches;
  const double jaro = (m / a.size() + m / b.size() + (m - transpositions / 2.0) / m) / 3.0;
  int prefix = 0;
  while (prefix < 4 && prefix < static_cast<int>(std::min(a.size(), b.size())) &&
         a[prefix] == b[prefix]) {
    ++prefix;
  }
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

std::string SpellingForm(std::string_view token) {
  const bool has_letter = std::any_of(token.begin(), token.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  std::string s;
  s.reserve(token.size());
  for (char c : token) s.push_back(has_letter ? MapLeetDigit(c) : c);

  // Digraphs, longest first. Each rewrites a convention to one spelling: ou/oo (French and
  // English long u), ee (long i), ph, ck, sch/tsch (German sh/ch), dj (French j), ie (German i),
  // ks (Slavic romanisation of x).
  struct Rewrite { std::string_view from, to; };
  static constexpr Rewrite kRewrites[] = {
      {"tsch", "ch"}, {"dsch", "j"}, {"sch", "sh"}, {"ou", "u"}, {"oo", "u"}, {"ee", "i"},
      {"ph", "f"},    {"ck", "k"},   {"dj", "j"},   {"ie", "i"}, {"ey", "ei"}, {"ay", "ai"},
      {"ks", "x"},  // Aleksandr / Alexander, Maksim / Maxime
  };
  std::string folded;
  folded.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    // Indonesian and Malay write Arabic sh as "sy" (Ba'asyir, Rosyid, Musyarraf); only between
    // vowels, where English names have no "sy" (Syed, Sylvia and Lysander keep theirs).
    if (s[i] == 's' && i > 0 && i + 2 < s.size() && s[i + 1] == 'y' && IsVowel(s[i - 1]) && IsVowel(s[i + 2])) {
      folded += "sh";
      i += 2;
      continue;
    }
    bool rewritten = false;
    for (const Rewrite& r : kRewrites) {
      if (StartsWithAt(s, i, r.from)) {
        folded += r.to;
        i += r.from.size();
        rewritten = true;
        break;
      }
    }
    if (!rewritten) folded.push_back(s[i++]);
  }
  std::string collapsed;
  collapsed.reserve(folded.size());
  for (char c : folded) {
    if (collapsed.empty() || collapsed.back() != c) collapsed.push_back(c);
  }
  return collapsed;
}

std::string ConsonantSkeleton(std::string_view token) {
  const std::string s = SpellingForm(token);
  std::string out;
  out.reserve(s.size());
  auto emit = [&out](char c) {
    if (out.empty() || out.back() != c) out.push_back(c);
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool initial = i == 0;
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (IsVowel(c)) {
      if (initial) emit('a');
      continue;
    }
    if ((c == 'w' || c == 'y') && !initial) continue;
    if (c == 'h' && i > 0) {
      const char p = s[i - 1];
      if (p == 'k' || p == 'g' || p == 't' || p == 'd' || p == 's' || p == 'z' || p == 'c') continue;
    }
    switch (c) {
      case 'c': emit(next == 'h' ? 's' : 'k'); break;
      case 'q': emit('k'); break;
      case 'j': emit('g'); break;
      case 'v': emit('w'); break;
      case 'p': emit('b'); break;
      default: emit(c);
    }
  }
  return out;
}

}  // namespace linchpin::resolve
