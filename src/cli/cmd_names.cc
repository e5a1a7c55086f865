// linchpin names compare — score two names, or every pair of a CSV file, with the name matcher
// (resolve/names/name_match.h): a score in [0, 1], the decision, and which parts matched how.
//
//   linchpin names compare "Abu Mohammed al-Adnani" "Abu Muhammad Adnani" [--json]
//   linchpin names compare --pairs pairs.csv [--output scored.csv]
//
// --pairs reads a CSV with a header holding columns `a` and `b` (in any case, as ingest matches
// column names; other columns are kept) and writes every row back, in order, with `score` and
// `match` appended. Quoting follows RFC 4180
// both ways, since names contain commas ("AL-ADNANI, Abu Mohammed"): rows are read by ingest's
// streaming OpenCsv (UTF-8 validated, bounded memory) and written by cli/output's PrintCsvRow.
// A malformed row stops the run with the file, line and column, since skipping it would break the
// one-output-row-per-input-row contract.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "common/strings.h"
#include "ingest/record_source.h"
#include "resolve/names/name_match.h"

namespace linchpin::cli {
namespace {

struct CompareArgs {
  std::vector<std::string> names;
  std::string pairs_file;
  std::string output_file;
  bool json = false;
  double threshold = resolve::NameMatchOptions{}.threshold;
};

nlohmann::ordered_json MatchJson(const std::string& a, const std::string& b, const resolve::NameMatch& m,
                                 double threshold) {
  nlohmann::ordered_json j;
  j["a"] = a;
  j["b"] = b;
  j["score"] = m.score;
  j["match"] = m.match;
  j["threshold"] = threshold;
  auto& parts = j["parts"] = nlohmann::ordered_json::array();
  for (const resolve::PartMatch& p : m.parts) {
    parts.push_back({{"part_a", p.part_a},
                     {"part_b", p.part_b},
                     {"role", std::string(resolve::RoleName(p.role))},
                     {"outcome", std::string(resolve::OutcomeName(p.outcome))},
                     {"similarity", p.similarity},
                     {"how", p.how}});
  }
  // Only for a name over kMaxComparedParts parts, so ordinary output is unchanged.
  if (m.parts_not_compared_a > 0 || m.parts_not_compared_b > 0) {
    j["truncated"] = {{"note", resolve::TruncationNote(m)},
                      {"max_compared_parts", resolve::kMaxComparedParts},
                      {"parts_not_compared_a", m.parts_not_compared_a},
                      {"parts_not_compared_b", m.parts_not_compared_b}};
  }
  return j;
}

void PrintMatch(const std::string& a, const std::string& b, const resolve::NameMatch& m, double threshold) {
  std::cout << "A: " << a << "\nB: " << b << "\n";
  std::cout << "score " << Fixed(m.score, 3) << "  " << (m.match ? "MATCH" : "NO MATCH") << " (threshold "
            << Fixed(threshold, 2) << ")\n\n";
  std::vector<TableRow> rows;
  for (const resolve::PartMatch& p : m.parts) {
    rows.push_back({p.part_a.empty() ? "-" : p.part_a, p.part_b.empty() ? "-" : p.part_b,
                    std::string(resolve::RoleName(p.role)), p.how});
  }
  PrintTable(std::cout, {"part A", "part B", "role", "how"}, rows);
  if (const std::string note = resolve::TruncationNote(m); !note.empty())
    std::cout << "\nnote: " << note << "\n";
}

// Matched case-insensitively, as ingest matches column names (docs/formats.md).
Result<size_t> ColumnIndex(const std::vector<std::string>& header, const std::string& name, const std::string& file) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (EqualsIgnoreCase(header[i], name)) return i;
  }
  return Status::InvalidArgument(file + ":1: no column '" + name + "' in the header (need columns a,b)");
}

