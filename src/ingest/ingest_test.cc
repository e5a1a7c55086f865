// Ingest end to end on small files: every canonical format round-trips, every kind of bad
// input is refused with file, line and column, and nothing already stored is lost.
#include "ingest/ingest.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "ingest/content_hash.h"
#include "store/case_store.h"

namespace linchpin {
namespace {

namespace fs = std::filesystem;

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lp_ingest_" + std::to_string(getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = CaseStore::Open((dir_ / "case.lpcase").string(), CaseStore::Mode::kReadWrite);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    options_.rejects_dir = dir_.string();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  Status Ingest(const std::string& path, FileReport* out = nullptr) {
    FileReport r;
    Status st = IngestFile(*store_, path, options_, r);
    if (out) *out = r;
    return st;
  }
  CaseData Load() {
    LoadOptions o;
    o.event_provenance = true;
    o.content_hashes = true;
    auto c = store_->Load(o);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return std::move(c).value();
  }
  const Endpoint* FindEndpoint(const CaseData& c, const std::string& key) {
    for (const auto& e : c.endpoints) {
      if (e.key == key) return &e;
    }
    return nullptr;
  }

  fs::path dir_;
  std::unique_ptr<CaseStore> store_;
  IngestOptions options_;
};

constexpr const char* kEventsHeader = "time,platform,kind,source,target,duration_s,size_bytes,content_hash\n";

TEST_F(IngestTest, CanonicalFilesRoundTrip) {
  ASSERT_TRUE(Ingest(Write("platforms.csv", "platform,class\nrocketchat,encrypted\n")).ok());
  ASSERT_TRUE(Ingest(Write("persons.csv",
      "person_id,name,aliases,born,nationality,languages,status,status_time,clearance\n"
      "P1,Abu Mohammed al-Adnani,\"Abu Muhammad Adnani; Taha Falaha\",1977,SY,ar;fr,dead,2016-08-30T00:00:00Z,none\n")).ok());
  ASSERT_TRUE(Ingest(Write("accounts.csv",
      "account_id,platform,handle,display_name,phone,email,owner,created,closed,closed_reason\n"
      "A1,telegram,abu_x,\"Abu X, the first\",+33 6 12 34 56 78,X@Example.org,P1,2016-01-01,2016-08-30,suspended\n")).ok());
  ASSERT_TRUE(Ingest(Write("incidents.csv",
      "incident_id,time,kind,place,country,perpetrators\nI1,2016-07-26T09:30:00+02:00,attack,Saint-Etienne-du-Rouvray,FR,P2;P3\n")).ok());
  ASSERT_TRUE(Ingest(Write("relations.csv",
      "source,target,kind,since,until,evidence\nP2,P3,met,2016-07-22,,\"court file 12, p. 3\"\n")).ok());
  ASSERT_TRUE(Ingest(Write("events.csv", std::string(kEventsHeader) +
      "2016-07-20T10:00:00Z,telegram,message,A1,B7,,182,\n"
      "2016-07-20T10:05:00Z,rocketchat,media,B7,A1,,5000000,ab12cd\n"
      "2016-07-20T09:00:00Z,phone,call,+33612345678,0033 6 99 88 77 66,65,,\n")).ok());

  const CaseData c = Load();
  ASSERT_EQ(c.persons.size(), 1u);
  EXPECT_EQ(c.persons[0].aliases, (std::vector<std::string>{"Abu Muhammad Adnani", "Taha Falaha"}));
  EXPECT_EQ(c.persons[0].languages, (std::vector<std::string>{"ar", "fr"}));
  EXPECT_EQ(c.persons[0].status, "dead");
  EXPECT_EQ(c.persons[0].status_time, *ParseTime("2016-08-30T00:00:00Z"));
  EXPECT_EQ(c.persons[0].attributes_json, R"({"clearance":"none"})");
  ASSERT_EQ(c.accounts.size(), 1u);
  EXPECT_EQ(c.accounts[0].phone, "+33612345678");
  EXPECT_EQ(c.accounts[0].display_name, "Abu X, the first");
  EXPECT_EQ(c.accounts[0].email, "x@example.org");
  EXPECT_EQ(c.accounts[0].owner, "P1");
  EXPECT_EQ(c.accounts[0].closed_reason, "suspended");
  ASSERT_EQ(c.incidents.size(), 1u);
  EXPECT_EQ(c.incidents[0].time, *ParseTime("2016-07-26T07:30:00Z"));
  EXPECT_EQ(c.incidents[0].perpetrators, (std::vector<std::string>{"P2", "P3"}));
  ASSERT_EQ(c.relations.size(), 1u);
  EXPECT_EQ(c.relations[0].evidence, "court file 12, p. 3");
  EXPECT_EQ(c.relations[0].until, kNoTime);

  ASSERT_EQ(c.events.size(), 3u);
  EXPECT_EQ(c.events.kind[0], EventKind::kCall);  // sorted by time
  EXPECT_EQ(c.endpoints[c.events.source[0]].key, "+33612345678");
  EXPECT_EQ(c.endpoints[c.events.target[0]].key, "+33699887766");
  EXPECT_EQ(c.events.duration_s[0], 65);
  EXPECT_EQ(c.endpoints[c.events.source[1]].kind, EndpointKind::kAccount);
  EXPECT_EQ(c.endpoints[c.events.target[1]].kind, EndpointKind::kOpaque);
  EXPECT_EQ(c.events.size_bytes[2], 5000000);
  EXPECT_EQ(c.content_hashes[c.events.content[2]], "ab12cd");
  EXPECT_EQ(c.platforms[c.events.platform[2]].cls, PlatformClass::kEncrypted);  // from platforms.csv
  EXPECT_EQ(c.sources[c.events.provenance[0].source], (dir_ / "events.csv").string());
  EXPECT_EQ(c.events.provenance[0].line, 4u);
}

