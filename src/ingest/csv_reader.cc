// Streaming RFC 4180 CSV reader; see csv_reader.h for the dialect and the memory bound.
//
// Layout of the buffer: [0, pos_) consumed records, [pos_, data_end_) unread bytes, and
// buffer_[data_end_] == '\n' always. The sentinel lets the field scanner stop on a class-table
// lookup alone; "is this the real end?" is asked only when it stops on an LF.
//
// A record that is not complete in the buffer (kNeedMore) is rescanned from its start after a
// refill; that costs one partial record per refill, which is negligible next to the buffer.
#include "ingest/csv_reader.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace linchpin {
namespace {

constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";
constexpr size_t kMinReadBytes = 4;  // so that one refill is enough to see a whole BOM

// Byte classes for the unquoted-field scanner. Everything that is not kPlain stops the loop.
enum ByteClass : uint8_t { kPlain, kComma, kLf, kCr, kQuote, kNonAscii };

constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> classes{};
  for (int b = 0x80; b < 0x100; ++b) classes[b] = kNonAscii;
  classes[static_cast<uint8_t>(',')] = kComma;
  classes[static_cast<uint8_t>('\n')] = kLf;
  classes[static_cast<uint8_t>('\r')] = kCr;
  classes[static_cast<uint8_t>('"')] = kQuote;
  return classes;
}
constexpr std::array<uint8_t, 256> kByteClass = MakeByteClasses();

std::string HexByte(unsigned char b) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02x", b);
  return text;
}

// The sequence length a UTF-8 lead byte announces, or 0 when it cannot start a sequence.
int Utf8SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

std::string Utf8LeadProblem(unsigned char lead) {
  if (lead >= 0x80 && lead <= 0xBF) return "unexpected continuation byte " + HexByte(lead);
  if (lead == 0xC0 || lead == 0xC1) return "overlong encoding (lead byte " + HexByte(lead) + ")";
  return "invalid lead byte " + HexByte(lead);
}

// Checks the multi-byte sequence at text[0..length) whose lead byte was accepted.
std::optional<std::string> Utf8SequenceProblem(const unsigned char* text, size_t available,
                                               int length) {
  for (int k = 1; k < length; ++k) {
    if (static_cast<size_t>(k) >= available || (text[k] & 0xC0) != 0x80) {
      return "truncated sequence (lead byte " + HexByte(text[0]) + " needs " +
             std::to_string(length) + " bytes, found " + std::to_string(k) + ")";
    }
  }
  static constexpr uint32_t kLeadMask[] = {0, 0, 0x1F, 0x0F, 0x07};
  static constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  uint32_t code_point = text[0] & kLeadMask[length];
  for (int k = 1; k < length; ++k) code_point = (code_point << 6) | (text[k] & 0x3F);
  if (code_point < kSmallest[length]) return std::string("overlong encoding");
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return std::string("UTF-16 surrogate");
  if (code_point > 0x10FFFF) return std::string("code point above U+10FFFF");
  return std::nullopt;
}

}  // namespace

std::optional<Utf8Error> FindInvalidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    // Fast path: eight ASCII bytes at once.
    if (i + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    int length = Utf8SequenceLength(bytes[i]);
    if (length == 0) return Utf8Error{i, Utf8LeadProblem(bytes[i])};
    if (length > 1) {
      if (auto problem = Utf8SequenceProblem(bytes + i, size - i, length)) {
        return Utf8Error{i, *problem};
      }
    }
    i += length;
  }
  return std::nullopt;
}

CsvReader::CsvReader(std::unique_ptr<ByteSource> bytes, ReaderLimits limits, size_t read_bytes)
    : bytes_(std::move(bytes)),
      limits_(limits),
      read_bytes_(std::max(read_bytes, kMinReadBytes)),
      capacity_(limits.max_record_bytes + 1 + read_bytes_) {
  // for_overwrite: no need to zero a megabyte or two that every read overwrites.
  buffer_ = std::make_unique_for_overwrite<char[]>(capacity_ + 1);
  buffer_[0] = '\n';
}

Result<std::unique_ptr<CsvReader>> CsvReader::Open(std::unique_ptr<ByteSource> bytes,
                                                   ReaderLimits limits, size_t read_bytes) {
  auto reader = std::make_unique<CsvReader>(std::move(bytes), limits, read_bytes);
  LP_RETURN_IF_ERROR(reader->ReadHeader());
  return reader;
}

