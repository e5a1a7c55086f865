// Tests of the CSV reader: the RFC 4180 cases, every kind of bad record with its exact message,
// records that straddle buffer refills (tiny read sizes, one-byte reads), and the memory bound
// on an oversized record.
#include "ingest/csv_reader.h"

#include <gtest/gtest.h>
#include <malloc.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace linchpin {
namespace {

// Hands out at most `chunk` bytes per Read, to make records straddle refills.
class TrickleBytes final : public ByteSource {
 public:
  TrickleBytes(std::string data, size_t chunk) : data_(std::move(data)), chunk_(chunk) {}
  Result<size_t> Read(char* buf, size_t n) override {
    size_t count = std::min({n, chunk_, data_.size() - offset_});
    data_.copy(buf, count, offset_);
    offset_ += count;
    return count;
  }

 private:
  std::string data_;
  size_t chunk_;
  size_t offset_ = 0;
};

// One Next() result, copied out so it outlives the reader's buffer.
struct Item {
  ReadOutcome outcome = ReadOutcome::kEnd;
  uint64_t line = 0;
  std::vector<std::string> fields;
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

std::unique_ptr<CsvReader> OpenOrDie(std::string text, ReaderLimits limits = {},
                                     size_t read_bytes = CsvReader::kDefaultReadBytes) {
  auto reader = CsvReader::Open(MemoryBytes(std::move(text)), limits, read_bytes);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return reader.ok() ? std::move(reader).value() : nullptr;
}

std::vector<Item> ReadCsv(std::string text, ReaderLimits limits = {},
                          size_t read_bytes = CsvReader::kDefaultReadBytes) {
  auto reader = OpenOrDie(std::move(text), limits, read_bytes);
  return reader ? ReadAll(*reader) : std::vector<Item>{};
}

using Fields = std::vector<std::string>;

TEST(CsvReader, ReadsHeaderAndRows) {
  auto reader = OpenOrDie("time,src,dst\n2024-01-01T10:00:00Z,acc_12,acc_99\nt2,a,b\n");
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->columns(), (Fields{"time", "src", "dst"}));
  auto items = ReadAll(*reader);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].outcome, ReadOutcome::kRow);
  EXPECT_EQ(items[0].line, 2u);
  EXPECT_EQ(items[0].fields, (Fields{"2024-01-01T10:00:00Z", "acc_12", "acc_99"}));
  EXPECT_EQ(items[0].raw, "2024-01-01T10:00:00Z,acc_12,acc_99");
  EXPECT_EQ(items[1].line, 3u);
  EXPECT_EQ(items[1].fields, (Fields{"t2", "a", "b"}));
}

TEST(CsvReader, EmptyFieldsAndNoFinalNewline) {
  auto items = ReadCsv("a,b,c\n,,\nx,,z");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].fields, (Fields{"", "", ""}));
  EXPECT_EQ(items[1].fields, (Fields{"x", "", "z"}));
  EXPECT_EQ(items[1].raw, "x,,z");
}

const char kTrickyQuoting[] =
    "name,note,n\r\n"
    "\"Smith, John\",\"He said \"\"hi\"\"\",1\r\n"
    "\"\",\"line one\nline two\r\nline three\",2\r\n"
    "\"\"\"\",\"a\"\"\"\"b\",\"3\"\r\n"
    "plain,\"caf\xC3\xA9, \xE4\xB8\xAD \xF0\x9F\x98\x80\",4\r\n";

void ExpectTrickyQuoting(const std::vector<Item>& items) {
  ASSERT_EQ(items.size(), 4u);
  for (const Item& item : items) ASSERT_EQ(item.outcome, ReadOutcome::kRow) << item.message;
  EXPECT_EQ(items[0].fields, (Fields{"Smith, John", "He said \"hi\"", "1"}));
  EXPECT_EQ(items[0].line, 2u);
  EXPECT_EQ(items[1].fields, (Fields{"", "line one\nline two\r\nline three", "2"}));
  EXPECT_EQ(items[1].line, 3u);
  EXPECT_EQ(items[1].raw, "\"\",\"line one\nline two\r\nline three\",2");
  EXPECT_EQ(items[2].fields, (Fields{"\"", "a\"\"b", "3"}));
  EXPECT_EQ(items[2].line, 6u);  // the record above spans lines 3-5
  EXPECT_EQ(items[3].fields, (Fields{"plain", "caf\xC3\xA9, \xE4\xB8\xAD \xF0\x9F\x98\x80", "4"}));
  EXPECT_EQ(items[3].line, 7u);
}

