// Tests of the FollowTheMoney entity reader: flattening in written order, and every shape
// problem as a kBadRow after which reading continues.
#include "ingest/ftm_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace linchpin {
namespace {

using Properties = std::vector<std::pair<std::string, std::string>>;

std::unique_ptr<FtmReader> OpenFtm(std::string text, ReaderLimits limits = {}) {
  auto reader = FtmReader::Open(MemoryBytes(std::move(text)), limits);
  EXPECT_TRUE(reader.ok());
  return std::move(reader).value();
}

TEST(FtmReader, ReadsEntitiesWithPropertiesInOrder) {
  auto reader = OpenFtm(
      R"({"id": "p-1", "schema": "Person", "caption": "Ali", "properties": {"name": ["Ali", "Ally"], "phone": ["+33612345678"], "alias": ["A. \u00c9"]}, "datasets": ["x"]})"
      "\n"
      R"({"id": "ph-1", "schema": "Phone", "properties": {}})"
      "\n");
  FtmEntity entity;
  RowError error;
  ASSERT_EQ(*reader->Next(entity, error), ReadOutcome::kRow) << error.message;
  EXPECT_EQ(entity.line, 1u);
  EXPECT_EQ(entity.id, "p-1");
  EXPECT_EQ(entity.schema, "Person");
  EXPECT_EQ(
      entity.properties,
      (Properties{
          {"name", "Ali"}, {"name", "Ally"}, {"phone", "+33612345678"}, {"alias", "A. \xC3\x89"}}));
  EXPECT_EQ(entity.Values("name"), (std::vector<std::string_view>{"Ali", "Ally"}));
  EXPECT_TRUE(entity.Values("email").empty());
  EXPECT_EQ(entity.raw.substr(0, 13), R"({"id": "p-1",)");
  ASSERT_EQ(*reader->Next(entity, error), ReadOutcome::kRow);
  EXPECT_EQ(entity.line, 2u);
  EXPECT_EQ(entity.id, "ph-1");
  EXPECT_TRUE(entity.properties.empty());
  EXPECT_EQ(*reader->Next(entity, error), ReadOutcome::kEnd);
}

TEST(FtmReader, MissingPropertiesAndBareStringsAreAccepted) {
  auto reader = OpenFtm(
      "{\"id\": \"e\", \"schema\": \"Event\"}\n\n"
      "{\"id\": \"c\", \"schema\": \"Call\", \"properties\": {\"duration\": \"60\"}}\n");
  FtmEntity entity;
  RowError error;
  ASSERT_EQ(*reader->Next(entity, error), ReadOutcome::kRow) << error.message;
  EXPECT_TRUE(entity.properties.empty());
  ASSERT_EQ(*reader->Next(entity, error), ReadOutcome::kRow) << error.message;
  EXPECT_EQ(entity.line, 3u);
  EXPECT_EQ(entity.properties, (Properties{{"duration", "60"}}));
}

TEST(FtmReader, ShapeProblemsAreBadRowsAndReadingContinues) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"schema": "Person"})", "missing \"id\""},
      {R"({"id": 7, "schema": "Person"})", "\"id\" must be a string (found number)"},
      {R"({"id": "x"})", "missing \"schema\""},
      {R"({"id": "x", "schema": ""})", "\"schema\" is empty"},
      {R"({"id": "x", "schema": "Person", "properties": []})",
       "\"properties\" must be an object (found array)"},
      {R"({"id": "x", "schema": "Person", "properties": {"name": ["a", 3]}})",
       "property 'name': value 2 must be a string (found number)"},
      {R"({"id": "x", "schema": "Person", "properties": {"name": [{"a": 1}]}})",
       "property 'name': value 1 must be a string (found object)"},
      {R"({"id": "x", "schema": "Person", "properties": {"name": null}})",
       "property 'name' must be an array of strings (found null)"},
      {R"(["not", "an", "entity"])", "line is not a JSON object (found array)"},
      {R"({"id": "x", )",
       "parse error at column 13: syntax error while parsing object key - unexpected end of "
       "input; expected string literal"},
  };
  std::string text;
  for (const auto& [line, message] : cases) text += line + "\n";
  text += R"({"id": "ok", "schema": "Person"})";
  auto reader = OpenFtm(text);
  FtmEntity entity;
  RowError error;
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(cases[i].first);
    ASSERT_EQ(*reader->Next(entity, error), ReadOutcome::kBadRow);
    EXPECT_EQ(error.line, i + 1);
    EXPECT_EQ(error.message, cases[i].second);
    EXPECT_EQ(error.raw, cases[i].first);
  }
  ASSERT_EQ(*reader->Next(entity, error), ReadOutcome::kRow);
  EXPECT_EQ(entity.id, "ok");
  EXPECT_EQ(entity.line, cases.size() + 1);
  EXPECT_EQ(*reader->Next(entity, error), ReadOutcome::kEnd);
  EXPECT_EQ(reader->bytes_consumed(), text.size());
}

TEST(FtmReader, OverlongLineIsSkipped) {
  const std::string big = R"({"id": "big", "schema": "Note", "properties": {"description": [")" +
                          std::string(5000, 'x') + "\"]}}";
  auto reader = OpenFtm(big + "\n{\"id\": \"next\", \"schema\": \"Person\"}\n", ReaderLimits{1024});
  FtmEntity entity;
  RowError error;
  ASSERT_EQ(*reader->Next(entity, error), ReadOutcome::kBadRow);
  EXPECT_EQ(error.message,
            "line of " + std::to_string(big.size()) +
                " bytes exceeds the limit of 1024 bytes (max_record_bytes); skipped");
  ASSERT_EQ(*reader->Next(entity, error), ReadOutcome::kRow);
  EXPECT_EQ(entity.id, "next");
  EXPECT_EQ(entity.line, 2u);
}

}  // namespace
}  // namespace linchpin