Result<std::unique_ptr<RecordSource>> OpenCsv(std::unique_ptr<ByteSource> bytes,
                                              ReaderLimits limits) {
  LP_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(std::move(bytes), limits));
  return std::unique_ptr<RecordSource>(std::move(reader));
}

Status CsvReader::ReadHeader() {
  LP_RETURN_IF_ERROR(Refill());
  if (data_end_ >= 3 && std::memcmp(buffer_.get(), kUtf8Bom, 3) == 0) pos_ = 3;
  Row header;
  RowError error;
  LP_ASSIGN_OR_RETURN(ReadOutcome outcome, NextRecord(header, error));
  if (outcome == ReadOutcome::kEnd) return Status::ParseError("empty file (no header row)");
  if (outcome == ReadOutcome::kBadRow) {
    std::string where = "line " + std::to_string(error.line);
    if (error.column != 0) where += ", column " + std::to_string(error.column);
    return Status::ParseError(where + ": header row: " + error.message);
  }
  columns_.assign(header.fields.begin(), header.fields.end());
  header_line_ = header.line;
  return Status::Ok();
}

Status CsvReader::Refill() {
  // The caller keeps at most max_record_bytes + 1 unread, so there is read_bytes_ of room.
  LP_RETURN_IF_ERROR(RefillBuffer(*bytes_, buffer_.get(), capacity_, read_bytes_, pos_, data_end_,
                                  buffer_file_offset_, eof_));
  buffer_[data_end_] = '\n';  // the scanner's sentinel
  return Status::Ok();
}

Result<ReadOutcome> CsvReader::Next(Row& row, RowError& error) {
  LP_ASSIGN_OR_RETURN(ReadOutcome outcome, NextRecord(row, error));
  if (outcome == ReadOutcome::kRow && row.fields.size() != columns_.size()) {
    error = RowError{row.line, 0,
                     "expected " + std::to_string(columns_.size()) + " fields, found " +
                         std::to_string(row.fields.size()),
                     row.raw};
    return ReadOutcome::kBadRow;
  }
  return outcome;
}

Result<ReadOutcome> CsvReader::NextRecord(Row& row, RowError& error) {
  row.present.clear();  // CSV fields are always present
  for (;;) {
    ScannedRecord record;
    const Scan scan = ScanRecord(row.fields, record);
    if (scan == Scan::kEndOfInput) return ReadOutcome::kEnd;
    if (scan == Scan::kNeedMore) {
      // +1: a record of exactly the limit may still be waiting for the LF after its CR.
      if (data_end_ - pos_ > limits_.max_record_bytes + 1) return SkipOversizedRecord(error);
      LP_RETURN_IF_ERROR(Refill());
      continue;
    }
    const std::string_view raw(buffer_.get() + pos_, record.end - pos_);
    const uint64_t line = line_;
    Consume(record);
    if (raw.empty()) continue;  // a blank line
    if (raw.size() > limits_.max_record_bytes) {
      // No raw text, as when the record had to be skipped unbuffered: what lands in the rejects
      // file must not depend on where the refills fell.
      error = RowError{line, 0, OversizedMessage(raw.size()), {}};
      return ReadOutcome::kBadRow;
    }
    if (!record.error.empty()) {
      error = RowError{line, record.error_column, std::move(record.error), raw};
      return ReadOutcome::kBadRow;
    }
    row.line = line;
    row.raw = raw;
    return ReadOutcome::kRow;
  }
}

std::string CsvReader::OversizedMessage(uint64_t record_bytes) const {
  return "record of " + std::to_string(record_bytes) + " bytes exceeds the limit of " +
         std::to_string(limits_.max_record_bytes) + " bytes (max_record_bytes); skipped";
}

void CsvReader::Consume(const ScannedRecord& record) {
  line_ += record.newlines + (record.next > record.end ? 1 : 0);
  pos_ = record.next;
}

void CsvReader::SetError(ScannedRecord& record, uint32_t column, std::string message) {
  if (!record.error.empty()) return;  // the first problem is the one worth reporting
  record.error = std::move(message);
  record.error_column = column;
}

void CsvReader::CheckUtf8(std::string_view text, uint32_t column, ScannedRecord& record) {
  if (!record.error.empty()) return;
  if (auto bad = FindInvalidUtf8(text)) {
    SetError(record, column,
             "invalid UTF-8 at byte offset " + std::to_string(bad->offset) +
                 " of the field: " + bad->problem);
  }
}

