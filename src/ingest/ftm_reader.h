// FtmReader: FollowTheMoney entities as JSON Lines — the format OpenSanctions, Aleph and the
// `ftm` tools exchange. Each line is one entity:
//   {"id": "...", "schema": "Person", "properties": {"name": ["..."], "phone": ["..."]}}
// This reader only parses: it checks the shape (id and schema non-empty strings, properties an
// object whose values are arrays of strings) and flattens properties to (name, value) pairs in
// the order written. It does not interpret schemas; ingest maps Person, Phone, Call, ... onto
// the case model. Other top-level keys (caption, datasets, first_seen, ...) are ignored; a
// missing "properties" is an entity without properties; a bare string is taken as a one-value
// array (some producers write that).
//
// Memory is bounded as for JSON Lines: a line over max_record_bytes is skipped unread.
// Thread-compatibility: one reader per thread; no shared state.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/jsonl_reader.h"
#include "ingest/record_source.h"

namespace linchpin {

struct FtmEntity {
  uint64_t line = 0;  // 1-based physical line
  std::string id;
  std::string schema;
  // One pair per value, in the order written: {"name", "Ali"}, {"name", "Ally"}, {"phone", ...}.
  std::vector<std::pair<std::string, std::string>> properties;
  std::string_view raw;  // the line as written; valid until the next Next()

  // The values of one property, in order; views into `properties`.
  std::vector<std::string_view> Values(std::string_view property) const;
};

class FtmReader {
 public:
  static Result<std::unique_ptr<FtmReader>> Open(std::unique_ptr<ByteSource> bytes,
                                                 ReaderLimits limits = {},
                                                 size_t read_bytes = LineReader::kDefaultReadBytes);

  // kRow fills `entity`; kBadRow fills `error` (and reading can go on); kEnd at end of input.
  // A Status only for an I/O failure.
  Result<ReadOutcome> Next(FtmEntity& entity, RowError& error);
  uint64_t bytes_consumed() const { return lines_.bytes_consumed(); }

  FtmReader(std::unique_ptr<ByteSource> bytes, ReaderLimits limits, size_t read_bytes);

 private:
  LineReader lines_;
};

}  // namespace linchpin
