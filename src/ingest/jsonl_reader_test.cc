// Tests of LineReader and the JSON Lines reader: value conversion, growing columns, every kind
// of bad line with its message, and the line-length limit.
#include "ingest/jsonl_reader.h"

#include <gtest/gtest.h>
#include <malloc.h>

#include <algorithm>
#include <string>
#include <vector>

namespace linchpin {
namespace {

using Fields = std::vector<std::string>;

// One Next() result, copied out of the reader's storage.
struct Item {
  ReadOutcome outcome = ReadOutcome::kEnd;
  uint64_t line = 0;
  Fields fields;
  std::vector<bool> present;
  std::string raw;
  uint32_t column = 0;
  std::string message;
};

std::vector<Item> ReadAll(RecordSource& source) {
  std::vector<Item> items;
  Row row;
  RowError error;
  for (;;) {
    Result<ReadOutcome> outcome = source.Next(row, error);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    if (!outcome.ok() || *outcome == ReadOutcome::kEnd) break;
    Item item;
    item.outcome = *outcome;
    if (*outcome == ReadOutcome::kRow) {
      item.line = row.line;
      item.fields.assign(row.fields.begin(), row.fields.end());
      item.present = row.present;
      item.raw = row.raw;
    } else {
      item.line = error.line;
      item.column = error.column;
      item.message = error.message;
      item.raw = error.raw;
    }
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<Item> ReadJsonLines(std::string text, ReaderLimits limits = {},
                                size_t read_bytes = LineReader::kDefaultReadBytes) {
  JsonLinesReader reader(MemoryBytes(std::move(text)), limits, read_bytes);
  return ReadAll(reader);
}

TEST(JsonLinesReader, ConvertsScalarsAndArrays) {
  JsonLinesReader reader(MemoryBytes(
      R"({"time": "2024-01-01T10:00:00Z", "n": 42, "x": -1.50, "big": 1e3, "ok": true, )"
      R"("gone": null, "tags": ["a", 2, false, null, "b"], "none": [], "u": "caf\u00e9 \"q\""})"
      "\n"));
  auto items = ReadAll(reader);
  ASSERT_EQ(items.size(), 1u);
  ASSERT_EQ(items[0].outcome, ReadOutcome::kRow) << items[0].message;
  EXPECT_EQ(reader.columns(), (Fields{"time", "n", "x", "big", "ok", "gone", "tags", "none", "u"}));
  EXPECT_EQ(items[0].fields, (Fields{"2024-01-01T10:00:00Z", "42", "-1.50", "1e3", "true", "",
                                     "a;2;false;b", "", "caf\xC3\xA9 \"q\""}));
  EXPECT_EQ(items[0].present,
            (std::vector<bool>{true, true, true, true, true, false, true, false, true}));
  EXPECT_EQ(items[0].line, 1u);
}

TEST(JsonLinesReader, NumbersKeepTheirWrittenForm) {
  auto items = ReadJsonLines(
      R"({"a": 18446744073709551615, "b": -9223372036854775808, "c": 123456789012345678901234567890, "d": 0.10})");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].fields, (Fields{"18446744073709551615", "-9223372036854775808",
                                     "123456789012345678901234567890", "0.10"}));
}

TEST(JsonLinesReader, ColumnsGrowInFirstSeenOrder) {
  JsonLinesReader reader(MemoryBytes("{\"b\": 1, \"a\": 2}\n{\"c\": 3}\n{\"a\": 4, \"b\": 5}\n"));
  Row row;
  RowError error;
  EXPECT_EQ(reader.columns_version(), 0u);
  ASSERT_EQ(*reader.Next(row, error), ReadOutcome::kRow);
  EXPECT_EQ(reader.columns(), (Fields{"b", "a"}));
  const uint64_t first_version = reader.columns_version();
  EXPECT_NE(first_version, 0u);
  ASSERT_EQ(*reader.Next(row, error), ReadOutcome::kRow);
  EXPECT_EQ(reader.columns(), (Fields{"b", "a", "c"}));
  EXPECT_NE(reader.columns_version(), first_version);
  EXPECT_EQ(Fields(row.fields.begin(), row.fields.end()), (Fields{"", "", "3"}));
  EXPECT_EQ(row.present, (std::vector<bool>{false, false, true}));
  const uint64_t second_version = reader.columns_version();
  ASSERT_EQ(*reader.Next(row, error), ReadOutcome::kRow);
  EXPECT_EQ(reader.columns_version(), second_version);  // no new key, no new version
  EXPECT_EQ(Fields(row.fields.begin(), row.fields.end()), (Fields{"5", "4", ""}));
  EXPECT_EQ(*reader.Next(row, error), ReadOutcome::kEnd);
}