bool CsvReader::ScanPlainRecord(std::vector<std::string_view>& fields, ScannedRecord& record) const {
#if defined(__SSE2__)
  const char* const begin = buffer_.get();
  const char* const end = begin + data_end_;  // the sentinel LF; blocks stay before it
  const char* field = begin + pos_;
  const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n');
  const __m128i quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r');
  const size_t first = fields.size();
  for (const char* q = field; q + 16 <= end; q += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    const unsigned lfs = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)));
    // Bytes up to the record's LF (all 16 when it is further on).
    const unsigned mine = lfs ? (lfs & -lfs) - 1 : 0xFFFFu;
    // A quote, a CR or a byte >= 0x80 (movemask of v itself) needs the careful scanner.
    const unsigned special = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, cr))) |
        _mm_movemask_epi8(v));
    if (special & mine) break;
    for (unsigned commas = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma))) & mine;
         commas != 0; commas &= commas - 1) {
      const char* at = q + __builtin_ctz(commas);
      fields.emplace_back(field, at - field);
      field = at + 1;
    }
    if (lfs) {
      const char* at = q + __builtin_ctz(lfs);
      fields.emplace_back(field, at - field);
      record.end = at - begin;
      record.next = record.end + 1;
      return true;
    }
  }
  fields.resize(first);  // not plain, or its LF is not in the buffer: the slow path decides
#else
  (void)fields, (void)record;
#endif
  return false;
}

CsvReader::Scan CsvReader::ScanRecord(std::vector<std::string_view>& fields,
                                      ScannedRecord& record) {
  fields.clear();
  scratch_.clear();
  const char* const begin = buffer_.get();
  const char* const end = begin + data_end_;
  const char* p = begin + pos_;
  if (p == end) return eof_ ? Scan::kEndOfInput : Scan::kNeedMore;
  if (ScanPlainRecord(fields, record)) return Scan::kRecord;
  for (uint32_t column = 1;; ++column) {
    bool need_more = false;
    if (*p == '"') {
      std::string_view value;
      p = ScanQuotedField(p, column, value, record, need_more);
      if (need_more) return Scan::kNeedMore;
      fields.push_back(value);
    } else {
      // The view is built here from two pointers rather than returned through a reference:
      // two 8-byte stores read back as one 16-byte load stall store forwarding, which cost a
      // third of the time on short fields.
      const char* const start = p;
      p = ScanUnquotedField(p, column, record, need_more);
      if (need_more) return Scan::kNeedMore;
      fields.emplace_back(start, p - start);
    }
    // p is now at ',', at '\n' (perhaps the sentinel), or at '\r' of a CRLF or of a final CR.
    if (*p == ',') {
      ++p;
      continue;
    }
    record.end = p - begin;
    if (p == end) {
      if (!eof_) return Scan::kNeedMore;
      record.next = record.end;
    } else if (*p == '\r') {
      record.next = record.end + (p + 1 < end ? 2 : 1);
    } else {
      record.next = record.end + 1;
    }
    return Scan::kRecord;
  }
}

// Scans an unquoted field starting at p; returns where it stopped (',', LF or the CR of CRLF).
const char* CsvReader::ScanUnquotedField(const char* p, uint32_t column, ScannedRecord& record,
                                         bool& need_more) {
  const char* const end = buffer_.get() + data_end_;
  const char* const start = p;
  bool non_ascii = false;
  for (;;) {
    uint8_t byte_class;
    while ((byte_class = kByteClass[static_cast<unsigned char>(*p)]) == kPlain) ++p;
    if (byte_class == kNonAscii) {
      non_ascii = true;
      ++p;
    } else if (byte_class == kQuote) {
      SetError(record, column,
               "quote inside an unquoted field (quote the whole field and write a quote as \"\")");
      ++p;
    } else if (byte_class == kCr) {
      if (p + 1 == end) {  // cannot tell CRLF from a bare CR until the next byte arrives
        if (!eof_) {
          need_more = true;
          return p;
        }
        break;  // a final CR at end of input ends the record
      }
      if (p[1] == '\n') break;
      SetError(record, column,
               "bare carriage return (CR without LF) in an unquoted field; CR-only line endings "
               "are not supported");
      ++p;
    } else {
      break;  // comma or LF
    }
  }
  if (non_ascii) CheckUtf8(std::string_view(start, p - start), column, record);
  return p;
}

