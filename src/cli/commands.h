// Every `linchpin` subcommand registers itself on the app here: one file per command
// (cmd_<name>.cc), each a thin shell over the library — parse options, call, print.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time.h"

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

// The transform every unsigned option (--top, --limit, --k, --seed, ...) takes: a whole number of
// decimal digits. CLI11 2.1 converts with strtoull(s, 0), which reads "-1" as the largest value
// (so --top -1 meant "all") and "010" as octal 8; this refuses the first and reads the second as 10.
const CLI::Validator& WholeNumber();

// The check of a real-valued option that must lie in [lo, hi]. CLI::Range lets NaN through
// (every comparison with it is false), and a --threshold outside [0, 1] made every candidate a
// handler, or none, without a word.
CLI::Validator Between(double lo, double hi);

// The transform of --region (ingest, events): an ISO 3166 code libphonenumber knows, upper-cased.
// PhoneNormalizer reads an unknown region as none, so "--region UK" (GB is meant) would leave
// every national number unparsed without a word.
const CLI::Validator& PhoneRegion();

// --from/--to as events and analyze read them: ISO 8601 or epoch seconds, both inclusive; an
// empty text leaves its side open (kNoTime). --from after --to is refused rather than answered
// with nothing, which an analyst would read as "no contact in that period".
struct TimeWindow {
  TimeMs from = kNoTime, to = kNoTime;
};
Result<TimeWindow> ParseTimeWindow(const std::string& from, const std::string& to);

// A free-text argument (a name to compare, a report title) must be UTF-8, as every input file
// must: the matcher reads UTF-8, the JSON writer throws on anything else, and the report would
// carry the stray byte. `what` names the argument in the error ("name A", "--title").
Status CheckUtf8Argument(const std::string& value, const std::string& what);

// " (did you mean 'X'?)" when X, one of `choices`, is the likely intent of a mistyped `word`:
// the same once case, '-' and '_' are ignored ("keyplayers" for "key-players"), or within a
// third of its length in edits, at least one ("resolv", "communities"); the nearest wins, the
// first on a tie. Empty when nothing is that close: a far guess misleads more than none.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& choices);

// The exit code main() returns; a command's callback sets it.
int& ExitCode();
// Prints "linchpin: error: <status>" to stderr and sets the exit code to kExitError.
void Fail(const Status& status);

}  // namespace linchpin::cli
