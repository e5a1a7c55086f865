// names_bench [DATA_DIR]: how fast the name matcher is — the figures quoted in the evaluation
// report. Pairs are the OFAC same-person alias pairs plus their hard and random negatives
// (name_evaluation.h, BuildOfacPairs), about 24,000 pairs of real Arabic-origin names.
//
// Prints, best of five trials on one thread:
//   parse         ParseName per name (ICU only for non-ASCII input)
//   blocking keys NameBlockingKeys per parsed name
//   compare       CompareParsedNames per pre-parsed pair (the blocking-then-score path)
//   end to end    CompareNames per raw pair (parse both, then compare)
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "resolve/names/name_evaluation.h"
#include "resolve/names/name_match.h"

namespace {

using Clock = std::chrono::steady_clock;

template <typename Fn>
double BestSeconds(Fn&& fn) {
  double best = 1e30;
  for (int trial = 0; trial < 5; ++trial) {
    const auto start = Clock::now();
    fn();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return best;
}

void Report(const char* what, size_t items, const char* unit, double seconds) {
  std::printf("%-14s %10.0f %s/s  (%zu %s in %.3f s)\n", what, items / seconds, unit, items, unit, seconds);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string data = argc > 1 ? argv[1] : std::string(LINCHPIN_SHARED_DATA) + "/names";
  auto ofac = linchpin::resolve::BuildOfacPairs(data);
  if (!ofac.ok()) {
    std::fprintf(stderr, "names_bench: %s\n", ofac.status().ToString().c_str());
    return 1;
  }
  std::vector<linchpin::resolve::LabelledPair> pairs = ofac->positives;
  pairs.insert(pairs.end(), ofac->negatives.begin(), ofac->negatives.end());

  std::vector<std::string> names;
  for (const auto& p : pairs) names.push_back(p.a), names.push_back(p.b);
  std::vector<linchpin::resolve::ParsedName> parsed(names.size());
  size_t sink = 0;  // keeps the optimiser from discarding the work

  Report("parse", names.size(), "names", BestSeconds([&] {
           for (size_t i = 0; i < names.size(); ++i) parsed[i] = linchpin::resolve::ParseName(names[i]);
         }));
  Report("blocking keys", parsed.size(), "names", BestSeconds([&] {
           for (const auto& p : parsed) sink += linchpin::resolve::NameBlockingKeys(p).size();
         }));
  Report("compare", pairs.size(), "pairs", BestSeconds([&] {
           for (size_t i = 0; i < pairs.size(); ++i) {
             sink += linchpin::resolve::CompareParsedNames(parsed[2 * i], parsed[2 * i + 1]).match;
           }
         }));
  Report("end to end", pairs.size(), "pairs", BestSeconds([&] {
           for (const auto& p : pairs) sink += linchpin::resolve::CompareNames(p.a, p.b).match;
         }));
  std::printf("(checksum %zu)\n", sink);
  return 0;
}
