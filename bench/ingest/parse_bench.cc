// parse_bench [--mb N] [FILE.csv]: how fast the streaming parsers are, the figures the ingest
// design quotes (>= 400 MB/s for CSV of short event rows; 5x the sqlite3 shell's .import).
//
// Without FILE it writes N MB (default 200) of synthetic event rows shaped like
//   2024-01-01T10:00:00Z,telegram,message,acc_12,acc_99,,182,9f8e7d6c5b4a3928
// to a temporary file, and the same rows as JSON Lines. It prints the best of five reads
// through OpenFileBytes + OpenCsv (page cache warm: this measures the parser, not the disk),
// the JSON Lines rate, the phone normalisation rate, and the time of `sqlite3 :memory:
// .import` on the same CSV when sqlite3 is on PATH.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <string>

#include "ingest/phone.h"
#include "ingest/record_source.h"

namespace {

using Clock = std::chrono::steady_clock;
double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time of this process: on a shared machine it says what the parser costs when wall time
// mostly says how busy the neighbours are.
double CpuSeconds() {
  timespec now;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec * 1e-9;
}

// Writes `bytes` of synthetic rows as CSV (and, if json_path is set, a quarter as JSON Lines).
bool WriteSyntheticEvents(const std::string& csv_path, const std::string& json_path, size_t bytes) {
  FILE* csv = std::fopen(csv_path.c_str(), "w");
  FILE* json = std::fopen(json_path.c_str(), "w");
  if (csv == nullptr || json == nullptr) return false;
  std::fputs("time,platform,kind,src,dst,extra,size,hash\n", csv);
  std::mt19937_64 random(42);
  size_t written = 0;
  char row[256];
  for (size_t i = 0; written < bytes; ++i) {
    const uint64_t r = random();
    const unsigned day = 1 + r % 28, hour = (r >> 8) % 24, minute = (r >> 16) % 60;
    const unsigned src = (r >> 24) % 5000, dst = (r >> 40) % 5000, size = (r >> 52) % 4096;
    const uint64_t hash = random();
    const char* platform = (r & 1) ? "telegram" : "signal";
    const int n = std::snprintf(
        row, sizeof row, "2024-01-%02uT%02u:%02u:00Z,%s,message,acc_%u,acc_%u,,%u,%016llx\n", day,
        hour, minute, platform, src, dst, size, static_cast<unsigned long long>(hash));
    std::fwrite(row, 1, n, csv);
    written += n;
    if (i % 4 == 0) {
      std::fprintf(json,
                   "{\"time\": \"2024-01-%02uT%02u:%02u:00Z\", \"platform\": \"%s\", \"kind\": "
                   "\"message\", \"src\": \"acc_%u\", \"dst\": \"acc_%u\", \"size\": %u, "
                   "\"hash\": \"%016llx\"}\n",
                   day, hour, minute, platform, src, dst, size,
                   static_cast<unsigned long long>(hash));
    }
  }
  return std::fclose(csv) == 0 && std::fclose(json) == 0;
}

struct Rate {
  double seconds = 1e30;
  double cpu_seconds = 1e30;
  uint64_t bytes = 0;
  uint64_t rows = 0;
};

// Best of `repeats` full reads of `path`; rows counted, fields touched so nothing is elided.
template <typename Open>
bool TimeReads(const std::string& path, int repeats, Open open, Rate& best) {
  for (int i = 0; i < repeats; ++i) {
    const auto start = Clock::now();
    const double cpu_start = CpuSeconds();
    auto bytes = linchpin::OpenFileBytes(path);
    if (!bytes.ok()) return false;
    auto source = open(std::move(bytes).value());
    if (!source.ok()) {
      std::fprintf(stderr, "parse_bench: %s\n", source.status().ToString().c_str());
      return false;
    }
    linchpin::Row row;
    linchpin::RowError error;
    uint64_t rows = 0, field_bytes = 0;
    for (;;) {
      auto outcome = (*source)->Next(row, error);
      if (!outcome.ok() || *outcome == linchpin::ReadOutcome::kEnd) break;
      if (*outcome == linchpin::ReadOutcome::kRow) {
        ++rows;
        field_bytes += row.fields.back().size();
      }
    }
    const double seconds = SecondsSince(start);
    const double cpu_seconds = CpuSeconds() - cpu_start;
    if (seconds < best.seconds) best = {seconds, cpu_seconds, (*source)->bytes_consumed(), rows};
    if (field_bytes == 0 && rows > 0) return false;
  }
  return true;
}

void PrintRate(const char* what, const Rate& rate) {
  std::printf(
      "%-15s %8.1f MB in %.3f s: %6.0f MB/s, %6.2f M rows/s (best run; by CPU time %.0f MB/s, "
      "%.2f M rows/s)\n",
      what, rate.bytes / 1e6, rate.seconds, rate.bytes / rate.seconds / 1e6,
      rate.rows / rate.seconds / 1e6, rate.bytes / rate.cpu_seconds / 1e6,
      rate.rows / rate.cpu_seconds / 1e6);
}

double PhonesPerSecond() {
  linchpin::PhoneNormalizer phones("FR");
  constexpr int kCalls = 50000;
  int ok = 0;
  const auto start = Clock::now();
  for (int i = 0; i < kCalls; ++i) {
    ok += phones.ToE164("06 12 34 " + std::to_string(10 + i % 90) + " 78").has_value();
  }
  const double seconds = SecondsSince(start);
  return ok == kCalls ? kCalls / seconds : 0;
}

}  // namespace

int main(int argc, char** argv) {
  size_t megabytes = 200;
  std::string csv_path;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--mb") == 0 && i + 1 < argc) {
      megabytes = std::strtoul(argv[++i], nullptr, 10);
    } else {
      csv_path = argv[i];
    }
  }
  const std::string temp = "/tmp/linchpin-parse-bench-" + std::to_string(::getpid());
  std::string json_path;
  if (csv_path.empty()) {
    csv_path = temp + ".csv";
    json_path = temp + ".jsonl";
    if (!WriteSyntheticEvents(csv_path, json_path, megabytes << 20)) {
      std::fprintf(stderr, "parse_bench: cannot write %s\n", csv_path.c_str());
      return 1;
    }
  }
  Rate csv;
  if (!TimeReads(
          csv_path, 5, [](auto b) { return linchpin::OpenCsv(std::move(b)); }, csv)) {
    return 1;
  }
  PrintRate("CSV", csv);
  if (!json_path.empty()) {
    Rate json;
    if (!TimeReads(
            json_path, 3, [](auto b) { return linchpin::OpenJsonLines(std::move(b)); }, json)) {
      return 1;
    }
    PrintRate("JSON Lines", json);
  }
  std::printf("%-15s %8.0f numbers/s\n", "phone E.164", PhonesPerSecond());

  if (std::system("command -v sqlite3 >/dev/null 2>&1") == 0) {
    const std::string command =
        "sqlite3 :memory: '.mode csv' '.import " + csv_path + " t' >/dev/null";
    const auto start = Clock::now();
    const int status = std::system(command.c_str());
    const double seconds = SecondsSince(start);
    if (status == 0) {
      std::printf("%-15s %8.1f MB in %.3f s: %6.0f MB/s; the CSV parser is %.1fx faster\n",
                  "sqlite3 .import", csv.bytes / 1e6, seconds, csv.bytes / seconds / 1e6,
                  seconds / csv.seconds);
    }
  }
  if (!json_path.empty()) {
    std::remove(csv_path.c_str());
    std::remove(json_path.c_str());
  }
  return 0;
}