TEST(CsvReader, TrickyQuotingWithCrlf) { ExpectTrickyQuoting(ReadCsv(kTrickyQuoting)); }

// The same input through every small read size and through one-byte reads: records, escapes,
// CRLF pairs and multi-byte characters all straddle refills somewhere.
TEST(CsvReader, TrickyQuotingAcrossRefills) {
  for (size_t read_bytes = 4; read_bytes <= 40; ++read_bytes) {
    SCOPED_TRACE("read_bytes=" + std::to_string(read_bytes));
    ExpectTrickyQuoting(ReadCsv(kTrickyQuoting, {}, read_bytes));
  }
  auto reader = CsvReader::Open(std::make_unique<TrickleBytes>(kTrickyQuoting, 1), {}, 5);
  ASSERT_TRUE(reader.ok());
  ExpectTrickyQuoting(ReadAll(**reader));
}

TEST(CsvReader, LineNumbersAfterEmbeddedNewlines) {
  auto items = ReadCsv("a,b\n1,\"x\n\ny\"\n2,z\n3,\"\n\"\n4,w\n");
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].line, 2u);
  EXPECT_EQ(items[1].line, 5u);
  EXPECT_EQ(items[1].fields, (Fields{"2", "z"}));
  EXPECT_EQ(items[2].line, 6u);
  EXPECT_EQ(items[3].line, 8u);
  EXPECT_EQ(items[3].fields, (Fields{"4", "w"}));
}

TEST(CsvReader, SkipsByteOrderMark) {
  auto reader = OpenOrDie("\xEF\xBB\xBFid,name\n1,x\n");
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->columns(), (Fields{"id", "name"}));
  auto items = ReadAll(*reader);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].fields, (Fields{"1", "x"}));
}

TEST(CsvReader, EmptyFileIsAnError) {
  for (const char* text : {"", "\xEF\xBB\xBF", "\n\n", "\r\n"}) {
    auto reader = OpenCsv(MemoryBytes(text));
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.status().code(), Status::Code::kParseError);
    EXPECT_EQ(reader.status().message(), "empty file (no header row)");
  }
}

TEST(CsvReader, HeaderOnlyHasNoRows) {
  for (const char* text : {"a,b,c\n", "a,b,c", "a,b,c\r\n\r\n"}) {
    auto reader = OpenOrDie(text);
    ASSERT_TRUE(reader);
    EXPECT_EQ(reader->columns(), (Fields{"a", "b", "c"}));
    Row row;
    RowError error;
    auto outcome = reader->Next(row, error);
    ASSERT_TRUE(outcome.ok());
    EXPECT_EQ(*outcome, ReadOutcome::kEnd);
    outcome = reader->Next(row, error);  // and it stays at the end
    ASSERT_TRUE(outcome.ok());
    EXPECT_EQ(*outcome, ReadOutcome::kEnd);
  }
}

TEST(CsvReader, BadHeaderIsAnError) {
  auto reader = OpenCsv(MemoryBytes("a,\"b\n"));
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().message(),
            "line 1, column 2: header row: unterminated quoted field at end of input "
            "(truncated file?)");
}

TEST(CsvReader, BlankLinesAreSkipped) {
  auto items = ReadCsv("a,b\n\n1,2\r\n\r\n\n3,4\n\n");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].line, 3u);
  EXPECT_EQ(items[1].line, 6u);
  EXPECT_EQ(items[1].fields, (Fields{"3", "4"}));
}

