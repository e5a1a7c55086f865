// End-to-end tests of `linchpin names compare` through the built binary (LINCHPIN_BIN): the
// single-pair text and JSON output, --pairs with RFC 4180 quoting in and out and rows kept in
// order, and the errors for a bad file (naming the file and the line).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {

struct CliRun {
  int exit_code;
  std::string out;
};

// Runs the CLI with stderr folded into stdout.
CliRun Linchpin(const std::string& args) {
  const std::string command = std::string(LINCHPIN_BIN) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, ""};
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  const std::string path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(NamesCli, ComparesTwoNames) {
  const CliRun r = Linchpin("names compare \"Abu Mohammed al-Adnani\" \"Abu Muhammad Adnani\"");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("MATCH"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("kunya"), std::string::npos) << r.out;
  const CliRun j = Linchpin("names compare \"Abd al-Rahman\" \"Abu Rahman\" --json");
  EXPECT_EQ(j.exit_code, 0) << j.out;
  EXPECT_NE(j.out.find("\"match\": false"), std::string::npos) << j.out;
  EXPECT_NE(j.out.find("\"outcome\": \"conflict\""), std::string::npos) << j.out;
}

TEST(NamesCli, PairsFileKeepsRowsAndQuoting) {
  const std::string in = WriteTemp("linchpin_names_pairs.csv",
                                   "id,a,b\n"
                                   "1,\"AL-ADNANI, Abu Mohammed\",Abu Muhammad Adnani\n"
                                   "2,Abd al-Rahman,Abu Rahman\n"
                                   "3,\"say \"\"x\"\"\",\"multi\nline\"\n");
  const CliRun r = Linchpin("names compare --pairs " + in);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("id,a,b,score,match\n", 0), 0u) << r.out;
  const size_t first = r.out.find("1,\"AL-ADNANI, Abu Mohammed\",Abu Muhammad Adnani,");
  const size_t second = r.out.find("2,Abd al-Rahman,Abu Rahman,0.0000,false\n");
  const size_t third = r.out.find("3,\"say \"\"x\"\"\",\"multi\nline\",");
  ASSERT_NE(first, std::string::npos) << r.out;
  ASSERT_NE(second, std::string::npos) << r.out;
  ASSERT_NE(third, std::string::npos) << r.out;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_NE(r.out.find(",true\n2,"), std::string::npos) << r.out;  // row 1 matched
}

TEST(NamesCli, BadFilesAreClearErrors) {
  const std::string unterminated = WriteTemp("linchpin_names_bad.csv", "a,b\nx,y\n\"open,z\n");
  CliRun r = Linchpin("names compare --pairs " + unterminated);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find(unterminated + ":3"), std::string::npos) << r.out;
  const std::string no_columns = WriteTemp("linchpin_names_nocols.csv", "x,y\n1,2\n");
  r = Linchpin("names compare --pairs " + no_columns);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("no column 'a'"), std::string::npos) << r.out;
  const std::string ragged = WriteTemp("linchpin_names_ragged.csv", "a,b\nx,y\nonly\n");
  r = Linchpin("names compare --pairs " + ragged);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find(ragged + ":3: expected 2 fields, found 1"), std::string::npos) << r.out;
  r = Linchpin("names compare --pairs /nonexistent/pairs.csv");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("/nonexistent/pairs.csv"), std::string::npos) << r.out;
  r = Linchpin("names compare \"only one\"");
  EXPECT_EQ(r.exit_code, 1) << r.out;
}

TEST(EvaluateResolutionCli, MissingDataIsAnError) {
  const CliRun r = Linchpin("evaluate-resolution --names --data /nonexistent");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("/nonexistent/names"), std::string::npos) << r.out;
}

