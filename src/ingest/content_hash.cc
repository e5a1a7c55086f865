#include "ingest/content_hash.h"

#include <cstdio>
#include <vector>

namespace linchpin {

ContentHasher::ContentHasher() : state_(XXH3_createState(), &XXH3_freeState) {
  XXH3_128bits_reset(state_.get());
}

void ContentHasher::Update(const char* data, size_t n) {
  XXH3_128bits_update(state_.get(), data, n);
  bytes_ += static_cast<int64_t>(n);
}

std::string ContentHasher::Digest() const {
  const XXH128_hash_t h = XXH3_128bits_digest(state_.get());
  char hex[40];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return std::string("xxh3-128:") + hex;
}

namespace {

class HashingBytes final : public ByteSource {
 public:
  HashingBytes(std::unique_ptr<ByteSource> inner, ContentHasher& hasher)
      : inner_(std::move(inner)), hasher_(hasher) {}

  Result<size_t> Read(char* buf, size_t n) override {
    LP_ASSIGN_OR_RETURN(const size_t got, inner_->Read(buf, n));
    hasher_.Update(buf, got);
    return got;
  }

 private:
  std::unique_ptr<ByteSource> inner_;
  ContentHasher& hasher_;
};

}  // namespace

std::unique_ptr<ByteSource> HashWhileReading(std::unique_ptr<ByteSource> inner, ContentHasher& hasher) {
  return std::make_unique<HashingBytes>(std::move(inner), hasher);
}

Result<std::string> HashFile(const std::string& path) {
  LP_ASSIGN_OR_RETURN(auto source, OpenFileBytes(path));
  ContentHasher hasher;
  std::vector<char> buf(1 << 20);
  while (true) {
    LP_ASSIGN_OR_RETURN(const size_t n, source->Read(buf.data(), buf.size()));
    if (n == 0) break;
    hasher.Update(buf.data(), n);
  }
  return hasher.Digest();
}

}  // namespace linchpin