TEST(CsvReader, WrongFieldCountThenContinues) {
  auto items = ReadCsv("a,b,c\n1,2\n1,2,3,4\n5,6,7\n");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].outcome, ReadOutcome::kBadRow);
  EXPECT_EQ(items[0].line, 2u);
  EXPECT_EQ(items[0].column, 0u);
  EXPECT_EQ(items[0].message, "expected 3 fields, found 2");
  EXPECT_EQ(items[0].raw, "1,2");
  EXPECT_EQ(items[1].message, "expected 3 fields, found 4");
  EXPECT_EQ(items[1].line, 3u);
  EXPECT_EQ(items[2].outcome, ReadOutcome::kRow);
  EXPECT_EQ(items[2].fields, (Fields{"5", "6", "7"}));
}

TEST(CsvReader, UnterminatedQuoteAtEndOfInput) {
  auto items = ReadCsv("a,b\n1,2\n3,\"truncated\nin the middle");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].outcome, ReadOutcome::kRow);
  EXPECT_EQ(items[1].outcome, ReadOutcome::kBadRow);
  EXPECT_EQ(items[1].line, 3u);
  EXPECT_EQ(items[1].column, 2u);
  EXPECT_EQ(items[1].message, "unterminated quoted field at end of input (truncated file?)");
  EXPECT_EQ(items[1].raw, "3,\"truncated\nin the middle");
}

TEST(CsvReader, QuoteInsideUnquotedFieldThenContinues) {
  auto items = ReadCsv("a,b,c\n1,ab\"c,3\n4,5,6\n");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].outcome, ReadOutcome::kBadRow);
  EXPECT_EQ(items[0].line, 2u);
  EXPECT_EQ(items[0].column, 2u);
  EXPECT_EQ(items[0].message,
            "quote inside an unquoted field (quote the whole field and write a quote as \"\")");
  EXPECT_EQ(items[1].fields, (Fields{"4", "5", "6"}));
  EXPECT_EQ(items[1].line, 3u);
}

TEST(CsvReader, TextAfterClosingQuoteThenContinues) {
  auto items = ReadCsv("a,b\n\"x\"y,2\n3,4\n");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].outcome, ReadOutcome::kBadRow);
  EXPECT_EQ(items[0].column, 1u);
  EXPECT_EQ(items[0].message,
            "unexpected character after the closing quote of a quoted field (write a quote "
            "inside a quoted field as \"\")");
  EXPECT_EQ(items[1].fields, (Fields{"3", "4"}));
}

TEST(CsvReader, BareCarriageReturnIsAnError) {
  auto items = ReadCsv("a,b\n1,x\ry\n2,z\n");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].outcome, ReadOutcome::kBadRow);
  EXPECT_EQ(items[0].column, 2u);
  EXPECT_EQ(items[0].message,
            "bare carriage return (CR without LF) in an unquoted field; CR-only line endings "
            "are not supported");
  EXPECT_EQ(items[1].fields, (Fields{"2", "z"}));
}

struct BadUtf8Case {
  const char* name;
  std::string field;
  size_t offset;
  std::string problem;
};

TEST(CsvReader, InvalidUtf8IsReportedWithItsOffset) {
  const std::vector<BadUtf8Case> cases = {
      {"invalid lead byte", "ab\xFF", 2, "invalid lead byte 0xff"},
      {"lone continuation", "\x80x", 0, "unexpected continuation byte 0x80"},
      {"truncated 3-byte", "caf\xE2\x82", 3,
       "truncated sequence (lead byte 0xe2 needs 3 bytes, found 2)"},
      {"truncated before ASCII", "\xC3z", 0,
       "truncated sequence (lead byte 0xc3 needs 2 bytes, found 1)"},
      {"overlong 2-byte", "x\xC0\xAF", 1, "overlong encoding (lead byte 0xc0)"},
      {"overlong 3-byte", "\xE0\x80\xAF", 0, "overlong encoding"},
      {"overlong 4-byte", "\xF0\x82\x82\xAC", 0, "overlong encoding"},
      {"surrogate", "12345678\xED\xA0\x80", 8, "UTF-16 surrogate"},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 0, "code point above U+10FFFF"},
      {"lead byte F5", "\xF5\x80\x80\x80", 0, "invalid lead byte 0xf5"},
  };
  for (const BadUtf8Case& c : cases) {
    SCOPED_TRACE(c.name);
    for (bool quoted : {false, true}) {
      const std::string field = quoted ? "\"" + c.field + "\"" : c.field;
      auto items = ReadCsv("a,b\nok," + field + "\nnext,row\n");
      ASSERT_EQ(items.size(), 2u);
      EXPECT_EQ(items[0].outcome, ReadOutcome::kBadRow);
      EXPECT_EQ(items[0].line, 2u);
      EXPECT_EQ(items[0].column, 2u);
      EXPECT_EQ(items[0].message, "invalid UTF-8 at byte offset " + std::to_string(c.offset) +
                                      " of the field: " + c.problem);
      EXPECT_EQ(items[1].fields, (Fields{"next", "row"}));
    }
  }
}

