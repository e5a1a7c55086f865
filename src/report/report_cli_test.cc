// End to end through the binary: simulate a case, ingest it, `linchpin report` it; the file is
// written whole, the terminal shows the incident table and the path, and errors are reported
// with exit code 1 and leave no file behind.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct ShellRun {
  int exit_code = -1;
  std::string output;
};

ShellRun Shell(const std::string& command, const fs::path& log) {
  const int status = std::system((command + " > " + log.string() + " 2>&1").c_str());
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
}

class ReportCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("linchpin-report-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const std::string lp = LINCHPIN_BIN;
    const ShellRun sim = Shell(lp + " simulate --seed 7 --out " + (dir_ / "sim").string(), dir_ / "sim.log");
    ASSERT_EQ(sim.exit_code, 0) << sim.output;
    const ShellRun ingest = Shell(lp + " ingest " + Case() + " " + (dir_ / "sim").string() + "/*.csv", dir_ / "ingest.log");
    ASSERT_EQ(ingest.exit_code, 0) << ingest.output;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static std::string Case() { return (dir_ / "c.lpcase").string(); }
  static fs::path dir_;
};
fs::path ReportCommand::dir_;

TEST_F(ReportCommand, WritesTheReportAndPrintsTheIncidentTable) {
  const fs::path out = dir_ / "r.html";
  const ShellRun run = Shell(std::string("SOURCE_DATE_EPOCH=1777032000 ") + LINCHPIN_BIN + " report " + Case() + " --out " +
                            out.string() + " --title 'Seed 7'", dir_ / "report.log");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("incident"), std::string::npos);
  EXPECT_NE(run.output.find("verdict"), std::string::npos);
  EXPECT_NE(run.output.find("wrote " + out.string()), std::string::npos);
  std::ifstream in(out);
  std::stringstream html;
  html << in.rdbuf();
  EXPECT_NE(html.str().find("<h1>Seed 7</h1>"), std::string::npos);
  EXPECT_NE(html.str().find("Generated 2026-04-24 12:00:00 UTC"), std::string::npos);
  EXPECT_NE(html.str().find("class=\"chart link-chart\""), std::string::npos);
  EXPECT_NE(html.str().find("events.csv:"), std::string::npos);  // provenance reached the page
  EXPECT_EQ(html.str().rfind("</html>\n"), html.str().size() - 8);
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << "left behind: " << entry.path();
  }
}

TEST_F(ReportCommand, SameCaseAndTimeGiveTheSameFile) {
  const std::string command = std::string("SOURCE_DATE_EPOCH=1777032000 ") + LINCHPIN_BIN + " report " + Case() + " --out ";
  ASSERT_EQ(Shell(command + (dir_ / "a.html").string(), dir_ / "a.log").exit_code, 0);
  ASSERT_EQ(Shell(command + (dir_ / "b.html").string(), dir_ / "b.log").exit_code, 0);
  EXPECT_EQ(Shell("cmp " + (dir_ / "a.html").string() + " " + (dir_ / "b.html").string(), dir_ / "cmp.log").exit_code, 0);
}

TEST_F(ReportCommand, FailsCleanlyWhenTheFileCannotBeWritten) {
  const fs::path out = dir_ / "no-such-dir" / "r.html";
  const ShellRun run = Shell(std::string(LINCHPIN_BIN) + " report " + Case() + " --out " + out.string(), dir_ / "fail.log");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("linchpin: error"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(ReportCommand, FailsOnAMissingCase) {
  const ShellRun run = Shell(std::string(LINCHPIN_BIN) + " report " + (dir_ / "missing.lpcase").string() + " --out " +
                            (dir_ / "m.html").string(), dir_ / "missing.log");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_FALSE(fs::exists(dir_ / "m.html"));
}

}  // namespace
