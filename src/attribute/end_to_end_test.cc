// End to end on a small simulated case: simulate (seeded), ingest, load, resolve, attribute, evaluate
// against the truth. Floors, not exact figures: the simulator is another engineer's and may
// change; the floors catch an attribution that stops working, and the figures are printed.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "attribute/attribute.h"
#include "attribute/evaluate.h"
#include "ingest/ingest.h"
#include "resolve/linking/entity_map.h"
#include "resolve/linking/resolve.h"
#include "simulate/simulate.h"
#include "store/case_store.h"

namespace linchpin::attribute {
namespace {

namespace fs = std::filesystem;

Evaluation SimulateAndEvaluate(uint64_t seed, double capture) {
  const fs::path dir = fs::temp_directory_path() / ("linchpin-attr-e2e-" + std::to_string(seed) + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  simulate::SimulationConfig config;
  config.seed = seed;
  config.people = 800;
  config.days = 90;
  config.capture = capture;
  auto sim = simulate::Simulate(config, dir.string());
  EXPECT_TRUE(sim.ok()) << sim.status().ToString();
  const std::string case_path = (dir / "case.lpcase").string();
  {
    auto store = CaseStore::Open(case_path, CaseStore::Mode::kReadWrite);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    IngestOptions options;
    options.on_error = OnError::kSkip;  // simulated accounts.csv writes some national numbers
    options.rejects_dir = dir.string();
    std::vector<std::string> files;
    for (const char* name : {"platforms", "persons", "accounts", "incidents", "relations", "events"}) {
      files.push_back((dir / (std::string(name) + ".csv")).string());
    }
    EXPECT_TRUE(IngestFiles(**store, files, options, {}).ok());
  }
  auto c = LoadCase(case_path, LoadOptions{.event_provenance = true, .content_hashes = true});
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  // As an analyst runs it: entity resolution first, attribution over the resolved entities.
  auto resolution = resolve::Resolve(*c);
  EXPECT_TRUE(resolution.ok()) << resolution.status().ToString();
  const graph::EntityMap entities = resolve::ToEntityMap(*c, *resolution);
  auto attributed = AttributeCase(*c, {}, &entities);
  EXPECT_TRUE(attributed.ok()) << attributed.status().ToString();
  auto truth = ReadTruth((dir / "truth.json").string());
  EXPECT_TRUE(truth.ok()) << truth.status().ToString();
  const Evaluation e = Evaluate(attributed->report, *truth);
  std::printf("seed %llu capture %.1f: %zu incidents, handler precision %.3f recall %.3f, verdicts %.3f, decoys %d, brier %.3f\n",
              static_cast<unsigned long long>(seed), capture, e.incidents, e.handler_precision, e.handler_recall,
              e.verdict_accuracy, e.decoys_accused, e.verdict_brier);
  fs::remove_all(dir);
  return e;
}

TEST(EndToEnd, SimulatedCaseAtDefaultDifficulty) {
  const Evaluation e = SimulateAndEvaluate(11, 0.9);
  ASSERT_GT(e.incidents, 3u);
  EXPECT_GE(e.handler_precision, 0.7);
  EXPECT_GE(e.handler_recall, 0.7);
  EXPECT_GE(e.verdict_accuracy, 0.6);
  EXPECT_LE(e.decoys_accused, 1);
}

TEST(EndToEnd, SimulatedCaseWithCollectionGaps) {
  const Evaluation e = SimulateAndEvaluate(12, 0.6);
  ASSERT_GT(e.incidents, 3u);
  EXPECT_GE(e.handler_recall, 0.5);
  EXPECT_GE(e.handler_precision, 0.7);
}

}  // namespace
}  // namespace linchpin::attribute