TEST(JsonLinesReader, NestedObjectIsABadRowAndItsKeysAreNotColumns) {
  JsonLinesReader reader(MemoryBytes("{\"a\": 1}\n{\"new\": 2, \"x\": {\"y\": 1}}\n{\"a\": 3}\n"));
  auto items = ReadAll(reader);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[1].outcome, ReadOutcome::kBadRow);
  EXPECT_EQ(items[1].line, 2u);
  EXPECT_EQ(items[1].message, "field 'x': nested objects are not supported");
  EXPECT_EQ(items[1].column, 3u);
  EXPECT_EQ(items[1].raw, "{\"new\": 2, \"x\": {\"y\": 1}}");
  EXPECT_EQ(items[2].fields, (Fields{"3"}));
  EXPECT_EQ(reader.columns(), (Fields{"a"}));
}

TEST(JsonLinesReader, ArraysMayHoldOnlyScalars) {
  auto items = ReadJsonLines("{\"a\": [1, [2]]}\n{\"a\": [{\"b\": 1}]}\n");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].message, "field 'a': arrays may hold only scalars (found an array)");
  EXPECT_EQ(items[1].message, "field 'a': arrays may hold only scalars (found an object)");
  EXPECT_EQ(items[1].column, 1u);
}

TEST(JsonLinesReader, MalformedLinesAreBadRowsWithTheParserMessage) {
  auto items =
      ReadJsonLines("{\"a\": 1}\n{\"a\": }\n{\"a\": 1} extra\n{\"a\": \"\xFF\"}\n{\"a\": 2}\n");
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[1].outcome, ReadOutcome::kBadRow);
  EXPECT_EQ(items[1].line, 2u);
  EXPECT_EQ(items[1].column, 0u);
  EXPECT_EQ(items[1].message,
            "parse error at column 7: syntax error while parsing value - unexpected '}'; "
            "expected '[', '{', or a literal");
  EXPECT_EQ(items[2].message,
            "parse error at column 10: syntax error while parsing value - invalid literal; "
            "last read: '1} e'; expected end of input");
  EXPECT_EQ(items[3].outcome, ReadOutcome::kBadRow);
  EXPECT_NE(items[3].message.find("ill-formed UTF-8 byte"), std::string::npos) << items[3].message;
  EXPECT_EQ(items[4].outcome, ReadOutcome::kRow);
  EXPECT_EQ(items[4].fields, (Fields{"2"}));
}

TEST(JsonLinesReader, LineThatIsNotAnObjectIsABadRow) {
  auto items = ReadJsonLines("[1, 2]\n\"text\"\n17\nnull\n");
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].message, "line is not a JSON object (found an array)");
  EXPECT_EQ(items[1].message, "line is not a JSON object (found a string)");
  EXPECT_EQ(items[2].message, "line is not a JSON object (found a number)");
  EXPECT_EQ(items[3].message, "line is not a JSON object (found null)");
}

TEST(JsonLinesReader, BlankLinesCrlfAndByteOrderMark) {
  auto items = ReadJsonLines("\xEF\xBB\xBF{\"a\": 1}\r\n\r\n   \n\t\n{\"a\": 2}\r\n");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].line, 1u);
  EXPECT_EQ(items[0].raw, "{\"a\": 1}");
  EXPECT_EQ(items[1].line, 5u);
  EXPECT_EQ(items[1].fields, (Fields{"2"}));
}

TEST(JsonLinesReader, EmptyInputHasNoRows) {
  EXPECT_TRUE(ReadJsonLines("").empty());
  EXPECT_TRUE(ReadJsonLines("\n\n").empty());
}

