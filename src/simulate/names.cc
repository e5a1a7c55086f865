// Name tables and the spelling rules of names.h. See the header for the sources.
#include "simulate/names.h"

#include <cctype>
#include <utility>
#include <vector>

namespace linchpin::simulate {
namespace {

// The Latin spellings of one Arabic word, with their Wikidata counts as weights; `canonical`
// is the Arabic script.
struct VariantGroup {
  const char* arabic;
  std::vector<std::pair<const char*, int>> spellings;
};

const std::vector<VariantGroup>& ArabicMaleGiven() {
  static const std::vector<VariantGroup> kGroups = {
      {"محمد", {{"Mohamed", 553}, {"Mohammed", 297}, {"Muhammad", 171}, {"Mohammad", 140}, {"Muhammed", 19}, {"Mohamad", 17}}},
      {"أحمد", {{"Ahmed", 544}, {"Ahmad", 200}, {"Ahmet", 29}}},
      {"علي", {{"Ali", 579}, {"Aly", 14}}},
      {"إبراهيم", {{"Ibrahim", 238}, {"Brahim", 28}, {"Ebrahim", 11}}},
      {"حسن", {{"Hassan", 207}, {"Hasan", 52}}},
      {"مصطفى", {{"Mustafa", 112}, {"Mustapha", 48}, {"Mostafa", 42}, {"Moustafa", 18}, {"Moustapha", 12}}},
      {"محمود", {{"Mahmoud", 181}, {"Mahmud", 29}, {"Mahmood", 11}}},
      {"يوسف", {{"Youssef", 96}, {"Yusuf", 40}, {"Yousef", 40}, {"Yousif", 9}, {"Youcef", 8}}},
      {"عمر", {{"Omar", 174}, {"Umar", 18}, {"Oumar", 8}}},
      {"خالد", {{"Khaled", 98}, {"Khalid", 66}}},
      {"حمزة", {{"Hamza", 41}, {"Hamzah", 6}}},
      {"بلال", {{"Bilal", 21}, {"Belal", 11}, {"Bilel", 4}}},
      {"كريم", {{"Karim", 88}, {"Kareem", 7}, {"Kerim", 4}}},
      {"سعيد", {{"Said", 68}, {"Saeed", 57}, {"Saied", 4}}},
      {"رشيد", {{"Rachid", 51}, {"Rashid", 19}, {"Rasheed", 4}}},
      {"وليد", {{"Walid", 37}, {"Waleed", 17}}},
      {"أمين", {{"Amin", 43}, {"Amine", 24}, {"Ameen", 5}}},
      {"ياسين", {{"Yassine", 15}, {"Yassin", 15}, {"Yacine", 9}, {"Yasin", 8}, {"Yaseen", 6}}},
      {"إسماعيل", {{"Ismail", 75}, {"Ismael", 16}, {"Esmaeel", 3}}},
      {"عثمان", {{"Osman", 47}, {"Othman", 17}, {"Uthman", 9}, {"Ousmane", 9}}},
      {"حسين", {{"Hussein", 91}, {"Hussain", 40}, {"Hossein", 28}, {"Hocine", 9}, {"Husain", 8}}},
      {"طارق", {{"Tarek", 40}, {"Tariq", 15}, {"Tareq", 10}, {"Tarik", 9}}},
      {"نبيل", {{"Nabil", 42}, {"Nabeel", 7}}},
      {"سمير", {{"Samir", 70}, {"Sameer", 5}}},
      {"جمال", {{"Jamal", 67}, {"Gamal", 21}, {"Djamel", 12}, {"Jamel", 7}}},
      {"زكريا", {{"Zakaria", 20}, {"Zakariya", 3}, {"Zakariyya", 3}}},
      {"أيوب", {{"Ayoub", 14}, {"Ayub", 4}, {"Ayyub", 3}}},
      {"سفيان", {{"Sofiane", 9}, {"Soufiane", 6}, {"Sufyan", 4}, {"Sufian", 3}}},
      {"أسامة", {{"Osama", 32}, {"Oussama", 15}, {"Usama", 3}}},
      {"صالح", {{"Saleh", 81}, {"Salih", 22}}},
      {"ناصر", {{"Nasser", 52}, {"Nasir", 9}, {"Naser", 7}, {"Nacer", 3}}},
      {"خليل", {{"Khalil", 59}, {"Halil", 10}, {"Khelil", 3}}},
      {"يحيى", {{"Yahya", 45}, {"Yahia", 14}, {"Yehia", 8}}},
      {"إدريس", {{"Driss", 22}, {"Idris", 13}, {"Idriss", 3}}},
      {"عادل", {{"Adel", 67}, {"Adil", 23}}},
      {"هشام", {{"Hisham", 29}, {"Hesham", 16}, {"Hicham", 13}, {"Hichem", 9}}},
      {"مراد", {{"Mourad", 27}, {"Murad", 24}, {"Morad", 3}}},
      {"مهدي", {{"Mehdi", 42}, {"Mahdi", 18}}},
      {"قاسم", {{"Qasim", 15}, {"Qassim", 7}, {"Qassem", 5}, {"Kassem", 4}}},
      {"سليمان", {{"Suleiman", 22}, {"Soliman", 20}, {"Slimane", 14}, {"Sulaiman", 12}, {"Sulayman", 9}}},
      {"أيمن", {{"Ayman", 39}, {"Aymen", 9}}},
      {"زياد", {{"Ziad", 19}, {"Ziyad", 6}, {"Zied", 5}}},
      {"عبد الحميد", {{"Abdelhamid", 20}, {"Abdulhamid", 12}, {"Abd al-Hamid", 5}}},
      {"عبد الله", {{"Abdullah", 60}, {"Abdallah", 30}, {"Abdellah", 10}}},
      {"عبد الرحمن", {{"Abderrahmane", 12}, {"Abdurrahman", 10}, {"Abdul Rahman", 10}, {"Abdelrahman", 8}}},
  };
  return kGroups;
}

const std::vector<VariantGroup>& ArabicFemaleGiven() {
  static const std::vector<VariantGroup> kGroups = {
      {"فاطمة", {{"Fatima", 60}, {"Fatma", 30}, {"Fatimah", 8}}},
      {"عائشة", {{"Aisha", 30}, {"Aicha", 20}, {"Ayesha", 10}}},
      {"خديجة", {{"Khadija", 30}, {"Khadidja", 8}, {"Khadijah", 6}}},
      {"مريم", {{"Maryam", 30}, {"Meryem", 20}, {"Mariam", 20}}},
      {"زينب", {{"Zainab", 30}, {"Zeinab", 15}, {"Zaynab", 10}}},
      {"نور", {{"Nour", 30}, {"Noor", 20}, {"Nur", 15}}},
      {"ياسمين", {{"Yasmine", 30}, {"Yasmin", 25}, {"Jasmin", 5}}},
      {"ليلى", {{"Leila", 30}, {"Layla", 25}, {"Laila", 20}}},
      {"سلمى", {{"Salma", 30}, {"Selma", 15}}},
      {"أمينة", {{"Amina", 30}, {"Aminata", 5}, {"Ameena", 5}}},
  };
  return kGroups;
}

// Family names of Maghrebi, Levantine and Iraqi origin; the article is varied by rule too.
const std::vector<VariantGroup>& ArabicFamily() {
  static const std::vector<VariantGroup> kGroups = {
      {"العمراني", {{"El Amrani", 20}, {"Elamrani", 8}, {"al-Amrani", 6}}},
      {"بن علي", {{"Benali", 20}, {"Ben Ali", 15}, {"Bin Ali", 6}}},
      {"حداد", {{"Haddad", 30}, {"Hadad", 5}}},
      {"منصوري", {{"Mansouri", 9}, {"Mansuri", 3}}},
      {"بلقاسم", {{"Belkacem", 15}, {"Belgacem", 8}, {"Belqasim", 3}}},
      {"الشريف", {{"Cherif", 20}, {"Sharif", 15}, {"al-Sharif", 8}}},
      {"الزياني", {{"Ziani", 10}, {"Zayani", 4}}},
      {"أباعود", {{"Abaaoud", 10}, {"Abaoud", 4}, {"Aba'oud", 2}}},
      {"الجبوري", {{"al-Jubouri", 15}, {"Al Jubouri", 10}, {"al-Juburi", 6}}},
      {"العبيدي", {{"al-Obeidi", 12}, {"Al-Ubaydi", 6}, {"Obeidi", 5}}},
      {"الخطيب", {{"al-Khatib", 15}, {"Al Khateeb", 8}, {"Khatib", 8}}},
      {"حمدان", {{"Hamdan", 20}, {"Hamdane", 5}}},
      {"بوزيد", {{"Bouzid", 15}, {"Bouzeid", 3}}},
      {"الإدريسي", {{"El Idrissi", 12}, {"Idrissi", 10}, {"al-Idrisi", 5}}},
      {"العلوي", {{"Alaoui", 15}, {"El Alaoui", 8}, {"al-Alawi", 5}}},
      {"بنسعيد", {{"Bensaid", 10}, {"Ben Said", 6}}},
      {"التكريتي", {{"al-Tikriti", 10}, {"Tikriti", 5}}},
      {"الحسيني", {{"al-Husseini", 10}, {"Husseini", 8}, {"El Husseini", 4}}},
      {"قريشي", {{"Qureshi", 20}, {"Qurashi", 8}, {"Koreshi", 3}}},
      {"الأنصاري", {{"al-Ansari", 12}, {"Ansari", 12}, {"El Ansari", 4}}},
  };
  return kGroups;
}

struct PlainNames {
  std::vector<const char*> male, female, family;
};

const PlainNames& NamesFor(std::string_view language) {
  static const PlainNames kFrench = {
      {"Jean", "Pierre", "Lucas", "Thomas", "Nicolas", "Julien", "Antoine", "Hugo", "Maxime", "Théo", "Kevin", "Sébastien"},
      {"Marie", "Camille", "Léa", "Manon", "Chloé", "Sarah", "Julie", "Inès", "Émilie", "Laura"},
      {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Lefèvre", "Fournier", "Girard", "Mercier"}};
  static const PlainNames kEnglish = {
      {"James", "John", "Oliver", "Jack", "Harry", "George", "Daniel", "Michael", "Ryan", "Tyler", "Matthew"},
      {"Emily", "Sarah", "Olivia", "Jessica", "Emma", "Hannah", "Megan", "Ashley", "Sophie"},
      {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Evans", "Walker", "Miller", "Clarke"}};
  static const PlainNames kGerman = {
      {"Lukas", "Jonas", "Leon", "Felix", "Maximilian", "Paul", "Tobias", "Jan", "Florian", "Niklas"},
      {"Anna", "Lena", "Laura", "Julia", "Lea", "Sophie", "Katharina", "Sarah"},
      {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch"}};
  static const PlainNames kTurkish = {
      {"Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "Yusuf", "Emre", "Burak", "Murat", "Ömer"},
      {"Ayşe", "Fatma", "Zeynep", "Elif", "Emine", "Merve", "Büşra"},
      {"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan"}};
  static const PlainNames kSpanish = {
      {"José", "Antonio", "Manuel", "Francisco", "David", "Javier", "Daniel", "Carlos", "Alejandro", "Pablo"},
      {"María", "Carmen", "Lucía", "Laura", "Marta", "Ana", "Paula"},
      {"García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz"}};
  static const PlainNames kDutch = {
      {"Daan", "Sem", "Lucas", "Milan", "Bram", "Thijs", "Wout", "Pieter"},
      {"Emma", "Julia", "Lotte", "Sanne", "Fleur", "Lieke"},
      {"De Vries", "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Wouters"}};
  static const PlainNames kUrdu = {
      {"Imran", "Usman", "Bilal", "Hamza", "Faisal", "Asif", "Zubair", "Tariq", "Naveed"},
      {"Ayesha", "Fatima", "Sana", "Hina", "Mehwish", "Rabia"},
      {"Khan", "Hussain", "Shah", "Iqbal", "Malik", "Butt", "Chaudhry", "Qureshi", "Mirza"}};
  static const PlainNames kKurdish = {
      {"Azad", "Baran", "Shvan", "Rebwar", "Dilshad", "Karwan", "Hemin"},
      {"Dilan", "Rojda", "Hevi", "Shilan", "Avin"},
      {"Mustafa", "Aziz", "Rashid", "Hamad", "Sharif", "Karim", "Kakai"}};
  if (language == "fr") return kFrench;
  if (language == "en") return kEnglish;
  if (language == "de") return kGerman;
  if (language == "tr") return kTurkish;
  if (language == "es") return kSpanish;
  if (language == "nl") return kDutch;
  if (language == "ur") return kUrdu;
  if (language == "ku") return kKurdish;
  return kFrench;
}

const char* Spell(Rng& rng, const VariantGroup& group) {
  std::vector<double> weights;
  for (const auto& s : group.spellings) weights.push_back(s.second);
  return group.spellings[rng.Weighted(weights)].first;
}

// The group a canonical spelling belongs to, or null.
const VariantGroup* FindGroup(std::string_view token) {
  for (const auto* table : {&ArabicMaleGiven(), &ArabicFemaleGiven(), &ArabicFamily()}) {
    for (const auto& group : *table) {
      for (const auto& s : group.spellings) {
        if (token == s.first) return &group;
      }
    }
  }
  return nullptr;
}

// Upper case as French and Belgian files write surnames, accents kept ("LEFÈVRE").
std::string Upper(std::string_view s) {
  static const std::vector<std::pair<std::string_view, std::string_view>> kAccented = {
      {"é", "É"}, {"è", "È"}, {"ê", "Ê"}, {"ë", "Ë"}, {"à", "À"}, {"â", "Â"}, {"á", "Á"}, {"ä", "Ä"},
      {"ç", "Ç"}, {"ü", "Ü"}, {"ú", "Ú"}, {"ö", "Ö"}, {"ó", "Ó"}, {"í", "Í"}, {"ñ", "Ñ"}, {"ş", "Ş"},
      {"ğ", "Ğ"}, {"ı", "I"}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(std::toupper(c)));
      ++i;
      continue;
    }
    bool mapped = false;
    for (const auto& [lower, upper] : kAccented) {
      if (s.substr(i, lower.size()) == lower) {
        out += upper;
        i += lower.size();
        mapped = true;
        break;
      }
    }
    if (!mapped) out.push_back(s[i++]);
  }
  return out;
}

// The first letter of a UTF-8 string, whole (never half a multi-byte sequence).
std::string FirstLetter(std::string_view s) {
  if (s.empty()) return {};
  size_t n = 1;
  while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
  return std::string(s.substr(0, n));
}

// "Abu" has three common spellings (abu 162, abou 28, abo 12 in the Wikidata counts).
std::string AbuSpelling(Rng& rng) {
  const double x = rng.Uniform();
  return x < 0.8 ? "Abu" : x < 0.94 ? "Abou" : "Abo";
}

// "al-Baljiki" → "el-Baljiki", "al Baljiki", "Al-Baljiki", "al-Beljiki".
std::string NisbaVariant(Rng& rng, const std::string& nisba) {
  if (nisba.size() < 4) return nisba;
  std::string stem = nisba.substr(3);
  if (rng.Chance(0.2) && stem.size() > 3) {
    for (size_t i = 1; i < stem.size(); ++i) {
      if (stem[i] == 'a') { stem[i] = 'e'; break; }
    }
  }
  const double x = rng.Uniform();
  const char* article = x < 0.55 ? "al-" : x < 0.7 ? "el-" : x < 0.85 ? "Al-" : "al ";
  return article + stem;
}

}  // namespace

NameParts DrawName(Rng& rng, std::string_view heritage_language, bool female) {
  NameParts name;
  name.female = female;
  if (heritage_language == "ar") {
    name.arabic_origin = true;
    const auto& given = female ? ArabicFemaleGiven() : ArabicMaleGiven();
    const VariantGroup& g = rng.Pick(given);
    name.given = Spell(rng, g);
    name.arabic_script = g.arabic;
    name.family = Spell(rng, rng.Pick(ArabicFamily()));
    return name;
  }
  const PlainNames& names = NamesFor(heritage_language);
  name.given = rng.Pick(female ? names.female : names.male);
  name.family = rng.Pick(names.family);
  // Urdu-speaking Muslims often carry Arabic-origin given names, spelled the South Asian way.
  if (heritage_language == "ur" && !female && rng.Chance(0.4)) {
    const VariantGroup& g = rng.Pick(ArabicMaleGiven());
    name.given = Spell(rng, g);
    name.arabic_script = g.arabic;
    name.arabic_origin = true;
  }
  return name;
}

void AddNomDeGuerre(Rng& rng, NameParts& name, const char* nisba) {
  // A kunya names a (real or notional) son: "Abu Hamza". Converts often take one too.
  const VariantGroup& son = rng.Pick(ArabicMaleGiven());
  name.kunya = std::string(name.female ? "Umm " : "Abu ") + son.spellings[0].first;
  name.nom_de_guerre = name.kunya + " " + nisba;
}

std::string SpellVariant(Rng& rng, std::string_view token) {
  const VariantGroup* group = FindGroup(token);
  return group ? std::string(Spell(rng, *group)) : std::string(token);
}

std::string CaseFileName(Rng& rng, const NameParts& name, std::string_view country_code) {
  const std::string given = SpellVariant(rng, name.given), family = SpellVariant(rng, name.family);
  if (country_code == "FR" || country_code == "BE" || country_code == "MA") {
    return rng.Chance(0.7) ? given + " " + Upper(family) : Upper(family) + ", " + given;
  }
  if (rng.Chance(0.15)) return Upper(family) + ", " + given;
  return given + " " + family;
}

std::vector<std::string> CaseFileAliases(Rng& rng, const NameParts& name) {
  std::vector<std::string> aliases;
  if (name.arabic_origin && rng.Chance(0.6)) {
    std::string other = SpellVariant(rng, name.given) + " " + SpellVariant(rng, name.family);
    if (other != name.given + " " + name.family) aliases.push_back(other);
  }
  if (!name.kunya.empty()) {
    std::string kunya = name.kunya;
    if (kunya.rfind("Abu ", 0) == 0) kunya = AbuSpelling(rng) + " " + SpellVariant(rng, kunya.substr(4));
    aliases.push_back(kunya);
  }
  if (!name.nom_de_guerre.empty() && rng.Chance(0.8)) {
    const size_t space = name.nom_de_guerre.rfind(' ');
    aliases.push_back(name.kunya + " " + NisbaVariant(rng, name.nom_de_guerre.substr(space + 1)));
  }
  return aliases;
}

std::string DisplayName(Rng& rng, const NameParts& name, bool covert) {
  const double x = rng.Uniform();
  if (!name.kunya.empty() && x < (covert ? 0.6 : 0.3)) {
    std::string kunya = name.kunya;
    if (kunya.rfind("Abu ", 0) == 0) kunya = AbuSpelling(rng) + " " + SpellVariant(rng, kunya.substr(4));
    if (!name.nom_de_guerre.empty() && rng.Chance(0.5)) {
      const size_t space = name.nom_de_guerre.rfind(' ');
      kunya += " " + NisbaVariant(rng, name.nom_de_guerre.substr(space + 1));
    }
    return kunya;
  }
  if (!name.arabic_script.empty() && x < 0.75 && rng.Chance(0.25)) return name.arabic_script;
  const std::string given = SpellVariant(rng, name.given);
  const double y = rng.Uniform();
  if (y < 0.45) return given + " " + SpellVariant(rng, name.family);
  if (y < 0.7) return given;
  if (y < 0.85) return given + " " + FirstLetter(SpellVariant(rng, name.family)) + ".";
  return AsciiFold(given) + "_" + std::to_string(rng.Between(1, 99));
}

std::string Handle(Rng& rng, const NameParts& name, bool covert) {
  std::string base;
  const double x = rng.Uniform();
  if (!name.kunya.empty() && x < (covert ? 0.6 : 0.25)) {
    base = AsciiFold(AbuSpelling(rng)) + (rng.Chance(0.5) ? "_" : "") + AsciiFold(SpellVariant(rng, name.kunya.substr(name.kunya.find(' ') + 1)));
  } else if (x < 0.7) {
    base = AsciiFold(SpellVariant(rng, name.given)) + (rng.Chance(0.5) ? "." : "_") + AsciiFold(SpellVariant(rng, name.family));
  } else {
    base = AsciiFold(SpellVariant(rng, name.given)).substr(0, 1) + AsciiFold(SpellVariant(rng, name.family));
  }
  if (rng.Chance(0.6)) base += std::to_string(rng.Between(1, 9999));
  return base;
}

std::string AsciiFold(std::string_view text) {
  // The accented letters that occur in the tables above, as UTF-8, and their ASCII base.
  static const std::vector<std::pair<std::string_view, char>> kFolds = {
      {"é", 'e'}, {"è", 'e'}, {"ê", 'e'}, {"ë", 'e'}, {"É", 'e'}, {"à", 'a'}, {"â", 'a'}, {"á", 'a'},
      {"ä", 'a'}, {"ç", 'c'}, {"Ç", 'c'}, {"ü", 'u'}, {"ú", 'u'}, {"ö", 'o'}, {"ó", 'o'}, {"Ö", 'o'},
      {"ı", 'i'}, {"İ", 'i'}, {"í", 'i'}, {"ş", 's'}, {"Ş", 's'}, {"ğ", 'g'}, {"ñ", 'n'}, {"ß", 's'}};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
      ++i;
      continue;
    }
    bool folded = false;
    for (const auto& [utf8, ascii] : kFolds) {
      if (text.substr(i, utf8.size()) == utf8) {
        out += ascii;
        i += utf8.size();
        folded = true;
        break;
      }
    }
    if (!folded) ++i;  // other non-ASCII bytes (Arabic script) are dropped
  }
  return out;
}

}  // namespace linchpin::simulate