TEST_F(IngestTest, PhoneSpellingsAreOnePhone) {
  options_.region = "FR";
  ASSERT_TRUE(Ingest(Write("events.csv", std::string(kEventsHeader) +
      "2020-01-01T00:00:00Z,phone,call,+33 6 12 34 56 78,17,1,,\n"
      "2020-01-01T00:01:00Z,sms,sms,0612345678,17,,,\n"
      "2020-01-01T00:02:00Z,phone,call,0033612345678,17,1,,\n")).ok());
  const CaseData c = Load();
  EXPECT_EQ(c.events.source[0], c.events.source[1]);
  EXPECT_EQ(c.events.source[1], c.events.source[2]);
  EXPECT_EQ(c.endpoints[c.events.source[0]].key, "+33612345678");
  // "17" does not parse as a subscriber number: kept as an opaque id, as written.
  EXPECT_EQ(c.endpoints[c.events.target[0]].key, "17");
}

TEST_F(IngestTest, EventsBeforeAccountsAreUpgradedToAccounts) {
  ASSERT_TRUE(Ingest(Write("events.csv", std::string(kEventsHeader) + "2020-01-01T00:00:00Z,telegram,message,A1,A2,,,\n")).ok());
  ASSERT_TRUE(Ingest(Write("accounts.csv", "account_id,platform\nA1,telegram\n")).ok());
  const CaseData c = Load();
  EXPECT_EQ(c.endpoints[c.events.source[0]].kind, EndpointKind::kAccount);
  EXPECT_EQ(c.endpoints[c.events.source[0]].account, 0u);
}

