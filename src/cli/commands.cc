#include "cli/commands.h"

#include <algorithm>
#include <cctype>
#include <iostream>

#include "common/strings.h"
#include "ingest/csv_reader.h"
#include "ingest/phone.h"
#include "resolve/names/string_similarity.h"

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

CLI::Validator Between(double lo, double hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        double x = 0;
        const bool number = CLI::detail::lexical_cast(text, x);
        if (number && x >= lo && x <= hi) return "";  // false for NaN
        return "expected a number from " + CLI::detail::to_string(lo) + " to " + CLI::detail::to_string(hi) +
               ", got '" + text + "'";
      },
      "NUMBER in [" + CLI::detail::to_string(lo) + ", " + CLI::detail::to_string(hi) + "]");
}

const CLI::Validator& PhoneRegion() {
  static const CLI::Validator v(
      [](std::string& text) -> std::string {
        for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (PhoneNormalizer(text).default_region() == text) return "";
        return "'" + text + "' is not a region code libphonenumber knows (ISO 3166, e.g. FR, GB, US)";
      },
      "REGION");
  return v;
}

namespace {
Result<TimeMs> ParseBound(const std::string& text, const char* flag) {
  if (text.empty()) return kNoTime;
  auto t = ParseTime(text);
  if (!t) return Status::InvalidArgument(std::string(flag) + ": expected an ISO 8601 time or epoch seconds, got '" + text + "'");
  return *t;
}
}  // namespace

Result<TimeWindow> ParseTimeWindow(const std::string& from, const std::string& to) {
  TimeWindow w;
  LP_ASSIGN_OR_RETURN(w.from, ParseBound(from, "--from"));
  LP_ASSIGN_OR_RETURN(w.to, ParseBound(to, "--to"));
  if (w.from != kNoTime && w.to != kNoTime && w.from > w.to) {
    return Status::InvalidArgument("--from " + from + " is after --to " + to + ": the window holds no time");
  }
  return w;
}

Status CheckUtf8Argument(const std::string& value, const std::string& what) {
  const auto bad = FindInvalidUtf8(value);
  if (!bad) return Status::Ok();
  return Status::InvalidArgument(what + ": invalid UTF-8 at byte offset " + std::to_string(bad->offset) + ": " +
                                 bad->problem + " (is the terminal set to UTF-8?)");
}

namespace {

std::string Folded(std::string_view word) {
  std::string out = AsciiLower(word);
  std::erase_if(out, [](char ch) { return ch == '-' || ch == '_'; });
  return out;
}

}  // namespace

std::string DidYouMean(std::string_view word, const std::vector<std::string>& choices) {
  const std::string folded = Folded(word);
  const int allowed = std::max(1, static_cast<int>(folded.size()) / 3);
  const std::string* best = nullptr;
  int best_distance = allowed + 1;
  for (const std::string& choice : choices) {
    const int d = resolve::LevenshteinDistance(folded, Folded(choice));
    if (d < best_distance) {
      best = &choice;
      best_distance = d;
    }
  }
  return best == nullptr ? "" : " (did you mean '" + *best + "'?)";
}

void Fail(const Status& status) {
  std::cerr << "linchpin: error: " << status.ToString() << "\n";
  ExitCode() = kExitError;
}

}  // namespace linchpin::cli
