// ICU-based folding of names to lowercase ASCII; see name_normalize.h.
#include "resolve/names/name_normalize.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <memory>

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
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (IsAbjad(c)) folded.abjad = true;
    if (IsLogographicOrSyllabic(c)) icu::UnicodeString(c).toUTF8String(folded.logograms);
  }
  if (folded.abjad) text = SplitArabicArticle(text);
  if (const icu::Transliterator* t = ThreadTransliterator()) t->transliterate(text);

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