TEST_F(IngestTest, MapRenamesColumnsAndExtrasBecomeAttributes) {
  options_.kind = RecordKind::kEvents;
  options_.column_map = {{"time", "Datetime"}, {"source", "From"}, {"target", "To"}};
  options_.default_platform = "phone";
  options_.default_event_kind = "call";
  ASSERT_TRUE(Ingest(Write("calls.csv", "Datetime,From,To,Tower\n1200000000,200,201,T9\n")).ok());
  const CaseData c = Load();
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events.time[0], 1200000000000);
  EXPECT_EQ(c.endpoints[c.events.source[0]].key, "200");
  EXPECT_EQ(c.platforms[c.events.platform[0]].name, "phone");
  EXPECT_EQ(c.events.kind[0], EventKind::kCall);
  EXPECT_EQ(c.accounts.size(), 0u);
}

TEST_F(IngestTest, UnknownMapTargetIsAClearError) {
  options_.kind = RecordKind::kEvents;
  options_.column_map = {{"when", "Datetime"}};
  const Status st = Ingest(Write("calls.csv", "Datetime,source,kind\n1,2,call\n"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("'when' is not a column of events"), std::string::npos) << st.message();
}

TEST_F(IngestTest, ReingestingTheSameContentIsANoOp) {
  const std::string path = Write("persons.csv", "person_id,name\nP1,A\n");
  FileReport r;
  ASSERT_TRUE(Ingest(path, &r).ok());
  EXPECT_EQ(r.outcome, FileReport::Outcome::kCommitted);
  ASSERT_TRUE(Ingest(Write("persons-copy.csv", "person_id,name\nP1,A\n"), &r).ok());
  EXPECT_EQ(r.outcome, FileReport::Outcome::kDuplicate);
  auto log = store_->IngestLog();
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[1].outcome, "duplicate");
  EXPECT_EQ(Load().sources.size(), 1u);
}

// The hash is taken while reading, and up front only when a committed file has the same
// size: a same-sized file with other bytes must still commit, and both ways must record the
// same hash for the same bytes.
TEST_F(IngestTest, SameSizeOtherContentCommitsAndHashesMatchEitherWay) {
  FileReport r;
  ASSERT_TRUE(Ingest(Write("persons.csv", "person_id,name\nP1,A\n"), &r).ok());
  ASSERT_TRUE(Ingest(Write("persons-b.csv", "person_id,name\nP2,B\n"), &r).ok());
  EXPECT_EQ(r.outcome, FileReport::Outcome::kCommitted);
  auto a = HashFile(Write("persons-a2.csv", "person_id,name\nP1,A\n"));
  auto b = HashFile(Write("persons-b2.csv", "person_id,name\nP2,B\n"));
  ASSERT_TRUE(a.ok() && b.ok());
  auto log = store_->IngestLog();
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].content_hash, *a);  // hashed while reading: no file of its size before
  EXPECT_EQ((*log)[1].content_hash, *b);  // hashed up front: the first file had its size
  EXPECT_EQ(Load().persons.size(), 2u);
}

// Each bad input: the error names file, line and column; nothing of the file is committed;
// what was stored before is intact.
struct BadInput {
  const char* name;
  std::string file_name;
  std::string text;
  std::string expect_in_message;
};

class BadInputTest : public IngestTest, public ::testing::WithParamInterface<BadInput> {};

TEST_P(BadInputTest, FailsCleanlyAndKeepsWhatWasStored) {
  ASSERT_TRUE(Ingest(Write("persons.csv", "person_id,name\nP0,Kept\n")).ok());
  const BadInput& b = GetParam();
  const std::string path = Write(b.file_name, b.text);
  const Status st = Ingest(path);
  ASSERT_FALSE(st.ok()) << b.name;
  EXPECT_NE(st.message().find(path), std::string::npos) << st.message();
  EXPECT_NE(st.message().find(b.expect_in_message), std::string::npos) << st.message();
  const CaseData c = Load();
  EXPECT_EQ(c.sources.size(), 1u);
  ASSERT_EQ(c.persons.size(), 1u);
  EXPECT_EQ(c.persons[0].name, "Kept");
  EXPECT_EQ(c.events.size(), 0u);
  EXPECT_TRUE(c.accounts.empty());
}

