// Streams events.csv: time is cut into day windows; in each window every active tie emits its
// spontaneous sessions (a Weibull renewal process with shape < 1 run in activity time, so gaps
// are bursty and follow the daily rhythm — see activity_clock.h), the scripted covert sessions
// due in the window are merged in, and the window is ordered and written. A session that runs
// past midnight spills into the next window. Memory is one window of events plus per-tie state:
// it grows with the population, never with the number of days or events.
//
// Ordering inside a window is a counting sort by second, then a random tie-break inside each
// second, so that equal timestamps never reveal which generator (background or covert) made a
// row. Formatting avoids iostreams: a precomputed date prefix per day, a digit table for
// HH:MM:SS, std::to_chars, one large output buffer.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "simulate/simulate.h"
#include "simulate/world.h"

namespace linchpin::simulate {

// The 64 hex digits of a content hash drawn from `seed` (looks like a SHA-256 digest; the same
// seed always gives the same hash, so a video sent and later rebroadcast matches).
std::string ContentHash(uint64_t seed);

// Writes events.csv for `world` (whose ties and scripted items are final) and returns the
// number of events written.
Result<uint64_t> WriteEvents(const World& world, const SimulationConfig& config, const std::string& path,
                             const ProgressFn& progress);

}  // namespace linchpin::simulate
