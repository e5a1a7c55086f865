// The `linchpin` command line as users and outside tools call it: --version, --help on every
// subcommand, exit codes, and the JSON contracts of stats and events.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code = -1;
  std::string out;  // stdout and stderr together
};

CliRun Linchpin(const std::string& args) {
  CliRun r;
  const std::string cmd = std::string(LINCHPIN_BIN) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lp_cli_" + std::to_string(getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    case_ = (dir_ / "case.lpcase").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  void IngestSmallCase() {
    const auto persons = Write("persons.csv", "person_id,name\nP1,Adel\nP2,Abdel Malik\n");
    const auto accounts = Write("accounts.csv",
        "account_id,platform,handle,display_name,phone,email,owner,created,closed,closed_reason\n"
        "A1,telegram,adel_k,Adel,,,P1,,,\nA2,telegram,abu_x,,,,,,,\n");
    const auto events = Write("events.csv",
        "time,platform,kind,source,target,duration_s,size_bytes,content_hash\n"
        "2016-07-20T10:00:00Z,telegram,message,A2,A1,,120,\n"
        "2016-07-21T10:00:00Z,phone,call,+33 6 12 34 56 78,+33699887766,60,,\n"
        "2016-07-22T10:00:00Z,telegram,media,A1,A2,,9000000,abc\n");
    const auto incidents = Write("incidents.csv", "incident_id,time,kind,place,country,perpetrators\nI1,2016-07-26,attack,X,FR,P1\n");
    const CliRun r = Linchpin("ingest " + case_ + " " + events + " " + persons + " " + accounts + " " + incidents);
    ASSERT_EQ(r.code, 0) << r.out;
  }
  fs::path dir_;
  std::string case_;
};

TEST_F(CliTest, VersionAndHelp) {
  CliRun r = Linchpin("--version");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("linchpin "), std::string::npos);
  r = Linchpin("--help");
  EXPECT_EQ(r.code, 0);
  for (const char* sub : {"ingest", "stats", "events"}) {
    EXPECT_NE(r.out.find(sub), std::string::npos) << sub;
    const CliRun h = Linchpin(std::string(sub) + " --help");
    EXPECT_EQ(h.code, 0) << sub;
    EXPECT_NE(h.out.find("Options"), std::string::npos) << h.out;
  }
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Linchpin("").code, 2);
  EXPECT_EQ(Linchpin("no-such-command").code, 2);
  EXPECT_EQ(Linchpin("ingest").code, 2);
}

// CLI11 alone answered a mistyped command with "A subcommand is required".
TEST_F(CliTest, AMistypedCommandIsNamedWithTheOneMeant) {
  const CliRun typo = Linchpin("resolv case.lpc");
  EXPECT_EQ(typo.code, 2);
  EXPECT_NE(typo.out.find("unknown command 'resolv' (did you mean 'resolve'?)"), std::string::npos) << typo.out;
  const CliRun far = Linchpin("xyzzy");
  EXPECT_EQ(far.code, 2);
  EXPECT_NE(far.out.find("unknown command 'xyzzy';"), std::string::npos) << far.out;
  EXPECT_EQ(far.out.find("did you mean"), std::string::npos) << "no guess when nothing is close: " << far.out;
  EXPECT_EQ(Linchpin("--version").code, 0);  // options before a command still reach CLI11
}

TEST_F(CliTest, StatsJsonHasTheContractCounts) {
  IngestSmallCase();
  const CliRun r = Linchpin("stats " + case_ + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("persons").get<int>(), 2);
  EXPECT_EQ(j.at("accounts").get<int>(), 2);
  EXPECT_EQ(j.at("events").get<int>(), 3);
  EXPECT_EQ(j.at("incidents").get<int>(), 1);
  EXPECT_TRUE(j.at("events").is_number_integer());
  const CliRun table = Linchpin("stats " + case_);
  EXPECT_EQ(table.code, 0);
  EXPECT_NE(table.out.find("Top talkers"), std::string::npos);
}

