#include "cli/commands.h"

#include <iostream>

namespace linchpin::cli {

int& ExitCode() {
  static int code = kExitOk;
  return code;
}

void Fail(const Status& status) {
  std::cerr << "linchpin: error: " << status.ToString() << "\n";
  ExitCode() = kExitError;
}

}  // namespace linchpin::cli
