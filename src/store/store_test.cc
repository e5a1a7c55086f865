#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zstd.h>

#include <filesystem>
#include <vector>

#include "store/case_store.h"
#include "store/case_writer.h"

namespace linchpin {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("lp_store_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "case.lpcase").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<CaseStore> OpenRw() {
    auto s = CaseStore::Open(path_, CaseStore::Mode::kReadWrite);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return std::move(s).value();
  }
  // Writes `n` events from one file, times descending from `t0` so the segment must sort them
  // (or ascending by `step` > 0, the already-sorted path that copies nothing).
  void WriteEvents(CaseStore& store, const std::string& hash, int n, TimeMs t0, TimeMs step = -1000) {
    auto w = CaseWriter::Begin(store, {"events-" + hash + ".csv", "events", hash, 100});
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    auto p = (*w)->Platform("telegram");
    ASSERT_TRUE(p.ok());
    auto a = (*w)->Endpoint("acc_a", EndpointKind::kOpaque, 2);
    auto b = (*w)->Endpoint("acc_b", EndpointKind::kOpaque, 2);
    ASSERT_TRUE(a.ok() && b.ok());
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE((*w)->AddEvent(t0 + i * step, *a, *b, *p, EventKind::kMessage, -1, 100 + i,
                                 static_cast<uint32_t>(i + 2), i % 3 ? "" : "h" + std::to_string(i % 7),
                                 "").ok());
    }
    ASSERT_TRUE((*w)->Commit(n, 0).ok());
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(StoreTest, EventsRoundTripAcrossSegmentsSortedByTime) {
  auto store = OpenRw();
  const int n = static_cast<int>(kSegmentEvents) + 1234;  // two segments
  WriteEvents(*store, "h1", n, 1'000'000'000);
  LoadOptions opt;
  opt.event_provenance = true;
  opt.content_hashes = true;
  auto c = store->Load(opt);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->events.size(), static_cast<size_t>(n));
  EXPECT_TRUE(std::is_sorted(c->events.time.begin(), c->events.time.end()));
  // The earliest event is the last row written: line n+1, size 100+n-1.
  EXPECT_EQ(c->events.time.front(), 1'000'000'000 - (n - 1) * 1000);
  EXPECT_EQ(c->events.provenance.front().line, static_cast<uint32_t>(n + 1));
  EXPECT_EQ(c->events.size_bytes.front(), 100 + n - 1);
  EXPECT_EQ(c->sources.at(c->events.provenance.front().source), "events-h1.csv");
  // Equal content hashes share one id across segments.
  EXPECT_EQ(c->content_hashes.size(), 7u);
  auto counts = store->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->events, n);
  EXPECT_EQ(counts->endpoints, 2);
}

TEST_F(StoreTest, AlreadySortedEventsRoundTripInFileOrder) {
  auto store = OpenRw();
  const int n = static_cast<int>(kSegmentEvents) + 99;
  WriteEvents(*store, "asc", n, 1'000, 10);
  auto c = store->Load(LoadOptions{.event_provenance = true, .content_hashes = true});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->events.size(), static_cast<size_t>(n));
  for (int i : {0, 1, n / 2, n - 1}) {
    const auto k = static_cast<size_t>(i);
    EXPECT_EQ(c->events.time[k], 1'000 + i * 10);
    EXPECT_EQ(c->events.provenance[k].line, static_cast<uint32_t>(i + 2));
    EXPECT_EQ(c->events.size_bytes[k], 100 + i);
  }
}

TEST_F(StoreTest, EveryLineSurvivesTheDeltaCodingInBothOrders) {
  auto store = OpenRw();
  const int n = static_cast<int>(kSegmentEvents) / 2;
  WriteEvents(*store, "desc", n, 1'000'000'000);         // lines descend in time order
  WriteEvents(*store, "asc", n, 2'000'000'000, 1000);    // and ascend
  auto c = store->Load(LoadOptions{.event_provenance = true});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->events.size(), static_cast<size_t>(2 * n));
  for (int i = 0; i < n; ++i) {
    ASSERT_EQ(c->events.provenance[static_cast<size_t>(i)].line, static_cast<uint32_t>(n + 1 - i)) << i;
    ASSERT_EQ(c->events.provenance[static_cast<size_t>(n + i)].line, static_cast<uint32_t>(i + 2)) << i;
  }
}

// Cases written before the line column was delta-coded hold a plain zstd frame of the lines.
TEST_F(StoreTest, LineColumnOfOlderCasesStillLoads) {
  const int n = 500;
  {
    auto store = OpenRw();
    WriteEvents(*store, "old", n, 1'000, 10);
  }
  std::vector<uint32_t> lines(n);
  for (int i = 0; i < n; ++i) lines[static_cast<size_t>(i)] = static_cast<uint32_t>(7 * i + 3);
  std::string frame(ZSTD_compressBound(lines.size() * 4), '\0');
  frame.resize(ZSTD_compress(frame.data(), frame.size(), lines.data(), lines.size() * 4, 1));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE event_segments SET line = ?", -1, &st, nullptr), SQLITE_OK);
  sqlite3_bind_blob(st, 1, frame.data(), static_cast<int>(frame.size()), SQLITE_TRANSIENT);
  ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
  sqlite3_finalize(st);
  sqlite3_close(db);

  auto c = OpenRw()->Load(LoadOptions{.event_provenance = true});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->events.size(), static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) EXPECT_EQ(c->events.provenance[static_cast<size_t>(i)].line, lines[static_cast<size_t>(i)]);
}

TEST_F(StoreTest, InterleavedFilesLoadInTimeOrder) {
  auto store = OpenRw();
  WriteEvents(*store, "x", 100, 50'000);
  WriteEvents(*store, "y", 100, 50'500);
  auto c = store->Load();
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->events.size(), 200u);
  EXPECT_TRUE(std::is_sorted(c->events.time.begin(), c->events.time.end()));
}

TEST_F(StoreTest, SameContentIsRefusedAsDuplicate) {
  auto store = OpenRw();
  WriteEvents(*store, "same", 10, 1000);
  auto again = CaseWriter::Begin(*store, {"other-name.csv", "events", "same", 100});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Status::Code::kAlreadyExists);
}

TEST_F(StoreTest, UncommittedWriterLeavesNothing) {
  auto store = OpenRw();
  {
    auto w = CaseWriter::Begin(*store, {"p.csv", "persons", "hp", 10});
    ASSERT_TRUE(w.ok());
    Person p;
    p.id = "P1";
    p.name = "Someone";
    ASSERT_TRUE((*w)->PutPerson(p).ok());
  }  // destroyed without Commit: rolled back
  auto c = store->Load();
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->persons.empty());
  EXPECT_TRUE(c->sources.empty());
}

TEST_F(StoreTest, RecordsUpsertWithoutErasingKnownFields) {
  auto store = OpenRw();
  {
    auto w = CaseWriter::Begin(*store, {"a.csv", "accounts", "ha", 10});
    ASSERT_TRUE(w.ok());
    Account a;
    a.id = "acc_1";
    a.platform = "telegram";
    a.handle = "abu_x";
    a.owner = "P1";
    a.provenance.line = 2;
    ASSERT_TRUE((*w)->PutAccount(a).ok());
    ASSERT_TRUE((*w)->Commit(1, 0).ok());
  }
  {
    auto w = CaseWriter::Begin(*store, {"a2.csv", "accounts", "ha2", 10});
    ASSERT_TRUE(w.ok());
    Account a;
    a.id = "acc_1";
    a.display_name = "Abu X";
    a.provenance.line = 5;
    ASSERT_TRUE((*w)->PutAccount(a).ok());
    ASSERT_TRUE((*w)->Commit(1, 0).ok());
  }
  auto c = store->Load();
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->accounts.size(), 1u);
  EXPECT_EQ(c->accounts[0].handle, "abu_x");
  EXPECT_EQ(c->accounts[0].owner, "P1");
  EXPECT_EQ(c->accounts[0].display_name, "Abu X");
  EXPECT_EQ(c->accounts[0].provenance.line, 5u);
  EXPECT_EQ(c->sources.at(c->accounts[0].provenance.source), "a2.csv");
  EXPECT_EQ(c->endpoints.at(c->accounts[0].endpoint).kind, EndpointKind::kAccount);
}

TEST_F(StoreTest, ReadOnlyOpenOfMissingOrForeignFileFailsClearly) {
  auto missing = CaseStore::Open((dir_ / "nope.lpcase").string(), CaseStore::Mode::kReadOnly);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("nope.lpcase"), std::string::npos);
}