TEST_F(CliTest, EventsByAnyPhoneSpelling) {
  IngestSmallCase();
  for (const char* spelling : {"+33612345678", "'+33 6 12 34 56 78'", "0033612345678", "0612345678 --region FR"}) {
    const CliRun r = Linchpin("events " + case_ + " --json --account " + spelling);
    ASSERT_EQ(r.code, 0) << spelling << ": " << r.out;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_TRUE(j.is_array());
    ASSERT_EQ(j.size(), 1u) << spelling;
    EXPECT_EQ(j[0].at("kind"), "call");
    EXPECT_EQ(j[0].at("source"), "+33612345678");
    EXPECT_EQ(j[0].at("duration_s"), 60);
    EXPECT_EQ(j[0].at("provenance").at("line"), 3);
  }
  const CliRun window = Linchpin("events " + case_ + " --json --account A1 --from 2016-07-21 --to 2016-07-23");
  ASSERT_EQ(window.code, 0) << window.out;
  EXPECT_EQ(nlohmann::json::parse(window.out).size(), 1u);
  const CliRun lower = Linchpin("events " + case_ + " --json --account 0612345678 --region fr");
  ASSERT_EQ(lower.code, 0) << lower.out;
  EXPECT_EQ(nlohmann::json::parse(lower.out).size(), 1u);
  // An unknown region used to be read as none: national numbers then matched nothing, silently.
  for (const char* cmd : {"events CASE --account 0612345678 --region UK", "ingest CASE x.csv --region UK"}) {
    std::string line = cmd;
    line.replace(line.find("CASE"), 4, case_);
    const CliRun r = Linchpin(line);
    EXPECT_EQ(r.code, 2) << cmd << ": " << r.out;
    EXPECT_NE(r.out.find("'UK' is not a region code libphonenumber knows"), std::string::npos) << r.out;
  }
  const CliRun missing = Linchpin("events " + case_ + " --account nobody");
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.out.find("nobody"), std::string::npos);
}

TEST_F(CliTest, BadRowExitsOneNamingFileLineAndColumn) {
  const auto events = Write("events.csv", "time,platform,kind,source,target\n2016-07-20T10:00:00Z,telegram,message,a,b\nnot-a-time,telegram,message,a,b\n");
  const CliRun r = Linchpin("ingest " + case_ + " " + events);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find(events + ":3: column 1 ('time')"), std::string::npos) << r.out;
  const CliRun again = Linchpin("ingest " + case_ + " " + events + " --on-error=skip --rejects-dir " + dir_.string());
  EXPECT_EQ(again.code, 0) << again.out;
  EXPECT_NE(again.out.find("1 rejected"), std::string::npos) << again.out;
  const CliRun dup = Linchpin("ingest " + case_ + " " + events);
  EXPECT_EQ(dup.code, 0);
  EXPECT_NE(dup.out.find("already in the case"), std::string::npos) << dup.out;
}

TEST_F(CliTest, ResolveOfAMissingCaseFailsAndCreatesNothing) {
  const std::string typo = (dir_ / "typo.lpcase").string();
  const CliRun r = Linchpin("resolve " + typo);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("no case file '" + typo + "'"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(typo));
}

// CLI11 reads "-1" into an unsigned option as its largest value, which made --top -1 "all".
TEST_F(CliTest, NegativeCountsAreUsageErrorsNotEverything) {
  IngestSmallCase();
  for (const char* args : {"stats CASE --top -1", "events CASE --limit -1", "analyze CASE --metric degree --top -1",
                           "analyze CASE --metric key-players --k -2", "resolve CASE --top -1",
                           "attribute CASE --baseline-egos -5", "ingest CASE x.csv --max-record-bytes -1"}) {
    std::string cmd = args;
    cmd.replace(cmd.find("CASE"), 4, case_);
    const CliRun r = Linchpin(cmd);
    EXPECT_EQ(r.code, 2) << args << ": " << r.out;
    EXPECT_NE(r.out.find("expected a whole number"), std::string::npos) << args << ": " << r.out;
  }
  const CliRun decimal = Linchpin("events " + case_ + " --limit 09 --json");  // not a bad octal number
  ASSERT_EQ(decimal.code, 0) << decimal.out;
  EXPECT_EQ(nlohmann::json::parse(decimal.out).size(), 3u);
}

