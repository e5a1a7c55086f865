// LineReader and the JSON Lines reader; see jsonl_reader.h for the conversion rules.
#include "ingest/jsonl_reader.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>

namespace linchpin {
namespace {

constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";
constexpr size_t kMinReadBytes = 4;

}  // namespace

// nlohmann's messages start with "[json.exception.parse_error.101] "; the rest is the useful
// part ("parse error at line 1, column 7: syntax error while parsing object ...").
std::string JsonErrorMessage(const char* what) {
  std::string_view message(what);
  if (!message.empty() && message.front() == '[') {
    if (size_t close = message.find("] "); close != std::string_view::npos) {
      message.remove_prefix(close + 2);
    }
  }
  std::string text(message);
  // Each parse sees one line, so nlohmann's "at line 1, column 7" is just "at column 7".
  if (size_t at = text.find("at line 1, column "); at != std::string::npos) text.erase(at + 3, 8);
  return text;
}

namespace {

template <typename Integer>
std::string IntegerText(Integer value) {
  char text[24];
  auto [end, ec] = std::to_chars(text, text + sizeof text, value);
  return std::string(text, end);
}

}  // namespace

std::string LineTooLongMessage(uint64_t length, size_t limit) {
  return "line of " + std::to_string(length) + " bytes exceeds the limit of " +
         std::to_string(limit) + " bytes (max_record_bytes); skipped";
}

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

Result<ReadOutcome> NextRecordLine(LineReader& lines, LineReader::Line& line, RowError& error) {
  for (;;) {
    LP_ASSIGN_OR_RETURN(LineReader::Outcome outcome, lines.Next(line));
    if (outcome == LineReader::Outcome::kEnd) return ReadOutcome::kEnd;
    if (outcome == LineReader::Outcome::kTooLong) {
      error = RowError{line.number, 0, LineTooLongMessage(line.length, lines.max_line_bytes()), {}};
      return ReadOutcome::kBadRow;
    }
    if (!IsBlankLine(line.text)) return ReadOutcome::kRow;
  }
}

// ---- LineReader ----------------------------------------------------------------------------

LineReader::LineReader(std::unique_ptr<ByteSource> bytes, size_t max_line_bytes, size_t read_bytes)
    : bytes_(std::move(bytes)),
      max_line_bytes_(max_line_bytes),
      read_bytes_(std::max(read_bytes, kMinReadBytes)),
      // +1: a line of exactly max_line_bytes may still be waiting for the LF after its CR.
      capacity_(max_line_bytes + 1 + read_bytes_),
      buffer_(std::make_unique_for_overwrite<char[]>(capacity_)) {}

Status LineReader::Refill() {
  return RefillBuffer(*bytes_, buffer_.get(), capacity_, read_bytes_, pos_, data_end_,
                      buffer_file_offset_, eof_);
}

LineReader::Outcome LineReader::TakeLine(size_t line_end, size_t next, Line& line) {
  size_t text_end = line_end;
  if (text_end > pos_ && buffer_[text_end - 1] == '\r') --text_end;
  line.text = std::string_view(buffer_.get() + pos_, text_end - pos_);
  line.number = line_++;
  line.length = line.text.size();
  pos_ = next;
  if (line.length > max_line_bytes_) {
    line.text = {};
    return Outcome::kTooLong;
  }
  return Outcome::kLine;
}

Result<LineReader::Outcome> LineReader::Next(Line& line) {
  if (!started_) {
    started_ = true;
    LP_RETURN_IF_ERROR(Refill());
    if (data_end_ >= 3 && std::memcmp(buffer_.get(), kUtf8Bom, 3) == 0) pos_ = 3;
  }
  for (;;) {
    const size_t unread = data_end_ - pos_;
    const void* lf = std::memchr(buffer_.get() + pos_, '\n', unread);
    if (lf != nullptr) {
      const size_t line_end = static_cast<const char*>(lf) - buffer_.get();
      return TakeLine(line_end, line_end + 1, line);
    }
    if (eof_) {
      if (unread == 0) return Outcome::kEnd;
      return TakeLine(data_end_, data_end_, line);  // a last line without its LF
    }
    if (unread > max_line_bytes_ + 1) return SkipLongLine(line);
    LP_RETURN_IF_ERROR(Refill());
  }
}

// Discards the line at pos_ up to and including its LF, refilling as needed.
Result<LineReader::Outcome> LineReader::SkipLongLine(Line& line) {
  line.text = {};
  line.number = line_++;
  uint64_t length = 0;
  char last = 0;
  for (;;) {
    const size_t unread = data_end_ - pos_;
    const char* start = buffer_.get() + pos_;
    const void* lf = std::memchr(start, '\n', unread);
    if (lf != nullptr) {
      const size_t taken = static_cast<const char*>(lf) - start;
      length += taken;
      if (taken > 0) last = start[taken - 1];
      pos_ += taken + 1;
      break;
    }
    length += unread;
    if (unread > 0) last = start[unread - 1];
    pos_ = data_end_;
    if (eof_) break;
    LP_RETURN_IF_ERROR(Refill());
  }
  line.length = length - (last == '\r' ? 1 : 0);
  return Outcome::kTooLong;
}

// ---- JsonLinesReader -----------------------------------------------------------------------

// SAX handler building one row. Depth 0 is outside the line's value, 1 inside the top-level
// object, 2 inside an array value. Returning false stops the parse; error_ then says why.
class JsonLinesReader::RowBuilder {
 public:
  using json = nlohmann::json;

  explicit RowBuilder(JsonLinesReader& reader) : reader_(reader) {}
  const std::string& error() const { return error_; }
  uint32_t error_column() const { return error_column_; }