// resolve writes into a case; a mistyped path must not become a new, empty case that resolves
// to nothing, and no mode may add our tables to another application's database.
TEST_F(StoreTest, UpdateNeverCreatesAndNoModeTakesOverAForeignDatabase) {
  const std::string missing = (dir_ / "typo.lpcase").string();
  auto update = CaseStore::Open(missing, CaseStore::Mode::kUpdate);
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.status().code(), Status::Code::kNotFound);
  EXPECT_NE(update.status().message().find("typo.lpcase"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(missing));

  const std::string foreign = (dir_ / "other.sqlite").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(foreign.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  for (auto mode : {CaseStore::Mode::kReadOnly, CaseStore::Mode::kReadWrite, CaseStore::Mode::kUpdate}) {
    auto s = CaseStore::Open(foreign, mode);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.status().message().find("is not a Linchpin case file"), std::string::npos) << s.status().ToString();
  }
  ASSERT_EQ(sqlite3_open(foreign.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &q, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(q, 0), 1);  // still only its own table
  sqlite3_finalize(q);
  sqlite3_close(db);

  OpenRw();
  EXPECT_TRUE(CaseStore::Open(path_, CaseStore::Mode::kUpdate).ok());
}

// A process killed while it creates a case: the SQLite connection of a forked child stops dead
// (_exit, no cleanup, as SIGKILL would) at its `stop_at`-th virtual-machine step.
int g_steps_left = 0;
int StopDead(void*) {
  if (--g_steps_left == 0) _exit(0);
  return 0;
}
int StopDeadOnEveryConnection(sqlite3* db, const char**, const void*) {
  sqlite3_progress_handler(db, 1, StopDead, nullptr);
  return SQLITE_OK;
}
// 0 when the child ran to the end (no step left to stop at), 1 when it stopped mid-way.
int CreateCaseStoppingAt(const std::string& path, int stop_at) {
  const pid_t pid = fork();
  if (pid == 0) {
    g_steps_left = stop_at;
    sqlite3_auto_extension(reinterpret_cast<void (*)()>(StopDeadOnEveryConnection));
    auto s = CaseStore::Open(path, CaseStore::Mode::kReadWrite);
    _exit(s.ok() ? 2 : 3);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 1 : 0;
}

// The kill test (ingest/durability_test.cc) once killed an ingest while it was creating its
// case: the tables were there but not yet the meta row that names a case, and every later run
// refused the file as "not a Linchpin case file". Creating a case is one transaction.
TEST_F(StoreTest, AKillWhileCreatingACaseLeavesNoneOrAWholeOne) {
  int stopped = 0;
  for (int stop_at = 1; stop_at < 100000; stop_at += 7) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    const int mid_way = CreateCaseStoppingAt(path_, stop_at);
    stopped += mid_way;
    auto s = CaseStore::Open(path_, CaseStore::Mode::kReadWrite);
    ASSERT_TRUE(s.ok()) << "stopped at step " << stop_at << ": " << s.status().ToString();
    if (!mid_way) break;  // the creation ran to its end: every step has been tried
  }
  EXPECT_GT(stopped, 10) << "the stops should land inside the creation";
}

TEST_F(StoreTest, AFolderOrAMissingFolderIsNamedNotADiskError) {
  for (auto mode : {CaseStore::Mode::kReadOnly, CaseStore::Mode::kReadWrite, CaseStore::Mode::kUpdate}) {
    auto s = CaseStore::Open(dir_.string(), mode);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.status().message().find("is a folder, not a case file"), std::string::npos) << s.status().ToString();
  }
  const std::string nowhere = (dir_ / "missing" / "case.lpcase").string();
  auto s = CaseStore::Open(nowhere, CaseStore::Mode::kReadWrite);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("there is no folder " + (dir_ / "missing").string()), std::string::npos)
      << s.status().ToString();
}

