// Chinese names in the two Latin romanisations that lists mix: Wade–Giles (Mao Tse-tung, Teng
// Hsiao-p'ing, Chou En-lai; older and Taiwanese sources) and Hanyu Pinyin (Mao Zedong, Deng
// Xiaoping, Zhou Enlai). The same syllable is spelled differently in each — ts/z, hs/x, ch/zh/j,
// j/r, -ung/-ong, -ieh/-ie, -ien/-ian — and Wade–Giles marks aspiration with an apostrophe that
// lists drop (t'ung and tung, pinyin tong and dong), so no edit distance relates the two.
//
// How: a word is segmented into Chinese syllables (an initial and a final from the union of the
// two systems' inventories); if any syllable uses an initial or final that only Wade–Giles has
// (hs, ts, tz, ss, sz; -ung, -ieh, -ien, -ih, -erh, -ueh), the word is read as Wade–Giles and
// converted syllable by syllable to pinyin. The result is then put in a "sound key" that merges
// the aspirated/unaspirated pairs (b/p, d/t, g/k, z/c, zh/ch/j/q), since apostrophe-less
// Wade–Giles cannot tell them apart. Two words of Chinese syllables agree when their keys do.
//
// Guard against false friends: only names whose every personal word segments into Chinese
// syllables get a key, and only a pair in which one side is marked Wade–Giles is compared this
// way (Tina / Dina both segment, but neither is Wade–Giles).
//
// Reference: the Wade–Giles / pinyin correspondence tables of the Library of Congress
// romanisation guidelines (2000 conversion from Wade–Giles to pinyin).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace linchpin::resolve {

struct ChineseReading {
  std::string key;          // the sound key; empty when the word is not Chinese syllables
  bool wade_giles = false;  // a Wade–Giles-only initial or final was needed to read it
};

// `word` is lowercase ASCII letters as written (apostrophes already dropped). At most four
// syllables are read: longer words are not one Chinese name.
ChineseReading ReadChineseSyllables(std::string_view word, bool as_wade_giles);

}  // namespace linchpin::resolve
