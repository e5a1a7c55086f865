// The identifiers that tie one person's accounts together in a real case, laid over a built
// world: handles and display names reused across platforms (with the variation people and
// platforms add), the registration phone of app accounts and a personal e-mail address as
// platform returns and seized devices give them, handle families of re-registered accounts
// (abu_x → abu_x2), and the adversarial side: covert actors who keep some accounts unrelated on
// purpose, and near-miss handles held by different people.
//
// Additive by design: it only rewrites account attributes (handle, display_name, phone, email)
// and draws from its own generator, so the ties, sessions and events of a seed — and the ids,
// which are drawn from the main generator afterwards — are the same with every setting of its
// knobs. See docs/simulator.md ("Identifiers across accounts") for the rates and their sources.
#pragma once

#include "simulate/simulate.h"
#include "simulate/world.h"

namespace linchpin::simulate {

// The identity rates a configuration means once its difficulty is applied.
struct IdentityRates {
  double handle_reuse, display_name_reuse, reregistration_reuse;
  double registration_phone, registration_email, subscriber_name, covert_unlinked, near_miss_handles;
};
IdentityRates EffectiveIdentityRates(const SimulationConfig& config);

// Rewrites the accounts' handles, display names, phones and e-mails (see the header comment).
void AddIdentitySignals(const SimulationConfig& config, World& world);

}  // namespace linchpin::simulate