// A case cut short (a failed copy) or overwritten in the middle says it is damaged and names
// its file, so the analyst knows to fetch the backup rather than suspect the disk.
TEST_F(StoreTest, DamagedCaseIsReportedAsCorruptionNamingTheFile) {
  {
    auto store = OpenRw();
    WriteEvents(*store, "h1", 200000, 1'000'000'000);
  }
  const auto size = std::filesystem::file_size(path_);
  ASSERT_GT(size, 65536u);
  const std::string cut = (dir_ / "cut.lpcase").string();
  std::filesystem::copy_file(path_, cut);
  std::filesystem::resize_file(cut, size / 2);
  auto opened = CaseStore::Open(cut, CaseStore::Mode::kReadOnly);
  Status st = opened.ok() ? (*opened)->Load().status() : opened.status();
  EXPECT_EQ(st.code(), Status::Code::kCorruption) << st.ToString();
  EXPECT_NE(st.message().find("cut.lpcase"), std::string::npos) << st.ToString();

  const std::string overwritten = (dir_ / "overwritten.lpcase").string();
  std::filesystem::copy_file(path_, overwritten);
  {
    FILE* f = std::fopen(overwritten.c_str(), "r+b");
    ASSERT_NE(f, nullptr);
    const std::vector<char> junk(16 * 4096, '\x5a');
    std::fseek(f, 4096, SEEK_SET);  // everything after the header page
    std::fwrite(junk.data(), 1, junk.size(), f);
    std::fclose(f);
  }
  opened = CaseStore::Open(overwritten, CaseStore::Mode::kReadOnly);
  st = opened.ok() ? (*opened)->Load().status() : opened.status();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("overwritten.lpcase"), std::string::npos) << st.ToString();
}

}  // namespace
}  // namespace linchpin
