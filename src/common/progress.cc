#include "common/progress.h"

#include <unistd.h>

#include <cstdio>

namespace linchpin {

Progress::Progress(std::string label, uint64_t total)
    : label_(std::move(label)),
      total_(total),
      enabled_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() {
  if (enabled_) std::fputs("\r\033[K", stderr);
}

void Progress::Finish(uint64_t done) {
  if (enabled_) Draw(done, true);
}

void Progress::Draw(uint64_t done, bool final) {
  const auto now = std::chrono::steady_clock::now();
  if (!final && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  if (total_ > 0) {
    std::fprintf(stderr, "\r\033[K%s: %5.1f%% (%llu/%llu, %.0f/s)", label_.c_str(),
                 100.0 * static_cast<double>(done) / static_cast<double>(total_),
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_),
                 rate);
  } else {
    std::fprintf(stderr, "\r\033[K%s: %llu (%.0f/s)", label_.c_str(),
                 static_cast<unsigned long long>(done), rate);
  }
  std::fflush(stderr);
}

}  // namespace linchpin