const std::string kGoodRow = "2020-01-01T00:00:00Z,telegram,message,a,b,,,\n";

INSTANTIATE_TEST_SUITE_P(
    Ingest, BadInputTest,
    ::testing::Values(
        BadInput{"truncated", "events.csv", kEventsHeader + kGoodRow + "2020-01-01T00:00:00Z,telegram,message,\"a,b", ":3: "},
        BadInput{"column_count", "events.csv", kEventsHeader + kGoodRow + "2020-01-01T00:00:00Z,telegram,message,a\n", ":3: "},
        BadInput{"bad_utf8", "events.csv", kEventsHeader + kGoodRow + "2020-01-01T00:00:00Z,telegram,message,a\xff\xfe,b,,,\n", "UTF-8"},
        BadInput{"bad_time", "events.csv", kEventsHeader + kGoodRow + "2020-13-01T00:00:00Z,telegram,message,a,b,,,\n", ":3: column 1 ('time'): expected an ISO 8601 time"},
        BadInput{"unknown_kind", "events.csv", kEventsHeader + kGoodRow + "2020-01-01T00:00:00Z,telegram,telepathy,a,b,,,\n", ":3: column 3 ('kind'): expected one of call"},
        BadInput{"negative_size", "events.csv", kEventsHeader + kGoodRow + "2020-01-01T00:00:00Z,telegram,media,a,b,,-5,\n", "column 7 ('size_bytes')"},
        BadInput{"huge_duration", "events.csv", kEventsHeader + kGoodRow + "2020-01-01T00:00:00Z,phone,call,a,b,99999999999,,\n",
                 ":3: column 6 ('duration_s'): expected a non-negative number up to 2147483647, got '99999999999'"},
        BadInput{"too_long", "events.csv", kEventsHeader + kGoodRow + "2020-01-01T00:00:00Z,telegram,message,a," + std::string(3 << 20, 'x') + ",,,\n", ":3: "},
        BadInput{"empty_file", "events.csv", "", "empty"},
        BadInput{"missing_column", "events.csv", "time,platform,source\n",
                 "events.csv:1: missing column 'kind'"},
        BadInput{"missing_column_after_blank_lines", "events.csv", "\n\ntime,platform,source\n",
                 "events.csv:3: missing column 'kind'"},
        BadInput{"missing_key", "events.jsonl",
                 "\n{\"time\":\"2020-01-01T00:00:00Z\",\"platform\":\"telegram\"}\n",
                 "events.jsonl:2: missing column 'kind'"},
        BadInput{"bad_phone", "accounts.csv", "account_id,platform,phone\nA1,phone,+33 6 12 34 56 78\nA2,phone,12ab\n", ":3: column 3 ('phone'): '12ab' is not a phone number"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(IngestTest, HeaderOnlyCommitsAnEmptyFile) {
  FileReport r;
  ASSERT_TRUE(Ingest(Write("events.csv", kEventsHeader), &r).ok());
  EXPECT_EQ(r.outcome, FileReport::Outcome::kCommitted);
  EXPECT_EQ(r.rows_accepted, 0);
}

TEST_F(IngestTest, SkipModeCommitsGoodRowsAndWritesRejects) {
  options_.on_error = OnError::kSkip;
  FileReport r;
  ASSERT_TRUE(Ingest(Write("events.csv", std::string(kEventsHeader) + kGoodRow +
                                             "yesterday,telegram,message,a,b,,,\n" + kGoodRow +
                                             "2020-01-01T00:00:00Z,telegram,message,a\n"),
                     &r).ok());
  EXPECT_EQ(r.rows_accepted, 2);
  EXPECT_EQ(r.rows_rejected, 2);
  ASSERT_FALSE(r.rejects_path.empty());
  std::ifstream in(r.rejects_path);
  std::string header, first, second;
  std::getline(in, header);
  std::getline(in, first);
  std::getline(in, second);
  EXPECT_EQ(header, "file,line,column,error,raw");
  EXPECT_NE(first.find(",3,time,"), std::string::npos) << first;
  EXPECT_NE(first.find("yesterday"), std::string::npos) << first;
  EXPECT_NE(second.find(",5,"), std::string::npos) << second;
  EXPECT_EQ(Load().events.size(), 2u);
}

// Two rows of one file with one id used to merge silently (the report counted both, the
// first row's name was lost). Now the second is a bad row naming the first's line; a later
// file still corrects the record.
TEST_F(IngestTest, AnIdTwiceInOneFileIsABadRowNamingTheFirstLine) {
  const std::string persons = Write("persons.csv", "person_id,name\nP1,Adel\nP2,Omar\nP1,Abdel\n");
  Status st = Ingest(persons);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("persons.csv:4: column 1 ('person_id'): 'P1' is already on line 2 of this file"),
            std::string::npos) << st.ToString();
  EXPECT_TRUE(Load().persons.empty());
  st = Ingest(Write("accounts.csv", "account_id,platform\nX1,telegram\nX1,twitter\n"));
  EXPECT_NE(st.message().find("accounts.csv:3: column 1 ('account_id'): 'X1' is already on line 2"),
            std::string::npos) << st.ToString();
  st = Ingest(Write("incidents.csv", "incident_id,time\nI1,2016-07-26\nI1,2016-07-27\n"));
  EXPECT_NE(st.message().find("incidents.csv:3: column 1 ('incident_id')"), std::string::npos) << st.ToString();

  options_.on_error = OnError::kSkip;
  FileReport r;
  ASSERT_TRUE(Ingest(persons, &r).ok());
  EXPECT_EQ(r.rows_accepted, 2);
  EXPECT_EQ(r.rows_rejected, 1);
  ASSERT_EQ(Load().persons.size(), 2u);
  EXPECT_EQ(Load().persons[0].name, "Adel");
  ASSERT_TRUE(Ingest(Write("persons-2.csv", "person_id,name\nP1,Abdel\n")).ok());
  EXPECT_EQ(Load().persons[0].name, "Abdel");
}

// A missing file or a folder among the names used to be found only in its turn, after the
// files ordered before it had committed; the case now stays as it was.
TEST_F(IngestTest, AMissingFileOrAFolderCommitsNothingOfTheOthers) {
  const std::string persons = Write("persons.csv", "person_id,name\nP1,Adel\n");
  const std::string folder = (dir_ / "exports").string();
  fs::create_directories(folder);
  for (const std::string& bad : {(dir_ / "events.csv").string(), folder}) {
    std::vector<FileReport> reports;
    const Status st = IngestFiles(*store_, {persons, bad}, options_, [&](const FileReport& r) { reports.push_back(r); });
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find(bad), std::string::npos) << st.ToString();
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0].path, bad);
    EXPECT_TRUE(Load().persons.empty()) << bad;
  }
  const Status st = IngestFiles(*store_, {folder}, options_, nullptr);
  EXPECT_NE(st.message().find("is a folder; name the files in it"), std::string::npos) << st.ToString();
}

