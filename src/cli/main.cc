// linchpin — the command-line front end. Subcommands live in cmd_*.cc; this file only wires them.
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "linchpin/version.h"

namespace {

// CLI11 reads a mistyped command ("resolv") as a stray argument and says only that a
// subcommand is required; this names it, and the command meant. Empty when `word` is a command.
std::string UnknownCommandError(const CLI::App& app, const std::string& word) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (command->get_name() == word) return "";
    names.push_back(command->get_name());
  }
  return "unknown command '" + word + "'" + linchpin::cli::DidYouMean(word, names) +
         "; run 'linchpin --help' for the list";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Linchpin: exposes the handlers behind \"lone\" attacks from communications "
               "metadata and case files."};
  app.set_version_flag("--version", std::string("linchpin ") + LINCHPIN_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  linchpin::cli::RegisterIngest(app);
  linchpin::cli::RegisterStats(app);
  linchpin::cli::RegisterEvents(app);
  linchpin::cli::RegisterSimulate(app);
  linchpin::cli::RegisterNames(app);
  linchpin::cli::RegisterEvaluateResolution(app);
  linchpin::cli::RegisterAnalyze(app);
  linchpin::cli::RegisterResolve(app);
  linchpin::cli::RegisterAttribute(app);
  linchpin::cli::RegisterEvaluate(app);
  linchpin::cli::RegisterReport(app);

  if (argc > 1 && argv[1][0] != '-') {
    if (const std::string error = UnknownCommandError(app, argv[1]); !error.empty()) {
      std::cerr << "linchpin: error: " << error << "\n";
      return linchpin::cli::kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? linchpin::cli::kExitOk : linchpin::cli::kExitUsage;
  } catch (const std::exception& e) {
    // Errors are values (common/status.h); reaching here is a bug. Say so plainly, with what
    // threw, rather than let the runtime abort with a core dump.
    std::cerr << "linchpin: internal error: " << e.what() << " (a bug: please report it with the command line)\n";
    return linchpin::cli::kExitError;
  }
  // Each subcommand's callback sets the exit code (cli/commands.h).
  return linchpin::cli::ExitCode();
}