TEST(CsvReader, FindInvalidUtf8AcceptsValidText) {
  EXPECT_FALSE(FindInvalidUtf8(""));
  EXPECT_FALSE(FindInvalidUtf8("plain ASCII that is longer than eight bytes"));
  EXPECT_FALSE(FindInvalidUtf8(
      "\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xEF\xBF\xBF \xF0\x90\x80\x80 \xF4\x8F\xBF\xBF"));
  EXPECT_FALSE(FindInvalidUtf8("\xD8\xAD\xD8\xB3\xD9\x8A\xD9\x86"));  // Arabic
}

TEST(CsvReader, RecordAtTheLimitIsAcceptedAndOneByteMoreIsNot) {
  ReaderLimits limits{16};
  const std::string sixteen = "0123456789,abcde";  // 16 bytes, two fields
  auto items = ReadCsv("a,b\n" + sixteen + "\n" + sixteen + "f\n1,2\n", limits, 4);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].outcome, ReadOutcome::kRow);
  EXPECT_EQ(items[0].fields, (Fields{"0123456789", "abcde"}));
  EXPECT_EQ(items[1].outcome, ReadOutcome::kBadRow);
  EXPECT_EQ(items[1].line, 3u);
  EXPECT_EQ(items[1].message,
            "record of 17 bytes exceeds the limit of 16 bytes (max_record_bytes); skipped");
  EXPECT_EQ(items[1].raw, "");  // even though it fitted in the buffer: the same whatever the reads
  EXPECT_EQ(items[2].fields, (Fields{"1", "2"}));
  EXPECT_EQ(items[2].line, 4u);
}

// Found by fuzz_csv's oracle: with the record and its CR in the buffer but not yet the LF, the
// reader took a record of exactly the limit for an oversized one.
TEST(CsvReader, RecordAtTheLimitWithCrlfAcrossRefills) {
  const std::string text = "a,b\r\n0123456789,abcde\r\n1,2\r\n";
  for (size_t read_bytes = 4; read_bytes < 24; ++read_bytes) {
    SCOPED_TRACE("read_bytes=" + std::to_string(read_bytes));
    auto items = ReadCsv(text, ReaderLimits{16}, read_bytes);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].outcome, ReadOutcome::kRow) << items[0].message;
    EXPECT_EQ(items[0].fields, (Fields{"0123456789", "abcde"}));
    EXPECT_EQ(items[1].fields, (Fields{"1", "2"}));
  }
}

// Skipped unbuffered or rejected whole, an oversized record has the same length: without its
// terminator, here a final CR at end of input.
TEST(CsvReader, OversizedRecordLengthDoesNotDependOnRefills) {
  const std::string text = "a,b\n0123456789,0123456789\r";
  for (size_t read_bytes : {4, 64}) {
    SCOPED_TRACE("read_bytes=" + std::to_string(read_bytes));
    auto items = ReadCsv(text, ReaderLimits{16}, read_bytes);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].message,
              "record of 21 bytes exceeds the limit of 16 bytes (max_record_bytes); skipped");
  }
}

TEST(CsvReader, OversizedRecordWithQuotedNewlinesIsSkippedToItsEnd) {
  ReaderLimits limits{32};
  std::string text = "a,b\n1,\"";
  for (int i = 0; i < 20; ++i) text += "line, with \"\"quotes\"\"\r\n";
  text += "end\"\r\n2,after\r\n";
  for (size_t read_bytes : {4, 7, 64, 4096}) {
    SCOPED_TRACE("read_bytes=" + std::to_string(read_bytes));
    auto items = ReadCsv(text, limits, read_bytes);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].outcome, ReadOutcome::kBadRow);
    EXPECT_EQ(items[0].line, 2u);
    EXPECT_EQ(items[0].message, "record of " + std::to_string(text.size() - 4 - 2 - 9) +
                                    " bytes exceeds the limit of 32 bytes (max_record_bytes); "
                                    "skipped");
    EXPECT_EQ(items[1].fields, (Fields{"2", "after"}));
    EXPECT_EQ(items[1].line, 23u);
  }
}