// Swapped bounds used to list zero events, which reads as "no contact in that period".
TEST_F(CliTest, FromAfterToIsAnErrorInEventsAndAnalyze) {
  IngestSmallCase();
  for (const char* cmd : {"events", "analyze --metric degree"}) {
    const CliRun r = Linchpin(std::string(cmd) + " " + case_ + " --from 2016-07-23 --to 2016-07-21");
    EXPECT_EQ(r.code, 1) << cmd << ": " << r.out;
    EXPECT_NE(r.out.find("--from 2016-07-23 is after --to 2016-07-21"), std::string::npos) << cmd << ": " << r.out;
  }
  const CliRun one_day = Linchpin("events " + case_ + " --json --from 2016-07-21 --to 2016-07-21T23:59:59Z");
  ASSERT_EQ(one_day.code, 0) << one_day.out;
  EXPECT_EQ(nlohmann::json::parse(one_day.out).size(), 1u);
}

// A Latin-1 name from a badly set terminal made --json throw inside nlohmann::json and abort.
TEST_F(CliTest, NamesCompareRefusesInvalidUtf8InsteadOfCrashing) {
  for (const char* flags : {"", " --json"}) {
    const CliRun r = Linchpin(std::string("names compare \"$(printf 'Jos\\351')\" Jose") + flags);
    EXPECT_EQ(r.code, 1) << flags << ": " << r.out;
    EXPECT_NE(r.out.find("name A: invalid UTF-8 at byte offset 3"), std::string::npos) << r.out;
  }
  IngestSmallCase();
  const CliRun title = Linchpin("report " + case_ + " --out " + (dir_ / "r.html").string() + " --title \"$(printf 'Op\\377')\"");
  EXPECT_EQ(title.code, 1) << title.out;
  EXPECT_NE(title.out.find("--title: invalid UTF-8 at byte offset 2"), std::string::npos) << title.out;
  const auto pairs = Write("pairs.csv", "A,B\nAli,Aly\nJos\xe9,Jose\n");
  const CliRun r = Linchpin("names compare --pairs " + pairs);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("Ali,Aly,"), std::string::npos) << "headers match case-insensitively, as in ingest: " << r.out;
  EXPECT_NE(r.out.find(pairs + ":3: column 1 ('A'): invalid UTF-8"), std::string::npos) << r.out;
}

TEST_F(CliTest, ReportIntoAMissingFolderFailsFirstNamingThePath) {
  IngestSmallCase();
  const std::string out = (dir_ / "no-such-folder" / "report.html").string();
  const CliRun r = Linchpin("report " + case_ + " --out " + out);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("cannot write " + out + ": there is no folder " + (dir_ / "no-such-folder").string()),
            std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("incident"), std::string::npos) << "failed before attributing: " << r.out;
}

// The truth of another simulation shares no incident with the case; scoring it printed
// handler precision and recall 1.000 over nothing. A malformed truth aborted inside nlohmann.
TEST_F(CliTest, EvaluateRefusesATruthOfAnotherCaseOrAMalformedOne) {
  IngestSmallCase();
  const auto other = Write("truth.json", R"({"schema": "linchpin-simulation-truth/1",
      "accounts": [{"id": "Z9", "owners": [{"person": "P7"}]}],
      "incidents": [{"id": "I999", "verdict": "directed", "handlers": ["P7"]}]})");
  CliRun r = Linchpin("evaluate " + case_ + " --truth " + other);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find(other + " names none of the incidents of " + case_ + " (truth: I999, ...; case: I1, ...)"),
            std::string::npos) << r.out;
  const auto malformed = Write("bad-truth.json", R"({"schema": "linchpin-simulation-truth/1", "accounts": [1]})");
  r = Linchpin("evaluate " + case_ + " --truth " + malformed);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find(malformed + ": accounts: expected objects, got 1"), std::string::npos) << r.out;
  r = Linchpin("evaluate-resolution --linking --case " + case_ + " --truth " + other);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find(other + " names none of the accounts of " + case_), std::string::npos) << r.out;
  r = Linchpin("evaluate-resolution --linking");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("--linking needs --truth truth.json and --case CASE"), std::string::npos) << r.out;
  const auto same = Write("same-truth.json", R"({"schema": "linchpin-simulation-truth/1",
      "incidents": [{"id": "I1", "verdict": "none"}]})");
  r = Linchpin("evaluate " + case_ + " --truth " + same);
  EXPECT_EQ(r.code, 0) << r.out;
}