// Writes the scored rows of `source` to `out`; stops at the first malformed row.
Status ScorePairs(RecordSource& source, const std::string& file, const CompareArgs& args, std::ostream& out) {
  const std::vector<std::string> header = source.columns();
  LP_ASSIGN_OR_RETURN(const size_t col_a, ColumnIndex(header, "a", file));
  LP_ASSIGN_OR_RETURN(const size_t col_b, ColumnIndex(header, "b", file));
  TableRow head = header;
  head.push_back("score");
  head.push_back("match");
  PrintCsvRow(out, head);
  const resolve::NameMatchOptions options{args.threshold};
  Row row;
  RowError bad;
  for (;;) {
    LP_ASSIGN_OR_RETURN(const ReadOutcome outcome, source.Next(row, bad));
    if (outcome == ReadOutcome::kEnd) break;
    if (outcome == ReadOutcome::kBadRow) {
      const std::string column = bad.column == 0 || bad.column > header.size() ? ""
          : "column " + std::to_string(bad.column) + " ('" + header[bad.column - 1] + "'): ";
      return Status::ParseError(file + ":" + std::to_string(bad.line) + ": " + column + bad.message);
    }
    const resolve::NameMatch m = resolve::CompareNames(row.fields[col_a], row.fields[col_b], options);
    TableRow cells(row.fields.begin(), row.fields.end());
    cells.push_back(Fixed(m.score, 4));
    cells.push_back(m.match ? "true" : "false");
    PrintCsvRow(out, cells);
  }
  return Status::Ok();
}

// --output is written beside itself and renamed into place only when every row scored, so a
// malformed row or a full disk leaves an earlier scored.csv as it was, never half of a new one.
Status ComparePairsFile(const CompareArgs& args) {
  LP_ASSIGN_OR_RETURN(auto bytes, OpenFileBytes(args.pairs_file));
  Result<std::unique_ptr<RecordSource>> opened = OpenCsv(std::move(bytes));
  if (!opened.ok()) return Status::ParseError(args.pairs_file + ": " + opened.status().message());
  if (args.output_file.empty()) {
    LP_RETURN_IF_ERROR(ScorePairs(**opened, args.pairs_file, args, std::cout));
    std::cout.flush();
    return std::cout ? Status::Ok() : Status::IOError("cannot write standard output");
  }
  return WriteFileAtomically(args.output_file, [&](std::ostream& out) {
    return ScorePairs(**opened, args.pairs_file, args, out);
  });
}

void RunCompare(const CompareArgs& args) {
  if (!args.pairs_file.empty()) {
    if (!args.names.empty()) return Fail(Status::InvalidArgument("give either two names or --pairs FILE, not both"));
    const Status s = ComparePairsFile(args);
    if (!s.ok()) Fail(s);
    return;
  }
  if (args.names.size() != 2) return Fail(Status::InvalidArgument("names compare needs two names (or --pairs FILE)"));
  for (const auto& [name, which] : {std::pair{&args.names[0], "name A"}, std::pair{&args.names[1], "name B"}}) {
    if (Status st = CheckUtf8Argument(*name, which); !st.ok()) return Fail(st);
  }
  const resolve::NameMatch m = resolve::CompareNames(args.names[0], args.names[1], {args.threshold});
  if (args.json) {
    std::cout << MatchJson(args.names[0], args.names[1], m, args.threshold).dump(2) << "\n";
  } else {
    PrintMatch(args.names[0], args.names[1], m, args.threshold);
  }
}

}  // namespace

void RegisterNames(CLI::App& app) {
  auto* names = app.add_subcommand("names", "Name matching for transliterated names.");
  names->require_subcommand(1);
  auto args = std::make_shared<CompareArgs>();
  auto* cmd = names->add_subcommand("compare", "Score two names (or each a,b row of --pairs FILE) and explain the parts.");
  cmd->add_option("names", args->names, "The two names to compare");
  cmd->add_option("--pairs", args->pairs_file, "CSV with columns a,b; writes the rows back with score,match added");
  cmd->add_option("--output", args->output_file, "With --pairs: write the CSV here instead of standard output");
  cmd->add_flag("--json", args->json, "Print JSON: a, b, score, match, threshold, parts[{part_a, part_b, role, outcome, similarity, how}]");
  cmd->add_option("--threshold", args->threshold, "Match threshold on the score")->capture_default_str()->check(Between(0, 1));
  cmd->callback([args] { RunCompare(*args); });
}

}  // namespace linchpin::cli
