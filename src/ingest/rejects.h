// The two shapes of a bad row: the message that names file, line and column (fail mode), and
// the rejects file that keeps every refused row with its reason (skip mode).
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include "common/status.h"
#include "ingest/record_source.h"

namespace linchpin {

// "events.csv:12: column 1 ('time'): expected ..."
std::string DescribeRowError(const std::string& path, const RowError& e, std::string_view column);

// <dir>/<file>.rejects.csv with columns file,line,column,error,raw; created on the first reject.
class RejectsFile {
 public:
  explicit RejectsFile(std::string path) : path_(std::move(path)) {}
  Status Add(const std::string& source, const RowError& e, std::string_view column,
             std::string_view raw);
  int64_t count() const { return count_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::ofstream out_;
  int64_t count_ = 0;
};

}  // namespace linchpin