// A miniature of ../shared/data/names: two bench rows, two OFAC persons with one alias each,
// two yente persons and one non-listed person.
std::string WriteMiniNameData() {
  const std::filesystem::path root = std::filesystem::temp_directory_path() / "linchpin_mini_data";
  const std::filesystem::path names = root / "names";
  for (const char* sub : {"opensanctions-name-bench", "ofac-sdn-2022", "yente-screening-fixtures"}) {
    std::filesystem::create_directories(names / sub);
  }
  std::ofstream(names / "opensanctions-name-bench/cases.csv")
      << "case_group,schema,name1,name2,is_match,quality,category,notes\n"
         "nk_checks,Person,Abu Mohammed al-Adnani,Abu Muhammad Adnani,true,STRONG,,\n"
         "nk_checks,Person,Abd al-Rahman,Abu Rahman,false,STRONG,,\n";
  std::ofstream(names / "opensanctions-name-bench/logicv2-frozen.csv")
      << "case_id,name1,name2,score,predicted_match,outcome\n1,Abd al-Rahman,Abu Rahman,0.2,false,tn\n";
  std::ofstream(names / "ofac-sdn-2022/sdn.csv")
      << "1,\"AL-ADNANI, Abu Mohammed\",individual,SDGT,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n"
         "2,\"AL-TIKRITI, Barzan\",individual,IRAQ2,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n";
  std::ofstream(names / "ofac-sdn-2022/alt.csv")
      << "1,10,aka,\"AL-ADNANI, Abu Mohammad\",-0-\n2,20,aka,\"AL-TIKRITI, Barzan Ibrahim\",-0-\n";
  const char* header = "full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality\n";
  std::ofstream(names / "yente-screening-fixtures/positives_un_untreated.csv") << header << "Hassan Dahir Aweys,,,,,,,\n";
  std::ofstream(names / "yente-screening-fixtures/positives_un_treated.csv") << header << "Hasan Dahir Aweys,,,,,,,\n";
  std::ofstream(names / "yente-screening-fixtures/negatives_global_1000.csv") << header << "Hassan Omar Farah,,,,,,,\n";
  return root.string();
}

TEST(EvaluateResolutionCli, PairsOutWritesEveryScoredPairAtTheThreshold) {
  const std::string data = WriteMiniNameData();
  const std::string out = (std::filesystem::temp_directory_path() / "linchpin_mini_pairs.csv").string();
  CliRun r = Linchpin("evaluate-resolution --names --data " + data + " --pairs-out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::ifstream in(out);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.rfind("set,group,schema,half,a,b,label,score,match\n", 0), 0u) << text;
  EXPECT_NE(text.find("opensanctions,nk_checks,Person,"), std::string::npos) << text;
  EXPECT_NE(text.find("Abu Mohammed al-Adnani,Abu Muhammad Adnani,true,"), std::string::npos) << text;
  EXPECT_NE(text.find("ofac-positive,spelling-variant,Person,"), std::string::npos) << text;
  EXPECT_NE(text.find("yente-positive,"), std::string::npos) << text;
  EXPECT_NE(text.find("Abd al-Rahman,Abu Rahman,false,0.0000,false\n"), std::string::npos) << text;
  // At threshold 1 only identical spellings match: the Adnani pair is no longer a match.
  r = Linchpin("evaluate-resolution --names --data " + data + " --threshold 1 --pairs-out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::ifstream again(out);
  text.assign((std::istreambuf_iterator<char>(again)), std::istreambuf_iterator<char>());
  const size_t adnani = text.find("Abu Mohammed al-Adnani,Abu Muhammad Adnani,true,");
  ASSERT_NE(adnani, std::string::npos) << text;
  const std::string row = text.substr(adnani, text.find('\n', adnani) - adnani);
  EXPECT_EQ(row.substr(row.size() - 6), ",false") << row;
  EXPECT_NE(r.out.find("1.00"), std::string::npos) << r.out;  // the threshold column
  r = Linchpin("evaluate-resolution --names --data " + data + " --threshold 2");
  EXPECT_NE(r.exit_code, 0) << r.out;
}

}  // namespace
