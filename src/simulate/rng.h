// A seeded pseudo-random generator whose output is the same on every compiler and standard
// library: xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
// ACM TOMS 2021) seeded through splitmix64. std::*_distribution is avoided on purpose — its
// algorithms are implementation-defined, so the same seed would give different cases on libc++
// and libstdc++, and `--seed` promises byte-identical output.
//
// Continuous draws use only +,*,/ and std::log/std::exp/std::pow. Times are rounded to whole
// seconds before they are written, so a last-bit difference between libm builds almost never
// reaches the output.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "common/splitmix.h"

namespace linchpin::simulate {

using linchpin::SplitMix64;

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t s = seed;
    for (auto& word : state_) word = SplitMix64(s);
  }
  // An independent stream for one purpose (e.g. one tie), so that adding draws to one part of
  // the model does not shift every later number.
  Rng Fork(uint64_t salt) { return Rng(Next() ^ (salt * 0xD1B54A32D192ED03ull)); }

  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }
  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n) by Lemire's multiply-shift (bias < n / 2^64, negligible here).
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  int64_t Between(int64_t lo, int64_t hi) {  // inclusive
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool Chance(double p) { return Uniform() < p; }
  double Exponential(double mean) { return -mean * std::log1p(-Uniform()); }
  // Pareto with minimum x_min and tail exponent alpha: P(X > x) = (x_min / x)^alpha.
  double Pareto(double x_min, double alpha) { return x_min * std::pow(1.0 - Uniform(), -1.0 / alpha); }
  // Standard normal by Box–Muller (one of the pair; simplicity over speed, used off the hot path).
  double Normal() {
    const double u1 = 1.0 - Uniform(), u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }
  // Weibull with the given mean and shape k; k < 1 gives the bursty, heavy-ish inter-event gaps
  // of human communication (Karsai et al. 2012 report broad gap distributions; k≈0.5–0.7 fits).
  double Weibull(double mean, double shape, double gamma_1_plus_inv_shape) {
    return mean / gamma_1_plus_inv_shape * std::pow(-std::log1p(-Uniform()), 1.0 / shape);
  }
  // Geometric count >= 1 with the given mean.
  int Geometric(double mean) {
    if (mean <= 1.0) return 1;
    const double p = 1.0 / mean;
    return 1 + static_cast<int>(std::floor(std::log1p(-Uniform()) / std::log1p(-p)));
  }
  // Poisson by inversion (small means) or a rounded normal (large means).
  int Poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean > 30) {
      const double x = std::round(mean + std::sqrt(mean) * Normal());
      return x < 0 ? 0 : static_cast<int>(x);
    }
    double p = std::exp(-mean), cumulative = p, u = Uniform();
    int k = 0;
    while (u > cumulative && k < 200) {
      ++k;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) { return items[Below(items.size())]; }
  template <typename T>
  void Shuffle(std::vector<T>& items) {  // Fisher–Yates
    for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[Below(i)]);
  }
  // Index drawn with probability proportional to weights[i] (linear; used at setup only).
  size_t Weighted(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if ((x -= weights[i]) < 0) return i;
    }
    return weights.size() - 1;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

}  // namespace linchpin::simulate
