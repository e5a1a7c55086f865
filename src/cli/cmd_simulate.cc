// linchpin simulate --seed N --out DIR [knobs] — writes a synthetic case with a hidden handler
// network and its ground truth (docs/simulator.md). A thin shell over simulate/simulate.h: every
// SimulationConfig knob is an option here under the same name, with its default in --help.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "common/progress.h"
#include "simulate/simulate.h"

namespace linchpin::cli {

namespace {

struct SimulateArgs {
  simulate::SimulationConfig config;
  std::string out;
};

void AddKnobs(CLI::App* cmd, simulate::SimulationConfig& c) {
  cmd->add_option("--seed", c.seed, "Seed: equal seeds and knobs give byte-identical files")->transform(WholeNumber())->capture_default_str();
  cmd->add_option("--people", c.people, "Background population size")->capture_default_str();
  cmd->add_option("--days", c.days, "Scenario length in days")->capture_default_str();
  cmd->add_option("--start-date", c.start_date, "First day (UTC)")->capture_default_str();
  cmd->add_option("--activity", c.activity, "Multiplier on every background tie's rate")->capture_default_str();
  cmd->add_option("--commanders", c.commanders, "Theater commanders, one per language region (1-3)")->capture_default_str();
  cmd->add_option("--cells", c.cells, "Virtual planners")->capture_default_str();
  cmd->add_option("--recruits-per-cell", c.recruits_per_cell, "Recruits groomed by each planner")->capture_default_str();
  cmd->add_option("--incidents", c.incidents, "Incidents in all (lone actors and foiled plots included)")->capture_default_str();
  cmd->add_option("--lone-actors", c.lone_actors, "Incidents with no handler")->capture_default_str();
  cmd->add_option("--foiled", c.foiled, "Plots stopped by arrest")->capture_default_str();
  cmd->add_option("--handler-accounts", c.handler_accounts, "Encrypted-app accounts per planner")->capture_default_str();
  cmd->add_option("--burners", c.burners, "Burner phones per planner")->capture_default_str();
  cmd->add_option("--contact-stop-minutes", c.contact_stop_minutes, "Last handler contact this long before an incident")->capture_default_str();
  cmd->add_option("--planner-removal", c.planner_removal, "Kill one planner mid-scenario and reassign his recruits")->capture_default_str();
  cmd->add_option("--journalists", c.journalists, "Journalists in open contact with extremists")->capture_default_str();
  cmd->add_option("--researchers", c.researchers, "Researchers in open contact with extremists")->capture_default_str();
  cmd->add_option("--preachers", c.preachers, "Preachers with a large following")->capture_default_str();
  cmd->add_option("--hubs", c.hubs, "Call-centre style numbers")->capture_default_str();
  cmd->add_option("--capture", c.capture, "Fraction of events the case holds (collection gaps)")->capture_default_str();
  cmd->add_option("--time-noise-s", c.time_noise_s, "Timestamp jitter, uniform in +/- seconds")->capture_default_str();
  cmd->add_option("--case-file-fraction", c.case_file_fraction, "Background people with a persons.csv record")->capture_default_str();
  cmd->add_option("--known-owner-fraction", c.known_owner_fraction, "Accounts of recorded people whose owner is known")->capture_default_str();
  cmd->add_option("--handle-reuse", c.handle_reuse, "A person's other accounts reuse their handle (varied)")->capture_default_str();
  cmd->add_option("--display-name-reuse", c.display_name_reuse, "A person's other accounts reuse their display name")->capture_default_str();
  cmd->add_option("--reregistration-reuse", c.reregistration_reuse, "A re-registered account returns under a handle variant")->capture_default_str();
  cmd->add_option("--registration-phone-fraction", c.registration_phone_fraction, "Telegram and public accounts whose registration number the case holds")->capture_default_str();
  cmd->add_option("--registration-email-fraction", c.registration_email_fraction, "Telegram and public accounts carrying the owner's personal e-mail")->capture_default_str();
  cmd->add_option("--subscriber-name-fraction", c.subscriber_name_fraction, "Phones (not burners) whose subscriber's name the case holds")->capture_default_str();
  cmd->add_option("--covert-unlinked", c.covert_unlinked, "Covert actors' app accounts kept apart from their identity")->capture_default_str();
  cmd->add_option("--near-miss-handles", c.near_miss_handles, "Ordinary accounts whose handle varies someone else's")->capture_default_str();
  cmd->add_option("--public-social-ties", c.public_social_ties, "Social ties between two public-platform users that are mutual follows")->capture_default_str();
  cmd->add_option("--public-social-talk", c.public_social_talk, "... of those, the share with public talk (replies, mentions)")->capture_default_str();
  cmd->add_option("--second-sim-ties", c.second_sim_ties, "Workplace ties a second SIM carries (a quarter of this share of the others)")->capture_default_str();
  cmd->add_option("--dual-app-ties", c.dual_app_ties, "Ties of two WhatsApp and Telegram users that use Telegram too")->capture_default_str();
  cmd->add_option("--difficulty", c.difficulty, "easy, default or hard: scales the identity and spread rates")->capture_default_str();
}

void Run(const SimulateArgs& a) {
  Progress progress("simulate: events", 0);
  const auto summary = simulate::Simulate(a.config, a.out, [&](uint64_t done, uint64_t) { progress.Update(done); });
  if (!summary.ok()) return Fail(summary.status());
  progress.Finish(summary->events);
  std::cout << "wrote " << summary->events << " events, " << summary->persons << " persons, " << summary->accounts
            << " accounts, " << summary->incidents << " incidents and truth.json to " << a.out << "\n";
}

}  // namespace

void RegisterSimulate(CLI::App& app) {
  auto args = std::make_shared<SimulateArgs>();
  CLI::App* cmd = app.add_subcommand("simulate", "Write a synthetic case with a hidden handler network and its ground truth");
  cmd->add_option("--out", args->out, "Output directory (created; files in it are replaced)")->required();
  AddKnobs(cmd, args->config);
  cmd->callback([args] { Run(*args); });
}

}  // namespace linchpin::cli