// Scans a quoted field whose opening quote is at p; returns the position after the closing
// quote (or, after a malformed field, where lenient scanning found its end).
const char* CsvReader::ScanQuotedField(const char* p, uint32_t column, std::string_view& value,
                                       ScannedRecord& record, bool& need_more) {
  const char* const end = buffer_.get() + data_end_;
  const char* const content = p + 1;
  const char* search = content;
  bool has_escapes = false;
  const char* closing;
  for (;;) {
    const void* found_quote = std::memchr(search, '"', end - search);
    if (found_quote == nullptr) {
      if (!eof_) {
        need_more = true;
        return p;
      }
      record.newlines += std::count(search, end, '\n');
      SetError(record, column, "unterminated quoted field at end of input (truncated file?)");
      return end;
    }
    const char* quote = static_cast<const char*>(found_quote);
    if (quote + 1 == end && !eof_) {  // "" or a closing quote? The next byte decides.
      need_more = true;
      return p;
    }
    record.newlines += std::count(search, quote, '\n');
    if (quote[1] != '"') {  // the sentinel is '\n', so this reads inside the buffer
      closing = quote;
      break;
    }
    has_escapes = true;
    search = quote + 2;
  }
  const std::string_view as_written(content, closing - content);
  CheckUtf8(as_written, column, record);
  value = has_escapes ? Unescape(as_written) : as_written;

  p = closing + 1;
  if (*p == '\r' && p + 1 == end && !eof_) {  // CRLF or junk? The next byte decides.
    need_more = true;
    return p;
  }
  const bool field_ends_here =
      *p == ',' || *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] == '\n'));
  if (field_ends_here) return p;
  SetError(record, column,
           "unexpected character after the closing quote of a quoted field (write a quote "
           "inside a quoted field as \"\")");
  // The field is malformed; scan on to its end to find the next one.
  return ScanUnquotedField(p, column, record, need_more);
}

// Appends the field with each "" turned into " to scratch_ and returns a view of it.
std::string_view CsvReader::Unescape(std::string_view as_written) {
  // Reserve once per record for the whole unread buffer, so the views already handed out into
  // scratch_ stay valid however many escaped fields follow (unescaping only shrinks text).
  if (scratch_.capacity() < data_end_ - pos_) scratch_.reserve(data_end_ - pos_);
  const size_t start = scratch_.size();
  size_t from = 0;
  for (;;) {
    const size_t quote = as_written.find('"', from);
    if (quote == std::string_view::npos) {
      scratch_.append(as_written.substr(from));
      break;
    }
    scratch_.append(as_written.substr(from, quote + 1 - from));  // keep one quote of the pair
    from = quote + 2;
  }
  return std::string_view(scratch_).substr(start);
}

// Skips the record at pos_, which is longer than max_record_bytes, without buffering it: a
// four-state machine follows quoting just enough to find the record's end, discarding bytes
// and refilling as it goes.
Result<ReadOutcome> CsvReader::SkipOversizedRecord(RowError& error) {
  enum State : uint8_t { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted, kDone };
  enum Input : uint8_t { kOther, kCommaIn, kLfIn, kQuoteIn };
  static constexpr State kTransition[4][4] = {
      //            other      comma        LF      quote
      /* start  */ {kUnquoted, kFieldStart, kDone, kQuoted},
      /* unquot */ {kUnquoted, kFieldStart, kDone, kUnquoted},
      /* quoted */ {kQuoted, kQuoted, kQuoted, kQuoteInQuoted},
      /* q in q */ {kUnquoted, kFieldStart, kDone, kQuoted},
  };
  const uint64_t start_line = line_;
  uint64_t record_bytes = 0;
  char previous = 0;
  State state = kFieldStart;
  while (state != kDone) {
    if (pos_ == data_end_) {
      if (eof_) break;
      LP_RETURN_IF_ERROR(Refill());
      continue;
    }
    const char c = buffer_[pos_++];
    const Input input = c == ',' ? kCommaIn : c == '\n' ? kLfIn : c == '"' ? kQuoteIn : kOther;
    state = kTransition[state][input];
    if (c == '\n') ++line_;
    if (state != kDone) {
      ++record_bytes;
      previous = c;
    }
  }
  // A CR just before the LF, or at the very end outside quotes, terminates; it is not data.
  if (state != kQuoted && previous == '\r') --record_bytes;
  error = RowError{start_line, 0, OversizedMessage(record_bytes), {}};
  return ReadOutcome::kBadRow;
}

}  // namespace linchpin
