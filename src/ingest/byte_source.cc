// ByteSource implementations: a POSIX file (read(2) in the caller's chunks, so memory stays
// bounded by the reader's buffer whatever the file's size) and an in-memory string (tests and
// fuzzers).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "ingest/record_source.h"

namespace linchpin {
namespace {

std::string ErrnoMessage(const std::string& what, const std::string& path, int err) {
  return what + " " + path + ": " + std::strerror(err);
}

class FileBytes final : public ByteSource {
 public:
  FileBytes(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~FileBytes() override { ::close(fd_); }
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;

  Result<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno == EINTR) continue;  // a signal is not an I/O failure; retry
      return Status::IOError(ErrnoMessage("cannot read", path_, errno));
    }
  }

 private:
  int fd_;
  std::string path_;
};

class MemoryByteSource final : public ByteSource {
 public:
  explicit MemoryByteSource(std::string data) : data_(std::move(data)) {}

  Result<size_t> Read(char* buf, size_t n) override {
    size_t count = std::min(n, data_.size() - offset_);
    std::memcpy(buf, data_.data() + offset_, count);
    offset_ += count;
    return count;
  }

 private:
  std::string data_;
  size_t offset_ = 0;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenFileBytes(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError(ErrnoMessage("cannot open", path, errno));
  // Sequential access lets the kernel read ahead generously; a failure here is harmless.
  (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<ByteSource>(std::make_unique<FileBytes>(fd, path));
}

std::unique_ptr<ByteSource> MemoryBytes(std::string data) {
  return std::make_unique<MemoryByteSource>(std::move(data));
}

Status RefillBuffer(ByteSource& bytes, char* buffer, size_t capacity, size_t read_bytes,
                    size_t& pos, size_t& end, uint64_t& file_offset, bool& eof) {
  const size_t unread = end - pos;
  if (pos > 0) {
    std::memmove(buffer, buffer + pos, unread);
    file_offset += pos;
    pos = 0;
    end = unread;
  }
  const size_t wanted = std::min(capacity, end + read_bytes);
  while (!eof && end < wanted) {
    LP_ASSIGN_OR_RETURN(size_t got, bytes.Read(buffer + end, wanted - end));
    if (got == 0) {
      eof = true;
    } else {
      end += got;
    }
  }
  return Status::Ok();
}

}  // namespace linchpin
