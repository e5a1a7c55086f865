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

}  // namespace linchpin