// A malformed row used to leave --output truncated to the rows before it, over the last run's.
TEST_F(CliTest, NamesPairsOutputIsReplacedOnlyByACompleteRun) {
  const auto output = Write("scored.csv", "a,b,score,match\nAli,Aly,0.7153,true\n");
  const auto bad = Write("pairs.csv", "a,b\nOmar,Umar\nonly-one-field\n");
  CliRun r = Linchpin("names compare --pairs " + bad + " --output " + output);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find(bad + ":3: expected 2 fields, found 1"), std::string::npos) << r.out;
  std::ifstream before(output);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(before)), std::istreambuf_iterator<char>()),
            "a,b,score,match\nAli,Aly,0.7153,true\n");
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir_)) files += e.is_regular_file();
  EXPECT_EQ(files, 2u) << "no temporary file left behind";
  const auto good = Write("good.csv", "a,b\nOmar,Umar\n");
  r = Linchpin("names compare --pairs " + good + " --output " + output);
  ASSERT_EQ(r.code, 0) << r.out;
  std::ifstream after(output);
  std::string header, first;
  std::getline(after, header);
  std::getline(after, first);
  EXPECT_EQ(first.rfind("Omar,Umar,", 0), 0u) << first;
}

// --threshold -1 made every candidate a handler (all incidents "directed"); NaN passed CLI::Range.
TEST_F(CliTest, AttributionSettingsOutOfRangeAreUsageErrors) {
  IngestSmallCase();
  for (const char* cmd : {"attribute CASE", "report CASE --out r.html"}) {
    for (const char* setting : {"--threshold -1", "--threshold 5", "--threshold nan", "--lookback-days 0",
                                "--lookback-days 1e30", "--lookback-days nan"}) {
      std::string line = std::string(cmd) + " " + setting;
      line.replace(line.find("CASE"), 4, case_);
      const CliRun r = Linchpin(line);
      EXPECT_EQ(r.code, 2) << line << ": " << r.out;
      EXPECT_NE(r.out.find("expected a number from"), std::string::npos) << line << ": " << r.out;
    }
  }
  EXPECT_EQ(Linchpin("attribute " + case_ + " --threshold 0.9 --lookback-days 30").code, 0);
  for (const char* line : {"names compare Ali Aly --threshold nan", "resolve CASE --threshold nan"}) {
    std::string cmd = line;
    if (cmd.find("CASE") != std::string::npos) cmd.replace(cmd.find("CASE"), 4, case_);
    EXPECT_EQ(Linchpin(cmd).code, 2) << line;
  }
}

// A typo such as "telegarm" became a platform of class other, which weighs in attribution,
// and nothing said so.
TEST_F(CliTest, IngestNotesPlatformsItHadToClassAsOther) {
  const auto events = Write("events.csv", "time,platform,kind,source,target\n"
                                          "2016-07-20T10:00:00Z,telegarm,message,a,b\n"
                                          "2016-07-20T11:00:00Z,telegram,message,a,b\n");
  CliRun r = Linchpin("ingest " + case_ + " " + events);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("note: platform 'telegarm' is not a name Linchpin knows, so it is classed other"),
            std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("'telegram'"), std::string::npos) << r.out;
  const auto platforms = Write("platforms.csv", "platform,class\nrocketchat,encrypted\n");
  const auto more = Write("events-2.csv", "time,platform,kind,source,target\n2016-07-21T10:00:00Z,rocketchat,message,a,b\n");
  r = Linchpin("ingest " + case_ + " " + more + " " + platforms);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out.find("note:"), std::string::npos) << "classed by platforms.csv: " << r.out;
}

}  // namespace
