// Every `linchpin` subcommand registers itself on the app here: one file per command
// (cmd_<name>.cc), each a thin shell over the library — parse options, call, print.
#pragma once

#include <CLI/CLI.hpp>

#include "common/status.h"

namespace linchpin::cli {

void RegisterIngest(CLI::App& app);
void RegisterStats(CLI::App& app);
void RegisterEvents(CLI::App& app);
void RegisterSimulate(CLI::App& app);
void RegisterNames(CLI::App& app);
void RegisterEvaluateResolution(CLI::App& app);
void RegisterAnalyze(CLI::App& app);
void RegisterResolve(CLI::App& app);
void RegisterAttribute(CLI::App& app);
void RegisterEvaluate(CLI::App& app);
void RegisterReport(CLI::App& app);

// Exit codes shared by all commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;   // the input or the store was refused; the message says why
inline constexpr int kExitUsage = 2;   // bad command line

// The exit code main() returns; a command's callback sets it.
int& ExitCode();
// Prints "linchpin: error: <status>" to stderr and sets the exit code to kExitError.
void Fail(const Status& status);

}  // namespace linchpin::cli
