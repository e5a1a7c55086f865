// Writes the static files of a simulated case — persons.csv, accounts.csv, incidents.csv,
// relations.csv, platforms.csv (the canonical CSV contract, RFC 4180, UTF-8) — and truth.json.
// Also assigns every id, because ids are where truth most easily leaks: all persons (covert or
// not) draw from one shuffled pool of the same format, as do all accounts and channels, and
// rows are written sorted by id, so neither an id nor a row position says anything about role.
#pragma once

#include <string>

#include "common/status.h"
#include "simulate/rng.h"
#include "simulate/simulate.h"
#include "simulate/world.h"

namespace linchpin::simulate {

// Gives persons ("P" + 8 digits), accounts ("A" + 9 digits), channels ("C" + 9 digits) and
// incidents ("I" + 6 digits) random unique ids.
void AssignIds(World& world, Rng& rng);

// The five CSV tables (not events.csv, which event_stream.cc streams).
Status WriteCaseTables(const World& world, Rng& rng, const std::string& out_dir);

// truth.json; schema in docs/simulator.md.
Status WriteTruth(const World& world, const SimulationConfig& config, const std::string& path);

}  // namespace linchpin::simulate
