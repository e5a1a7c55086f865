// Static tables of the simulated world: platforms, roles, and the countries people live in.
//
// Mobile number ranges follow each national numbering plan (ITU-T E.164 national plans as
// published by the regulators, e.g. ARCEP for France, Ofcom for the UK, BNetzA for Germany);
// they are chosen so that libphonenumber accepts every generated number as a valid mobile number.
#include "simulate/world.h"

#include <cstring>

namespace linchpin::simulate {

const char* PlatName(Plat p) {
  switch (p) {
    case Plat::kPhone: return "phone";
    case Plat::kWhatsapp: return "whatsapp";
    case Plat::kTelegram: return "telegram";
    case Plat::kTwitter: return "twitter";
  }
  return "phone";
}

const char* PlatClass(Plat p) {
  switch (p) {
    case Plat::kPhone: return "phone";
    case Plat::kWhatsapp:
    case Plat::kTelegram: return "encrypted";
    case Plat::kTwitter: return "public";
  }
  return "phone";
}

const char* RoleName(Role r) {
  switch (r) {
    case Role::kBackground: return "background";
    case Role::kChief: return "chief";
    case Role::kCommander: return "commander";
    case Role::kPlanner: return "planner";
    case Role::kRecruit: return "recruit";
    case Role::kLoneActor: return "lone_actor";
    case Role::kJournalist: return "journalist";
    case Role::kResearcher: return "researcher";
    case Role::kFamily: return "family";
    case Role::kFriend: return "friend";
    case Role::kPreacher: return "preacher";
    case Role::kHub: return "hub";
    case Role::kSympathizer: return "sympathizer";
  }
  return "background";
}

const std::vector<Country>& Countries() {
  // Order matters only for reproducibility; the first eight hold the background population.
  static const std::vector<Country> kCountries = {
      {"FR", "France", 1, {"fr", "ar"}, {"Paris", "Marseille", "Lyon", "Toulouse", "Lille", "Nice", "Strasbourg"},
       "33", {"60", "61", "62", "64", "65", "66", "67", "68", "75", "76", "77", "78"}, 9, "al-Faransi"},
      {"BE", "Belgium", 1, {"fr", "nl", "ar"}, {"Brussels", "Antwerp", "Liège", "Charleroi", "Ghent"},
       "32", {"470", "472", "474", "475", "476", "477", "478", "479", "484", "485", "486", "487", "488", "489", "493", "494", "495", "496", "497", "498", "499"},
       9, "al-Baljiki"},
      {"DE", "Germany", 1, {"de", "tr", "ar"}, {"Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt", "Dortmund", "Essen"},
       "49", {"151", "152", "157", "160", "170", "171", "172", "175", "176", "177", "178", "179"}, 11, "al-Almani"},
      {"GB", "United Kingdom", 0, {"en", "ur", "ar"}, {"London", "Birmingham", "Manchester", "Leeds", "Luton", "Cardiff"},
       "44", {"740", "741", "742", "743", "744", "745", "746", "747", "748", "749", "750", "751", "752", "753", "754", "755", "756", "757", "758", "759", "780", "781", "782", "783", "784", "785", "786", "787", "788", "789", "790", "792", "793", "794", "795", "796", "797", "798", "799"}, 10, "al-Britani"},
      {"US", "United States", -5, {"en", "es", "ar"}, {"New York", "Chicago", "Houston", "Minneapolis", "Dallas", "Orlando"},
       "1", {"2122", "2123", "2124", "2125", "2126", "2127", "2128", "2129", "3122", "3123", "3124", "3125", "3126", "3127", "3128", "3129", "4152", "4153", "4154", "4155", "4156", "4157", "4158", "4159", "6462", "6463", "6464", "6465", "6466", "6467", "6468", "6469", "7182", "7183", "7184", "7185", "7186", "7187", "7188", "7189", "6122", "6123", "6124", "6125", "6126", "6127", "6128", "6129", "2142", "2143", "2144", "2145", "2146", "2147", "2148", "2149", "4072", "4073", "4074", "4075", "4076", "4077", "4078", "4079"}, 10, "al-Amriki"},
      {"ES", "Spain", 1, {"es", "ar"}, {"Madrid", "Barcelona", "Valencia", "Seville", "Ceuta", "Melilla"},
       "34", {"6"}, 9, "al-Andalusi"},
      {"MA", "Morocco", 1, {"ar", "fr"}, {"Casablanca", "Rabat", "Tangier", "Fez", "Marrakesh", "Tetouan"},
       "212", {"61", "62", "63", "65", "66", "67"}, 9, "al-Maghribi"},
      {"TR", "Turkey", 3, {"tr", "ar"}, {"Istanbul", "Ankara", "Gaziantep", "Izmir", "Sanliurfa"},
       "90", {"530", "532", "533", "535", "536", "537", "538", "541", "542", "543", "544", "505", "506", "551", "552", "553"}, 10, "al-Turki"},
      {"IQ", "Iraq", 3, {"ar", "ku"}, {"Baghdad", "Mosul", "Erbil", "Fallujah", "Kirkuk"},
       "964", {"750", "751", "770", "771", "772", "780", "781", "790"}, 10, "al-Iraqi"},
      {"SY", "Syria", 3, {"ar"}, {"Raqqa", "Aleppo", "Deir ez-Zor", "Idlib", "Damascus"},
       "963", {"93", "94", "95", "96", "98", "99"}, 9, "al-Shami"},
  };
  return kCountries;
}

int CountryIndex(const char* code) {
  const auto& countries = Countries();
  for (size_t i = 0; i < countries.size(); ++i) {
    if (std::strcmp(countries[i].code, code) == 0) return static_cast<int>(i);
  }
  return -1;
}

uint32_t World::AccountOn(uint32_t person, Plat p, TimeMs t) const {
  for (uint32_t a : persons[person].accounts) {
    const Account& acc = accounts[a];
    if (acc.platform != p || acc.burner) continue;
    if (t != kNoTime && (t < acc.created || (acc.closed != kNoTime && t >= acc.closed))) continue;
    return a;
  }
  return kNone;
}

}  // namespace linchpin::simulate
