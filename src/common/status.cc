#include "common/status.h"

namespace linchpin {

std::string Status::ToString() const {
  const char* name = "";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: name = "invalid argument"; break;
    case Code::kNotFound: name = "not found"; break;
    case Code::kIOError: name = "I/O error"; break;
    case Code::kCorruption: name = "corruption"; break;
    case Code::kParseError: name = "parse error"; break;
    case Code::kAlreadyExists: name = "already exists"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace linchpin