TEST(JsonLinesReader, OverlongLineIsSkippedAndReadingContinues) {
  const std::string long_line = "{\"a\": \"" + std::string(100, 'x') + "\"}";
  for (size_t read_bytes : {4, 9, 33, 4096}) {
    SCOPED_TRACE("read_bytes=" + std::to_string(read_bytes));
    auto items =
        ReadJsonLines("{\"a\": 1}\n" + long_line + "\r\n{\"a\": 3}", ReaderLimits{64}, read_bytes);
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[1].outcome, ReadOutcome::kBadRow);
    EXPECT_EQ(items[1].line, 2u);
    EXPECT_EQ(items[1].message, "line of " + std::to_string(long_line.size()) +
                                    " bytes exceeds the limit of 64 bytes (max_record_bytes); "
                                    "skipped");
    EXPECT_EQ(items[2].line, 3u);
    EXPECT_EQ(items[2].fields, (Fields{"3"}));
  }
}

// Small chunks plus mmapped ones: a big buffer would be mmapped and show only in hblkhd.
size_t HeapInUse() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

// `prefix`, then `filler_bytes` of 'x', then `suffix`, produced on the fly: a huge line costs
// the test no memory, so the reader's own use is what the heap shows.
class GeneratedBytes final : public ByteSource {
 public:
  GeneratedBytes(std::string prefix, size_t filler_bytes, std::string suffix)
      : parts_{std::move(prefix), std::move(suffix)}, filler_bytes_(filler_bytes) {}
  Result<size_t> Read(char* buf, size_t n) override {
    peak_heap_ = std::max(peak_heap_, HeapInUse());
    size_t written = 0;
    while (written < n && stage_ < 3) {
      const size_t stage_size = stage_ == 1 ? filler_bytes_ : parts_[stage_ / 2].size();
      const size_t count = std::min(n - written, stage_size - offset_);
      if (stage_ == 1) {
        std::fill_n(buf + written, count, 'x');
      } else {
        parts_[stage_ / 2].copy(buf + written, count, offset_);
      }
      written += count;
      offset_ += count;
      if (offset_ == stage_size) {
        ++stage_;
        offset_ = 0;
      }
    }
    return written;
  }
  size_t peak_heap() const { return peak_heap_; }

 private:
  std::string parts_[2];
  size_t filler_bytes_;
  int stage_ = 0;
  size_t offset_ = 0;
  size_t peak_heap_ = 0;
};

TEST(JsonLinesReader, FiftyMegabyteLineIsRejectedInBoundedMemory) {
  constexpr size_t kHuge = 50u << 20;
  const size_t heap_before = HeapInUse();
  auto source = std::make_unique<GeneratedBytes>("{\"a\": 1}\n{\"a\": \"", kHuge,
                                                 "\"}\n{\"a\": 3}\n");
  GeneratedBytes* bytes = source.get();
  JsonLinesReader reader(std::move(source), ReaderLimits{1 << 20});
  auto items = ReadAll(reader);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].fields, (Fields{"1"}));
  EXPECT_EQ(items[1].outcome, ReadOutcome::kBadRow);
  EXPECT_EQ(items[1].line, 2u);
  EXPECT_EQ(items[1].message, "line of " + std::to_string(kHuge + 9) +
                                  " bytes exceeds the limit of 1048576 bytes (max_record_bytes); "
                                  "skipped");
  EXPECT_EQ(items[2].line, 3u);
  EXPECT_EQ(items[2].fields, (Fields{"3"}));
  EXPECT_LT(bytes->peak_heap() - std::min(heap_before, bytes->peak_heap()), size_t{4} << 20);
}

TEST(LineReader, LinesAtTheLimitAcrossRefills) {
  const std::string text = "0123456789\r\n0123456789x\nabc\n\nlast";
  for (size_t read_bytes = 4; read_bytes < 20; ++read_bytes) {
    SCOPED_TRACE("read_bytes=" + std::to_string(read_bytes));
    LineReader lines(MemoryBytes(text), 10, read_bytes);
    LineReader::Line line;
    std::vector<std::pair<LineReader::Outcome, std::string>> seen;
    for (;;) {
      auto outcome = lines.Next(line);
      ASSERT_TRUE(outcome.ok());
      if (*outcome == LineReader::Outcome::kEnd) break;
      seen.emplace_back(*outcome, std::string(line.text));
    }
    using O = LineReader::Outcome;
    EXPECT_EQ(seen, (std::vector<std::pair<O, std::string>>{{O::kLine, "0123456789"},
                                                            {O::kTooLong, ""},
                                                            {O::kLine, "abc"},
                                                            {O::kLine, ""},
                                                            {O::kLine, "last"}}));
    EXPECT_EQ(lines.bytes_consumed(), text.size());
  }
}

}  // namespace
}  // namespace linchpin
