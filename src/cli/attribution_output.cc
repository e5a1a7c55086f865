#include "cli/attribution_output.h"

#include "cli/output.h"
#include "common/time.h"

namespace linchpin::cli {

std::string Label(const attribute::AttributionReport& r, const std::string& entity) {
  auto it = r.labels.find(entity);
  return it == r.labels.end() ? "" : it->second;
}

std::string Named(const attribute::AttributionReport& r, const std::string& entity) {
  const std::string label = Label(r, entity);
  return label.empty() ? entity : entity + " (" + label + ")";
}

std::string JoinNamed(const attribute::AttributionReport& r, const std::vector<std::string>& entities) {
  std::string out;
  for (const std::string& e : entities) out += (out.empty() ? "" : ", ") + Named(r, e);
  return out;
}

void PrintIncidentTable(std::ostream& out, const attribute::AttributionReport& r) {
  std::vector<TableRow> rows;
  for (const auto& f : r.incidents) {
    const bool any = !f.handlers.empty();
    const std::string top = any ? f.handlers.front().who.entity : "-";
    rows.push_back({f.incident, FormatTime(f.time), std::string(attribute::ToString(f.verdict)), Fixed(f.confidence, 2), top,
                    any ? Label(r, top) : "", any ? Fixed(f.handlers.front().score, 3) : "-",
                    std::to_string(f.handlers.size())});
  }
  PrintTable(out, {"incident", "time", "verdict", "confidence", "top handler", "name", "score", "handlers"}, rows);
}

}  // namespace linchpin::cli
