// splitmix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA
// 2014): one 64-bit word of state, a well-mixed output per step. It seeds the simulator's
// xoshiro256** (simulate/rng.h), and serves alone where a short stream will do (the attribution
// baseline's sample), without that module reaching into the simulator.
#pragma once

#include <cstdint>

namespace linchpin {

inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// splitmix64 as a <random> engine (for std::shuffle and the distributions), one short stream per
// index: Leiden's refinement gives each community its own, so that communities can be refined on
// any threads with the same draws. The start is a hash of (seed, stream), not seed + stream,
// whose streams would be the one sequence shifted by a step.
class SplitMixEngine {
 public:
  using result_type = uint64_t;
  SplitMixEngine(uint64_t seed, uint64_t stream) {
    uint64_t start = seed ^ (stream * 0xD1B54A32D192ED03ull);
    state_ = SplitMix64(start);
  }
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  result_type operator()() { return SplitMix64(state_); }

 private:
  uint64_t state_ = 0;
};

}  // namespace linchpin