  bool null() {
    if (depth_ == 1) reader_.has_value_[column_] = false;
    return depth_ != 0 || NotAnObject("null");  // a null inside an array is dropped
  }
  bool boolean(bool value) { return Scalar(value ? "true" : "false", "a boolean"); }
  bool number_integer(json::number_integer_t value) {
    return Scalar(IntegerText(value), "a number");
  }
  bool number_unsigned(json::number_unsigned_t value) {
    return Scalar(IntegerText(value), "a number");
  }
  bool number_float(json::number_float_t, const json::string_t& as_written) {
    return Scalar(as_written, "a number");
  }
  bool string(json::string_t& value) { return Scalar(value, "a string"); }
  bool binary(json::binary_t&) { return Fail(0, "binary values are not supported"); }

  bool start_object(std::size_t) {
    if (depth_ == 0) {
      depth_ = 1;
      return true;
    }
    if (depth_ == 1) return Fail(column_ + 1, FieldName() + ": nested objects are not supported");
    return Fail(column_ + 1, FieldName() + ": arrays may hold only scalars (found an object)");
  }
  bool end_object() {
    depth_ = 0;
    return true;
  }
  bool key(json::string_t& name) {
    column_ = reader_.ColumnFor(name);
    return true;
  }
  bool start_array(std::size_t) {
    if (depth_ == 0) return NotAnObject("an array");
    if (depth_ == 2) {
      return Fail(column_ + 1, FieldName() + ": arrays may hold only scalars (found an array)");
    }
    depth_ = 2;
    items_ = 0;
    reader_.values_[column_].clear();
    return true;
  }
  bool end_array() {
    depth_ = 1;
    reader_.has_value_[column_] = items_ > 0;  // an empty array is absent, like null
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
    return Fail(0, JsonErrorMessage(e.what()));
  }

 private:
  bool Scalar(std::string_view text, const char* type) {
    if (depth_ == 0) return NotAnObject(type);
    std::string& value = reader_.values_[column_];
    if (depth_ == 1) {
      value.assign(text);
      reader_.has_value_[column_] = true;
    } else {
      if (items_++ > 0) value.push_back(';');
      value.append(text);
    }
    return true;
  }
  bool NotAnObject(const char* type) {
    return Fail(0, std::string("line is not a JSON object (found ") + type + ")");
  }
  bool Fail(uint32_t column, std::string message) {
    if (error_.empty()) {
      error_ = std::move(message);
      error_column_ = column;
    }
    return false;
  }
  std::string FieldName() const { return "field '" + reader_.ColumnName(column_) + "'"; }

  JsonLinesReader& reader_;
  int depth_ = 0;
  size_t column_ = 0;
  size_t items_ = 0;
  std::string error_;
  uint32_t error_column_ = 0;
};

Result<std::unique_ptr<RecordSource>> OpenJsonLines(std::unique_ptr<ByteSource> bytes,
                                                    ReaderLimits limits) {
  return std::unique_ptr<RecordSource>(std::make_unique<JsonLinesReader>(std::move(bytes), limits));
}

JsonLinesReader::JsonLinesReader(std::unique_ptr<ByteSource> bytes, ReaderLimits limits,
                                 size_t read_bytes)
    : lines_(std::move(bytes), limits.max_record_bytes, read_bytes) {}

Result<ReadOutcome> JsonLinesReader::Next(Row& row, RowError& error) {
  LineReader::Line line;
  LP_ASSIGN_OR_RETURN(ReadOutcome outcome, NextRecordLine(lines_, line, error));
  if (outcome != ReadOutcome::kRow) return outcome;
  if (!ParseLine(line.text, error)) {
    error.line = line.number;
    error.raw = line.text;
    return ReadOutcome::kBadRow;
  }
  CommitNewColumns();
  FillRow(row);
  row.line = line.number;
  row.raw = line.text;
  return ReadOutcome::kRow;
}

bool JsonLinesReader::ParseLine(std::string_view text, RowError& error) {
  new_columns_.clear();
  values_.resize(columns_.size());
  has_value_.assign(columns_.size(), false);
  RowBuilder builder(*this);
  const bool parsed = nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
  if (parsed) return true;
  error.column = builder.error_column();
  error.message = builder.error().empty() ? "malformed JSON" : builder.error();
  return false;
}

size_t JsonLinesReader::ColumnFor(const std::string& name) {
  if (auto known = column_index_.find(name); known != column_index_.end()) return known->second;
  auto pending = std::find(new_columns_.begin(), new_columns_.end(), name);
  const size_t index = columns_.size() + (pending - new_columns_.begin());
  if (pending == new_columns_.end()) {
    new_columns_.push_back(name);
    values_.emplace_back();
    has_value_.push_back(false);
  }
  return index;
}

const std::string& JsonLinesReader::ColumnName(size_t index) const {
  return index < columns_.size() ? columns_[index] : new_columns_[index - columns_.size()];
}

void JsonLinesReader::CommitNewColumns() {
  if (new_columns_.empty()) return;
  for (std::string& name : new_columns_) {
    column_index_.emplace(name, columns_.size());
    columns_.push_back(std::move(name));
  }
  new_columns_.clear();
  ++columns_version_;
}

void JsonLinesReader::FillRow(Row& row) const {
  const size_t count = columns_.size();
  row.fields.resize(count);
  row.present.resize(count);
  for (size_t i = 0; i < count; ++i) {
    row.present[i] = has_value_[i];
    row.fields[i] = has_value_[i] ? std::string_view(values_[i]) : std::string_view();
  }
}

}  // namespace linchpin
