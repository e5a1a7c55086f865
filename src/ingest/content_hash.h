// The content hash ingest records for each file ("xxh3-128:<32 hex digits>"): a committed hash
// makes re-ingest of the same bytes a no-op. ContentHasher hashes bytes as a reader pulls them
// (HashWhileReading), so a large file is read once, not once to hash and again to ingest.
#pragma once

#include <xxhash.h>

#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"
#include "ingest/record_source.h"

namespace linchpin {

class ContentHasher {
 public:
  ContentHasher();
  void Update(const char* data, size_t n);
  int64_t bytes() const { return bytes_; }
  std::string Digest() const;  // of the bytes so far

 private:
  std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> state_;
  int64_t bytes_ = 0;
};

// Wraps `inner` so that every byte read from it also goes through `hasher`, which must outlive
// the returned source. The digest is the file's once the reader has reached its end.
std::unique_ptr<ByteSource> HashWhileReading(std::unique_ptr<ByteSource> inner, ContentHasher& hasher);

// Hashes a whole file up front.
Result<std::string> HashFile(const std::string& path);

}  // namespace linchpin