// Produces a header, one record of `huge_bytes` bytes, then a normal row, without ever holding
// the big record; samples heap use on every read to find the reader's peak.
class HugeRecordBytes final : public ByteSource {
 public:
  explicit HugeRecordBytes(size_t huge_bytes) : huge_bytes_(huge_bytes) {}
  Result<size_t> Read(char* buf, size_t n) override {
    peak_heap_ = std::max(peak_heap_, HeapInUse());
    size_t written = 0;
    while (written < n && stage_ < 3) {
      if (stage_ == 0) {
        written += Copy(kHead, buf + written, n - written);
      } else if (stage_ == 1) {
        size_t count = std::min(n - written, huge_bytes_ - offset_);
        std::fill_n(buf + written, count, 'x');
        written += count;
        offset_ += count;
        if (offset_ == huge_bytes_) Advance();
      } else {
        written += Copy(kTail, buf + written, n - written);
      }
    }
    return written;
  }
  // Small chunks plus mmapped ones: a big buffer would be mmapped and show only in hblkhd.
  static size_t HeapInUse() {
    const struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
  }
  size_t peak_heap() const { return peak_heap_; }

 private:
  static constexpr std::string_view kHead = "a,b\n1,";
  static constexpr std::string_view kTail = "\n2,after\n";
  size_t Copy(std::string_view part, char* out, size_t room) {
    size_t count = std::min(room, part.size() - offset_);
    part.copy(out, count, offset_);
    offset_ += count;
    if (offset_ == part.size()) Advance();
    return count;
  }
  void Advance() {
    ++stage_;
    offset_ = 0;
  }
  size_t huge_bytes_;
  int stage_ = 0;
  size_t offset_ = 0;
  size_t peak_heap_ = 0;
};

TEST(CsvReader, FiftyMegabyteRecordIsRejectedInBoundedMemory) {
  constexpr size_t kHuge = 50u << 20;
  const size_t heap_before = HugeRecordBytes::HeapInUse();
  auto source = std::make_unique<HugeRecordBytes>(kHuge);
  HugeRecordBytes* bytes = source.get();
  auto reader = CsvReader::Open(std::move(source), ReaderLimits{1 << 20});
  ASSERT_TRUE(reader.ok());
  auto items = ReadAll(**reader);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].outcome, ReadOutcome::kBadRow);
  EXPECT_EQ(items[0].line, 2u);
  EXPECT_EQ(items[0].message, "record of " + std::to_string(kHuge + 2) +
                                  " bytes exceeds the limit of 1048576 bytes (max_record_bytes); "
                                  "skipped");
  EXPECT_EQ(items[1].outcome, ReadOutcome::kRow);
  EXPECT_EQ(items[1].line, 3u);
  EXPECT_EQ(items[1].fields, (Fields{"2", "after"}));
  // The buffer is 1 MiB limit + 1 MiB read; allow slack for the rest of the process.
  EXPECT_LT(bytes->peak_heap() - std::min(heap_before, bytes->peak_heap()), size_t{4} << 20);
  EXPECT_EQ((*reader)->bytes_consumed(), 6 + kHuge + 9);
}

