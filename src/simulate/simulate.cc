// The simulator's entry point: validate the knobs, build the world (background, covert network,
// case file), assign ids, write the static tables and the truth, then stream the events.
#include "simulate/simulate.h"

#include <algorithm>
#include <filesystem>

#include "simulate/case_writer.h"
#include "simulate/covert.h"
#include "simulate/event_stream.h"
#include "simulate/identity.h"
#include "simulate/population.h"

namespace linchpin::simulate {
namespace {

Status Range(bool ok, const char* knob, const char* expected) {
  return ok ? Status::Ok() : Status::InvalidArgument(std::string("--") + knob + " must be " + expected);
}

}  // namespace

Status Validate(const SimulationConfig& c) {
  LP_RETURN_IF_ERROR(Range(c.people >= 50 && c.people <= 5'000'000, "people", "between 50 and 5000000"));
  LP_RETURN_IF_ERROR(Range(c.days >= 7 && c.days <= 3650, "days", "between 7 and 3650"));
  LP_RETURN_IF_ERROR(Range(c.activity > 0 && c.activity <= 1000, "activity", "in (0, 1000]"));
  LP_RETURN_IF_ERROR(Range(c.commanders >= 1 && c.commanders <= 3, "commanders", "between 1 and 3"));
  LP_RETURN_IF_ERROR(Range(c.cells >= 1 && c.cells <= 100, "cells", "between 1 and 100"));
  LP_RETURN_IF_ERROR(Range(c.recruits_per_cell >= 1 && c.recruits_per_cell <= 20, "recruits-per-cell", "between 1 and 20"));
  LP_RETURN_IF_ERROR(Range(c.incidents >= 0 && c.incidents <= 200, "incidents", "between 0 and 200"));
  LP_RETURN_IF_ERROR(Range(c.lone_actors >= 0 && c.lone_actors <= c.incidents, "lone-actors", "between 0 and --incidents"));
  LP_RETURN_IF_ERROR(Range(c.foiled >= 0 && c.foiled <= c.incidents, "foiled", "between 0 and --incidents"));
  LP_RETURN_IF_ERROR(Range(c.handler_accounts >= 1 && c.handler_accounts <= 10, "handler-accounts", "between 1 and 10"));
  LP_RETURN_IF_ERROR(Range(c.burners >= 0 && c.burners <= 20, "burners", "between 0 and 20"));
  LP_RETURN_IF_ERROR(Range(c.contact_stop_minutes >= 0 && c.contact_stop_minutes <= 60 * 24 * 30, "contact-stop-minutes", "between 0 and 43200"));
  LP_RETURN_IF_ERROR(Range(c.journalists >= 0 && c.researchers >= 0 && c.preachers >= 0 && c.hubs >= 0 &&
                               c.journalists + c.researchers + c.preachers + c.hubs <= 1000, "journalists/researchers/preachers/hubs", "between 0 and 1000 in all"));
  LP_RETURN_IF_ERROR(Range(c.capture > 0 && c.capture <= 1, "capture", "in (0, 1]"));
  LP_RETURN_IF_ERROR(Range(c.time_noise_s >= 0 && c.time_noise_s <= 3600, "time-noise-s", "between 0 and 3600"));
  LP_RETURN_IF_ERROR(Range(c.case_file_fraction >= 0 && c.case_file_fraction <= 1, "case-file-fraction", "in [0, 1]"));
  LP_RETURN_IF_ERROR(Range(c.known_owner_fraction >= 0 && c.known_owner_fraction <= 1, "known-owner-fraction", "in [0, 1]"));
  for (const auto& [value, knob] : {std::pair{c.handle_reuse, "handle-reuse"}, {c.display_name_reuse, "display-name-reuse"},
                                    {c.reregistration_reuse, "reregistration-reuse"},
                                    {c.registration_phone_fraction, "registration-phone-fraction"},
                                    {c.registration_email_fraction, "registration-email-fraction"},
                                    {c.subscriber_name_fraction, "subscriber-name-fraction"},
                                    {c.covert_unlinked, "covert-unlinked"}, {c.near_miss_handles, "near-miss-handles"},
                                    {c.public_social_ties, "public-social-ties"}, {c.public_social_talk, "public-social-talk"},
                                    {c.second_sim_ties, "second-sim-ties"}, {c.dual_app_ties, "dual-app-ties"}}) {
    LP_RETURN_IF_ERROR(Range(value >= 0 && value <= 1, knob, "in [0, 1]"));
  }
  LP_RETURN_IF_ERROR(Range(c.difficulty == "easy" || c.difficulty == "default" || c.difficulty == "hard", "difficulty",
                           "easy, default or hard"));
  const auto start = ParseTime(c.start_date);
  if (!start || *start % kDayMs != 0) return Status::InvalidArgument("--start-date must be a date like 2026-01-05");
  return Status::Ok();
}

Result<SimulationSummary> Simulate(const SimulationConfig& config, const std::string& out_dir, const ProgressFn& progress) {
  LP_RETURN_IF_ERROR(Validate(config));
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) return Status::IOError("cannot create " + out_dir + ": " + error.message());

  World world;
  world.start = *ParseTime(config.start_date);
  world.end = world.start + config.days * kDayMs;
  Rng rng(config.seed);
  WorldBuilder builder(config, world, rng);
  builder.BuildBackground();
  BuildCovertNetwork(config, builder, world);
  BuildCaseFile(config, builder, world);
  AddIdentitySignals(config, world);  // own generator: the main one's draws (ids) are unchanged
  AssignIds(world, rng);
  // Scripted items in time order; ties broken by insertion order, which is seeded.
  std::stable_sort(world.scripted.begin(), world.scripted.end(),
                   [](const Scripted& x, const Scripted& y) { return x.time < y.time; });

  LP_RETURN_IF_ERROR(WriteCaseTables(world, rng, out_dir));
  LP_RETURN_IF_ERROR(WriteTruth(world, config, out_dir + "/truth.json"));
  LP_ASSIGN_OR_RETURN(const uint64_t events, WriteEvents(world, config, out_dir + "/events.csv", progress));

  SimulationSummary summary;
  summary.events = events;
  summary.accounts = world.accounts.size();
  summary.incidents = world.incidents.size();
  for (const Person& p : world.persons) summary.persons += p.in_case_file ? 1 : 0;
  return summary;
}

}  // namespace linchpin::simulate
