// Token-level string similarity for transliterated names.
//
// What: a transliteration-aware weighted edit distance (Levenshtein with Damerau transpositions,
// whose substitution and insertion costs are low for the spelling alternations that romanising
// Arabic, Persian, Cyrillic and Turkish names produces), plus Jaro–Winkler for reference.
//
// Why a weighted distance rather than plain Levenshtein or Jaro–Winkler: "Muhammad"/"Mohamed"
// differ by three plain edits (u/o, m/mm, a/e) — as many as "Hamid"/"Rashid" — so no threshold on
// a plain distance separates spelling variants from different names. Vowels carry little weight in
// romanised Arabic (short vowels are unwritten in the script), doubled letters are optional
// (shadda), 'h' is optional in kh/gh/th/dh/sh digraphs and after a final vowel, and a few consonant
// families alternate across English/French/German conventions (q/k/g, j/dj/g/y, s/z, t/d, w/v,
// ch/sh). The same idea drives the "confusable cost tier" of OpenSanctions' rigour/logic-v2
// matcher; we go further by making vowel classes asymmetric: a~e, e~i, o~u, i~y are cheap,
// a~i / a~u cost more (Hamid ≈ Hamed, but Hamid vs Hamad are two Arabic names, حامد / حمد).
//
// References: V. I. Levenshtein (1966); F. J. Damerau (1964); W. E. Winkler, "String Comparator
// Metrics and Enhanced Decision Rules in the Fellegi-Sunter Model of Record Linkage" (1990).
//
// All functions are pure and thread-safe. Inputs are lowercase ASCII (see name_normalize.h).
#pragma once

#include <string>
#include <string_view>

namespace linchpin::resolve {

// Weighted Damerau–Levenshtein distance with transliteration costs (see the table in the .cc).
// O(|a|·|b|) time, O(|b|) extra space per row (three rows kept for transpositions).
double TransliterationDistance(std::string_view a, std::string_view b);

// 1 - distance / max(|a|, |b|), clamped to [0, 1]; 1 for two empty strings.
double TransliterationSimilarity(std::string_view a, std::string_view b);

// Plain unit-cost Levenshtein distance (for tests and as a reference).
int LevenshteinDistance(std::string_view a, std::string_view b);

// Jaro–Winkler similarity in [0, 1] with the standard prefix scale 0.1 and prefix cap 4.
double JaroWinkler(std::string_view a, std::string_view b);

// The spelling form a token is compared in: leet digits mapped in mixed tokens (0→o, 1→i ...),
// digraphs folded (ou/oo→u, ee→i, ph→f, ck→k, sch→sh, dj→j, ie→i, ey→ei, ay→ai, ks→x) and doubled
// letters collapsed. "Mohammed" → "mohamed", "Youssef" → "yusef", "Ig0r" → "igor".
std::string SpellingForm(std::string_view token);

// Consonant skeleton used for vowel-less (abjad) sources and for blocking: vowels dropped (a
// leading vowel kept as 'a'), w/y dropped unless word-initial, the h of kh/gh/th/dh/sh/zh dropped,
// ch→s (French/Arabic sh), and consonant families merged (q,c→k; j→g; v→w; p→b), doubles
// collapsed. "Mohammed" and ICU's Arabic-Latin "mhmd" (محمد) both give "mhmd"; "Bachar" and
// "Bashar" give "bsr"; "Jamal" and "Gamal" give "gml".
std::string ConsonantSkeleton(std::string_view token);

}  // namespace linchpin::resolve
