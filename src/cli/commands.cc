#include "cli/commands.h"

#include <algorithm>
#include <iostream>

namespace linchpin::cli {

int& ExitCode() {
  static int code = kExitOk;
  return code;
}

const CLI::Validator& WholeNumber() {
  static const CLI::Validator v(
      [](std::string& text) -> std::string {
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
          return "expected a whole number (0, 1, 2, ...), got '" + text + "'";
        }
        text.erase(0, std::min(text.find_first_not_of('0'), text.size() - 1));  // not octal
        return "";
      },
      "N");
  return v;
}

void Fail(const Status& status) {
  std::cerr << "linchpin: error: " << status.ToString() << "\n";
  ExitCode() = kExitError;
}

}  // namespace linchpin::cli
