// attribution_bench CASE [REPEATS]: the time to attribute every incident of a loaded case — the
// figure the attribution issue bounds at 10 s for 100M events. Loads the case once (with
// provenance and content hashes, as `linchpin attribute` does), builds the temporal graph over
// the attribution entity map, then times Attribute() REPEATS times and prints the best, with the
// load and graph-build times beside it (they are not part of the bound), the CPU seconds of the
// best run (all threads: on the shared machine wall time follows the load, CPU time much less)
// and peak RSS.
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "attribute/attribute.h"
#include "store/case_store.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace linchpin;
  if (argc < 2) {
    std::fprintf(stderr, "usage: attribution_bench CASE [REPEATS]\n");
    return 2;
  }
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  auto start = std::chrono::steady_clock::now();
  auto c = LoadCase(argv[1], LoadOptions{.event_provenance = true, .content_hashes = true});
  if (!c.ok()) {
    std::fprintf(stderr, "attribution_bench: %s\n", c.status().ToString().c_str());
    return 1;
  }
  const double load = Seconds(start);
  start = std::chrono::steady_clock::now();
  auto graph = graph::TemporalGraph::Build(*c, attribute::EntitiesForAttribution(*c));
  if (!graph.ok()) {
    std::fprintf(stderr, "attribution_bench: %s\n", graph.status().ToString().c_str());
    return 1;
  }
  const double build = Seconds(start);
  double best = 1e30, best_cpu = 0;
  size_t handlers = 0;
  for (int i = 0; i < repeats; ++i) {
    start = std::chrono::steady_clock::now();
    const double cpu_start = CpuSeconds();
    auto report = attribute::Attribute(*c, **graph);
    const double secs = Seconds(start), cpu = CpuSeconds() - cpu_start;
    if (!report.ok()) {
      std::fprintf(stderr, "attribution_bench: %s\n", report.status().ToString().c_str());
      return 1;
    }
    handlers = 0;
    for (const auto& f : report->incidents) handlers += f.handlers.size();
    if (secs < best) {
      best = secs;
      best_cpu = cpu;
    }
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("attribute: %zu incidents of %zu events in %.3f s (best of %d; %.3f CPU s; %zu handlers); load %.2f s, graph %.2f s; peak RSS %.0f MiB\n",
              c->incidents.size(), c->events.size(), best, repeats, best_cpu, handlers, load, build,
              static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}
