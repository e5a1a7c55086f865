// Names as real sources write them. A person has one canonical name (NameParts); every place
// that writes it — a case file, a display name, a handle — draws its own spelling. Arabic-origin
// tokens come with their Latin transliteration variants (Mohamed / Mohammed / Muhammad …),
// kunyas (Abu Omar / Abou Omar) and noms de guerre with a nisba (al-Baljiki / el-Beljiki), which
// is what entity resolution must see through.
//
// Variant groups and their relative frequencies are taken from Wikidata person-name labels
// aligned Latin↔Arabic (Merhav & Ash, COLING 2018; ../shared/data/names/
// wikidata-arabic-latin-tokens): each group lists the Latin spellings of one Arabic word with
// counts ≥ 3 there.
#pragma once

#include <string>
#include <string_view>

#include "simulate/rng.h"
#include "simulate/world.h"

namespace linchpin::simulate {

// A name for someone whose family speaks `heritage_language` ("ar", "fr", "tr", …).
NameParts DrawName(Rng& rng, std::string_view heritage_language, bool female);

// Gives an Arabic-origin person a kunya and a nom de guerre ("Abu Hamza al-Britani").
void AddNomDeGuerre(Rng& rng, NameParts& name, const char* nisba);

// One spelling of an Arabic-origin token, drawn by the frequency of its variants; other tokens
// are returned unchanged.
std::string SpellVariant(Rng& rng, std::string_view token);

// How a case file of `country_code` writes the full name: "Abdelhamid ABAAOUD" (French and
// Belgian files capitalise the surname), "EL AMRANI, Youssef", or "Youssef El Amrani".
std::string CaseFileName(Rng& rng, const NameParts& name, std::string_view country_code);

// Aliases a case file lists: other spellings, kunya, nom de guerre (';'-joined by the writer).
std::vector<std::string> CaseFileAliases(Rng& rng, const NameParts& name);

// A display name on an account: a spelling of the real name, a kunya, the Arabic script, or
// a pseudonym. `covert` makes kunyas and noms de guerre more likely (but not certain).
std::string DisplayName(Rng& rng, const NameParts& name, bool covert);

// A handle for the public platform or an app: lower-case ASCII, made of name parts and digits.
std::string Handle(Rng& rng, const NameParts& name, bool covert);

// Lower-case ASCII folding of a Latin name (drops accents and punctuation), for handles.
std::string AsciiFold(std::string_view text);

}  // namespace linchpin::simulate
