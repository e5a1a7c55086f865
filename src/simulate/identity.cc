// Identifiers across one person's accounts. See identity.h and docs/simulator.md.
#include "simulate/identity.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "simulate/names.h"
#include "simulate/rng.h"

namespace linchpin::simulate {
namespace {

bool HasHandle(Plat p) { return p == Plat::kTelegram || p == Plat::kTwitter; }
bool IsApp(Plat p) { return p != Plat::kPhone; }

// What a person presents everywhere unless they choose otherwise: the handle and the display
// name of their first account that has one.
struct Persona {
  std::string handle, display_name, email;
  uint32_t handle_account = kNone, display_account = kNone;  // where they were read
};

class IdentityPass {
 public:
  IdentityPass(const SimulationConfig& config, World& world)
      : rates_(EffectiveIdentityRates(config)), w_(world), rng_(config.seed ^ 0x1D3A717E5EEDull) {
    for (const Account& a : w_.accounts) {
      if (!a.handle.empty()) taken_.insert(Key(a.platform, a.handle));
      if (!a.email.empty()) emails_.insert(a.email);
    }
  }

  void Run() {
    std::vector<bool> unlinked(w_.accounts.size(), false), decided(w_.accounts.size(), false);
    // Opsec: a covert actor keeps some accounts apart from his everyday identity on purpose.
    for (uint32_t a = 0; a < w_.accounts.size(); ++a) {
      const Account& acc = w_.accounts[a];
      if (IsCovert(w_.persons[acc.owner].role) && IsApp(acc.platform) && rng_.Chance(rates_.covert_unlinked)) {
        unlinked[a] = decided[a] = true;
      }
    }
    std::vector<Persona> personas(w_.persons.size());
    for (uint32_t p = 0; p < w_.persons.size(); ++p) personas[p] = PersonaOf(p, unlinked);
    NearMisses(personas, decided);
    Reregistrations(decided);
    for (uint32_t p = 0; p < w_.persons.size(); ++p) Reuse(p, personas[p], unlinked, decided);
  }

 private:
  static std::string Key(Plat p, const std::string& handle) { return std::string(PlatName(p)) + "|" + handle; }

  Persona PersonaOf(uint32_t person, const std::vector<bool>& unlinked) {
    Persona out;
    for (uint32_t a : w_.persons[person].accounts) {
      const Account& acc = w_.accounts[a];
      if (unlinked[a]) continue;
      if (out.handle.empty() && !acc.handle.empty()) out.handle = acc.handle, out.handle_account = a;
      if (out.display_name.empty() && !acc.display_name.empty()) out.display_name = acc.display_name, out.display_account = a;
    }
    out.email = PersonalEmail(w_.persons[person].name);
    return out;
  }

  std::string PersonalEmail(const NameParts& name) {
    static const char* kDomains[] = {"gmail.com", "outlook.com", "yahoo.fr", "gmx.de", "protonmail.com", "hotmail.co.uk"};
    const std::string given = AsciiFold(name.given), family = AsciiFold(name.family);
    for (;;) {
      std::string local = rng_.Chance(0.6) ? given + (rng_.Chance(0.5) ? "." : "") + family : given.substr(0, 1) + family;
      if (rng_.Chance(0.5)) local += std::to_string(rng_.Between(1, 99));
      std::string email = local + "@" + kDomains[rng_.Below(6)];
      if (emails_.insert(email).second) return email;
    }
  }

  // A variation of `base` as people make one when re-registering or signing up elsewhere:
  // other digits, other separators, a trailing underscore, a doubled letter, a "real" prefix.
  std::string HandleVariant(const std::string& base) {
    std::string core = base;
    while (!core.empty() && std::isdigit(static_cast<unsigned char>(core.back()))) core.pop_back();
    if (core.empty()) core = base;
    const double x = rng_.Uniform();
    if (x < 0.2) return base;
    if (x < 0.5) return core + std::to_string(rng_.Between(1, 99));
    if (x < 0.7) {
      std::string out;
      const double y = rng_.Uniform();
      for (char ch : core) {
        if (ch == '_' || ch == '.') {
          if (y < 0.4) out += ch == '_' ? '.' : '_';
          else if (y < 0.7) out += "__";
        } else {
          out += ch;
        }
      }
      return out.empty() ? core : out;
    }
    if (x < 0.85) return core + "_";
    if (x < 0.93) return core + core.back();
    return std::string(rng_.Chance(0.5) ? "real" : "the") + (rng_.Chance(0.5) ? "_" : "") + core;
  }

  // Sets a handle like `base` on the account, unique on its platform.
  void SetHandleLike(Account& acc, const std::string& base) {
    std::string handle = HandleVariant(base);
    while (handle.empty() || (handle != acc.handle && taken_.count(Key(acc.platform, handle)))) {
      handle = HandleVariant(base) + std::to_string(rng_.Between(1, 999));
    }
    taken_.erase(Key(acc.platform, acc.handle));
    taken_.insert(Key(acc.platform, handle));
    acc.handle = handle;
  }

  // Mostly the same string; sometimes respelled ("Mohamed" → "Mohammed"), lower-cased, or the
  // first word only.
  std::string DisplayVariant(const std::string& name) {
    const double x = rng_.Uniform();
    if (x < 0.55) return name;
    std::vector<std::string> words;
    for (size_t i = 0; i < name.size();) {
      const size_t space = name.find(' ', i);
      const size_t end = space == std::string::npos ? name.size() : space;
      if (end > i) words.push_back(name.substr(i, end - i));
      i = end + 1;
    }
    if (words.empty()) return name;
    std::string out;
    if (x < 0.8) {
      for (const std::string& w : words) out += (out.empty() ? "" : " ") + SpellVariant(rng_, w);
    } else if (x < 0.9) {
      for (const std::string& w : words) out += (out.empty() ? "" : " ") + AsciiFold(w);
      if (out.find_first_not_of(' ') == std::string::npos) return name;  // Arabic script folds to nothing
    } else {
      out = words.size() > 1 ? words[0] : name;
    }
    return out;
  }

