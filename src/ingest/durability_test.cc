// The kill test: SIGKILL `linchpin ingest` at random instants and check, after each kill, that
// the case opens, holds every file that was reported committed — each whole — and nothing of
// any other file. Then a final uninterrupted run must complete the case exactly.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "common/time.h"
#include "store/case_store.h"
#include "store/sqlite_util.h"

namespace linchpin {
namespace {

namespace fs = std::filesystem;

constexpr int kFiles = 6;
constexpr int kRowsPerFile = 200'000;  // ~0.15 s of ingest each: kills land mid-file

std::string WriteEventsFile(const fs::path& dir, int index) {
  const std::string path = (dir / ("events-" + std::to_string(index) + ".csv")).string();
  std::ofstream out(path);
  out << "time,platform,kind,source,target,duration_s,size_bytes,content_hash\n";
  std::mt19937_64 rng(index);
  TimeMs t = 1'700'000'000'000 + index * 1000;
  for (int i = 0; i < kRowsPerFile; ++i) {
    t += static_cast<TimeMs>(rng() % 5000);
    out << FormatTime(t) << ",telegram,message,acc_" << rng() % 5000 << ",acc_" << rng() % 5000
        << ",," << rng() % 4000 << ",\n";
  }
  return path;
}

// Runs `linchpin ingest CASE FILES...`; kills it after `kill_after` unless it ends first.
// Returns true when it ran to completion.
bool RunIngest(const std::string& case_path, const std::vector<std::string>& files,
               std::chrono::milliseconds kill_after) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<std::string> args = {LINCHPIN_BIN, "ingest", case_path};
    args.insert(args.end(), files.begin(), files.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    freopen("/dev/null", "w", stdout);
    execv(argv[0], argv.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + kill_after;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// Every committed file is whole; no event belongs to an uncommitted file.
void CheckConsistent(const std::string& case_path, int64_t& committed_files) {
  auto store = CaseStore::Open(case_path, CaseStore::Mode::kReadWrite);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto c = (*store)->Load();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto per_source = sql::Stmt::Prepare((*store)->db(),
      "SELECT s.id, s.rows_accepted, coalesce(sum(e.count), 0) FROM sources s "
      "LEFT JOIN event_segments e ON e.source_id = s.id GROUP BY s.id");
  ASSERT_TRUE(per_source.ok());
  committed_files = 0;
  int64_t total = 0;
  while (true) {
    auto row = per_source->Step();
    ASSERT_TRUE(row.ok());
    if (!*row) break;
    EXPECT_EQ(per_source->Int(1), kRowsPerFile) << "source " << per_source->Int(0);
    EXPECT_EQ(per_source->Int(2), kRowsPerFile) << "partial file, source " << per_source->Int(0);
    total += per_source->Int(2);
    ++committed_files;
  }
  auto orphans = sql::Stmt::Prepare((*store)->db(),
      "SELECT count(*) FROM event_segments WHERE source_id NOT IN (SELECT id FROM sources)");
  ASSERT_TRUE(orphans.ok());
  ASSERT_TRUE(orphans->Step().ok());
  EXPECT_EQ(orphans->Int(0), 0) << "segments of an uncommitted file";
  EXPECT_EQ(static_cast<int64_t>(c->events.size()), total);
}

TEST(Durability, SigkillAtRandomInstantsNeverLeavesAPartialFile) {
  const fs::path dir = fs::temp_directory_path() / ("lp_kill_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<std::string> files;
  for (int i = 0; i < kFiles; ++i) files.push_back(WriteEventsFile(dir, i));
  const std::string case_path = (dir / "case.lpcase").string();

  std::mt19937 rng(20261201);
  int kills_mid_ingest = 0;
  int64_t committed = 0;
  for (int round = 0; round < 40 && committed < kFiles; ++round) {
    const auto after = std::chrono::milliseconds(5 + rng() % 200);
    if (!RunIngest(case_path, files, after)) ++kills_mid_ingest;
    CheckConsistent(case_path, committed);
    if (HasFatalFailure()) break;
  }
  EXPECT_GE(kills_mid_ingest, 5) << "the kills should land during ingest";
  ASSERT_TRUE(RunIngest(case_path, files, std::chrono::minutes(2)));
  CheckConsistent(case_path, committed);
  EXPECT_EQ(committed, kFiles);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace linchpin
