// Unicode normalisation of names to lowercase ASCII.
//
// What: FoldName() turns a name in any script into lowercase ASCII letters, digits, spaces,
// hyphens, commas and apostrophes, and reports whether the source was written in an abjad
// (Arabic, Hebrew, Syriac, Thaana — scripts that leave short vowels unwritten), because such
// tokens can only be compared on their consonant skeleton.
//
// How: ASCII input takes a fast path (lowercasing only). Anything else goes through one ICU
// transliterator, "NFKC; Any-Latin; Latin-ASCII; Lower", which applies compatibility
// normalisation and full case folding, romanises each script (ICU's Arabic-Latin gives a
// consonant skeleton: محمد → "mhmd"), and strips diacritics (Erdoğan → erdogan). Before that,
// the Arabic definite article written joined to its noun (السيسي) is split off with a hyphen so
// that it parses like the Latin "al-Sisi"; a word-final consonant of Devanagari, Bengali and the
// neighbouring Brahmic scripts gets a virama, since those languages leave its inherent vowel
// unspoken and ICU would write it (राम → "ram", not "rama"); and Khmer, for which ICU has no
// rules, is romanised by our own UNGEGN table (ប៉ុល ពត → "pol pot"). Afterwards the ayn/hamza half-rings become 'a'
// (ʿAbd → "abd") and any other leftover non-ASCII letter is dropped.
//
// Thread-safety: thread-safe. ICU transliterators are not documented as safe for concurrent use,
// so each thread lazily builds its own (about a millisecond, once).
#pragma once

#include <string>
#include <string_view>

namespace linchpin::resolve {

struct FoldedName {
  std::string text;    // lowercase ASCII: [a-z0-9], space, '-', ',', '\''
  bool abjad = false;  // the source used a vowel-less script (Arabic, Hebrew, ...)
  // The source's Han, Hangul and Kana characters (UTF-8, in order, no spaces). Romanisation
  // loses what tells these names apart (習 and 席 are both "xi"; 석 and 선 differ by one
  // letter), so two names in these scripts are also compared character by character.
  std::string logograms;
  // The source wrote Hangul. Hangul syllables are romanised here, not by ICU, in the Revised
  // Romanization (김정은 → "gim jeongeun"): a name written as one Hangul word of two to four
  // syllables is split into the surname (the first syllable) and the given name.
  bool hangul = false;
  // A foreign name transcribed in Han characters or katakana, its names separated by an
  // interpunct (贝拉克·奥巴马 Barack Obama, バラク・オバマ): each name is folded to one word
  // ("beilake aobama"), to be compared by its consonants with the Latin original.
  bool transcribed = false;
};

// Invalid UTF-8 bytes are replaced (U+FFFD) by ICU and then dropped; this never fails.
FoldedName FoldName(std::string_view utf8);

}  // namespace linchpin::resolve
