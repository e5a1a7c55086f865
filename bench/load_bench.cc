// load_bench CASE [REPEATS]: time to load every event of a case into memory for analysis
// (the analysis columns: time, source, target, platform, kind, duration, size), the figure the
// foundation issue bounds at 1 s for 10M events. Prints the best of REPEATS runs and peak RSS.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "store/case_store.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: load_bench CASE [REPEATS]\n");
    return 2;
  }
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  double best = 1e30;
  size_t events = 0;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    auto c = linchpin::LoadCase(argv[1]);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!c.ok()) {
      std::fprintf(stderr, "load_bench: %s\n", c.status().ToString().c_str());
      return 1;
    }
    events = c->events.size();
    best = secs < best ? secs : best;
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("load: %zu events in %.3f s (best of %d) = %.1f M events/s; peak RSS %.0f MiB\n",
              events, best, repeats, static_cast<double>(events) / best / 1e6,
              static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}