  // Accounts of ordinary people given a handle that is a variant of someone else's: a cousin's
  // "abu_omar2", a fan imitating a preacher. They test precision: the stems agree, the people do not.
  void NearMisses(const std::vector<Persona>& personas, std::vector<bool>& decided) {
    std::vector<uint32_t> with_handle;
    for (uint32_t p = 0; p < personas.size(); ++p) {
      if (!personas[p].handle.empty()) with_handle.push_back(p);
    }
    if (with_handle.size() < 2) return;
    for (uint32_t a = 0; a < w_.accounts.size(); ++a) {
      Account& acc = w_.accounts[a];
      if (decided[a] || !HasHandle(acc.platform) || IsCovert(w_.persons[acc.owner].role)) continue;
      if (a == personas[acc.owner].handle_account) continue;  // the persona itself stays the person's own
      if (!rng_.Chance(rates_.near_miss_handles)) continue;
      const uint32_t other = rng_.Pick(with_handle);
      if (other == acc.owner) continue;
      SetHandleLike(acc, personas[other].handle);
      decided[a] = true;
    }
  }

  // A re-registered account mostly comes back under a variant of the old handle and the same
  // display name: its followers must be able to find it (abu_x → abu_x2).
  void Reregistrations(std::vector<bool>& decided) {
    for (const TruthReregistration& r : w_.reregistrations) {
      const Account& old_account = w_.accounts[r.old_account];
      Account& successor = w_.accounts[r.new_account];
      if (decided[r.new_account]) continue;
      decided[r.new_account] = true;
      if (!rng_.Chance(rates_.reregistration_reuse)) continue;
      if (!old_account.handle.empty() && !successor.handle.empty()) SetHandleLike(successor, old_account.handle);
      if (!old_account.display_name.empty()) successor.display_name = DisplayVariant(old_account.display_name);
    }
  }

  // The person's other accounts reuse the persona's handle and display name, carry the number
  // of their phone (app registrations) and their personal address, each at its rate.
  void Reuse(uint32_t person, const Persona& persona, const std::vector<bool>& unlinked, const std::vector<bool>& decided) {
    const Person& p = w_.persons[person];
    uint32_t phone = kNone;
    for (uint32_t a : p.accounts) {
      if (w_.accounts[a].platform == Plat::kPhone && !w_.accounts[a].burner) { phone = a; break; }
    }
    for (uint32_t a : p.accounts) {
      Account& acc = w_.accounts[a];
      // A subscriber check names whoever registered the SIM; a burner is bought anonymously.
      if (acc.platform == Plat::kPhone && !acc.burner && acc.display_name.empty() && rng_.Chance(rates_.subscriber_name)) {
        acc.display_name = CaseFileName(rng_, p.name, Countries()[p.country].code);
      }
      if (!IsApp(acc.platform) || unlinked[a]) continue;
      // The accounts the persona was read from stay as drawn.
      const bool persona_handle = a == persona.handle_account, persona_display = a == persona.display_account;
      if (!decided[a]) {
        if (!persona_handle && !acc.handle.empty() && !persona.handle.empty() && rng_.Chance(rates_.handle_reuse)) {
          SetHandleLike(acc, persona.handle);
        }
        if (!persona_display && !persona.display_name.empty() && rng_.Chance(rates_.display_name_reuse)) {
          acc.display_name = DisplayVariant(persona.display_name);
        }
      }
      // WhatsApp accounts already carry their number (the account is the number).
      if (HasHandle(acc.platform) && phone != kNone && acc.phone_e164.empty() && rng_.Chance(rates_.registration_phone)) {
        acc.phone_e164 = acc.phone_written = w_.accounts[phone].phone_e164;
      }
      if (HasHandle(acc.platform) && rng_.Chance(rates_.registration_email)) acc.email = persona.email;
    }
  }

  IdentityRates rates_;
  World& w_;
  Rng rng_;
  std::unordered_set<std::string> taken_, emails_;
};

}  // namespace

IdentityRates EffectiveIdentityRates(const SimulationConfig& c) {
  IdentityRates r{c.handle_reuse, c.display_name_reuse, c.reregistration_reuse, c.registration_phone_fraction,
                  c.registration_email_fraction, c.subscriber_name_fraction, c.covert_unlinked, c.near_miss_handles};
  if (c.difficulty == "hard") {
    // Less collected (fewer platform returns), more careful people, more look-alikes.
    r.handle_reuse *= 0.5, r.display_name_reuse *= 0.5, r.reregistration_reuse *= 0.6;
    r.registration_phone *= 0.4, r.registration_email *= 0.4, r.subscriber_name *= 0.5;
    r.covert_unlinked = std::min(1.0, r.covert_unlinked + 0.3);
    r.near_miss_handles = std::min(1.0, r.near_miss_handles * 2);
  } else if (c.difficulty == "easy") {
    r.handle_reuse = std::min(1.0, r.handle_reuse * 1.3), r.display_name_reuse = std::min(1.0, r.display_name_reuse * 1.3);
    r.registration_phone = std::min(1.0, r.registration_phone * 1.5), r.registration_email = std::min(1.0, r.registration_email * 1.5);
    r.subscriber_name = std::min(1.0, r.subscriber_name * 1.5);
    r.covert_unlinked *= 0.5, r.near_miss_handles *= 0.5;
  }
  return r;
}

void AddIdentitySignals(const SimulationConfig& config, World& world) { IdentityPass(config, world).Run(); }

}  // namespace linchpin::simulate