TEST_F(IngestTest, JsonLinesRoundTrip) {
  const Status st = Ingest(Write("events.jsonl",
      R"({"time":"2020-01-01T00:00:00Z","platform":"signal","kind":"message","source":"a","target":"b","size_bytes":12})" "\n"
      R"({"time":1577836860,"platform":"signal","kind":"call","source":"b","target":"a","duration_s":30,"cell":"T1"})" "\n"));
  ASSERT_TRUE(st.ok()) << st.ToString();
  const CaseData c = Load();
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events.size_bytes[0], 12);
  EXPECT_EQ(c.events.duration_s[1], 30);
  EXPECT_EQ(c.events.time[1], 1577836860000);
}

TEST_F(IngestTest, FollowTheMoneyEntitiesMapOntoTheCase) {
  options_.region = "GB";
  ASSERT_TRUE(Ingest(Write("case.ftm.json",
      R"({"id":"p1","schema":"Person","properties":{"name":["Abu Talha al-Almani","Denis Cuspert"],"birthDate":["1975-10-18"]}})" "\n"
      R"({"id":"p2","schema":"Person","properties":{"name":["Recruit One"]}})" "\n"
      R"({"id":"ph1","schema":"Phone","properties":{"number":["+44 7700 900123"]}})" "\n"
      R"({"id":"ph2","schema":"Phone","properties":{"number":["07700 900456"]}})" "\n"
      R"({"id":"c1","schema":"Call","properties":{"caller":["ph1"],"receiver":["ph2"],"startDate":["2016-07-01T10:00:00Z"],"duration":["42"]}})" "\n"
      R"({"id":"u1","schema":"UserAccount","properties":{"service":["Telegram"],"username":["abu_t"],"owner":["p1"]}})" "\n"
      R"({"id":"m1","schema":"Message","properties":{"senderAccount":["u1"],"recipients":["p2"],"date":["2016-07-02"]}})" "\n"
      R"({"id":"e1","schema":"Event","properties":{"name":["Attack"],"date":["2016-07-26"],"involved":["p2"],"country":["fr"]}})" "\n"
      R"({"id":"f1","schema":"Family","properties":{"person":["p2"],"relative":["p3"],"relationship":["brother"]}})" "\n"
      R"({"id":"x1","schema":"Vessel","properties":{"name":["Not mapped"]}})" "\n")).ok());
  const CaseData c = Load();
  ASSERT_EQ(c.persons.size(), 2u);
  EXPECT_EQ(c.persons[0].aliases, std::vector<std::string>{"Denis Cuspert"});
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.endpoints[c.events.source[0]].key, "+447700900123");
  EXPECT_EQ(c.endpoints[c.events.target[0]].key, "+447700900456");
  EXPECT_EQ(c.events.duration_s[0], 42);
  EXPECT_EQ(c.endpoints[c.events.source[1]].kind, EndpointKind::kAccount);
  EXPECT_EQ(c.platforms[c.events.platform[1]].name, "telegram");
  ASSERT_EQ(c.incidents.size(), 1u);
  EXPECT_EQ(c.incidents[0].perpetrators, std::vector<std::string>{"p2"});
  ASSERT_EQ(c.relations.size(), 1u);
  EXPECT_EQ(c.relations[0].kind, "family");
  ASSERT_EQ(c.accounts.size(), 1u);
  EXPECT_EQ(c.accounts[0].owner, "p1");
}

TEST_F(IngestTest, FilesAreIngestedInDependencyOrder) {
  const std::string events = Write("events.csv", std::string(kEventsHeader) + "2020-01-01T00:00:00Z,telegram,message,A1,A2,,,\n");
  const std::string accounts = Write("accounts.csv", "account_id,platform\nA1,telegram\nA2,telegram\n");
  std::vector<std::string> order;
  ASSERT_TRUE(IngestFiles(*store_, {events, accounts}, options_,
                          [&](const FileReport& r) { order.push_back(r.path); }).ok());
  EXPECT_EQ(order, (std::vector<std::string>{accounts, events}));
}

TEST(KindFromFileName, RecognisesCanonicalNames) {
  EXPECT_EQ(KindFromFileName("/x/events.csv"), RecordKind::kEvents);
  EXPECT_EQ(KindFromFileName("persons.jsonl"), RecordKind::kPersons);
  EXPECT_EQ(KindFromFileName("events-2024-01.csv"), RecordKind::kEvents);
  EXPECT_EQ(KindFromFileName("leak.ftm.json"), RecordKind::kFtm);
  EXPECT_FALSE(KindFromFileName("calls.csv").has_value());
}

}  // namespace
}  // namespace linchpin