// Random files whose fields are known, read back at every alignment of records against the
// 16-byte blocks of the plain-record scanner: plain fields of 0-40 bytes, quoted ones with
// commas, newlines and "" escapes, UTF-8, and LF or CRLF endings, so that the fast path and
// the careful one must agree on every record.
TEST(CsvReader, RandomRecordsReadBackExactly) {
  std::mt19937 rng(20261201);
  const auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (int file = 0; file < 40; ++file) {
    const int columns = 1 + pick(8);
    const bool crlf = file % 4 == 3;
    std::string text;
    std::vector<Fields> expected;
    for (int c = 0; c < columns; ++c) text += (c ? ",h" : "h") + std::to_string(c);
    text += crlf ? "\r\n" : "\n";
    for (int r = 0; r < 300; ++r) {
      Fields fields;
      for (int c = 0; c < columns; ++c) {
        std::string value(static_cast<size_t>(pick(41)), 'x');
        for (char& ch : value) ch = static_cast<char>('a' + pick(26));
        const int style = pick(10);
        if (style == 0) value += "\xc3\xa9";  // é
        if (c) text += ',';
        if (style == 1) {
          value += ",\n\"";
          text += '"';
          for (char ch : value) text += ch == '"' ? std::string("\"\"") : std::string(1, ch);
          text += '"';
        } else {
          text += value;
        }
        fields.push_back(value);
      }
      if (columns == 1 && fields[0].empty()) fields[0] = "z", text += 'z';  // not a blank line
      text += crlf ? "\r\n" : "\n";
      expected.push_back(fields);
    }
    for (const size_t read_bytes : {size_t{5}, size_t{CsvReader::kDefaultReadBytes}}) {
      const std::vector<Item> items = ReadCsv(text, {}, read_bytes);
      ASSERT_EQ(items.size(), expected.size()) << "file " << file;
      for (size_t r = 0; r < items.size(); ++r) {
        ASSERT_EQ(items[r].outcome, ReadOutcome::kRow) << "file " << file << " row " << r << ": " << items[r].message;
        ASSERT_EQ(items[r].fields, expected[r]) << "file " << file << " row " << r;
      }
    }
  }
}

TEST(CsvReader, BytesConsumedReachesTheInputSize) {
  const std::string text =
      "\xEF\xBB\xBF"
      "a,b\r\n1,2\r\n\"3\",\"4\"\r\n";
  auto reader = OpenOrDie(text, {}, 5);
  ASSERT_TRUE(reader);
  ReadAll(*reader);
  EXPECT_EQ(reader->bytes_consumed(), text.size());
}

TEST(CsvReader, OpenFileBytesReportsTheMissingPath) {
  auto bytes = OpenFileBytes("/nonexistent/dir/events.csv");
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().code(), Status::Code::kIOError);
  EXPECT_EQ(bytes.status().message(),
            "cannot open /nonexistent/dir/events.csv: No such file or directory");
}

TEST(CsvReader, ReadsAFile) {
  const std::string path = testing::TempDir() + "/csv_reader_test.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "a,b\n1,\"two\"\n";
  }
  auto bytes = OpenFileBytes(path);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto reader = OpenCsv(std::move(bytes).value());
  ASSERT_TRUE(reader.ok());
  auto items = ReadAll(**reader);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].fields, (Fields{"1", "two"}));
  std::remove(path.c_str());
}

TEST(CsvReader, ReadingADirectoryIsAnIOError) {
  auto bytes = OpenFileBytes("/");
  ASSERT_TRUE(bytes.ok());
  auto reader = OpenCsv(std::move(bytes).value());
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), Status::Code::kIOError);
  EXPECT_EQ(reader.status().message(), "cannot read /: Is a directory");
}

// Public CSVs in shared/data, quoted fields and non-ASCII names included: none is malformed, so
// the reader must return every record as a row.
TEST(CsvReader, ReadsTheSharedDatasetsWithoutRejects) {
  const std::string root = LINCHPIN_SHARED_DATA;
  for (const char* file : {"/names/yente-screening-fixtures/positives_un_treated.csv",
                           "/names/yente-screening-fixtures/negatives_global_1000.csv",
                           "/vast2014-mc1-gastech-email/email_headers.csv"}) {
    SCOPED_TRACE(file);
    auto bytes = OpenFileBytes(root + file);
    if (!bytes.ok()) GTEST_SKIP() << bytes.status().ToString();
    auto reader = OpenCsv(std::move(bytes).value());
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    auto items = ReadAll(**reader);
    EXPECT_GT(items.size(), 100u);
    for (const Item& item : items) {
      ASSERT_EQ(item.outcome, ReadOutcome::kRow) << "line " << item.line << ": " << item.message;
    }
  }
}

}  // namespace
}  // namespace linchpin
