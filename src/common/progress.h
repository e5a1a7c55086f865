// Progress on long work, shown only when stderr is a terminal (never in logs or pipes).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace linchpin {

class Progress {
 public:
  // `total` = 0 when unknown (then the count alone is shown).
  Progress(std::string label, uint64_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Cheap to call per row: redraws at most ten times a second.
  void Update(uint64_t done) {
    if (!enabled_ || ++calls_ % 4096 != 0) return;
    Draw(done, false);
  }
  void Finish(uint64_t done);

 private:
  void Draw(uint64_t done, bool final);
  std::string label_;
  uint64_t total_;
  bool enabled_;
  uint64_t calls_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace linchpin
