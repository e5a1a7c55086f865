#include "ingest/rejects.h"

#include "common/strings.h"

namespace linchpin {

std::string DescribeRowError(const std::string& path, const RowError& e, std::string_view column) {
  std::string s = path + ":" + std::to_string(e.line) + ": ";
  if (e.column > 0) {
    s += "column " + std::to_string(e.column);
    if (!column.empty()) s += " ('" + std::string(column) + "')";
    s += ": ";
  }
  return s + e.message;
}

Status RejectsFile::Add(const std::string& source, const RowError& e, std::string_view column,
                        std::string_view raw) {
  if (!out_.is_open()) {
    out_.open(path_, std::ios::trunc);
    if (!out_) return Status::IOError("cannot write rejects file '" + path_ + "'");
    out_ << "file,line,column,error,raw\n";
  }
  out_ << CsvQuote(source) << ',' << e.line << ',' << CsvQuote(column) << ',' << CsvQuote(e.message)
       << ',' << CsvQuote(raw) << '\n';
  ++count_;
  out_.flush();
  return out_ ? Status::Ok() : Status::IOError("writing rejects file '" + path_ + "' failed");
}

}  // namespace linchpin
